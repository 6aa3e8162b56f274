//===- Initiatives.cpp - AI and transformation initiatives ----------------===//
//
// initiative.pilot-proliferation, initiative.problem-at-altitude,
// initiative.vanity-metric and initiative.efficiency-trap: the last-mile
// frictions of AI programmes. "A portfolio of promising tests with no
// production path in sight"; problems defined far from the front line;
// "track business metrics, not AI metrics"; and savings harvested as
// headcount before the system is stable. One pass over the initiatives,
// with the reporting lines counted once.
//
//===----------------------------------------------------------------------===//
#include "Checks/CheckContext.h"
#include "llvm/ADT/MapVector.h"

using namespace remit;
using namespace remit::checks;
using namespace remit::sema;
using ast::DeclKind;

namespace {

class InitiativeChecks {
public:
  explicit InitiativeChecks(const CheckContext &C) : C(C) {}

  void run() {
    std::vector<const Initiative *> Own;
    for (const Initiative &I : C.M.Initiatives)
      if (!C.entity(I.Self).FromStdlib)
        Own.push_back(&I);
    if (Own.empty())
      return;
    if (C.enabled(DiagID::InitiativePilotProliferation))
      reportPilots(Own);
    if (C.enabled(DiagID::InitiativeProblemAtAltitude))
      reportAltitude(Own);
    if (C.enabled(DiagID::InitiativeVanityMetric))
      for (const Initiative *I : Own)
        reportVanity(*I);
    if (C.enabled(DiagID::InitiativeEfficiencyTrap))
      for (const Initiative *I : Own)
        reportTrap(*I);
  }

private:
  void reportPilots(llvm::ArrayRef<const Initiative *> Own) {
    int64_t Limit = C.threshold(DiagID::InitiativePilotProliferation);
    std::vector<const Initiative *> Pilots;
    llvm::MapVector<EntityID, std::vector<const Initiative *>> BySponsor;
    for (const Initiative *I : Own)
      if (I->Stage == Stage::Pilot && !I->ProductionPath) {
        Pilots.push_back(I);
        if (I->Sponsor)
          BySponsor[I->Sponsor.Target].push_back(I);
      }
    auto Report = [&](llvm::ArrayRef<const Initiative *> Ps, EntityID Sponsor) {
      const Initiative &Tipping = *Ps[Limit];
      SourceRange At = Sponsor != NoEntity ? Tipping.Sponsor.Range
                                           : C.entity(Tipping.Self).NameRange;
      Diagnostic &Diag = C.Diags.report(
          DiagID::InitiativePilotProliferation, At, Ps.size(),
          Sponsor != NoEntity
              ? fmt::format(" sponsored by `{}`", C.name(Sponsor).str())
              : std::string(),
          quotedList(namesOf(C.M, idsOf(Ps))), Limit);
      for (size_t I = 0; I < Ps.size() && I < MaxNotes; ++I)
        if (Ps[I] != &Tipping)
          Diag.note(C.entity(Ps[I]->Self).NameRange,
                    fmt::format("`{}` is a pilot with no production path",
                                C.name(Ps[I]->Self).str()));
    };
    if (static_cast<int64_t>(Pilots.size()) > Limit)
      Report(Pilots, NoEntity);
    // Per sponsor, when one sponsor's share alone is over the threshold
    // and is not already the whole portfolio.
    for (auto &[Sponsor, Ps] : BySponsor)
      if (static_cast<int64_t>(Ps.size()) > Limit && Ps.size() < Pilots.size())
        Report(Ps, Sponsor);
  }

  static std::vector<EntityID> idsOf(llvm::ArrayRef<const Initiative *> Is) {
    std::vector<EntityID> Out;
    for (const Initiative *I : Is)
      Out.push_back(I->Self);
    return Out;
  }

  void reportAltitude(llvm::ArrayRef<const Initiative *> Own) {
    // Who reports to each role, counted once.
    std::vector<std::vector<EntityID>> Reports(C.M.Entities.size());
    for (const Role &Declared : C.M.Roles)
      if (const Role &R = C.View.role(Declared.Self);
          R.ReportsTo && C.entity(R.ReportsTo.Target).Kind == DeclKind::Role)
        Reports[R.ReportsTo.Target].push_back(R.Self);
    for (const Initiative *I : Own) {
      const Ref &PO = I->ProblemOwner;
      if (!PO || C.entity(PO.Target).Kind != DeclKind::Role)
        continue;
      const Role &R = C.View.role(PO.Target);
      const auto &Below = Reports[PO.Target];
      if (R.Frontline || Below.empty())
        continue;
      Diagnostic &Diag = C.Diags.report(
          DiagID::InitiativeProblemAtAltitude, PO.Range, C.name(I->Self).str(),
          C.name(PO.Target).str(),
          Below.size() == 1 ? std::string("1 role reports to it")
                            : countOf(Below.size(), "role") + " report to it");
      // The frontline roles beneath it live with the problem.
      size_t Shown = 0;
      std::vector<EntityID> Work(Below.begin(), Below.end());
      for (size_t W = 0; W < Work.size() && Shown < 4 && W < 64; ++W) {
        const Role &Under = C.View.role(Work[W]);
        if (Under.Frontline) {
          Diag.note(C.entity(Under.Self).NameRange,
                    fmt::format("`{}` is a frontline role that lives with "
                                "the problem",
                                C.name(Under.Self).str()));
          ++Shown;
        }
        for (EntityID Next : Reports[Work[W]])
          if (Work.size() < 256)
            Work.push_back(Next);
      }
    }
  }

