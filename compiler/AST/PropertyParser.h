//===- PropertyParser.h - Split a block's words into properties -*- C++ -*-===//
//
// The grammar leaves a block's contents as a flat run of words; the schema
// decides where one property ends and the next begins (flags take no value,
// rights are open keys, connector words continue a property). This phase
// sees no ANTLR types: the parse wrapper hands it plain words.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_AST_PROPERTYPARSER_H
#define REMIT_AST_PROPERTYPARSER_H

#include "AST/AST.h"
#include "AST/Schema.h"
#include "Diagnostics/Diagnostic.h"

namespace remit::ast {

/// One lexical word inside a block or an annotation's parentheses.
struct Word {
  enum KindTy : uint8_t {
    Name,
    QualifiedName,
    String,
    Integer,
    Duration,
    Date,
    Comma,
    BadNumber,
    BadDate,
    UnterminatedString,
  };
  KindTy Kind;
  SourceRange Range;
  llvm::StringRef Text; ///< Source text.
};

/// Converts a literal word to a Value, reporting malformed literals (bad
/// dates, integer overflow, unknown escapes, unterminated strings). Returns
/// false if the word is not a usable value.
bool convertWord(const Word &W, File &F, DiagnosticEngine &Diags, Value &Out);

/// Splits \p Words (the words of \p D's block, in order) into D->Properties.
void parseProperties(llvm::ArrayRef<Word> Words, Decl &D, File &F,
                     DiagnosticEngine &Diags);

/// Parses the words between an annotation's parentheses into its arguments:
/// values separated by commas, optionally tagged (`until 2027-03-31`).
void parseAnnotationArgs(llvm::ArrayRef<Word> Words, Annotation &A, File &F,
                         DiagnosticEngine &Diags);

/// Checks an annotation's name and arguments (`@allow` is the only one);
/// returns whether it is a well-formed `@allow`.
bool validateAnnotation(const Annotation &A, DiagnosticEngine &Diags);

/// Days since 1970-01-01 of a valid `YYYY-MM-DD` date.
std::optional<int64_t> parseDate(llvm::StringRef Text);
/// `YYYY-MM-DD` for a day count since 1970-01-01 (the inverse of parseDate).
std::string formatDate(int64_t Days);
/// `48h`, `5d`, `2w`: the shortest exact spelling of a duration in hours, as
/// the language writes it.
std::string formatDuration(int64_t Hours);

/// "`ceo`", "string \"x\"", "`,`": a word as messages quote it.
std::string describeWord(const Word &W);

} // namespace remit::ast

#endif
