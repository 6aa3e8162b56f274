//===- ModelDump.h - The model described by names, not positions -*- C++
//-*-===//
//
// A position-free description of a Model: every user entity as a record of
// named fields whose values name other entities. Two models mean the same
// exactly when their descriptions are equal, which is how the formatter's
// tests prove it never changes meaning, and what `remitc diff` compares.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_SEMA_MODELDUMP_H
#define REMIT_SEMA_MODELDUMP_H

#include "AST/PropertyParser.h"
#include "Sema/Model.h"
#include <string>
#include <vector>

namespace remit::sema {

/// One fact about an entity: `reports_to` = `ceo`. A key may repeat
/// (`prefer`, `interacts_with`); fields keep declaration order.
struct Field {
  std::string Key;
  std::string Value;
  friend bool operator==(const Field &A, const Field &B) {
    return A.Key == B.Key && A.Value == B.Value;
  }
};

/// A user entity (or the model header, or the check configuration),
/// described by names.
struct EntityRecord {
  std::string Kind; ///< `role`, `decision`, ..., `model`, `checks`.
  std::string Name; ///< Empty for an unnamed `checks` block.
  std::vector<Field> Fields;
};

/// Describes every entity declared outside the stdlib, sorted by kind (in
/// DeclKind order) then name; unnamed entities keep load order. A reference
/// that did not resolve is shown as its source text after `?`.
std::vector<EntityRecord> describeModel(const Model &M,
                                        const SourceManager &SM);

/// describeModel as text: a `kind name` line per entity, then one indented
/// `key value` line per field.
std::string dumpModel(const Model &M, const SourceManager &SM);

/// Durations and dates as the language writes them.
using ast::formatDate;
using ast::formatDuration;

} // namespace remit::sema

#endif
