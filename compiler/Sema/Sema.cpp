//===- Sema.cpp - Declare, resolve and kind-check a model -----------------===//
#include "Sema/Sema.h"
#include "AST/Schema.h"
#include "Basic/Parallel.h"
#include "Parse/Parser.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <array>
#include <cassert>
#include <map>

using namespace remit;
using namespace remit::sema;
using ast::DeclKind;

//===----------------------------------------------------------------------===//
// Model queries
//===----------------------------------------------------------------------===//

llvm::StringRef sema::spelling(Autonomy A) {
  return ast::autonomyLevels()[static_cast<size_t>(A)];
}
llvm::StringRef sema::spelling(MetricKind K) {
  return ast::metricKinds()[static_cast<size_t>(K)];
}
llvm::StringRef sema::spelling(Stage S) {
  return ast::initiativeStages()[static_cast<size_t>(S)];
}

bool CheckConfig::isDisabled(llvm::StringRef Name) const {
  auto It = Severities.find(Name);
  return It != Severities.end() && !It->second;
}

int64_t CheckConfig::threshold(DiagID ID) const {
  const DiagInfo &Info = getDiagInfo(ID);
  auto It = Thresholds.find(Info.Name);
  return It == Thresholds.end() ? Info.DefaultThreshold.value_or(0)
                                : It->second;
}

/// Source order: file, then offset, then end.
static bool before(const Occurrence &A, const Occurrence &B) {
  return std::tie(A.Range.File, A.Range.Begin, A.Range.End) <
         std::tie(B.Range.File, B.Range.Begin, B.Range.End);
}

void SymbolIndex::sort() const {
  if (Sorted)
    return;
  std::sort(Occurrences.begin(), Occurrences.end(), before);
  Sorted = true;
}

llvm::ArrayRef<Occurrence> SymbolIndex::all() const {
  sort();
  return Occurrences;
}

const Occurrence *SymbolIndex::lookup(FileID File, uint32_t Offset) const {
  sort();
  auto It = std::upper_bound(
      Occurrences.begin(), Occurrences.end(), std::make_pair(File, Offset),
      [](const std::pair<FileID, uint32_t> &Key, const Occurrence &O) {
        return std::tie(Key.first, Key.second) <
               std::tie(O.Range.File, O.Range.Begin);
      });
  if (It == Occurrences.begin())
    return nullptr;
  --It;
  if (It->Range.File == File && It->Range.Begin <= Offset &&
      Offset <= It->Range.End)
    return &*It;
  return nullptr;
}

std::vector<Occurrence> SymbolIndex::occurrencesOf(EntityID Target) const {
  // A scan and a sort of the few matches: no need to order the whole index.
  std::vector<Occurrence> Out;
  for (const Occurrence &O : Occurrences)
    if (O.Target == Target)
      Out.push_back(O);
  std::sort(Out.begin(), Out.end(), before);
  std::stable_partition(Out.begin(), Out.end(),
                        [](const Occurrence &O) { return O.IsDefinition; });
  return Out;
}

EntityID Model::lookup(llvm::StringRef Name) const {
  auto It = Namespace.find(Name);
  if (It == Namespace.end() || It->second.empty())
    return NoEntity;
  for (EntityID ID : It->second)
    if (!entity(ID).FromStdlib)
      return ID;
  return It->second.front();
}

llvm::StringRef Model::nameOf(EntityID ID) const {
  if (ID == EnterpriseEntity)
    return "enterprise";
  if (ID == NoEntity)
    return "";
  return entity(ID).Name;
}

EntityID Model::enclosingUnit(EntityID ID) const {
  for (EntityID P = entity(ID).Parent; P != NoEntity; P = entity(P).Parent)
    if (entity(P).Kind == DeclKind::Unit)
      return P;
  return NoEntity;
}

//===----------------------------------------------------------------------===//
// Analysis
//===----------------------------------------------------------------------===//

namespace {

/// `std.topologies` for a stdlib file shown as `std/topologies.remit`.
std::string moduleOf(llvm::StringRef DisplayName) {
  llvm::StringRef Rel = DisplayName;
  Rel.consume_back(".remit");
  std::string Name = Rel.str();
  std::replace(Name.begin(), Name.end(), '/', '.');
  return Name;
}

/// Slots of `tier` in the schema: from, up_to, above, then the right.
enum : unsigned { TierFromSlot, TierUpToSlot, TierAboveSlot, TierRightSlot };

/// What resolving and lowering one group of declarations finds besides the
/// typed records. Each group is written by one thread at a time; the groups
/// are merged in a fixed order (the header, the files in load order, the
/// mode overrides), so nothing about the model depends on the threads.
struct Results {
  DiagnosticEngine Diags;
  std::vector<Occurrence> Symbols;
  /// References that named nothing, reported after the parallel phase so the
  /// bounded did-you-mean cache fills in the same order on every run.
  std::vector<std::pair<ast::Value, ast::KindMask>> Undefined;
  llvm::DenseMap<const ast::Arg *, Ref> Resolved;
  llvm::DenseMap<const ast::Property *, EntityID> RightOf;
  llvm::DenseMap<const ast::Arg *, EntityID> TierRight;
};

/// What declaring every file built: read-only while files resolve.
struct Declarations {
  explicit Declarations(const SourceManager &SM) : SM(SM) {}

  const SourceManager &SM;
  /// Terms per enclosing unit and rights per framework. Keyed by std::map:
  /// the global scope is NoEntity, which DenseMap reserves as its empty key.
  std::map<EntityID, llvm::StringMap<EntityID>> TermScopes, RightScopes;
};

/// Resolves the references of declarations against the declared names and
/// lowers them into their typed records, writing its findings into one
/// Results. Several run at once on different files: each reads the model's
/// entities and namespace and writes only the records of the declarations it
/// is given.
class Resolver {
public:
  Resolver(const Declarations &Decls, Model &M, Results &Out)
      : Decls(Decls), M(M), Out(Out) {}

  //===--- Resolve --------------------------------------------------------===//

