//===- FileAccess.h - Open model files safely; confine them -----*- C++ -*-===//
//
// Two defences for models from untrusted sources (pull requests in CI,
// workspaces in an editor). `readSourceFile` reads only regular files, never
// blocks on a FIFO or touches a device, and bounds the size it reads.
// `Confinement` holds the directories a model may read from (the paths it was
// given and the stdlib) and answers whether a file's real path, after `..`
// and symlinks, lies under one of them.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_LOAD_FILEACCESS_H
#define REMIT_LOAD_FILEACCESS_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace remit {

/// What reading a source file gave.
struct SourceRead {
  /// The file's bytes; std::nullopt on failure.
  std::optional<std::string> Text;
  /// Why it failed, lowercase, for `file.unreadable` ("it is a FIFO, ...").
  std::string Why;
  /// Set when it failed because the file is larger than the limit.
  std::optional<uint64_t> TooLarge;
};

/// Reads \p Path if it is a regular file of at most \p MaxSize bytes. The
/// file is checked before it is opened (a device is never opened), opened
/// without blocking and checked again on the open descriptor, and at most
/// \p MaxSize + 1 bytes are read, so a file that grows is still refused.
SourceRead readSourceFile(llvm::StringRef Path, uint64_t MaxSize);

/// Why a file could not be opened, lowercase, as `file.unreadable` says it:
/// the system's message, or what a hostile tree provokes in words.
std::string describeFileError(std::error_code EC);

/// The directories a model may read files from.
class Confinement {
public:
  /// Allows every file under directory \p Dir (resolved through symlinks).
  void allowDirectory(llvm::StringRef Dir);
  /// True when \p Path, absolute and free of `.`/`..`, is under an allowed
  /// directory both as written and after resolving symlinks (a path that
  /// does not exist is judged as written).
  bool allows(llvm::StringRef Path) const;
  /// The allowed directories, sorted, for messages.
  const std::vector<std::string> &directories() const { return Dirs; }

private:
  std::vector<std::string> Dirs;
};

} // namespace remit

#endif
