//===- Lexer.h - Remit's tokens, lexed by hand ------------------*- C++ -*-===//
//
// Splits a file into the tokens of grammar/Remit.g4's lexer rules, with the
// same longest-match and first-rule-wins choices as the lexer ANTLR generates
// from them, straight from the UTF-8 text: offsets are bytes, columns code
// points. The parse wrapper feeds these tokens to the generated parser; a
// unit test checks them against the generated lexer (lexWithGrammar).
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_PARSE_LEXER_H
#define REMIT_PARSE_LEXER_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>

namespace remit {

/// The token types of Remit.g4, numbered as the generated lexer numbers
/// them (the order of the lexer rules, from 1); Parser.cpp checks each.
enum class TokenKind : uint8_t {
  EndOfFile = 0, ///< ANTLR's EOF; never a rule of the grammar.
  Import = 1,
  Model,
  Unit,
  Role,
  Person,
  Forum,
  Agent,
  Metric,
  Objective,
  Decision,
  Handoff,
  Tradeoff,
  Mode,
  Term,
  Initiative,
  Authority,
  Framework,
  UnitKind,
  Interaction,
  Checks,
  Right,
  LBrace,
  RBrace,
  LParen,
  RParen,
  Comma,
  At,
  Date,
  Duration,
  Int,
  BadDate,
  BadNumber,
  QName,
  Ident,
  String,
  UnterminatedString,
  LineComment,
  BlockComment,
  UnterminatedComment,
  Whitespace, ///< Skipped by the lexer, never returned.
  UnexpectedChar,
};

/// One token: its kind, its bytes, and where it starts as ANTLR counts it.
struct LexedToken {
  TokenKind Kind = TokenKind::EndOfFile;
  uint32_t Begin = 0, End = 0; ///< Byte offsets; End is one past the last.
  uint32_t Line = 1;           ///< 1-based; only `\n` ends a line.
  uint32_t Column = 0;         ///< 0-based, in code points.
};

/// Lexes one buffer, one token at a time, skipping whitespace. Comments and
/// unexpected characters are tokens like any other; the caller decides what
/// to do with them. Never fails: any byte sequence lexes, a byte that does
/// not start valid UTF-8 as one code point (as U+FFFD would).
class Lexer {
public:
  explicit Lexer(llvm::StringRef Text) : Text(Text) {}

  /// The next token; EndOfFile (empty, at the end) once the text is used up.
  LexedToken next();

private:
  /// Moves past \p Bytes bytes, counting lines and code points.
  void advance(size_t Bytes);
  size_t nameEnd(size_t From) const;
  TokenKind lexNumber(size_t &End) const;
  TokenKind lexString(size_t &End) const;

  llvm::StringRef Text;
  size_t Pos = 0;
  uint32_t Line = 1;
  uint32_t Column = 0;
};

} // namespace remit

#endif
