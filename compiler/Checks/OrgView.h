//===- OrgView.h - The organisation as it operates in one mode --*- C++ -*-===//
//
// A read-only view of a Model with one mode's overrides applied (or none, for
// normal operation): the effective rights and escalation of every decision
// and the effective reporting, escalation and deputy of every role. Checks
// read the organisation only through this view, so the same check runs on
// normal operation and on every mode.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_CHECKS_ORGVIEW_H
#define REMIT_CHECKS_ORGVIEW_H

#include "Sema/Model.h"
#include <deque>

namespace remit::checks {

using sema::EntityID;
using sema::NoEntity;
using sema::Ref;

/// One step up an escalation chain.
struct EscalationStep {
  EntityID To = NoEntity; ///< NoEntity when the written target is unresolved.
  SourceRange Range;      ///< The reference that makes the step.
  bool ViaReportsTo = false; ///< No `escalates_to`: the line manager.
};

/// A direct escalation into a role or forum: from a role's or forum's next
/// step, or from a decision's own `escalates_to`.
struct EscalationSource {
  EntityID From;
  SourceRange Range; ///< The reference that escalates.
};

class OrgView {
public:
  /// The view of \p M in mode \p Mode (NoEntity: normal operation), with
  /// the roles in \p Vacate vacant (headcount 0; `remitc whatif`).
  explicit OrgView(const sema::Model &M, EntityID Mode = NoEntity,
                   llvm::ArrayRef<EntityID> Vacate = {});

  const sema::Model &model() const { return M; }
  EntityID mode() const { return ModeID; }

  /// The effective record of role \p ID.
  const sema::Role &role(EntityID ID) const {
    return Roles[M.entity(ID).Index];
  }
  llvm::ArrayRef<sema::Role> roles() const { return Roles; }
  /// Effective rights of decision \p D (by reference into the model).
  llvm::ArrayRef<sema::RightAssignment> rights(const sema::Decision &D) const;
  /// The decision's own escalation target (overriding its owner's).
  const Ref &escalatesTo(const sema::Decision &D) const;
  /// Whether the mode overrides anything of decision or role \p ID.
  bool isOverridden(EntityID ID) const;
  /// Whether role \p ID is vacant only because the view vacates it.
  bool isVacated(EntityID ID) const {
    return ID < Vacated.size() && Vacated[ID];
  }

  /// The framework right of \p RA, or null when it did not resolve.
  const sema::Right *rightOf(const sema::RightAssignment &RA) const;
  /// Holders of the decision's owner rights, as written (resolved or not).
  std::vector<Ref> owners(const sema::Decision &D) const;
  /// Whether decision \p D's framework resolved and declares an owner right.
  bool hasOwnerRight(const sema::Decision &D) const;

  /// The next step up from role or forum \p Node: its `escalates_to`, else
  /// (roles) its `reports_to`. std::nullopt when there is none.
  std::optional<EscalationStep> next(EntityID Node) const;
  /// A final role, or a forum (or person) that includes one.
  /// Per entity id, the escalations that land on it directly. Computed on
  /// first use and shared by the families that need it.
  const std::vector<std::vector<EscalationSource>> &escalationSources() const;
  bool isFinal(EntityID Node) const;
  /// A retired role or one with headcount 0; a forum whose members all are.
  bool isVacant(EntityID Holder) const;
  /// Headcount of a holder: a role's headcount; 1 for anything else.
  int64_t headcount(EntityID Holder) const;
  /// Roles a forum's members or a person stand for; the role itself.
  std::vector<EntityID> rolesOf(EntityID Holder) const;

  /// DESIGN.md §1: whether \p A has authority over \p B (a role, unit,
  /// forum or person). A role has authority over roles that report to it,
  /// directly or not, and over units it (or a role under it) leads, with
  /// their sub-units; a final role over everything; a forum or person has
  /// the union of its members' (held roles') authority.
  bool hasAuthorityOver(EntityID A, EntityID B) const;

private:
  bool roleHasAuthorityOverRole(EntityID A, EntityID B) const;

  const sema::Model &M;
  EntityID ModeID;
  std::vector<sema::Role> Roles;
  /// Per decision index: overridden rights (merged) or null.
  std::vector<const std::vector<sema::RightAssignment> *> RightsOverride;
  std::vector<const Ref *> EscalationOverride;
  std::deque<std::vector<sema::RightAssignment>> OwnedRights;
  std::vector<bool> Overridden; ///< Per entity.
  std::vector<bool> Vacated;    ///< Per entity; empty when none is.
  /// Built by escalationSources() on first use.
  mutable std::optional<std::vector<std::vector<EscalationSource>>> Sources;
};

} // namespace remit::checks

#endif
