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
// A mode changes the next step of a few roles. Only the chains through them
// change: the nodes upstream of a changed node in normal operation's
// in-forest (its subtree; the whole component when it sits on a cycle). A
// mode run walks those again, keeps normal operation's results for every
// other node, and reports only where a chain, a source list or a decision
// changed.
//
//===----------------------------------------------------------------------===//
#include "Checks/CheckContext.h"
#include "llvm/Support/MathExtras.h"
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

constexpr uint32_t NoSlot = ~0u;

/// What a whole run computes of the chains: the walk's results, the
/// in-forest and its Euler tour, the cycles and the final roles.
struct EscalationTables {
  std::vector<Outcome> State;
  std::vector<uint32_t> Hops;   ///< Steps to the chain's end.
  std::vector<EntityID> End;    ///< The final node or dead end reached.
  std::vector<EntityID> Parent; ///< Next step, NoEntity for roots.
  std::vector<uint32_t> Enter, Exit;
  /// The in-forest: the nodes whose next step is each node.
  std::vector<std::vector<EntityID>> Children;
  /// Per dead end, the other chains that end there (when dead-end runs).
  std::vector<uint32_t> Ending;
  /// The members of each cycle, and the cycle of each member.
  std::vector<std::vector<EntityID>> Cycles;
  llvm::DenseMap<EntityID, uint32_t> CycleOf;
  /// Final roles that are not retired; the one, when there is one.
  size_t Finals = 0;
  EntityID OnlyFinal = NoEntity;
};

/// Normal operation's chains, kept for the mode runs.
struct EscalationState final : FamilyState, EscalationTables {};

class EscalationChecks : EscalationTables {
public:
  /// A whole run over C's view, or, when \p Normal is set, a run over only
  /// what C's mode changes, reading \p Normal for everything else.
  EscalationChecks(const CheckContext &C, const EscalationState *Normal)
      : C(C), N(C.M.Entities.size()), Normal(Normal),
        DepthLimit(C.threshold(DiagID::EscalationTooDeep)),
        FanInLimit(C.threshold(DiagID::BottleneckEscalationFanIn)) {}

  void run() {
    if (Normal)
      return runMode();
    resize(N);
    for (const Entity &E : C.M.Entities)
      if (isNode(E))
        walk(static_cast<EntityID>(&E - C.M.Entities.data()));
    computeTour();
    countFinals();
    if (C.enabled(DiagID::EscalationDeadEnd)) {
      countEnding();
      for (EntityID I = 0; I < N; ++I)
        reportDeadEnd(I, Ending[I]);
    }
    if (C.enabled(DiagID::EscalationTooDeep))
      for (EntityID I = 0; I < N; ++I)
        reportDepth(I);
    for (const Decision &D : C.M.Decisions)
      reportDecisionChain(D);
    if (C.enabled(DiagID::BottleneckEscalationFanIn))
      for (EntityID I = 0; I < N; ++I)
        reportFanIn(I);
  }

  /// What normal operation's run leaves for the mode runs.
  std::unique_ptr<EscalationState> take() {
    auto S = std::make_unique<EscalationState>();
    static_cast<EscalationTables &>(*S) = std::move(*this);
    return S;
  }

private:
  static bool isNode(const Entity &E) {
    return !E.FromStdlib &&
           (E.Kind == DeclKind::Role || E.Kind == DeclKind::Forum);
  }
  bool isNode(EntityID ID) const { return isNode(C.entity(ID)); }

  void resize(size_t Size) {
    State.assign(Size, Outcome::Unvisited);
    Hops.assign(Size, 0);
    End.assign(Size, NoEntity);
    Parent.assign(Size, NoEntity);
    Enter.assign(Size, 0);
    Exit.assign(Size, 0);
  }

  //===--- Where a node's results live ------------------------------------===//
  //
  // A whole run indexes its arrays by entity. A mode run indexes them by
  // slot, one per node it walks again; the other nodes read normal
  // operation's results, which the mode does not change.

  uint32_t slot(EntityID Node) const {
    if (!Normal)
      return Node;
    auto It = Slots.find(Node);
    return It == Slots.end() ? NoSlot : It->second;
  }
  Outcome state(EntityID Node) const {
    uint32_t S = slot(Node);
    return S == NoSlot ? Normal->State[Node] : State[S];
  }
  uint32_t hops(EntityID Node) const {
    uint32_t S = slot(Node);
    return S == NoSlot ? Normal->Hops[Node] : Hops[S];
  }
  EntityID end(EntityID Node) const {
    uint32_t S = slot(Node);
    return S == NoSlot ? Normal->End[Node] : End[S];
  }
  EntityID parent(EntityID Node) const {
    uint32_t S = slot(Node);
    return S == NoSlot ? Normal->Parent[Node] : Parent[S];
  }

