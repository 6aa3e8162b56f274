// TestSupport.h - what the unit tests share: compiling a text as a model,
// picking findings out of the result, and applying a fix to a text.
#ifndef REMIT_TESTS_UNIT_TESTSUPPORT_H
#define REMIT_TESTS_UNIT_TESTSUPPORT_H

#include "Driver/Compilation.h"
#include "Sema/ModelDump.h"
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace remit::test {

/// The header most test models start with.
inline const char *const RaciHeader =
    "import std.raci\nmodel m { framework raci }\n";

/// Compiles \p Text as the one file \p Path, with \p Opts.
inline std::unique_ptr<Compilation> compileText(const std::string &Path,
                                                const std::string &Text,
                                                CompileOptions Opts = {}) {
  Opts.VirtualFiles.push_back({Path, Text});
  return Compilation::run(Opts);
}

/// compileText with a fixed as-of date (2024-10-04) unless \p Opts sets
/// one, so date-based findings never change as the calendar moves.
inline std::unique_ptr<Compilation> compileAsOf(const std::string &Path,
                                                const std::string &Text,
                                                CompileOptions Opts = {}) {
  if (!Opts.AsOfDay)
    Opts.AsOfDay = 20000;
  return compileText(Path, Text, std::move(Opts));
}

/// The position-free meaning of a compilation: its model and its findings
/// (check name and message), sorted. What formatting must not change.
inline std::string meaning(const Compilation &C) {
  std::string Out = sema::dumpModel(C.model(), C.sources());
  std::vector<std::string> Findings;
  for (const Diagnostic &D : C.diagnostics())
    Findings.push_back(D.name().str() + ": " + D.Message);
  std::sort(Findings.begin(), Findings.end());
  for (const std::string &F : Findings)
    Out += F + "\n";
  return Out;
}

/// How many findings of check \p Name a compilation reported.
inline size_t countFindings(const Compilation &C, llvm::StringRef Name) {
  return std::count_if(C.diagnostics().begin(), C.diagnostics().end(),
                       [&](const Diagnostic &D) { return D.name() == Name; });
}

/// The first finding of check \p Name, or null.
inline const Diagnostic *firstFinding(const Compilation &C,
                                      llvm::StringRef Name) {
  for (const Diagnostic &D : C.diagnostics())
    if (D.name() == Name)
      return &D;
  return nullptr;
}

/// \p Text with the edits of \p F applied (edits do not overlap).
inline std::string applyFix(std::string Text, const Fix &F) {
  std::vector<TextEdit> Edits = F.Edits;
  std::sort(Edits.begin(), Edits.end(),
            [](const TextEdit &A, const TextEdit &B) {
              return A.Range.Begin > B.Range.Begin;
            });
  for (const TextEdit &E : Edits)
    Text.replace(E.Range.Begin, E.Range.End - E.Range.Begin, E.NewText);
  return Text;
}

} // namespace remit::test

#endif
