//===- Lexer.cpp - Remit's tokens, lexed by hand --------------------------===//
//
// Each rule of grammar/Remit.g4's lexer, as code. Where several rules match
// at a position the longest match wins and, between matches of equal length,
// the rule written first (keywords before IDENT, DATE before BAD_DATE,
// DURATION before BAD_NUMBER, WS and punctuation before UNEXPECTED_CHAR).
//
//===----------------------------------------------------------------------===//
#include "Parse/Lexer.h"
#include "Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

using namespace remit;

namespace {

bool isDigit(char C) { return C >= '0' && C <= '9'; }

/// [a-zA-Z_]: what starts a NAME, and what a BAD_NUMBER has after its digits.
bool isNameStart(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || C == '_';
}

/// [a-zA-Z_0-9]
bool isNameChar(char C) { return isNameStart(C) || isDigit(C); }

/// The ASCII characters of WS (U+FEFF is the other).
bool isSpace(char C) {
  return C == ' ' || C == '\t' || C == '\r' || C == '\n' || C == '\f' ||
         C == '\v';
}

bool isByteOrderMark(llvm::StringRef Text, size_t Pos) {
  return Text.substr(Pos, 3) == "\xEF\xBB\xBF";
}

/// Bytes of the code point at \p Pos: one for ASCII and for a byte that does
/// not start valid UTF-8.
size_t codePointLength(llvm::StringRef Text, size_t Pos) {
  if (static_cast<unsigned char>(Text[Pos]) < 0x80)
    return 1;
  return decodeUTF8(Text, Pos).Len;
}

TokenKind keywordOrIdent(llvm::StringRef Word) {
  return llvm::StringSwitch<TokenKind>(Word)
      .Case("import", TokenKind::Import)
      .Case("model", TokenKind::Model)
      .Case("unit", TokenKind::Unit)
      .Case("role", TokenKind::Role)
      .Case("person", TokenKind::Person)
      .Case("forum", TokenKind::Forum)
      .Case("agent", TokenKind::Agent)
      .Case("metric", TokenKind::Metric)
      .Case("objective", TokenKind::Objective)
      .Case("decision", TokenKind::Decision)
      .Case("handoff", TokenKind::Handoff)
      .Case("tradeoff", TokenKind::Tradeoff)
      .Case("mode", TokenKind::Mode)
      .Case("term", TokenKind::Term)
      .Case("initiative", TokenKind::Initiative)
      .Case("authority", TokenKind::Authority)
      .Case("framework", TokenKind::Framework)
      .Case("unit_kind", TokenKind::UnitKind)
      .Case("interaction", TokenKind::Interaction)
      .Case("checks", TokenKind::Checks)
      .Case("right", TokenKind::Right)
      .Default(TokenKind::Ident);
}

} // namespace

void Lexer::advance(size_t Bytes) {
  for (size_t End = Pos + Bytes; Pos < End;) {
    char C = Text[Pos];
    if (C == '\n') {
      ++Line;
      Column = 0;
      ++Pos;
    } else {
      ++Column;
      Pos += codePointLength(Text, Pos);
    }
  }
}

/// fragment NAME : [a-zA-Z_] [a-zA-Z_0-9]* ( '-' [a-zA-Z_0-9]+ )* ;
/// \p From holds a name start; returns the end of the longest NAME.
size_t Lexer::nameEnd(size_t From) const {
  size_t End = From + 1, Size = Text.size();
  while (End < Size && isNameChar(Text[End]))
    ++End;
  while (End + 1 < Size && Text[End] == '-' && isNameChar(Text[End + 1])) {
    End += 2;
    while (End < Size && isNameChar(Text[End]))
      ++End;
  }
  return End;
}

/// DATE, DURATION, INT, BAD_DATE and BAD_NUMBER at Pos, which holds a digit.
TokenKind Lexer::lexNumber(size_t &End) const {
  size_t Size = Text.size();
  size_t Digits = Pos;
  while (Digits < Size && isDigit(Text[Digits]))
    ++Digits;
  char After = Digits < Size ? Text[Digits] : '\0';
  auto DigitAt = [&](size_t I) { return I < Size && isDigit(Text[I]); };

  // The rules in grammar order; a later one wins only with a longer match.
  TokenKind Kind = TokenKind::Int; // DIGIT+ always matches.
  End = Digits;
  // DATE : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
  if (Digits - Pos == 4 && After == '-' && DigitAt(Pos + 5) &&
      DigitAt(Pos + 6) && Pos + 7 < Size && Text[Pos + 7] == '-' &&
      DigitAt(Pos + 8) && DigitAt(Pos + 9)) {
    Kind = TokenKind::Date;
    End = Pos + 10;
  }
  // DURATION : DIGIT+ [hdw] ;
  if ((After == 'h' || After == 'd' || After == 'w') && Digits + 1 > End) {
    Kind = TokenKind::Duration;
    End = Digits + 1;
  }
  // BAD_DATE : DIGIT+ '-' [0-9-]* ;
  if (After == '-') {
    size_t Bad = Digits + 1;
    while (Bad < Size && (isDigit(Text[Bad]) || Text[Bad] == '-'))
      ++Bad;
    if (Bad > End) {
      Kind = TokenKind::BadDate;
      End = Bad;
    }
  }
  // BAD_NUMBER : DIGIT+ [a-zA-Z_] [a-zA-Z_0-9]* ;
  if (isNameStart(After)) {
    size_t Bad = Digits + 1;
    while (Bad < Size && isNameChar(Text[Bad]))
      ++Bad;
    if (Bad > End) {
      Kind = TokenKind::BadNumber;
      End = Bad;
    }
  }
  return Kind;
}

