//===- FuzzCommon.h - What the libFuzzer harnesses share --------*- C++ -*-===//
//
// Turning fuzzer bytes into a model's files, compiling them without the
// disk, the position-free meaning of a compilation, and the one way a
// harness reports a broken invariant (abort, so libFuzzer keeps the input).
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_TESTS_FUZZ_FUZZCOMMON_H
#define REMIT_TESTS_FUZZ_FUZZCOMMON_H

#include "Driver/Compilation.h"
#include "TestSupport.h"
#include "llvm/ADT/StringRef.h"
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace remit::fuzz {

/// The directory the harnesses' virtual files live in. Nothing is read from
/// it: every compilation is overlay-only.
constexpr const char *FuzzRoot = "/remit-fuzz";

/// The date every harness compiles against, so a run does not depend on
/// the day (expiring `@allow`s and tradeoffs).
constexpr int64_t FuzzDay = 20000;

/// Prints \p What and aborts when \p Holds is false: libFuzzer saves the
/// input that broke the invariant.
inline void require(bool Holds, const char *What,
                    const std::string &Detail = "") {
  if (Holds)
    return;
  std::fprintf(stderr, "remit-fuzz: invariant broken: %s\n%s\n", What,
               Detail.c_str());
  std::abort();
}

/// Splits fuzzer bytes into up to four files at NUL bytes (which no valid
/// file contains): `a.remit`, `b.remit`, ... under FuzzRoot, so one file
/// can import another (`import "b.remit"`).
inline std::vector<std::pair<std::string, std::string>>
splitFiles(llvm::StringRef Data) {
  std::vector<std::pair<std::string, std::string>> Files;
  for (char Name = 'a'; Name <= 'd'; ++Name) {
    auto [Head, Rest] = Name == 'd' ? std::make_pair(Data, llvm::StringRef())
                                    : Data.split('\0');
    Files.push_back(
        {std::string(FuzzRoot) + "/" + Name + ".remit", Head.str()});
    if (Rest.empty())
      break;
    Data = Rest;
  }
  return Files;
}

/// Compiles \p Files (path, text) with the embedded stdlib and nothing from
/// the disk: imports of other paths are unreadable files.
inline std::unique_ptr<Compilation>
compileFiles(std::vector<std::pair<std::string, std::string>> Files) {
  CompileOptions Opts;
  Opts.VirtualFiles = std::move(Files);
  Opts.Load.OverlayOnly = true;
  Opts.AsOfDay = FuzzDay;
  return Compilation::run(Opts);
}

/// What a compilation means without positions (TestSupport.h).
using test::meaning;

} // namespace remit::fuzz

#endif