  /// Resolves \p V, expected to name one of \p Kinds, and records the result.
  Ref resolveName(const ast::Value &V, ast::KindMask Kinds) {
    Ref R;
    R.Range = V.Range;
    llvm::StringRef Name = V.Text;
    if (V.Kind == ast::ValueKind::Name && Name == "enterprise" &&
        (Kinds & ast::EnterpriseBit)) {
      R.Target = EnterpriseEntity;
      return R;
    }
    std::string Module;
    if (V.Kind == ast::ValueKind::QualifiedName) {
      auto [Prefix, Last] = Name.rsplit('.');
      Module = Prefix.startswith("std.") ? Prefix.str() : "std." + Prefix.str();
      Name = Last;
    }
    llvm::SmallVector<EntityID, 4> Candidates;
    auto It = M.Namespace.find(Name);
    if (It != M.Namespace.end())
      for (EntityID C : It->second)
        if (Module.empty() || (M.entity(C).FromStdlib &&
                               moduleOf(Decls.SM.getDisplayName(
                                   M.entity(C).NameRange.File)) == Module))
          Candidates.push_back(C);
    if (Candidates.empty()) {
      Out.Undefined.push_back({V, Kinds});
      return R;
    }
    EntityID Best = NoEntity;
    for (EntityID C : Candidates)
      if (Kinds & ast::kindBit(M.entity(C).Kind))
        if (Best == NoEntity ||
            (M.entity(Best).FromStdlib && !M.entity(C).FromStdlib))
          Best = C;
    if (Best == NoEntity) {
      const Entity &Found = M.entity(Candidates.front());
      Out.Diags
          .report(DiagID::NameWrongKind, V.Range, V.Text.str(),
                  ast::describeKind(Found.Kind), ast::describeKinds(Kinds))
          .note(Found.NameRange,
                fmt::format("`{}` is declared here", Found.Name.str()));
      return R;
    }
    R.Target = Best;
    Out.Symbols.push_back({V.Range, Best, false});
    return R;
  }

  /// Resolves every reference argument of \p P by its schema slot.
  void resolveProperty(const ast::Property &P, const ast::PropertySpec &Spec) {
    for (const ast::Arg &A : P.Args) {
      if (A.Slot >= Spec.Slots.size())
        continue;
      const ast::SlotSpec &S = Spec.Slots[A.Slot];
      if (S.Type == ast::ValueType::Ref)
        Out.Resolved[&A] = resolveName(A.Val, S.RefKinds);
    }
  }

  /// What argument \p A (of a declaration this resolver was given) resolved
  /// to.
  Ref refOf(const ast::Arg *A) const {
    if (!A)
      return {};
    auto It = Out.Resolved.find(A);
    return It == Out.Resolved.end() ? Ref{NoEntity, A->Val.Range} : It->second;
  }

  /// Resolves the model header's references and its framework.
  void resolveHeader(const ast::Decl &Header) {
    for (const ast::Property &P : Header.Properties)
      if (const ast::PropertySpec *S =
              ast::getDeclSpec(DeclKind::Model).find(P.Key))
        resolveProperty(P, *S);
    if (const ast::Property *F = Header.find("framework"))
      if (!F->Args.empty())
        M.Header->Framework = refOf(&F->Args[0]);
  }

  void resolveDecl(const ast::Decl &D) {
    const ast::DeclSpec &Spec = ast::getDeclSpec(D.Kind);
    for (const ast::PropertySpec &PS : Spec.Properties)
      if (PS.Required && !D.find(PS.Key) && !D.Name.empty())
        Out.Diags.report(DiagID::PropertyMissing, D.NameRange,
                         ast::keywordOf(D.Kind).str(), D.Name.str(), PS.Key,
                         fmt::format(" ({})", PS.Doc));
    for (const ast::Property &P : D.Properties)
      if (!P.IsRight)
        if (const ast::PropertySpec *PS = Spec.find(P.Key))
          resolveProperty(P, *PS);
    if (D.Kind == DeclKind::Decision || D.Kind == DeclKind::Authority)
      resolveRights(D, frameworkFor(D));
  }

  /// Resolves a mode's override \p D: the declaration it overrides, then its
  /// references. Runs after every file has been lowered.
  void resolveOverride(const ast::Decl &D) {
    if (D.Name.empty())
      return;
    ast::Value Name;
    Name.Kind = ast::ValueKind::Name;
    Name.Range = D.NameRange;
    Name.Text = D.Name;
    Ref Target = resolveName(Name, ast::kindBit(D.Kind));
    OverrideTarget[&D] = Target;
    const ast::DeclSpec &Spec = ast::getDeclSpec(D.Kind);
    for (const ast::Property &P : D.Properties)
      if (!P.IsRight)
        if (const ast::PropertySpec *PS = Spec.find(P.Key))
          resolveProperty(P, *PS);
    // Rights of an override of an unknown decision cannot be interpreted;
    // the unknown name is the one finding. The decision's framework is its
    // lowered one (its file is another resolver's).
    if (D.Kind == DeclKind::Decision && Target)
      resolveRights(D, M.Decisions[M.entity(Target.Target).Index].Framework);
  }

  //===--- Lower into typed records ---------------------------------------===//