/// STRING or UNTERMINATED_STRING at Pos, which holds `"`:
///   STRING : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '"' ;
///   UNTERMINATED_STRING : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '\\'? ;
TokenKind Lexer::lexString(size_t &End) const {
  size_t Size = Text.size();
  size_t I = Pos + 1;
  while (I < Size) {
    char C = Text[I];
    if (C == '"') {
      End = I + 1;
      return TokenKind::String;
    }
    if (C == '\r' || C == '\n')
      break;
    if (C == '\\') {
      if (I + 1 == Size || Text[I + 1] == '\r' || Text[I + 1] == '\n') {
        End = I + 1; // The trailing backslash.
        return TokenKind::UnterminatedString;
      }
      I += 1 + codePointLength(Text, I + 1);
      continue;
    }
    I += codePointLength(Text, I);
  }
  End = I;
  return TokenKind::UnterminatedString;
}

LexedToken Lexer::next() {
  size_t Size = Text.size();
  // WS : [ \t\r\n\f\u000B\uFEFF]+ -> skip ;
  while (Pos < Size) {
    char C = Text[Pos];
    if (C == '\n') {
      ++Line;
      Column = 0;
      ++Pos;
    } else if (isSpace(C)) {
      ++Column;
      ++Pos;
    } else if (C == '\xEF' && isByteOrderMark(Text, Pos)) {
      ++Column;
      Pos += 3;
    } else {
      break;
    }
  }
  LexedToken T;
  // Whether the token is ASCII without a line break, so that moving past it
  // moves the column by its length.
  bool OneLine = true;
  T.Begin = Pos;
  T.Line = Line;
  T.Column = Column;
  if (Pos == Size) {
    T.End = Pos;
    return T;
  }

  size_t End = Pos + 1;
  char C = Text[Pos];
  switch (C) {
  case '{':
    T.Kind = TokenKind::LBrace;
    break;
  case '}':
    T.Kind = TokenKind::RBrace;
    break;
  case '(':
    T.Kind = TokenKind::LParen;
    break;
  case ')':
    T.Kind = TokenKind::RParen;
    break;
  case ',':
    T.Kind = TokenKind::Comma;
    break;
  case '@':
    T.Kind = TokenKind::At;
    break;
  case '"':
    T.Kind = lexString(End);
    OneLine = false;
    break;
  case '/':
    OneLine = false;
    if (Pos + 1 < Size && Text[Pos + 1] == '/') {
      // LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN) ;
      End = Text.find_first_of("\r\n", Pos + 2);
      if (End == llvm::StringRef::npos)
        End = Size;
      T.Kind = TokenKind::LineComment;
    } else if (Pos + 1 < Size && Text[Pos + 1] == '*') {
      // BLOCK_COMMENT : '/*' .*? '*/' ends at the first `*/`.
      // UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF matches
      // exactly when there is none.
      End = Text.find("*/", Pos + 2);
      if (End == llvm::StringRef::npos) {
        End = Size;
        T.Kind = TokenKind::UnterminatedComment;
      } else {
        End += 2;
        T.Kind = TokenKind::BlockComment;
      }
    } else {
      T.Kind = TokenKind::UnexpectedChar;
    }
    break;
  default:
    if (isDigit(C)) {
      T.Kind = lexNumber(End);
    } else if (isNameStart(C)) {
      // QNAME : NAME ( '.' NAME )+ ;  IDENT : NAME ;  keywords first.
      size_t NameEnd = nameEnd(Pos);
      End = NameEnd;
      while (End + 1 < Size && Text[End] == '.' && isNameStart(Text[End + 1]))
        End = nameEnd(End + 1);
      T.Kind = End != NameEnd ? TokenKind::QName
                              : keywordOrIdent(Text.slice(Pos, NameEnd));
    } else {
      // UNEXPECTED_CHAR : . ;
      T.Kind = TokenKind::UnexpectedChar;
      End = Pos + codePointLength(Text, Pos);
      OneLine = End == Pos + 1;
    }
    break;
  }
  T.End = End;
  if (OneLine) {
    Column += End - Pos;
    Pos = End;
  } else {
    advance(End - Pos);
  }
  return T;
}
