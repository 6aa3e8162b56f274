//===- Objectives.cpp - Objectives that pull apart, and who settles them --===//
//
// objective.local-optimisation, tradeoff.no-authority, tradeoff.cycle,
// tradeoff.expired and handoff.cross-purpose: "everyone optimised locally,
// nobody optimised the system". Two objectives of different owners conflict
// when one declares a `tension` with the other, or when one maximizes the
// metric the other minimizes; a tradeoff in force (not past its `until`)
// that prefers one over the other settles the conflict. Objectives are
// grouped by metric, so finding the conflicts is linear in the objectives
// plus the conflicts found; preferences form a graph whose strongly
// connected components are the contradictions.
//
//===----------------------------------------------------------------------===//
#include "AST/PropertyParser.h"
#include "Checks/CheckContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <algorithm>

using namespace remit;
using namespace remit::checks;
using namespace remit::sema;
using ast::DeclKind;

namespace {

using Pair = std::pair<EntityID, EntityID>;
Pair ordered(EntityID A, EntityID B) { return A < B ? Pair{A, B} : Pair{B, A}; }

/// One unresolved conflict between two objectives.
struct Conflict {
  const Objective *A, *B;       ///< A is declared first.
  const Ref *Tension = nullptr; ///< The declared `tension`, if that is why.
  EntityID Metric = NoEntity;   ///< The metric they pull apart, if that is why.
};

/// One `prefer A over B` of a tradeoff.
struct Edge {
  EntityID From, To;
  const Tradeoff *T;
  const Preference *P;
};

class ObjectiveChecks {
public:
  explicit ObjectiveChecks(const CheckContext &C) : C(C) {}

  void run() {
    collectOrderings();
    findConflicts();
    if (C.enabled(DiagID::ObjectiveLocalOptimisation))
      for (const Conflict &X : Conflicts)
        reportConflict(X);
    if (C.enabled(DiagID::HandoffCrossPurpose))
      reportCrossPurpose();
    for (const Tradeoff &T : C.M.Tradeoffs) {
      if (C.entity(T.Self).FromStdlib)
        continue;
      if (lapsed(T))
        reportExpired(T);
      else if (C.enabled(DiagID::TradeoffNoAuthority))
        reportAuthority(T);
    }
    if (C.enabled(DiagID::TradeoffCycle))
      reportCycles();
  }

private:
  bool lapsed(const Tradeoff &T) const {
    return T.UntilDay && *T.UntilDay < C.Opts.AsOfDay;
  }
  const Objective *objective(const Ref &R) const {
    if (!R || C.entity(R.Target).Kind != DeclKind::Objective)
      return nullptr;
    return &C.M.Objectives[C.entity(R.Target).Index];
  }
  const Objective &objective(EntityID ID) const {
    return C.M.Objectives[C.entity(ID).Index];
  }

  /// The preferences of tradeoffs in force, and the lapsed ones by pair.
  void collectOrderings() {
    Edges.resize(C.M.Entities.size());
    for (const Tradeoff &T : C.M.Tradeoffs) {
      if (C.entity(T.Self).FromStdlib)
        continue;
      for (const Preference &P : T.Prefers) {
        if (!objective(P.Preferred) || !objective(P.Over))
          continue;
        Pair Key = ordered(P.Preferred.Target, P.Over.Target);
        if (lapsed(T)) {
          Lapsed[Key].push_back(&T);
          continue;
        }
        Ordered.insert(Key);
        Edges[P.Preferred.Target].push_back(
            {P.Preferred.Target, P.Over.Target, &T, &P});
      }
    }
  }

  /// Owners that must settle a conflict between them by tradeoff: two
  /// different owners, or the enterprise twice (it has no lead to settle
  /// it for it). Unresolved owners are skipped.
  static bool needsTradeoff(const Objective &A, const Objective &B) {
    if (!A.Owner || !B.Owner)
      return false;
    return A.Owner.Target != B.Owner.Target ||
           A.Owner.Target == EnterpriseEntity;
  }

  void consider(const Objective &A, const Objective &B, const Ref *Tension,
                EntityID Metric) {
    if (A.Self == B.Self || !needsTradeoff(A, B))
      return;
    Pair Key = ordered(A.Self, B.Self);
    if (Ordered.count(Key) || !Seen.insert(Key).second)
      return;
    const Objective *First = A.Self < B.Self ? &A : &B;
    const Objective *Second = First == &A ? &B : &A;
    Conflicts.push_back({First, Second, Tension, Metric});
  }

