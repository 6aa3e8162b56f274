//===- Modes.cpp - Stress regression: the old hierarchy under pressure ----===//
//
// mode.stress-regression: "the old escalation paths reappeared. The old
// decision makers stepped back in. The new roles got bypassed." Compares
// normal operation with each mode: an override that hands a decision's
// ownership or escalation to a retired role, or to a role two or more
// reporting levels above whoever holds it normally, re-centralises the
// model under pressure. One pass over each mode's overrides; each override
// walks one reporting line. (The other checks run again on each mode's
// effective model in Checks.cpp.)
//
//===----------------------------------------------------------------------===//
#include "Checks/CheckContext.h"

using namespace remit;
using namespace remit::checks;
using namespace remit::sema;
using ast::DeclKind;

namespace {

class StressRegression {
public:
  StressRegression(const CheckContext &C, const Mode &Mo)
      : C(C), Mo(Mo), ModeName(C.name(Mo.Self).str()) {}

  void run() {
    for (const DecisionOverride &O : Mo.Decisions)
      if (O.Decision && C.entity(O.Decision.Target).Kind == DeclKind::Decision)
        checkDecision(O);
    for (const RoleOverride &O : Mo.Roles)
      if (O.Role && C.entity(O.Role.Target).Kind == DeclKind::Role &&
          O.EscalatesTo) {
        auto Normal = C.View.next(O.Role.Target);
        check(O.EscalatesTo, Normal ? Normal->To : NoEntity,
              Normal ? Normal->Range : SourceRange(),
              "role " + quoted(C.name(O.Role.Target)) + " escalates to",
              "is where it escalates");
      }
  }

private:
  bool isRole(EntityID ID) const {
    return ID != NoEntity && C.entity(ID).Kind == DeclKind::Role;
  }

  void checkDecision(const DecisionOverride &O) {
    const Decision &D = C.M.decision(O.Decision.Target);
    // The mode's owners: the holders of the owner rights it reassigns (read
    // from the override itself, so each mode costs only its overrides).
    std::vector<Ref> Normal = C.View.owners(D), InMode;
    std::string Name = "decision " + quoted(C.name(D.Self));
    for (const RightAssignment &RA : O.Rights)
      if (const Right *R = C.View.rightOf(RA); R && R->Owner)
        InMode.insert(InMode.end(), RA.Holders.begin(), RA.Holders.end());
    if (!InMode.empty() && Normal.size() == 1 && Normal.front())
      for (const Ref &New : InMode)
        if (New && New.Target != Normal.front().Target)
          check(New, Normal.front().Target, Normal.front().Range,
                Name + " goes to", "owns it");
    if (O.EscalatesTo) {
      // Normally: the decision's own escalation, else its owner's.
      EntityID Was = NoEntity;
      SourceRange WasAt;
      if (const Ref &Own = C.View.escalatesTo(D)) {
        Was = Own.Target, WasAt = Own.Range;
      } else if (Normal.size() == 1 && Normal.front()) {
        if (auto Step = C.View.next(Normal.front().Target))
          Was = Step->To, WasAt = Step->Range;
      }
      check(O.EscalatesTo, Was, WasAt, Name + " escalates to",
            "is where it escalates");
    }
  }

  /// Reports the override \p New when it names a retired role, or one two
  /// or more reporting levels above \p Was (what normal operation has).
  void check(const Ref &New, EntityID Was, SourceRange WasAt,
             const std::string &What, llvm::StringRef WasRole) {
    if (!New || !isRole(New.Target) || New.Target == Was)
      return;
    const Entity &NE = C.entity(New.Target);
    std::string WasName = Was != NoEntity ? C.name(Was).str() : "";
    auto Instead = [&] {
      return Was != NoEntity ? fmt::format(" instead of `{}`", WasName)
                             : std::string();
    };
    if (C.View.role(New.Target).Retired) {
      const ast::Property *Flag = NE.Decl->find("retired");
      Diagnostic &Diag =
          C.Diags.report(DiagID::ModeStressRegression, New.Range, ModeName,
                         fmt::format("{} `{}`, a retired role,{}", What,
                                     NE.Name.str(), Instead()));
      Diag.note(Flag ? Flag->Range : NE.NameRange,
                fmt::format("`{}` is marked retired here", NE.Name.str()));
      finish(Diag, Was, WasAt, WasRole);
      return;
    }
    if (!isRole(Was))
      return;
    // Walk the normal reporting line up from Was.
    std::vector<EntityID> Line;
    size_t Limit = C.M.Roles.size();
    for (Ref Up = C.View.role(Was).ReportsTo;
         Up && isRole(Up.Target) && Line.size() <= Limit;
         Up = C.View.role(Up.Target).ReportsTo) {
      Line.push_back(Up.Target);
      if (Up.Target == New.Target)
        break;
    }
    if (Line.empty() || Line.back() != New.Target || Line.size() < 2)
      return;
    std::vector<EntityID> Skipped(Line.begin(), Line.end() - 1);
    Diagnostic &Diag = C.Diags.report(
        DiagID::ModeStressRegression, New.Range, ModeName,
        fmt::format("{} `{}`{}, {} reporting levels up (past {})", What,
                    NE.Name.str(), Instead(), Line.size(),
                    quotedList(namesOf(C.M, Skipped))));
    EntityID From = Was;
    for (EntityID Up : Line) {
      Diag.note(C.View.role(From).ReportsTo.Range,
                fmt::format("`{}` reports to `{}`", C.name(From).str(),
                            C.name(Up).str()));
      From = Up;
    }
    finish(Diag, Was, WasAt, WasRole);
  }

  void finish(Diagnostic &Diag, EntityID Was, SourceRange WasAt,
              llvm::StringRef WasRole) {
    if (Was != NoEntity && WasAt.isValid())
      Diag.note(WasAt, fmt::format("in normal operation `{}` {}",
                                   C.name(Was).str(), WasRole.str()));
    const Entity &ME = C.entity(Mo.Self);
    Diag.note(ME.NameRange,
              fmt::format("mode `{}` applies {}", ModeName,
                          Mo.Trigger ? "on: " + *Mo.Trigger
                                     : std::string("under pressure")));
  }

  const CheckContext &C;
  const Mode &Mo;
  std::string ModeName;
};

} // namespace

void checks::checkStressRegression(const CheckContext &C) {
  if (!C.enabled(DiagID::ModeStressRegression))
    return;
  for (const Mode &Mo : C.M.Modes)
    if (!C.entity(Mo.Self).FromStdlib)
      StressRegression(C, Mo).run();
}
