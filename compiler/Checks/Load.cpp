//===- Load.cpp - Bottlenecks, key people and consensus stalls ------------===//
//
// bottleneck.owner-load, key-person.single-point and decision.consensus-stall:
// how much of the organisation's decision flow waits on one holder, one
// person, or on everyone at once. One pass over the decisions counts each
// holder's load; the checks then read the counts.
//
//===----------------------------------------------------------------------===//
#include "Checks/CheckContext.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/MathExtras.h"

using namespace remit;
using namespace remit::checks;
using namespace remit::sema;
using ast::DeclKind;

namespace {

/// Where a holder is named on a decision.
struct Holding {
  EntityID Decision;
  SourceRange Range;
};

/// What the load checks keep for the mode runs: every holder's holdings,
/// the roles key-person reports, who holds each role, and unit sizes.
struct LoadState final : FamilyState {
  std::vector<std::vector<Holding>> Owned, OwnedOrGated;
  llvm::DenseSet<EntityID> Reported;
  llvm::DenseMap<EntityID, std::vector<const Person *>> HeldBy;
  /// Filled as the runs need it (unit sizes do not change in a mode).
  mutable llvm::DenseMap<EntityID, size_t> UnitSize;
};

class LoadChecks {
public:
  /// A whole run over C's view, or, when \p Normal is set, a run over only
  /// the holders, roles and decisions that C's mode changes.
  LoadChecks(const CheckContext &C, const LoadState *Normal)
      : C(C), Normal(Normal),
        UnitSize(Normal ? &Normal->UnitSize : &State->UnitSize),
        OwnerLoadLimit(C.threshold(DiagID::BottleneckOwnerLoad)),
        KeyPersonLimit(C.threshold(DiagID::KeyPersonSinglePoint)),
        ConsensusLimit(C.threshold(DiagID::DecisionConsensusStall)) {}

  void run() {
    if (Normal)
      return runMode();
    State->Owned.resize(C.M.Entities.size());
    State->OwnedOrGated.resize(C.M.Entities.size());
    for (const Decision &D : C.M.Decisions)
      countLoad(D, State->Owned, State->OwnedOrGated);
    if (C.enabled(DiagID::BottleneckOwnerLoad))
      for (EntityID I = 0; I < State->OwnedOrGated.size(); ++I)
        reportOwnerLoad(I);
    if (C.enabled(DiagID::KeyPersonSinglePoint)) {
      // People by role, to say who sits in a key role.
      for (const Person &P : C.M.People)
        for (const Ref &R : P.Holds)
          if (R)
            State->HeldBy[R.Target].push_back(&P);
      for (const Role &R : C.M.Roles)
        reportKeyRole(C.View.role(R.Self));
      for (const Person &P : C.M.People)
        reportKeyPerson(P);
    }
    if (C.enabled(DiagID::DecisionConsensusStall))
      for (const Decision &D : C.M.Decisions)
        reportConsensus(D);
  }

  /// What normal operation's run leaves for the mode runs.
  std::unique_ptr<LoadState> take() {
    State->Reported = std::move(Reported);
    return std::move(State);
  }

private:
  /// Adds decision \p D's holdings of owner and gate rights to the lists
  /// of its holders (each holder once per list).
  template <typename Lists>
  void countLoad(const Decision &D, Lists &Owned, Lists &OwnedOrGated) {
    if (C.entity(D.Self).FromStdlib)
      return;
    llvm::SmallDenseSet<EntityID, 8> Owners, Loaded;
    for (const RightAssignment &RA : C.View.rights(D)) {
      const Right *R = C.View.rightOf(RA);
      if (!R || (!R->Owner && !R->Gate))
        continue;
      for (const Ref &H : RA.Holders) {
        if (!H)
          continue;
        if (R->Owner && Owners.insert(H.Target).second)
          Owned[H.Target].push_back({D.Self, H.Range});
        if (Loaded.insert(H.Target).second)
          OwnedOrGated[H.Target].push_back({D.Self, H.Range});
      }
    }
  }

