//===- Unused.cpp - Declarations nothing uses -----------------------------===//
//
// unused.role, unused.metric and unused.objective (notes): a role no right,
// line, escalation, forum or person mentions, directly or through its unit; a
// metric no objective or initiative measures; an objective with no metric that
// nothing refers to. One pass over the symbol index counts the references.
//
//===----------------------------------------------------------------------===//
#include "Checks/CheckContext.h"

using namespace remit;
using namespace remit::checks;
using namespace remit::sema;

void checks::checkUnused(const CheckContext &C) {
  std::vector<bool> Referenced(C.M.Entities.size(), false);
  for (const Occurrence &O : C.M.Symbols.unordered())
    if (!O.IsDefinition && O.Target < Referenced.size())
      Referenced[O.Target] = true;
  auto Unused = [&](EntityID ID) {
    const Entity &E = C.entity(ID);
    return !E.FromStdlib && !E.Name.empty() && !Referenced[ID];
  };
  // A reference to a unit (`informed engineering`) reaches its roles.
  auto ReachedThroughUnit = [&](const Role &R) {
    for (EntityID U = R.Unit; U != NoEntity; U = C.M.unit(U).ParentUnit)
      if (Referenced[U])
        return true;
    return false;
  };
  for (const Role &R : C.M.Roles)
    if (Unused(R.Self) && !ReachedThroughUnit(R))
      C.Diags.report(DiagID::UnusedRole, C.entity(R.Self).NameRange,
                     C.name(R.Self).str());
  for (const Metric &Me : C.M.Metrics)
    if (Unused(Me.Self))
      C.Diags.report(DiagID::UnusedMetric, C.entity(Me.Self).NameRange,
                     C.name(Me.Self).str());
  for (const Objective &O : C.M.Objectives)
    if (Unused(O.Self) && !O.Maximize.Range.isValid() &&
        !O.Minimize.Range.isValid())
      C.Diags.report(DiagID::UnusedObjective, C.entity(O.Self).NameRange,
                     C.name(O.Self).str());
}