  //===--- Walking the chains ---------------------------------------------===//

  /// Follows the chain from \p Start until a node with a known outcome, and
  /// records the outcome, hop count and end of every node on the way.
  void walk(EntityID Start) {
    if (state(Start) != Outcome::Unvisited)
      return;
    std::vector<EntityID> Path;
    EntityID Node = Start;
    Outcome Result;
    EntityID Last = NoEntity;
    uint32_t Base = 0;
    while (true) {
      State[slot(Node)] = Outcome::OnPath;
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
      if (Step->To == NoEntity || !isNode(Step->To)) {
        Result = Outcome::Unknown;
        break;
      }
      Outcome Seen = state(Step->To);
      if (Seen == Outcome::OnPath) {
        reportCycle(Path, Step->To);
        Result = Outcome::Cycle;
        break;
      }
      // Known: walked before, or (in a mode) a chain the mode leaves alone.
      if (Seen != Outcome::Unvisited) {
        Result = Seen, Last = end(Step->To), Base = hops(Step->To) + 1;
        Parent[slot(Node)] = Step->To;
        break;
      }
      Parent[slot(Node)] = Step->To;
      Node = Step->To;
    }
    // Nodes on a cycle keep Cycle; those before it lead into it.
    for (size_t I = Path.size(); I-- > 0;) {
      uint32_t S = slot(Path[I]);
      if (State[S] == Outcome::OnPath)
        State[S] = Result;
      End[S] = Last;
      Hops[S] = Base + static_cast<uint32_t>(Path.size() - 1 - I);
    }
  }

