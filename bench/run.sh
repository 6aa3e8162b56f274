#!/usr/bin/env bash
# Benchmark `remitc check` on generated models: wall time and peak memory.
#
# Usage: bench/run.sh [REMITC] [RUNS]
#   REMITC  the compiler to measure (default: build/bin/remitc); nothing is built
#   RUNS    timed runs per case (default: 5); the median wall time is reported
#
# Environment: BENCH_SEED (default 1), BENCH_KEEP=1 keeps the generated models
# (their directory is printed).
#
# Needs python3 and GNU time (/usr/bin/time; Debian package `time`). Run it on
# an otherwise idle machine, and never two benchmarks at once.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
remitc=${1:-$root/build/bin/remitc}
runs=${2:-5}
seed=${BENCH_SEED:-1}

if [[ ! -x $remitc ]]; then
  echo "run.sh: no executable compiler at $remitc (build it first)" >&2
  exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
  echo "run.sh: /usr/bin/time is missing (apt-get install time)" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "run.sh: python3 is missing" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/remit-bench.XXXXXX")
if [[ ${BENCH_KEEP:-0} != 1 ]]; then
  trap 'rm -rf "$work"' EXIT
fi

# name  size-MiB  files (empty: the generator's default of one per ~100 KiB)
cases=(
  "1mb       1  "
  "1mb-1file 1  1"
  "10mb      10 "
  "10mb-1file 10 1"
)

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$(dirname "$remitc")/../CMakeCache.txt" 2>/dev/null || true)
echo "remitc:  $remitc ($("$remitc" --version 2>&1 | head -1)${build_type:+, $build_type build}; source tree $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown))"
echo "runs:    $runs per case after one untimed warm-up; median wall and CPU (user+sys) time, peak RSS is the largest of the runs; seed $seed"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min load average before the runs)"
echo

rows=()
for c in "${cases[@]}"; do
  read -r name size files <<<"$c"
  dir=$work/$name
  gen_args=(--size-mb "$size" --seed "$seed" --out "$dir")
  [[ -n ${files:-} ]] && gen_args+=(--files "$files")
  python3 "$here/gen_model.py" "${gen_args[@]}" >/dev/null

  # One untimed run: warms the page cache and checks the model is clean.
  out=$work/$name.out
  if ! "$remitc" check --color=never "$dir" >"$out" 2>&1 || [[ -s $out ]]; then
    echo "run.sh: the generated $name model is not clean:" >&2
    head -20 "$out" >&2
    exit 1
  fi

  times=()
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -o "$work/time" -f '%e %M %U %S' "$remitc" check --color=never "$dir" >/dev/null
    times+=("$(cat "$work/time")")
  done
  rows+=("$(python3 "$here/summarize.py" case "$dir/manifest.json" "$name" "${times[@]}")")
  echo "done: $name" >&2
done

echo "| case | input MiB | files | declarations | median wall s | median CPU s | MiB/s (wall) | peak RSS MiB | RSS bytes / input byte | all runs, wall s |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
if [[ ${BENCH_KEEP:-0} == 1 ]]; then
  echo
  echo "models kept in $work"
fi