  void findConflicts() {
    // Opposite directions on one metric first: they name the metric.
    llvm::DenseMap<EntityID, std::pair<std::vector<const Objective *>,
                                       std::vector<const Objective *>>>
        ByMetric;
    for (const Objective &O : C.M.Objectives) {
      if (C.entity(O.Self).FromStdlib)
        continue;
      if (O.Maximize)
        ByMetric[O.Maximize.Target].first.push_back(&O);
      if (O.Minimize)
        ByMetric[O.Minimize.Target].second.push_back(&O);
    }
    std::vector<EntityID> Metrics;
    for (auto &Entry : ByMetric)
      Metrics.push_back(Entry.first);
    llvm::sort(Metrics);
    for (EntityID Metric : Metrics) {
      const auto &[Up, Down] = ByMetric[Metric];
      for (const Objective *A : Up)
        for (const Objective *B : Down)
          consider(*A, *B, nullptr, Metric);
    }
    for (const Objective &O : C.M.Objectives) {
      if (C.entity(O.Self).FromStdlib)
        continue;
      for (const Ref &T : O.Tensions)
        if (const Objective *Other = objective(T))
          consider(O, *Other, &T, NoEntity);
    }
    std::sort(Conflicts.begin(), Conflicts.end(),
              [](const Conflict &X, const Conflict &Y) {
                return std::make_pair(X.A->Self, X.B->Self) <
                       std::make_pair(Y.A->Self, Y.B->Self);
              });
    ByUnit.resize(C.M.Entities.size());
    for (size_t I = 0; I < Conflicts.size(); ++I)
      for (const Objective *O : {Conflicts[I].A, Conflicts[I].B})
        if (O->Owner.Target != EnterpriseEntity)
          ByUnit[O->Owner.Target].push_back(I);
  }

  /// "maximizes `features_shipped`", or empty without a metric.
  std::string direction(const Objective &O) const {
    std::string Out;
    if (O.Maximize)
      Out += "maximizes " + quoted(C.name(O.Maximize.Target));
    if (O.Minimize)
      Out += (Out.empty() ? "" : ", ") + std::string("minimizes ") +
             quoted(C.name(O.Minimize.Target));
    return Out;
  }
  /// "`product`, maximizes `features_shipped`".
  std::string describe(const Objective &O) const {
    std::string Dir = direction(O);
    return quoted(C.name(O.Owner.Target)) + (Dir.empty() ? "" : ", " + Dir);
  }

  void noteObjective(Diagnostic &Diag, const Objective &O) const {
    const Entity &E = C.entity(O.Self);
    std::string Owner = O.Owner.Target == EnterpriseEntity
                            ? "the enterprise"
                            : quoted(C.name(O.Owner.Target));
    if (O.Owner.Range.isValid())
      Diag.note(O.Owner.Range,
                fmt::format("`{}` is owned by {}", E.Name.str(), Owner));
    else
      Diag.note(
          C.entity(O.Owner.Target).NameRange,
          fmt::format("{} owns `{}`, declared inside it", Owner, E.Name.str()));
  }

  /// Who can settle a trade-off between \p Owners: the lead of the
  /// innermost unit enclosing them all, else the one final role.
  EntityID settler(llvm::ArrayRef<EntityID> Owners) const {
    bool Enterprise = llvm::is_contained(Owners, EnterpriseEntity);
    std::vector<EntityID> Common;
    bool First = true;
    for (EntityID O : Owners) {
      if (O == EnterpriseEntity)
        continue;
      std::vector<EntityID> Chain;
      for (EntityID U = O; U != NoEntity; U = C.M.unit(U).ParentUnit)
        Chain.push_back(U);
      if (First) {
        Common = std::move(Chain);
        First = false;
        continue;
      }
      Common.erase(std::remove_if(Common.begin(), Common.end(),
                                  [&](EntityID U) {
                                    return !llvm::is_contained(Chain, U);
                                  }),
                   Common.end());
    }
    if (!Enterprise)
      for (EntityID U : Common) {
        const Ref &Lead = C.M.unit(U).Lead;
        if (Lead && !C.View.isVacant(Lead.Target))
          return Lead.Target;
      }
    EntityID Final = NoEntity;
    for (const Role &R : C.M.Roles)
      if (R.Final && !R.Retired && !C.entity(R.Self).FromStdlib) {
        if (Final != NoEntity)
          return NoEntity;
        Final = R.Self;
      }
    return Final;
  }

  std::string freshName(const std::string &Base) const {
    std::string Name = Base;
    for (int I = 2; C.M.lookup(Name) != NoEntity; ++I)
      Name = Base + "_" + std::to_string(I);
    return Name;
  }