  void reportCycle(llvm::ArrayRef<EntityID> Path, EntityID Entry) {
    auto It = llvm::find(Path, Entry);
    std::vector<EntityID> Cycle(It, Path.end());
    for (EntityID Member : Cycle) {
      State[slot(Member)] = Outcome::Cycle;
      Parent[slot(Member)] = NoEntity; // Cycle members root the tour.
    }
    std::rotate(Cycle.begin(), std::min_element(Cycle.begin(), Cycle.end()),
                Cycle.end());
    if (!Normal) {
      for (EntityID Member : Cycle)
        CycleOf[Member] = Cycles.size();
      Cycles.push_back(Cycle);
    }
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
    Children.assign(N, {});
    std::vector<EntityID> Roots;
    for (EntityID I = 0; I < N; ++I) {
      if (!isNode(I))
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
    auto Within = [](const std::vector<uint32_t> &In,
                     const std::vector<uint32_t> &Out, uint32_t X,
                     uint32_t Y) { return In[X] <= In[Y] && Out[Y] <= Out[X]; };
    if (!Normal)
      return Within(Enter, Exit, A, B);
    // A chain the mode leaves alone holds only such nodes.
    uint32_t SA = slot(A), SB = slot(B);
    if (SB == NoSlot)
      return SA == NoSlot && Within(Normal->Enter, Normal->Exit, A, B);
    if (SA != NoSlot)
      return Within(Enter, Exit, SA, SB);
    // B's chain leaves the walked nodes at ExitTo, then runs as normal.
    return ExitTo[SB] != NoEntity &&
           Within(Normal->Enter, Normal->Exit, A, ExitTo[SB]);
  }

  //===--- Reports, one place at a time -----------------------------------===//

  void countFinals() {
    for (const Role &R : C.M.Roles)
      if (R.Final && !R.Retired && !C.entity(R.Self).FromStdlib)
        ++Finals, OnlyFinal = R.Self;
  }

  /// How many chains end at each dead end.
  void countEnding() {
    Ending.assign(N, 0);
    for (EntityID I = 0; I < N; ++I)
      if (isNode(I) && State[I] == Outcome::DeadEnd && End[I] != I)
        ++Ending[End[I]];
    for (const Decision &D : C.M.Decisions)
      if (const Ref &To = C.View.escalatesTo(D))
        if (isNode(To.Target) && State[To.Target] == Outcome::DeadEnd)
          ++Ending[End[To.Target]];
  }

  /// escalation.dead-end at \p I, where \p Ending other chains end.
  void reportDeadEnd(EntityID I, uint32_t Ending) {
    if (!isNode(I) || state(I) != Outcome::DeadEnd || end(I) != I)
      return;
    const Entity &E = C.entity(I);
    llvm::ArrayRef<EscalationSource> Sources = C.View.escalationSources(I);
    // A retired role nothing escalates to is history, not a dead end.
    if (E.Kind == DeclKind::Role && C.View.role(I).Retired && Sources.empty())
      return;
    // A declaration without a name already has a syntax error; a dead end
    // there would only repeat it, naming nothing.
    if (E.Name.empty())
      return;
    size_t Finals = Normal ? Normal->Finals : this->Finals;
    EntityID OnlyFinal = Normal ? Normal->OnlyFinal : this->OnlyFinal;
    std::string Tail;
    if (Finals == 0)
      Tail = "; no role in the model is `final`";
    if (Ending)
      Tail +=
          fmt::format("; {} {} here", countOf(Ending, "other escalation chain"),
                      Ending == 1 ? "ends" : "end");
    bool Vacated = C.View.isVacated(I);
    if (Vacated && Sources.empty())
      return;
    Diagnostic &Diag = C.Diags.report(
        DiagID::EscalationDeadEnd, E.NameRange, E.Name.str(),
        Vacated ? "it would be vacant, so nobody hears the escalations"
        : E.Kind == DeclKind::Role
            ? "it has no `escalates_to` and no `reports_to`"
            : "it has no `escalates_to` and no `final` member",
        Tail);
    noteSources(Diag, I, "escalates here");
    if (Finals == 1 && OnlyFinal != I && !Vacated)
      if (auto Edit = insertProperty(C.SM, *E.Decl,
                                     "escalates_to " + C.name(OnlyFinal).str()))
        Diag.fix(fmt::format("escalate to `{}`", C.name(OnlyFinal).str()),
                 {*Edit});
  }

  /// Notes the direct escalations into \p Node, at most a handful.
  void noteSources(Diagnostic &Diag, EntityID Node, llvm::StringRef What) {
    llvm::ArrayRef<EscalationSource> In = C.View.escalationSources(Node);
    constexpr size_t Max = 8;
    for (size_t I = 0; I < In.size() && I < Max; ++I)
      Diag.note(In[I].Range,
                fmt::format("`{}` {}", C.name(In[I].From).str(), What.str()));
    if (In.size() > Max)
      Diag.note(Diag.Range, fmt::format("and {} more", In.size() - Max));
  }

  /// Notes the first steps of the chain from \p Start.
  void noteChain(Diagnostic &Diag, EntityID Start) {
    constexpr size_t MaxSteps = 8;
    size_t Steps = 0;
    for (EntityID Node = Start; Node != end(Node) && Steps < MaxSteps;
         Node = parent(Node), ++Steps)
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
      if (Node == end(Node))
        break;
      Node = parent(Node);
    }
    std::string Text = chainText(C.M, Shown);
    if (Shown.back() != end(Start)) {
      if (Node != end(Start))
        Text += " → …";
      Text += " → " + quoted(C.name(end(Start)));
    }
    return Text;
  }

  /// escalation.too-deep for a chain that starts at \p I, a role or forum
  /// nothing escalates to (every longer chain starts at one of those).
  void reportDepth(EntityID I) {
    int64_t Limit = DepthLimit;
    if (!isNode(I) || state(I) != Outcome::Final ||
        !C.View.escalationSources(I).empty() || hops(I) <= Limit ||
        (C.entity(I).Kind == DeclKind::Role && C.View.role(I).Retired))
      return;
    const Entity &E = C.entity(I);
    noteChain(C.Diags.report(DiagID::EscalationTooDeep, E.NameRange,
                             quoted(E.Name), hops(I), chainFrom(I), Limit),
              I);
  }

  /// A decision's own `escalates_to` starts a chain from its owner.
  void reportDecisionChain(const Decision &D) {
    int64_t Limit = DepthLimit;
    const Ref &To = C.View.escalatesTo(D);
    if (!To || !isNode(To.Target))
      return;
    EntityID Owner = NoEntity;
    for (const Ref &O : C.View.owners(D))
      if (O && isNode(O.Target)) {
        Owner = O.Target;
        break;
      }
    const Entity &DE = C.entity(D.Self);
    if (Owner != NoEntity && state(To.Target) != Outcome::Cycle &&
        state(Owner) != Outcome::Cycle && onChain(Owner, To.Target)) {
      std::vector<EntityID> Loop = {Owner};
      for (EntityID Node = To.Target; Node != Owner; Node = parent(Node))
        Loop.push_back(Node);
      Loop.push_back(Owner);
      Diagnostic &Diag = C.Diags.report(DiagID::EscalationCycle, To.Range,
                                        chainText(C.M, Loop));
      Diag.note(DE.NameRange,
                fmt::format("decision `{}` is owned by `{}` and escalates "
                            "to `{}`",
                            DE.Name.str(), C.name(Owner).str(),
                            C.name(To.Target).str()));
      for (size_t I = 1; I + 1 < Loop.size(); ++I)
        noteStep(Diag, Loop[I]);
      return;
    }
    if (state(To.Target) == Outcome::Final && hops(To.Target) + 1 > Limit &&
        C.enabled(DiagID::EscalationTooDeep))
      noteChain(C.Diags.report(DiagID::EscalationTooDeep, To.Range,
                               "decision " + quoted(DE.Name),
                               hops(To.Target) + 1, chainFrom(To.Target, Owner),
                               Limit),
                To.Target);
  }

