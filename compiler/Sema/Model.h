//===- Model.h - The immutable semantic model of an organisation -*- C++
//-*-===//
//
// What sema produces from the ASTs: every declaration as an Entity with a
// stable id, typed records per kind with every reference resolved, the
// effective check configuration, and the symbol index (definition and every
// reference of every name) that the language server reuses. Checks and
// emitters only read it.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_SEMA_MODEL_H
#define REMIT_SEMA_MODEL_H

#include "AST/AST.h"
#include "Diagnostics/Diagnostic.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>
#include <vector>

namespace remit::sema {

using EntityID = uint32_t;
constexpr EntityID NoEntity = ~0u;
/// The builtin `enterprise`, owner of enterprise objectives.
constexpr EntityID EnterpriseEntity = ~0u - 1;

/// One declared thing. Ids are dense and follow load order, then source order.
struct Entity {
  ast::DeclKind Kind;
  llvm::StringRef Name;
  llvm::StringRef Title; ///< Unescaped, in the AST (as Name is).
  SourceRange NameRange; ///< The definition (or the keyword if unnamed).
  SourceRange Range;     ///< The whole declaration.
  const ast::Decl *Decl = nullptr;
  EntityID Parent = NoEntity; ///< Enclosing declaration's entity.
  bool FromStdlib = false;
  uint32_t Index = 0; ///< Position in the Model's vector for its kind.
};

/// A resolved reference; Target is NoEntity when resolution failed.
struct Ref {
  EntityID Target = NoEntity;
  SourceRange Range;
  explicit operator bool() const { return Target != NoEntity; }
};

struct Interaction {
  Ref With, Mode;
  std::optional<int64_t> UntilDay;
  SourceRange Range;
};
struct Unit {
  EntityID Self;
  EntityID ParentUnit = NoEntity;
  Ref Kind, Lead;
  std::vector<Interaction> Interactions;
  std::vector<EntityID> Roles, SubUnits; ///< Declared directly inside.
};
struct Role {
  EntityID Self;
  EntityID Unit = NoEntity;
  Ref ReportsTo, EscalatesTo, Deputy;
  std::optional<int64_t> EscalationAfterHours;
  int64_t Headcount = 1;
  bool Final = false, Frontline = false, Retired = false;
};
struct Person {
  EntityID Self;
  std::vector<Ref> Holds;
};
struct Forum {
  EntityID Self;
  std::vector<Ref> Members;
  Ref Chair, EscalatesTo;
  std::optional<int64_t> EscalationAfterHours;
};
enum class Autonomy : uint8_t { Suggest, ActWithApproval, Act };
struct Agent {
  EntityID Self;
  EntityID Unit = NoEntity;
  std::optional<Autonomy> Level;
  Ref OverseenBy;
  std::vector<Ref> Feeds;
};
enum class MetricKind : uint8_t { Business, Output, Technical };
struct Metric {
  EntityID Self;
  std::optional<MetricKind> Kind;
};
struct Objective {
  EntityID Self;
  Ref Owner; ///< A unit, EnterpriseEntity, or unset.
  Ref Maximize, Minimize;
  std::vector<Ref> Tensions;
};
/// The holders of one right on a decision (or ladder tier).
struct RightAssignment {
  EntityID Right = NoEntity; ///< The framework's `right` entity.
  SourceRange KeyRange;
  std::vector<Ref> Holders;
};
struct Decision {
  EntityID Self;
  EntityID Unit = NoEntity;
  Ref Framework; ///< Effective framework; Range is invalid when inherited.
  std::vector<RightAssignment> Rights;
  Ref EscalatesTo;
  std::optional<int64_t> EscalationAfterHours;
  std::optional<std::string> Within;
  bool Critical = false;
};
struct Handoff {
  EntityID Self;
  Ref From, To, AcceptedBy;
  std::optional<std::string> Artifact;
  std::optional<int64_t> WithinHours;
};
struct Preference {
  Ref Preferred, Over;
  SourceRange Range;
};
struct Tradeoff {
  EntityID Self;
  std::vector<Preference> Prefers;
  Ref DecidedBy;
  std::optional<int64_t> UntilDay;
};
struct DecisionOverride {
  Ref Decision; ///< The decision overridden (its name in the mode).
  const ast::Decl *Decl = nullptr;
  std::vector<RightAssignment> Rights; ///< Rights the mode reassigns.
  Ref EscalatesTo;
  std::optional<int64_t> EscalationAfterHours;
};
struct RoleOverride {
  Ref Role;
  const ast::Decl *Decl = nullptr;
  Ref ReportsTo, EscalatesTo, Deputy;
  std::optional<int64_t> EscalationAfterHours;
};
struct Mode {
  EntityID Self;
  std::optional<std::string> Trigger;
  std::vector<DecisionOverride> Decisions;
  std::vector<RoleOverride> Roles;
};
struct Term {
  EntityID Self;
  EntityID Scope = NoEntity; ///< The enclosing unit, or NoEntity (global).
  std::string Definition;
};
enum class Stage : uint8_t { Idea, Pilot, Scaling, Production, Retired };
struct Reduction {
  Ref Role;
  int64_t By = 0;
  SourceRange Range;
};
struct Initiative {
  EntityID Self;
  std::optional<sema::Stage> Stage;
  Ref Sponsor, ProblemOwner, Outcome;
  std::vector<Ref> Agents;
  std::optional<std::string> ProductionPath;
  std::vector<Reduction> Reduces;
};
struct Tier {
  std::optional<int64_t> From, UpTo, Above;
  std::vector<RightAssignment> Rights;
  SourceRange Range;
};
struct Authority {
  EntityID Self;
  Ref Framework; ///< Effective framework, like Decision::Framework.
  std::vector<Tier> Tiers;
};
struct Framework {
  EntityID Self;
  std::vector<EntityID> Rights; ///< In declaration order.
};
struct Right {
  EntityID Self;
  EntityID Framework = NoEntity;
  int64_t Min = 0;
  std::optional<int64_t> Max;
  bool Owner = false, Gate = false;
  bool Consult = false; ///< Holders are heard before the decision.
};
/// How an autonomy level, metric kind or initiative stage is written.
llvm::StringRef spelling(Autonomy A);
llvm::StringRef spelling(MetricKind K);
llvm::StringRef spelling(Stage S);

/// A named `checks` block (a profile) or an anonymous one.
struct ChecksBlock {
  EntityID Self;
};

/// The effective check configuration of the model.
struct CheckConfig {
  /// Severity per diagnostic name; std::nullopt means disabled (`off`).
  llvm::StringMap<std::optional<Severity>> Severities;
  llvm::StringMap<int64_t> Thresholds;
  std::vector<std::pair<Ref, Ref>> Separations;