  void reportConflict(const Conflict &X) {
    const Objective &A = *X.A, &B = *X.B;
    const Entity &EA = C.entity(A.Self), &EB = C.entity(B.Self);
    std::string How =
        X.Metric != NoEntity ? "pulls against" : "is in declared tension with";
    Diagnostic &Diag = C.Diags.report(DiagID::ObjectiveLocalOptimisation,
                                      EB.NameRange, EA.Name.str(), describe(A),
                                      How, EB.Name.str(), describe(B));
    if (X.Metric != NoEntity) {
      Diag.note(
          A.Maximize.Target == X.Metric ? A.Maximize.Range : A.Minimize.Range,
          fmt::format("`{}` {} `{}`", EA.Name.str(),
                      A.Maximize.Target == X.Metric ? "maximizes" : "minimizes",
                      C.name(X.Metric).str()));
      Diag.note(B.Maximize.Target == X.Metric ? B.Maximize.Range
                                              : B.Minimize.Range,
                fmt::format("`{}` {} it", EB.Name.str(),
                            B.Maximize.Target == X.Metric ? "maximizes"
                                                          : "minimizes"));
    } else {
      Diag.note(X.Tension->Range, "the tension is declared here");
    }
    noteObjective(Diag, A);
    noteObjective(Diag, B);
    auto It = Lapsed.find(ordered(A.Self, B.Self));
    if (It != Lapsed.end())
      for (const Tradeoff *T : It->second)
        Diag.note(C.entity(T->Self).NameRange,
                  fmt::format("tradeoff `{}` ordered them until {}; it has "
                              "lapsed",
                              C.name(T->Self).str(),
                              ast::formatDate(*T->UntilDay)));

    // The skeleton of the tradeoff to write, after the later objective.
    // The enterprise's objective comes first: the system over its parts.
    const Objective *Win = &A, *Lose = &B;
    if (B.Owner.Target == EnterpriseEntity &&
        A.Owner.Target != EnterpriseEntity)
      std::swap(Win, Lose);
    std::string WinName = C.name(Win->Self).str(),
                LoseName = C.name(Lose->Self).str();
    std::string Name = freshName(WinName + "_over_" + LoseName);
    std::string Text =
        fmt::format("tradeoff {} \"Decide which comes first: {} or {}\" {{\n"
                    "  prefer {} over {}\n",
                    Name, WinName, LoseName, WinName, LoseName);
    EntityID By = settler({A.Owner.Target, B.Owner.Target});
    if (By != NoEntity)
      Text += "  decided_by " + C.name(By).str() + "\n";
    Text += "  until " + ast::formatDate(C.Opts.AsOfDay + 365) + "\n}";
    Diag.fix(fmt::format("add a tradeoff that puts `{}` over `{}`", WinName,
                         LoseName),
             {insertDeclarationAfter(C.SM, *EB.Decl, Text)});
  }

  void reportExpired(const Tradeoff &T) {
    if (!C.enabled(DiagID::TradeoffExpired))
      return;
    const Entity &E = C.entity(T.Self);
    std::vector<std::string> Names;
    for (const Preference &P : T.Prefers)
      for (const Ref *R : {&P.Preferred, &P.Over})
        if (*R && !llvm::is_contained(Names, C.name(R->Target).str()))
          Names.push_back(C.name(R->Target).str());
    const ast::Property *Until = E.Decl->find("until");
    SourceRange At =
        Until && !Until->Args.empty() ? Until->Args[0].Val.Range : E.NameRange;
    Diagnostic &Diag = C.Diags.report(
        DiagID::TradeoffExpired, At, E.Name.str(), ast::formatDate(*T.UntilDay),
        Names.empty() ? std::string("its objectives") : quotedList(Names),
        Names.size() == 1 ? "is" : "are");
    for (const Preference &P : T.Prefers)
      if (P.Preferred && P.Over)
        Diag.note(P.Range, fmt::format("it put `{}` over `{}`",
                                       C.name(P.Preferred.Target).str(),
                                       C.name(P.Over.Target).str()));
    if (T.DecidedBy)
      Diag.note(T.DecidedBy.Range,
                fmt::format("`{}` made the call; renew it or make a new one",
                            C.name(T.DecidedBy.Target).str()));
  }

