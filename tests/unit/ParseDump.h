// ParseDump.h - everything parseFile produced, as text: the AST with every
// field and range, the comments, the tokens and the diagnostics in the order
// they were reported. Two parses gave the same result when their dumps are
// equal.
#ifndef REMIT_TESTS_UNIT_PARSEDUMP_H
#define REMIT_TESTS_UNIT_PARSEDUMP_H

#include "AST/AST.h"
#include "Diagnostics/Diagnostic.h"
#include <string>

namespace remit::test {

namespace detail {

inline std::string dumpRange(SourceRange R) {
  return fmt::format("[{}:{}-{}]", R.File, R.Begin, R.End);
}

inline std::string dumpValue(const ast::Value &V) {
  return fmt::format("{}{} `{}` {}", static_cast<int>(V.Kind),
                     dumpRange(V.Range), V.Text.str(), V.Number);
}

inline void dumpArgs(const std::vector<ast::Arg> &Args, std::string &Out) {
  for (const ast::Arg &A : Args)
    Out += fmt::format(" ({} {} slot {} {})", A.Tag.str(),
                       dumpRange(A.TagRange), A.Slot, dumpValue(A.Val));
}

inline void dumpDecl(const ast::Decl &D, unsigned Depth, std::string &Out) {
  std::string Indent(2 * Depth, ' ');
  Out +=
      fmt::format("{}decl {} kw{} range{} name `{}`{} block {} {} {}", Indent,
                  ast::keywordOf(D.Kind).str(), dumpRange(D.KeywordRange),
                  dumpRange(D.Range), D.Name.str(), dumpRange(D.NameRange),
                  D.HasBlock, dumpRange(D.OpenBrace), dumpRange(D.CloseBrace));
  if (D.Title)
    Out += " title " + dumpValue(*D.Title);
  Out += "\n";
  for (const ast::Annotation &A : D.Annotations) {
    Out += fmt::format("{}  @{}{}{} valid {}", Indent, A.Name.str(),
                       dumpRange(A.NameRange), dumpRange(A.Range), A.Valid);
    dumpArgs(A.Args, Out);
    Out += "\n";
  }
  for (const ast::Property &P : D.Properties) {
    Out += fmt::format("{}  prop {}{}{} right {}", Indent, P.Key.str(),
                       dumpRange(P.KeyRange), dumpRange(P.Range), P.IsRight);
    dumpArgs(P.Args, Out);
    Out += "\n";
  }
  for (const ast::Decl *C : D.Children) {
    if (C->Parent != &D)
      Out += Indent + "  (child with another parent)\n";
    dumpDecl(*C, Depth + 1, Out);
  }
}

} // namespace detail

/// The whole AST of \p F.
inline std::string dumpFile(const ast::File &F) {
  std::string Out = fmt::format("file {}\n", F.ID);
  for (const ast::Import &I : F.Imports)
    Out += fmt::format("import{} {}\n", detail::dumpRange(I.Range),
                       detail::dumpValue(I.Target));
  for (const ast::Decl *D : F.Decls)
    detail::dumpDecl(*D, 0, Out);
  for (const ast::Comment &C : F.Comments)
    Out += fmt::format("comment{} {}\n", detail::dumpRange(C.Range), C.IsBlock);
  for (const ast::Token &T : F.Tokens)
    Out += fmt::format("token {} {}-{}\n", static_cast<int>(T.Kind), T.Begin,
                       T.End);
  return Out;
}

/// \p Diags in order, with notes and fixes.
inline std::string dumpDiagnostics(llvm::ArrayRef<Diagnostic> Diags) {
  std::string Out;
  for (const Diagnostic &D : Diags) {
    Out += fmt::format("{} {} {} {}\n", D.name().str(), static_cast<int>(D.Sev),
                       detail::dumpRange(D.Range), D.Message);
    for (const DiagNote &N : D.Notes)
      Out +=
          fmt::format("  note {} {}\n", detail::dumpRange(N.Range), N.Message);
    for (const Fix &X : D.Fixes) {
      Out += "  fix " + X.Title + "\n";
      for (const TextEdit &E : X.Edits)
        Out += fmt::format("    edit {} `{}`\n", detail::dumpRange(E.Range),
                           E.NewText);
    }
  }
  return Out;
}

} // namespace remit::test

#endif