  /// Lowers the declaration of entity \p ID into its typed record.
  void lower(EntityID ID) {
    const ast::Decl &D = *M.entity(ID).Decl;
    uint32_t Index = M.entity(ID).Index;
    switch (D.Kind) {
    case DeclKind::Unit: {
      Unit &U = M.Units[Index];
      U.ParentUnit = M.enclosingUnit(ID);
      U.Kind = ref(D, "kind");
      U.Lead = ref(D, "lead");
      U.Interactions.clear();
      for (const ast::Property &P : D.Properties) {
        if (P.Key != "interacts_with")
          continue;
        Interaction I;
        I.Range = P.Range;
        auto With = argsOf(P, 0), As = argsOf(P, 1), Until = argsOf(P, 2);
        I.With = refOf(With.empty() ? nullptr : With[0]);
        I.Mode = refOf(As.empty() ? nullptr : As[0]);
        if (!Until.empty())
          I.UntilDay = Until[0]->Val.Number;
        U.Interactions.push_back(I);
      }
      return;
    }
    case DeclKind::Role: {
      Role &R = M.Roles[Index];
      R.Unit = M.enclosingUnit(ID);
      R.ReportsTo = ref(D, "reports_to");
      R.EscalatesTo = ref(D, "escalates_to");
      R.EscalationAfterHours = number(D, "escalates_to", 1);
      R.Deputy = ref(D, "deputy");
      R.Headcount = number(D, "headcount").value_or(1);
      R.Final = flag(D, "final");
      R.Frontline = flag(D, "frontline");
      R.Retired = flag(D, "retired");
      return;
    }
    case DeclKind::Person:
      M.People[Index].Holds = refs(D, "holds");
      return;
    case DeclKind::Forum: {
      Forum &F = M.Forums[Index];
      F.Members = refs(D, "members");
      F.Chair = ref(D, "chair");
      F.EscalatesTo = ref(D, "escalates_to");
      F.EscalationAfterHours = number(D, "escalates_to", 1);
      return;
    }
    case DeclKind::Agent: {
      Agent &A = M.Agents[Index];
      A.Unit = M.enclosingUnit(ID);
      A.Level = vocabulary<Autonomy>(D, "autonomy", ast::autonomyLevels());
      A.OverseenBy = ref(D, "overseen_by");
      A.Feeds = refs(D, "feeds");
      return;
    }
    case DeclKind::Metric:
      M.Metrics[Index].Kind =
          vocabulary<MetricKind>(D, "kind", ast::metricKinds());
      return;
    case DeclKind::Objective: {
      Objective &O = M.Objectives[Index];
      O.Owner = ref(D, "owner");
      if (!D.find("owner"))
        O.Owner.Target = M.enclosingUnit(ID);
      O.Maximize = ref(D, "maximize");
      O.Minimize = ref(D, "minimize");
      O.Tensions = refs(D, "tension");
      return;
    }
    case DeclKind::Decision: {
      Decision &Dec = M.Decisions[Index];
      Dec.Unit = M.enclosingUnit(ID);
      Dec.Framework = frameworkFor(D);
      Dec.Rights = rights(D);
      Dec.EscalatesTo = ref(D, "escalates_to");
      Dec.EscalationAfterHours = number(D, "escalates_to", 1);
      Dec.Within = text(D, "within");
      Dec.Critical = flag(D, "critical");
      checkFramework(D, Dec.Framework);
      return;
    }
    case DeclKind::Handoff: {
      Handoff &H = M.Handoffs[Index];
      H.From = ref(D, "from");
      H.To = ref(D, "to");
      H.AcceptedBy = ref(D, "accepted_by");
      H.Artifact = text(D, "artifact");
      H.WithinHours = number(D, "within");
      return;
    }
    case DeclKind::Tradeoff: {
      Tradeoff &T = M.Tradeoffs[Index];
      T.Prefers.clear();
      for (const ast::Property &P : D.Properties) {
        if (P.Key != "prefer")
          continue;
        auto A = argsOf(P, 0), B = argsOf(P, 1);
        T.Prefers.push_back({refOf(A.empty() ? nullptr : A[0]),
                             refOf(B.empty() ? nullptr : B[0]), P.Range});
      }
      T.DecidedBy = ref(D, "decided_by");
      T.UntilDay = number(D, "until");
      return;
    }
    case DeclKind::Mode:
      M.Modes[Index].Trigger = text(D, "trigger");
      return;
    case DeclKind::Term: {
      Term &T = M.Terms[Index];
      T.Scope = M.enclosingUnit(ID);
      T.Definition = M.entity(ID).Title.str();
      return;
    }
    case DeclKind::Initiative: {
      Initiative &I = M.Initiatives[Index];
      I.Stage = vocabulary<Stage>(D, "stage", ast::initiativeStages());
      I.Sponsor = ref(D, "sponsor");
      I.ProblemOwner = ref(D, "problem_owner");
      I.Outcome = ref(D, "outcome");
      I.Agents = refs(D, "agents");
      I.ProductionPath = text(D, "production_path");
      I.Reduces.clear();
      for (const ast::Property &P : D.Properties) {
        if (P.Key != "reduces")
          continue;
        auto R = argsOf(P, 0), By = argsOf(P, 1);
        I.Reduces.push_back({refOf(R.empty() ? nullptr : R[0]),
                             By.empty() ? 0 : By[0]->Val.Number, P.Range});
      }
      return;
    }
    case DeclKind::Authority: {
      Authority &A = M.Authorities[Index];
      A.Framework = frameworkFor(D);
      A.Tiers.clear();
      for (const ast::Property &P : D.Properties) {
        if (P.Key != "tier")
          continue;
        Tier T;
        T.Range = P.Range;
        for (const ast::Arg &Arg : P.Args) {
          if (Arg.Slot == TierFromSlot)
            T.From = Arg.Val.Number;
          else if (Arg.Slot == TierUpToSlot)
            T.UpTo = Arg.Val.Number;
          else if (Arg.Slot == TierAboveSlot)
            T.Above = Arg.Val.Number;
          else if (!Arg.Tag.empty()) {
            RightAssignment RA;
            auto It = Out.TierRight.find(&Arg);
            RA.Right = It == Out.TierRight.end() ? NoEntity : It->second;
            RA.KeyRange = Arg.TagRange;
            RA.Holders.push_back(refOf(&Arg));
            T.Rights.push_back(std::move(RA));
          } else if (!T.Rights.empty()) {
            T.Rights.back().Holders.push_back(refOf(&Arg));
          }
        }
        A.Tiers.push_back(std::move(T));
      }
      if (!A.Tiers.empty())
        checkFramework(D, A.Framework);
      return;
    }
    case DeclKind::Framework:
      return;
    case DeclKind::Right: {
      Right &R = M.Rights[Index];
      R.Framework = M.entity(ID).Parent;
      R.Min = number(D, "min").value_or(0);
      R.Max = number(D, "max");
      R.Owner = flag(D, "owner");
      R.Gate = flag(D, "gate");
      R.Consult = flag(D, "consult");
      if (R.Max && *R.Max < R.Min)
        Out.Diags.report(DiagID::ValueInvalid, D.find("max")->Range,
                         fmt::format("right `{}` has `max {}` below `min {}`",
                                     D.Name.str(), *R.Max, R.Min));
      return;
    }
    case DeclKind::Model:
    case DeclKind::UnitKind:
    case DeclKind::Interaction:
    case DeclKind::Checks:
      return;
    }
  }

