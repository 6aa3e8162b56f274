#!/usr/bin/env bash
# test.sh - the README's test command: set up, build, run the whole suite.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/.ci/build.sh" "$@"
cd "$root/build"
ctest --output-on-failure -j "$(nproc)"
