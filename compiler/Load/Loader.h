//===- Loader.h - Find, read and parse every file of a model ----*- C++ -*-===//
//
// A model is every `.remit` file under the paths given plus their transitive
// imports. `import "x.remit"` is relative to the importing file; `import
// std.x` is a standard-library module, embedded in the binary unless a stdlib
// directory is given. Each file is loaded once. Files are read through an
// optional overlay so an editor's unsaved text wins over the disk.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_LOAD_LOADER_H
#define REMIT_LOAD_LOADER_H

#include "AST/AST.h"
#include "Diagnostics/Diagnostic.h"
#include "Load/FileAccess.h"
#include "Load/ParseCache.h"
#include "Parse/Parser.h"
#include "llvm/ADT/StringMap.h"
#include <memory>
#include <vector>

namespace remit {

struct LoadOptions {
  /// A directory holding `std/*.remit`; empty uses the embedded stdlib.
  std::string StdlibDir;
  /// Files larger than this are refused with `file.too-large`.
  uint64_t MaxFileSize = 16u << 20;
  /// Let imports (and symlinks under a directory given) reach files outside
  /// the directories of the roots and the stdlib; otherwise they are refused
  /// with `file.outside-root` (remitc's `--allow-outside-imports`).
  bool AllowOutsideImports = false;
  /// More files than this (roots and imports together) are not loaded, and
  /// a file's imports beyond the MaxImports-th are ignored; both are
  /// reported as `limit.exceeded`.
  unsigned MaxFiles = 10000;
  unsigned MaxImports = 1000;
  /// Unsaved contents by absolute path, consulted before the disk.
  const llvm::StringMap<std::string> *Overlay = nullptr;
  /// Read nothing from the disk: a path not in the overlay does not exist.
  /// For a model as it was at a git revision (`remitc diff git:REV`).
  bool OverlayOnly = false;
  ParseOptions Parse;
  /// Threads that parse files at the same time; 0 means one per hardware
  /// thread. The result does not depend on it. (Compilation sets it from
  /// CompileOptions::Jobs.)
  unsigned Jobs = 0;
  /// Parsed files kept from earlier loads; unchanged files are not parsed
  /// again. The Loader's SourceManager must then be the cache's.
  ParseCache *Cache = nullptr;
};

/// The parsed files of a model, in load order.
struct LoadedModel {
  /// Shared with a ParseCache when one is used.
  std::vector<std::shared_ptr<ast::File>> Files;
  /// A path given on the command line, or a file under it, could not be read.
  bool HadIOError = false;
};

/// Loads a model's files into a SourceManager.
class Loader {
public:
  Loader(SourceManager &SM, DiagnosticEngine &Diags, LoadOptions Opts);
  ~Loader();

  /// Adds a file or a directory (searched recursively for `*.remit`, in
  /// sorted order, skipping hidden entries). Returns false on an I/O error.
  /// The directory (or a file's directory) becomes one the model may read.
  bool addRoot(llvm::StringRef Path);
  /// Adds text with no file behind it (tests); its imports resolve against
  /// \p Path's directory.
  void addVirtualFile(llvm::StringRef Path, std::string Contents);
  /// Loads every pending file and import, and returns the result.
  LoadedModel load();

  /// Names of the stdlib modules available (`std.raci`, ...), sorted.
  std::vector<std::string> stdlibModules() const;

private:
  struct Pending;
  struct Job;
  void readFile(Job &J);
  void parseJob(Job &J) const;
  void mergeJob(Job &J);
  bool addOverlayDirectory(llvm::StringRef Root, llvm::StringRef Abs);
  void resolveImports(const ast::File &F);
  /// The text of \p Path: in the overlay, or read from the disk into
  /// \p Storage. Reports why not to \p Out and returns std::nullopt on
  /// failure.
  std::optional<llvm::StringRef>
  readText(llvm::StringRef Path, llvm::StringRef Shown, SourceRange From,
           bool IsRoot, std::string &Storage, DiagnosticEngine &Out);

  SourceManager &SM;
  DiagnosticEngine &Diags;
  LoadOptions Opts;
  std::vector<Pending> Queue;
  llvm::StringMap<bool> Seen;
  /// Refuses \p Abs (reported at \p From, shown as \p Shown) unless it is
  /// inside the model's directories or outside imports are allowed.
  bool confined(llvm::StringRef Abs, llvm::StringRef Shown, SourceRange From);
  /// Queues \p P unless the model already has MaxFiles files; then reports
  /// that once (at \p P's import, if any) and returns false.
  bool enqueue(Pending P);

  /// The directories of the roots and the stdlib: what may be read.
  Confinement Allowed;
  /// The MaxFiles limit was reported.
  bool TooManyFiles = false;
  /// stdlibModules(), listed once on the first module import.
  std::optional<std::vector<std::string>> KnownModules;
  LoadedModel Result;
};

/// Reports `file.encoding` and returns false unless file \p ID is valid
/// UTF-8 without NUL bytes, which the parser requires.
bool checkEncoding(const SourceManager &SM, FileID ID, DiagnosticEngine &Diags);

/// Appends to \p Out the absolute path of every `*.remit` file under directory
/// \p Dir, sorted, skipping hidden entries and not following symlinked
/// directories (a `.remit` symlink is listed). The one walk `check` and `fmt`
/// share.
std::error_code findRemitFiles(llvm::StringRef Dir,
                               std::vector<std::string> &Out);

/// The embedded stdlib: `std/raci.remit` and its text, sorted by path.
llvm::ArrayRef<std::pair<const char *, const char *>> embeddedStdlib();

} // namespace remit

#endif
