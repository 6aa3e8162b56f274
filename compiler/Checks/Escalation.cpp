//===- Escalation.cpp - Where problems go when a role cannot decide -------===//
//
// escalation.cycle, escalation.dead-end, escalation.too-deep and
// bottleneck.escalation-fan-in. Every role and forum has at most one next
// step (its `escalates_to`, else a role's `reports_to`), so the escalation
// graph is functional: one walk that memoises each node's outcome finds
// every cycle once, every dead end and every chain length in linear time.
// A decision's own `escalates_to` replaces its owner's first step; an Euler
// tour of the chains answers "does this chain come back to the owner" in
// constant time.
//
//===----------------------------------------------------------------------===//
#include "Checks/CheckContext.h"
#include <algorithm>

using namespace remit;
using namespace remit::checks;
using namespace remit::sema;
using ast::DeclKind;

namespace {

/// Where a chain from a node ends.
enum class Outcome : uint8_t {
  Unvisited,
  OnPath,  ///< Being walked.
  Final,   ///< Reaches a final role.
  DeadEnd, ///< Stops at a non-final node with no next step.
  Cycle,   ///< Enters a cycle.
  Unknown, ///< A step names something that did not resolve.
};

class EscalationChecks {
public:
  explicit EscalationChecks(const CheckContext &C)
      : C(C), N(C.M.Entities.size()), State(N, Outcome::Unvisited),
        Hops(N, 0), End(N, NoEntity), Parent(N, NoEntity), Enter(N, 0),
        Exit(N, 0), Sources(C.View.escalationSources()) {}

  void run() {
    for (const Entity &E : C.M.Entities)
      if (isNode(E))
        walk(static_cast<EntityID>(&E - C.M.Entities.data()));
    computeTour();
    reportDeadEnds();
    reportDepth();
    reportDecisionChains();
    reportFanIn();
  }

private:
  static bool isNode(const Entity &E) {
    return !E.FromStdlib &&
           (E.Kind == DeclKind::Role || E.Kind == DeclKind::Forum);
  }

  /// Follows the chain from \p Start until a node with a known outcome, and
  /// records the outcome, hop count and end of every node on the way.
  void walk(EntityID Start) {
    if (State[Start] != Outcome::Unvisited)
      return;
    std::vector<EntityID> Path;
    EntityID Node = Start;
    Outcome Result;
    EntityID Last = NoEntity;
    uint32_t Base = 0;
    while (true) {
      State[Node] = Outcome::OnPath;
      Path.push_back(Node);
      // A role the view vacates (whatif) hears nothing: chains break there.
      if (C.View.isVacated(Node)) {
        Result = Outcome::DeadEnd, Last = Node;
        break;
      }
      if (C.View.isFinal(Node)) {
        Result = Outcome::Final, Last = Node;
        break;
      }
      auto Step = C.View.next(Node);
      if (!Step) {
        Result = Outcome::DeadEnd, Last = Node;
        break;
      }
      if (Step->To == NoEntity || !isNode(C.entity(Step->To))) {
        Result = Outcome::Unknown;
        break;
      }
      Outcome Seen = State[Step->To];
      if (Seen == Outcome::OnPath) {
        reportCycle(Path, Step->To);
        Result = Outcome::Cycle;
        break;
      }
      if (Seen != Outcome::Unvisited) {
        Result = Seen, Last = End[Step->To], Base = Hops[Step->To] + 1;
        Parent[Node] = Step->To;
        break;
      }
      Parent[Node] = Step->To;
      Node = Step->To;
    }
    // Nodes on a cycle keep Cycle; those before it lead into it.
    for (size_t I = Path.size(); I-- > 0;) {
      EntityID P = Path[I];
      if (State[P] == Outcome::OnPath)
        State[P] = Result;
      End[P] = Last;
      Hops[P] = Base + static_cast<uint32_t>(Path.size() - 1 - I);
    }
  }

  void reportCycle(llvm::ArrayRef<EntityID> Path, EntityID Entry) {
    auto It = llvm::find(Path, Entry);
    std::vector<EntityID> Cycle(It, Path.end());
    for (EntityID Member : Cycle) {
      State[Member] = Outcome::Cycle;
      Parent[Member] = NoEntity; // Cycle members root the tour.
    }
    std::rotate(Cycle.begin(), std::min_element(Cycle.begin(), Cycle.end()), Cycle.end());
    std::vector<EntityID> Shown = Cycle;
    Shown.push_back(Cycle.front());
    Diagnostic &Diag = C.Diags.report(DiagID::EscalationCycle,
                                      C.View.next(Cycle.front())->Range,
                                      chainText(C.M, Shown));
    for (size_t I = 1; I < Cycle.size(); ++I)
      noteStep(Diag, Cycle[I]);
  }

  void noteStep(Diagnostic &Diag, EntityID From) {
    auto Step = C.View.next(From);
    Diag.note(Step->Range,
              fmt::format(Step->ViaReportsTo
                              ? "`{}` has no `escalates_to`, so it "
                                "escalates to its manager `{}`"
                              : "`{}` escalates to `{}`",
                          C.name(From).str(), C.name(Step->To).str()));
  }

