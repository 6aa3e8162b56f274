//===- Parallel.cpp - Run independent work on several threads -------------===//
#include "Basic/Parallel.h"
#include "llvm/Support/Threading.h"
#include <algorithm>
#include <atomic>
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
  // Items are claimed one at a time, so a long item does not hold up a
  // thread's share of the rest.
  std::atomic<size_t> Next{0};
  auto Work = [&] {
    for (size_t I = Next++; I < N; I = Next++)
      Fn(I);
  };
  std::vector<std::thread> Workers;
  Workers.reserve(Threads - 1);
  for (size_t T = 1; T < Threads; ++T)
    Workers.emplace_back(Work);
  Work();
  for (std::thread &W : Workers)
    W.join();
}
