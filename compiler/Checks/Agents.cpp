//===- Agents.cpp - Agentic governance ------------------------------------===//
//
// ai.accountable-agent, ai.unsupervised, ai.overseer-vacant and
// ai.output-without-decision: an agent may do work, but a human role answers
// for it, oversees it while it acts, and owns the decision its output feeds
// ("if an output doesn't trigger action, it's just noise"). One pass over
// the decisions' owner rights and one over the agents and initiatives.
//
//===----------------------------------------------------------------------===//
#include "Checks/CheckContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/MathExtras.h"
#include <limits>

using namespace remit;
using namespace remit::checks;
using namespace remit::sema;
using ast::DeclKind;

namespace {

bool preProduction(const Initiative &I) {
  return !I.Stage || *I.Stage == Stage::Idea || *I.Stage == Stage::Pilot ||
         *I.Stage == Stage::Scaling;
}

class AgentChecks {
public:
  explicit AgentChecks(const CheckContext &C) : C(C) {}

  void run() {
    if (C.enabled(DiagID::AiAccountableAgent))
      reportAccountable();
    // Oversight, feeds and initiatives are not overridden by modes.
    if (C.View.mode() != NoEntity)
      return;
    collectReductions();
    for (const Agent &A : C.M.Agents) {
      if (C.entity(A.Self).FromStdlib)
        continue;
      reportUnsupervised(A);
      reportOverseer(A);
      reportOutput(A);
    }
  }

private:
  bool isAgent(const Ref &R) const {
    return R && C.entity(R.Target).Kind == DeclKind::Agent;
  }

  void reportAccountable() {
    // A mode changes only the decisions it overrides.
    if (C.View.mode() != NoEntity) {
      for (EntityID ID : C.View.changes().Decisions)
        reportAccountable(C.M.decision(ID));
      return;
    }
    for (const Decision &D : C.M.Decisions)
      reportAccountable(D);
  }

  void reportAccountable(const Decision &D) {
    if (C.entity(D.Self).FromStdlib)
      return;
    for (const RightAssignment &RA : C.View.rights(D)) {
      const Right *R = C.View.rightOf(RA);
      if (!R || !R->Owner)
        continue;
      for (const Ref &H : RA.Holders) {
        if (!isAgent(H))
          continue;
        const Agent &A = C.M.Agents[C.entity(H.Target).Index];
        Diagnostic &Diag = C.Diags.report(
            DiagID::AiAccountableAgent, H.Range, C.name(H.Target).str(),
            C.name(RA.Right).str(), C.name(D.Self).str());
        Diag.note(C.entity(H.Target).NameRange,
                  fmt::format("`{}` is an agent", C.name(H.Target).str()));
        // Its overseer answers for it; the agent keeps feeding the call.
        if (A.OverseenBy &&
            C.entity(A.OverseenBy.Target).Kind != DeclKind::Agent &&
            !C.View.isVacant(A.OverseenBy.Target)) {
          std::string Overseer = C.name(A.OverseenBy.Target).str();
          Diag.note(A.OverseenBy.Range,
                    fmt::format("`{}` oversees it", Overseer));
          if (C.View.mode() == NoEntity)
            Diag.fix(fmt::format("make `{}`, its overseer, {}", Overseer,
                                 C.name(RA.Right).str()),
                     {{H.Range, Overseer}});
        }
      }
    }
  }

  void reportUnsupervised(const Agent &A) {
    if (!C.enabled(DiagID::AiUnsupervised) || !A.Level ||
        *A.Level == Autonomy::Suggest || A.OverseenBy.Range.isValid())
      return;
    const Entity &E = C.entity(A.Self);
    Diagnostic &Diag = C.Diags.report(DiagID::AiUnsupervised, E.NameRange,
                                      E.Name.str(), spelling(*A.Level));
    // Acting alone is worse than acting with approval.
    if (*A.Level == Autonomy::Act)
      Diag.Sev = Severity::Error;
    if (const ast::Property *P = E.Decl->find("autonomy"))
      Diag.note(P->Range, *A.Level == Autonomy::Act
                              ? "it acts on its own, without approval"
                              : "a human approves each action, but nobody "
                                "answers for the agent as a whole");
    for (const Ref &F : A.Feeds)
      if (F)
        Diag.note(F.Range, fmt::format("its output drives `{}`",
                                       C.name(F.Target).str()));
    // The owner of the decision it feeds is the natural overseer.
    EntityID Owner = NoEntity;
    for (const Ref &F : A.Feeds)
      if (F && C.entity(F.Target).Kind == DeclKind::Decision)
        for (const Ref &O : C.View.owners(C.M.decision(F.Target)))
          if (O && Owner == NoEntity &&
              C.entity(O.Target).Kind == DeclKind::Role &&
              !C.View.isVacant(O.Target))
            Owner = O.Target;
    if (Owner != NoEntity)
      if (auto Edit = insertProperty(C.SM, *E.Decl,
                                     "overseen_by " + C.name(Owner).str()))
        Diag.fix(fmt::format("have `{}`, who owns the decision it feeds, "
                             "oversee it",
                             C.name(Owner).str()),
                 {*Edit});
  }

