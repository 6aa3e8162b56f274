#!/usr/bin/env bash
# build.sh - installs missing packages, configures and builds into build/.
# Extra arguments go to CMake's configure step (e.g. -DREMIT_SANITIZE=ON).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/.ci/install-deps.sh"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$root/build" -j "$(nproc)"
