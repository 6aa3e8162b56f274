//===- ModelSource.h - A model from the disk or a git revision --*- C++ -*-===//
//
// `remitc diff` compares models named as paths or as `git:REV[:PATH]`. A
// revision is read with the `git` program (ls-tree and cat-file) into an
// overlay of the whole tree's `.remit` files, so imports resolve as they did
// at that revision and nothing is read from the working tree.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_DIFF_MODELSOURCE_H
#define REMIT_DIFF_MODELSOURCE_H

#include "Driver/Compilation.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>

namespace remit {

/// Where a model comes from: a path, or a path at a git revision.
struct ModelSpec {
  std::string Path;     ///< A file or directory.
  std::string Revision; ///< Empty for the working tree.

  /// Parses `PATH`, `git:REV` (PATH is \p DefaultPath) or `git:REV:PATH`.
  static ModelSpec parse(llvm::StringRef Text, llvm::StringRef DefaultPath);
};

/// The `.remit` files of the current repository at \p Revision, keyed by
/// absolute path as the working tree would name them. Fails if git is
/// missing, this is not a repository or the revision is unknown.
llvm::Expected<llvm::StringMap<std::string>>
readGitTree(llvm::StringRef Revision);

/// A compilation together with the overlay it read from (kept alive).
struct LoadedSide {
  llvm::StringMap<std::string> Overlay;
  std::unique_ptr<Compilation> C;
};

/// Compiles the model \p Spec names. \p Base supplies the stdlib and as-of
/// options; Roots and the overlay are set here.
llvm::Expected<std::unique_ptr<LoadedSide>> loadModel(const ModelSpec &Spec,
                                                      CompileOptions Base);

} // namespace remit

#endif
