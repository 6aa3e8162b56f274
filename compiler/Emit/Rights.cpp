//===- Rights.cpp - How diagrams and reports name a framework's rights ----===//
#include "Emit/Rights.h"
#include "llvm/ADT/StringExtras.h"

using namespace remit;
using namespace remit::emit;
using namespace remit::sema;

std::string emit::rightAbbreviation(const Model &M, EntityID Right) {
  if (Right == NoEntity)
    return "?";
  llvm::StringRef Name = M.entity(Right).Name;
  EntityID FW = M.right(Right).Framework;
  llvm::ArrayRef<EntityID> Siblings;
  if (FW != NoEntity && M.entity(FW).Kind == ast::DeclKind::Framework)
    Siblings = M.Frameworks[M.entity(FW).Index].Rights;
  size_t Len = 1;
  for (EntityID Other : Siblings) {
    llvm::StringRef O = M.entity(Other).Name;
    if (Other == Right || O == Name)
      continue;
    size_t Common = 0;
    while (Common < Name.size() && Common < O.size() &&
           Name[Common] == O[Common])
      ++Common;
    Len = std::max(Len, Common + 1);
  }
  std::string Out = Name.take_front(Len).str();
  if (!Out.empty())
    Out[0] = llvm::toUpper(Out[0]);
  return Out;
}

std::string emit::describeRight(const Model &M, EntityID Right) {
  if (Right == NoEntity)
    return "unknown right";
  std::string Out = M.entity(Right).Name.str();
  const sema::Right &R = M.right(Right);
  if (R.Owner && R.Gate)
    Out += " (owner, gate)";
  else if (R.Owner)
    Out += " (owner)";
  else if (R.Gate)
    Out += " (gate)";
  return Out;
}
