#!/usr/bin/env bash
# demo.sh - the README's demo command: set up, build, and check the bundled
# examples, printing their findings. Findings are the point of the demo, so
# they do not make it fail; a crash or an I/O error (exit 2 or worse) does.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/.ci/build.sh"
cd "$root"
for example in examples/insurer-product examples/retail-incident examples/distributor-ai; do
  echo "== remitc check $example"
  status=0
  ./build/bin/remitc check "$example" || status=$?
  if [ "$status" -ge 2 ]; then exit "$status"; fi
  [ "$status" -eq 0 ] && echo "no findings"
done
