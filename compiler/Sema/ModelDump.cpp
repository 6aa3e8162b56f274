//===- ModelDump.cpp - The model described by names, not positions -------===//
#include "Sema/ModelDump.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>

using namespace remit;
using namespace remit::sema;

namespace {
class Describer {
public:
  Describer(const Model &M, const SourceManager &SM) : M(M), SM(SM) {}

  std::vector<EntityRecord> run() {
    std::vector<EntityRecord> Out;
    if (M.Header) {
      EntityRecord R{"model", M.Header->Name.str(), {}};
      add(R, "title", quote(M.Header->Title));
      add(R, "framework", name(M.Header->Framework));
      Out.push_back(std::move(R));
    }
    std::vector<const Entity *> Sorted;
    for (const Entity &E : M.Entities)
      if (!E.FromStdlib)
        Sorted.push_back(&E);
    std::stable_sort(Sorted.begin(), Sorted.end(),
                     [](const Entity *A, const Entity *B) {
                       if (A->Kind != B->Kind)
                         return A->Kind < B->Kind;
                       return A->Name < B->Name;
                     });
    for (const Entity *E : Sorted)
      Out.push_back(describe(*E));
    Out.push_back(describeConfig());
    return Out;
  }

private:
  static void add(EntityRecord &R, std::string Key, std::string Value) {
    if (!Value.empty())
      R.Fields.push_back({std::move(Key), std::move(Value)});
  }
  static void flag(EntityRecord &R, const char *Key, bool Set) {
    if (Set)
      R.Fields.push_back({Key, "yes"});
  }
  static std::string quote(llvm::StringRef S) {
    return S.empty() ? std::string() : "\"" + S.str() + "\"";
  }

  std::string name(const Ref &R) const {
    if (R)
      return M.nameOf(R.Target).str();
    if (R.Range.isValid())
      return "?" +
             SM.getBuffer(R.Range.File).slice(R.Range.Begin, R.Range.End).str();
    return std::string();
  }
  std::string names(llvm::ArrayRef<Ref> Refs) const {
    std::string Out;
    for (const Ref &R : Refs)
      Out += (Out.empty() ? "" : ", ") + name(R);
    return Out;
  }
  std::string entityName(EntityID ID) const {
    if (ID == NoEntity)
      return std::string();
    const Entity &E = M.entity(ID);
    return fmt::format("{} {}", ast::keywordOf(E.Kind).str(), E.Name.str());
  }
  static std::string after(std::optional<int64_t> Hours) {
    return Hours ? " after " + formatDuration(*Hours) : std::string();
  }
  std::string escalation(const Ref &To, std::optional<int64_t> Hours) const {
    std::string T = name(To);
    return T.empty() ? T : T + after(Hours);
  }
  void rights(EntityRecord &R, llvm::ArrayRef<RightAssignment> Rights,
              const std::string &Prefix = "") const {
    for (const RightAssignment &A : Rights)
      add(R, Prefix + "right " + M.nameOf(A.Right).str(), names(A.Holders));
  }

