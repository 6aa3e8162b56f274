//===- Topologies.cpp - Team Topologies guidance --------------------------===//
//
// topology.collaboration-overload, topology.collaboration-expired and
// topology.enabling-owns-delivery. Collaboration is the most expensive
// interaction mode: a team can sustain few at once, and each should end on
// a date and become x-as-a-service or facilitating. Enabling teams help
// other teams decide; they do not own the delivery decisions. The team
// types and interaction modes are std.topologies' declarations, found by
// name in the stdlib, never hard-coded here; a model that does not import
// std.topologies has nothing to check.
//
//===----------------------------------------------------------------------===//
#include "AST/PropertyParser.h"
#include "Checks/CheckContext.h"
#include "llvm/ADT/DenseMap.h"

using namespace remit;
using namespace remit::checks;
using namespace remit::sema;
using ast::DeclKind;

namespace {

/// What the enabling-team check keeps for the mode runs: the roles that
/// lead an enabling team (or a unit in one), with that team.
struct TopologyState final : FamilyState {
  llvm::DenseMap<EntityID, EntityID> Leads;
};

class TopologyChecks {
public:
  explicit TopologyChecks(const CheckContext &C)
      : C(C), Collaboration(
                  stdlibEntity(C.M, DeclKind::Interaction, "collaboration")),
        Enabling(stdlibEntity(C.M, DeclKind::UnitKind, "enabling")) {}

  void run() {
    // Interactions are not overridden by modes: report them once.
    if (C.View.mode() == NoEntity && Collaboration != NoEntity)
      reportCollaborations();
    if (Enabling != NoEntity && C.enabled(DiagID::TopologyEnablingOwnsDelivery))
      reportEnabling();
  }

private:
  struct Side {
    EntityID Other;
    SourceRange Range;
  };

  void reportCollaborations() {
    std::vector<std::vector<Side>> Of(C.M.Entities.size());
    std::vector<EntityID> Order;
    for (const Unit &U : C.M.Units) {
      if (C.entity(U.Self).FromStdlib)
        continue;
      for (const Interaction &I : U.Interactions) {
        if (!I.With || !I.Mode || I.Mode.Target != Collaboration ||
            C.entity(I.With.Target).Kind != DeclKind::Unit)
          continue;
        if (I.UntilDay && *I.UntilDay < C.Opts.AsOfDay) {
          if (C.enabled(DiagID::TopologyCollaborationExpired))
            C.Diags
                .report(DiagID::TopologyCollaborationExpired, I.Range,
                        C.name(U.Self).str(), C.name(I.With.Target).str(),
                        ast::formatDate(*I.UntilDay))
                .note(C.entity(I.With.Target).NameRange,
                      fmt::format("`{}` is the other side",
                                  C.name(I.With.Target).str()));
          continue;
        }
        // Both teams are in the collaboration.
        for (auto [A, B] : {std::pair{U.Self, I.With.Target},
                            std::pair{I.With.Target, U.Self}}) {
          if (Of[A].empty())
            Order.push_back(A);
          Of[A].push_back({B, I.Range});
        }
      }
    }
    if (!C.enabled(DiagID::TopologyCollaborationOverload))
      return;
    int64_t Limit = C.threshold(DiagID::TopologyCollaborationOverload);
    llvm::sort(Order);
    for (EntityID U : Order) {
      const auto &Sides = Of[U];
      if (static_cast<int64_t>(Sides.size()) <= Limit)
        continue;
      std::vector<std::string> Names;
      for (const Side &S : Sides)
        Names.push_back(C.name(S.Other).str());
      Diagnostic &Diag = C.Diags.report(DiagID::TopologyCollaborationOverload,
                                        C.entity(U).NameRange, C.name(U).str(),
                                        Sides.size(), quotedList(Names), Limit);
      for (size_t I = 0; I < Sides.size() && I < MaxNotes; ++I)
        Diag.note(Sides[I].Range, fmt::format("collaborates with `{}`",
                                              C.name(Sides[I].Other).str()));
    }
  }

  /// The enabling team \p U is in or under, or NoEntity.
  EntityID enablingTeamOf(EntityID U) const {
    for (; U != NoEntity; U = C.M.unit(U).ParentUnit)
      if (C.M.unit(U).Kind && C.M.unit(U).Kind.Target == Enabling)
        return U;
    return NoEntity;
  }

  /// A decision of another team's flow: declared outside the enabling team.
  /// The team's roles are those declared in it and its leads. A mode
  /// changes only the decisions it overrides.
  void reportEnabling() {
    if (C.incremental()) {
      const auto &S = static_cast<const TopologyState &>(*C.Normal->Topologies);
      for (EntityID ID : C.View.changes().Decisions)
        reportEnabling(C.M.decision(ID), S.Leads);
      return;
    }
    auto S = std::make_unique<TopologyState>();
    for (const Unit &U : C.M.Units)
      if (U.Lead && enablingTeamOf(U.Self) != NoEntity)
        S->Leads.try_emplace(U.Lead.Target, enablingTeamOf(U.Self));
    if (C.View.mode() != NoEntity)
      for (EntityID ID : C.View.changes().Decisions)
        reportEnabling(C.M.decision(ID), S->Leads);
    else
      for (const Decision &D : C.M.Decisions)
        reportEnabling(D, S->Leads);
    if (C.Keep)
      C.Keep->Topologies = std::move(S);
  }

  void reportEnabling(const Decision &D,
                      const llvm::DenseMap<EntityID, EntityID> &Leads) {
    if (C.entity(D.Self).FromStdlib)
      return;
    for (const Ref &O : C.View.owners(D)) {
      if (!O)
        continue;
      for (EntityID R : C.View.rolesOf(O.Target)) {
        EntityID Team = enablingTeamOf(C.M.role(R).Unit);
        if (Team == NoEntity) {
          auto It = Leads.find(R);
          if (It == Leads.end())
            continue;
          Team = It->second;
        }
        // The team's own decisions (how it coaches) are its to own.
        EntityID Home = D.Unit;
        while (Home != NoEntity && Home != Team)
          Home = C.M.unit(Home).ParentUnit;
        if (Home == Team)
          continue;
        Diagnostic &Diag = C.Diags.report(
            DiagID::TopologyEnablingOwnsDelivery, O.Range, C.name(R).str(),
            C.name(Team).str(), C.name(D.Self).str());
        const ast::Property *Kind = C.entity(Team).Decl->find("kind");
        Diag.note(Kind ? Kind->Range : C.entity(Team).NameRange,
                  fmt::format("`{}` is an enabling team", C.name(Team).str()));
        break;
      }
    }
  }

  const CheckContext &C;
  EntityID Collaboration, Enabling;
};

} // namespace

void checks::checkTopologies(const CheckContext &C) { TopologyChecks(C).run(); }
