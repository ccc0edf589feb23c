#!/usr/bin/env bash
# Builds everything and analyses the bundled example corpus (five scraped Arabic
# articles on the January 2022 Ghwayran prison attack in Hasakah).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
mkdir -p out
build/isnad analyze examples/hasakah-2022 --manifest examples/hasakah-2022/manifest.tsv \
  -o out/hasakah-2022.json --pretty --html out/hasakah-2022.html --groups-csv out/hasakah-2022.groups.csv
echo "isnad: wrote out/hasakah-2022.json, out/hasakah-2022.html and out/hasakah-2022.groups.csv" >&2
