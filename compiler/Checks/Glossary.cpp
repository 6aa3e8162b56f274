//===- Glossary.cpp - One word, several meanings --------------------------===//
//
// glossary.divergent-term: "three versions of priority, four versions of
// capacity". Terms are scoped to the unit that declares them; a term whose
// scopes define it differently is one finding listing every version with
// its scopes. Terms are grouped by name in one pass; definitions compare
// after folding case and whitespace.
//
//===----------------------------------------------------------------------===//
#include "Checks/CheckContext.h"
#include "llvm/ADT/MapVector.h"
#include <cctype>
#include <map>

using namespace remit;
using namespace remit::checks;
using namespace remit::sema;

namespace {

/// A definition with case and runs of whitespace folded, and no final
/// full stop, so layout alone never makes two versions.
std::string normalised(llvm::StringRef Text) {
  std::string Out;
  bool Space = false;
  for (char Ch : Text.trim()) {
    if (std::isspace(static_cast<unsigned char>(Ch))) {
      Space = true;
      continue;
    }
    if (Space && !Out.empty())
      Out += ' ';
    Space = false;
    Out += static_cast<char>(std::tolower(static_cast<unsigned char>(Ch)));
  }
  if (!Out.empty() && Out.back() == '.')
    Out.pop_back();
  return Out;
}

std::string scopeName(const CheckContext &C, const Term &T) {
  return T.Scope == NoEntity ? std::string("the model")
                             : quoted(C.name(T.Scope));
}

} // namespace

void checks::checkGlossary(const CheckContext &C) {
  if (!C.enabled(DiagID::GlossaryDivergentTerm))
    return;
  llvm::MapVector<llvm::StringRef, std::vector<const Term *>> ByName;
  for (const Term &T : C.M.Terms)
    if (!C.entity(T.Self).FromStdlib && !C.entity(T.Self).Name.empty())
      ByName[C.entity(T.Self).Name].push_back(&T);
  for (auto &[Name, Terms] : ByName) {
    if (Terms.size() < 2)
      continue;
    // Versions in order of first appearance, each with its scopes.
    llvm::MapVector<std::string, std::vector<const Term *>,
                    std::map<std::string, unsigned>>
        Versions;
    for (const Term *T : Terms)
      Versions[normalised(T->Definition)].push_back(T);
    if (Versions.size() < 2)
      continue;
    std::string List;
    for (auto &[Key, Ts] : Versions) {
      if (!List.empty())
        List += "; ";
      std::vector<std::string> Scopes;
      for (const Term *T : Ts)
        Scopes.push_back(scopeName(C, *T));
      std::string Joined;
      for (size_t I = 0; I < Scopes.size(); ++I)
        Joined +=
            (I ? (I + 1 == Scopes.size() ? " and " : ", ") : "") + Scopes[I];
      List += fmt::format("{} \"{}\"", Joined, Ts.front()->Definition);
    }
    const Term &First = *Versions.front().second.front();
    Diagnostic &Diag = C.Diags.report(DiagID::GlossaryDivergentTerm,
                                      C.entity(First.Self).NameRange,
                                      Versions.size(), Name.str(), List);
    for (auto &[Key, Ts] : Versions)
      for (const Term *T : Ts)
        if (T != &First)
          Diag.note(C.entity(T->Self).NameRange,
                    fmt::format("{} defines `{}` as \"{}\"", scopeName(C, *T),
                                Name.str(), T->Definition));
  }
}
