#!/usr/bin/env bash
# test.sh - the VS Code extension's tests. Installs the pinned npm packages
# (package-lock.json) with `npm ci` first, unless they are already installed
# from this very lock file. Fails, never skips, when node (18 or newer) or npm
# is missing: .ci/install-deps.sh installs them.
#
# Usage: editors/vscode/test.sh [STEP] [REMIT_LSP [REMITC]]
#   STEP: all (default), install, grammar, unit, e2e, package,
#         real-install, real (the extension in a real VS Code; not in `all`)
#   REMIT_LSP: the language server for the e2e and real steps
#              (default: build/bin/remit-lsp)
#   REMITC: the compiler the real step compares diagnostics with
#           (default: remitc beside REMIT_LSP)
#   UPDATE_SNAPSHOTS=1 rewrites test/snap/ from the current grammar.
#   UPDATE_SCREENSHOT=1 makes the real step write images/screenshot-diagram.png.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$here"

step=all
case "${1:-}" in
  all | install | grammar | unit | e2e | package | real-install | real) step=$1; shift ;;
esac
server=${1:-$root/build/bin/remit-lsp}
remitc=${2:-$(dirname "$server")/remitc}

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

# ---- The real VS Code (test/real) --------------------------------------------
# code-server 4.100.3 is VS Code 1.100.3 for the browser, published on npm with
# a Node extension host; it needs node 20 exactly. Its install builds native
# modules with node-gyp (g++, make, python3, the node headers, libkrb5-dev for
# kerberos) and fetches ripgrep from GitHub, which this network refuses: the
# download is served from @vscode/ripgrep's own cache, seeded with Debian's rg.
real_dir=$here/test/real
real_tools() {
  local missing=()
  command -v chromium >/dev/null || missing+=("chromium (Debian package chromium)")
  command -v rg >/dev/null || missing+=("rg (Debian package ripgrep)")
  command -v krb5-config >/dev/null || missing+=("krb5-config (Debian package libkrb5-dev)")
  for t in g++ make python3; do command -v "$t" >/dev/null || missing+=("$t"); done
  if [[ ${#missing[@]} -gt 0 ]]; then
    echo "test.sh: the real VS Code test needs ${missing[*]}; run .ci/install-deps.sh" >&2
    exit 1
  fi
}

real_install() {
  check_node
  real_tools
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [[ $major -ne 20 ]]; then
    echo "test.sh: code-server 4.100.3 (test/real) needs node 20; this is node $(node --version)" >&2
    exit 1
  fi
  exec 9>"$real_dir/.install.lock"
  flock 9
  local stamp=$real_dir/node_modules/.remit-lock-stamp want
  want=$( (cat "$real_dir/package.json" "$real_dir/package-lock.json"; node --version; rg --version) |
    sha256sum | cut -d' ' -f1)
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    # node-gyp must not download the node headers: use the installed ones.
    if [[ -z ${npm_config_nodedir:-} && -f /usr/include/node/node_version.h ]] &&
      grep -q "define NODE_MAJOR_VERSION $major\$" /usr/include/node/node_version.h; then
      export npm_config_nodedir=/usr
    fi
    # @vscode/ripgrep's postinstall takes this file instead of downloading it
    # (1.15.11 and v13.0.0-10: code-server 4.100.3's lib/vscode/npm-shrinkwrap.json).
    local seed cache
    seed=$(mktemp -d)
    cache=$seed/vscode-ripgrep-cache-1.15.11
    mkdir -p "$cache" "$seed/rg"
    cp "$(command -v rg)" "$seed/rg/rg"
    tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$seed/rg" rg
    # code-server's postinstall insists on npm_config_unsafe_perm as root; node-pty's
    # runs `npx node-gyp`, which must not ask.
    (cd "$real_dir" && TMPDIR=$seed npm_config_unsafe_perm=true npm_config_yes=true \
      npm ci --no-audit --no-fund --prefer-offline) || { rm -rf "$seed"; exit 1; }
    rm -rf "$seed"
    echo "$want" >"$stamp"
  fi
  flock -u 9
}

real() {
  real_tools
  for f in "$server" "$remitc"; do
    if [[ ! -x $f ]]; then
      echo "test.sh: $f is not an executable; build it with ninja -C build remit-lsp remitc" >&2
      return 1
    fi
  done
  if [[ ! -f $real_dir/node_modules/.remit-lock-stamp ]]; then
    echo "test.sh: test/real's packages are not installed; run test.sh real-install" >&2
    return 1
  fi
  echo "== real: the packaged extension in VS Code (code-server) driven by Chromium"
  local tmp
  tmp=$(mktemp -d)
  # REMIT_REAL_KEEP=1 keeps the workspace, settings and logs of the run.
  if [[ -n ${REMIT_REAL_KEEP:-} ]]; then echo "keeping $tmp"; else trap 'rm -rf "$tmp"' RETURN; fi
  # The .vsix as `npm run package` makes it, written outside the tree.
  exec 7>"$here/.build.lock"
  flock 7
  npx --no-install tsc -p .
  npm run --silent bundle </dev/null
  npx --no-install vsce package --no-dependencies --skip-license --allow-missing-repository -o "$tmp/remit.vsix" </dev/null >/dev/null
  flock -u 7
  local status=0
  node "$real_dir/run.js" --vsix "$tmp/remit.vsix" --server "$server" --remitc "$remitc" \
    --model "$root/examples/insurer-product" --tmp "$tmp" \
    ${UPDATE_SCREENSHOT:+--screenshot "$here/images/screenshot-diagram.png"} || status=$?
  if [[ $status -ne 0 && -z ${REMIT_REAL_KEEP:-} ]]; then
    echo "test.sh: REMIT_REAL_KEEP=1 keeps the run's workspace and VS Code's logs" >&2
  fi
  return $status
}

case $step in
  real-install) real_install; exit 0 ;;
  real) install; real; exit $? ;;
esac

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
