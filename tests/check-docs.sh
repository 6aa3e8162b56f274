#!/usr/bin/env bash
# check-docs.sh REMITC DOCS_CHECKS_MD - fails when docs/checks.md differs from
# what `remitc explain --markdown` generates from the registry. Regenerate:
#   build/bin/remitc explain --markdown > docs/checks.md
set -u
if ! diff -u "$2" <("$1" explain --markdown); then
  echo "docs/checks.md is stale: run \`build/bin/remitc explain --markdown > docs/checks.md\`"
  exit 1
fi
echo "docs/checks.md matches the registry"
