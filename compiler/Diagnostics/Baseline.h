//===- Baseline.h - Findings known before a change --------------*- C++ -*-===//
//
// `remitc check --baseline FILE` fails only on findings that are not in an
// earlier `--format json` or SARIF output, and `remitc diff` reports findings
// introduced and fixed. Both match findings by findingKey: the check name and
// the names the message quotes, never positions, which move with every edit.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_DIAGNOSTICS_BASELINE_H
#define REMIT_DIAGNOSTICS_BASELINE_H

#include "Diagnostics/Diagnostic.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace remit {

/// The identity of a finding: its check name and every span its message
/// quotes in backticks outside parentheses, in order (messages name the
/// things involved that way: "decision `roadmap` has 2 owners (`cio` and
/// `cpo`)" is keyed by `roadmap`; the parenthesised list is detail that may
/// grow without making it another finding). A message that quotes nothing is
/// its own identity. Unquoted text such as counts and positions is ignored,
/// so the key survives edits that move the finding.
std::string findingKey(llvm::StringRef Check, llvm::StringRef Message);

/// A multiset of finding keys.
class Baseline {
public:
  /// Reads an earlier `remitc check --format json` or `--format sarif`
  /// output; the error says what is wrong with the file.
  static llvm::Expected<Baseline> load(llvm::StringRef Path);
  /// Parses the text of such an output.
  static llvm::Expected<Baseline> parse(llvm::StringRef Text);
  /// The keys of \p Diags.
  static Baseline of(llvm::ArrayRef<Diagnostic> Diags);

  void add(std::string Key) {
    ++Counts[Key];
    ++Total;
  }
  size_t size() const { return Total; }

  /// For each of \p Diags, whether it is in the baseline. Each baseline
  /// entry matches at most one finding, earlier findings first; \p Unmatched
  /// (if given) receives how many baseline entries matched nothing.
  std::vector<bool> match(llvm::ArrayRef<Diagnostic> Diags,
                          size_t *Unmatched = nullptr) const;

private:
  llvm::StringMap<unsigned> Counts;
  size_t Total = 0;
};

} // namespace remit

#endif
