//===- MakeDict.cpp - Writes the fuzzers' dictionary of Remit words -------===//
//
// Prints a libFuzzer dictionary (one quoted entry per line) from the
// compiler's own tables, so it never falls behind the language: the
// declaration keywords (the grammar's keyword tokens), every property key,
// connector word and enumerated value of the schema, every check name, and
// the punctuation and literal shapes of the grammar. With `--lsp`, adds the
// JSON-RPC framing and the methods and fields the language server reads.
//
//===----------------------------------------------------------------------===//
#include "AST/Schema.h"
#include "Diagnostics/Diagnostic.h"
#include "llvm/ADT/StringRef.h"
#include <cstdio>
#include <set>
#include <string>

using namespace remit;

namespace {

void addSlotWords(const ast::PropertySpec &P, std::set<std::string> &Words) {
  Words.insert(P.Key);
  for (const ast::SlotSpec &S : P.Slots) {
    if (S.Tag && llvm::StringRef(S.Tag) != "*")
      Words.insert(S.Tag);
    for (const char *V : S.EnumValues)
      Words.insert(V);
  }
}

/// A dictionary entry: printable ASCII, quotes and backslashes escaped.
std::string entry(llvm::StringRef Word) {
  std::string Out = "\"";
  for (char C : Word) {
    if (C == '"' || C == '\\')
      Out += '\\';
    if (C == '\n')
      Out += "\\x0A";
    else if (C == '\r')
      Out += "\\x0D";
    else
      Out += C;
  }
  return Out + "\"";
}

} // namespace

int main(int argc, char **argv) {
  bool LSP = argc > 1 && llvm::StringRef(argv[1]) == "--lsp";
  std::set<std::string> Words;
  for (unsigned K = 0; K < ast::NumDeclKinds; ++K) {
    auto Kind = static_cast<ast::DeclKind>(K);
    Words.insert(ast::keywordOf(Kind).str());
    for (const ast::PropertySpec &P : ast::getDeclSpec(Kind).Properties)
      addSlotWords(P, Words);
  }
  addSlotWords(ast::getRightPropertySpec(), Words);
  for (auto List :
       {ast::autonomyLevels(), ast::metricKinds(), ast::initiativeStages()})
    for (const char *V : List)
      Words.insert(V);
  for (const DiagInfo &D : getAllDiagInfos())
    Words.insert(D.Name.str());
  // The grammar's punctuation, comments and literal shapes, the stdlib's
  // namespace and the harnesses' file names (FuzzCommon.h).
  for (const char *W :
       {"{",       "}",         "(",           ")",
        ",",       "@",         "@allow",      "\"",
        "//",      "/*",        "*/",          "\\",
        "\n",      "std.",      "std.raci",    "5d",
        "2h",      "1w",        "2024-01-31",  "2024-13-45",
        "-1",      "0",         "99999999999", "import \"b.remit\"",
        "a.remit", "enterprise"})
    Words.insert(W);
  if (LSP)
    for (const char *W : {"Content-Length: ",
                          "\r\n\r\n",
                          "\r\n",
                          "{\"jsonrpc\":\"2.0\"",
                          "\"id\":",
                          "\"method\":",
                          "\"params\":",
                          "\"result\":",
                          "\"error\":",
                          "initialize",
                          "initialized",
                          "shutdown",
                          "exit",
                          "$/cancelRequest",
                          "textDocument/didOpen",
                          "textDocument/didChange",
                          "textDocument/didClose",
                          "textDocument/didSave",
                          "textDocument/hover",
                          "textDocument/definition",
                          "textDocument/references",
                          "textDocument/prepareRename",
                          "textDocument/rename",
                          "textDocument/documentSymbol",
                          "workspace/symbol",
                          "textDocument/completion",
                          "textDocument/semanticTokens/full",
                          "textDocument/formatting",
                          "textDocument/codeAction",
                          "textDocument/foldingRange",
                          "workspace/didChangeConfiguration",
                          "workspace/didChangeWatchedFiles",
                          "remit/diagram",
                          "remit/raci",
                          "remit/explain",
                          "textDocument",
                          "uri",
                          "file:///remit-fuzz/a.remit",
                          "position",
                          "line",
                          "character",
                          "range",
                          "start",
                          "end",
                          "text",
                          "version",
                          "contentChanges",
                          "newName",
                          "context",
                          "diagnostics",
                          "settings",
                          "checks",
                          "profile",
                          "strict",
                          "thresholds",
                          "severities",
                          "asOf",
                          "stdlib",
                          "path",
                          "view",
                          "focus",
                          "mode",
                          "depth",
                          "format",
                          "dot",
                          "svg",
                          "html",
                          "csv",
                          "md",
                          "check",
                          "query",
                          "changes",
                          "type",
                          "rootUri",
                          "initializationOptions",
                          "null",
                          "true",
                          "false",
                          "[]",
                          "{}",
                          "\\u0000",
                          "\\ud800"})
      Words.insert(W);
  for (const std::string &W : Words)
    if (!W.empty())
      std::printf("%s\n", entry(W).c_str());
  return 0;
}
