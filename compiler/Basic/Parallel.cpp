//===- Parallel.cpp - Run independent work on several threads -------------===//
#include "Basic/Parallel.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/Threading.h"
#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

using namespace remit;

unsigned remit::resolveJobs(unsigned Jobs) {
  if (Jobs)
    return Jobs;
  return std::max(1u, llvm::hardware_concurrency().compute_thread_count());
}

void remit::parallelFor(size_t N, unsigned Jobs,
                        llvm::function_ref<void(size_t)> Fn) {
  size_t Threads = std::min<size_t>(resolveJobs(Jobs), N);
  if (Threads <= 1) {
    for (size_t I = 0; I < N; ++I)
      Fn(I);
    return;
  }
  // A caller that recovers from crashes (the language server runs every
  // handler so) must go on doing so, but its recovery context covers its own
  // thread only, and unwinding it while workers still use this frame would
  // be worse than the crash. So the caller only waits; each worker runs its
  // items under a context of its own, and an item that crashed is run again
  // on the caller's thread once the workers are done, where a crash that
  // repeats is the caller's to recover from.
  bool Recover = llvm::CrashRecoveryContext::GetCurrent() != nullptr;
  std::atomic<size_t> Next{0};
  std::mutex CrashedLock;
  std::vector<size_t> Crashed;
  // Items are claimed one at a time, so a long item does not hold up a
  // thread's share of the rest.
  auto Work = [&] {
    for (size_t I = Next++; I < N; I = Next++) {
      if (!Recover) {
        Fn(I);
        continue;
      }
      llvm::CrashRecoveryContext Context;
      if (!Context.RunSafely([&] { Fn(I); })) {
        std::lock_guard<std::mutex> Lock(CrashedLock);
        Crashed.push_back(I);
      }
    }
  };
  std::vector<std::thread> Workers;
  size_t Spawned = Recover ? Threads : Threads - 1;
  Workers.reserve(Spawned);
  for (size_t T = 0; T < Spawned; ++T)
    Workers.emplace_back(Work);
  if (!Recover)
    Work();
  for (std::thread &W : Workers)
    W.join();
  std::sort(Crashed.begin(), Crashed.end());
  for (size_t I : Crashed)
    Fn(I);
}
