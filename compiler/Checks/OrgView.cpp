//===- OrgView.cpp - The organisation as it operates in one mode ----------===//
#include "Checks/OrgView.h"
#include <algorithm>

using namespace remit;
using namespace remit::checks;
using namespace remit::sema;
using ast::DeclKind;

namespace {
/// Whether a reference was written (resolved or not).
bool written(const Ref &R) { return R.Range.isValid(); }

bool sameStep(const std::optional<EscalationStep> &A,
              const std::optional<EscalationStep> &B) {
  if (!A || !B)
    return !A && !B;
  return A->To == B->To && A->Range == B->Range &&
         A->ViaReportsTo == B->ViaReportsTo;
}

void sortUnique(std::vector<EntityID> &IDs) {
  llvm::sort(IDs);
  IDs.erase(std::unique(IDs.begin(), IDs.end()), IDs.end());
}
} // namespace

OrgView::OrgView(const Model &M, EntityID Mode, llvm::ArrayRef<EntityID> Vacate)
    : M(M) {
  if (Mode != NoEntity) {
    OwnedBase = std::make_unique<OrgView>(M, NoEntity, Vacate);
    Base = OwnedBase.get();
    applyMode(Mode);
    return;
  }
  for (EntityID ID : Vacate) {
    if (ID >= M.Entities.size() || M.entity(ID).Kind != DeclKind::Role)
      continue;
    if (Vacated.empty())
      Vacated.assign(M.Entities.size(), false);
    Vacated[ID] = true;
    Role R = M.Roles[M.entity(ID).Index];
    R.Headcount = 0;
    RoleRecords[ID] = R;
  }
}

OrgView::OrgView(const OrgView &Normal, EntityID Mode)
    : M(Normal.M), Base(&Normal) {
  assert(!Normal.Base && "a mode is layered over normal operation");
  WholeSources = false;
  applyMode(Mode);
}

OrgView::~OrgView() = default;

void OrgView::applyMode(EntityID Mode) {
  ModeID = Mode;
  if (Mode == NoEntity)
    return;
  const sema::Mode &Mo = M.Modes[M.entity(Mode).Index];
  for (const RoleOverride &O : Mo.Roles) {
    if (!O.Role)
      continue;
    Overridden.insert(O.Role.Target);
    Changes.Roles.push_back(O.Role.Target);
    // The first override of a role starts from its normal record.
    auto [It, New] = RoleRecords.try_emplace(O.Role.Target);
    Role &R = It->second;
    if (New)
      R = Base->role(O.Role.Target);
    if (written(O.ReportsTo))
      R.ReportsTo = O.ReportsTo;
    if (written(O.EscalatesTo)) {
      R.EscalatesTo = O.EscalatesTo;
      R.EscalationAfterHours = O.EscalationAfterHours;
    }
    if (written(O.Deputy))
      R.Deputy = O.Deputy;
  }
  for (const DecisionOverride &O : Mo.Decisions) {
    if (!O.Decision)
      continue;
    EntityID ID = O.Decision.Target;
    Overridden.insert(ID);
    Changes.Decisions.push_back(ID);
    if (written(O.EscalatesTo))
      EscalationOverride[ID] = &O.EscalatesTo;
    if (O.Rights.empty())
      continue;
    // A mode reassigns the rights it names; the others stay as they are.
    std::vector<RightAssignment> Merged;
    auto Earlier = RightsOverride.find(ID);
    const auto &Was = Earlier != RightsOverride.end() ? Earlier->second
                                                      : M.decision(ID).Rights;
    for (const RightAssignment &RA : Was) {
      bool Replaced = false;
      for (const RightAssignment &New : O.Rights)
        Replaced |= New.Right != NoEntity && New.Right == RA.Right;
      if (!Replaced)
        Merged.push_back(RA);
    }
    Merged.insert(Merged.end(), O.Rights.begin(), O.Rights.end());
    RightsOverride[ID] = std::move(Merged);
    Changes.Rights.push_back(ID);
  }
  computeChanges();
  if (!WholeSources)
    patchSources();
}

void OrgView::computeChanges() {
  sortUnique(Changes.Roles);
  sortUnique(Changes.Decisions);
  sortUnique(Changes.Rights);
  for (EntityID ID : Changes.Roles) {
    const Role &Was = Base->role(ID), &Now = role(ID);
    if (!sameStep(Base->next(ID), next(ID)))
      Changes.Steps.push_back(ID);
    if (Was.ReportsTo.Target != Now.ReportsTo.Target)
      Changes.Lines.push_back(ID);
    if (Was.Deputy.Target != Now.Deputy.Target)
      Changes.Deputies.push_back(ID);
  }
  for (EntityID ID : Changes.Decisions) {
    const Decision &D = M.decision(ID);
    const Ref &Was = Base->escalatesTo(D), &Now = escalatesTo(D);
    if (Was.Target != Now.Target || Was.Range != Now.Range)
      Changes.Escalations.push_back(ID);
  }
  // Sources move from the old target of each changed step to the new one.
  auto AddTarget = [&](EntityID To) {
    if (To != NoEntity)
      Changes.SourceTargets.push_back(To);
  };
  for (EntityID ID : Changes.Steps) {
    if (auto Step = Base->next(ID))
      AddTarget(Step->To);
    if (auto Step = next(ID))
      AddTarget(Step->To);
  }
  for (EntityID ID : Changes.Escalations) {
    const Decision &D = M.decision(ID);
    AddTarget(Base->escalatesTo(D).Target);
    AddTarget(escalatesTo(D).Target);
  }
  sortUnique(Changes.SourceTargets);
}

