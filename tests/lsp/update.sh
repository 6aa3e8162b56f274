#!/usr/bin/env bash
# update.sh - regenerate every transcript's golden from the built server.
# Review the diff: a golden is only as right as the output it records.
# Usage: tests/lsp/update.sh [BUILD_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
for t in "$here"/transcripts/*.jsonrpc; do
  python3 "$here/transcript.py" "$build/bin/remit-lsp" "$t" --update
done
