//===- Schema.h - What each declaration kind may contain --------*- C++ -*-===//
//
// The one table of the language's properties: for every declaration kind, the
// keys it accepts, the shape of each key's arguments, the value types and the
// declaration kinds a reference may name, and which kinds may nest inside it.
// The AST builder splits a block's words into properties with it; sema
// resolves references with it; the language server completes from it; the
// language reference documents it.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_AST_SCHEMA_H
#define REMIT_AST_SCHEMA_H

#include "AST/AST.h"
#include "llvm/ADT/ArrayRef.h"
#include <cstdint>
#include <initializer_list>

namespace remit::ast {

/// A set of declaration kinds (bit i = DeclKind i), plus the `enterprise`.
using KindMask = uint32_t;
constexpr KindMask kindBit(DeclKind K) {
  return 1u << static_cast<unsigned>(K);
}
/// The builtin `enterprise`, a valid objective owner.
constexpr KindMask EnterpriseBit = 1u << 31;
/// "a role or a forum": \p Mask in words.
std::string describeKinds(KindMask Mask);

enum class ValueType : uint8_t {
  Ref,       ///< A name of one of RefKinds.
  Enum,      ///< One word of EnumValues.
  CheckName, ///< A diagnostic or check name such as `ownership.double`.
  Integer,
  Duration,
  Date,
  String,
};

/// One argument position of a property.
struct SlotSpec {
  /// nullptr: positional. "*": introduced by any word (a right name). Else the
  /// connector word that introduces it (`after`, `over`, `by`).
  const char *Tag = nullptr;
  ValueType Type = ValueType::Ref;
  KindMask RefKinds = 0;
  llvm::ArrayRef<const char *> EnumValues;
  bool Optional = false;
  bool List = false; ///< Further values follow after commas.
};

/// One key a declaration accepts. A key with no slots is a flag.
struct PropertySpec {
  const char *Key;
  std::vector<SlotSpec> Slots;
  bool Repeatable = false;
  const char *Doc = "";
  bool Required = false; ///< A declaration without it is `property.missing`.
  bool isFlag() const { return Slots.empty(); }
};

/// What one declaration kind accepts.
struct DeclSpec {
  DeclKind Kind;
  bool NeedsName = true;
  bool DeclaresName = true; ///< Adds its name to the model's namespace.
  std::vector<PropertySpec> Properties;
  KindMask Children = 0; ///< Kinds that may nest inside it.
  /// Keys not in Properties are framework rights (decisions, overrides).
  bool AcceptsRights = false;
  const char *Doc = "";

  const PropertySpec *find(llvm::StringRef Key) const;
};

/// The schema of \p K.
const DeclSpec &getDeclSpec(DeclKind K);
/// The spec of a framework-right property (`accountable cpo, cio`).
const PropertySpec &getRightPropertySpec();
/// The words `autonomy`, a metric's `kind` and an initiative's `stage` accept,
/// in the order of sema::Autonomy, sema::MetricKind and sema::Stage.
llvm::ArrayRef<const char *> autonomyLevels();
llvm::ArrayRef<const char *> metricKinds();
llvm::ArrayRef<const char *> initiativeStages();
/// Kinds that may appear at the top level of a file.
KindMask topLevelKinds();

/// Declaration kinds a right's holder may be.
constexpr KindMask RightHolderKinds =
    kindBit(DeclKind::Role) | kindBit(DeclKind::Forum) |
    kindBit(DeclKind::Unit) | kindBit(DeclKind::Agent) |
    kindBit(DeclKind::Person);

} // namespace remit::ast

#endif