namespace {
/// Where a source stands in a target's list: roles, then forums, then
/// decisions, each in model order (the order the whole-model pass adds
/// them).
std::pair<int, uint32_t> sourceRank(const Model &M, EntityID From) {
  const Entity &E = M.entity(From);
  int Kind = E.Kind == DeclKind::Role ? 0 : E.Kind == DeclKind::Forum ? 1 : 2;
  return {Kind, E.Index};
}
} // namespace

void OrgView::patchSources() {
  if (Changes.SourceTargets.empty())
    return;
  llvm::DenseSet<EntityID> Moved;
  // The moved sources at their new targets, in list order.
  std::vector<std::pair<EntityID, EscalationSource>> Added;
  for (EntityID ID : Changes.Steps) {
    Moved.insert(ID);
    if (auto Step = next(ID))
      if (Step->To != NoEntity)
        Added.push_back({Step->To, {ID, Step->Range}});
  }
  for (EntityID ID : Changes.Escalations) {
    Moved.insert(ID);
    if (const Ref &To = escalatesTo(M.decision(ID)))
      Added.push_back({To.Target, {ID, To.Range}});
  }
  auto Rank = [&](const EscalationSource &S) { return sourceRank(M, S.From); };
  std::stable_sort(Added.begin(), Added.end(),
                   [&](const auto &A, const auto &B) {
                     return std::make_pair(A.first, Rank(A.second)) <
                            std::make_pair(B.first, Rank(B.second));
                   });
  auto Next = Added.begin();
  for (EntityID Target : Changes.SourceTargets) {
    std::vector<EscalationSource> &Out = PatchedSources[Target];
    for (const EscalationSource &S : Base->escalationSources(Target)) {
      if (Moved.count(S.From))
        continue;
      for (; Next != Added.end() && Next->first == Target &&
             Rank(Next->second) < Rank(S);
           ++Next)
        Out.push_back(Next->second);
      Out.push_back(S);
    }
    for (; Next != Added.end() && Next->first == Target; ++Next)
      Out.push_back(Next->second);
  }
  assert(Next == Added.end() && "every new target is a source target");
}

llvm::ArrayRef<RightAssignment> OrgView::rights(const Decision &D) const {
  if (!RightsOverride.empty()) {
    auto It = RightsOverride.find(D.Self);
    if (It != RightsOverride.end())
      return It->second;
  }
  return D.Rights;
}

const Ref &OrgView::escalatesTo(const Decision &D) const {
  if (!EscalationOverride.empty()) {
    auto It = EscalationOverride.find(D.Self);
    if (It != EscalationOverride.end())
      return *It->second;
  }
  return D.EscalatesTo;
}

const Right *OrgView::rightOf(const RightAssignment &RA) const {
  if (RA.Right == NoEntity)
    return nullptr;
  return &M.right(RA.Right);
}

std::vector<Ref> OrgView::owners(const Decision &D) const {
  std::vector<Ref> Out;
  for (const RightAssignment &RA : rights(D))
    if (const Right *R = rightOf(RA); R && R->Owner)
      for (const Ref &H : RA.Holders) {
        bool Seen = false;
        for (const Ref &O : Out)
          Seen |= H && O.Target == H.Target;
        if (!Seen)
          Out.push_back(H);
      }
  return Out;
}

bool OrgView::hasOwnerRight(const Decision &D) const {
  if (!D.Framework || M.entity(D.Framework.Target).Kind != DeclKind::Framework)
    return false;
  for (EntityID R : M.Frameworks[M.entity(D.Framework.Target).Index].Rights)
    if (M.right(R).Owner)
      return true;
  return false;
}

std::optional<EscalationStep> OrgView::next(EntityID Node) const {
  const Entity &E = M.entity(Node);
  const Ref *Target = nullptr;
  bool ViaReportsTo = false;
  if (E.Kind == DeclKind::Role) {
    const Role &R = role(Node);
    if (written(R.EscalatesTo)) {
      Target = &R.EscalatesTo;
    } else if (written(R.ReportsTo)) {
      Target = &R.ReportsTo;
      ViaReportsTo = true;
    }
  } else if (E.Kind == DeclKind::Forum) {
    const Forum &F = M.Forums[E.Index];
    if (written(F.EscalatesTo))
      Target = &F.EscalatesTo;
  }
  if (!Target)
    return std::nullopt;
  return EscalationStep{Target->Target, Target->Range, ViaReportsTo};
}

