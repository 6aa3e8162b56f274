//===- Checks.h - The organisational checks of a model ----------*- C++ -*-===//
//
// Runs every check family over a resolved Model and reports findings through
// the diagnostic registry. Checks only read the model (through an OrgView),
// each family lives in its own file, and every family is linear in the size
// of the model; a mode costs what it overrides and what that reaches.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_CHECKS_CHECKS_H
#define REMIT_CHECKS_CHECKS_H

#include "Diagnostics/Diagnostic.h"
#include "Sema/Model.h"

namespace remit::checks {

/// What a check run compares dates against.
struct CheckOptions {
  int64_t AsOfDay = 0; ///< Days since 1970-01-01.
  /// Roles to treat as vacant (`remitc whatif --vacate`).
  std::vector<sema::EntityID> Vacate;
  /// Run every family whole on each mode's effective model instead of only
  /// where the mode changes something. Same findings, slower: the reference
  /// the unit tests compare the incremental mode runs with.
  bool WholeModeRuns = false;
  /// Threads the families of normal operation run on; 0 means one per
  /// hardware thread. The findings do not depend on it.
  unsigned Jobs = 0;
};

/// Runs every check on \p M in normal operation, then the checks that read
/// the organisation again in each mode (findings only a mode has say so),
/// and reports into \p Diags.
/// Severities and suppressions are applied later, by the driver.
void runChecks(const sema::Model &M, const SourceManager &SM,
               const CheckOptions &Opts, DiagnosticEngine &Diags);

} // namespace remit::checks

#endif
