//===- OrgView.h - The organisation as it operates in one mode --*- C++ -*-===//
//
// A read-only view of a Model with one mode's overrides applied (or none, for
// normal operation): the effective rights and escalation of every decision
// and the effective reporting, escalation and deputy of every role. Checks
// read the organisation only through this view, so the same check runs on
// normal operation and on every mode. A mode's view stores only what the mode
// overrides, layered over the normal view, and lists what differs from normal
// operation (ModeChanges) so a family can look only there.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_CHECKS_ORGVIEW_H
#define REMIT_CHECKS_ORGVIEW_H

#include "Sema/Model.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <mutex>

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

/// What a mode changes with respect to normal operation. Every list is
/// sorted by entity id (model order) and holds each entity once.
struct ModeChanges {
  std::vector<EntityID> Roles;     ///< Roles the mode overrides at all.
  std::vector<EntityID> Decisions; ///< Decisions the mode overrides at all.
  /// Roles whose next escalation step (target, reference or kind) differs.
  std::vector<EntityID> Steps;
  /// Roles whose `reports_to` names another role (or none).
  std::vector<EntityID> Lines;
  /// Roles whose `deputy` names another role (or none).
  std::vector<EntityID> Deputies;
  /// Decisions whose rights the mode reassigns.
  std::vector<EntityID> Rights;
  /// Decisions whose own `escalates_to` differs (target or reference).
  std::vector<EntityID> Escalations;
  /// Entities whose direct escalation sources differ: the old and new
  /// targets of Steps and Escalations.
  std::vector<EntityID> SourceTargets;
};

class OrgView {
public:
  /// The view of \p M in mode \p Mode (NoEntity: normal operation), with
  /// the roles in \p Vacate vacant (headcount 0; `remitc whatif`). A mode's
  /// view made this way owns its normal view and computes its escalation
  /// sources from scratch, as a whole-model reference.
  explicit OrgView(const sema::Model &M, EntityID Mode = NoEntity,
                   llvm::ArrayRef<EntityID> Vacate = {});
  /// Mode \p Mode layered over the normal view \p Normal (which must
  /// outlive it): stores only the mode's overrides, and derives its
  /// escalation sources from \p Normal's where the mode changes them.
  OrgView(const OrgView &Normal, EntityID Mode);
  ~OrgView();
  OrgView(const OrgView &) = delete;
  OrgView &operator=(const OrgView &) = delete;

  const sema::Model &model() const { return M; }
  EntityID mode() const { return ModeID; }
  /// The normal view a mode's view is layered over; null in normal
  /// operation.
  const OrgView *normal() const { return Base; }
  /// What the mode changes (empty lists in normal operation).
  const ModeChanges &changes() const { return Changes; }

  /// The effective record of role \p ID.
  const sema::Role &role(EntityID ID) const {
    if (!RoleRecords.empty()) {
      auto It = RoleRecords.find(ID);
      if (It != RoleRecords.end())
        return It->second;
    }
    return Base ? Base->role(ID) : M.Roles[M.entity(ID).Index];
  }
  /// Effective rights of decision \p D (by reference into the model).
  llvm::ArrayRef<sema::RightAssignment> rights(const sema::Decision &D) const;
  /// The decision's own escalation target (overriding its owner's).
  const Ref &escalatesTo(const sema::Decision &D) const;
  /// Whether the mode overrides anything of decision or role \p ID.
  bool isOverridden(EntityID ID) const {
    return ID < M.Entities.size() && Overridden.count(ID) != 0;
  }
  /// Whether role \p ID is vacant only because the view vacates it.
  bool isVacated(EntityID ID) const {
    if (Base)
      return Base->isVacated(ID);
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
  /// The escalations that land on entity \p Node directly: role sources in
  /// model order, then forums, then decisions. Normal operation computes
  /// them for every entity on first use; a layered mode's view recomputes
  /// only the targets in changes().SourceTargets.
  /// Safe to call from several threads (check families run in parallel).
  llvm::ArrayRef<EscalationSource> escalationSources(EntityID Node) const;
  /// A final role, or a forum (or person) that includes one.
  bool isFinal(EntityID Node) const;
  /// A retired role or one with headcount 0; a forum whose members all are.
  bool isVacant(EntityID Holder) const;
  /// Headcount of a holder: a role's headcount; 1 for anything else.
  int64_t headcount(EntityID Holder) const;
  /// Roles a forum's members or a person stand for; the role itself.
  llvm::SmallVector<EntityID, 4> rolesOf(EntityID Holder) const;

  /// DESIGN.md §1: whether \p A has authority over \p B (a role, unit,
  /// forum or person). A role has authority over roles that report to it,
  /// directly or not, and over units it (or a role under it) leads, with
  /// their sub-units; a final role over everything; a forum or person has
  /// the union of its members' (held roles') authority.
  bool hasAuthorityOver(EntityID A, EntityID B) const;

private:
  void applyMode(EntityID Mode);
  void computeChanges();
  void patchSources();
  bool roleHasAuthorityOverRole(EntityID A, EntityID B) const;

  const sema::Model &M;
  /// The normal view under a mode's view; null in normal operation.
  const OrgView *Base = nullptr;
  /// The normal view a whole-model mode view made for itself.
  std::unique_ptr<OrgView> OwnedBase;
  EntityID ModeID = NoEntity;
  /// Effective role records that differ from the base (or the model).
  llvm::DenseMap<EntityID, sema::Role> RoleRecords;
  /// Per overridden decision: its merged rights, when the mode names any.
  llvm::DenseMap<EntityID, std::vector<sema::RightAssignment>> RightsOverride;
  /// Per overridden decision: its `escalates_to` in the mode, when written.
  llvm::DenseMap<EntityID, const Ref *> EscalationOverride;
  llvm::DenseSet<EntityID> Overridden;
  std::vector<bool> Vacated; ///< Per entity; empty when none is.
  ModeChanges Changes;
  /// Whether escalationSources() recomputes every entity (normal operation
  /// and whole-model mode views) rather than patching the base's.
  bool WholeSources = true;
  /// Built by escalationSources() on first use (whole views), once even
  /// when families on several threads ask at the same time.
  mutable std::vector<std::vector<EscalationSource>> Sources;
  mutable std::once_flag SourcesBuilt;
  /// The recomputed sources of changes().SourceTargets (layered views).
  llvm::DenseMap<EntityID, std::vector<EscalationSource>> PatchedSources;
};

} // namespace remit::checks

#endif
