//===- Sema.cpp - Declare, resolve and kind-check a model -----------------===//
#include "Sema/Sema.h"
#include "AST/Schema.h"
#include "Parse/Parser.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"
#include <algorithm>
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

class Analyzer {
public:
  Analyzer(llvm::ArrayRef<std::shared_ptr<ast::File>> Files,
           const SourceManager &SM, DiagnosticEngine &Diags)
      : Files(Files), SM(SM), Diags(Diags), M(std::make_unique<Model>()) {}

  std::unique_ptr<Model> run() {
    for (const auto &F : Files)
      declareFile(*F);
    resolveHeader();
    for (const ast::Decl *D : Declared)
      resolveDecl(*D);
    for (const auto &[Mode, D] : Overrides)
      resolveOverride(Mode, *D);
    for (const ast::Decl *D : Declared)
      lower(*D);
    for (const auto &[Mode, D] : Overrides)
      lowerOverride(Mode, *D);
    computeConfig();
    return std::move(M);
  }

private:
  //===--- Declare --------------------------------------------------------===//

  void declareFile(const ast::File &F) {
    bool Stdlib = SM.getOrigin(F.ID) == FileOrigin::Stdlib;
    // Iterative walk keeping each declaration's parent entity.
    std::vector<std::pair<const ast::Decl *, EntityID>> Stack;
    for (auto It = F.Decls.rbegin(); It != F.Decls.rend(); ++It)
      Stack.push_back({*It, NoEntity});
    while (!Stack.empty()) {
      auto [D, Parent] = Stack.back();
      Stack.pop_back();
      if (D->Parent && D->Parent->Kind == DeclKind::Mode) {
        Overrides.push_back({Parent, D});
        continue;
      }
      EntityID ID = declare(*D, Parent, Stdlib);
      for (auto It = D->Children.rbegin(); It != D->Children.rend(); ++It)
        Stack.push_back({*It, ID});
    }
  }

  EntityID declare(const ast::Decl &D, EntityID Parent, bool Stdlib) {
    if (D.Kind == DeclKind::Model) {
      declareHeader(D);
      return NoEntity;
    }
    EntityID ID = static_cast<EntityID>(M->Entities.size());
    Entity E;
    E.Kind = D.Kind;
    E.Name = D.Name;
    E.Title = D.Title ? D.Title->Text.str() : std::string();
    E.NameRange = D.nameOrKeywordRange();
    E.Range = D.Range;
    E.Decl = &D;
    E.Parent = Parent;
    E.FromStdlib = Stdlib;
    E.Index = allocateTyped(D.Kind, ID);
    M->Entities.push_back(E);
    EntityOf[&D] = ID;
    Declared.push_back(&D);
    if (!D.Name.empty())
      M->Symbols.add({D.NameRange, ID, true});
    if (D.Name.empty())
      return ID;

    if (D.Kind == DeclKind::Term) {
      checkScopedDuplicate(TermScopes[Parent], ID);
      return ID;
    }
    if (D.Kind == DeclKind::Right) {
      checkScopedDuplicate(RightScopes[Parent], ID);
      return ID;
    }
    std::vector<EntityID> &Same = M->Namespace[D.Name];
    for (EntityID Other : Same)
      if (M->entity(Other).FromStdlib == Stdlib) {
        reportDuplicate(ID, Other);
        return ID;
      }
    Same.push_back(ID);
    return ID;
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

  uint32_t allocateTyped(DeclKind K, EntityID ID) {
    auto Push = [ID](auto &Vec) {
      Vec.emplace_back();
      Vec.back().Self = ID;
      return static_cast<uint32_t>(Vec.size() - 1);
    };
    switch (K) {
    case DeclKind::Unit:
      return Push(M->Units);
    case DeclKind::Role:
      return Push(M->Roles);
    case DeclKind::Person:
      return Push(M->People);
    case DeclKind::Forum:
      return Push(M->Forums);
    case DeclKind::Agent:
      return Push(M->Agents);
    case DeclKind::Metric:
      return Push(M->Metrics);
    case DeclKind::Objective:
      return Push(M->Objectives);
    case DeclKind::Decision:
      return Push(M->Decisions);
    case DeclKind::Handoff:
      return Push(M->Handoffs);
    case DeclKind::Tradeoff:
      return Push(M->Tradeoffs);
    case DeclKind::Mode:
      return Push(M->Modes);
    case DeclKind::Term:
      return Push(M->Terms);
    case DeclKind::Initiative:
      return Push(M->Initiatives);
    case DeclKind::Authority:
      return Push(M->Authorities);
    case DeclKind::Framework:
      return Push(M->Frameworks);
    case DeclKind::Right:
      return Push(M->Rights);
    case DeclKind::Checks:
      return Push(M->Checks);
    case DeclKind::Model:
    case DeclKind::UnitKind:
    case DeclKind::Interaction:
      return 0;
    }
    return 0;
  }

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
    auto It = M->Namespace.find(Name);
    if (It != M->Namespace.end())
      for (EntityID C : It->second)
        if (Module.empty() || (M->entity(C).FromStdlib &&
                               moduleOf(SM.getDisplayName(
                                   M->entity(C).NameRange.File)) == Module))
          Candidates.push_back(C);
    if (Candidates.empty()) {
      reportUndefined(V, Kinds);
      return R;
    }
    EntityID Best = NoEntity;
    for (EntityID C : Candidates)
      if (Kinds & ast::kindBit(M->entity(C).Kind))
        if (Best == NoEntity ||
            (M->entity(Best).FromStdlib && !M->entity(C).FromStdlib))
          Best = C;
    if (Best == NoEntity) {
      const Entity &Found = M->entity(Candidates.front());
      Diags
          .report(DiagID::NameWrongKind, V.Range, V.Text.str(),
                  ast::describeKind(Found.Kind), ast::describeKinds(Kinds))
          .note(Found.NameRange,
                fmt::format("`{}` is declared here", Found.Name.str()));
      return R;
    }
    R.Target = Best;
    M->Symbols.add({V.Range, Best, false});
    return R;
  }

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
          Names.push_back(Entry.getKey());
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

