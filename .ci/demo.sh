#!/usr/bin/env bash
# demo.sh - the README's demo command: set up, build, check the bundled
# examples, printing their findings, and write their diagrams and RACI
# matrices to build/diagrams/. Findings are the point of the demo, so they do
# not make it fail; a crash or an I/O error (exit 2 or worse) does.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/.ci/build.sh"
cd "$root"
mkdir -p build/diagrams
for example in examples/insurer-product examples/retail-incident examples/distributor-ai; do
  echo "== remitc check $example"
  status=0
  ./build/bin/remitc check "$example" || status=$?
  if [ "$status" -ge 2 ]; then exit "$status"; fi
  [ "$status" -eq 0 ] && echo "no findings"
  name=$(basename "$example")
  for view in org decisions escalation handoffs objectives; do
    status=0
    ./build/bin/remitc graph "$example" --view "$view" \
      -o "build/diagrams/$name-$view.svg" || status=$?
    if [ "$status" -ge 2 ]; then exit "$status"; fi
  done
  status=0
  ./build/bin/remitc report raci "$example" --format html \
    -o "build/diagrams/$name-raci.html" || status=$?
  if [ "$status" -ge 2 ]; then exit "$status"; fi
done
status=0
./build/bin/remitc graph examples/retail-incident --view modes --mode incident \
  -o build/diagrams/retail-incident-modes-incident.svg || status=$?
if [ "$status" -ge 2 ]; then exit "$status"; fi
echo "== diagrams and RACI matrices in build/diagrams/"
