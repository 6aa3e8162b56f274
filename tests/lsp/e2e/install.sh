#!/usr/bin/env bash
# install.sh - installs the pinned client packages (package-lock.json) into
# tests/lsp/e2e/node_modules with `npm ci`, unless they are already installed
# from this very lock file, so a second run needs no network. Fails (exit 1)
# when node or npm is missing or node is older than 18: the end-to-end test
# must not be skipped silently (.ci/install-deps.sh installs them).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "install.sh: \`$tool\` is missing; run .ci/install-deps.sh (Debian packages nodejs and npm)" >&2
    exit 1
  fi
done
major=$(node -p 'process.versions.node.split(".")[0]')
if [[ $major -lt 18 ]]; then
  echo "install.sh: node $(node --version) is too old; the tests need node 18 or newer (node --test)" >&2
  exit 1
fi

cd "$here"
# One installer at a time (ctest -j runs several tests that need the packages).
exec 9>"$here/.install.lock"
flock 9
stamp=node_modules/.remit-lock-stamp
want=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
  exit 0
fi
npm ci --no-audit --no-fund --prefer-offline
echo "$want" >"$stamp"
