#!/usr/bin/env bash
# Issue 9's benchmark harness in one command: remitc beside LikeC4, throughput
# and memory against a byte-scanning floor, linearity, parallel speed-up,
# language-server latency and diagram times, as one Markdown report with every
# target marked met or missed (bench/harness.py does the measuring).
#
# Usage: bench/all.sh [--smoke] [--runs N] [--out FILE] [--sections LIST] [REMITC]
#   REMITC     the compiler to measure (default: build/bin/remitc); remit-lsp
#              is taken from the same directory (or REMIT_LSP)
#   --smoke    every section at its smallest size, 1 run each (CI: checks that
#              the harness runs; exits 1 only if something fails to run)
#   --runs N   timed runs per case (default 5; 3 at 50,000 roles+decisions and
#              50 MiB, where one LikeC4 run takes the better part of a minute)
#   --out FILE the report (default bench/results/latest.md, or smoke.md with
#              --smoke); bench/results/samples.tsv beside it gets every sample
#   --sections likec4,throughput,parallel,lsp,diagrams (default: all)
#
# Set-up it does: installs the pinned LikeC4 CLI (bench/likec4/install.sh,
# npm ci, once) and the LSP client packages (via bench/lsp/run.sh), and builds
# the scanner `remit-bench-scan` (REMIT_BENCH_SCAN to use another) in REMITC's
# build directory if it is missing. It needs python3, node 20.19 or newer, npm
# and GNU time (/usr/bin/time; .ci/install-deps.sh installs them).
# Environment: BENCH_SEED (default 1), BENCH_KEEP=1 keeps the generated models.
#
# The full run takes about 15 minutes on an idle 2-core machine. Run it alone:
# a compile beside it easily adds 50 % to the wall times (the report gives the
# load average before every run).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
smoke=0
runs=0
out=
sections=likec4,throughput,parallel,lsp,diagrams
remitc=
while [[ $# -gt 0 ]]; do
  case $1 in
    --smoke) smoke=1 ;;
    --runs) runs=$2; shift ;;
    --out) out=$2; shift ;;
    --sections) sections=$2; shift ;;
    -h | --help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "all.sh: unknown option $1" >&2; exit 2 ;;
    *) remitc=$1 ;;
  esac
  shift
done
remitc=${remitc:-$root/build/bin/remitc}
[[ -x $remitc ]] || { echo "all.sh: no executable compiler at $remitc (build it first)" >&2; exit 2; }
remitc=$(cd "$(dirname "$remitc")" && pwd)/$(basename "$remitc")
bindir=$(dirname "$remitc")
lsp=${REMIT_LSP:-$bindir/remit-lsp}
[[ -x $lsp ]] || { echo "all.sh: no executable language server at $lsp (set REMIT_LSP)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "all.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "all.sh: python3 is missing" >&2; exit 2; }
if [[ -z $out ]]; then
  if ((smoke)); then out=$here/results/smoke.md; else out=$here/results/latest.md; fi
fi

# The floor: the byte-scanning tokenizer, an optional target of the build.
scanner=${REMIT_BENCH_SCAN:-$bindir/remit-bench-scan}
if [[ ! -x $scanner ]]; then
  builddir=$(cd "$bindir/.." && pwd)
  if [[ -z ${REMIT_BENCH_SCAN:-} && -f $builddir/CMakeCache.txt ]]; then
    echo "all.sh: building remit-bench-scan in $builddir" >&2
    cmake --build "$builddir" --target remit-bench-scan -j 1 >&2
  fi
  [[ -x $scanner ]] || { echo "all.sh: no scanner at $scanner (ninja remit-bench-scan)" >&2; exit 2; }
fi

bash "$here/likec4/install.sh"
likec4=$here/likec4/node_modules/.bin/likec4

args=(--remitc "$remitc" --lsp "$lsp" --scanner "$scanner" --likec4 "$likec4"
      --out "$out" --seed "${BENCH_SEED:-1}" --sections "$sections")
((smoke)) && args+=(--smoke)
((runs > 0)) && args+=(--runs "$runs")
[[ ${BENCH_KEEP:-0} == 1 ]] && args+=(--keep)
status=0
python3 "$here/harness.py" "${args[@]}" || status=$?
echo "all.sh: report written to $out" >&2
exit "$status"