  void reportFanIn(EntityID I) {
    if (!isNode(I))
      return;
    int64_t Limit = FanInLimit;
    int64_t Heads = std::max<int64_t>(C.View.headcount(I), 1);
    size_t In = C.View.escalationSources(I).size();
    // A headcount is any integer the model writes: the capacity may not fit.
    int64_t Capacity;
    if (llvm::MulOverflow(Limit, Heads, Capacity) ||
        static_cast<int64_t>(In) <= Capacity)
      return;
    const Entity &E = C.entity(I);
    Diagnostic &Diag = C.Diags.report(
        DiagID::BottleneckEscalationFanIn, E.NameRange, In, E.Name.str(),
        Heads > 1 ? fmt::format(" (headcount {})", Heads) : std::string(),
        Limit);
    noteSources(Diag, I, "escalates here");
  }

  //===--- A mode ---------------------------------------------------------===//

  /// Walks again the nodes whose chain passes through a role whose next
  /// step the mode changes, then reports only where something changed:
  /// new cycles (found by the walk), too-deep chains from the walked nodes
  /// and from nodes whose sources changed, dead ends and fan-in where the
  /// sources changed, and the decisions that escalate into a walked node
  /// or that the mode overrides.
  void runMode() {
    const ModeChanges &Ch = C.View.changes();
    collectAffected(Ch.Steps);
    resize(Affected.size());
    for (EntityID Node : Affected)
      walk(Node);
    computeModeTour();

    if (C.enabled(DiagID::EscalationDeadEnd)) {
      llvm::DenseMap<EntityID, int64_t> Delta = endingDelta();
      for (EntityID I : Ch.SourceTargets)
        if (isNode(I) && state(I) == Outcome::DeadEnd && end(I) == I)
          reportDeadEnd(
              I, static_cast<uint32_t>(Normal->Ending[I] + Delta.lookup(I)));
    }
    if (C.enabled(DiagID::EscalationTooDeep)) {
      std::vector<EntityID> Starts = Affected;
      Starts.insert(Starts.end(), Ch.SourceTargets.begin(),
                    Ch.SourceTargets.end());
      llvm::sort(Starts);
      Starts.erase(std::unique(Starts.begin(), Starts.end()), Starts.end());
      for (EntityID I : Starts)
        reportDepth(I);
    }
    for (EntityID ID : changedDecisions())
      reportDecisionChain(C.M.decision(ID));
    if (C.enabled(DiagID::BottleneckEscalationFanIn))
      for (EntityID I : Ch.SourceTargets)
        reportFanIn(I);
  }

  /// The nodes whose normal chain passes through one of \p Changed (the
  /// subtree of each in the in-forest; for a cycle member, every tree
  /// hanging off its cycle), each given a slot, in ascending order.
  void collectAffected(llvm::ArrayRef<EntityID> Changed) {
    std::vector<EntityID> Stack;
    auto Mark = [&](EntityID Node) {
      if (Slots.try_emplace(Node, 0).second)
        Stack.push_back(Node);
    };
    for (EntityID X : Changed) {
      // The walk stops at a final or vacated node before its next step.
      if (!isNode(X) || C.View.isVacated(X) || C.View.isFinal(X))
        continue;
      auto Cycle = Normal->CycleOf.find(X);
      if (Cycle != Normal->CycleOf.end())
        for (EntityID Member : Normal->Cycles[Cycle->second])
          Mark(Member);
      else
        Mark(X);
    }
    while (!Stack.empty()) {
      EntityID Node = Stack.back();
      Stack.pop_back();
      Affected.push_back(Node);
      for (EntityID Child : Normal->Children[Node])
        Mark(Child);
    }
    llvm::sort(Affected);
    for (uint32_t I = 0; I < Affected.size(); ++I)
      Slots[Affected[I]] = I;
  }

