//===- Folding.cpp - Folding ranges: blocks, comments, imports ------------===//
#include "Features.h"

using namespace remit;
using namespace remit::lsp;

std::vector<Fold> lsp::foldingRanges(const Compilation &C, FileID File) {
  std::vector<Fold> Out;
  const ast::File *F = C.fileAST(File);
  if (!F)
    return Out;
  const SourceManager &SM = C.sources();
  auto LineOf = [&](uint32_t Offset) {
    return SM.getLineAndByteColumn(File, Offset).Line;
  };
  auto Add = [&](uint32_t Begin, uint32_t End, Fold::KindTy K) {
    if (LineOf(Begin) < LineOf(End))
      Out.push_back({Begin, End, K});
  };
  ast::forEachDecl(F->Decls, [&](const ast::Decl *D) {
    if (D->HasBlock && D->CloseBrace.isValid())
      Add(D->Range.Begin, D->CloseBrace.Begin, Fold::Region);
  });
  // A block comment, or a run of line comments on consecutive lines.
  for (size_t I = 0; I < F->Comments.size(); ++I) {
    const ast::Comment &Com = F->Comments[I];
    if (Com.IsBlock) {
      Add(Com.Range.Begin, Com.Range.End ? Com.Range.End - 1 : 0,
          Fold::Comment);
      continue;
    }
    size_t J = I;
    while (J + 1 < F->Comments.size() && !F->Comments[J + 1].IsBlock &&
           LineOf(F->Comments[J + 1].Range.Begin) ==
               LineOf(F->Comments[J].Range.Begin) + 1)
      ++J;
    Add(Com.Range.Begin, F->Comments[J].Range.Begin, Fold::Comment);
    I = J;
  }
  if (F->Imports.size() > 1)
    Add(F->Imports.front().Range.Begin, F->Imports.back().Range.Begin,
        Fold::Imports);
  std::sort(Out.begin(), Out.end(), [](const Fold &A, const Fold &B) {
    return std::tie(A.Begin, A.End) < std::tie(B.Begin, B.End);
  });
  return Out;
}
