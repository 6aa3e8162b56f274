//===- AtomicFile.h - Replace a file's contents all at once -----*- C++ -*-===//
//
// `remitc fmt --write` must never leave a user's file half-written: the new
// text goes to a temporary file in the same directory, which is flushed to
// disk and then renamed over the original (an atomic step on POSIX).
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_BASIC_ATOMICFILE_H
#define REMIT_BASIC_ATOMICFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace remit {

/// Replaces the contents of \p Path with \p Contents atomically, keeping the
/// file's permission bits. A symlink is followed, so the link stays a link.
/// On failure the original file is unchanged and no temporary file is left.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Contents);

} // namespace remit

#endif