  void reportAuthority(const Tradeoff &T) {
    if (!T.DecidedBy)
      return;
    EntityID By = T.DecidedBy.Target;
    DeclKind ByKind = C.entity(By).Kind;
    if (ByKind != DeclKind::Role && ByKind != DeclKind::Forum &&
        ByKind != DeclKind::Person)
      return;
    std::vector<EntityID> Owners, Outside;
    std::vector<const Objective *> OutsideObjectives;
    for (const Preference &P : T.Prefers)
      for (const Ref *R : {&P.Preferred, &P.Over}) {
        const Objective *O = objective(*R);
        if (!O || !O->Owner || llvm::is_contained(Owners, O->Owner.Target))
          continue;
        Owners.push_back(O->Owner.Target);
        if (!C.View.hasAuthorityOver(By, O->Owner.Target)) {
          Outside.push_back(O->Owner.Target);
          OutsideObjectives.push_back(O);
        }
      }
    if (Outside.empty())
      return;
    std::vector<std::string> Names;
    for (EntityID O : Outside)
      Names.push_back(C.name(O).str());
    std::string Whom = quotedList(Names);
    if (llvm::is_contained(Outside, EnterpriseEntity))
      Whom += " (only a `final` role has authority over the enterprise)";
    Diagnostic &Diag =
        C.Diags.report(DiagID::TradeoffNoAuthority, T.DecidedBy.Range,
                       C.name(T.Self).str(), C.name(By).str(), Whom);
    for (const Objective *O : OutsideObjectives)
      noteObjective(Diag, *O);
    for (EntityID O : Owners)
      if (O != EnterpriseEntity && C.View.hasAuthorityOver(By, O))
        Diag.note(C.entity(O).NameRange,
                  fmt::format("`{}` has authority over `{}` only: it would "
                              "settle the trade-off for its own side",
                              C.name(By).str(), C.name(O).str()));
    EntityID Better = settler(Owners);
    if (Better != NoEntity && Better != By)
      Diag.fix(fmt::format("have `{}` decide it", C.name(Better).str()),
               {{T.DecidedBy.Range, C.name(Better).str()}});
  }

  /// Contradictions: strongly connected components of the preference graph
  /// (iterative Tarjan), each reported once with one cycle through it.
  void reportCycles() {
    size_t N = C.M.Entities.size();
    std::vector<uint32_t> Index(N, 0), Low(N, 0);
    std::vector<bool> OnStack(N, false);
    std::vector<EntityID> Stack;
    uint32_t Counter = 0;
    std::vector<std::vector<EntityID>> Components;
    for (const Objective &Root : C.M.Objectives) {
      if (Index[Root.Self] || Edges[Root.Self].empty())
        continue;
      std::vector<std::pair<EntityID, size_t>> Work = {{Root.Self, 0}};
      Index[Root.Self] = Low[Root.Self] = ++Counter;
      Stack.push_back(Root.Self);
      OnStack[Root.Self] = true;
      while (!Work.empty()) {
        auto &[V, Next] = Work.back();
        if (Next < Edges[V].size()) {
          EntityID W = Edges[V][Next++].To;
          if (!Index[W]) {
            Index[W] = Low[W] = ++Counter;
            Stack.push_back(W);
            OnStack[W] = true;
            Work.push_back({W, 0});
          } else if (OnStack[W]) {
            Low[V] = std::min(Low[V], Index[W]);
          }
          continue;
        }
        EntityID Done = V;
        Work.pop_back();
        if (!Work.empty())
          Low[Work.back().first] = std::min(Low[Work.back().first], Low[Done]);
        if (Low[Done] != Index[Done])
          continue;
        std::vector<EntityID> Component;
        EntityID W;
        do {
          W = Stack.back();
          Stack.pop_back();
          OnStack[W] = false;
          Component.push_back(W);
        } while (W != Done);
        bool SelfLoop = false;
        for (const Edge &E : Edges[Done])
          SelfLoop |= E.To == Done;
        if (Component.size() > 1 || SelfLoop)
          Components.push_back(std::move(Component));
      }
    }
    std::vector<uint32_t> ComponentOf(N, ~0u);
    for (uint32_t I = 0; I < Components.size(); ++I)
      for (EntityID V : Components[I])
        ComponentOf[V] = I;
    for (uint32_t I = 0; I < Components.size(); ++I)
      reportCycle(Components[I], ComponentOf, I);
  }

