//===- Formatter.h - The canonical layout of Remit source -------*- C++ -*-===//
//
// `remitc fmt` and the language server's formatting request. The formatter
// re-lays out a file's tokens and comments; it never adds, drops or reorders
// a token, so it cannot change what the file means. The style is documented
// in docs/formatting.md.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_FORMAT_FORMATTER_H
#define REMIT_FORMAT_FORMATTER_H

#include "Basic/SourceManager.h"
#include "Diagnostics/Diagnostic.h"
#include "llvm/Support/Error.h"
#include <string>

namespace remit {

/// Knobs of the canonical style; the defaults are the style.
struct FormatOptions {
  /// Lines longer than this break lists after a comma, and a block is kept
  /// on one line only if it fits.
  unsigned ColumnLimit = 100;
  /// Columns per nesting level.
  unsigned IndentWidth = 2;
};

/// Formats file \p ID of \p SM, which must be valid UTF-8 without NUL bytes
/// (as the loader checks). Parses the file itself and reports the parse's
/// diagnostics into \p Diags. Returns the formatted text, or an error saying
/// why the file was left as it is: a file with syntax errors or misplaced
/// declarations has no reliable structure to lay out.
llvm::Expected<std::string> formatFile(const SourceManager &SM, FileID ID,
                                       DiagnosticEngine &Diags,
                                       const FormatOptions &Opts = {});

/// The one edit of \p File that turns \p Old into \p New: the differing
/// middle, after their common prefix and suffix. Empty when equal. For
/// editors, which keep the cursor stable outside the edit.
std::vector<TextEdit> minimalEdits(FileID File, llvm::StringRef Old,
                                   llvm::StringRef New);

} // namespace remit

#endif