  /// The Euler tour of the walked nodes' chains in the mode, and where
  /// each chain leaves them (the first node the mode leaves alone).
  void computeModeTour() {
    size_t Size = Affected.size();
    ExitTo.assign(Size, NoEntity);
    std::vector<std::vector<uint32_t>> Kids(Size);
    std::vector<uint32_t> Roots;
    for (uint32_t S = 0; S < Size; ++S) {
      EntityID Up = Parent[S];
      uint32_t UpSlot = Up == NoEntity ? NoSlot : slot(Up);
      if (UpSlot != NoSlot) {
        Kids[UpSlot].push_back(S);
      } else {
        Roots.push_back(S);
        ExitTo[S] = Up;
      }
    }
    uint32_t Clock = 0;
    std::vector<std::pair<uint32_t, size_t>> Stack;
    for (uint32_t Root : Roots) {
      Stack.push_back({Root, 0});
      Enter[Root] = ++Clock;
      while (!Stack.empty()) {
        auto &[S, NextChild] = Stack.back();
        if (NextChild < Kids[S].size()) {
          uint32_t Child = Kids[S][NextChild++];
          Enter[Child] = ++Clock;
          ExitTo[Child] = ExitTo[S];
          Stack.push_back({Child, 0});
        } else {
          Exit[S] = ++Clock;
          Stack.pop_back();
        }
      }
    }
  }

  /// The decisions whose chain findings may differ in the mode: those it
  /// overrides, and those that escalate into a walked node.
  std::vector<EntityID> changedDecisions() const {
    std::vector<EntityID> Out = C.View.changes().Decisions;
    const OrgView &Base = *C.View.normal();
    for (EntityID Node : Affected)
      for (const EscalationSource &S : Base.escalationSources(Node))
        if (C.entity(S.From).Kind == DeclKind::Decision)
          Out.push_back(S.From);
    llvm::sort(Out);
    Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
    return Out;
  }

  /// How the mode changes the number of chains that end at each dead end:
  /// the walked nodes', and the decisions' whose target or chain changed.
  llvm::DenseMap<EntityID, int64_t> endingDelta() const {
    llvm::DenseMap<EntityID, int64_t> Delta;
    for (uint32_t S = 0; S < Affected.size(); ++S) {
      EntityID I = Affected[S];
      if (Normal->State[I] == Outcome::DeadEnd && Normal->End[I] != I)
        --Delta[Normal->End[I]];
      if (State[S] == Outcome::DeadEnd && End[S] != I)
        ++Delta[End[S]];
    }
    const OrgView &Base = *C.View.normal();
    std::vector<EntityID> Decisions = C.View.changes().Escalations;
    for (EntityID Node : Affected)
      for (const EscalationSource &S : Base.escalationSources(Node))
        if (C.entity(S.From).Kind == DeclKind::Decision)
          Decisions.push_back(S.From);
    llvm::sort(Decisions);
    Decisions.erase(std::unique(Decisions.begin(), Decisions.end()),
                    Decisions.end());
    for (EntityID ID : Decisions) {
      const Decision &D = C.M.decision(ID);
      if (const Ref &To = Base.escalatesTo(D))
        if (isNode(To.Target) && Normal->State[To.Target] == Outcome::DeadEnd)
          --Delta[Normal->End[To.Target]];
      if (const Ref &To = C.View.escalatesTo(D))
        if (isNode(To.Target) && state(To.Target) == Outcome::DeadEnd)
          ++Delta[end(To.Target)];
    }
    return Delta;
  }

  const CheckContext &C;
  size_t N;
  /// Normal operation's results, in an incremental mode run.
  const EscalationState *Normal;
  int64_t DepthLimit, FanInLimit;
  // The tables (EscalationTables) hold a whole run's results; a mode run
  // fills State..Exit per slot only. Mode runs: the walked nodes, ascending,
  // and their slots.
  std::vector<EntityID> Affected;
  llvm::DenseMap<EntityID, uint32_t> Slots;
  std::vector<EntityID> ExitTo; ///< Per slot.
};

} // namespace

void checks::checkEscalation(const CheckContext &C) {
  const EscalationState *Normal =
      C.incremental()
          ? static_cast<const EscalationState *>(C.Normal->Escalation.get())
          : nullptr;
  EscalationChecks Checks(C, Normal);
  Checks.run();
  if (C.Keep && C.View.mode() == NoEntity)
    C.Keep->Escalation = Checks.take();
}
