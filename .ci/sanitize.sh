#!/usr/bin/env bash
# sanitize.sh - builds with AddressSanitizer + UndefinedBehaviorSanitizer into
# build-asan/ and runs the whole test suite there. Leaks fail the run:
# tests/lsan.supp suppresses only Graphviz's and fontconfig's process-lifetime
# caches. Extra arguments go to ctest (e.g. -R golden).
#
# Excluded, narrowly: the VS Code extension's tests that run no C++ binary
# (its TextMate grammar, its TypeScript unit tests, packaging the .vsix). They
# test TypeScript under node, so a sanitized build changes nothing they see;
# the extension's end-to-end test drives the sanitized remit-lsp and runs.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${REMIT_ASAN_BUILD:-$root/build-asan}
jobs=${REMIT_JOBS:-$(nproc)}
bash "$root/.ci/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DREMIT_SANITIZE=ON >/dev/null
cmake --build "$build" -j "$jobs"
# Stop at the first report of any kind, with a stack, and exit 1 so ctest sees
# a failure. Not abort_on_error: remit-lsp isolates crashing requests with a
# SIGABRT handler, which would turn a report into an "internal error" answer
# (and hang at exit on a leak report) instead of a failed test.
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd "$build"
ctest --output-on-failure -j "$jobs" \
  -E '^vscode: (grammar scope assertions|client unit tests|package the \.vsix)' "$@"
