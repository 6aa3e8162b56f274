//===- ModelDiff.h - Semantic changes between two models --------*- C++ -*-===//
//
// `remitc diff`: what a change does to the organisation, not to the text.
// Both models are compared through their position-free descriptions
// (Sema/ModelDump.h) and their findings (matched by findingKey), so moving a
// declaration to another file or reformatting it is no change at all.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_DIFF_MODELDIFF_H
#define REMIT_DIFF_MODELDIFF_H

#include "Diagnostics/Diagnostic.h"
#include "Sema/ModelDump.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace remit {

/// One side of a diff: a model's description and its findings.
struct ModelSide {
  std::string Label; ///< How the report names the side: a path or git:REV.
  std::vector<sema::EntityRecord> Records;
  /// Findings as (check, message, location) for reporting.
  struct Finding {
    std::string Check, Message, Location;
  };
  std::vector<Finding> Findings;
};

/// Builds a side from a compilation's model and sorted diagnostics.
ModelSide describeSide(std::string Label, const sema::Model &M,
                       const SourceManager &SM,
                       llvm::ArrayRef<Diagnostic> Diags);

/// One reported change, phrased for a reviewer; names are in backticks.
struct ChangeItem {
  /// added, removed, changed, gained, lost, longer, expired, introduced or
  /// fixed.
  std::string Kind;
  std::string Text;
};

/// The changes of one topic.
struct ChangeSection {
  std::string ID;    ///< organisation, rights, escalation, handoffs, ...
  std::string Title; ///< "Decision rights"
  std::vector<ChangeItem> Items;
};

/// Every change, sections in a fixed order, items sorted.
struct DiffReport {
  std::string Old, New;
  std::vector<ChangeSection> Sections; ///< Only non-empty sections.
  size_t Introduced = 0, Fixed = 0;

  /// Number of changes other than findings.
  size_t numModelChanges() const;
};

/// Compares two sides. \p AsOfDay (days since 1970-01-01) decides which
/// tradeoffs have expired.
DiffReport diffModels(const ModelSide &Old, const ModelSide &New,
                      int64_t AsOfDay);

enum class DiffFormat { Text, Markdown, JSON };
/// Renders \p R: plain text, a Markdown pull-request comment (a summary
/// line, then one section per topic), or JSON.
void renderDiff(llvm::raw_ostream &OS, const DiffReport &R, DiffFormat F);

} // namespace remit

#endif
