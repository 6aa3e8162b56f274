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

class LoadChecks {
public:
  explicit LoadChecks(const CheckContext &C)
      : C(C), Owned(C.M.Entities.size()), OwnedOrGated(C.M.Entities.size()) {}

  void run() {
    countLoad();
    reportOwnerLoad();
    reportKeyPeople();
    reportConsensus();
  }

private:
  void countLoad() {
    for (const Decision &D : C.M.Decisions) {
      if (C.entity(D.Self).FromStdlib)
        continue;
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
  }

  void noteHoldings(Diagnostic &Diag, llvm::ArrayRef<Holding> Hs,
                    llvm::StringRef Verb) {
    for (size_t I = 0; I < Hs.size() && I < MaxNotes; ++I)
      Diag.note(Hs[I].Range,
                fmt::format("{} `{}`", Verb.str(), C.name(Hs[I].Decision).str()));
    if (Hs.size() > MaxNotes)
      Diag.note(Diag.Range, fmt::format("and {} more", Hs.size() - MaxNotes));
  }

  void reportOwnerLoad() {
    if (!C.enabled(DiagID::BottleneckOwnerLoad))
      return;
    int64_t Limit = C.threshold(DiagID::BottleneckOwnerLoad);
    for (EntityID I = 0; I < OwnedOrGated.size(); ++I) {
      const auto &Hs = OwnedOrGated[I];
      if (Hs.empty())
        continue;
      int64_t Heads = std::max<int64_t>(C.View.headcount(I), 1);
      if (static_cast<int64_t>(Hs.size()) <= Limit * Heads)
        continue;
      const Entity &E = C.entity(I);
      Diagnostic &Diag = C.Diags.report(
          DiagID::BottleneckOwnerLoad, E.NameRange, E.Name.str(), Hs.size(),
          Heads > 1 ? fmt::format(" with headcount {}", Heads) : std::string(),
          Limit);
      noteHoldings(Diag, Hs, "owns or gates");
    }
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

  void reportKeyPeople() {
    if (!C.enabled(DiagID::KeyPersonSinglePoint))
      return;
    int64_t Limit = C.threshold(DiagID::KeyPersonSinglePoint);
    const auto &Sources = C.View.escalationSources();
    // People by role, to say who sits in a key role.
    llvm::DenseMap<EntityID, std::vector<const Person *>> HeldBy;
    for (const Person &P : C.M.People)
      for (const Ref &R : P.Holds)
        if (R)
          HeldBy[R.Target].push_back(&P);

    llvm::DenseSet<EntityID> Reported;
    for (const Role &R : C.View.roles()) {
      if (!irreplaceable(R))
        continue;
      const auto &Hs = Owned[R.Self];
      std::vector<std::string> Critical = criticalOf(Hs);
      // Explicit escalations from two or more places depend on this one
      // person (a line manager is the default target, not a choice).
      llvm::SmallDenseSet<EntityID, 8> Seen;
      std::vector<EntityID> From;
      std::vector<const EscalationSource *> Explicit;
      for (const EscalationSource &S : Sources[R.Self]) {
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
        continue;
      Reported.insert(R.Self);
      const Entity &E = C.entity(R.Self);
      Diagnostic &Diag = C.Diags.report(DiagID::KeyPersonSinglePoint,
                                        E.NameRange, quoted(E.Name), Why);
      if (!Critical.empty() || static_cast<int64_t>(Hs.size()) > Limit)
        noteHoldings(Diag, Hs, "owns");
      else
        for (size_t I = 0; I < Explicit.size() && I < MaxNotes; ++I)
          Diag.note(Explicit[I]->Range,
                    fmt::format("`{}` escalates here",
                                C.name(Explicit[I]->From).str()));
      auto People = HeldBy.find(R.Self);
      if (People != HeldBy.end())
        for (const Person *P : People->second)
          Diag.note(C.entity(P->Self).NameRange,
                    fmt::format("held by person `{}`",
                                C.name(P->Self).str()));
    }
    // A person whose roles together carry the load, though each alone may
    // not: roles without a deputy (or whose deputy is the same person).
    for (const Person &P : C.M.People) {
      if (C.entity(P.Self).FromStdlib || P.Holds.size() < 2)
        continue;
      llvm::SmallDenseSet<EntityID, 8> Mine;
      for (const Ref &R : P.Holds)
        if (R && C.entity(R.Target).Kind == DeclKind::Role)
          Mine.insert(R.Target);
      std::vector<Holding> Load = Owned[P.Self];
      std::vector<std::string> Roles;
      bool AnyReported = false;
      for (const Ref &R : P.Holds) {
        if (!R || C.entity(R.Target).Kind != DeclKind::Role)
          continue;
        const Role &Held = C.View.role(R.Target);
        if (Held.Retired ||
            (Held.Deputy && !Mine.count(Held.Deputy.Target)))
          continue;
        AnyReported |= Reported.count(R.Target) != 0;
        Roles.push_back(C.name(R.Target).str());
        Load.insert(Load.end(), Owned[R.Target].begin(),
                    Owned[R.Target].end());
      }
      if (Roles.size() < 2 || AnyReported ||
          static_cast<int64_t>(Load.size()) <= Limit)
        continue;
      const Entity &E = C.entity(P.Self);
      Diagnostic &Diag = C.Diags.report(
          DiagID::KeyPersonSinglePoint, E.NameRange,
          "person " + quoted(E.Name),
          fmt::format("they hold {}, which together own {} with nobody else "
                      "to stand in, over the threshold of {}",
                      quotedList(Roles), countOf(Load.size(), "decision"),
                      Limit));
      noteHoldings(Diag, Load, "owns");
    }
  }

  /// Roles in unit \p U and its sub-units, memoised.
  size_t rolesIn(EntityID U) {
    auto It = UnitSize.find(U);
    if (It != UnitSize.end())
      return It->second;
    // Iterative post-order over the sub-unit tree.
    std::vector<std::pair<EntityID, bool>> Stack = {{U, false}};
    while (!Stack.empty()) {
      auto [Node, Expanded] = Stack.back();
      Stack.pop_back();
      if (UnitSize.count(Node))
        continue;
      const Unit &Un = C.M.unit(Node);
      if (!Expanded) {
        Stack.push_back({Node, true});
        for (EntityID Sub : Un.SubUnits)
          if (!UnitSize.count(Sub))
            Stack.push_back({Sub, false});
        continue;
      }
      size_t N = Un.Roles.size();
      for (EntityID Sub : Un.SubUnits)
        N += UnitSize.lookup(Sub);
      UnitSize[Node] = N;
    }
    return UnitSize[U];
  }

  bool insideAny(EntityID Role, const llvm::SmallDenseSet<EntityID, 4> &Units) {
    for (EntityID U = C.View.role(Role).Unit; U != NoEntity;
         U = C.M.unit(U).ParentUnit)
      if (Units.count(U))
        return true;
    return false;
  }

  void reportConsensus() {
    if (!C.enabled(DiagID::DecisionConsensusStall))
      return;
    int64_t Limit = C.threshold(DiagID::DecisionConsensusStall);
    for (const Decision &D : C.M.Decisions) {
      if (C.entity(D.Self).FromStdlib)
        continue;
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
        continue;
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
  }

  const CheckContext &C;
  std::vector<std::vector<Holding>> Owned, OwnedOrGated;
  llvm::DenseMap<EntityID, size_t> UnitSize;
};

} // namespace

void checks::checkLoad(const CheckContext &C) { LoadChecks(C).run(); }
