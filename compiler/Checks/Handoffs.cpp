//===- Handoffs.cpp - Work that crosses a boundary ------------------------===//
//
// handoff.unacknowledged and handoff.no-sla: a handoff nobody on the
// receiving side signs for, or one with no service level, is where work
// waits without anyone owning the wait.
//
//===----------------------------------------------------------------------===//
#include "Checks/CheckContext.h"

using namespace remit;
using namespace remit::checks;
using namespace remit::sema;
using ast::DeclKind;

void checks::checkHandoffs(const CheckContext &C) {
  for (const Handoff &H : C.M.Handoffs) {
    const Entity &E = C.entity(H.Self);
    if (E.FromStdlib || E.Name.empty())
      continue;
    std::string Receiver =
        H.To ? quoted(C.name(H.To.Target)) : std::string("the receiving side");
    auto NoteReceiver = [&](Diagnostic &Diag) {
      if (H.To)
        Diag.note(H.To.Range, fmt::format("the work goes to `{}`",
                                          C.name(H.To.Target).str()));
    };
    if (!H.AcceptedBy.Range.isValid()) {
      Diagnostic &Diag = C.Diags.report(DiagID::HandoffUnacknowledged,
                                        E.NameRange, E.Name.str(), Receiver);
      NoteReceiver(Diag);
      // The receiving role, or the lead of the receiving unit, signs.
      EntityID Signer = NoEntity;
      if (H.To && C.entity(H.To.Target).Kind == DeclKind::Role)
        Signer = H.To.Target;
      else if (H.To && C.entity(H.To.Target).Kind == DeclKind::Unit &&
               C.M.unit(H.To.Target).Lead)
        Signer = C.M.unit(H.To.Target).Lead.Target;
      if (Signer != NoEntity && !C.View.isVacant(Signer))
        if (auto Edit = insertProperty(C.SM, *E.Decl,
                                       "accepted_by " + C.name(Signer).str()))
          Diag.fix(fmt::format("have `{}` accept it", C.name(Signer).str()),
                   {*Edit});
    }
    if (!H.WithinHours)
      NoteReceiver(C.Diags.report(DiagID::HandoffNoSLA, E.NameRange,
                                  E.Name.str(), Receiver));
  }
}