  void reportCycle(llvm::ArrayRef<EntityID> Component,
                   const std::vector<uint32_t> &ComponentOf, uint32_t Id) {
    // A shortest cycle through the component's first objective (BFS back
    // to it along edges inside the component).
    EntityID Start = *std::min_element(Component.begin(), Component.end());
    llvm::DenseMap<EntityID, const Edge *> Via;
    std::vector<EntityID> Queue = {Start};
    const Edge *Closing = nullptr;
    EntityID Last = NoEntity;
    for (size_t Q = 0; Q < Queue.size() && !Closing; ++Q)
      for (const Edge &E : Edges[Queue[Q]]) {
        if (ComponentOf[E.To] != Id)
          continue;
        if (E.To == Start) {
          Closing = &E;
          Last = Queue[Q];
          break;
        }
        if (!Via.count(E.To)) {
          Via[E.To] = &E;
          Queue.push_back(E.To);
        }
      }
    if (!Closing)
      return;
    std::vector<const Edge *> Path = {Closing};
    std::vector<EntityID> Order = {Start};
    for (EntityID V = Last; V != Start; V = Via[V]->From) {
      Path.push_back(Via[V]);
      Order.push_back(V);
    }
    std::reverse(Order.begin() + 1, Order.end());
    std::reverse(Path.begin(), Path.end());
    // Path[i] goes from Order[i] to Order[i+1] (the last back to Start).
    std::string Text;
    for (EntityID V : Order)
      Text += quoted(C.name(V)) + " over ";
    Text += quoted(C.name(Start));
    Diagnostic &Diag =
        C.Diags.report(DiagID::TradeoffCycle, Path.front()->P->Range, Text);
    for (size_t I = 1; I < Path.size(); ++I)
      Diag.note(Path[I]->P->Range,
                fmt::format("tradeoff `{}` puts `{}` over `{}`",
                            C.name(Path[I]->T->Self).str(),
                            C.name(Order[I]).str(), C.name(Path[I]->To).str()));
  }

  /// Units a handoff party belongs to, innermost first.
  std::vector<EntityID> unitsOf(const Ref &Party) const {
    std::vector<EntityID> Out;
    if (!Party)
      return Out;
    for (EntityID U = unitOf(C.M, Party.Target); U != NoEntity;
         U = C.M.unit(U).ParentUnit)
      Out.push_back(U);
    return Out;
  }

  void reportCrossPurpose() {
    if (Conflicts.empty())
      return;
    for (const Handoff &H : C.M.Handoffs) {
      const Entity &E = C.entity(H.Self);
      if (E.FromStdlib || E.Name.empty())
        continue;
      std::vector<EntityID> From = unitsOf(H.From), To = unitsOf(H.To);
      // Units both sides are in own objectives of both: not a seam.
      auto Strip = [](std::vector<EntityID> &Xs,
                      const std::vector<EntityID> &Ys) {
        Xs.erase(std::remove_if(
                     Xs.begin(), Xs.end(),
                     [&](EntityID X) { return llvm::is_contained(Ys, X); }),
                 Xs.end());
      };
      std::vector<EntityID> FromOnly = From, ToOnly = To;
      Strip(FromOnly, To);
      Strip(ToOnly, From);
      const Conflict *Found = nullptr;
      for (EntityID U : FromOnly) {
        for (size_t I : ByUnit[U]) {
          const Conflict &X = Conflicts[I];
          EntityID Other =
              X.A->Owner.Target == U ? X.B->Owner.Target : X.A->Owner.Target;
          if (llvm::is_contained(ToOnly, Other)) {
            Found = &X;
            break;
          }
        }
        if (Found)
          break;
      }
      if (!Found)
        continue;
      bool AFrom = llvm::is_contained(FromOnly, Found->A->Owner.Target);
      const Objective &OF = AFrom ? *Found->A : *Found->B;
      const Objective &OT = AFrom ? *Found->B : *Found->A;
      Diagnostic &Diag = C.Diags.report(
          DiagID::HandoffCrossPurpose, E.NameRange, E.Name.str(),
          C.name(OF.Owner.Target).str(), C.name(OT.Owner.Target).str(),
          C.name(OF.Self).str(), C.name(OT.Self).str());
      for (const Objective *O : {&OF, &OT}) {
        std::string Dir = direction(*O);
        Diag.note(C.entity(O->Self).NameRange,
                  fmt::format("`{}` optimises for `{}`{}",
                              C.name(O->Owner.Target).str(),
                              C.name(O->Self).str(),
                              Dir.empty() ? "" : ", which " + Dir));
      }
    }
  }

  const CheckContext &C;
  llvm::DenseSet<Pair> Ordered, Seen;
  llvm::DenseMap<Pair, std::vector<const Tradeoff *>> Lapsed;
  std::vector<std::vector<Edge>> Edges;
  std::vector<Conflict> Conflicts;
  std::vector<std::vector<size_t>> ByUnit; ///< Conflicts per owning unit.
};

} // namespace

void checks::checkObjectives(const CheckContext &C) {
  ObjectiveChecks(C).run();
}
