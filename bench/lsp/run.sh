#!/usr/bin/env bash
# Benchmark remit-lsp's latency with a real LSP client: generates a workspace,
# runs bench/lsp/latency.js against the server and prints a Markdown table.
#
# Usage: bench/lsp/run.sh [--smoke] [REMIT_LSP] [RUNS]
#   REMIT_LSP  the server to measure (default: build/bin/remit-lsp); nothing is built
#   RUNS       runs, each with a fresh server (default 3); the table shows the
#              median over runs of each statistic
#   --smoke    a small workspace and few operations (CI: checks the benchmark
#              and the server work, in a few seconds; the numbers mean little)
#
# The full run generates `gen_model.py --size-mb 2.1 --files 20`: 20 files
# (model.remit plus 19 parts of 1,700 to 4,000 lines, 2.1 MiB, ~41,500 lines)
# and opens the part closest to 2,000 lines. Environment: LSP_BENCH_SIZE_MB,
# LSP_BENCH_FILES, LSP_BENCH_EDITS, LSP_BENCH_REQUESTS, BENCH_SEED (default 1),
# BENCH_KEEP=1 keeps the workspace, LSP_BENCH_JSON=FILE writes every statistic.
#
# Needs python3 and node 18 or newer with the client packages, which
# tests/lsp/e2e/install.sh installs (npm ci) when missing. Run it on an otherwise
# idle machine, and never two benchmarks at once.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
smoke=0
if [[ ${1:-} == --smoke ]]; then
  smoke=1
  shift
fi
server=${1:-$root/build/bin/remit-lsp}
seed=${BENCH_SEED:-1}
if ((smoke)); then
  runs=${2:-1}
  size=${LSP_BENCH_SIZE_MB:-0.3}
  files=${LSP_BENCH_FILES:-4}
  edits=${LSP_BENCH_EDITS:-24}
  requests=${LSP_BENCH_REQUESTS:-24}
else
  runs=${2:-3}
  size=${LSP_BENCH_SIZE_MB:-2.1}
  files=${LSP_BENCH_FILES:-20}
  edits=${LSP_BENCH_EDITS:-200}
  requests=${LSP_BENCH_REQUESTS:-200}
fi

if [[ ! -x $server ]]; then
  echo "run.sh: no executable server at $server (build remit-lsp first)" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "run.sh: python3 is missing" >&2; exit 2; }
bash "$root/tests/lsp/e2e/install.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/remit-lsp-bench.XXXXXX")
if [[ ${BENCH_KEEP:-0} != 1 ]]; then
  trap 'rm -rf "$work"' EXIT
fi
python3 "$root/bench/gen_model.py" --size-mb "$size" --files "$files" --seed "$seed" \
  --out "$work/ws" >/dev/null

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$(dirname "$server")/../CMakeCache.txt" 2>/dev/null || true)
client_version=$(node -p "require('$root/tests/lsp/e2e/node_modules/vscode-languageserver-protocol/package.json').version")
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
echo "server:  $server ($("$server" --version 2>&1 | head -1)${build_type:+, $build_type build}; source tree $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown))"
echo "client:  node $(node --version), vscode-languageserver-protocol $client_version"
echo "model:   gen_model.py --size-mb $size --files $files --seed $seed"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min load average before the runs)"

json_args=()
[[ -n ${LSP_BENCH_JSON:-} ]] && json_args=(--json "$LSP_BENCH_JSON")
node "$here/latency.js" --server "$server" --workspace "$work/ws" --runs "$runs" \
  --edits "$edits" --requests "$requests" "${json_args[@]}"
if [[ ${BENCH_KEEP:-0} == 1 ]]; then
  echo
  echo "workspace kept in $work/ws"
fi