llvm::SmallVector<EntityID, 4> OrgView::rolesOf(EntityID Holder) const {
  llvm::SmallVector<EntityID, 4> Out;
  if (Holder == NoEntity || Holder == sema::EnterpriseEntity)
    return Out;
  const Entity &E = M.entity(Holder);
  auto AddPerson = [&](const Person &P) {
    for (const Ref &R : P.Holds)
      if (R)
        Out.push_back(R.Target);
  };
  if (E.Kind == DeclKind::Role) {
    Out.push_back(Holder);
  } else if (E.Kind == DeclKind::Person) {
    AddPerson(M.People[E.Index]);
  } else if (E.Kind == DeclKind::Forum) {
    for (const Ref &Member : M.Forums[E.Index].Members) {
      if (!Member)
        continue;
      if (M.entity(Member.Target).Kind == DeclKind::Person)
        AddPerson(M.People[M.entity(Member.Target).Index]);
      else
        Out.push_back(Member.Target);
    }
  }
  return Out;
}

llvm::ArrayRef<EscalationSource>
OrgView::escalationSources(EntityID Node) const {
  if (!WholeSources) {
    auto It = PatchedSources.find(Node);
    if (It != PatchedSources.end())
      return It->second;
    return Base->escalationSources(Node);
  }
  std::call_once(SourcesBuilt, [&] {
    Sources.resize(M.Entities.size());
    auto Add = [&](EntityID From) {
      if (auto Step = next(From))
        if (Step->To != NoEntity)
          Sources[Step->To].push_back({From, Step->Range});
    };
    for (const Role &R : M.Roles)
      Add(R.Self);
    for (const Forum &F : M.Forums)
      Add(F.Self);
    for (const Decision &D : M.Decisions)
      if (const Ref &To = escalatesTo(D))
        Sources[To.Target].push_back({D.Self, To.Range});
  });
  return Sources[Node];
}

bool OrgView::isFinal(EntityID Node) const {
  for (EntityID R : rolesOf(Node))
    if (role(R).Final)
      return true;
  return false;
}

bool OrgView::isVacant(EntityID Holder) const {
  if (Holder == NoEntity)
    return false;
  const Entity &E = M.entity(Holder);
  if (E.Kind == DeclKind::Role) {
    const Role &R = role(Holder);
    return R.Retired || R.Headcount == 0;
  }
  if (E.Kind == DeclKind::Forum) {
    llvm::SmallVector<EntityID, 4> Members = rolesOf(Holder);
    if (Members.empty())
      return false;
    for (EntityID R : Members)
      if (!isVacant(R))
        return false;
    return true;
  }
  return false;
}

int64_t OrgView::headcount(EntityID Holder) const {
  if (Holder != NoEntity && M.entity(Holder).Kind == DeclKind::Role)
    return role(Holder).Headcount;
  return 1;
}

bool OrgView::roleHasAuthorityOverRole(EntityID A, EntityID B) const {
  if (role(A).Final)
    return true;
  // Walk B's reporting line; a reporting cycle ends the walk.
  size_t Steps = 0;
  for (Ref Up = role(B).ReportsTo; Up && Steps <= M.Roles.size();
       Up = role(Up.Target).ReportsTo, ++Steps)
    if (Up.Target == A)
      return true;
  return false;
}

bool OrgView::hasAuthorityOver(EntityID A, EntityID B) const {
  if (A == NoEntity || B == NoEntity || A == sema::EnterpriseEntity)
    return false;
  llvm::SmallVector<EntityID, 4> Holders = rolesOf(A);
  if (B == sema::EnterpriseEntity) {
    for (EntityID H : Holders)
      if (role(H).Final)
        return true;
    return false;
  }
  const Entity &Target = M.entity(B);
  if (Target.Kind == DeclKind::Unit) {
    // A leads the unit or an enclosing one, or such a lead reports to A.
    for (EntityID U = B; U != NoEntity; U = M.unit(U).ParentUnit) {
      const Ref &Lead = M.unit(U).Lead;
      if (!Lead)
        continue;
      for (EntityID H : Holders)
        if (H == Lead.Target || roleHasAuthorityOverRole(H, Lead.Target))
          return true;
    }
    for (EntityID H : Holders)
      if (role(H).Final)
        return true;
    return false;
  }
  llvm::SmallVector<EntityID, 4> Targets = rolesOf(B);
  if (Targets.empty())
    return false;
  // Over a forum or person: over every role it stands for.
  for (EntityID T : Targets) {
    bool Covered = false;
    for (EntityID H : Holders)
      Covered |= H != T && roleHasAuthorityOverRole(H, T);
    if (!Covered)
      return false;
  }
  return true;
}