  /// A mode: only the holders whose holdings it changes, the roles whose
  /// deputy or escalation sources it changes (and the people in them), and
  /// the decisions whose rights it reassigns. Everything else reads as in
  /// normal operation.
  void runMode() {
    const ModeChanges &Ch = C.View.changes();
    const OrgView &Base = *C.View.normal();
    std::vector<EntityID> Changed;
    for (EntityID ID : Ch.Rights)
      if (!C.entity(ID).FromStdlib)
        Changed.push_back(ID);
    // Holders named with an owner or gate right before or after.
    std::vector<EntityID> Touched;
    for (EntityID ID : Changed)
      for (const OrgView *V : {&Base, &C.View})
        for (const RightAssignment &RA : V->rights(C.M.decision(ID)))
          if (const Right *R = V->rightOf(RA); R && (R->Owner || R->Gate))
            for (const Ref &H : RA.Holders)
              if (H)
                Touched.push_back(H.Target);
    llvm::sort(Touched);
    Touched.erase(std::unique(Touched.begin(), Touched.end()), Touched.end());
    // Their holdings: normal operation's without the changed decisions,
    // merged in decision order with the changed decisions' in the mode.
    llvm::DenseMap<EntityID, std::vector<Holding>> NewOwned, NewLoaded;
    for (EntityID ID : Changed)
      countLoad(C.M.decision(ID), NewOwned, NewLoaded);
    llvm::DenseSet<EntityID> ChangedSet(Changed.begin(), Changed.end());
    auto Merge = [&](llvm::ArrayRef<Holding> Was,
                     llvm::ArrayRef<Holding> Added) {
      std::vector<Holding> Out;
      for (const Holding &H : Was) {
        if (ChangedSet.count(H.Decision))
          continue;
        for (; !Added.empty() && Added.front().Decision < H.Decision;
             Added = Added.drop_front())
          Out.push_back(Added.front());
        Out.push_back(H);
      }
      Out.insert(Out.end(), Added.begin(), Added.end());
      return Out;
    };
    for (EntityID H : Touched) {
      ModeOwned[H] = Merge(Normal->Owned[H], NewOwned.lookup(H));
      ModeOwnedOrGated[H] = Merge(Normal->OwnedOrGated[H], NewLoaded.lookup(H));
    }

    if (C.enabled(DiagID::BottleneckOwnerLoad))
      for (EntityID H : Touched)
        reportOwnerLoad(H);
    if (C.enabled(DiagID::KeyPersonSinglePoint)) {
      std::vector<EntityID> Roles = Ch.Deputies, People;
      const std::vector<EntityID> *Lists[] = {&Touched, &Ch.SourceTargets};
      for (const std::vector<EntityID> *IDs : Lists)
        for (EntityID ID : *IDs)
          if (C.entity(ID).Kind == DeclKind::Role)
            Roles.push_back(ID);
          else if (C.entity(ID).Kind == DeclKind::Person)
            People.push_back(ID);
      llvm::sort(Roles);
      Roles.erase(std::unique(Roles.begin(), Roles.end()), Roles.end());
      for (EntityID ID : Roles) {
        Reexamined.insert(ID);
        reportKeyRole(C.View.role(ID));
        // The people in it may carry a load their roles now share.
        auto It = Normal->HeldBy.find(ID);
        if (It != Normal->HeldBy.end())
          for (const Person *P : It->second)
            People.push_back(P->Self);
      }
      llvm::sort(People);
      People.erase(std::unique(People.begin(), People.end()), People.end());
      for (EntityID ID : People)
        reportKeyPerson(C.M.People[C.entity(ID).Index]);
    }
    if (C.enabled(DiagID::DecisionConsensusStall))
      for (EntityID ID : Changed)
        reportConsensus(C.M.decision(ID));
  }

