#!/usr/bin/env bash
# How `remitc check` time and memory grow with input size (is it linear?).
#
# Usage: bench/scaling.sh [REMITC] [RUNS]
#   REMITC  the compiler to measure (default: build/bin/remitc)
#   RUNS    runs per point (default: 3); medians are reported
#
# Prints a Markdown table: one row per (layout, size), with CPU seconds per
# MiB and RSS per input byte, so a super-linear phase shows as a growing
# column. Sizes: SCALING_SIZES (default "1 2 5 10 20 40" MiB; the single-file
# layout stops at 15 MiB, under remitc's 16 MiB limit for one file).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
remitc=${1:-$root/build/bin/remitc}
runs=${2:-3}
sizes=${SCALING_SIZES:-1 2 5 10 20 40}

[[ -x $remitc ]] || { echo "scaling.sh: no executable compiler at $remitc" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "scaling.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/remit-scaling.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "| layout | input MiB | files | median wall s | median CPU s | CPU s per MiB | peak RSS MiB | RSS bytes / input byte |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for layout in many single; do
  for size in $sizes; do
    args=(--size-mb "$size" --out "$work/m")
    if [[ $layout == single ]]; then
      awk "BEGIN { exit !($size > 15) }" && continue
      args+=(--files 1)
    fi
    rm -rf "$work/m"
    python3 "$here/gen_model.py" "${args[@]}" >/dev/null
    "$remitc" check --color=never "$work/m" >/dev/null # warm-up
    samples=()
    for ((i = 0; i < runs; i++)); do
      /usr/bin/time -o "$work/time" -f '%e %M %U %S' "$remitc" check --color=never "$work/m" >/dev/null
      samples+=("$(cat "$work/time")")
    done
    python3 "$here/summarize.py" scaling "$work/m/manifest.json" "$layout" "${samples[@]}"
  done
done
