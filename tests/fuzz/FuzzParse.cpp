//===- FuzzParse.cpp - libFuzzer harness for the lexer and parser ---------===//
//
// One file of fuzzer bytes. Invalid UTF-8 or a NUL byte must be reported by
// the loader's encoding check, which ends the run as it ends a compilation.
// Otherwise the invariants of compiler/README.md must hold: parsing returns
// an AST and diagnostics without crashing, the two-stage parse (SLL, then
// LL on failure) gives exactly what full LL gives, and the hand-written
// lexer splits the text as the lexer ANTLR generates from the grammar.
//
//===----------------------------------------------------------------------===//
#include "FuzzCommon.h"
#include "Load/Loader.h"
#include "Parse/Parser.h"
#include "ParseDump.h"

using namespace remit;

namespace {

/// The AST and diagnostics of one parse, as text.
std::string parseDump(const SourceManager &SM, FileID ID, bool ForceLL) {
  DiagnosticEngine Diags;
  ParseOptions Opts;
  Opts.KeepTokens = true;
  Opts.ForceLL = ForceLL;
  std::unique_ptr<ast::File> F = parseFile(SM, ID, Diags, Opts);
  fuzz::require(F != nullptr, "parseFile returns an AST");
  return test::dumpFile(*F) + test::dumpDiagnostics(Diags.diagnostics());
}

std::string tokenDump(const std::vector<LexedToken> &Tokens) {
  std::string Out;
  for (const LexedToken &T : Tokens)
    Out += fmt::format("{} {}-{} {}:{}\n", static_cast<int>(T.Kind), T.Begin,
                       T.End, T.Line, T.Column);
  return Out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  SourceManager SM;
  FileID ID = SM.addBuffer("/remit-fuzz/a.remit", "a.remit", Text);
  DiagnosticEngine Encoding;
  if (!checkEncoding(SM, ID, Encoding)) {
    fuzz::require(!Encoding.diagnostics().empty(),
                  "a refused encoding is reported");
    return 0;
  }
  std::string TwoStage = parseDump(SM, ID, /*ForceLL=*/false);
  std::string LL = parseDump(SM, ID, /*ForceLL=*/true);
  fuzz::require(TwoStage == LL, "the two-stage parse equals full LL",
                "two-stage:\n" + TwoStage + "full LL:\n" + LL);

  std::vector<LexedToken> Hand;
  Lexer L(Text);
  do
    Hand.push_back(L.next());
  while (Hand.back().Kind != TokenKind::EndOfFile);
  std::string ByHand = tokenDump(Hand);
  std::string ByGrammar = tokenDump(lexWithGrammar(Text));
  fuzz::require(ByHand == ByGrammar, "the lexer agrees with the grammar",
                "hand:\n" + ByHand + "grammar:\n" + ByGrammar);
  return 0;
}
