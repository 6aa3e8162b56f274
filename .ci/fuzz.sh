#!/usr/bin/env bash
# fuzz.sh - builds the libFuzzer harnesses with clang (build-fuzz/, REMIT_FUZZ)
# and runs each for a bounded time from its corpus and the seed corpus. Fails
# on any crash, leak, timeout or out-of-memory, then prints a summary.
#
#   .ci/fuzz.sh [SECONDS_PER_HARNESS] [HARNESS...]
#
# Defaults: 35 s each, every harness (about 3.5 minutes of fuzzing). The
# corpora grow in build-fuzz/fuzz-run/corpus/ across runs; crashing inputs
# land in build-fuzz/fuzz-run/artifacts/<harness>/. REMIT_JOBS limits the
# build's parallelism (default: every core); REMIT_FUZZ_FLAGS adds libFuzzer
# flags (long local runs: "-fork=1 -ignore_crashes=1" goes on after a crash).
# tests/fuzz/README.md has more.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-35}
shift || true
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  harnesses=(parse pipeline format lsp-bytes lsp-session diff)
fi

bash "$root/.ci/install-deps.sh" --fuzz
build=$root/build-fuzz
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DREMIT_FUZZ=ON -DREMIT_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "${REMIT_JOBS:-$(nproc)}" --target remit-fuzz

run=$build/fuzz-run
rm -rf "$run/seeds"
python3 "$root/tests/fuzz/seed-corpus.py" "$root" "$run/seeds" >/dev/null
# Graphviz and fontconfig keep process-lifetime caches (tests/lsan.supp).
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1"
# A smaller quarantine reuses freed memory sooner: fresh pages are what an
# ASan run spends its time on (first touch of memory is slow on small VMs).
export ASAN_OPTIONS="${ASAN_OPTIONS:-quarantine_size_mb=16}"

failed=0
summary=""
for h in "${harnesses[@]}"; do
  bin=$build/fuzz/remit-fuzz-$h
  if [ ! -x "$bin" ]; then
    echo "fuzz.sh: no harness \`$h\`" >&2
    exit 2
  fi
  dict=$build/fuzz/remit.dict
  read -r -a extra <<<"${REMIT_FUZZ_FLAGS:-}"
  case $h in
  lsp-*)
    dict=$build/fuzz/remit-lsp.dict
    # The server logs every odd message to stderr; libFuzzer's own report
    # and the sanitizers' still print.
    extra+=(-close_fd_mask=2) ;;
  esac
  mkdir -p "$run/corpus/$h" "$run/artifacts/$h"
  # Only this run's artifacts count; earlier ones stay for reproduction.
  touch "$run/artifacts/.start"
  log=$run/$h.log
  echo "fuzz.sh: $h for ${seconds}s"
  status=0
  "$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 \
    -max_len=8192 -dict="$dict" -print_final_stats=1 "${extra[@]}" \
    -artifact_prefix="$run/artifacts/$h/" \
    "$run/corpus/$h" "$run/seeds/$h" >"$log" 2>&1 || status=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 || true)
  artifacts=$(find "$run/artifacts/$h" -type f -newer "$run/artifacts/.start" | wc -l)
  result=ok
  if [ "$status" -ne 0 ] || [ "$artifacts" -ne 0 ]; then
    result="FAILED (exit $status, $artifacts artifact(s) in $run/artifacts/$h)"
    failed=1
    grep -E '^(==[0-9]+==ERROR|SUMMARY|remit-fuzz:|.*runtime error)' "$log" |
      head -5 >&2 || true
    echo "fuzz.sh: log: $log; reproduce: $bin ARTIFACT" >&2
  fi
  summary+=$(printf '%-12s %9s execs %6s/s  %-22s corpus %5s  %s' "$h" \
    "${execs:-?}" "${rate:-?}" "${cov:-cov: ?}" \
    "$(find "$run/corpus/$h" -type f | wc -l)" "$result")$'\n'
done

echo
echo "fuzz.sh: ${seconds}s per harness"
printf '%s' "$summary"
exit $failed
