//===- Findings.h - Which model elements each finding touches ---*- C++ -*-===//
//
// Emitters highlight the elements findings are about without knowing any
// check: a finding touches the innermost declaration containing its primary
// range or any note range (ofEntity), and every reference whose source range
// one of those ranges starts in (within). Edges drawn from a reference ask
// `within(reference range)`, so `ownership.double`'s notes on two holders
// light up exactly those two rights edges.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_EMIT_FINDINGS_H
#define REMIT_EMIT_FINDINGS_H

#include "Diagnostics/Diagnostic.h"
#include "Sema/Model.h"
#include "llvm/ADT/DenseMap.h"
#include <string>
#include <vector>

namespace remit::emit {

/// A list of findings, in diagnostic order, without duplicates.
using FindingList = std::vector<const Diagnostic *>;

/// Maps the diagnostics of a compilation onto the model's entities and
/// source ranges.
class FindingIndex {
public:
  FindingIndex(const sema::Model &M, llvm::ArrayRef<Diagnostic> Diags);

  /// Findings with a range whose innermost enclosing declaration is \p E.
  FindingList ofEntity(sema::EntityID E) const;
  /// Findings with a range that starts inside \p R (same file).
  FindingList within(SourceRange R) const;
  /// The innermost entity whose declaration contains \p R, or NoEntity.
  sema::EntityID innermostEntity(SourceRange R) const;

private:
  struct Span {
    FileID File;
    uint32_t Begin;
    const Diagnostic *D;
  };
  const sema::Model &M;
  /// Per file: entities sorted by declaration start.
  llvm::DenseMap<FileID, std::vector<sema::EntityID>> EntitiesByFile;
  llvm::DenseMap<sema::EntityID, FindingList> ByEntity;
  std::vector<Span> Spans; ///< Sorted by (File, Begin).
};

/// Appends the findings of \p From to \p To, keeping order and uniqueness.
void mergeFindings(FindingList &To, const FindingList &From);

/// The most severe severity among \p Findings (Note when empty).
Severity worstSeverity(const FindingList &Findings);

/// One line per finding: `warning [check.name]: message`.
std::string describeFindings(const FindingList &Findings);

} // namespace remit::emit

#endif