  EntityRecord describe(const Entity &E) const {
    EntityRecord R{ast::keywordOf(E.Kind).str(), E.Name.str(), {}};
    add(R, "title", quote(E.Title));
    add(R, "in", entityName(E.Parent));
    switch (E.Kind) {
    case ast::DeclKind::Unit: {
      const Unit &U = M.Units[E.Index];
      add(R, "kind", name(U.Kind));
      add(R, "lead", name(U.Lead));
      for (const Interaction &I : U.Interactions)
        add(R, "interacts_with",
            name(I.With) + " as " + name(I.Mode) +
                (I.UntilDay ? " until " + formatDate(*I.UntilDay) : ""));
      break;
    }
    case ast::DeclKind::Role: {
      const Role &Ro = M.Roles[E.Index];
      add(R, "reports_to", name(Ro.ReportsTo));
      add(R, "escalates_to",
          escalation(Ro.EscalatesTo, Ro.EscalationAfterHours));
      add(R, "deputy", name(Ro.Deputy));
      add(R, "headcount", std::to_string(Ro.Headcount));
      flag(R, "final", Ro.Final);
      flag(R, "frontline", Ro.Frontline);
      flag(R, "retired", Ro.Retired);
      break;
    }
    case ast::DeclKind::Person:
      add(R, "holds", names(M.People[E.Index].Holds));
      break;
    case ast::DeclKind::Forum: {
      const Forum &F = M.Forums[E.Index];
      add(R, "members", names(F.Members));
      add(R, "chair", name(F.Chair));
      add(R, "escalates_to", escalation(F.EscalatesTo, F.EscalationAfterHours));
      break;
    }
    case ast::DeclKind::Agent: {
      const Agent &A = M.Agents[E.Index];
      if (A.Level)
        add(R, "autonomy", spelling(*A.Level).str());
      add(R, "overseen_by", name(A.OverseenBy));
      add(R, "feeds", names(A.Feeds));
      break;
    }
    case ast::DeclKind::Metric: {
      if (M.Metrics[E.Index].Kind)
        add(R, "kind", spelling(*M.Metrics[E.Index].Kind).str());
      break;
    }
    case ast::DeclKind::Objective: {
      const Objective &O = M.Objectives[E.Index];
      add(R, "owner", name(O.Owner));
      add(R, "maximize", name(O.Maximize));
      add(R, "minimize", name(O.Minimize));
      add(R, "tension", names(O.Tensions));
      break;
    }
    case ast::DeclKind::Decision: {
      const Decision &D = M.Decisions[E.Index];
      add(R, "framework", name(D.Framework));
      rights(R, D.Rights);
      add(R, "escalates_to", escalation(D.EscalatesTo, D.EscalationAfterHours));
      if (D.Within)
        add(R, "within", quote(*D.Within));
      flag(R, "critical", D.Critical);
      break;
    }
    case ast::DeclKind::Handoff: {
      const Handoff &H = M.Handoffs[E.Index];
      add(R, "from", name(H.From));
      add(R, "to", name(H.To));
      if (H.Artifact)
        add(R, "artifact", quote(*H.Artifact));
      add(R, "accepted_by", name(H.AcceptedBy));
      if (H.WithinHours)
        add(R, "within", formatDuration(*H.WithinHours));
      break;
    }
    case ast::DeclKind::Tradeoff: {
      const Tradeoff &T = M.Tradeoffs[E.Index];
      for (const Preference &P : T.Prefers)
        add(R, "prefer", name(P.Preferred) + " over " + name(P.Over));
      add(R, "decided_by", name(T.DecidedBy));
      if (T.UntilDay)
        add(R, "until", formatDate(*T.UntilDay));
      break;
    }
    case ast::DeclKind::Mode: {
      const Mode &Mo = M.Modes[E.Index];
      if (Mo.Trigger)
        add(R, "trigger", quote(*Mo.Trigger));
      for (const DecisionOverride &O : Mo.Decisions) {
        std::string P = "decision " + name(O.Decision) + ": ";
        rights(R, O.Rights, P);
        add(R, P + "escalates_to",
            escalation(O.EscalatesTo, O.EscalationAfterHours));
      }
      for (const RoleOverride &O : Mo.Roles) {
        std::string P = "role " + name(O.Role) + ": ";
        add(R, P + "reports_to", name(O.ReportsTo));
        add(R, P + "escalates_to",
            escalation(O.EscalatesTo, O.EscalationAfterHours));
        add(R, P + "deputy", name(O.Deputy));
      }
      break;
    }
    case ast::DeclKind::Term: {
      const Term &T = M.Terms[E.Index];
      add(R, "scope", entityName(T.Scope));
      add(R, "definition", quote(T.Definition));
      break;
    }
    case ast::DeclKind::Initiative: {
      const Initiative &I = M.Initiatives[E.Index];
      if (I.Stage)
        add(R, "stage", spelling(*I.Stage).str());
      add(R, "sponsor", name(I.Sponsor));
      add(R, "problem_owner", name(I.ProblemOwner));
      add(R, "outcome", name(I.Outcome));
      add(R, "agents", names(I.Agents));
      if (I.ProductionPath)
        add(R, "production_path", quote(*I.ProductionPath));
      for (const Reduction &Re : I.Reduces)
        add(R, "reduces", name(Re.Role) + " by " + std::to_string(Re.By));
      break;
    }
    case ast::DeclKind::Authority: {
      const Authority &A = M.Authorities[E.Index];
      add(R, "framework", name(A.Framework));
      for (const Tier &T : A.Tiers) {
        std::string Bounds;
        if (T.From)
          Bounds += " from " + std::to_string(*T.From);
        if (T.UpTo)
          Bounds += " up_to " + std::to_string(*T.UpTo);
        if (T.Above)
          Bounds += " above " + std::to_string(*T.Above);
        std::string Holders;
        for (const RightAssignment &RA : T.Rights)
          Holders += " " + M.nameOf(RA.Right).str() + " " + names(RA.Holders);
        add(R, "tier",
            Bounds.substr(std::min<size_t>(1, Bounds.size())) + Holders);
      }
      break;
    }
    case ast::DeclKind::Framework: {
      std::string Names;
      for (EntityID Id : M.Frameworks[E.Index].Rights)
        Names += (Names.empty() ? "" : ", ") + M.nameOf(Id).str();
      add(R, "rights", Names);
      break;
    }
    case ast::DeclKind::Right: {
      const Right &Ri = M.Rights[E.Index];
      add(R, "min", std::to_string(Ri.Min));
      if (Ri.Max)
        add(R, "max", std::to_string(*Ri.Max));
      flag(R, "owner", Ri.Owner);
      flag(R, "gate", Ri.Gate);
      break;
    }
    default:
      break;
    }
    return R;
  }

  EntityRecord describeConfig() const {
    EntityRecord R{"checks", "(effective configuration)", {}};
    std::vector<std::string> Lines;
    for (const auto &S : M.Config.Severities)
      Lines.push_back("severity " + S.getKey().str() + " " +
                      (S.getValue() ? severityName(*S.getValue()).str()
                                    : std::string("off")));
    for (const auto &T : M.Config.Thresholds)
      Lines.push_back("threshold " + T.getKey().str() + " " +
                      std::to_string(T.getValue()));
    std::sort(Lines.begin(), Lines.end());
    for (std::string &L : Lines) {
      size_t Space = L.find(' ');
      add(R, L.substr(0, Space), L.substr(Space + 1));
    }
    for (const auto &[A, B] : M.Config.Separations)
      add(R, "separate", name(A) + ", " + name(B));
    return R;
  }

  const Model &M;
  const SourceManager &SM;
};
} // namespace

std::vector<EntityRecord> sema::describeModel(const Model &M,
                                              const SourceManager &SM) {
  return Describer(M, SM).run();
}

std::string sema::dumpModel(const Model &M, const SourceManager &SM) {
  std::string Out;
  for (const EntityRecord &R : describeModel(M, SM)) {
    Out += R.Kind + " " + R.Name + "\n";
    for (const Field &F : R.Fields)
      Out += "  " + F.Key + " " + F.Value + "\n";
  }
  return Out;
}
