#!/usr/bin/env bash
# install-deps.sh - installs the Debian 12 packages the build and tests need,
# only those that are missing. Safe to run repeatedly. `--fuzz` adds clang and
# libFuzzer for the fuzzing build (.ci/fuzz.sh).
set -eu
packages=(cmake ninja-build g++ pkg-config antlr4 libantlr4-runtime-dev
          llvm-14-dev llvm-14-tools libfmt-dev libgraphviz-dev catch2 python3 time)
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang-14 libclang-rt-14-dev)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
# The language server's end-to-end test and latency benchmark run a real LSP
# client on node (18 or newer; Debian 12 has 18). A node from elsewhere
# (NodeSource, nvm) is fine: install Debian's only where the command is absent.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
# The VS Code extension's real-editor test (editors/vscode/test/real): Chromium
# to drive code-server's workbench headless; ripgrep, which code-server's
# install would otherwise download; libkrb5-dev for its native kerberos module.
for p in chromium ripgrep libkrb5-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
