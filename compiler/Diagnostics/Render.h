//===- Render.h - Diagnostic renderers for every output format --*- C++ -*-===//
//
// Turns a sorted list of diagnostics into the text `remitc check --format`
// prints. Every renderer is deterministic and total: it never fails or crashes
// on any diagnostic, including invalid ranges and invalid UTF-8 in messages.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_DIAGNOSTICS_RENDER_H
#define REMIT_DIAGNOSTICS_RENDER_H

#include "Basic/SourceManager.h"
#include "Diagnostics/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <string>

namespace remit {

/// The output formats of `remitc check --format`.
enum class OutputFormat { Human, JSON, SARIF, JUnit, GitHub };

/// Parses "human", "json", "sarif", "junit", "github".
std::optional<OutputFormat> parseOutputFormat(llvm::StringRef Name);

/// Options shared by the renderers.
struct RenderOptions {
  bool Color = false; ///< ANSI colours (human format only)
  std::string ToolName = "remitc";
  std::string ToolVersion; ///< e.g. "0.1.0"
  /// Findings an `@allow` suppressed (each with SuppressedBecause set).
  /// SARIF lists them as suppressed results, JSON in a `suppressed` array,
  /// and the human summary counts them; the other formats leave them out.
  llvm::ArrayRef<Diagnostic> Suppressed;
};

/// Renders diagnostics (already sorted by the caller) in the given format.
///
/// Positions: human, JSON, JUnit and GitHub output use 1-based lines and
/// 1-based code-point columns; SARIF uses 1-based UTF-16 columns (its default
/// column kind). Range ends are exclusive. A diagnostic whose range is invalid
/// has no location. The summary counts diagnostics by severity (the notes
/// attached to a diagnostic are not counted).
void renderDiagnostics(llvm::raw_ostream &OS, OutputFormat Format,
                       llvm::ArrayRef<Diagnostic> Diags,
                       const SourceManager &SM, const RenderOptions &Opts);

} // namespace remit

#endif
