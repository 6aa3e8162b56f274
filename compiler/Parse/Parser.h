//===- Parser.h - The parse wrapper: text to owned AST ----------*- C++ -*-===//
//
// The only code that sees ANTLR types. Parsing never fails and never stops at
// the first error: every syntax error is reported in words, the parser
// recovers, and a (possibly partial) AST is always returned. ANTLR's tree is
// dropped before parseFile returns. A file is parsed in two stages: SLL
// prediction that bails out at the first syntax error, then, only for a
// file with an error, full LL with error recovery over the same tokens.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_PARSE_PARSER_H
#define REMIT_PARSE_PARSER_H

#include "AST/AST.h"
#include "Diagnostics/Diagnostic.h"
#include "Parse/Lexer.h"
#include <memory>
#include <vector>

namespace remit {

struct ParseOptions {
  /// Blocks nested deeper than this are reported and skipped, which bounds
  /// the recursion of every later phase.
  unsigned MaxNesting = 128;
  /// Longer names and strings (in bytes, quotes excluded) are reported as
  /// `limit.exceeded`; they are kept, so the file still means what it says.
  unsigned MaxNameLength = 256;
  unsigned MaxStringLength = 8192;
  /// Record every significant token in File::Tokens (the formatter needs
  /// them; the compiler does not, so they cost nothing by default).
  bool KeepTokens = false;
  /// Parse with full LL prediction from the start. By default a file is
  /// first parsed with the faster SLL prediction and a parser that stops at
  /// the first syntax error, and parsed again with full LL and error
  /// recovery only if that fails; the result is the same either way. Tests
  /// set this to check that.
  bool ForceLL = false;
};

/// Parses \p File of \p SM. The buffer must be valid UTF-8 without NUL bytes
/// (the loader checks). Never throws.
std::unique_ptr<ast::File> parseFile(const SourceManager &SM, FileID File,
                                     DiagnosticEngine &Diags,
                                     const ParseOptions &Opts = {});

/// The tokens of \p Text as the lexer ANTLR generates from grammar/Remit.g4
/// splits it, in byte offsets: whitespace skipped, comments and unexpected
/// characters kept, EndOfFile last. The reference that tests hold the
/// hand-written Lexer to; parseFile does not use it. \p Text must be valid
/// UTF-8.
std::vector<LexedToken> lexWithGrammar(llvm::StringRef Text);

} // namespace remit

#endif
