#!/usr/bin/env bash
# run.sh - runs one golden case: REMITC CASE_DIR [--update]
#
# A case is a directory of inputs plus one or more NAME.args files, each a
# line of remitc arguments. The case is copied to a scratch directory (so
# diagnostics name files relatively and setup can create odd inputs), its
# optional setup.sh runs there, then remitc runs once per .args file with the
# scratch directory as its working directory. setup.sh sees the repository
# root as $REPO. The output (stdout, stderr after a `--- stderr` line, and
# `[exit N]`) must equal NAME.expected.
# --update rewrites the .expected files instead.
set -u
remitc=$(realpath "$1")
case_dir=$(realpath "$2")
update=${3:-}
scratch=$(mktemp -d)
trap 'chmod -R u+rwX "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT
cp -R "$case_dir"/. "$scratch"/
rm -f "$scratch"/*.expected "$scratch"/*.args
cd "$scratch"
if [ -f setup.sh ]; then
  # setup.sh may read the repository (e.g. to copy an example) via REPO.
  REPO=$(cd "$case_dir/../../../.." && pwd) bash setup.sh || { echo "setup.sh failed in $case_dir"; exit 1; }
  rm -f setup.sh
fi
status=0
shopt -s nullglob
args_files=("$case_dir"/*.args)
if [ ${#args_files[@]} -eq 0 ]; then
  echo "no .args files in $case_dir"; exit 1
fi
for args_file in "${args_files[@]}"; do
  name=$(basename "$args_file" .args)
  read -r -a args < "$args_file"
  out=$(NO_COLOR=1 timeout 60 "$remitc" "${args[@]}" 2>"$scratch/.stderr")
  code=$?
  {
    printf '%s\n' "$out"
    if [ -s "$scratch/.stderr" ]; then echo "--- stderr"; cat "$scratch/.stderr"; fi
    echo "[exit $code]"
  } > "$scratch/.actual"
  expected="$case_dir/$name.expected"
  if [ "$update" = "--update" ]; then
    cp "$scratch/.actual" "$expected"
  elif ! diff -u "$expected" "$scratch/.actual"; then
    echo "FAIL: $case_dir/$name (rerun tests/golden/update.sh to accept)"
    status=1
  fi
done
exit $status
