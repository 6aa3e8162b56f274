//===- Parallel.h - Run independent work on several threads -----*- C++ -*-===//
//
// The compiler's one mechanism for using more than one core: a loop over
// independent items, each run exactly once, on up to N threads of which the
// calling thread is one. Results go into slots the caller owns, one per
// item, so nothing about the output depends on which thread ran what.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_BASIC_PARALLEL_H
#define REMIT_BASIC_PARALLEL_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include <cstddef>

namespace remit {

/// The number of threads a `Jobs` setting means: \p Jobs itself, or one per
/// hardware thread for 0.
unsigned resolveJobs(unsigned Jobs);

/// Calls \p Fn(I) for every I in [0, \p N), taking the items in order on up
/// to resolveJobs(\p Jobs) threads (never more than N); the calling thread is
/// one of them, so with one thread or one item nothing is spawned. Returns
/// when every call has. \p Fn must not throw. Inside a
/// llvm::CrashRecoveryContext, an item that crashes on another thread is
/// called again on the calling thread (so \p Fn should start each item
/// afresh).
void parallelFor(size_t N, unsigned Jobs, llvm::function_ref<void(size_t)> Fn);

} // namespace remit

#endif
