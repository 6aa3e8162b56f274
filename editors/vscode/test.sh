#!/usr/bin/env bash
# test.sh - the VS Code extension's tests. Installs the pinned npm packages
# (package-lock.json) with `npm ci` first, unless they are already installed
# from this very lock file. Fails, never skips, when node (18 or newer) or npm
# is missing: .ci/install-deps.sh installs them.
#
# Usage: editors/vscode/test.sh [STEP] [REMIT_LSP]
#   STEP: all (default), install, grammar, unit, e2e, package
#   REMIT_LSP: the language server for the e2e step (default: build/bin/remit-lsp)
#   UPDATE_SNAPSHOTS=1 rewrites test/snap/ from the current grammar.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$here"

step=all
case "${1:-}" in
  all | install | grammar | unit | e2e | package) step=$1; shift ;;
esac
server=${1:-$root/build/bin/remit-lsp}

check_node() {
  for tool in node npm; do
    if ! command -v "$tool" >/dev/null; then
      echo "test.sh: \`$tool\` is missing; run .ci/install-deps.sh (Debian packages nodejs and npm)" >&2
      exit 1
    fi
  done
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [[ $major -lt 18 ]]; then
    echo "test.sh: node $(node --version) is too old; the extension's tests need node 18 or newer" >&2
    exit 1
  fi
}

install() {
  check_node
  # One installer at a time (ctest -j runs several steps that need the packages).
  exec 8>"$here/.install.lock"
  flock 8
  local stamp=node_modules/.remit-lock-stamp want
  want=$( (cat package.json package-lock.json; node --version) | sha256sum | cut -d' ' -f1)
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    npm ci --no-audit --no-fund --prefer-offline
    echo "$want" >"$stamp"
  fi
  flock -u 8
}

# tsc and esbuild write out/ and dist/: one build at a time.
compile() {
  exec 7>"$here/.build.lock"
  flock 7
  npx --no-install tsc -p .
  flock -u 7
}

grammar() {
  echo "== grammar: generated file up to date"
  node scripts/gen-grammar.js --check
  echo "== grammar: scope assertions (test/grammar/*.remit)"
  npx --no-install vscode-tmgrammar-test -g syntaxes/remit.tmLanguage.json 'test/grammar/*.remit'
  echo "== grammar: snapshots of the examples (../../examples, test/snap/)"
  local tmp status=0
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  local n=0
  for src in ../../examples/*/*.remit; do
    local rel=${src#../../examples/}
    mkdir -p "$tmp/$(dirname "$rel")"
    cp "$src" "$tmp/$rel"
    if [[ -f test/snap/$rel.snap ]]; then
      cp "test/snap/$rel.snap" "$tmp/$rel.snap"
    elif [[ -z ${UPDATE_SNAPSHOTS:-} ]]; then
      echo "test.sh: test/snap/$rel.snap is missing; run UPDATE_SNAPSHOTS=1 bash test.sh grammar" >&2
      status=1
    fi
    n=$((n + 1))
  done
  [[ $n -gt 0 ]] || { echo "test.sh: no examples under ../../examples" >&2; return 1; }
  local update=()
  [[ -n ${UPDATE_SNAPSHOTS:-} ]] && update=(--updateSnapshot)
  npx --no-install vscode-tmgrammar-snap -g syntaxes/remit.tmLanguage.json "${update[@]}" "$tmp/**/*.remit" || status=1
  if [[ -n ${UPDATE_SNAPSHOTS:-} ]]; then
    (cd "$tmp" && find . -name '*.snap' -print0) | while IFS= read -r -d '' snap; do
      mkdir -p "test/snap/$(dirname "$snap")"
      cp "$tmp/$snap" "test/snap/$snap"
    done
    echo "updated test/snap/"
  fi
  echo "$n example files"
  return $status
}

unit() {
  compile
  echo "== unit: settings mapping, server path, webview pages"
  node --test test/unit/settings.test.js test/unit/serverPath.test.js test/unit/webviewHtml.test.js
}

e2e() {
  compile
  echo "== e2e: remit-lsp ($server) as the extension uses it"
  if [[ ! -x $server ]]; then
    echo "test.sh: $server is not an executable; build it with ninja -C build remit-lsp" >&2
    return 1
  fi
  REMIT_LSP=$server node --test test/e2e/server.test.js
}

package() {
  echo "== package: npm run package, then the .vsix contents"
  exec 7>"$here/.build.lock"
  flock 7
  rm -f ./*.vsix
  npm run --silent package </dev/null
  flock -u 7
  node --test test/vsix.test.js
}

install
case $step in
  install) ;;
  grammar) grammar ;;
  unit) unit ;;
  e2e) e2e ;;
  package) package ;;
  all)
    grammar
    unit
    e2e
    package
    ;;
esac
