//===- HugePages.cpp - Back the heap with transparent huge pages ----------===//
#include "Basic/HugePages.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace remit;

namespace {
/// Huge pages for the heap, and for the model's large arrays too: below
/// glibc's largest mmap threshold (32 MiB) they come from the heap, whose
/// huge pages are already touched and reused, instead of fresh 4 KiB pages
/// of a mapping of their own; the heap grows 32 MiB at a time.
constexpr const char *Tunable = "glibc.malloc.hugetlb=1:"
                                "glibc.malloc.mmap_threshold=33554432:"
                                "glibc.malloc.top_pad=33554432";
constexpr const char *Marker = "REMIT_HUGEPAGES_REEXECUTED";

bool sanitized() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||     \
    __has_feature(memory_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

/// Whether \p Tunables (the user's GLIBC_TUNABLES) sets one of the tunables
/// this would: then the user is tuning malloc, and it is left to them.
bool setsOneOfOurs(llvm::StringRef Tunables) {
  llvm::SmallVector<llvm::StringRef, 4> Ours;
  llvm::StringRef(Tunable).split(Ours, ':');
  for (llvm::StringRef T : Ours)
    if (Tunables.contains(T.split('=').first))
      return true;
  return false;
}

/// Whether the kernel gives huge pages to memory that asks for them.
bool kernelOffersHugePages() {
  std::ifstream In("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string Mode;
  std::getline(In, Mode);
  return Mode.find("[always]") != std::string::npos ||
         Mode.find("[madvise]") != std::string::npos;
}
} // namespace

void remit::reexecWithHugePages(char **Argv) {
  if (getenv(Marker)) {
    // Not inherited by anything this process starts (git, for `diff`).
    unsetenv(Marker);
    return;
  }
  const char *Set = getenv("GLIBC_TUNABLES"), *Preload = getenv("LD_PRELOAD");
  std::string Tunables = Set ? Set : "";
  if (sanitized() || getenv("REMIT_NO_HUGEPAGES") || setsOneOfOurs(Tunables) ||
      (Preload && llvm::StringRef(Preload).contains("vgpreload")) ||
      !kernelOffersHugePages())
    return;
  std::string Value = Tunables.empty() ? Tunable : Tunables + ":" + Tunable;
  if (setenv("GLIBC_TUNABLES", Value.c_str(), 1) != 0 ||
      setenv(Marker, "1", 1) != 0)
    return;
  // The resolved path, not /proc/self/exe, so the process keeps its name.
  char Self[4096];
  ssize_t N = readlink("/proc/self/exe", Self, sizeof(Self) - 1);
  if (N > 0) {
    Self[N] = '\0';
    execv(Self, Argv);
  }
  // Still here: the exec failed; go on without huge pages, as before.
  unsetenv(Marker);
  if (Tunables.empty())
    unsetenv("GLIBC_TUNABLES");
  else
    setenv("GLIBC_TUNABLES", Tunables.c_str(), 1);
}