  void lowerOverride(EntityID ModeID, const ast::Decl &D) {
    if (ModeID == NoEntity)
      return;
    Mode &Mo = M.Modes[M.entity(ModeID).Index];
    Ref Target = OverrideTarget.lookup(&D);
    if (D.Kind == DeclKind::Decision) {
      DecisionOverride O;
      O.Decision = Target;
      O.Decl = &D;
      O.Rights = rights(D);
      O.EscalatesTo = ref(D, "escalates_to");
      O.EscalationAfterHours = number(D, "escalates_to", 1);
      Mo.Decisions.push_back(std::move(O));
    } else if (D.Kind == DeclKind::Role) {
      RoleOverride O;
      O.Role = Target;
      O.Decl = &D;
      O.ReportsTo = ref(D, "reports_to");
      O.EscalatesTo = ref(D, "escalates_to");
      O.EscalationAfterHours = number(D, "escalates_to", 1);
      O.Deputy = ref(D, "deputy");
      Mo.Roles.push_back(std::move(O));
    }
  }

  //===--- Queries over resolved declarations -----------------------------===//

  /// The first argument filling \p Slot of property \p Key of \p D.
  static const ast::Arg *first(const ast::Decl &D, llvm::StringRef Key,
                               unsigned Slot = 0) {
    if (const ast::Property *P = D.find(Key))
      for (const ast::Arg &A : P->Args)
        if (A.Slot == Slot)
          return &A;
    return nullptr;
  }
  Ref ref(const ast::Decl &D, llvm::StringRef Key) const {
    return refOf(first(D, Key));
  }

private:
  /// The framework in force for a decision or ladder declared as \p D.
  Ref frameworkFor(const ast::Decl &D) const {
    if (const ast::Property *F = D.find("framework"))
      if (!F->Args.empty())
        return refOf(&F->Args[0]);
    // Inherit the model's framework. When the model names one that did not
    // resolve, keep its range so no second finding says none is set.
    Ref Inherited;
    if (M.Header)
      Inherited = M.Header->Framework;
    return Inherited;
  }

  /// Resolves right keys (decision properties, ladder tier tags) against
  /// \p Framework and their holders as references.
  void resolveRights(const ast::Decl &D, Ref Framework) {
    for (const ast::Property &P : D.Properties) {
      if (P.IsRight) {
        resolveProperty(P, ast::getRightPropertySpec());
        Out.RightOf[&P] = resolveRightKey(P.Key, P.KeyRange, Framework, D);
      } else if (P.Key == "tier") {
        for (const ast::Arg &A : P.Args)
          if (A.Slot == TierRightSlot && !A.Tag.empty() &&
              !Out.TierRight.count(&A))
            Out.TierRight[&A] =
                resolveRightKey(A.Tag, A.TagRange, Framework, D);
      }
    }
  }

  /// `framework.missing` for a decision or ladder with no framework written
  /// anywhere (one that is written but unresolved is already reported).
  void checkFramework(const ast::Decl &D, const Ref &Framework) {
    if (!Framework && !Framework.Range.isValid() && !D.Name.empty())
      Out.Diags.report(DiagID::FrameworkMissing, D.nameOrKeywordRange(),
                       D.Name.str());
  }

  EntityID resolveRightKey(llvm::StringRef Key, SourceRange KeyRange,
                           Ref Framework, const ast::Decl &D) {
    if (!Framework)
      return NoEntity;
    static const llvm::StringMap<EntityID> NoRights;
    auto ScopeIt = Decls.RightScopes.find(Framework.Target);
    const llvm::StringMap<EntityID> &Scope =
        ScopeIt == Decls.RightScopes.end() ? NoRights : ScopeIt->second;
    auto It = Scope.find(Key);
    if (It != Scope.end()) {
      Out.Symbols.push_back({KeyRange, It->second, false});
      return It->second;
    }
    std::vector<llvm::StringRef> Candidates;
    for (auto &Entry : Scope)
      Candidates.push_back(Entry.getKey());
    std::sort(Candidates.begin(), Candidates.end());
    auto Best = closestMatch(Key, Candidates);
    std::string Rights;
    for (size_t I = 0; I < Candidates.size(); ++I)
      Rights += (I ? ", `" : "`") + Candidates[I].str() + "`";
    llvm::StringRef FrameworkName = M.nameOf(Framework.Target);
    Diagnostic &Diag = Out.Diags.report(
        DiagID::RightUnknown, KeyRange,
        fmt::format("`{}` is neither a property of {} nor a right of "
                    "framework `{}`{}",
                    Key.str(), ast::describeKind(D.Kind), FrameworkName.str(),
                    Best ? fmt::format("; did you mean `{}`?", *Best)
                         : fmt::format("; its rights are {}", Rights)));
    if (Best)
      Diag.fix(fmt::format("replace with `{}`", *Best), {{KeyRange, *Best}});
    return NoEntity;
  }

  /// The arguments of \p P that fill slot \p Slot.
  static std::vector<const ast::Arg *> argsOf(const ast::Property &P,
                                              unsigned Slot) {
    std::vector<const ast::Arg *> Out;
    for (const ast::Arg &A : P.Args)
      if (A.Slot == Slot)
        Out.push_back(&A);
    return Out;
  }
  std::vector<Ref> refs(const ast::Decl &D, llvm::StringRef Key) const {
    std::vector<Ref> Refs;
    size_t Count = 0;
    for (const ast::Property &P : D.Properties)
      if (P.Key == Key && !P.IsRight)
        Count += P.Args.size();
    Refs.reserve(Count);
    for (const ast::Property &P : D.Properties)
      if (P.Key == Key && !P.IsRight)
        for (const ast::Arg &A : P.Args)
          Refs.push_back(refOf(&A));
    return Refs;
  }
  static std::optional<int64_t> number(const ast::Decl &D, llvm::StringRef Key,
                                       unsigned Slot = 0) {
    if (const ast::Arg *A = first(D, Key, Slot))
      return A->Val.Number;
    return std::nullopt;
  }
  static std::optional<std::string> text(const ast::Decl &D,
                                         llvm::StringRef Key) {
    if (const ast::Arg *A = first(D, Key))
      return A->Val.Text.str();
    return std::nullopt;
  }
  /// The enumerator \p Key names, by its position in \p Words (the
  /// property's schema vocabulary, in enum order). The parser has already
  /// rejected words outside it.
  template <typename Enum>
  static std::optional<Enum> vocabulary(const ast::Decl &D, llvm::StringRef Key,
                                        llvm::ArrayRef<const char *> Words) {
    if (const ast::Arg *A = first(D, Key))
      for (size_t I = 0; I < Words.size(); ++I)
        if (A->Val.Text == Words[I])
          return static_cast<Enum>(I);
    return std::nullopt;
  }
  static bool flag(const ast::Decl &D, llvm::StringRef Key) {
    return D.find(Key) != nullptr;
  }
  std::vector<RightAssignment> rights(const ast::Decl &D) const {
    std::vector<RightAssignment> Assignments;
    Assignments.reserve(llvm::count_if(
        D.Properties, [](const ast::Property &P) { return P.IsRight; }));
    for (const ast::Property &P : D.Properties) {
      if (!P.IsRight)
        continue;
      RightAssignment RA;
      auto It = Out.RightOf.find(&P);
      RA.Right = It == Out.RightOf.end() ? NoEntity : It->second;
      RA.KeyRange = P.KeyRange;
      RA.Holders.reserve(P.Args.size());
      for (const ast::Arg &A : P.Args)
        RA.Holders.push_back(refOf(&A));
      Assignments.push_back(std::move(RA));
    }
    return Assignments;
  }

