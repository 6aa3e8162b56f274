#!/usr/bin/env bash
# coverage.sh - fails if a registered diagnostic has no golden test:
# coverage.sh REMITC GOLDEN_CASES_DIR. Every name `remitc explain` lists must
# appear as `[name]` in some .expected file.
set -u
remitc=$1
cases=$2
missing=0
while IFS=$'\t' read -r name _; do
  if ! grep -rqF --include='*.expected' -- "[$name]" "$cases"; then
    echo "diagnostic \`$name\` has no golden test"
    missing=1
  fi
done < <("$remitc" explain)
[ $missing -eq 0 ] && echo "every registered diagnostic has a golden test"
exit $missing
