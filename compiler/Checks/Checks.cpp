//===- Checks.cpp - Run every check family; shared wording and fixes ------===//
#include "Checks/CheckContext.h"
#include "AST/AST.h"

using namespace remit;
using namespace remit::checks;

bool CheckContext::enabled(DiagID ID) const {
  auto It = M.Config.Severities.find(getDiagInfo(ID).Name);
  return It == M.Config.Severities.end() || It->second.has_value();
}

void checks::runChecks(const sema::Model &M, const SourceManager &SM,
                       const CheckOptions &Opts, DiagnosticEngine &Diags) {
  OrgView Normal(M);
  CheckContext C{M, Normal, SM, Opts, Diags};
  checkDecisionRights(C);
  checkRetiredReferences(C);
  checkEscalation(C);
  checkLoad(C);
  checkHandoffs(C);
  checkAuthorityLadders(C);
  checkUnused(C);
}

//===----------------------------------------------------------------------===//
// Wording
//===----------------------------------------------------------------------===//

std::string checks::quoted(llvm::StringRef Name) {
  return "`" + Name.str() + "`";
}

std::string checks::quotedList(llvm::ArrayRef<std::string> Names, size_t Max) {
  size_t Shown = Names.size() > Max ? Max : Names.size();
  std::string Out;
  for (size_t I = 0; I < Shown; ++I) {
    if (I)
      Out += (I + 1 == Shown && Shown == Names.size()) ? " and " : ", ";
    Out += quoted(Names[I]);
  }
  if (Shown < Names.size())
    Out += fmt::format(" and {} more", Names.size() - Shown);
  return Out;
}

std::vector<std::string> checks::namesOf(const sema::Model &M,
                                         llvm::ArrayRef<EntityID> IDs) {
  std::vector<std::string> Out;
  Out.reserve(IDs.size());
  for (EntityID ID : IDs)
    Out.push_back(M.nameOf(ID).str());
  return Out;
}

std::string checks::chainText(const sema::Model &M,
                              llvm::ArrayRef<EntityID> IDs) {
  std::string Out;
  for (size_t I = 0; I < IDs.size(); ++I) {
    if (I)
      Out += " → ";
    Out += quoted(M.nameOf(IDs[I]));
  }
  return Out;
}

std::string checks::countOf(size_t N, llvm::StringRef Singular,
                            llvm::StringRef Plural) {
  if (N == 1)
    return "1 " + Singular.str();
  return std::to_string(N) + " " +
         (Plural.empty() ? Singular.str() + "s" : Plural.str());
}

//===----------------------------------------------------------------------===//
// Fixes
//===----------------------------------------------------------------------===//

std::optional<TextEdit> checks::insertProperty(const SourceManager &SM,
                                               const ast::Decl &D,
                                               std::string Text) {
  if (!D.HasBlock)
    return TextEdit{{D.Range.File, D.Range.End, D.Range.End},
                    " { " + Text + " }"};
  if (!D.OpenBrace.isValid() || !D.CloseBrace.isValid())
    return std::nullopt;
  FileID File = D.OpenBrace.File;
  uint32_t BraceLine = SM.getLineAndByteColumn(File, D.OpenBrace.Begin).Line;
  SourceRange First;
  if (!D.Properties.empty())
    First = D.Properties.front().Range;
  if (!D.Children.empty() &&
      (!First.isValid() || D.Children.front()->Range.Begin < First.Begin))
    First = D.Children.front()->Range;
  if (First.isValid()) {
    LineColumn At = SM.getLineAndByteColumn(File, First.Begin);
    if (At.Line != BraceLine) {
      // Block layout: a new line above the first, with its indentation.
      uint32_t LineStart = SM.getLineStart(File, At.Line);
      std::string Indent =
          SM.getBuffer(File).substr(LineStart, At.Column).str();
      if (Indent.find_first_not_of(" \t") != std::string::npos)
        Indent = "  ";
      return TextEdit{{File, LineStart, LineStart}, Indent + Text + "\n"};
    }
  }
  // Inline layout, `{ final }` or `{}`: properties separated by two spaces.
  uint32_t After = D.OpenBrace.End;
  return TextEdit{{File, After, After}, " " + Text + " "};
}

TextEdit checks::removeArgument(const ast::Property &P, size_t Index) {
  FileID File = P.Range.File;
  if (P.Args.size() <= 1)
    return {P.Range, ""};
  if (Index == 0)
    return {{File, P.Args[0].Val.Range.Begin, P.Args[1].Val.Range.Begin}, ""};
  return {{File, P.Args[Index - 1].Val.Range.End, P.Args[Index].Val.Range.End},
          ""};
}
