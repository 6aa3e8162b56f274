//===- OrgView.cpp - The organisation as it operates in one mode ----------===//
#include "Checks/OrgView.h"

using namespace remit;
using namespace remit::checks;
using namespace remit::sema;
using ast::DeclKind;

namespace {
/// Whether a reference was written (resolved or not).
bool written(const Ref &R) { return R.Range.isValid(); }
} // namespace

OrgView::OrgView(const Model &M, EntityID Mode,
                 llvm::ArrayRef<EntityID> Vacate)
    : M(M), ModeID(Mode), Roles(M.Roles),
      RightsOverride(M.Decisions.size(), nullptr),
      EscalationOverride(M.Decisions.size(), nullptr),
      Overridden(M.Entities.size(), false) {
  for (EntityID ID : Vacate) {
    if (ID >= M.Entities.size() || M.entity(ID).Kind != DeclKind::Role)
      continue;
    if (Vacated.empty())
      Vacated.assign(M.Entities.size(), false);
    Vacated[ID] = true;
    Roles[M.entity(ID).Index].Headcount = 0;
  }
  if (Mode == NoEntity)
    return;
  const sema::Mode &Mo = M.Modes[M.entity(Mode).Index];
  for (const RoleOverride &O : Mo.Roles) {
    if (!O.Role)
      continue;
    Overridden[O.Role.Target] = true;
    Role &R = Roles[M.entity(O.Role.Target).Index];
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
    Overridden[O.Decision.Target] = true;
    uint32_t Index = M.entity(O.Decision.Target).Index;
    if (written(O.EscalatesTo))
      EscalationOverride[Index] = &O.EscalatesTo;
    if (O.Rights.empty())
      continue;
    // A mode reassigns the rights it names; the others stay as they are.
    std::vector<RightAssignment> Merged;
    const auto &Base = RightsOverride[Index] ? *RightsOverride[Index]
                                             : M.Decisions[Index].Rights;
    for (const RightAssignment &RA : Base) {
      bool Replaced = false;
      for (const RightAssignment &New : O.Rights)
        Replaced |= New.Right != NoEntity && New.Right == RA.Right;
      if (!Replaced)
        Merged.push_back(RA);
    }
    Merged.insert(Merged.end(), O.Rights.begin(), O.Rights.end());
    OwnedRights.push_back(std::move(Merged));
    RightsOverride[Index] = &OwnedRights.back();
  }
}

llvm::ArrayRef<RightAssignment> OrgView::rights(const Decision &D) const {
  uint32_t Index = M.entity(D.Self).Index;
  if (RightsOverride[Index])
    return *RightsOverride[Index];
  return D.Rights;
}

const Ref &OrgView::escalatesTo(const Decision &D) const {
  uint32_t Index = M.entity(D.Self).Index;
  return EscalationOverride[Index] ? *EscalationOverride[Index]
                                   : D.EscalatesTo;
}

bool OrgView::isOverridden(EntityID ID) const {
  return ID < Overridden.size() && Overridden[ID];
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

std::vector<EntityID> OrgView::rolesOf(EntityID Holder) const {
  std::vector<EntityID> Out;
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

const std::vector<std::vector<EscalationSource>> &
OrgView::escalationSources() const {
  if (Sources)
    return *Sources;
  std::vector<std::vector<EscalationSource>> &In =
      Sources.emplace(M.Entities.size());
  auto Add = [&](EntityID From, EntityID Node) {
    if (auto Step = next(Node))
      if (Step->To != NoEntity)
        In[Step->To].push_back({From, Step->Range});
  };
  for (const Role &R : M.Roles)
    Add(R.Self, R.Self);
  for (const Forum &F : M.Forums)
    Add(F.Self, F.Self);
  for (const Decision &D : M.Decisions)
    if (const Ref &To = escalatesTo(D))
      In[To.Target].push_back({D.Self, To.Range});
  return In;
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
    std::vector<EntityID> Members = rolesOf(Holder);
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
  for (Ref Up = role(B).ReportsTo; Up && Steps <= Roles.size();
       Up = role(Up.Target).ReportsTo, ++Steps)
    if (Up.Target == A)
      return true;
  return false;
}

bool OrgView::hasAuthorityOver(EntityID A, EntityID B) const {
  if (A == NoEntity || B == NoEntity || A == sema::EnterpriseEntity)
    return false;
  std::vector<EntityID> Holders = rolesOf(A);
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
  std::vector<EntityID> Targets = rolesOf(B);
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