  const Declarations &Decls;
  Model &M;
  Results &Out;
  llvm::DenseMap<const ast::Decl *, Ref> OverrideTarget;
};

/// Builds the model: declares every file's entities (in parallel) and their
/// names (on one thread, in load order), resolves and lowers each file's
/// declarations (in parallel, each file into Results of its own), then links
/// records across files, resolves mode overrides, computes the check
/// configuration, and merges every file's findings in load order.
class Analyzer {
public:
  Analyzer(llvm::ArrayRef<std::shared_ptr<ast::File>> Files,
           const SourceManager &SM, DiagnosticEngine &Diags, unsigned Jobs)
      : Files(Files), Diags(Diags), Jobs(Jobs), Decls(SM),
        M(std::make_unique<Model>()) {}

  std::unique_ptr<Model> run() {
    declareAll();
    if (HeaderDecl)
      Resolver(Decls, *M, HeaderResults).resolveHeader(*HeaderDecl);
    PerFile.resize(Files.size());
    parallelFor(Files.size(), Jobs, [&](size_t I) {
      PerFile[I] = Results(); // Afresh, if run again.
      Resolver R(Decls, *M, PerFile[I]);
      auto [Begin, End] = FileEntities[I];
      // Room for every argument up front: growing the maps by rehashing
      // was a tenth of resolving.
      size_t Args = 0;
      for (EntityID ID = Begin; ID < End; ++ID)
        for (const ast::Property &P : M->entity(ID).Decl->Properties)
          Args += P.Args.size();
      PerFile[I].Resolved.reserve(Args);
      PerFile[I].Symbols.reserve(Args);
      for (EntityID ID = Begin; ID < End; ++ID)
        R.resolveDecl(*M->entity(ID).Decl);
      for (EntityID ID = Begin; ID < End; ++ID)
        R.lower(ID);
    });
    link();
    Resolver Modes(Decls, *M, OverrideResults);
    for (const auto &[Mode, D] : Overrides)
      Modes.resolveOverride(*D);
    for (const auto &[Mode, D] : Overrides)
      Modes.lowerOverride(Mode, *D);
    computeConfig(); // Reads what the files' checks blocks resolved to.
    merge(HeaderResults);
    for (Results &R : PerFile)
      merge(R);
    merge(OverrideResults);
    return std::move(M);
  }

private:
  //===--- Declare --------------------------------------------------------===//
  //
  // In three passes. Each file's declarations are counted (in parallel);
  // every file then gets the next range of entity IDs and of each kind's
  // records, and fills them (in parallel: an entity's ID is its position in
  // load order, whatever the threads). Names go into the namespace last, on
  // one thread in ID order, so the first declaration of a name wins and
  // duplicates are reported as they were written.

  /// What declaring one file finds besides its entities.
  struct FileDeclarations {
    std::array<uint32_t, ast::NumDeclKinds> Count{}; ///< Entities per kind.
    EntityID First = 0;                              ///< Its first entity.
    std::array<uint32_t, ast::NumDeclKinds> FirstRecord{}; ///< Per kind.
    std::vector<std::pair<EntityID, const ast::Decl *>> Overrides;
    std::vector<const ast::Decl *> Headers;
  };

  /// Walks \p F's declarations in order: \p Declare(D, Parent) for each one
  /// outside a mode, which returns D's entity, and \p Override(Mode, D) for
  /// each one a mode overrides.
  template <typename DeclareFn, typename OverrideFn>
  static void walkFile(const ast::File &F, DeclareFn Declare,
                       OverrideFn Override) {
    std::vector<std::pair<const ast::Decl *, EntityID>> Stack;
    for (auto It = F.Decls.rbegin(); It != F.Decls.rend(); ++It)
      Stack.push_back({*It, NoEntity});
    while (!Stack.empty()) {
      auto [D, Parent] = Stack.back();
      Stack.pop_back();
      if (D->Parent && D->Parent->Kind == DeclKind::Mode) {
        Override(Parent, D);
        continue;
      }
      EntityID ID = Declare(*D, Parent);
      for (auto It = D->Children.rbegin(); It != D->Children.rend(); ++It)
        Stack.push_back({*It, ID});
    }
  }

  /// Calls \p F with the model's records for kind \p K; returns false for a
  /// kind that has none.
  template <typename Fn> bool withRecords(DeclKind K, Fn F) {
    switch (K) {
    case DeclKind::Unit:
      return F(M->Units), true;
    case DeclKind::Role:
      return F(M->Roles), true;
    case DeclKind::Person:
      return F(M->People), true;
    case DeclKind::Forum:
      return F(M->Forums), true;
    case DeclKind::Agent:
      return F(M->Agents), true;
    case DeclKind::Metric:
      return F(M->Metrics), true;
    case DeclKind::Objective:
      return F(M->Objectives), true;
    case DeclKind::Decision:
      return F(M->Decisions), true;
    case DeclKind::Handoff:
      return F(M->Handoffs), true;
    case DeclKind::Tradeoff:
      return F(M->Tradeoffs), true;
    case DeclKind::Mode:
      return F(M->Modes), true;
    case DeclKind::Term:
      return F(M->Terms), true;
    case DeclKind::Initiative:
      return F(M->Initiatives), true;
    case DeclKind::Authority:
      return F(M->Authorities), true;
    case DeclKind::Framework:
      return F(M->Frameworks), true;
    case DeclKind::Right:
      return F(M->Rights), true;
    case DeclKind::Checks:
      return F(M->Checks), true;
    case DeclKind::Model:
    case DeclKind::UnitKind:
    case DeclKind::Interaction:
      return false;
    }
    return false;
  }

