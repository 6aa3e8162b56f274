//===- Ownership.cpp - Who owns each decision, and with which rights ------===//
//
// ownership.orphaned, ownership.double, ownership.vacant, rights.cardinality,
// rights.self-conflict and sod.violation: the decision-rights checks that
// read one decision (or one pair, for segregation of duties) at a time.
//
//===----------------------------------------------------------------------===//
#include "Checks/CheckContext.h"
#include "llvm/ADT/DenseSet.h"

using namespace remit;
using namespace remit::checks;
using namespace remit::sema;
using ast::DeclKind;

namespace {

/// The framework record of a decision, or null when it did not resolve.
const Framework *frameworkOf(const CheckContext &C, const Decision &D) {
  if (!D.Framework || C.entity(D.Framework.Target).Kind != DeclKind::Framework)
    return nullptr;
  return &C.M.Frameworks[C.entity(D.Framework.Target).Index];
}

/// The property of \p D written at \p KeyRange (a right), if any.
const ast::Property *propertyAt(const ast::Decl &D, SourceRange KeyRange) {
  for (const ast::Property &P : D.Properties)
    if (P.KeyRange == KeyRange)
      return &P;
  return nullptr;
}

/// Where a right's `min`/`max` is declared, for notes.
SourceRange boundRange(const CheckContext &C, EntityID Right,
                       llvm::StringRef Key) {
  const Entity &E = C.entity(Right);
  if (const ast::Property *P = E.Decl->find(Key))
    return P->Range;
  return E.NameRange;
}

/// Why a vacant holder is vacant, and where that is declared.
std::pair<std::string, SourceRange> vacancy(const CheckContext &C,
                                            EntityID Holder) {
  const Entity &E = C.entity(Holder);
  if (E.Kind == DeclKind::Role) {
    if (C.View.isVacated(Holder))
      return {"would be vacant", E.NameRange};
    if (C.View.role(Holder).Retired) {
      const ast::Property *P = E.Decl->find("retired");
      return {"is retired", P ? P->Range : E.NameRange};
    }
    const ast::Property *P = E.Decl->find("headcount");
    return {"has headcount 0", P ? P->Range : E.NameRange};
  }
  return {"is a forum whose members are all retired or have headcount 0",
          E.NameRange};
}

void checkOwners(const CheckContext &C, const Decision &D, const Framework &F) {
  const Entity &DE = C.entity(D.Self);
  std::vector<Ref> Owners = C.View.owners(D);
  std::vector<EntityID> OwnerRights;
  for (EntityID R : F.Rights)
    if (C.M.right(R).Owner)
      OwnerRights.push_back(R);
  if (OwnerRights.empty())
    return;
  EntityID OwnerRight = OwnerRights.front();
  llvm::StringRef OwnerName = C.name(OwnerRight);

  if (Owners.empty()) {
    Diagnostic &Diag =
        C.Diags
            .report(DiagID::OwnershipOrphaned, DE.NameRange, DE.Name.str(),
                    OwnerName.str())
            .note(C.entity(OwnerRight).NameRange,
                  fmt::format("`{}` is the owner right of framework `{}`",
                              OwnerName.str(), C.name(F.Self).str()));
    // The natural owner is the lead of the decision's unit.
    if (C.View.mode() == NoEntity && D.Unit != NoEntity) {
      const Ref &Lead = C.M.unit(D.Unit).Lead;
      if (Lead && !C.View.isVacant(Lead.Target))
        if (auto Edit = insertProperty(C.SM, *DE.Decl,
                                       OwnerName.str() + " " +
                                           C.name(Lead.Target).str()))
          Diag.fix(fmt::format("make `{}`, the lead of `{}`, {}",
                               C.name(Lead.Target).str(), C.name(D.Unit).str(),
                               OwnerName.str()),
                   {*Edit});
    }
    return;
  }

  // Unresolved owners are already errors; counting them would guess.
  for (const Ref &O : Owners)
    if (!O)
      return;

  const Right &OR = C.M.right(OwnerRight);
  size_t Limit = OR.Max ? static_cast<size_t>(*OR.Max) : 1;
  if (Owners.size() > Limit) {
    std::vector<std::string> Names;
    for (const Ref &O : Owners)
      Names.push_back(C.name(O.Target).str());
    Diagnostic &Diag = C.Diags.report(
        DiagID::OwnershipDouble, Owners[Limit].Range, DE.Name.str(),
        Owners.size(), quotedList(Names), C.name(F.Self).str(),
        Limit == 1 ? fmt::format("one `{}`", OwnerName.str())
                   : fmt::format("at most {} `{}`", Limit, OwnerName.str()));
    for (size_t I = 0; I < Owners.size(); ++I)
      if (I != Limit)
        Diag.note(Owners[I].Range, fmt::format("`{}` is also an owner",
                                               C.name(Owners[I].Target).str()));
    Diag.note(boundRange(C, OwnerRight, "max"),
              fmt::format("framework `{}` allows {} `{}` per decision",
                          C.name(F.Self).str(), Limit, OwnerName.str()));
  }

  for (const Ref &O : Owners) {
    if (!C.View.isVacant(O.Target))
      continue;
    auto [Why, Where] = vacancy(C, O.Target);
    Diagnostic &Diag =
        C.Diags.report(DiagID::OwnershipVacant, O.Range, DE.Name.str(),
                       C.name(O.Target).str(), Why);
    Diag.note(Where, fmt::format("`{}` {}", C.name(O.Target).str(), Why));
    if (C.entity(O.Target).Kind == DeclKind::Forum)
      for (EntityID Member : C.View.rolesOf(O.Target)) {
        auto [MemberWhy, MemberWhere] = vacancy(C, Member);
        Diag.note(MemberWhere, fmt::format("member `{}` {}",
                                           C.name(Member).str(), MemberWhy));
      }
  }
}

void checkCardinality(const CheckContext &C, const Decision &D,
                      const Framework &F) {
  const Entity &DE = C.entity(D.Self);
  auto Rights = C.View.rights(D);
  for (EntityID RightID : F.Rights) {
    const Right &R = C.M.right(RightID);
    // Distinct holders of this right; an unresolved holder counts once.
    llvm::SmallDenseSet<EntityID, 8> Seen;
    std::vector<const Ref *> Holders;
    SourceRange FirstKey;
    for (const RightAssignment &RA : Rights) {
      if (RA.Right != RightID)
        continue;
      if (!FirstKey.isValid())
        FirstKey = RA.KeyRange;
      for (const Ref &H : RA.Holders)
        if (!H || Seen.insert(H.Target).second)
          Holders.push_back(&H);
    }
    size_t N = Holders.size();
    llvm::StringRef Name = C.name(RightID);
    // The owner right's absence and excess are ownership findings.
    if (R.Owner && (N == 0 || N > static_cast<size_t>(R.Max.value_or(1))))
      continue;
    // Built only for a finding: this runs for every right of every decision.
    auto Has = [&] {
      return N == 0 ? fmt::format("no `{}`", Name.str())
                    : fmt::format("{} `{}` {}", N, Name.str(),
                                  N == 1 ? "holder" : "holders");
    };
    if (N < static_cast<size_t>(R.Min)) {
      C.Diags
          .report(DiagID::RightsCardinality, N == 0 ? DE.NameRange : FirstKey,
                  DE.Name.str(), Has(), C.name(F.Self).str(),
                  fmt::format("requires at least {}", R.Min))
          .note(
              boundRange(C, RightID, "min"),
              fmt::format("`{}` is declared with `min {}`", Name.str(), R.Min));
    } else if (R.Max && N > static_cast<size_t>(*R.Max)) {
      C.Diags
          .report(DiagID::RightsCardinality, Holders[*R.Max]->Range,
                  DE.Name.str(), Has(), C.name(F.Self).str(),
                  fmt::format("allows at most {}", *R.Max))
          .note(boundRange(C, RightID, "max"),
                fmt::format("`{}` is declared with `max {}`", Name.str(),
                            *R.Max));
    }
  }
}

void checkSelfConflict(const CheckContext &C, const Decision &D) {
  const Entity &DE = C.entity(D.Self);
  // Each owner with the owner right that first names it.
  std::vector<std::pair<const Ref *, EntityID>> Owners;
  for (const RightAssignment &RA : C.View.rights(D))
    if (const Right *R = C.View.rightOf(RA); R && R->Owner)
      for (const Ref &H : RA.Holders)
        if (H && llvm::none_of(Owners, [&](const auto &O) {
              return O.first->Target == H.Target;
            }))
          Owners.push_back({&H, RA.Right});
  if (Owners.empty())
    return;
  for (const RightAssignment &RA : C.View.rights(D)) {
    const Right *R = C.View.rightOf(RA);
    if (!R || R->Owner)
      continue;
    for (size_t I = 0; I < RA.Holders.size(); ++I) {
      const Ref &H = RA.Holders[I];
      if (!H)
        continue;
      for (const auto &[O, OwnerRight] : Owners) {
        if (O->Target != H.Target)
          continue;
        Diagnostic &Diag =
            C.Diags
                .report(DiagID::RightsSelfConflict, H.Range,
                        C.name(H.Target).str(), C.name(OwnerRight).str(),
                        C.name(RA.Right).str(), DE.Name.str())
                .note(O->Range, fmt::format("`{}` owns the decision here",
                                            C.name(O->Target).str()));
        // Removing the holder must not leave the right below its `min`.
        if (C.View.mode() == NoEntity &&
            static_cast<int64_t>(RA.Holders.size()) > R->Min)
          if (const ast::Property *P = propertyAt(*DE.Decl, RA.KeyRange))
            Diag.fix(fmt::format("remove `{}` from `{}`",
                                 C.name(H.Target).str(),
                                 C.name(RA.Right).str()),
                     {removeArgument(*P, I)});
      }
    }
  }
}

/// What the decision-rights checks keep for the mode runs: the people behind
/// each role, and the `separate` pairs each decision is in.
struct RightsState final : FamilyState {
  llvm::DenseMap<EntityID, std::vector<EntityID>> PeopleByRole;
  llvm::DenseMap<EntityID, std::vector<size_t>> SeparationsOf;
};

void indexSeparations(const CheckContext &C, RightsState &S) {
  if (C.M.Config.Separations.empty())
    return;
  // People by role they hold, to find one person behind two owner roles.
  for (const Person &P : C.M.People)
    for (const Ref &R : P.Holds)
      if (R)
        S.PeopleByRole[R.Target].push_back(P.Self);
  const auto &Pairs = C.M.Config.Separations;
  for (size_t I = 0; I < Pairs.size(); ++I)
    for (const Ref *R : {&Pairs[I].first, &Pairs[I].second})
      if (*R) {
        std::vector<size_t> &Of = S.SeparationsOf[R->Target];
        if (Of.empty() || Of.back() != I)
          Of.push_back(I);
      }
}

/// sod.violation: one holder (or one person through the roles they hold)
/// owns both decisions of a `separate` pair. \p Which lists the pairs to
/// read, in order.
void checkSeparations(const CheckContext &C, const RightsState &S,
                      llvm::ArrayRef<size_t> Which) {
  llvm::DenseSet<std::pair<EntityID, EntityID>> Reported;
  for (size_t Index : Which) {
    // Not a structured binding: the lambda below captures A and B, which
    // C++17 allows only for variables (clang enforces it).
    const Ref &A = C.M.Config.Separations[Index].first;
    const Ref &B = C.M.Config.Separations[Index].second;
    if (!A || !B || A.Target == B.Target)
      continue;
    if (C.View.mode() != NoEntity && !C.View.isOverridden(A.Target) &&
        !C.View.isOverridden(B.Target))
      continue;
    auto Key = std::minmax(A.Target, B.Target);
    if (!Reported.insert({Key.first, Key.second}).second)
      continue;
    const Decision &DA = C.M.decision(A.Target), &DB = C.M.decision(B.Target);
    std::vector<Ref> OA = C.View.owners(DA), OB = C.View.owners(DB);
    auto Report = [&](const std::string &Who, const Ref &InB, const Ref &InA) {
      C.Diags
          .report(DiagID::SodViolation, InB.Range, Who, C.name(A.Target).str(),
                  C.name(B.Target).str())
          .note(InA.Range,
                fmt::format("`{}` owns `{}` here", C.name(InA.Target).str(),
                            C.name(A.Target).str()))
          .note(B.Range,
                fmt::format("`separate` puts `{}` and `{}` in "
                            "different hands",
                            C.name(A.Target).str(), C.name(B.Target).str()));
    };
    bool Found = false;
    for (const Ref &HB : OB)
      for (const Ref &HA : OA)
        if (HA && HB && HA.Target == HB.Target && !Found) {
          Report(quoted(C.name(HB.Target)), HB, HA);
          Found = true;
        }
    if (Found)
      continue;
    for (const Ref &HB : OB)
      for (const Ref &HA : OA) {
        if (!HA || !HB || Found)
          continue;
        auto PA = S.PeopleByRole.find(HA.Target),
             PB = S.PeopleByRole.find(HB.Target);
        if (PA == S.PeopleByRole.end() || PB == S.PeopleByRole.end())
          continue;
        for (EntityID P : PB->second)
          if (llvm::is_contained(PA->second, P) && !Found) {
            Report(fmt::format("person `{}`, as `{}` and `{}`,",
                               C.name(P).str(), C.name(HA.Target).str(),
                               C.name(HB.Target).str()),
                   HB, HA);
            if (const ast::Property *Holds = C.entity(P).Decl->find("holds"))
              C.Diags.diagnostics().back().note(
                  Holds->Range,
                  fmt::format("`{}` holds both roles", C.name(P).str()));
            Found = true;
          }
      }
  }
}

void checkDecision(const CheckContext &C, const Decision &D) {
  if (C.entity(D.Self).FromStdlib)
    return;
  const Framework *F = frameworkOf(C, D);
  if (!F)
    return;
  checkOwners(C, D, *F);
  checkCardinality(C, D, *F);
  checkSelfConflict(C, D);
}

} // namespace

