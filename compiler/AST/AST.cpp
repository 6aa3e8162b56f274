//===- AST.cpp - The owned syntax tree of one Remit file ------------------===//
#include "AST/AST.h"
#include <cstring>

using namespace remit;
using namespace remit::ast;

llvm::StringRef ast::keywordOf(DeclKind K) {
  static const char *const Keywords[] = {
      "model",     "unit",      "role",        "person",     "forum",
      "agent",     "metric",    "objective",   "decision",   "handoff",
      "tradeoff",  "mode",      "term",        "initiative", "authority",
      "framework", "unit_kind", "interaction", "checks",     "right"};
  static_assert(sizeof(Keywords) / sizeof(Keywords[0]) == NumDeclKinds);
  return Keywords[static_cast<unsigned>(K)];
}

std::string ast::describeKind(DeclKind K) {
  llvm::StringRef Word = keywordOf(K);
  if (K == DeclKind::UnitKind)
    return "a unit kind";
  if (K == DeclKind::Checks)
    return "a checks profile";
  // "a unit", "an agent": `unit` sounds like a consonant.
  bool Vowel = llvm::StringRef("aeio").contains(Word.front());
  return (Vowel ? "an " : "a ") + Word.str();
}

const Property *Decl::find(llvm::StringRef Key) const {
  for (const Property &P : Properties)
    if (P.Key == Key)
      return &P;
  return nullptr;
}

llvm::StringRef File::save(llvm::StringRef S) {
  char *Mem = Strings.Allocate<char>(S.size() + 1);
  std::memcpy(Mem, S.data(), S.size());
  Mem[S.size()] = 0;
  return {Mem, S.size()};
}