  void declareAll() {
    std::vector<FileDeclarations> Per(Files.size());
    parallelFor(Files.size(), Jobs, [&](size_t I) {
      Per[I].Count = {};
      walkFile(
          *Files[I],
          [&](const ast::Decl &D, EntityID) {
            if (D.Kind == DeclKind::Model)
              return NoEntity;
            ++Per[I].Count[static_cast<size_t>(D.Kind)];
            return EntityID(0);
          },
          [](EntityID, const ast::Decl *) {});
    });

    std::array<uint32_t, ast::NumDeclKinds> Records{};
    EntityID Entities = 0;
    for (FileDeclarations &FD : Per) {
      FD.First = Entities;
      FD.FirstRecord = Records;
      for (size_t K = 0; K < ast::NumDeclKinds; ++K) {
        Entities += FD.Count[K];
        Records[K] += FD.Count[K];
      }
    }
    M->Entities.resize(Entities);
    for (size_t K = 0; K < ast::NumDeclKinds; ++K)
      withRecords(static_cast<DeclKind>(K),
                  [&](auto &Vec) { Vec.resize(Records[K]); });

    parallelFor(Files.size(), Jobs, [&](size_t I) {
      FileDeclarations &FD = Per[I];
      FD.Overrides.clear();
      FD.Headers.clear();
      bool Stdlib = Decls.SM.getOrigin(Files[I]->ID) == FileOrigin::Stdlib;
      EntityID Next = FD.First;
      std::array<uint32_t, ast::NumDeclKinds> NextRecord = FD.FirstRecord;
      walkFile(
          *Files[I],
          [&](const ast::Decl &D, EntityID Parent) {
            if (D.Kind == DeclKind::Model) {
              FD.Headers.push_back(&D);
              return NoEntity;
            }
            EntityID ID = Next++;
            Entity &E = M->Entities[ID];
            E.Kind = D.Kind;
            E.Name = D.Name;
            E.Title = D.Title ? D.Title->Text : llvm::StringRef();
            E.NameRange = D.nameOrKeywordRange();
            E.Range = D.Range;
            E.Decl = &D;
            E.Parent = Parent;
            E.FromStdlib = Stdlib;
            E.Index = 0;
            withRecords(D.Kind, [&](auto &Vec) {
              E.Index = NextRecord[static_cast<size_t>(D.Kind)]++;
              Vec[E.Index].Self = ID;
            });
            return ID;
          },
          [&](EntityID Mode, const ast::Decl *D) {
            FD.Overrides.push_back({Mode, D});
          });
    });

    FileEntities.reserve(Files.size());
    for (size_t I = 0; I < Files.size(); ++I) {
      FileDeclarations &FD = Per[I];
      FileEntities.push_back(
          {FD.First, I + 1 < Files.size() ? Per[I + 1].First : Entities});
      FileIndex[Files[I]->ID] = I;
      for (const ast::Decl *H : FD.Headers)
        declareHeader(*H);
      Overrides.insert(Overrides.end(), FD.Overrides.begin(),
                       FD.Overrides.end());
    }
    M->Namespace = decltype(M->Namespace)(Entities);
    for (EntityID ID = 0; ID < Entities; ++ID)
      declareName(ID);
  }

  /// Adds entity \p ID's name to its scope: the namespace, its unit's terms
  /// or its framework's rights.
  void declareName(EntityID ID) {
    const Entity &E = M->entity(ID);
    if (E.Name.empty())
      return;
    M->Symbols.add({E.NameRange, ID, true});
    if (E.Kind == DeclKind::Term) {
      checkScopedDuplicate(Decls.TermScopes[E.Parent], ID);
      return;
    }
    if (E.Kind == DeclKind::Right) {
      checkScopedDuplicate(Decls.RightScopes[E.Parent], ID);
      return;
    }
    llvm::SmallVector<EntityID, 1> &Same = M->Namespace[E.Name];
    for (EntityID Other : Same)
      if (M->entity(Other).FromStdlib == E.FromStdlib) {
        reportDuplicate(ID, Other);
        return;
      }
    Same.push_back(ID);
  }

  void checkScopedDuplicate(llvm::StringMap<EntityID> &Scope, EntityID ID) {
    auto [It, Inserted] = Scope.try_emplace(M->entity(ID).Name, ID);
    if (!Inserted)
      reportDuplicate(ID, It->second);
  }

  void reportDuplicate(EntityID ID, EntityID First) {
    const Entity &E = M->entity(ID), &F = M->entity(First);
    Diags
        .report(DiagID::NameDuplicate, E.NameRange, E.Name.str(),
                ast::describeKind(F.Kind))
        .note(F.NameRange,
              fmt::format("`{}` first declared here as {}", F.Name.str(),
                          ast::describeKind(F.Kind)));
  }

  void declareHeader(const ast::Decl &D) {
    if (M->Header) {
      Diags
          .report(DiagID::ModelDuplicate, D.nameOrKeywordRange(), D.Name.str(),
                  M->Header->Name.str())
          .note(M->Header->NameRange, "the model is declared here");
      return;
    }
    ModelHeader H;
    H.Name = D.Name;
    H.Title = D.Title ? D.Title->Text.str() : std::string();
    H.NameRange = D.nameOrKeywordRange();
    M->Header = H;
    HeaderDecl = &D;
  }

  //===--- Link and merge -------------------------------------------------===//