  /// The arguments of \p P that fill slot \p Slot.
  static std::vector<const ast::Arg *> argsOf(const ast::Property &P,
                                              unsigned Slot) {
    std::vector<const ast::Arg *> Out;
    for (const ast::Arg &A : P.Args)
      if (A.Slot == Slot)
        Out.push_back(&A);
    return Out;
  }

  /// Resolves every reference argument of \p P by its schema slot.
  void resolveProperty(const ast::Property &P, const ast::PropertySpec &Spec) {
    for (const ast::Arg &A : P.Args) {
      if (A.Slot >= Spec.Slots.size())
        continue;
      const ast::SlotSpec &S = Spec.Slots[A.Slot];
      if (S.Type == ast::ValueType::Ref)
        Resolved[&A] = resolveName(A.Val, S.RefKinds);
    }
  }

  Ref refOf(const ast::Arg *A) const {
    if (!A)
      return {};
    auto It = Resolved.find(A);
    return It == Resolved.end() ? Ref{NoEntity, A->Val.Range} : It->second;
  }

  void resolveHeader() {
    if (!HeaderDecl)
      return;
    for (const ast::Property &P : HeaderDecl->Properties)
      if (const ast::PropertySpec *S =
              ast::getDeclSpec(DeclKind::Model).find(P.Key))
        resolveProperty(P, *S);
    if (const ast::Property *F = HeaderDecl->find("framework"))
      if (!F->Args.empty())
        M->Header->Framework = refOf(&F->Args[0]);
  }

  /// The framework in force for a decision or ladder declared as \p D.
  Ref frameworkFor(const ast::Decl &D) {
    if (const ast::Property *F = D.find("framework"))
      if (!F->Args.empty())
        return refOf(&F->Args[0]);
    // Inherit the model's framework. When the model names one that did not
    // resolve, keep its range so no second finding says none is set.
    Ref Inherited;
    if (M->Header)
      Inherited = M->Header->Framework;
    return Inherited;
  }

  void resolveDecl(const ast::Decl &D) {
    const ast::DeclSpec &Spec = ast::getDeclSpec(D.Kind);
    for (const ast::PropertySpec &PS : Spec.Properties)
      if (PS.Required && !D.find(PS.Key) && !D.Name.empty())
        Diags.report(DiagID::PropertyMissing, D.NameRange,
                     ast::keywordOf(D.Kind).str(), D.Name.str(), PS.Key,
                     fmt::format(" ({})", PS.Doc));
    for (const ast::Property &P : D.Properties)
      if (!P.IsRight)
        if (const ast::PropertySpec *PS = Spec.find(P.Key))
          resolveProperty(P, *PS);
    if (D.Kind == DeclKind::Decision || D.Kind == DeclKind::Authority)
      resolveRights(D, frameworkFor(D));
  }

  /// Resolves right keys (decision properties, ladder tier tags) against
  /// \p Framework and their holders as references.
  void resolveRights(const ast::Decl &D, Ref Framework) {
    for (const ast::Property &P : D.Properties) {
      if (P.IsRight) {
        resolveProperty(P, ast::getRightPropertySpec());
        RightOf[&P] = resolveRightKey(P.Key, P.KeyRange, Framework, D);
      } else if (P.Key == "tier") {
        for (const ast::Arg &A : P.Args)
          if (A.Slot == TierRightSlot && !A.Tag.empty() && !TierRight.count(&A))
            TierRight[&A] = resolveRightKey(A.Tag, A.TagRange, Framework, D);
      }
    }
  }

