#!/usr/bin/env bash
# Installs the Debian 12 packages isnad builds and tests with (skipped when present).
# Needs root (or sudo) only when something is missing.
set -euo pipefail
PKGS=(cmake ninja-build g++ clang pkg-config libicu-dev libstemmer-dev nlohmann-json3-dev
      libcli11-dev libsimdjson-dev libabsl-dev libgumbo-dev libxxhash-dev libzstd-dev zstd
      libgtest-dev libbenchmark-dev libssl-dev python3 chromium)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "isnad: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