  /// The lists a record keeps of other declarations (a unit's sub-units and
  /// roles, a framework's rights), filled in declaration order once every
  /// file is lowered: the only writes that cross records.
  void link() {
    for (EntityID ID = 0; ID < M->Entities.size(); ++ID) {
      const Entity &E = M->entity(ID);
      if (E.Kind == DeclKind::Unit) {
        EntityID Parent = M->Units[E.Index].ParentUnit;
        if (Parent != NoEntity)
          M->Units[M->entity(Parent).Index].SubUnits.push_back(ID);
      } else if (E.Kind == DeclKind::Role) {
        EntityID Unit = M->Roles[E.Index].Unit;
        if (Unit != NoEntity)
          M->Units[M->entity(Unit).Index].Roles.push_back(ID);
      } else if (E.Kind == DeclKind::Right && E.Parent != NoEntity &&
                 M->entity(E.Parent).Kind == DeclKind::Framework) {
        M->Frameworks[M->entity(E.Parent).Index].Rights.push_back(ID);
      }
    }
  }

  /// Moves \p R's findings into the model and the engine; reports its
  /// undefined references (with their suggestions) here, in order.
  void merge(Results &R) {
    for (auto &[V, Kinds] : R.Undefined)
      reportUndefined(V, Kinds);
    for (Diagnostic &D : R.Diags.diagnostics())
      Diags.diagnostics().push_back(std::move(D));
    M->Symbols.append(R.Symbols);
  }

  /// The Results holding what \p D's arguments resolved to (none for a
  /// declaration of no loaded file, which cannot happen).
  Results &resultsOf(const ast::Decl &D) {
    auto It = FileIndex.find(D.Range.File);
    assert(It != FileIndex.end() && "a declaration of no loaded file");
    return It == FileIndex.end() ? NoFile : PerFile[It->second];
  }

  //===--- Undefined names ------------------------------------------------===//

  /// The did-you-mean candidate for an undefined \p Name of \p Kinds. Cached
  /// per name and kinds, and bounded, so a model whose every reference is
  /// undefined (a missing file) stays linear.
  std::optional<std::string> suggestionFor(llvm::StringRef Name,
                                           ast::KindMask Kinds) {
    std::string Key = Name.str() + "#" + std::to_string(Kinds);
    auto Cached = Suggestions.find(Key);
    if (Cached != Suggestions.end())
      return Cached->second;
    if (Suggestions.size() >= MaxSuggestedNames)
      return std::nullopt;
    std::vector<llvm::StringRef> Names;
    for (const auto &Entry : M->Namespace)
      for (EntityID ID : Entry.second)
        if (Kinds & ast::kindBit(M->entity(ID).Kind)) {
          Names.push_back(Entry.first);
          break;
        }
    // Unsorted: closestMatch's choice does not depend on the order.
    auto Best = closestMatch(Name, Names);
    Suggestions[Key] = Best;
    return Best;
  }

  void reportUndefined(const ast::Value &V, ast::KindMask Kinds) {
    llvm::StringRef Plain =
        V.Text.rsplit('.').second.empty() ? V.Text : V.Text.rsplit('.').second;
    auto Best = suggestionFor(Plain, Kinds);
    std::string Hint;
    std::optional<std::string> Module = stdlibModuleDeclaring(Plain, Kinds);
    if (Module)
      Hint = fmt::format("; it is declared in `{}`: add `import {}`", *Module,
                         *Module);
    else if (Best)
      Hint = fmt::format("; did you mean `{}`?", *Best);
    Diagnostic &D = Diags.report(
        DiagID::NameUndefined, V.Range,
        fmt::format("no {} named `{}`{}", kindNoun(Kinds), V.Text.str(), Hint));
    if (Module)
      D.fix(fmt::format("add `import {}`", *Module),
            {{SourceRange{V.Range.File, 0, 0},
              fmt::format("import {}\n", *Module)}});
    else if (Best)
      D.fix(fmt::format("replace with `{}`", *Best), {{V.Range, *Best}});
  }

  /// "role or forum": the kinds without articles.
  static std::string kindNoun(ast::KindMask Kinds) {
    std::string Out;
    std::vector<std::string> Parts;
    for (unsigned I = 0; I < ast::NumDeclKinds; ++I)
      if (Kinds & (1u << I)) {
        DeclKind K = static_cast<DeclKind>(I);
        Parts.push_back(K == DeclKind::UnitKind ? "unit kind"
                        : K == DeclKind::Checks ? "checks profile"
                                                : ast::keywordOf(K).str());
      }
    if (Kinds & ast::EnterpriseBit)
      Parts.push_back("`enterprise`");
    for (size_t I = 0; I < Parts.size(); ++I)
      Out += (I ? (I + 1 == Parts.size() ? " or " : ", ") : "") + Parts[I];
    return Out;
  }

  /// The stdlib module (not imported) that declares \p Name with one of
  /// \p Kinds, found by parsing the embedded stdlib on first use.
  std::optional<std::string> stdlibModuleDeclaring(llvm::StringRef Name,
                                                   ast::KindMask Kinds);

  //===--- Check configuration --------------------------------------------===//

  void computeConfig() {
    // Anonymous blocks apply in load order; a profile's settings apply at
    // the point of its `profile` property, so later settings override it.
    for (ChecksBlock &C : M->Checks) {
      const Entity &E = M->entity(C.Self);
      if (E.Name.empty()) {
        llvm::SmallVector<EntityID, 4> Active;
        applyChecks(*E.Decl, Active);
      }
    }
    // Named profiles are validated even when unused.
    for (ChecksBlock &C : M->Checks)
      validateCheckNames(*M->entity(C.Self).Decl);
    for (const auto &F : Files)
      ast::forEachDecl(F->Decls, [&](const ast::Decl *D) {
        for (const ast::Annotation &A : D->Annotations)
          if (A.Valid)
            validateCheckName(A.Args[0].Val, /*MustBeConfigurable=*/true);
      });
  }

