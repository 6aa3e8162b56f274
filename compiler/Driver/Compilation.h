//===- Compilation.h - One run of the compiler pipeline ---------*- C++ -*-===//
//
// The single entry point shared by remitc and remit-lsp: load (with an
// optional overlay of unsaved text), parse, analyse, apply the check
// configuration and `@allow` suppressions, and sort the diagnostics. Owns
// everything it produced.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_DRIVER_COMPILATION_H
#define REMIT_DRIVER_COMPILATION_H

#include "Load/Loader.h"
#include "Sema/Model.h"
#include <memory>

namespace remit {

struct CompileOptions {
  /// Files and directories that make up the model.
  std::vector<std::string> Roots;
  /// Text with no file behind it: (path, contents). Used by tests.
  std::vector<std::pair<std::string, std::string>> VirtualFiles;
  LoadOptions Load;
  /// Threads the compilation may use to parse files and run check families;
  /// 0 means one per hardware thread, 1 runs everything on the caller's.
  /// The result does not depend on it.
  unsigned Jobs = 0;
  /// The date (days since 1970-01-01) date-based rules compare against, such
  /// as an `@allow`'s `until`; unset means today (UTC).
  std::optional<int64_t> AsOfDay;
  /// One change to the check configuration over the model's `checks`
  /// blocks (the command line's --severity, --disable and --enable).
  struct CheckOverride {
    enum ActionKind { SetSeverity, Disable, Enable } Action;
    std::string Check; ///< A registered, configurable check name.
    Severity Level = Severity::Warning; ///< For SetSeverity.
  };
  /// Applied in order, so a later change wins.
  std::vector<CheckOverride> Overrides;
  std::vector<std::pair<std::string, int64_t>> Thresholds;
  /// Roles to treat as vacant (`remitc whatif --vacate`), by name.
  std::vector<std::string> Vacate;
  /// Run the organisational checks (Checks/) after analysis. Off only for
  /// tests of the earlier phases.
  bool RunChecks = true;
};

/// Today's date in days since 1970-01-01 (UTC).
int64_t todayInDays();

/// Wall-clock seconds each phase of a run took.
struct PhaseTimes {
  double Load = 0;      ///< Reading, decoding and parsing every file.
  double Analyze = 0;   ///< Declaring, resolving and lowering (sema).
  double Check = 0;     ///< The organisational checks.
  double Configure = 0; ///< Severities, suppressions and sorting.
};

/// The result of compiling one model.
class Compilation {
public:
  /// Runs the pipeline. Never fails: problems are diagnostics.
  static std::unique_ptr<Compilation> run(const CompileOptions &Opts);

  const SourceManager &sources() const { return *SM; }
  const sema::Model &model() const { return *M; }
  llvm::ArrayRef<std::shared_ptr<ast::File>> files() const {
    return Loaded.Files;
  }
  /// The syntax tree of file \p ID, or null if it is not part of the model.
  const ast::File *fileAST(FileID ID) const;
  /// Sorted, configured diagnostics of the whole model.
  const std::vector<Diagnostic> &diagnostics() const { return Diags; }
  /// Findings an `@allow` suppressed, sorted, with the reason it gives.
  const std::vector<Diagnostic> &suppressed() const { return Suppressed; }
  const PhaseTimes &times() const { return Times; }
  /// Names in CompileOptions::Vacate that name no role of the model.
  const std::vector<std::string> &unknownVacate() const {
    return UnknownVacate;
  }
  /// The stdlib directory the model was loaded with; empty: embedded.
  const std::string &stdlibDir() const { return StdlibDir; }
  /// A given path could not be read (exit code 2 in remitc).
  bool hadIOError() const { return Loaded.HadIOError; }

private:
  Compilation() = default;
  void overrideConfiguration(const CompileOptions &Opts);
  void applyConfiguration(int64_t AsOfDay);

  /// Shared with the ParseCache in CompileOptions::Load, if any.
  std::shared_ptr<SourceManager> SM;
  LoadedModel Loaded;
  std::unique_ptr<sema::Model> M;
  std::vector<Diagnostic> Diags, Suppressed;
  std::vector<std::string> UnknownVacate;
  std::string StdlibDir;
  PhaseTimes Times;
};

} // namespace remit

#endif
