#!/usr/bin/env bash
# update.sh - regenerates every golden .expected file: update.sh [BUILD_DIR]
# Review the resulting diff before committing; never hand-edit in bulk.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
for case_dir in "$here"/cases/*/; do
  bash "$here/run.sh" "$build/bin/remitc" "$case_dir" --update
done
echo "updated $(ls -d "$here"/cases/*/ | wc -l) cases"
