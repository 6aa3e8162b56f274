//===- ModelJson.cpp - The resolved model as JSON (`remitc build`) --------===//
#include "Emit/ModelJson.h"
#include "Emit/Findings.h"
#include "Emit/Text.h"
#include <algorithm>

using namespace remit;
using namespace remit::emit;
using namespace remit::sema;
namespace json = llvm::json;

namespace {

class Writer {
public:
  Writer(const Model &M, const SourceManager &SM) : M(M), SM(SM) {}

  json::Value str(llvm::StringRef S) const {
    return json::isUTF8(S) ? S.str() : json::fixUTF8(S);
  }
  json::Value name(EntityID E) const {
    return E == NoEntity ? json::Value(nullptr) : str(M.nameOf(E));
  }
  json::Value ref(const Ref &R) const { return name(R.Target); }
  json::Value refs(llvm::ArrayRef<Ref> Rs) const {
    json::Array A;
    for (const Ref &R : Rs)
      A.push_back(ref(R));
    return A;
  }
  template <typename T> json::Value opt(const std::optional<T> &V) const {
    return V ? json::Value(*V) : json::Value(nullptr);
  }
  json::Value optStr(const std::optional<std::string> &V) const {
    return V ? str(*V) : json::Value(nullptr);
  }
  json::Value location(SourceRange R) const {
    if (!R.isValid() || R.File > SM.getNumFiles())
      return nullptr;
    LineColumn LC = SM.getLineAndCodePointColumn(R.File, R.Begin);
    return json::Object{{"file", str(SM.getDisplayName(R.File))},
                        {"line", LC.Line + 1},
                        {"column", LC.Column + 1}};
  }
  /// The fields every entity has.
  json::Object base(EntityID E) const {
    const Entity &En = M.entity(E);
    return json::Object{
        {"name", str(En.Name)},
        {"title", En.Title.empty() ? json::Value(nullptr) : str(En.Title)},
        {"location", location(En.NameRange)}};
  }
  json::Value rights(llvm::ArrayRef<RightAssignment> Rights) const {
    json::Array A;
    for (const RightAssignment &RA : Rights)
      A.push_back(json::Object{{"right", name(RA.Right)},
                               {"holders", refs(RA.Holders)}});
    return A;
  }

  /// Appends the user entities of \p Items, sorted by name.
  template <typename T, typename Fn>
  json::Value list(const std::vector<T> &Items, Fn Fields,
                   bool IncludeStdlib = false) const {
    std::vector<const T *> Sorted;
    for (const T &Item : Items)
      if (IncludeStdlib || !M.entity(Item.Self).FromStdlib)
        Sorted.push_back(&Item);
    std::stable_sort(Sorted.begin(), Sorted.end(), [&](const T *A, const T *B) {
      return M.entity(A->Self).Name < M.entity(B->Self).Name;
    });
    json::Array A;
    for (const T *Item : Sorted) {
      json::Object O = base(Item->Self);
      Fields(*Item, O);
      A.push_back(std::move(O));
    }
    return A;
  }

  const Model &M;
  const SourceManager &SM;
};

} // namespace

