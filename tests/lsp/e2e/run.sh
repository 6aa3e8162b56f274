#!/usr/bin/env bash
# run.sh - the CTest entry of the end-to-end test: installs the client
# packages if needed, then runs test/*.test.js with node's built-in runner
# against the given server.
#
# Usage: tests/lsp/e2e/run.sh [REMIT_LSP [REMITC]]
#   (defaults: build/bin/remit-lsp and build/bin/remitc of this checkout)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
export REMIT_LSP=${1:-$root/build/bin/remit-lsp}
export REMITC=${2:-$root/build/bin/remitc}
export REMIT_SOURCE_DIR=$root
bash "$here/install.sh"
cd "$here"
exec node --test test/lsp.test.js