  /// Pre/post order of the chains' in-forest (roots: final nodes, dead
  /// ends and cycle members), so "is A on B's chain" is an O(1) test.
  void computeTour() {
    std::vector<std::vector<EntityID>> Children(N);
    std::vector<EntityID> Roots;
    for (EntityID I = 0; I < N; ++I) {
      if (!isNode(C.entity(I)))
        continue;
      if (Parent[I] == NoEntity)
        Roots.push_back(I);
      else
        Children[Parent[I]].push_back(I);
    }
    uint32_t Clock = 0;
    std::vector<std::pair<EntityID, size_t>> Stack;
    for (EntityID Root : Roots) {
      Stack.push_back({Root, 0});
      Enter[Root] = ++Clock;
      while (!Stack.empty()) {
        auto &[Node, NextChild] = Stack.back();
        if (NextChild < Children[Node].size()) {
          EntityID Child = Children[Node][NextChild++];
          Enter[Child] = ++Clock;
          Stack.push_back({Child, 0});
        } else {
          Exit[Node] = ++Clock;
          Stack.pop_back();
        }
      }
    }
  }

  /// Whether \p A is on the chain that starts at \p B.
  bool onChain(EntityID A, EntityID B) const {
    return Enter[A] <= Enter[B] && Exit[B] <= Exit[A];
  }

  bool hasFinalRole() const {
    for (const Role &R : C.View.roles())
      if (R.Final && !C.entity(R.Self).FromStdlib)
        return true;
    return false;
  }

  void reportDeadEnds() {
    if (!C.enabled(DiagID::EscalationDeadEnd))
      return;
    std::optional<EntityID> OnlyFinal;
    size_t Finals = 0;
    for (const Role &R : C.View.roles())
      if (R.Final && !R.Retired && !C.entity(R.Self).FromStdlib)
        ++Finals, OnlyFinal = R.Self;
    // How many chains end at each dead end.
    std::vector<uint32_t> Ending(N, 0);
    for (EntityID I = 0; I < N; ++I)
      if (isNode(C.entity(I)) && State[I] == Outcome::DeadEnd && End[I] != I)
        ++Ending[End[I]];
    for (const Decision &D : C.M.Decisions)
      if (const Ref &To = C.View.escalatesTo(D))
        if (isNode(C.entity(To.Target)) &&
            State[To.Target] == Outcome::DeadEnd)
          ++Ending[End[To.Target]];
    for (EntityID I = 0; I < N; ++I) {
      if (!isNode(C.entity(I)) || State[I] != Outcome::DeadEnd || End[I] != I)
        continue;
      const Entity &E = C.entity(I);
      // A retired role nothing escalates to is history, not a dead end.
      if (E.Kind == DeclKind::Role && C.View.role(I).Retired &&
          Sources[I].empty())
        continue;
      std::string Tail;
      if (Finals == 0)
        Tail = "; no role in the model is `final`";
      if (Ending[I])
        Tail += fmt::format("; {} {} here",
                            countOf(Ending[I], "other escalation chain"),
                            Ending[I] == 1 ? "ends" : "end");
      bool Vacated = C.View.isVacated(I);
      if (Vacated && Sources[I].empty())
        continue;
      Diagnostic &Diag = C.Diags.report(
          DiagID::EscalationDeadEnd, E.NameRange, E.Name.str(),
          Vacated ? "it would be vacant, so nobody hears the escalations"
          : E.Kind == DeclKind::Role
              ? "it has no `escalates_to` and no `reports_to`"
              : "it has no `escalates_to` and no `final` member",
          Tail);
      noteSources(Diag, I, "escalates here");
      if (Finals == 1 && *OnlyFinal != I && !Vacated)
        if (auto Edit = insertProperty(
                C.SM, *E.Decl, "escalates_to " + C.name(*OnlyFinal).str()))
          Diag.fix(fmt::format("escalate to `{}`", C.name(*OnlyFinal).str()),
                   {*Edit});
    }
  }

  /// Notes the direct escalations into \p Node, at most a handful.
  void noteSources(Diagnostic &Diag, EntityID Node, llvm::StringRef What) {
    const auto &In = Sources[Node];
    constexpr size_t Max = 8;
    for (size_t I = 0; I < In.size() && I < Max; ++I)
      Diag.note(In[I].Range, fmt::format("`{}` {}", C.name(In[I].From).str(),
                                         What.str()));
    if (In.size() > Max)
      Diag.note(Diag.Range, fmt::format("and {} more", In.size() - Max));
  }

  /// Notes the first steps of the chain from \p Start.
  void noteChain(Diagnostic &Diag, EntityID Start) {
    constexpr size_t MaxSteps = 8;
    size_t Steps = 0;
    for (EntityID Node = Start; Node != End[Node] && Steps < MaxSteps;
         Node = Parent[Node], ++Steps)
      noteStep(Diag, Node);
  }