  /// The decisions \p Holder owns, in model order.
  llvm::ArrayRef<Holding> owned(EntityID Holder) const {
    if (!Normal)
      return State->Owned[Holder];
    auto It = ModeOwned.find(Holder);
    return It != ModeOwned.end() ? It->second : Normal->Owned[Holder];
  }
  /// The decisions \p Holder owns or gates, in model order.
  llvm::ArrayRef<Holding> ownedOrGated(EntityID Holder) const {
    if (!Normal)
      return State->OwnedOrGated[Holder];
    auto It = ModeOwnedOrGated.find(Holder);
    return It != ModeOwnedOrGated.end() ? It->second
                                        : Normal->OwnedOrGated[Holder];
  }
  /// Whether key-person reports role \p Role in this run.
  bool reported(EntityID Role) const {
    if (!Normal || Reexamined.count(Role))
      return Reported.count(Role) != 0;
    return Normal->Reported.count(Role) != 0;
  }
  const llvm::DenseMap<EntityID, std::vector<const Person *>> &heldBy() const {
    return Normal ? Normal->HeldBy : State->HeldBy;
  }

  void noteHoldings(Diagnostic &Diag, llvm::ArrayRef<Holding> Hs,
                    llvm::StringRef Verb) {
    for (size_t I = 0; I < Hs.size() && I < MaxNotes; ++I)
      Diag.note(Hs[I].Range, fmt::format("{} `{}`", Verb.str(),
                                         C.name(Hs[I].Decision).str()));
    if (Hs.size() > MaxNotes)
      Diag.note(Diag.Range, fmt::format("and {} more", Hs.size() - MaxNotes));
  }

  void reportOwnerLoad(EntityID I) {
    int64_t Limit = OwnerLoadLimit;
    llvm::ArrayRef<Holding> Hs = ownedOrGated(I);
    if (Hs.empty())
      return;
    int64_t Heads = std::max<int64_t>(C.View.headcount(I), 1);
    // A headcount is any integer the model writes: the capacity may not fit.
    int64_t Capacity;
    if (llvm::MulOverflow(Limit, Heads, Capacity) ||
        static_cast<int64_t>(Hs.size()) <= Capacity)
      return;
    const Entity &E = C.entity(I);
    Diagnostic &Diag = C.Diags.report(
        DiagID::BottleneckOwnerLoad, E.NameRange, E.Name.str(), Hs.size(),
        Heads > 1 ? fmt::format(" with headcount {}", Heads) : std::string(),
        Limit);
    noteHoldings(Diag, Hs, "owns or gates");
  }

  /// A role nobody can stand in for: one person and no deputy.
  bool irreplaceable(const Role &R) const {
    return R.Headcount == 1 && !R.Deputy && !R.Retired &&
           !C.entity(R.Self).FromStdlib;
  }

  /// The critical decisions among \p Hs.
  std::vector<std::string> criticalOf(llvm::ArrayRef<Holding> Hs) const {
    std::vector<std::string> Out;
    for (const Holding &H : Hs)
      if (C.M.decision(H.Decision).Critical)
        Out.push_back(C.name(H.Decision).str());
    return Out;
  }

