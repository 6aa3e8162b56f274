//===- RetiredRoles.cpp - Normal operation routed through retired roles ---===//
//
// role.retired-reference: in normal operation, a right, an escalation, a
// reporting line, a deputy, a lead or a forum seat still goes through a role
// the model marks `retired`. Owner rights held by a retired role are
// ownership.vacant, an agent's retired overseer is ai.overseer-vacant, and
// modes are mode.stress-regression.
//
//===----------------------------------------------------------------------===//
#include "Checks/CheckContext.h"

using namespace remit;
using namespace remit::checks;
using namespace remit::sema;
using ast::DeclKind;

namespace {

class RetiredReferences {
public:
  explicit RetiredReferences(const CheckContext &C) : C(C) {}

  void run() {
    // A mode changes only the roles and decisions it overrides.
    if (C.View.mode() != NoEntity) {
      for (EntityID ID : C.View.changes().Roles)
        checkRole(C.View.role(ID));
      for (EntityID ID : C.View.changes().Decisions)
        checkDecision(C.M.decision(ID));
      return;
    }
    for (const Role &R : C.M.Roles)
      checkRole(C.View.role(R.Self));
    for (const Decision &D : C.M.Decisions)
      checkDecision(D);
    for (const Unit &U : C.M.Units)
      if (!skip(U.Self))
        check(U.Lead,
              [&] { return "unit " + quoted(C.name(U.Self)) + " is led by"; });
    for (const Forum &F : C.M.Forums) {
      if (skip(F.Self))
        continue;
      auto Name = [&] { return quoted(C.name(F.Self)); };
      for (const Ref &Member : F.Members)
        check(Member, [&] { return "forum " + Name() + " seats"; });
      check(F.Chair, [&] { return "forum " + Name() + " is chaired by"; });
      check(F.EscalatesTo, [&] { return "forum " + Name() + " escalates to"; });
    }
    for (const Handoff &H : C.M.Handoffs) {
      if (skip(H.Self))
        continue;
      auto Name = [&] { return quoted(C.name(H.Self)); };
      check(H.From, [&] { return "handoff " + Name() + " comes from"; });
      check(H.To, [&] { return "handoff " + Name() + " goes to"; });
      check(H.AcceptedBy,
            [&] { return "handoff " + Name() + " is accepted by"; });
    }
    for (const Tradeoff &T : C.M.Tradeoffs)
      if (!skip(T.Self))
        check(T.DecidedBy, [&] {
          return "tradeoff " + quoted(C.name(T.Self)) + " is decided by";
        });
    for (const Authority &A : C.M.Authorities) {
      if (skip(A.Self))
        continue;
      for (const Tier &T : A.Tiers)
        for (const RightAssignment &RA : T.Rights)
          for (const Ref &H : RA.Holders)
            check(H, [&] {
              return quoted(C.name(RA.Right)) + " in a tier of " +
                     quoted(C.name(A.Self)) + " is";
            });
    }
    for (const Initiative &I : C.M.Initiatives) {
      if (skip(I.Self))
        continue;
      auto Name = [&] { return quoted(C.name(I.Self)); };
      check(I.Sponsor,
            [&] { return "initiative " + Name() + " is sponsored by"; });
      check(I.ProblemOwner, [&] {
        return "the problem owner of initiative " + Name() + " is";
      });
    }
  }

private:
  bool skip(EntityID ID) const { return C.entity(ID).FromStdlib; }

  void checkRole(const Role &R) {
    if (skip(R.Self) || R.Retired)
      return;
    auto Name = [&] { return quoted(C.name(R.Self)); };
    check(
        R.EscalatesTo, [&] { return "role " + Name() + " escalates to"; }, &R);
    check(
        R.ReportsTo, [&] { return "role " + Name() + " reports to"; }, &R);
    check(R.Deputy, [&] { return "the deputy of role " + Name() + " is"; });
  }

  void checkDecision(const Decision &D) {
    if (skip(D.Self))
      return;
    auto Name = [&] { return quoted(C.name(D.Self)); };
    for (const RightAssignment &RA : C.View.rights(D)) {
      const Right *R = C.View.rightOf(RA);
      if (!R || R->Owner)
        continue;
      for (const Ref &H : RA.Holders)
        check(H, [&] {
          return quoted(C.name(RA.Right)) + " on decision " + Name() + " is";
        });
    }
    check(C.View.escalatesTo(D),
          [&] { return "decision " + Name() + " escalates to"; });
  }

  /// Reports \p Ref when it names a retired role. \p From is the role whose
  /// escalation or reporting line it is, for the fix.
  /// \p What is built only for a finding: this runs on every reference.
  void check(const Ref &R, llvm::function_ref<std::string()> What,
             const Role *From = nullptr) {
    if (!R || C.entity(R.Target).Kind != DeclKind::Role)
      return;
    const Role &Retired = C.View.role(R.Target);
    if (!Retired.Retired)
      return;
    const Entity &E = C.entity(R.Target);
    const ast::Property *Flag = E.Decl->find("retired");
    Diagnostic &Diag =
        C.Diags
            .report(DiagID::RoleRetiredReference, R.Range, What(), E.Name.str())
            .note(Flag ? Flag->Range : E.NameRange,
                  fmt::format("`{}` is marked retired here", E.Name.str()));
    // An escalation or line through a retired role can skip to where that
    // role's own line went, if that role still exists.
    if (!From)
      return;
    if (auto Next = C.View.next(R.Target))
      if (Next->To != NoEntity && Next->To != From->Self &&
          C.entity(Next->To).Kind == DeclKind::Role &&
          !C.View.role(Next->To).Retired)
        Diag.fix(fmt::format("replace with `{}`", C.name(Next->To).str()),
                 {{R.Range, C.name(Next->To).str()}});
  }

  const CheckContext &C;
};

} // namespace

void checks::checkRetiredReferences(const CheckContext &C) {
  if (C.enabled(DiagID::RoleRetiredReference))
    RetiredReferences(C).run();
}
