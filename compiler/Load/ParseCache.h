//===- ParseCache.h - Parsed files kept between compilations ----*- C++ -*-===//
//
// A language server compiles the whole model on every edit but re-parses only
// the files whose text changed. The cache owns the SourceManager that every
// compilation made with it shares, so a path keeps its FileID for the life of
// the cache, and it keeps each file's AST and parse diagnostics keyed by the
// exact text they came from.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_LOAD_PARSECACHE_H
#define REMIT_LOAD_PARSECACHE_H

#include "AST/AST.h"
#include "Diagnostics/Diagnostic.h"
#include <memory>
#include <unordered_map>

namespace remit {

/// Parsed files by FileID, and the SourceManager they live in. A compilation
/// made with the cache stays valid only until the next compilation with the
/// same cache: the buffers of changed files are replaced in place.
class ParseCache {
public:
  /// The result of reading and parsing one text.
  struct Entry {
    std::shared_ptr<ast::File>
        AST; ///< Null if the text failed its encoding check.
    std::vector<Diagnostic> Diags; ///< Encoding and syntax diagnostics.
    bool Used = false;             ///< Loaded since the last startLoad().
  };

  ParseCache();
  ~ParseCache();

  /// The SourceManager shared by every compilation made with this cache.
  const std::shared_ptr<SourceManager> &sources() const { return SM; }

  /// The file at \p Path holding exactly \p Text: its existing buffer when
  /// the text is unchanged, else a new or replaced buffer (dropping the old
  /// AST). Cached is set when the text was parsed before. Every load made
  /// with one cache must use the same ParseOptions.
  struct Lookup {
    FileID ID = 0;
    Entry *Cached = nullptr;
  };
  Lookup lookup(llvm::StringRef Path, llvm::StringRef DisplayName,
                llvm::StringRef Text, FileOrigin Origin);
  /// Records what parsing file \p ID produced, and returns the stored entry.
  Entry *store(FileID ID, Entry E);

  /// Marks every entry unused; a load marks the files it reads.
  void startLoad();
  /// Frees the ASTs and text of files the last load did not read (a file
  /// deleted from the workspace, an import removed). Their FileIDs stay
  /// reserved for their paths.
  void evictUnused();

  /// How many files were parsed (not reused) since the cache was made.
  unsigned parses() const { return Parses; }

private:
  std::shared_ptr<SourceManager> SM;
  std::unordered_map<FileID, Entry>
      Entries; ///< Node-based: entries never move.
  unsigned Parses = 0;
};

} // namespace remit

#endif