  /// Reports an unknown check name (with a suggestion), or one that cannot
  /// be configured when \p MustBeConfigurable.
  void validateCheckName(const ast::Value &Name, bool MustBeConfigurable) {
    const DiagInfo *Info = findDiagInfo(Name.Text);
    if (!Info) {
      std::vector<llvm::StringRef> Names;
      for (const DiagInfo &I : getAllDiagInfos())
        Names.push_back(I.Name);
      auto Best = closestMatch(Name.Text, Names);
      Diagnostic &Diag = Diags.report(
          DiagID::ChecksUnknownName, Name.Range,
          fmt::format("unknown check `{}`{}; `remitc explain` lists every "
                      "check",
                      Name.Text.str(),
                      Best ? fmt::format(" (did you mean `{}`?)", *Best) : ""));
      if (Best)
        Diag.fix(fmt::format("replace with `{}`", *Best),
                 {{Name.Range, *Best}});
    } else if (MustBeConfigurable && !Info->Configurable) {
      Diags.report(DiagID::ValueInvalid, Name.Range,
                   fmt::format("`{}` cannot be re-graded, disabled or "
                               "allowed: it reports input the compiler "
                               "cannot interpret",
                               Info->Name.str()));
    }
  }

  void applyChecks(const ast::Decl &D,
                   llvm::SmallVectorImpl<EntityID> &Active) {
    Resolver R(Decls, *M, resultsOf(D));
    for (const ast::Property &P : D.Properties) {
      if (P.Key == "profile") {
        Ref Profile = R.ref(D, "profile");
        if (!Profile)
          continue;
        if (llvm::is_contained(Active, Profile.Target)) {
          Diags.report(DiagID::ValueInvalid, Profile.Range,
                       fmt::format("profile `{}` includes itself",
                                   M->nameOf(Profile.Target).str()));
          continue;
        }
        Active.push_back(Profile.Target);
        applyChecks(*M->entity(Profile.Target).Decl, Active);
        Active.pop_back();
      } else if (P.Key == "severity" && P.Args.size() == 2) {
        const DiagInfo *Info = findDiagInfo(P.Args[0].Val.Text);
        if (!Info || !Info->Configurable)
          continue;
        M->Config.Severities[Info->Name] = parseSeverity(P.Args[1].Val.Text);
      } else if (P.Key == "disable") {
        for (const ast::Arg &A : P.Args)
          if (const DiagInfo *Info = findDiagInfo(A.Val.Text))
            if (Info->Configurable)
              M->Config.Severities[Info->Name] = std::nullopt;
      } else if (P.Key == "threshold" && P.Args.size() == 2) {
        const DiagInfo *Info = findDiagInfo(P.Args[0].Val.Text);
        if (Info && Info->DefaultThreshold)
          M->Config.Thresholds[Info->Name] = P.Args[1].Val.Number;
      } else if (P.Key == "separate") {
        std::vector<Ref> Ds;
        for (const ast::Arg &A : P.Args)
          Ds.push_back(R.refOf(&A));
        for (size_t I = 0; I < Ds.size(); ++I)
          for (size_t J = I + 1; J < Ds.size(); ++J)
            M->Config.Separations.push_back({Ds[I], Ds[J]});
      }
    }
  }

  void validateCheckNames(const ast::Decl &D) {
    for (const ast::Property &P : D.Properties) {
      if (P.Key != "severity" && P.Key != "disable" && P.Key != "threshold")
        continue;
      for (const ast::Arg &A : P.Args)
        if (A.Slot == 0)
          validateCheckName(A.Val, /*MustBeConfigurable=*/true);
      if (P.Key == "threshold" && !P.Args.empty())
        validateThresholdName(P.Args[0].Val);
    }
  }

  /// `threshold NAME N` names a check that takes a threshold.
  void validateThresholdName(const ast::Value &Name) {
    const DiagInfo *Info = findDiagInfo(Name.Text);
    if (!Info || !Info->Configurable || Info->DefaultThreshold)
      return;
    std::string Names;
    for (const DiagInfo &I : getAllDiagInfos())
      if (I.DefaultThreshold)
        Names += (Names.empty() ? "`" : ", `") + I.Name.str() + "`";
    Diags.report(DiagID::ValueInvalid, Name.Range,
                 fmt::format("`{}` takes no threshold; the checks with a "
                             "threshold are {}",
                             Info->Name.str(), Names));
  }

  llvm::ArrayRef<std::shared_ptr<ast::File>> Files;
  DiagnosticEngine &Diags;
  unsigned Jobs;
  Declarations Decls;
  std::unique_ptr<Model> M;

  /// Each file's entities (declared in order, so a range of IDs), by
  /// position in Files.
  std::vector<std::pair<EntityID, EntityID>> FileEntities;
  llvm::DenseMap<FileID, size_t> FileIndex;
  std::vector<std::pair<EntityID, const ast::Decl *>> Overrides;
  const ast::Decl *HeaderDecl = nullptr;

  Results HeaderResults, OverrideResults, NoFile;
  std::vector<Results> PerFile;

  static constexpr size_t MaxSuggestedNames = 256;
  llvm::StringMap<std::optional<std::string>> Suggestions;
};

} // namespace

#include "Load/Loader.h"

/// Top-level names of every embedded stdlib module, with their kinds and
/// modules. The embedded text never changes, so it is parsed once per
/// process (a language server asks on every keystroke that leaves a name
/// undefined).
static const std::vector<std::tuple<std::string, DeclKind, std::string>> &
embeddedStdlibNames() {
  static const auto Names = [] {
    std::vector<std::tuple<std::string, DeclKind, std::string>> Out;
    SourceManager StdSM;
    DiagnosticEngine Ignored;
    for (auto &[Path, Text] : embeddedStdlib()) {
      FileID ID = StdSM.addBuffer(Path, Path, Text, FileOrigin::Stdlib);
      std::unique_ptr<ast::File> F = parseFile(StdSM, ID, Ignored);
      std::string Module = moduleOf(Path);
      for (const ast::Decl *D : F->Decls)
        Out.push_back({D->Name.str(), D->Kind, Module});
    }
    return Out;
  }();
  return Names;
}

std::optional<std::string>
Analyzer::stdlibModuleDeclaring(llvm::StringRef Name, ast::KindMask Kinds) {
  for (auto &[DeclName, Kind, Module] : embeddedStdlibNames())
    if (DeclName == Name && (Kinds & ast::kindBit(Kind)))
      return Module;
  return std::nullopt;
}

std::unique_ptr<Model>
sema::analyze(llvm::ArrayRef<std::shared_ptr<ast::File>> Files,
              const SourceManager &SM, DiagnosticEngine &Diags, unsigned Jobs) {
  return Analyzer(Files, SM, Diags, Jobs).run();
}
