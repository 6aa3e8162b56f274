//===- AuthorityLadder.cpp - Delegation-of-authority ladders --------------===//
//
// authority.tier-gap, authority.tier-overlap and authority.tier-inversion.
// Each tier covers the amounts in (Lo, Hi]: `up_to B` runs from the previous
// tier's bound (or 0), `from A up_to B` states both, `above A` is unbounded.
// Sorted by their lower bounds, the tiers must tile every amount above 0
// exactly once, and each owner must have at least the authority of the owner
// of the tier below.
//
//===----------------------------------------------------------------------===//
#include "Checks/CheckContext.h"
#include "llvm/ADT/DenseSet.h"

using namespace remit;
using namespace remit::checks;
using namespace remit::sema;

namespace {

struct Band {
  int64_t Lo = 0;
  std::optional<int64_t> Hi; ///< std::nullopt: no upper bound.
  const Tier *T = nullptr;
};

/// "above 20000 up to 50000", "up to 1000", "above 250000".
std::string amounts(int64_t Lo, std::optional<int64_t> Hi) {
  if (!Hi)
    return fmt::format("above {}", Lo);
  if (Lo == 0)
    return fmt::format("up to {}", *Hi);
  return fmt::format("above {} up to {}", Lo, *Hi);
}

bool below(std::optional<int64_t> A, std::optional<int64_t> B) {
  return A && (!B || *A < *B);
}

/// The single resolved owner of a tier, if it has exactly one.
const Ref *ownerOf(const CheckContext &C, const Tier &T) {
  const Ref *Owner = nullptr;
  for (const RightAssignment &RA : T.Rights) {
    const Right *R = C.View.rightOf(RA);
    if (!R || !R->Owner)
      continue;
    for (const Ref &H : RA.Holders) {
      if (!H || (Owner && Owner->Target != H.Target))
        return nullptr;
      Owner = &H;
    }
  }
  return Owner;
}

void checkLadder(const CheckContext &C, const Authority &A) {
  std::string Name = C.name(A.Self).str();
  std::vector<Band> Bands;
  std::optional<int64_t> Previous = 0;
  for (const Tier &T : A.Tiers) {
    Band B;
    B.T = &T;
    if (T.Above) {
      B.Lo = *T.Above;
    } else if (T.From) {
      B.Lo = *T.From;
      B.Hi = T.UpTo;
    } else if (T.UpTo) {
      // Above the previous bound; after an unbounded tier, its start.
      B.Lo = Previous ? *Previous : Bands.back().Lo;
      B.Hi = T.UpTo;
    } else {
      continue; // No bounds: sema reports it.
    }
    if (B.Hi && *B.Hi <= B.Lo)
      continue; // Inverted bounds: sema reports them.
    Previous = B.Hi;
    Bands.push_back(B);
  }
  if (Bands.empty())
    return;
  std::stable_sort(Bands.begin(), Bands.end(),
                   [](const Band &X, const Band &Y) { return X.Lo < Y.Lo; });

  // Walk upwards keeping the highest amount covered so far.
  std::optional<int64_t> Covered = 0;
  const Band *Top = nullptr;
  for (const Band &B : Bands) {
    if (Covered && B.Lo > *Covered) {
      Diagnostic &Diag = C.Diags.report(DiagID::AuthorityTierGap, B.T->Range,
                                        Name, amounts(*Covered, B.Lo));
      if (Top)
        Diag.note(Top->T->Range,
                  fmt::format("the tier below stops at {}", *Covered));
    } else if (Top && below(B.Lo, Covered)) {
      std::optional<int64_t> OverlapHi = below(B.Hi, Covered) ? B.Hi : Covered;
      C.Diags
          .report(DiagID::AuthorityTierOverlap, B.T->Range, Name,
                  amounts(B.Lo, OverlapHi))
          .note(Top->T->Range, fmt::format("this tier also covers {}",
                                           amounts(B.Lo, OverlapHi)));
    }
    if (!B.Hi || below(Covered, B.Hi)) {
      Covered = B.Hi;
      Top = &B;
    }
  }
  if (Covered)
    C.Diags.report(DiagID::AuthorityTierGap, Top->T->Range, Name,
                   amounts(*Covered, std::nullopt));

  // Each owner needs at least the authority of the owner below: authority
  // over that owner (DESIGN.md §1), or being the same holder.
  for (size_t I = 1; I < Bands.size(); ++I) {
    const Ref *Lower = ownerOf(C, *Bands[I - 1].T);
    const Ref *Higher = ownerOf(C, *Bands[I].T);
    if (!Lower || !Higher || Lower->Target == Higher->Target ||
        C.View.hasAuthorityOver(Higher->Target, Lower->Target))
      continue;
    bool Inverted = C.View.hasAuthorityOver(Lower->Target, Higher->Target);
    C.Diags
        .report(DiagID::AuthorityTierInversion, Higher->Range, Name,
                amounts(Bands[I].Lo, Bands[I].Hi), C.name(Higher->Target).str(),
                C.name(Lower->Target).str())
        .note(Lower->Range,
              fmt::format("`{}` owns the tier {}{}",
                          C.name(Lower->Target).str(),
                          amounts(Bands[I - 1].Lo, Bands[I - 1].Hi),
                          Inverted ? fmt::format(" and has authority over `{}`",
                                                 C.name(Higher->Target).str())
                                   : std::string()));
  }
}

/// What the ladder checks keep for the mode runs: per role, the ladders
/// whose authority tests read that role's `reports_to`.
struct LadderState final : FamilyState {
  llvm::DenseMap<EntityID, std::vector<uint32_t>> LaddersReading;
};

/// The roles whose `reports_to` hasAuthorityOver(_, \p Holder) reads: the
/// reporting lines up from the roles \p Holder stands for, or, for a unit,
/// from the leads of the unit and the units around it.
void linesRead(const CheckContext &C, EntityID Holder,
               llvm::DenseSet<EntityID> &Out) {
  if (Holder == NoEntity || Holder == sema::EnterpriseEntity)
    return;
  llvm::SmallVector<EntityID, 4> Starts;
  if (C.entity(Holder).Kind == ast::DeclKind::Unit) {
    for (EntityID U = Holder; U != NoEntity; U = C.M.unit(U).ParentUnit)
      if (const Ref &Lead = C.M.unit(U).Lead)
        Starts.push_back(Lead.Target);
  } else {
    Starts = C.View.rolesOf(Holder);
  }
  for (EntityID Role : Starts) {
    // The walk reads the start's line, then each manager's in turn.
    for (EntityID At = Role; Out.insert(At).second;) {
      const Ref &Up = C.View.role(At).ReportsTo;
      if (!Up)
        break;
      At = Up.Target;
    }
  }
}

/// Indexes, for each role, the ladders whose tier owners' authority depends
/// on its reporting line.
std::unique_ptr<LadderState> indexLadders(const CheckContext &C) {
  auto S = std::make_unique<LadderState>();
  for (uint32_t I = 0; I < C.M.Authorities.size(); ++I) {
    const Authority &A = C.M.Authorities[I];
    if (C.entity(A.Self).FromStdlib || A.Tiers.empty())
      continue;
    llvm::DenseSet<EntityID> Read;
    for (const Tier &T : A.Tiers)
      if (const Ref *Owner = ownerOf(C, T))
        linesRead(C, Owner->Target, Read);
    for (EntityID Role : Read)
      S->LaddersReading[Role].push_back(I);
  }
  return S;
}

} // namespace

void checks::checkAuthorityLadders(const CheckContext &C) {
  if (C.incremental()) {
    // Tier bounds are the same in every mode; an inversion changes only
    // where the mode moves a reporting line that an owner's authority
    // test reads.
    const auto &S = static_cast<const LadderState &>(*C.Normal->Ladders);
    std::vector<uint32_t> Ladders;
    for (EntityID Role : C.View.changes().Lines) {
      auto It = S.LaddersReading.find(Role);
      if (It != S.LaddersReading.end())
        Ladders.insert(Ladders.end(), It->second.begin(), It->second.end());
    }
    llvm::sort(Ladders);
    Ladders.erase(std::unique(Ladders.begin(), Ladders.end()), Ladders.end());
    for (uint32_t I : Ladders)
      checkLadder(C, C.M.Authorities[I]);
    return;
  }
  for (const Authority &A : C.M.Authorities)
    if (!C.entity(A.Self).FromStdlib && !A.Tiers.empty())
      checkLadder(C, A);
  if (C.Keep && C.View.mode() == NoEntity)
    C.Keep->Ladders = indexLadders(C);
}