  /// key-person.single-point for role \p R (its effective record).
  void reportKeyRole(const Role &R) {
    if (!irreplaceable(R))
      return;
    int64_t Limit = KeyPersonLimit;
    llvm::ArrayRef<Holding> Hs = owned(R.Self);
    std::vector<std::string> Critical = criticalOf(Hs);
    // Explicit escalations from two or more places depend on this one
    // person (a line manager is the default target, not a choice).
    llvm::SmallDenseSet<EntityID, 8> Seen;
    std::vector<EntityID> From;
    std::vector<const EscalationSource *> Explicit;
    for (const EscalationSource &S : C.View.escalationSources(R.Self)) {
      const Entity &FE = C.entity(S.From);
      if (FE.Kind != DeclKind::Decision && C.View.next(S.From)->ViaReportsTo)
        continue;
      Explicit.push_back(&S);
      if (Seen.insert(S.From).second)
        From.push_back(S.From);
    }
    std::string Why;
    if (!Critical.empty())
      Why = "one person with no `deputy` owns " +
            countOf(Critical.size(), "critical decision") + " (" +
            quotedList(Critical) + ")";
    else if (static_cast<int64_t>(Hs.size()) > Limit)
      Why = fmt::format("one person with no `deputy` owns {}, over the "
                        "threshold of {}",
                        countOf(Hs.size(), "decision"), Limit);
    else if (From.size() >= 2)
      Why = "one person with no `deputy` is where " +
            countOf(From.size(), "role or decision", "roles and decisions") +
            " escalate (" + quotedList(namesOf(C.M, From)) + ")";
    if (Why.empty())
      return;
    Reported.insert(R.Self);
    const Entity &E = C.entity(R.Self);
    Diagnostic &Diag = C.Diags.report(DiagID::KeyPersonSinglePoint, E.NameRange,
                                      quoted(E.Name), Why);
    if (!Critical.empty() || static_cast<int64_t>(Hs.size()) > Limit)
      noteHoldings(Diag, Hs, "owns");
    else
      for (size_t I = 0; I < Explicit.size() && I < MaxNotes; ++I)
        Diag.note(Explicit[I]->Range,
                  fmt::format("`{}` escalates here",
                              C.name(Explicit[I]->From).str()));
    auto People = heldBy().find(R.Self);
    if (People != heldBy().end())
      for (const Person *P : People->second)
        Diag.note(C.entity(P->Self).NameRange,
                  fmt::format("held by person `{}`", C.name(P->Self).str()));
  }

  /// key-person.single-point for a person whose roles together carry the
  /// load, though each alone may not: roles without a deputy (or whose
  /// deputy is the same person).
  void reportKeyPerson(const Person &P) {
    if (C.entity(P.Self).FromStdlib || P.Holds.size() < 2)
      return;
    int64_t Limit = KeyPersonLimit;
    llvm::SmallDenseSet<EntityID, 8> Mine;
    for (const Ref &R : P.Holds)
      if (R && C.entity(R.Target).Kind == DeclKind::Role)
        Mine.insert(R.Target);
    llvm::ArrayRef<Holding> Own = owned(P.Self);
    std::vector<Holding> Load(Own.begin(), Own.end());
    std::vector<std::string> Roles;
    bool AnyReported = false;
    for (const Ref &R : P.Holds) {
      if (!R || C.entity(R.Target).Kind != DeclKind::Role)
        continue;
      const Role &Held = C.View.role(R.Target);
      if (Held.Retired || (Held.Deputy && !Mine.count(Held.Deputy.Target)))
        continue;
      AnyReported |= reported(R.Target);
      Roles.push_back(C.name(R.Target).str());
      llvm::ArrayRef<Holding> Theirs = owned(R.Target);
      Load.insert(Load.end(), Theirs.begin(), Theirs.end());
    }
    if (Roles.size() < 2 || AnyReported ||
        static_cast<int64_t>(Load.size()) <= Limit)
      return;
    const Entity &E = C.entity(P.Self);
    Diagnostic &Diag = C.Diags.report(
        DiagID::KeyPersonSinglePoint, E.NameRange, "person " + quoted(E.Name),
        fmt::format("they hold {}, which together own {} with nobody else "
                    "to stand in, over the threshold of {}",
                    quotedList(Roles), countOf(Load.size(), "decision"),
                    Limit));
    noteHoldings(Diag, Load, "owns");
  }

  /// Roles in unit \p U and its sub-units, memoised.
  size_t rolesIn(EntityID U) {
    llvm::DenseMap<EntityID, size_t> &Sizes = *UnitSize;
    auto It = Sizes.find(U);
    if (It != Sizes.end())
      return It->second;
    // Iterative post-order over the sub-unit tree.
    std::vector<std::pair<EntityID, bool>> Stack = {{U, false}};
    while (!Stack.empty()) {
      auto [Node, Expanded] = Stack.back();
      Stack.pop_back();
      if (Sizes.count(Node))
        continue;
      const Unit &Un = C.M.unit(Node);
      if (!Expanded) {
        Stack.push_back({Node, true});
        for (EntityID Sub : Un.SubUnits)
          if (!Sizes.count(Sub))
            Stack.push_back({Sub, false});
        continue;
      }
      size_t N = Un.Roles.size();
      for (EntityID Sub : Un.SubUnits)
        N += Sizes.lookup(Sub);
      Sizes[Node] = N;
    }
    return Sizes[U];
  }