json::Value emit::modelToJSON(const Model &M, const SourceManager &SM,
                              llvm::ArrayRef<Diagnostic> Diags) {
  Writer W(M, SM);
  json::Object Root{{"schema", ModelJsonSchema}};
  if (M.Header)
    Root["model"] = json::Object{{"name", W.str(M.Header->Name)},
                                 {"title", M.Header->Title.empty()
                                               ? json::Value(nullptr)
                                               : W.str(M.Header->Title)},
                                 {"framework", W.ref(M.Header->Framework)}};
  else
    Root["model"] = nullptr;

  Root["units"] = W.list(M.Units, [&](const Unit &U, json::Object &O) {
    O["parent"] = W.name(U.ParentUnit);
    O["kind"] = W.ref(U.Kind);
    O["lead"] = W.ref(U.Lead);
    json::Array Interactions;
    for (const Interaction &I : U.Interactions)
      Interactions.push_back(json::Object{
          {"with", W.ref(I.With)},
          {"mode", W.ref(I.Mode)},
          {"until", I.UntilDay ? json::Value(formatDate(*I.UntilDay))
                               : json::Value(nullptr)}});
    O["interactions"] = std::move(Interactions);
  });
  Root["roles"] = W.list(M.Roles, [&](const Role &R, json::Object &O) {
    O["unit"] = W.name(R.Unit);
    O["reportsTo"] = W.ref(R.ReportsTo);
    O["escalatesTo"] = W.ref(R.EscalatesTo);
    O["escalationAfterHours"] = W.opt(R.EscalationAfterHours);
    O["deputy"] = W.ref(R.Deputy);
    O["headcount"] = R.Headcount;
    O["final"] = R.Final;
    O["frontline"] = R.Frontline;
    O["retired"] = R.Retired;
  });
  Root["people"] = W.list(M.People, [&](const Person &P, json::Object &O) {
    O["holds"] = W.refs(P.Holds);
  });
  Root["forums"] = W.list(M.Forums, [&](const Forum &F, json::Object &O) {
    O["members"] = W.refs(F.Members);
    O["chair"] = W.ref(F.Chair);
    O["escalatesTo"] = W.ref(F.EscalatesTo);
    O["escalationAfterHours"] = W.opt(F.EscalationAfterHours);
  });
  Root["agents"] = W.list(M.Agents, [&](const Agent &A, json::Object &O) {
    O["unit"] = W.name(A.Unit);
    O["autonomy"] =
        A.Level ? json::Value(spelling(*A.Level)) : json::Value(nullptr);
    O["overseenBy"] = W.ref(A.OverseenBy);
    O["feeds"] = W.refs(A.Feeds);
  });
  Root["metrics"] = W.list(M.Metrics, [&](const Metric &Me, json::Object &O) {
    O["kind"] =
        Me.Kind ? json::Value(spelling(*Me.Kind)) : json::Value(nullptr);
  });
  Root["objectives"] =
      W.list(M.Objectives, [&](const Objective &Ob, json::Object &O) {
        O["owner"] = W.ref(Ob.Owner);
        O["maximize"] = W.ref(Ob.Maximize);
        O["minimize"] = W.ref(Ob.Minimize);
        O["tensions"] = W.refs(Ob.Tensions);
      });
  Root["decisions"] =
      W.list(M.Decisions, [&](const Decision &D, json::Object &O) {
        O["unit"] = W.name(D.Unit);
        O["framework"] = W.ref(D.Framework);
        O["rights"] = W.rights(D.Rights);
        O["escalatesTo"] = W.ref(D.EscalatesTo);
        O["escalationAfterHours"] = W.opt(D.EscalationAfterHours);
        O["within"] = W.optStr(D.Within);
        O["critical"] = D.Critical;
      });
  Root["handoffs"] = W.list(M.Handoffs, [&](const Handoff &H, json::Object &O) {
    O["from"] = W.ref(H.From);
    O["to"] = W.ref(H.To);
    O["artifact"] = W.optStr(H.Artifact);
    O["acceptedBy"] = W.ref(H.AcceptedBy);
    O["withinHours"] = W.opt(H.WithinHours);
  });
  Root["tradeoffs"] =
      W.list(M.Tradeoffs, [&](const Tradeoff &T, json::Object &O) {
        json::Array Prefers;
        for (const Preference &P : T.Prefers)
          Prefers.push_back(json::Object{{"preferred", W.ref(P.Preferred)},
                                         {"over", W.ref(P.Over)}});
        O["prefers"] = std::move(Prefers);
        O["decidedBy"] = W.ref(T.DecidedBy);
        O["until"] = T.UntilDay ? json::Value(formatDate(*T.UntilDay))
                                : json::Value(nullptr);
      });
  Root["modes"] = W.list(M.Modes, [&](const Mode &Mo, json::Object &O) {
    O["trigger"] = W.optStr(Mo.Trigger);
    json::Array Decisions, Roles;
    for (const DecisionOverride &D : Mo.Decisions)
      Decisions.push_back(json::Object{
          {"decision", W.ref(D.Decision)},
          {"rights", W.rights(D.Rights)},
          {"escalatesTo", W.ref(D.EscalatesTo)},
          {"escalationAfterHours", W.opt(D.EscalationAfterHours)}});
    for (const RoleOverride &R : Mo.Roles)
      Roles.push_back(
          json::Object{{"role", W.ref(R.Role)},
                       {"reportsTo", W.ref(R.ReportsTo)},
                       {"escalatesTo", W.ref(R.EscalatesTo)},
                       {"escalationAfterHours", W.opt(R.EscalationAfterHours)},
                       {"deputy", W.ref(R.Deputy)}});
    O["decisions"] = std::move(Decisions);
    O["roles"] = std::move(Roles);
  });
  Root["terms"] = W.list(M.Terms, [&](const Term &T, json::Object &O) {
    O["scope"] = W.name(T.Scope);
    O["definition"] = W.str(T.Definition);
  });
  Root["initiatives"] = W.list(M.Initiatives, [&](const Initiative &I,
                                                  json::Object &O) {
    O["stage"] =
        I.Stage ? json::Value(spelling(*I.Stage)) : json::Value(nullptr);
    O["sponsor"] = W.ref(I.Sponsor);
    O["problemOwner"] = W.ref(I.ProblemOwner);
    O["outcome"] = W.ref(I.Outcome);
    O["agents"] = W.refs(I.Agents);
    O["productionPath"] = W.optStr(I.ProductionPath);
    json::Array Reduces;
    for (const Reduction &R : I.Reduces)
      Reduces.push_back(json::Object{{"role", W.ref(R.Role)}, {"by", R.By}});
    O["reduces"] = std::move(Reduces);
  });
  Root["authorities"] =
      W.list(M.Authorities, [&](const Authority &A, json::Object &O) {
        O["framework"] = W.ref(A.Framework);
        json::Array Tiers;
        for (const Tier &T : A.Tiers)
          Tiers.push_back(json::Object{{"from", W.opt(T.From)},
                                       {"upTo", W.opt(T.UpTo)},
                                       {"above", W.opt(T.Above)},
                                       {"rights", W.rights(T.Rights)}});
        O["tiers"] = std::move(Tiers);
      });
  Root["frameworks"] = W.list(
      M.Frameworks,
      [&](const Framework &F, json::Object &O) {
        O["stdlib"] = M.entity(F.Self).FromStdlib;
        json::Array Rights;
        for (EntityID R : F.Rights) {
          const Right &Ri = M.right(R);
          json::Object RO = W.base(R);
          RO["min"] = Ri.Min;
          RO["max"] = W.opt(Ri.Max);
          RO["owner"] = Ri.Owner;
          RO["gate"] = Ri.Gate;
          Rights.push_back(std::move(RO));
        }
        O["rights"] = std::move(Rights);
      },
      /*IncludeStdlib=*/true);

  FindingIndex Index(M, Diags);
  json::Array Findings;
  for (const Diagnostic &D : Diags) {
    EntityID E = D.Range.isValid() ? Index.innermostEntity(D.Range) : NoEntity;
    Findings.push_back(json::Object{{"check", W.str(D.name())},
                                    {"severity", severityName(D.Sev)},
                                    {"message", W.str(D.Message)},
                                    {"entity", W.name(E)},
                                    {"location", W.location(D.Range)}});
  }
  Root["findings"] = std::move(Findings);
  return json::Value(std::move(Root));
}
