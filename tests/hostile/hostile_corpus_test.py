#!/usr/bin/env python3
"""The hostile corpus: every promise isnad makes on bad input, checked end to end.

Generated at test time (nothing large is committed) in a temporary directory, then run
through the real binary under a time limit and an address-space limit (RLIMIT_AS). Each
case checks the exit status, that time and memory stay bounded, that every bad input is
reported, that every good document is analysed and that every span is exact
(--check-spans). Prints one line per case with its wall time and peak RSS.

usage: hostile_corpus_test.py ISNAD_BINARY SOURCE_DIR [--only NAME]
"""
import json
import os
import pty
import random
import resource
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
ONLY = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
GiB = 1 << 30
failures = []
figures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("  FAIL: " + msg, flush=True)
    return cond


def run(args, timeout=120, mem=4 * GiB, stdin=None, cwd=None, fsize=None):
    """Runs isnad; returns (status, stdout, stderr, seconds, max_rss_bytes of that run)."""
    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    t0 = time.monotonic()
    p = subprocess.Popen([BIN] + args, stdin=stdin if stdin is not None else subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limits, cwd=cwd)
    chunks = {p.stdout.fileno(): [], p.stderr.fileno(): []}
    open_fds = set(chunks)
    while open_fds:
        left = timeout - (time.monotonic() - t0)
        if left <= 0:
            p.kill()
            check(False, "%s: did not finish within %d s" % (" ".join(args[:2]), timeout))
            break
        ready, _, _ = select.select(list(open_fds), [], [], left)
        for fd in ready:
            data = os.read(fd, 1 << 16)
            if data:
                chunks[fd].append(data)
            else:
                open_fds.discard(fd)
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stdout.close()
    p.stderr.close()
    secs = time.monotonic() - t0
    out_fd, err_fd = list(chunks)
    return p.returncode, b"".join(chunks[out_fd]), b"".join(chunks[err_fd]), secs, usage.ru_maxrss * 1024


def case(name):
    def wrap(fn):
        if ONLY and ONLY != name:
            return fn
        print("case %s" % name, flush=True)
        t0 = time.monotonic()
        before = len(failures)
        fn()
        figures.append((name, time.monotonic() - t0, len(failures) == before))
        return fn
    return wrap


def zstd_frames(block, copies):
    """`copies` concatenated zstd frames of `block` (a valid stream of len*copies bytes)."""
    frame = subprocess.run(["zstd", "-q", "-19", "-c"], input=block, stdout=subprocess.PIPE, check=True).stdout
    return frame * copies


def load(path):
    with open(path, "rb") as f:
        return json.loads(f.read().decode("utf-8"))


def doc_by_id(analysis):
    return {d["id"]: d for d in analysis["documents"]}


work = tempfile.mkdtemp(prefix="isnad_hostile_")
os.chmod(work, 0o755)
ARTICLE = open(os.path.join(SRC, "examples/hasakah-2022/001_713632cbd7d3624d.txt"), "rb").read()
CLAIM_UNIT = "قتل 12 شخصا وأصيب 30 آخرون في الهجوم و".encode()