  bool insideAny(EntityID Role, const llvm::SmallDenseSet<EntityID, 4> &Units) {
    for (EntityID U = C.View.role(Role).Unit; U != NoEntity;
         U = C.M.unit(U).ParentUnit)
      if (Units.count(U))
        return true;
    return false;
  }

  void reportConsensus(const Decision &D) {
    if (C.entity(D.Self).FromStdlib)
      return;
    int64_t Limit = ConsensusLimit;
    llvm::SmallDenseSet<EntityID, 8> Direct;
    llvm::SmallDenseSet<EntityID, 4> Units;
    std::vector<EntityID> Order;
    std::vector<std::pair<SourceRange, std::string>> Keys;
    for (const RightAssignment &RA : C.View.rights(D)) {
      const Right *R = C.View.rightOf(RA);
      if (!R || R->Owner || (!R->Gate && !R->Consult))
        continue;
      Keys.push_back(
          {RA.KeyRange,
           fmt::format(R->Gate ? "every `{}` holder must agree"
                               : "every `{}` holder is consulted first",
                       C.name(RA.Right).str())});
      for (const Ref &H : RA.Holders) {
        if (!H)
          continue;
        bool IsUnit = C.entity(H.Target).Kind == DeclKind::Unit;
        bool New = IsUnit ? Units.insert(H.Target).second
                          : Direct.insert(H.Target).second;
        if (New)
          Order.push_back(H.Target);
      }
    }
    size_t Count = 0;
    for (EntityID U : Units)
      Count += rolesIn(U);
    for (EntityID H : Direct)
      if (C.entity(H).Kind != DeclKind::Role || !insideAny(H, Units))
        ++Count;
    if (static_cast<int64_t>(Count) <= Limit)
      return;
    const Entity &DE = C.entity(D.Self);
    // Units show how many roles they stand for.
    std::string Who;
    for (size_t I = 0; I < Order.size(); ++I) {
      if (I)
        Who += I + 1 == Order.size() ? " and " : ", ";
      Who += quoted(C.name(Order[I]));
      if (Units.count(Order[I]))
        Who += " (" + countOf(rolesIn(Order[I]), "role") + ")";
    }
    Diagnostic &Diag =
        C.Diags.report(DiagID::DecisionConsensusStall, DE.NameRange,
                       DE.Name.str(), Count, Who, Limit);
    for (auto &[Range, Note] : Keys)
      Diag.note(Range, Note);
  }

  const CheckContext &C;
  /// Normal operation's results, in an incremental mode run.
  const LoadState *Normal;
  /// What a whole run counts (and normal operation keeps).
  std::unique_ptr<LoadState> State = std::make_unique<LoadState>();
  /// In a mode: the holdings of the holders it changes.
  llvm::DenseMap<EntityID, std::vector<Holding>> ModeOwned, ModeOwnedOrGated;
  /// Roles this run reports; in a mode, of those it re-examines.
  llvm::DenseSet<EntityID> Reported, Reexamined;
  llvm::DenseMap<EntityID, size_t> *UnitSize;
  int64_t OwnerLoadLimit, KeyPersonLimit, ConsensusLimit;
};

} // namespace

void checks::checkLoad(const CheckContext &C) {
  const LoadState *Normal =
      C.incremental() ? static_cast<const LoadState *>(C.Normal->Load.get())
                      : nullptr;
  LoadChecks Checks(C, Normal);
  Checks.run();
  if (C.Keep && C.View.mode() == NoEntity)
    C.Keep->Load = Checks.take();
}
