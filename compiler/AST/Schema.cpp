//===- Schema.cpp - What each declaration kind may contain ----------------===//
#include "AST/Schema.h"
#include <cassert>

using namespace remit;
using namespace remit::ast;

namespace {
constexpr KindMask bit(DeclKind K) { return kindBit(K); }
const KindMask RoleBit = bit(DeclKind::Role);
const KindMask EscalationTargets = bit(DeclKind::Role) | bit(DeclKind::Forum);
const KindMask HandoffParties = bit(DeclKind::Role) | bit(DeclKind::Unit);

// Vocabularies of enumerated properties, in the order of the sema enums
// (sema::Autonomy, sema::MetricKind, sema::Stage).
const char *const Autonomy[] = {"suggest", "act_with_approval", "act"};
const char *const MetricKinds[] = {"business", "output", "technical"};
const char *const Stages[] = {"idea", "pilot", "scaling", "production",
                              "retired"};
const char *const Levels[] = {"error", "warning", "note", "off"};

SlotSpec ref(KindMask Kinds, bool List = false) {
  SlotSpec S;
  S.Type = ValueType::Ref;
  S.RefKinds = Kinds;
  S.List = List;
  return S;
}
SlotSpec tagged(const char *Tag, SlotSpec S, bool Optional) {
  S.Tag = Tag;
  S.Optional = Optional;
  return S;
}
SlotSpec of(ValueType T) {
  SlotSpec S;
  S.Type = T;
  return S;
}
SlotSpec oneOf(llvm::ArrayRef<const char *> Values) {
  SlotSpec S;
  S.Type = ValueType::Enum;
  S.EnumValues = Values;
  return S;
}
SlotSpec listOf(SlotSpec S) {
  S.List = true;
  return S;
}
PropertySpec flag(const char *Key, const char *Doc) {
  return {Key, {}, false, Doc};
}
PropertySpec prop(const char *Key, std::vector<SlotSpec> Slots, const char *Doc,
                  bool Repeatable = false) {
  return {Key, std::move(Slots), Repeatable, Doc};
}
PropertySpec required(PropertySpec P) {
  P.Required = true;
  return P;
}

/// Kinds a unit may contain: everything that belongs to an organisation.
const KindMask UnitChildren =
    bit(DeclKind::Unit) | bit(DeclKind::Role) | bit(DeclKind::Person) |
    bit(DeclKind::Forum) | bit(DeclKind::Agent) | bit(DeclKind::Metric) |
    bit(DeclKind::Objective) | bit(DeclKind::Decision) |
    bit(DeclKind::Handoff) | bit(DeclKind::Tradeoff) | bit(DeclKind::Term) |
    bit(DeclKind::Initiative) | bit(DeclKind::Authority);

std::vector<DeclSpec> buildSchema() {
  std::vector<DeclSpec> S(NumDeclKinds);
  auto Add = [&S](DeclSpec Spec) {
    S[static_cast<unsigned>(Spec.Kind)] = std::move(Spec);
  };
  SlotSpec Escalation = ref(EscalationTargets);
  SlotSpec After = tagged("after", of(ValueType::Duration), /*Optional=*/true);

  // The table is laid out by hand (one entry per kind, its flags on the
  // kind's line); clang-format would put every field on a line of its own.
  // clang-format off
  Add({DeclKind::Model, true, false,
       {prop("framework", {ref(bit(DeclKind::Framework))},
             "the default decision-rights framework of every decision")},
       0, false, "the model header: its name, title and defaults"});
  Add({DeclKind::Unit, true, true,
       {prop("kind", {ref(bit(DeclKind::UnitKind))},
             "the unit's kind, e.g. a Team Topologies team type"),
        prop("lead", {ref(RoleBit)}, "the role that leads the unit"),
        prop("interacts_with",
             {ref(bit(DeclKind::Unit)),
              tagged("as", ref(bit(DeclKind::Interaction)), false),
              tagged("until", of(ValueType::Date), true)},
             "an interaction mode with another unit, optionally until a date",
             /*Repeatable=*/true)},
       UnitChildren, false, "an organisational unit (function, team); units nest"});
  Add({DeclKind::Role, true, true,
       {prop("reports_to", {ref(RoleBit)}, "the line manager's role"),
        prop("escalates_to", {Escalation, After},
             "where this role's decisions escalate, optionally after a delay"),
        prop("deputy", {ref(RoleBit)}, "the role that stands in for this one"),
        prop("headcount", {of(ValueType::Integer)},
             "how many people hold the role (default 1)"),
        flag("final", "the top of every escalation chain"),
        flag("frontline", "a role that does the operational work"),
        flag("retired", "a role of the old model that no longer exists")},
       0, false, "a position inside a unit (or at the top level)"});
  Add({DeclKind::Person, true, true,
       {prop("holds", {ref(RoleBit, /*List=*/true)}, "the roles this person holds")},
       0, false, "a named holder of roles, for key-person analysis"});
  Add({DeclKind::Forum, true, true,
       {prop("members", {ref(RoleBit | bit(DeclKind::Person), true)},
             "the roles (or people) that sit on the forum"),
        prop("chair", {ref(RoleBit)}, "the role that chairs the forum"),
        prop("escalates_to", {Escalation, After},
             "where the forum's decisions escalate")},
       0, false, "a committee that holds rights as one holder"});
  Add({DeclKind::Agent, true, true,
       {prop("autonomy", {oneOf(Autonomy)},
             "suggest, act_with_approval or act"),
        prop("overseen_by", {ref(EscalationTargets)},
             "the human role or forum accountable for the agent"),
        prop("feeds", {ref(bit(DeclKind::Decision), true)},
             "the decisions the agent's output drives")},
       0, false, "an AI or automated actor"});
  Add({DeclKind::Metric, true, true,
       {prop("kind", {oneOf(MetricKinds)}, "business, output or technical")},
       0, false, "a measurable quantity"});
  Add({DeclKind::Objective, true, true,
       {prop("owner", {ref(bit(DeclKind::Unit) | EnterpriseBit)},
             "the unit (or `enterprise`) that owns the objective; defaults to "
             "the enclosing unit"),
        prop("maximize", {ref(bit(DeclKind::Metric))}, "the metric to raise"),
        prop("minimize", {ref(bit(DeclKind::Metric))}, "the metric to lower"),
        prop("tension", {ref(bit(DeclKind::Objective), true)},
             "objectives this one is known to conflict with")},
       0, false, "a goal of a unit or of the enterprise"});
  Add({DeclKind::Decision, true, true,
       {prop("framework", {ref(bit(DeclKind::Framework))},
             "the decision-rights framework, overriding the model's"),
        prop("escalates_to", {Escalation, After},
             "where the decision escalates, overriding the owner's role"),
        prop("within", {of(ValueType::String)},
             "the boundary inside which the decision may be taken"),
        flag("critical", "a decision the business cannot wait for")},
       0, true, "a decision and who holds which right over it"});
  Add({DeclKind::Handoff, true, true,
       {required(prop("from", {ref(HandoffParties)},
                       "the role or unit handing over")),
        required(prop("to", {ref(HandoffParties)}, "the role or unit receiving")),
        prop("artifact", {of(ValueType::String)}, "what is handed over"),
        prop("accepted_by", {ref(RoleBit)}, "the role that acknowledges receipt"),
        prop("within", {of(ValueType::Duration)},
             "the service level for acceptance")},
       0, false, "work passing between roles or units"});
  Add({DeclKind::Tradeoff, true, true,
       {required(prop("prefer",
                      {ref(bit(DeclKind::Objective)),
                       tagged("over", ref(bit(DeclKind::Objective)), false)},
                      "the objective that wins over another",
                      /*Repeatable=*/true)),
        prop("decided_by", {ref(EscalationTargets)},
             "the role or forum that made the call"),
        prop("until", {of(ValueType::Date)}, "when the tradeoff lapses")},
       0, false, "an explicit enterprise choice between objectives"});
  Add({DeclKind::Mode, true, true,
       {prop("trigger", {of(ValueType::String)}, "when the mode applies")},
       bit(DeclKind::Decision) | bit(DeclKind::Role), false,
       "operating conditions that override decisions and escalation"});
  Add({DeclKind::Term, true, true, {}, 0, false,
       "a glossary definition (the title) in the scope it is declared in"});
  Add({DeclKind::Initiative, true, true,
       {prop("stage", {oneOf(Stages)},
             "idea, pilot, scaling, production or retired"),
        prop("sponsor", {ref(RoleBit)}, "the executive sponsor"),
        prop("problem_owner", {ref(RoleBit)}, "the role that owns the problem"),
        prop("outcome", {ref(bit(DeclKind::Metric))},
             "the metric the initiative must move"),
        prop("agents", {ref(bit(DeclKind::Agent), true)},
             "the agents the initiative deploys"),
        prop("production_path", {of(ValueType::String)},
             "how the pilot reaches production"),
        prop("reduces",
             {ref(RoleBit), tagged("by", of(ValueType::Integer), false)},
             "headcount the initiative plans to remove", /*Repeatable=*/true)},
       0, false, "an AI or transformation initiative"});
  Add({DeclKind::Authority, true, true,
       {prop("framework", {ref(bit(DeclKind::Framework))},
             "the framework whose rights the tiers use"),
        prop("tier",
             {tagged("from", of(ValueType::Integer), true),
              tagged("up_to", of(ValueType::Integer), true),
              tagged("above", of(ValueType::Integer), true),
              tagged("*", ref(RightHolderKinds, true), false)},
             "one band of amounts and who holds which right over it",
             /*Repeatable=*/true)},
       0, false, "a delegation-of-authority ladder"});
  Add({DeclKind::Framework, true, true, {}, bit(DeclKind::Right), false,
       "a decision-rights framework"});
  Add({DeclKind::UnitKind, true, true, {}, 0, false,
       "a kind of unit, such as a Team Topologies team type"});
  Add({DeclKind::Interaction, true, true, {}, 0, false,
       "a mode of interaction between units"});
  Add({DeclKind::Checks, false, true,
       {prop("profile", {ref(bit(DeclKind::Checks))},
             "a named checks block whose settings apply first"),
        prop("severity", {of(ValueType::CheckName), oneOf(Levels)},
             "the severity of a check: error, warning, note or off",
             /*Repeatable=*/true),
        prop("disable", {listOf(of(ValueType::CheckName))},
             "checks to turn off", /*Repeatable=*/true),
        prop("threshold", {of(ValueType::CheckName), of(ValueType::Integer)},
             "the threshold of a check", /*Repeatable=*/true),
        prop("separate", {ref(bit(DeclKind::Decision), true)},
             "decisions one holder must not own together (segregation of "
             "duties)",
             /*Repeatable=*/true)},
       0, false,
       "check configuration; a named block is a profile others can use"});
  Add({DeclKind::Right, true, false,
       {prop("min", {of(ValueType::Integer)},
             "the fewest holders a decision must have"),
        prop("max", {of(ValueType::Integer)},
             "the most holders a decision may have"),
        flag("owner", "holders of this right own the decision"),
        flag("gate", "every holder of this right must agree"),
        flag("consult", "holders are consulted before the decision is made")},
       0, false, "a right of a framework, with its cardinality"});
  // clang-format on
  for (unsigned I = 0; I < NumDeclKinds; ++I)
    assert(static_cast<unsigned>(S[I].Kind) == I && "schema entry missing");
  return S;
}

const std::vector<DeclSpec> &schema() {
  static const std::vector<DeclSpec> S = buildSchema();
  return S;
}
} // namespace

