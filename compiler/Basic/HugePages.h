//===- HugePages.h - Back the heap with transparent huge pages --*- C++ -*-===//
//
// A check of a large model touches about nine bytes of fresh heap per input
// byte. On a virtual machine each 4 KiB page fault costs microseconds, so
// first touch was a third of `remitc check` on a 10 MiB model; with huge
// pages it is 512 times fewer faults. glibc's malloc asks for them only when
// the tunable glibc.malloc.hugetlb=1 is set, and it reads tunables once, at
// start-up: hence a re-execution.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_BASIC_HUGEPAGES_H
#define REMIT_BASIC_HUGEPAGES_H

namespace remit {

/// Re-executes this program once with glibc.malloc.hugetlb=1 added to
/// GLIBC_TUNABLES, so its heap is backed by transparent huge pages. Returns
/// (and the program goes on as it is) when that cannot help or is unsafe:
/// the kernel's THP mode is `never`, GLIBC_TUNABLES already names the
/// tunable, this is the re-executed process, a sanitizer or Valgrind
/// provides malloc, REMIT_NO_HUGEPAGES is set, or the exec fails.
void reexecWithHugePages(char **Argv);

} // namespace remit

#endif
