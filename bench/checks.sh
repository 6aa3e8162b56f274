#!/usr/bin/env bash
# Time the organisational checks alone (the `checks` phase of
# `remitc check --time-report`) on generated models of 1,000 to 50,000 roles.
#
# Usage: bench/checks.sh [REMITC] [RUNS]
#   REMITC  the compiler to measure (default: build/bin/remitc); nothing is built
#   RUNS    timed runs per size (default: 5); medians are reported
#
# Environment: BENCH_SEED (default 1), CHECKS_SIZES (default "1000 10000 50000"),
# CHECKS_MAX_MODES (default: the generator's one incident mode per division;
# 0 for none, 4 for the models measured before 2026-11-23).
# The check phase must be linear in the model: the time per 1,000 roles should
# stay flat as the model grows, and a mode should cost what it overrides, not
# a model (the modes grow with the model here, one per division). Every
# generated model checks with zero findings (the script stops otherwise), so
# the phase does all its work and reports nothing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
remitc=${1:-$root/build/bin/remitc}
runs=${2:-5}
seed=${BENCH_SEED:-1}
sizes=${CHECKS_SIZES:-1000 10000 50000}
gen_args=()
[[ -n ${CHECKS_MAX_MODES:-} ]] && gen_args=(--max-modes "$CHECKS_MAX_MODES")

[[ -x $remitc ]] || { echo "checks.sh: no compiler at $remitc (build it first)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/remit-checks.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "remitc:  $("$remitc" --version | head -1), tree $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown); $runs runs per size, seed $seed"
echo
echo "| roles | modes | overrides | decisions | escalation sources | median checks s | ms per 1,000 roles | median analyze s | median total wall s |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for roles in $sizes; do
  model="$work/m$roles"
  python3 "$here/gen_model.py" --roles "$roles" --seed "$seed" "${gen_args[@]}" --out "$model" >/dev/null
  if [[ -n $("$remitc" check --color=never "$model") ]]; then
    echo "checks.sh: the $roles-role model has findings; fix the generator" >&2
    exit 1
  fi
  checks=() analyze=() wall=()
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    line=$("$remitc" check --color=never --time-report "$model" 2>&1 >/dev/null)
    end=$(date +%s%N)
    checks+=("$(sed -n 's/.*checks \([0-9.]*\) s.*/\1/p' <<<"$line")")
    analyze+=("$(sed -n 's/.*analyze \([0-9.]*\) s.*/\1/p' <<<"$line")")
    wall+=("$(( (end - start) / 1000000 ))e-3")
  done
  python3 - "$model/manifest.json" "${checks[*]}" "${analyze[*]}" "${wall[*]}" <<'PY'
import json, statistics, sys
m = json.load(open(sys.argv[1]))
med = lambda s: statistics.median(float(x) for x in s.split())
c, a, w = med(sys.argv[2]), med(sys.argv[3]), med(sys.argv[4])
k = m["by_kind"]
sources = k.get("role", 0) + k.get("forum", 0) + k.get("decision", 0)
print("| {:,} | {:,} | {:,} | {:,} | {:,} | {:.3f} | {:.1f} | {:.3f} | {:.2f} |".format(
    m["roles"], k.get("mode", 0), m.get("mode_overrides", 0), k.get("decision", 0),
    sources, c, c * 1e6 / m["roles"], a, w))
PY
done
