//===- FuzzFormat.cpp - libFuzzer harness for the formatter ---------------===//
//
// One file of fuzzer bytes. When the formatter accepts it: formatting the
// result again changes nothing; the result has the same tokens (kinds, and
// text apart from comments) in the same order; and it compiles to the same
// model with the same findings (docs/formatting.md's promise that
// formatting cannot change what a file means). A refusal must be an error
// value, never a crash.
//
//===----------------------------------------------------------------------===//
#include "Format/Formatter.h"
#include "FuzzCommon.h"
#include "Load/Loader.h"
#include "Parse/Lexer.h"

using namespace remit;

namespace {

/// Formats \p Text as `a.remit`; nullopt when the formatter leaves it.
std::optional<std::string> format(const std::string &Text) {
  SourceManager SM;
  FileID ID =
      SM.addBuffer(std::string(fuzz::FuzzRoot) + "/a.remit", "a.remit", Text);
  DiagnosticEngine Diags;
  if (!checkEncoding(SM, ID, Diags))
    return std::nullopt;
  llvm::Expected<std::string> Out = formatFile(SM, ID, Diags);
  if (!Out) {
    llvm::consumeError(Out.takeError());
    return std::nullopt;
  }
  return std::move(*Out);
}

/// Every token's kind, and its text unless it is a comment.
std::string tokens(llvm::StringRef Text) {
  std::string Out;
  Lexer L(Text);
  for (;;) {
    LexedToken T = L.next();
    Out += std::to_string(static_cast<int>(T.Kind));
    if (T.Kind == TokenKind::EndOfFile)
      return Out;
    if (T.Kind != TokenKind::LineComment && T.Kind != TokenKind::BlockComment)
      Out += " " + Text.slice(T.Begin, T.End).str();
    Out += "\n";
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  std::optional<std::string> Once = format(Text);
  if (!Once)
    return 0;
  std::optional<std::string> Twice = format(*Once);
  fuzz::require(Twice.has_value(), "formatted text is formatted again", *Once);
  fuzz::require(*Twice == *Once, "formatting twice changes nothing",
                "once:\n" + *Once + "\ntwice:\n" + *Twice);
  fuzz::require(tokens(Text) == tokens(*Once), "formatting keeps every token",
                *Once);

  std::string Path = std::string(fuzz::FuzzRoot) + "/a.remit";
  std::string Before = fuzz::meaning(*fuzz::compileFiles({{Path, Text}}));
  std::string After = fuzz::meaning(*fuzz::compileFiles({{Path, *Once}}));
  fuzz::require(Before == After, "formatting keeps the model and findings",
                "before:\n" + Before + "after:\n" + After);
  return 0;
}
