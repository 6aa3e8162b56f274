//===- Symbols.cpp - Document and workspace symbols -----------------------===//
#include "Features.h"
#include "llvm/ADT/StringExtras.h"

using namespace remit;
using namespace remit::lsp;

std::vector<SymbolNode> lsp::documentSymbols(const Compilation &C,
                                             FileID File) {
  std::vector<SymbolNode> Roots;
  const ast::File *F = C.fileAST(File);
  if (!F)
    return Roots;
  // Iterative: nesting depth is bounded by the parser, but no walk here
  // relies on it.
  struct Item {
    const ast::Decl *D;
    std::vector<SymbolNode> *Into;
  };
  // Each level is pushed in reverse, so nodes arrive in source order. Every
  // vector is reserved to its final size before its first push_back, so the
  // `Into` pointers held on the stack never dangle.
  std::vector<Item> Stack;
  Roots.reserve(F->Decls.size());
  for (auto It = F->Decls.rbegin(); It != F->Decls.rend(); ++It)
    Stack.push_back({*It, &Roots});
  while (!Stack.empty()) {
    Item I = Stack.back();
    Stack.pop_back();
    SymbolNode N;
    N.Name =
        I.D->Name.empty() ? ast::keywordOf(I.D->Kind).str() : I.D->Name.str();
    if (I.D->Title)
      N.Detail = I.D->Title->Text.str();
    N.Kind = I.D->Kind;
    N.Range = I.D->Range;
    N.Selection = I.D->nameOrKeywordRange();
    I.Into->push_back(std::move(N));
    SymbolNode &Added = I.Into->back();
    Added.Children.reserve(I.D->Children.size());
    for (auto It = I.D->Children.rbegin(); It != I.D->Children.rend(); ++It)
      Stack.push_back({*It, &Added.Children});
  }
  return Roots;
}

std::optional<int> lsp::fuzzyMatch(llvm::StringRef Name,
                                   llvm::StringRef Query) {
  if (Query.empty())
    return 3;
  std::string N = Name.lower(), Q = Query.lower();
  if (N == Q)
    return 0;
  if (llvm::StringRef(N).startswith(Q))
    return 1;
  if (llvm::StringRef(N).contains(Q))
    return 2;
  size_t At = 0;
  for (char C : Q) {
    At = N.find(C, At);
    if (At == std::string::npos)
      return std::nullopt;
    ++At;
  }
  return 3;
}

std::vector<WorkspaceSymbol> lsp::workspaceSymbols(const Compilation &C,
                                                   llvm::StringRef Query,
                                                   size_t Limit) {
  const sema::Model &M = C.model();
  std::vector<std::pair<int, sema::EntityID>> Hits;
  for (sema::EntityID I = 0; I < M.Entities.size(); ++I) {
    const sema::Entity &E = M.Entities[I];
    if (E.FromStdlib || E.Name.empty())
      continue;
    if (std::optional<int> Score = fuzzyMatch(E.Name, Query))
      Hits.push_back({*Score, I});
  }
  std::stable_sort(Hits.begin(), Hits.end(), [&](const auto &A, const auto &B) {
    if (A.first != B.first)
      return A.first < B.first;
    return M.Entities[A.second].Name < M.Entities[B.second].Name;
  });
  if (Hits.size() > Limit)
    Hits.resize(Limit);
  std::vector<WorkspaceSymbol> Out;
  for (const auto &[Score, I] : Hits) {
    const sema::Entity &E = M.Entities[I];
    WorkspaceSymbol S;
    S.Name = E.Name.str();
    S.Kind = E.Kind;
    S.Selection = E.NameRange;
    if (E.Parent != sema::NoEntity)
      S.Container = M.Entities[E.Parent].Name.str();
    Out.push_back(std::move(S));
  }
  return Out;
}