void checks::checkDecisionRights(const CheckContext &C) {
  size_t Pairs = C.M.Config.Separations.size();
  if (C.View.mode() == NoEntity || !C.incremental()) {
    // A mode changes only the decisions it overrides.
    if (C.View.mode() == NoEntity)
      for (const Decision &D : C.M.Decisions)
        checkDecision(C, D);
    else
      for (EntityID ID : C.View.changes().Decisions)
        checkDecision(C, C.M.decision(ID));
    auto S = std::make_unique<RightsState>();
    indexSeparations(C, *S);
    std::vector<size_t> All(Pairs);
    for (size_t I = 0; I < Pairs; ++I)
      All[I] = I;
    checkSeparations(C, *S, All);
    if (C.Keep)
      C.Keep->Rights = std::move(S);
    return;
  }
  // A mode: the overridden decisions, and the pairs they are in.
  const auto &S = static_cast<const RightsState &>(*C.Normal->Rights);
  std::vector<size_t> Which;
  for (EntityID ID : C.View.changes().Decisions) {
    checkDecision(C, C.M.decision(ID));
    auto It = S.SeparationsOf.find(ID);
    if (It != S.SeparationsOf.end())
      Which.insert(Which.end(), It->second.begin(), It->second.end());
  }
  llvm::sort(Which);
  Which.erase(std::unique(Which.begin(), Which.end()), Which.end());
  checkSeparations(C, S, Which);
}
