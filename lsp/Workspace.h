//===- Workspace.h - The model an editor is looking at ----------*- C++ -*-===//
//
// The server's facade over the compiler library, free of LSP and JSON: open
// documents overlay the disk, every `.remit` file under the workspace folders
// (plus the open documents, their imports and the stdlib) is one model, and
// analysis re-parses only the files whose text changed (ParseCache). Features
// (Features.h) answer in the compiler's terms: paths, FileIDs, byte offsets.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_LSP_WORKSPACE_H
#define REMIT_LSP_WORKSPACE_H

#include "Driver/Compilation.h"
#include "Load/ParseCache.h"
#include <map>
#include <memory>
#include <optional>

namespace remit::lsp {

/// How the model is analysed, in the compiler's terms.
struct AnalysisSettings {
  std::string StdlibDir; ///< Empty: the embedded stdlib.
  std::optional<int64_t> AsOfDay;
  /// Imports may reach files outside the workspace folders and the stdlib.
  bool AllowOutsideImports = false;
  std::vector<CompileOptions::CheckOverride> Overrides;
  std::vector<std::pair<std::string, int64_t>> Thresholds;
};

/// The overrides of a check profile an editor may choose without editing the
/// model: `default` (none) or `strict` (every configurable warning becomes an
/// error, as std.profiles' `strict`). std::nullopt for any other name.
std::optional<std::vector<CompileOptions::CheckOverride>>
profileOverrides(llvm::StringRef Profile);

/// One open document: the editor's text, which wins over the disk.
struct Document {
  std::string Text;
  int64_t Version = 0;
};

class Workspace {
public:
  Workspace();
  ~Workspace();

  /// The folders whose `.remit` files make up the model (absolute paths).
  void setFolders(std::vector<std::string> Folders);
  const std::vector<std::string> &folders() const { return Folders; }
  void setSettings(AnalysisSettings S);

  void openDocument(const std::string &Path, std::string Text, int64_t Version);
  /// Replaces an open document's text. False if it is not open.
  bool updateDocument(const std::string &Path, std::string Text,
                      int64_t Version);
  /// False if it was not open.
  bool closeDocument(const std::string &Path);
  const Document *document(const std::string &Path) const;
  const std::map<std::string, Document> &documents() const { return Docs; }
  /// Files on the disk changed (created, changed or deleted): forget what
  /// was read of them. An empty list means any file may have changed.
  void diskChanged(llvm::ArrayRef<std::string> Paths);

  /// The analysis of the current text, compiled again only if something
  /// changed since the last call. Never null.
  const Compilation &analysis();
  /// Frees the analysis the current one replaced. Freeing a whole model's
  /// analysis costs about a tenth of compiling it, so analysis() leaves it
  /// for the server to free when nothing is waiting: an edit's diagnostics
  /// do not wait for the previous edit's memory to be returned.
  void releaseRetired() { Retired.reset(); }
  /// The FileID of \p Path in the current analysis, or 0 if it is not part
  /// of the model.
  FileID fileOf(const std::string &Path);
  /// How many times the model was analysed, and how many files were parsed
  /// in all (reused files are not parsed again).
  unsigned analyses() const { return Analyses; }
  unsigned parses() const { return Cache->parses(); }

private:
  std::vector<std::string> Folders;
  AnalysisSettings Settings;
  std::map<std::string, Document> Docs;
  /// What the loader reads instead of the disk: every open document, and the
  /// text of every other file of the model as last read from the disk, so an
  /// edit does not read the whole workspace again. Watched-file events drop
  /// the disk texts they name.
  llvm::StringMap<std::string> Overlay;
  /// The paths in Overlay that hold disk text, not an open document.
  llvm::StringMap<bool> FromDisk;
  std::unique_ptr<ParseCache> Cache;
  std::unique_ptr<Compilation> Current;
  /// The analysis Current replaced, not yet freed. Its text may have been
  /// replaced under it: it is only ever destroyed, never read.
  std::unique_ptr<Compilation> Retired;
  bool Stale = true;
  unsigned Analyses = 0;
};

} // namespace remit::lsp

#endif