  /// `framework.missing` for a decision or ladder with no framework written
  /// anywhere (one that is written but unresolved is already reported).
  void checkFramework(const ast::Decl &D, const Ref &Framework) {
    if (!Framework && !Framework.Range.isValid() && !D.Name.empty())
      Diags.report(DiagID::FrameworkMissing, D.nameOrKeywordRange(),
                   D.Name.str());
  }

  EntityID resolveRightKey(llvm::StringRef Key, SourceRange KeyRange,
                           Ref Framework, const ast::Decl &D) {
    if (!Framework)
      return NoEntity;
    auto &Scope = RightScopes[Framework.Target];
    auto It = Scope.find(Key);
    if (It != Scope.end()) {
      M->Symbols.add({KeyRange, It->second, false});
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
    llvm::StringRef FrameworkName = M->nameOf(Framework.Target);
    Diagnostic &Diag = Diags.report(
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

  void resolveOverride(EntityID Mode, const ast::Decl &D) {
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
    // the unknown name is the one finding.
    if (D.Kind == DeclKind::Decision && Target)
      resolveRights(D, frameworkFor(*M->entity(Target.Target).Decl));
  }

  //===--- Lower into typed records ---------------------------------------===//

  const ast::Arg *first(const ast::Decl &D, llvm::StringRef Key,
                        unsigned Slot = 0) const {
    if (const ast::Property *P = D.find(Key))
      for (const ast::Arg &A : P->Args)
        if (A.Slot == Slot)
          return &A;
    return nullptr;
  }
  Ref ref(const ast::Decl &D, llvm::StringRef Key) const {
    return refOf(first(D, Key));
  }
  std::vector<Ref> refs(const ast::Decl &D, llvm::StringRef Key) const {
    std::vector<Ref> Out;
    for (const ast::Property &P : D.Properties)
      if (P.Key == Key && !P.IsRight)
        for (const ast::Arg &A : P.Args)
          Out.push_back(refOf(&A));
    return Out;
  }
  std::optional<int64_t> number(const ast::Decl &D, llvm::StringRef Key,
                                unsigned Slot = 0) const {
    if (const ast::Arg *A = first(D, Key, Slot))
      return A->Val.Number;
    return std::nullopt;
  }
  std::optional<std::string> text(const ast::Decl &D,
                                  llvm::StringRef Key) const {
    if (const ast::Arg *A = first(D, Key))
      return A->Val.Text.str();
    return std::nullopt;
  }
  /// The enumerator \p Key names, by its position in \p Words (the
  /// property's schema vocabulary, in enum order). The parser has already
  /// rejected words outside it.
  template <typename Enum>
  std::optional<Enum> vocabulary(const ast::Decl &D, llvm::StringRef Key,
                                 llvm::ArrayRef<const char *> Words) const {
    if (const ast::Arg *A = first(D, Key))
      for (size_t I = 0; I < Words.size(); ++I)
        if (A->Val.Text == Words[I])
          return static_cast<Enum>(I);
    return std::nullopt;
  }
  bool flag(const ast::Decl &D, llvm::StringRef Key) const {
    return D.find(Key) != nullptr;
  }
  std::vector<RightAssignment> rights(const ast::Decl &D) const {
    std::vector<RightAssignment> Out;
    for (const ast::Property &P : D.Properties) {
      if (!P.IsRight)
        continue;
      RightAssignment RA;
      auto It = RightOf.find(&P);
      RA.Right = It == RightOf.end() ? NoEntity : It->second;
      RA.KeyRange = P.KeyRange;
      for (const ast::Arg &A : P.Args)
        RA.Holders.push_back(refOf(&A));
      Out.push_back(std::move(RA));
    }
    return Out;
  }
  /// The nearest enclosing unit of entity \p ID.
  EntityID enclosingUnit(EntityID ID) const {
    for (EntityID P = M->entity(ID).Parent; P != NoEntity;
         P = M->entity(P).Parent)
      if (M->entity(P).Kind == DeclKind::Unit)
        return P;
    return NoEntity;
  }

  void lower(const ast::Decl &D) {
    EntityID ID = EntityOf.lookup(&D);
    uint32_t Index = M->entity(ID).Index;
    switch (D.Kind) {
    case DeclKind::Unit: {
      Unit &U = M->Units[Index];
      U.ParentUnit = enclosingUnit(ID);
      if (U.ParentUnit != NoEntity)
        M->Units[M->entity(U.ParentUnit).Index].SubUnits.push_back(ID);
      U.Kind = ref(D, "kind");
      U.Lead = ref(D, "lead");
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
      Role &R = M->Roles[Index];
      R.Unit = enclosingUnit(ID);
      if (R.Unit != NoEntity)
        M->Units[M->entity(R.Unit).Index].Roles.push_back(ID);
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
      M->People[Index].Holds = refs(D, "holds");
      return;
    case DeclKind::Forum: {
      Forum &F = M->Forums[Index];
      F.Members = refs(D, "members");
      F.Chair = ref(D, "chair");
      F.EscalatesTo = ref(D, "escalates_to");
      F.EscalationAfterHours = number(D, "escalates_to", 1);
      return;
    }
    case DeclKind::Agent: {
      Agent &A = M->Agents[Index];
      A.Unit = enclosingUnit(ID);
      A.Level = vocabulary<Autonomy>(D, "autonomy", ast::autonomyLevels());
      A.OverseenBy = ref(D, "overseen_by");
      A.Feeds = refs(D, "feeds");
      return;
    }
    case DeclKind::Metric:
      M->Metrics[Index].Kind =
          vocabulary<MetricKind>(D, "kind", ast::metricKinds());
      return;
    case DeclKind::Objective: {
      Objective &O = M->Objectives[Index];
      O.Owner = ref(D, "owner");
      if (!D.find("owner"))
        O.Owner.Target = enclosingUnit(ID);
      O.Maximize = ref(D, "maximize");
      O.Minimize = ref(D, "minimize");
      O.Tensions = refs(D, "tension");
      return;
    }
    case DeclKind::Decision: {
      Decision &Dec = M->Decisions[Index];
      Dec.Unit = enclosingUnit(ID);
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
      Handoff &H = M->Handoffs[Index];
      H.From = ref(D, "from");
      H.To = ref(D, "to");
      H.AcceptedBy = ref(D, "accepted_by");
      H.Artifact = text(D, "artifact");
      H.WithinHours = number(D, "within");
      return;
    }
    case DeclKind::Tradeoff: {
      Tradeoff &T = M->Tradeoffs[Index];
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
      M->Modes[Index].Trigger = text(D, "trigger");
      return;
    case DeclKind::Term: {
      Term &T = M->Terms[Index];
      T.Scope = enclosingUnit(ID);
      T.Definition = M->entity(ID).Title;
      return;
    }
    case DeclKind::Initiative: {
      Initiative &I = M->Initiatives[Index];
      I.Stage = vocabulary<Stage>(D, "stage", ast::initiativeStages());
      I.Sponsor = ref(D, "sponsor");
      I.ProblemOwner = ref(D, "problem_owner");
      I.Outcome = ref(D, "outcome");
      I.Agents = refs(D, "agents");
      I.ProductionPath = text(D, "production_path");
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
      Authority &A = M->Authorities[Index];
      A.Framework = frameworkFor(D);
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
            auto It = TierRight.find(&Arg);
            RA.Right = It == TierRight.end() ? NoEntity : It->second;
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
      Right &R = M->Rights[Index];
      EntityID Framework = M->entity(ID).Parent;
      R.Framework = Framework;
      if (Framework != NoEntity &&
          M->entity(Framework).Kind == DeclKind::Framework)
        M->Frameworks[M->entity(Framework).Index].Rights.push_back(ID);
      R.Min = number(D, "min").value_or(0);
      R.Max = number(D, "max");
      R.Owner = flag(D, "owner");
      R.Gate = flag(D, "gate");
      R.Consult = flag(D, "consult");
      if (R.Max && *R.Max < R.Min)
        Diags.report(DiagID::ValueInvalid, D.find("max")->Range,
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
    Mode &Mo = M->Modes[M->entity(ModeID).Index];
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
    for (const ast::Property &P : D.Properties) {
      if (P.Key == "profile") {
        Ref Profile = ref(D, "profile");
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
          Ds.push_back(refOf(&A));
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
  const SourceManager &SM;
  DiagnosticEngine &Diags;
  std::unique_ptr<Model> M;

  std::vector<const ast::Decl *> Declared;
  std::vector<std::pair<EntityID, const ast::Decl *>> Overrides;
  const ast::Decl *HeaderDecl = nullptr;
  llvm::DenseMap<const ast::Decl *, EntityID> EntityOf;
  /// Terms per enclosing unit and rights per framework. Keyed by std::map:
  /// the global scope is NoEntity, which DenseMap reserves as its empty key.
  std::map<EntityID, llvm::StringMap<EntityID>> TermScopes, RightScopes;
  llvm::DenseMap<const ast::Arg *, Ref> Resolved;
  llvm::DenseMap<const ast::Property *, EntityID> RightOf;
  llvm::DenseMap<const ast::Arg *, EntityID> TierRight;
  llvm::DenseMap<const ast::Decl *, Ref> OverrideTarget;

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
              const SourceManager &SM, DiagnosticEngine &Diags) {
  return Analyzer(Files, SM, Diags).run();
}
