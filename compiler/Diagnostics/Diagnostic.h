//===- Diagnostic.h - Diagnostics, their registry and the engine -*- C++
//-*-===//
//
// Every finding the toolchain reports is a Diagnostic whose kind comes from
// the one registry in DiagnosticKinds.def. Phases report into a
// DiagnosticEngine; renderers (Render.h) turn the sorted list into text.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_DIAGNOSTICS_DIAGNOSTIC_H
#define REMIT_DIAGNOSTICS_DIAGNOSTIC_H

#include "Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <fmt/format.h>
#include <optional>
#include <string>
#include <vector>

namespace remit {

/// How serious a finding is. Ordered: a higher value is more severe.
enum class Severity : uint8_t { Note, Warning, Error };

/// "note", "warning" or "error".
llvm::StringRef severityName(Severity S);
/// Parses "note", "warning" or "error".
std::optional<Severity> parseSeverity(llvm::StringRef Name);

/// One id per registered diagnostic.
enum class DiagID : uint16_t {
#define DIAG(ID, NAME, SEV, CONFIGURABLE, FORMAT) ID,
#include "Diagnostics/DiagnosticKinds.def"
};

/// The registry entry of a diagnostic.
struct DiagInfo {
  DiagID ID;
  llvm::StringRef Name;     ///< Stable dotted name, e.g. `name.undefined`.
  Severity DefaultSeverity; ///< Severity before configuration.
  bool Configurable;        ///< Whether `checks`/`@allow` may change it.
  llvm::StringRef Format;   ///< fmt format string of the message.
  llvm::StringRef Explain;  ///< Markdown rationale and examples.
  /// The default threshold of a check that takes one (CheckThresholds.def).
  std::optional<int64_t> DefaultThreshold;
  llvm::StringRef ThresholdMeaning; ///< What the threshold counts.
};

/// Every registered diagnostic, in registry order.
llvm::ArrayRef<DiagInfo> getAllDiagInfos();
const DiagInfo &getDiagInfo(DiagID ID);
/// Looks a diagnostic up by its dotted name.
const DiagInfo *findDiagInfo(llvm::StringRef Name);

/// A replacement of the text in Range (insertion when the range is empty).
struct TextEdit {
  SourceRange Range;
  std::string NewText;
};

/// A fix the user can apply: a title and the edits it makes.
struct Fix {
  std::string Title;
  std::vector<TextEdit> Edits;
};

/// A related location with its own message ("first declared here").
struct DiagNote {
  SourceRange Range;
  std::string Message;
};

/// One finding.
struct Diagnostic {
  DiagID ID;
  Severity Sev;
  SourceRange Range; ///< Primary range; invalid for file-less findings.
  std::string Message;
  std::vector<DiagNote> Notes;
  std::vector<Fix> Fixes;
  /// For a finding an `@allow` suppressed: the reason it gives.
  std::optional<std::string> SuppressedBecause;

  llvm::StringRef name() const { return getDiagInfo(ID).Name; }

  Diagnostic &note(SourceRange R, std::string Message) {
    Notes.push_back({R, std::move(Message)});
    return *this;
  }
  Diagnostic &fix(std::string Title, std::vector<TextEdit> Edits) {
    Fixes.push_back({std::move(Title), std::move(Edits)});
    return *this;
  }
};

/// Collects diagnostics from every phase.
class DiagnosticEngine {
public:
  /// Reports \p ID at \p R with its registry message formatted from \p Args.
  /// The returned reference is valid until the next report.
  template <typename... Ts>
  Diagnostic &report(DiagID ID, SourceRange R, const Ts &...Args) {
    return add(ID, R, fmt::format(fmt::runtime(fmtString(ID)), Args...));
  }

  const std::vector<Diagnostic> &diagnostics() const { return Diags; }
  std::vector<Diagnostic> &diagnostics() { return Diags; }
  /// Moves the diagnostics out, leaving the engine empty.
  std::vector<Diagnostic> take() { return std::move(Diags); }

  unsigned count(Severity S) const;
  bool hasErrors() const { return count(Severity::Error) != 0; }

private:
  static std::string_view fmtString(DiagID ID);
  Diagnostic &add(DiagID ID, SourceRange R, std::string Message);
  std::vector<Diagnostic> Diags;
};

/// Sorts diagnostics deterministically (file display name, offset, name,
/// message) and removes exact duplicates.
void sortDiagnostics(std::vector<Diagnostic> &Diags, const SourceManager &SM);

/// Exit code for a run: 1 when any diagnostic is an error (or a warning with
/// \p WarningsAreErrors), else 0.
int exitCodeFor(llvm::ArrayRef<Diagnostic> Diags, bool WarningsAreErrors);

/// The closest candidate to \p Name by edit distance, if it is close enough to
/// be a plausible typo (at most a third of the name's length, minimum 1).
/// Ties go to the alphabetically first, so the candidates' order does not
/// matter.
/// Linear in the candidates: names over 256 bytes get no suggestion.
std::optional<std::string>
closestMatch(llvm::StringRef Name, llvm::ArrayRef<llvm::StringRef> Candidates);

} // namespace remit

#endif