  /// The chain from \p Start as text, eliding the middle of long chains.
  std::string chainFrom(EntityID Start, EntityID First = NoEntity) const {
    std::vector<EntityID> Shown;
    if (First != NoEntity)
      Shown.push_back(First);
    constexpr size_t Head = 6;
    EntityID Node = Start;
    while (Node != NoEntity && Shown.size() < Head) {
      Shown.push_back(Node);
      if (Node == End[Node])
        break;
      Node = Parent[Node];
    }
    std::string Text = chainText(C.M, Shown);
    if (Shown.back() != End[Start]) {
      if (Node != End[Start])
        Text += " → …";
      Text += " → " + quoted(C.name(End[Start]));
    }
    return Text;
  }

  /// escalation.too-deep for chains that start at a role or forum nothing
  /// escalates to (every longer chain starts at one of those).
  void reportDepth() {
    if (!C.enabled(DiagID::EscalationTooDeep))
      return;
    int64_t Limit = C.threshold(DiagID::EscalationTooDeep);
    for (EntityID I = 0; I < N; ++I) {
      if (!isNode(C.entity(I)) || State[I] != Outcome::Final ||
          !Sources[I].empty() || Hops[I] <= Limit ||
          (C.entity(I).Kind == DeclKind::Role && C.View.role(I).Retired))
        continue;
      const Entity &E = C.entity(I);
      noteChain(C.Diags.report(DiagID::EscalationTooDeep, E.NameRange,
                               quoted(E.Name), Hops[I], chainFrom(I), Limit),
                I);
    }
  }

  /// A decision's own `escalates_to` starts a chain from its owner.
  void reportDecisionChains() {
    int64_t Limit = C.threshold(DiagID::EscalationTooDeep);
    for (const Decision &D : C.M.Decisions) {
      const Ref &To = C.View.escalatesTo(D);
      if (!To || !isNode(C.entity(To.Target)))
        continue;
      EntityID Owner = NoEntity;
      for (const Ref &O : C.View.owners(D))
        if (O && isNode(C.entity(O.Target))) {
          Owner = O.Target;
          break;
        }
      const Entity &DE = C.entity(D.Self);
      if (Owner != NoEntity && State[To.Target] != Outcome::Cycle &&
          State[Owner] != Outcome::Cycle && onChain(Owner, To.Target)) {
        std::vector<EntityID> Loop = {Owner};
        for (EntityID Node = To.Target; Node != Owner; Node = Parent[Node])
          Loop.push_back(Node);
        Loop.push_back(Owner);
        Diagnostic &Diag =
            C.Diags.report(DiagID::EscalationCycle, To.Range,
                           chainText(C.M, Loop));
        Diag.note(DE.NameRange,
                  fmt::format("decision `{}` is owned by `{}` and escalates "
                              "to `{}`",
                              DE.Name.str(), C.name(Owner).str(),
                              C.name(To.Target).str()));
        for (size_t I = 1; I + 1 < Loop.size(); ++I)
          noteStep(Diag, Loop[I]);
        continue;
      }
      if (State[To.Target] == Outcome::Final &&
          Hops[To.Target] + 1 > Limit && C.enabled(DiagID::EscalationTooDeep))
        noteChain(C.Diags.report(DiagID::EscalationTooDeep, To.Range,
                                 "decision " + quoted(DE.Name),
                                 Hops[To.Target] + 1,
                                 chainFrom(To.Target, Owner), Limit),
                  To.Target);
    }
  }

  void reportFanIn() {
    if (!C.enabled(DiagID::BottleneckEscalationFanIn))
      return;
    int64_t Limit = C.threshold(DiagID::BottleneckEscalationFanIn);
    for (EntityID I = 0; I < N; ++I) {
      if (!isNode(C.entity(I)))
        continue;
      int64_t Heads = std::max<int64_t>(C.View.headcount(I), 1);
      size_t In = Sources[I].size();
      if (static_cast<int64_t>(In) <= Limit * Heads)
        continue;
      const Entity &E = C.entity(I);
      Diagnostic &Diag = C.Diags.report(
          DiagID::BottleneckEscalationFanIn, E.NameRange, In, E.Name.str(),
          Heads > 1 ? fmt::format(" (headcount {})", Heads) : std::string(),
          Limit);
      noteSources(Diag, I, "escalates here");
    }
  }

  const CheckContext &C;
  size_t N;
  std::vector<Outcome> State;
  std::vector<uint32_t> Hops;   ///< Steps to the chain's end.
  std::vector<EntityID> End;    ///< The final node or dead end reached.
  std::vector<EntityID> Parent; ///< Next step, NoEntity for roots.
  std::vector<uint32_t> Enter, Exit;
  const std::vector<std::vector<EscalationSource>> &Sources;
};

} // namespace

void checks::checkEscalation(const CheckContext &C) {
  EscalationChecks(C).run();
}
