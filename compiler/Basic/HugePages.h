//===- HugePages.h - Back the heap with transparent huge pages --*- C++ -*-===//
//
// A check of a large model touches about nine bytes of fresh heap per input
// byte. On a virtual machine each 4 KiB page fault costs microseconds, so
// first touch was a third of `remitc check` on a 10 MiB model; with huge
// pages it is 512 times fewer faults. glibc's malloc asks for them only when
// the tunable glibc.malloc.hugetlb=1 is set, and it reads tunables once, at
// start-up: hence a re-execution. The same re-execution raises the mmap
// threshold to its maximum (32 MiB) and the heap's growth step to 32 MiB, so
// the model's large arrays come from the heap's huge pages, not from fresh
// 4 KiB-page mappings of their own (sema's declaration pass: 40 -> 13 ms on a
// 10 MiB model).
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_BASIC_HUGEPAGES_H
#define REMIT_BASIC_HUGEPAGES_H

namespace remit {

/// Re-executes this program once with glibc.malloc.hugetlb=1 (and the
/// mmap threshold and heap growth above) added to GLIBC_TUNABLES, so its
/// heap is backed by transparent huge pages. Returns (and the program goes on
/// as it is) when that cannot help or is unsafe: the kernel's THP mode is
/// `never`, GLIBC_TUNABLES already names one of those tunables, this is the
/// re-executed process, a sanitizer or Valgrind
/// provides malloc, REMIT_NO_HUGEPAGES is set, or the exec fails.
void reexecWithHugePages(char **Argv);

} // namespace remit

#endif
