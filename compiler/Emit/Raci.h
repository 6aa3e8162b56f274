//===- Raci.h - The decision-rights matrix of `remitc report raci` -*- C++
//-*-===//
//
// Decisions as rows, the roles, forums, agents, units and people holding
// rights as columns, and in each cell the abbreviations (Rights.h) of the
// rights the column holds over the row's decision. Findings on a decision
// or on one holder's reference are marked. Rendered as Markdown, CSV or a
// self-contained HTML page without script.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_EMIT_RACI_H
#define REMIT_EMIT_RACI_H

#include "Emit/Findings.h"
#include "Sema/Model.h"
#include <optional>
#include <string>

namespace remit::emit {

enum class RaciFormat { Markdown, CSV, HTML };

/// Parses "md", "csv" or "html".
std::optional<RaciFormat> parseRaciFormat(llvm::StringRef Name);

struct RaciOptions {
  RaciFormat Format = RaciFormat::Markdown;
  /// Only decisions declared in this unit (or a sub-unit) or owned by a
  /// holder in it; NoEntity for every decision.
  sema::EntityID Unit = sema::NoEntity;
};

/// The matrix of \p M in \p Opts.Format.
std::string renderRaci(const sema::Model &M, const FindingIndex &Findings,
                       const RaciOptions &Opts);

} // namespace remit::emit

#endif
