//===- Findings.cpp - Which model elements each finding touches -----------===//
#include "Emit/Findings.h"
#include <algorithm>

using namespace remit;
using namespace remit::emit;
using sema::EntityID;
using sema::NoEntity;

static bool contains(SourceRange Outer, SourceRange Inner) {
  return Outer.File == Inner.File && Outer.Begin <= Inner.Begin &&
         Inner.End <= Outer.End;
}

FindingIndex::FindingIndex(const sema::Model &M,
                           llvm::ArrayRef<Diagnostic> Diags)
    : M(M) {
  for (EntityID ID = 0; ID < M.Entities.size(); ++ID)
    if (M.Entities[ID].Range.isValid())
      EntitiesByFile[M.Entities[ID].Range.File].push_back(ID);
  for (auto &[File, IDs] : EntitiesByFile)
    std::stable_sort(IDs.begin(), IDs.end(), [&](EntityID A, EntityID B) {
      return M.Entities[A].Range.Begin < M.Entities[B].Range.Begin;
    });

  for (const Diagnostic &D : Diags) {
    std::vector<SourceRange> Ranges{D.Range};
    for (const DiagNote &N : D.Notes)
      Ranges.push_back(N.Range);
    for (SourceRange R : Ranges) {
      if (!R.isValid())
        continue;
      Spans.push_back({R.File, R.Begin, &D});
      EntityID E = innermostEntity(R);
      if (E == NoEntity)
        continue;
      FindingList &L = ByEntity[E];
      if (L.empty() || L.back() != &D)
        L.push_back(&D);
    }
  }
  std::stable_sort(
      Spans.begin(), Spans.end(), [](const Span &A, const Span &B) {
        return std::tie(A.File, A.Begin) < std::tie(B.File, B.Begin);
      });
}

EntityID FindingIndex::innermostEntity(SourceRange R) const {
  auto It = EntitiesByFile.find(R.File);
  if (It == EntitiesByFile.end())
    return NoEntity;
  const std::vector<EntityID> &IDs = It->second;
  // The last declaration starting at or before R, then its ancestors: the
  // declarations nest, so the innermost container is on that chain.
  auto Pos = std::upper_bound(IDs.begin(), IDs.end(), R.Begin,
                              [&](uint32_t Off, EntityID ID) {
                                return Off < M.Entities[ID].Range.Begin;
                              });
  if (Pos == IDs.begin())
    return NoEntity;
  for (EntityID E = *std::prev(Pos); E != NoEntity; E = M.Entities[E].Parent)
    if (contains(M.Entities[E].Range, R))
      return E;
  return NoEntity;
}

FindingList FindingIndex::ofEntity(EntityID E) const {
  auto It = ByEntity.find(E);
  return It == ByEntity.end() ? FindingList() : It->second;
}

FindingList FindingIndex::within(SourceRange R) const {
  FindingList Out;
  if (!R.isValid())
    return Out;
  auto It = std::lower_bound(
      Spans.begin(), Spans.end(), R, [](const Span &S, SourceRange R) {
        return std::tie(S.File, S.Begin) < std::tie(R.File, R.Begin);
      });
  for (; It != Spans.end() && It->File == R.File && It->Begin < R.End; ++It)
    mergeFindings(Out, {It->D});
  return Out;
}

void emit::mergeFindings(FindingList &To, const FindingList &From) {
  for (const Diagnostic *D : From)
    if (std::find(To.begin(), To.end(), D) == To.end())
      To.push_back(D);
}

Severity emit::worstSeverity(const FindingList &Findings) {
  Severity S = Severity::Note;
  for (const Diagnostic *D : Findings)
    S = std::max(S, D->Sev);
  return S;
}

std::string emit::describeFindings(const FindingList &Findings) {
  std::string Out;
  for (const Diagnostic *D : Findings) {
    if (!Out.empty())
      Out += '\n';
    // Every node a finding touches carries it: a message naming a whole
    // 100,000-role cycle on each of its nodes would be quadratic.
    constexpr size_t MaxMessage = 600;
    llvm::StringRef Message = D->Message;
    bool Cut = Message.size() > MaxMessage;
    if (Cut) {
      size_t End = MaxMessage;
      while (End > 0 &&
             (static_cast<unsigned char>(Message[End]) & 0xC0) == 0x80)
        --End;
      Message = Message.take_front(End);
    }
    Out += severityName(D->Sev).str() + " [" + D->name().str() +
           "]: " + Message.str() + (Cut ? " …" : "");
  }
  return Out;
}