  /// The configured threshold of check \p ID, or its registry default.
  int64_t threshold(DiagID ID) const;
  /// Whether the configuration turns check \p Name off.
  bool isDisabled(llvm::StringRef Name) const;
};

/// One occurrence of a name in the source.
struct Occurrence {
  SourceRange Range;
  EntityID Target;
  bool IsDefinition;
};

/// Definitions and references of every name. Sorted by position the first
/// time a query needs that order, not when sema builds it: a compilation
/// that only reports findings (remitc, a language server publishing
/// diagnostics) never pays for the sort. The first ordered query mutates
/// the index, so it must not race with another.
class SymbolIndex {
public:
  void add(Occurrence O) {
    Occurrences.push_back(O);
    Sorted = false;
  }
  /// Adds \p Os, in their order.
  void append(llvm::ArrayRef<Occurrence> Os) {
    Occurrences.insert(Occurrences.end(), Os.begin(), Os.end());
    Sorted = Sorted && Os.empty();
  }
  /// The occurrence covering \p Offset in \p File, if any.
  const Occurrence *lookup(FileID File, uint32_t Offset) const;
  /// Every occurrence of \p Target (definition first), in source order.
  std::vector<Occurrence> occurrencesOf(EntityID Target) const;
  /// Every occurrence, in source order (file, then offset).
  llvm::ArrayRef<Occurrence> all() const;
  /// Every occurrence, in the order sema found them: for a pass that does
  /// not care about order, which then never sorts.
  llvm::ArrayRef<Occurrence> unordered() const { return Occurrences; }

private:
  void sort() const;
  mutable std::vector<Occurrence> Occurrences;
  mutable bool Sorted = true;
};

/// The model header.
struct ModelHeader {
  llvm::StringRef Name;
  std::string Title;
  Ref Framework;
  SourceRange NameRange;
};

/// The resolved organisation. Built once by Sema; read-only afterwards.
class Model {
public:
  std::optional<ModelHeader> Header;
  std::vector<Entity> Entities;
  std::vector<Unit> Units;
  std::vector<Role> Roles;
  std::vector<Person> People;
  std::vector<Forum> Forums;
  std::vector<Agent> Agents;
  std::vector<Metric> Metrics;
  std::vector<Objective> Objectives;
  std::vector<Decision> Decisions;
  std::vector<Handoff> Handoffs;
  std::vector<Tradeoff> Tradeoffs;
  std::vector<Mode> Modes;
  std::vector<Term> Terms;
  std::vector<Initiative> Initiatives;
  std::vector<Authority> Authorities;
  std::vector<Framework> Frameworks;
  std::vector<Right> Rights;
  std::vector<ChecksBlock> Checks;
  CheckConfig Config;
  SymbolIndex Symbols;

  const Entity &entity(EntityID ID) const { return Entities[ID]; }
  /// The entity named \p Name in the model's namespace (user declarations
  /// first), or NoEntity. Terms and rights are not in the namespace.
  EntityID lookup(llvm::StringRef Name) const;
  /// `name`, or `enterprise` for EnterpriseEntity.
  llvm::StringRef nameOf(EntityID ID) const;
  /// The nearest unit enclosing entity \p ID's declaration, or NoEntity.
  EntityID enclosingUnit(EntityID ID) const;

  const Role &role(EntityID ID) const { return Roles[entity(ID).Index]; }
  const Unit &unit(EntityID ID) const { return Units[entity(ID).Index]; }
  const Decision &decision(EntityID ID) const {
    return Decisions[entity(ID).Index];
  }
  const Right &right(EntityID ID) const { return Rights[entity(ID).Index]; }

  /// Namespace: name -> entities (several only across user/stdlib, so one
  /// is kept inline). Keyed by the names in the AST: no allocation per name
  /// to make or free, and a word-at-a-time hash (every reference is looked
  /// up here).
  llvm::DenseMap<llvm::StringRef, llvm::SmallVector<EntityID, 1>> Namespace;
};

} // namespace remit::sema

#endif