const PropertySpec *DeclSpec::find(llvm::StringRef Key) const {
  for (const PropertySpec &P : Properties)
    if (Key == P.Key)
      return &P;
  return nullptr;
}

const DeclSpec &ast::getDeclSpec(DeclKind K) {
  return schema()[static_cast<unsigned>(K)];
}

const PropertySpec &ast::getRightPropertySpec() {
  static const PropertySpec Spec = {"",
                                    {ref(RightHolderKinds, /*List=*/true)},
                                    false,
                                    "a framework right and its holders"};
  return Spec;
}

llvm::ArrayRef<const char *> ast::autonomyLevels() { return Autonomy; }
llvm::ArrayRef<const char *> ast::metricKinds() { return MetricKinds; }
llvm::ArrayRef<const char *> ast::initiativeStages() { return Stages; }

KindMask ast::topLevelKinds() {
  return ((1u << NumDeclKinds) - 1) & ~bit(DeclKind::Right);
}

std::string ast::describeKinds(KindMask Mask) {
  std::vector<std::string> Parts;
  for (unsigned I = 0; I < NumDeclKinds; ++I)
    if (Mask & (1u << I))
      Parts.push_back(describeKind(static_cast<DeclKind>(I)));
  if (Mask & EnterpriseBit)
    Parts.push_back("`enterprise`");
  std::string Out;
  for (size_t I = 0; I < Parts.size(); ++I) {
    if (I)
      Out += I + 1 == Parts.size() ? " or " : ", ";
    Out += Parts[I];
  }
  return Out;
}
