#!/usr/bin/env bash
# Loads the HTML report in Debian's headless Chromium and checks that its script ran
# (the views exist), that conflicts are highlighted, and that hostile article text is
# shown as text (no element or script from the article reaches the page). Leaves a
# screenshot at $ISNAD_REPORT_SCREENSHOT when set.
# usage: report_browser_test.sh ISNAD_BINARY SOURCE_DIR
set -euo pipefail
bin=$1; src=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  if [ "${ISNAD_SKIP_BROWSER:-0}" = 1 ]; then echo "chromium not installed; skipped (ISNAD_SKIP_BROWSER=1)"; exit 0; fi
  echo "chromium is not installed (scripts/deps.sh installs it)" >&2; exit 1
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus"
cp "$src"/examples/hasakah-2022/*.txt "$work/corpus/"
# Untrusted text: markup that must stay text.
printf '%s\n\n%s\n' 'عنوان <img src=x onerror="document.title=1">' \
  'قال المرصد إن 12 مدنياً قتلوا. </script><script>document.title="pwned"</script><b id="injected">x</b>' > "$work/corpus/zz_hostile.txt"
"$bin" analyze --no-progress "$work/corpus" -o "$work/a.json" --html "$work/report.html"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile" --virtual-time-budget=5000)
"$browser" "${flags[@]}" --dump-dom "file://$work/report.html" > "$work/dom.html" 2>"$work/browser.log" || {
  cat "$work/browser.log" >&2; exit 1; }
fail() { echo "report_in_chromium: $1" >&2; exit 1; }
grep -q 'id="report-ready"' "$work/dom.html" || fail "the page's script did not run to the end"
grep -q '<title>isnad report</title>' "$work/dom.html" || fail "the title was changed by article text"
grep -q 'id="injected"' "$work/dom.html" && fail "article markup became an element"
grep -q 'class="group status-conflict"' "$work/dom.html" || fail "no conflict row highlighted"
grep -q 'class="group status-evolving"' "$work/dom.html" || fail "no evolving tally"
grep -q 'id="timeline-chart"' "$work/dom.html" || fail "no timeline chart"
grep -q 'class="tally"' "$work/dom.html" || fail "no tally chart"
grep -q 'onerror=' "$work/dom.html" && ! grep -q '&lt;img src=x onerror' "$work/dom.html" && fail "unescaped markup"
# The Content-Security-Policy holds: a script slipped into the page (as if article text
# had become markup) does not run, while the page's own script still does.
grep -q 'http-equiv="Content-Security-Policy"' "$work/report.html" || fail "no Content-Security-Policy"
sed 's|</main>|</main><script>document.title="csp-broken"</script><img src="x" onerror="document.title=\x27csp-broken\x27">|' \
  "$work/report.html" > "$work/tampered.html"
"$browser" "${flags[@]}" --dump-dom "file://$work/tampered.html" > "$work/dom2.html" 2>>"$work/browser.log" || {
  cat "$work/browser.log" >&2; exit 1; }
grep -q 'id="report-ready"' "$work/dom2.html" || fail "the page's own script was blocked by its policy"
grep -q 'csp-broken</title>' "$work/dom2.html" && fail "an injected inline script ran despite the policy"
if [ -n "${ISNAD_REPORT_SCREENSHOT:-}" ]; then
  "$browser" "${flags[@]}" --window-size=1400,1800 --screenshot="$ISNAD_REPORT_SCREENSHOT" "file://$work/report.html" 2>/dev/null
fi
echo "report_in_chromium: 1 passed, 0 failed"
