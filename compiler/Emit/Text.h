//===- Text.h - Text shaping and escaping for every emitter -----*- C++ -*-===//
//
// Model text (names, titles, strings) is untrusted: it reaches DOT, SVG,
// HTML, CSV and Markdown. Every emitter passes it through exactly one of the
// escapers here for its target, after sanitizeText has made it valid UTF-8
// without control characters.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_EMIT_TEXT_H
#define REMIT_EMIT_TEXT_H

#include "AST/PropertyParser.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <string>

namespace remit::emit {

/// \p S as valid UTF-8 with every control character (newlines included)
/// replaced by a space, and invalid bytes and bidi overrides by U+FFFD.
std::string sanitizeText(llvm::StringRef S);

/// Sanitizes \p S and breaks it into lines of at most \p Width code points at
/// spaces (longer words stay whole), joined by '\n'.
std::string wrapText(llvm::StringRef S, unsigned Width);

/// \p S (sanitized) escaped for HTML text and double-quoted attributes.
std::string escapeHTML(llvm::StringRef S);

/// \p S (sanitized) as one RFC 4180 CSV field: quoted when needed, and
/// prefixed with `'` when a spreadsheet would read it as a formula.
std::string escapeCSV(llvm::StringRef S);

/// \p S (sanitized) for a Markdown table cell: no line breaks, and the
/// characters that could end the cell or start markup or HTML
/// (`\ ` * [ ] < > | & ~`) backslash-escaped.
std::string escapeMarkdown(llvm::StringRef S);

/// Durations and dates are written as the language writes them.
using ast::formatDate;
using ast::formatDuration;

} // namespace remit::emit

#endif