@case("mixed_directory")
def mixed_directory():
    d = os.path.join(work, "corpus")
    os.makedirs(d)
    for name in sorted(os.listdir(os.path.join(SRC, "examples/hasakah-2022"))):
        if name.endswith(".txt"):
            shutil.copy(os.path.join(SRC, "examples/hasakah-2022", name), d)
    good = {n[:-4] for n in os.listdir(d)}
    w = lambda name, data: open(os.path.join(d, name), "wb").write(data)
    w("nested_div.html", b"<html><body>" + b"<div>" * 100000 + "قتل 3 أشخاص".encode() + b"</div>" * 100000 + b"</body></html>")
    w("nested_b.html", b"<html><body><p>" + b"<b>" * 100000 + "قتل 4 أشخاص".encode() + b"</p></body></html>")
    w("empty.txt", b"")
    w("binary.txt", b"PK\x03\x04\x00\x00\x01")
    w("latin1.txt", b"caf\xe9 au lait " * 20)
    w("claims_line.txt", CLAIM_UNIT * (7_800_000 // len(CLAIM_UNIT)))  # one 7.8 MB line of claims
    w("no_punct.txt", ("وأكد المسؤول أن الوضع في المدينة هادئ بعد اجتماع اللجنة " * 40000).encode())
    w("dated_lines.txt", ("الأحد 14 مارس 2021 - 10:30\n" * 60000).encode())
    w("anaphors.txt", ("وقالت رويترز إن التنظيم " * 80000).encode())
    lines = "".join('{"id":"z%d","text":"قال المرصد إن %d مدنيا قتلوا في القصف."}\n' % (i, i % 90 + 2) for i in range(20000))
    packed = subprocess.run(["zstd", "-q", "-c"], input=lines.encode(), stdout=subprocess.PIPE, check=True).stdout
    w("truncated.jsonl.zst", packed[: len(packed) // 2])
    w("dup_key.jsonl", '{"id":"dup","text":"قتل 5 أشخاص","text":"نص آخر"}\n'.encode())
    w("bad\nname\x1b[31mred.txt", b"")  # an empty file with a hostile name: its error names it
    os.symlink(".", os.path.join(d, "loop"))
    os.symlink("no-such-target.txt", os.path.join(d, "dangling.txt"))
    os.mkfifo(os.path.join(d, "pipe.txt"))
    locked = os.path.join(d, "locked")
    os.makedirs(locked)
    w("locked/secret.txt", "قتل 7 أشخاص".encode())
    os.chmod(locked, 0)
    root = os.geteuid() == 0  # root reads any directory: the unreadable case needs a user
    # A manifest of a million rows that match nothing.
    manifest = os.path.join(work, "manifest.tsv")
    with open(manifest, "w") as f:
        f.write("id\toutlet\n")
        for i in range(1_000_000):
            f.write("missing-%d\tX\n" % i)
    out = os.path.join(work, "mixed.json")
    st, _, err, secs, rss = run(["analyze", "--no-progress", "--check-spans", d, "-m", manifest, "-o", out], timeout=240)
    os.chmod(locked, 0o755)
    check(st == 1, "mixed: exit status %d, want 1" % st)
    check(secs < 200, "mixed: took %.0f s" % secs)
    check(len(err) < 20000, "mixed: %d bytes on stderr (errors must be capped)" % len(err))
    check(b"\x1b" not in err and b"bad\nname" not in err, "mixed: a control character reached the terminal")
    check(b"\\x1b" in err or b"\\n" in err, "mixed: the odd file name is not shown escaped")
    check(b"more run errors" in err, "mixed: the million manifest errors are not summarised by a count")
    check(b"and 1000000 run-level errors" in err, "mixed: the summary does not count the run errors")
    if not check(os.path.exists(out), "mixed: no output"):
        return
    a = load(out)
    docs = doc_by_id(a)
    for g in good:
        check(g in docs and not docs[g]["errors"], "mixed: good document %s missing or in error" % g)
    for bad, want in [("empty", "empty document"), ("binary", "binary content"), ("latin1", "invalid UTF-8"),
                      ("dup", "more than once"), ("truncated", "truncated")]:
        errs = " ".join(docs.get(bad, {}).get("errors", []))
        check(want in errs, "mixed: %s not reported (%r)" % (bad, errs[:200]))
    zs = [i for i in docs if i.startswith("z")]
    check(len(zs) > 100, "mixed: the decodable lines of the truncated .zst were not read (%d)" % len(zs))
    for n in ["nested_div", "nested_b", "claims_line", "no_punct", "dated_lines", "anaphors", "bad\nname\x1b[31mred"]:
        check(n in docs, "mixed: %r not analysed" % n)
    check(docs.get("claims_line", {}).get("stats", {}).get("tokens", 0) > 900_000, "mixed: the long line was cut short")
    warnings = "\n".join(a["warnings"])
    for want in ["symlink loop", "dangling symlink", "a FIFO"] + ([] if root else ["cannot read directory"]):
        check(want in warnings, "mixed: no warning for %s" % want)
    check(len(a["errors"]) == 1_000_000, "mixed: %d run errors in the JSON, want 1000000" % len(a["errors"]))
    spans = [e for d_ in a["documents"] for e in d_["errors"] if "span check" in e]
    check(not spans, "mixed: %d inexact spans, e.g. %s" % (len(spans), spans[:2]))
    figures.append(("mixed_directory.run", secs, rss))


@case("zstd_bomb_2GiB")
def zstd_bomb():
    line = ('{"id":"b","text":"%s"}\n' % ARTICLE.decode().replace("\\", "").replace('"', "").replace("\n", " ")).encode()
    block = line * ((64 << 20) // len(line))
    path = os.path.join(work, "bomb.jsonl.zst")
    with open(path, "wb") as f:
        f.write(zstd_frames(block, 2 * GiB // len(block) + 1))
    print("  %s: %d bytes, expands to %.1f GiB" % (path, os.path.getsize(path), (2 * GiB // len(block) + 1) * len(block) / GiB))
    # Default caps, a 2 GiB address-space limit and a document cap: bounded, clear error.
    st, _, err, secs, rss = run(["analyze", "--no-progress", "--max-docs", "20000", path, "-o", os.path.join(work, "bomb.json")],
                                mem=2 * GiB, timeout=180)
    check(st == 1, "bomb: exit status %d, want 1 (%s)" % (st, err[-300:]))
    check(b"per-run limit" in err, "bomb: the document cap is not reported")
    figures.append(("zstd_bomb.max_docs", secs, rss))
    # The per-input decompressed cap.
    st, _, err, secs, rss = run(["analyze", "--no-progress", "--max-input-bytes", "8M", path, "-o", os.path.join(work, "bomb2.json")],
                                mem=2 * GiB, timeout=180)
    check(st == 1 and b"--max-input-bytes" in err, "bomb: the input cap is not reported (%d, %s)" % (st, err[-300:]))
    figures.append(("zstd_bomb.max_input_bytes", secs, rss))
    # No cap but the memory one: reading stops when memory runs short, with an error.
    st, _, err, secs, rss = run(["analyze", "--no-progress", "--max-docs", "10000000", path, "-o", os.path.join(work, "bomb3.json")],
                                mem=1 * GiB + GiB // 2, timeout=240)
    check(st in (1, 3), "bomb: exit status %d under a memory limit (%s)" % (st, err[-300:]))
    check(b"memory" in err, "bomb: running short of memory is not reported")
    figures.append(("zstd_bomb.memory", secs, rss))


@case("tiny_lines")
def tiny_lines():
    path = os.path.join(work, "tiny.jsonl.zst")
    with open(path, "wb") as f:
        f.write(zstd_frames(b'{"text":"a"}\n' * 3_100_000, 1))
    print("  %s: %d bytes, 3.1M lines" % (path, os.path.getsize(path)))
    st, _, err, secs, rss = run(["analyze", "--no-progress", "--max-docs", "300000", path, "-o", os.path.join(work, "tiny.json")],
                                timeout=120)
    check(st == 1 and b"per-run limit" in err, "tiny: cap not reported (%d)" % st)
    check(rss < 2 * GiB, "tiny: peak RSS %.1f GiB" % (rss / GiB))
    figures.append(("tiny_lines.run", secs, rss))


@case("blank_lines")
def blank_lines():
    # A 1 GiB stream of empty and white-space lines (a few KB compressed) ahead of one
    # article: skipped at scanning speed, and the article keeps its true line number.
    block = b"\n" * (48 << 20) + b" \t\r\n" * (4 << 20)
    copies = GiB // len(block) + 1
    article = b'{"id":"after","text":"%s"}\n' % ARTICLE.decode().replace("\\", "").replace('"', "").replace("\n", " ").encode()
    path = os.path.join(work, "blank.jsonl.zst")
    with open(path, "wb") as f:
        f.write(zstd_frames(block, copies))
        f.write(zstd_frames(article, 1))
    lines = copies * (block.count(b"\n")) + 1
    print("  %s: %d bytes, %d lines" % (path, os.path.getsize(path), lines))
    out = os.path.join(work, "blank.json")
    st, _, err, secs, rss = run(["analyze", "--no-progress", "--max-input-bytes", "2G", path, "-o", out], timeout=60)
    check(st == 0, "blank: exit status %d (%s)" % (st, err[-300:]))
    if st == 0:
        docs = load(out)["documents"]
        check(len(docs) == 1 and docs[0]["id"] == "after", "blank: %d documents, want the one article" % len(docs))
        check(docs and docs[0].get("path", "").endswith(":%d" % lines), "blank: path %s, want line %d" % (docs and docs[0].get("path"), lines))
    figures.append(("blank_lines.run", secs, rss))


@case("dated_counts_line")
def dated_counts_line():
    # One dated sentence of 1 MB where every few words hold a count, a year, a date, a
    # "since" and a superlative: each count may look at a bounded window of times only
    # (it was minutes before, every count scanning every time and every quantity).
    unit = "أكثر الأيام دموية منذ حرب عام 2014 قتل 55 شخصا وأصيب 20 آخرون في 3 مارس 2015 و"
    path = os.path.join(work, "dated_counts.jsonl")
    with open(path, "w") as f:
        f.write(json.dumps({"id": "dated", "published": "2018-05-15", "text": unit * 8000}, ensure_ascii=False) + "\n")
    out = os.path.join(work, "dated_counts.json")
    st, _, err, secs, rss = run(["analyze", "--no-progress", path, "-o", out], timeout=60)
    check(st == 0, "dated counts: exit status %d (%s)" % (st, err[-300:]))
    if st == 0:
        a = load(out)
        check(len(a["claims"]) == 16000, "dated counts: %d claims, want 16000" % len(a["claims"]))
        check(all(c["as_of"] == "2018-05-15" for c in a["claims"] if c["text"] == "55"),
              "dated counts: the day's toll took the superlative's reference year")
    figures.append(("dated_counts_line.run", secs, rss))


@case("outputs")
def outputs():
    corpus = os.path.join(SRC, "examples/hasakah-2022")
    for flag in ["-o", "--html", "--groups-csv"]:
        args = ["analyze", "--no-progress", corpus, "-o", os.path.join(work, "o.json")]
        if flag == "-o":
            args[-1] = "/dev/full"
        else:
            args += [flag, "/dev/full"]
        st, _, err, _, _ = run(args)
        check(st == 3 and b"No space left" in err, "outputs: %s /dev/full gave %d (%s)" % (flag, st, err[-200:]))
    st, _, err, _, _ = run(["analyze", "--no-progress", corpus, "-o", "/nonexistent/dir/o.json"])
    check(st == 2, "outputs: unwritable -o gave %d" % st)
    # An unwritable target is found before the work: on a huge input it fails at once.
    bomb = os.path.join(work, "bomb.jsonl.zst")
    if os.path.exists(bomb):
        st, _, _, secs, _ = run(["analyze", "--no-progress", bomb, "-o", "/nonexistent/dir/o.json"])
        check(st == 2 and secs < 5, "outputs: unwritable -o found after %.1f s" % secs)
    # A full disk (RLIMIT_FSIZE makes writes fail with EFBIG): the previous file stays.
    prev = os.path.join(work, "prev.json")
    with open(prev, "w") as f:
        f.write('{"previous": true}\n')
    st, _, err, _, _ = run(["analyze", "--no-progress", corpus, "-o", prev], fsize=64 * 1024)
    check(st == 3, "outputs: a write over the file-size limit gave %d (%s)" % (st, err[-200:]))
    check(open(prev).read() == '{"previous": true}\n', "outputs: the previous file was damaged by a failed write")
    check(not [n for n in os.listdir(work) if ".isnad-tmp-" in n], "outputs: a temporary file was left behind")
    # Kill -9 while writing: the target is the previous file or a complete new one.
    big = os.path.join(work, "big.jsonl")
    with open(big, "w") as f:
        for i in range(150000):
            f.write('{"id":"k%d","text":"قال المرصد إن %d مدنيا قتلوا."}\n' % (i, i % 50 + 2))
    target = os.path.join(work, "killed.json")
    with open(target, "w") as f:
        f.write('{"previous": true}\n')
    rng = random.Random(7)
    outcomes = []
    for attempt in range(4):
        p = subprocess.Popen([BIN, "analyze", "--no-progress", big, "-o", target], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        # Wait until the output is being written (its temporary has bytes), then kill at
        # a random moment of the write.
        deadline = time.monotonic() + 120
        writing = False
        while time.monotonic() < deadline and p.poll() is None and not writing:
            for n in os.listdir(work):
                if n.startswith(".killed.json.isnad-tmp-"):
                    try:
                        writing = os.path.getsize(os.path.join(work, n)) > 0
                    except OSError:
                        pass
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.4))
        p.send_signal(signal.SIGKILL)
        p.wait()
        with open(target, "rb") as f:
            data = f.read()
        if data == b'{"previous": true}\n':
            outcomes.append("previous")
        else:
            try:
                json.loads(data)
                outcomes.append("complete")
            except ValueError:
                check(False, "outputs: kill -9 left a truncated output (%d bytes)" % len(data))
        for n in os.listdir(work):
            if ".isnad-tmp-" in n:
                os.unlink(os.path.join(work, n))
    print("  kill -9 while writing: %s" % ", ".join(outcomes))
    # Eval on a gold of the wrong shape, and a malformed --min.
    gold = os.path.join(work, "bad.gold.json")
    with open(gold, "w") as f:
        json.dump({"documents": 5, "claims": "x", "corpus_path": corpus}, f)
    st, _, err, _, _ = run(["eval", gold, "--analysis", os.path.join(work, "o.json") if os.path.exists(os.path.join(work, "o.json")) else gold])
    check(st == 2 and b"error" in err, "eval: a gold of the wrong shape gave %d" % st)
    st, _, err, _, _ = run(["eval", os.path.join(SRC, "tests/fixtures/hasakah-2022.gold.json"), "--min", "x=abc"])
    check(st == 2, "eval: --min x=abc gave %d" % st)


@case("command_line")
def command_line():
    st, _, err, _, _ = run(["anlyze", "x"])
    check(st == 2 and b"did you mean `analyze`" in err, "cli: mistyped command gave %d (%s)" % (st, err))
    st, out, _, _, _ = run(["help"])
    check(st == 0 and b"analyze" in out and b"eval" in out, "cli: `isnad help` gave %d" % st)
    st, out, _, _, _ = run(["help", "analyze"])
    check(st == 0 and b"--max-docs" in out and b"{false}" not in out, "cli: `isnad help analyze` gave %d" % st)
    st, _, _, _, _ = run(["analyze", "--no-such-option", "x"])
    check(st == 2, "cli: unknown option gave %d" % st)
    empty = os.path.join(work, "empty_dir")
    os.makedirs(empty)
    prev = os.path.join(work, "keep.json")
    open(prev, "w").write("{}")
    st, _, err, _, _ = run(["analyze", "--no-progress", empty, "-o", prev])
    check(st == 1 and b"no article" in err, "cli: a directory with no article gave %d" % st)
    check(open(prev).read() == "{}", "cli: an empty run replaced the previous output")
    # On a terminal, a run ends with a one-line summary of what it wrote.
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(BIN, [BIN, "analyze", os.path.join(SRC, "examples/hasakah-2022"), "-o", os.path.join(work, "tty.json")])
    buf = b""
    while True:
        r, _, _ = select.select([fd], [], [], 30)
        if not r:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
    os.waitpid(pid, 0)
    check(b"5 documents (0 with errors)" in buf and b"wrote" in buf, "cli: no summary on a terminal: %r" % buf[-300:])


for root_, dirs, _ in os.walk(work):
    for x in dirs:
        try:
            os.chmod(os.path.join(root_, x), 0o755)
        except OSError:
            pass
shutil.rmtree(work, ignore_errors=True)

print("\nfigures (wall seconds; peak RSS of the run):")
for f in figures:
    if len(f) == 3 and isinstance(f[2], int) and not isinstance(f[2], bool):
        print("  %-32s %7.1f s  %7.0f MiB" % (f[0], f[1], f[2] / 2**20))
    else:
        print("  %-32s %7.1f s  %s" % (f[0], f[1], "ok" if f[2] else "FAILED"))
if failures:
    print("hostile_corpus: %d failure(s)" % len(failures))
    sys.exit(1)
print("hostile_corpus: all cases passed")
