#!/usr/bin/env bash
# The layer check (scripts/check_layers.sh) passes on src/ and fails on a tree with an
# upward include, naming the file and line.
set -uo pipefail
root=${1:?usage: layering_test.sh SOURCE_DIR}
check="$root/scripts/check_layers.sh"
bash "$check" "$root/src" || { echo "FAIL: src/ breaks the layering"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/util" "$tmp/model" "$tmp/link"
printf '#include "util/a.h"\n' > "$tmp/model/doc.h"
printf '#include "model/doc.h"\n' > "$tmp/link/corpus.h"
bash "$check" "$tmp" >/dev/null || { echo "FAIL: a downward-only tree was refused"; exit 1; }
printf '#pragma once\n#include "link/corpus.h"\n' > "$tmp/model/bad.h"
out=$(bash "$check" "$tmp" 2>&1) && { echo "FAIL: model including link was accepted"; exit 1; }
grep -q 'model/bad.h:2: model (layer 1) includes link' <<<"$out" || { echo "FAIL: report does not name the line: $out"; exit 1; }
rm "$tmp/model/bad.h"
printf '#pragma once\n#include <isnad/isnad.h>\n' > "$tmp/link/public.h"
out=$(bash "$check" "$tmp" 2>&1) && { echo "FAIL: link including the public header was accepted"; exit 1; }
grep -q 'link/public.h:2: link includes the public header' <<<"$out" || { echo "FAIL: report does not name the line: $out"; exit 1; }
rm "$tmp/link/public.h"
mkdir -p "$tmp/cli"
printf '#include <isnad/isnad.h>\n' > "$tmp/cli/main.cc"
bash "$check" "$tmp" >/dev/null || { echo "FAIL: the front end including the public header was refused"; exit 1; }
echo "layering_test: ok"
