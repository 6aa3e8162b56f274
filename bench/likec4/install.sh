#!/usr/bin/env bash
# install.sh - installs the pinned LikeC4 CLI (package-lock.json) into
# bench/likec4/node_modules (npm install --no-save, see below), unless it is
# already installed from this very lock file, so a second run needs no
# network. bench/all.sh times
# `likec4 validate --skip-layout` beside `remitc check`. Fails (exit 1) when
# node or npm is missing or node is older than likec4 1.46 needs (20.19):
# the benchmark must not be skipped silently (.ci/install-deps.sh installs
# node and npm).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "install.sh: \`$tool\` is missing; run .ci/install-deps.sh (Debian packages nodejs and npm)" >&2
    exit 1
  fi
done
if ! node -e '
  const [a, b] = process.versions.node.split(".").map(Number);
  process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1);'; then
  echo "install.sh: node $(node --version) is too old; likec4 1.46.0 needs node 20.19 or newer" >&2
  exit 1
fi

cd "$here"
# One installer at a time (ctest -j, or two checkouts' benchmarks).
exec 9>"$here/.install.lock"
flock 9
stamp=node_modules/.remit-lock-stamp
want=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$want" && -x node_modules/.bin/likec4 ]]; then
  exit 0
fi
# Not `npm ci`: the registry this project reaches lacks the other platforms'
# builds of rollup that likec4's vite lists as optional, so the lock file
# cannot name them and `npm ci` refuses it as out of sync. `npm install
# --no-save` installs exactly the locked versions and writes nothing back.
npm install --no-save --no-audit --no-fund --prefer-offline
version=$(node -p 'require("./node_modules/likec4/package.json").version')
pinned=$(node -p 'require("./package.json").dependencies.likec4')
if [[ $version != "$pinned" ]]; then
  echo "install.sh: installed likec4 $version, but package.json pins $pinned" >&2
  exit 1
fi
echo "$want" >"$stamp"