  void reportVanity(const Initiative &I) {
    const Ref &Out = I.Outcome;
    if (!Out || C.entity(Out.Target).Kind != DeclKind::Metric)
      return;
    const Metric &Me = C.M.Metrics[C.entity(Out.Target).Index];
    if (Me.Kind == MetricKind::Business)
      return;
    std::string What =
        Me.Kind ? fmt::format("{} `{}` metric",
                              *Me.Kind == MetricKind::Output ? "an" : "a",
                              spelling(*Me.Kind).str())
                : std::string("a metric with no `kind`");
    Diagnostic &Diag =
        C.Diags.report(DiagID::InitiativeVanityMetric, Out.Range,
                       C.name(I.Self).str(), C.name(Out.Target).str(), What);
    const Entity &ME = C.entity(Out.Target);
    const ast::Property *Kind = ME.Decl->find("kind");
    Diag.note(Kind ? Kind->Range : ME.NameRange,
              fmt::format("`{}` is {}", ME.Name.str(), What));
  }

  void reportTrap(const Initiative &I) {
    if (I.Stage &&
        (*I.Stage == Stage::Production || *I.Stage == Stage::Retired))
      return;
    for (const Reduction &Red : I.Reduces) {
      if (!Red.Role || C.entity(Red.Role.Target).Kind != DeclKind::Role)
        continue;
      EntityID Cut = Red.Role.Target;
      std::vector<std::pair<SourceRange, std::string>> Why;
      std::vector<std::string> Oversees, Owns;
      for (const Ref &AgRef : I.Agents) {
        if (!AgRef || C.entity(AgRef.Target).Kind != DeclKind::Agent)
          continue;
        const Agent &A = C.M.Agents[C.entity(AgRef.Target).Index];
        std::string AgName = C.name(A.Self).str();
        if (A.OverseenBy &&
            llvm::is_contained(C.View.rolesOf(A.OverseenBy.Target), Cut)) {
          Oversees.push_back(AgName);
          Why.push_back(
              {A.OverseenBy.Range,
               fmt::format("`{}` oversees `{}`", C.name(Cut).str(), AgName)});
        }
        for (const Ref &F : A.Feeds) {
          if (!F || C.entity(F.Target).Kind != DeclKind::Decision)
            continue;
          for (const RightAssignment &RA :
               C.View.rights(C.M.decision(F.Target))) {
            const Right *R = C.View.rightOf(RA);
            if (!R || (!R->Owner && !R->Gate))
              continue;
            for (const Ref &H : RA.Holders)
              if (H && H.Target == Cut) {
                std::string D = C.name(F.Target).str();
                if (!llvm::is_contained(Owns, D)) {
                  Owns.push_back(D);
                  Why.push_back(
                      {H.Range,
                       fmt::format("`{}` is `{}` on `{}`, which `{}` feeds",
                                   C.name(Cut).str(), C.name(RA.Right).str(), D,
                                   AgName)});
                }
              }
          }
        }
      }
      if (Why.empty())
        continue;
      std::string Who;
      if (!Oversees.empty())
        Who = fmt::format("oversees its {} {}",
                          Oversees.size() == 1 ? "agent" : "agents",
                          quotedList(Oversees));
      if (!Owns.empty())
        Who += fmt::format(
            "{}holds the exception-handling {} {}", Who.empty() ? "" : " and ",
            Owns.size() == 1 ? "decision" : "decisions", quotedList(Owns));
      std::string Stage =
          I.Stage
              ? fmt::format("is only at stage `{}`", spelling(*I.Stage).str())
              : std::string("has no stage, so is not in production");
      Diagnostic &Diag = C.Diags.report(DiagID::InitiativeEfficiencyTrap,
                                        Red.Range, C.name(I.Self).str(), Stage,
                                        Red.By, C.name(Cut).str(), Who);
      for (const auto &[Range, Text] : Why)
        Diag.note(Range, Text);
    }
  }

  const CheckContext &C;
};

} // namespace

void checks::checkInitiatives(const CheckContext &C) {
  InitiativeChecks(C).run();
}