  /// Reductions per role, and which initiatives deploy which agents.
  void collectReductions() {
    for (const Initiative &I : C.M.Initiatives) {
      if (C.entity(I.Self).FromStdlib ||
          (I.Stage && *I.Stage == Stage::Retired))
        continue;
      for (const Reduction &R : I.Reduces)
        if (R.Role && C.entity(R.Role.Target).Kind == DeclKind::Role)
          Reductions[R.Role.Target].push_back({&I, &R});
    }
  }

  void reportOverseer(const Agent &A) {
    if (!C.enabled(DiagID::AiOverseerVacant) || !A.OverseenBy)
      return;
    EntityID Overseer = A.OverseenBy.Target;
    DeclKind Kind = C.entity(Overseer).Kind;
    if (Kind != DeclKind::Role && Kind != DeclKind::Forum)
      return;
    const Entity &E = C.entity(A.Self);
    std::string Name = C.name(Overseer).str();
    if (C.View.isVacant(Overseer)) {
      // Retired overseers are also role.retired-reference in normal
      // operation; the agent's view of it is this check's.
      std::string Why;
      SourceRange Where = C.entity(Overseer).NameRange;
      if (Kind == DeclKind::Forum) {
        Why = "is a forum whose members are all gone";
      } else if (C.View.isVacated(Overseer)) {
        Why = "would be vacant";
      } else if (C.View.role(Overseer).Retired) {
        Why = "is retired";
        if (const ast::Property *P = C.entity(Overseer).Decl->find("retired"))
          Where = P->Range;
      } else {
        Why = "has headcount 0";
        if (const ast::Property *P = C.entity(Overseer).Decl->find("headcount"))
          Where = P->Range;
      }
      C.Diags
          .report(DiagID::AiOverseerVacant, A.OverseenBy.Range, E.Name.str(),
                  Name, Why)
          .note(Where, fmt::format("`{}` {}", Name, Why));
      return;
    }
    if (Kind != DeclKind::Role)
      return;
    // Initiatives that together remove every head of the overseer. A
    // pre-production initiative that deploys this agent is
    // initiative.efficiency-trap's finding, not this one's.
    auto It = Reductions.find(Overseer);
    if (It == Reductions.end())
      return;
    int64_t Removed = 0;
    std::vector<std::pair<const Initiative *, const Reduction *>> By;
    for (const auto &[I, R] : It->second) {
      if (preProduction(*I) && llvm::any_of(I->Agents, [&](const Ref &Ag) {
            return Ag.Target == A.Self;
          }))
        continue;
      // Reductions are any integers the model writes: the sum saturates.
      if (llvm::AddOverflow(Removed, R->By, Removed))
        Removed = std::numeric_limits<int64_t>::max();
      By.push_back({I, R});
    }
    int64_t Heads = C.View.headcount(Overseer);
    if (By.empty() || Removed < Heads)
      return;
    std::vector<std::string> Names;
    for (const auto &Entry : By)
      Names.push_back(C.name(Entry.first->Self).str());
    Diagnostic &Diag = C.Diags.report(
        DiagID::AiOverseerVacant, A.OverseenBy.Range, E.Name.str(), Name,
        fmt::format("{} {} to remove ({} of {})", quotedList(Names),
                    Names.size() == 1 ? "plans" : "plan", Removed, Heads));
    for (const auto &[I, R] : By)
      Diag.note(R->Range, fmt::format("initiative `{}` removes {} of `{}`",
                                      C.name(I->Self).str(), R->By, Name));
  }

  void reportOutput(const Agent &A) {
    if (!C.enabled(DiagID::AiOutputWithoutDecision) || !A.Feeds.empty())
      return;
    const Entity &E = C.entity(A.Self);
    Diagnostic &Diag = C.Diags.report(DiagID::AiOutputWithoutDecision,
                                      E.NameRange, E.Name.str());
    if (A.OverseenBy)
      Diag.note(A.OverseenBy.Range,
                fmt::format("`{}` oversees it, but no decision it owns "
                            "uses what the agent produces",
                            C.name(A.OverseenBy.Target).str()));
  }

  const CheckContext &C;
  llvm::DenseMap<EntityID,
                 std::vector<std::pair<const Initiative *, const Reduction *>>>
      Reductions;
};

} // namespace

void checks::checkAgents(const CheckContext &C) { AgentChecks(C).run(); }
