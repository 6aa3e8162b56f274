//===- AtomicFile.h - Replace a file's contents all at once -----*- C++ -*-===//
//
// Every file the tools write (`fmt --write`, `graph -o`, `report -o`,
// `build -o`) goes through here, so none is ever left half-written: the new
// text goes to a temporary file in the same directory, which is flushed to
// disk and then renamed over the original (an atomic step on POSIX). A full
// disk or a read-only directory is an error and the old file stays as it was.
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
/// A target that exists but is not a regular file (`/dev/null`, a FIFO, a
/// terminal) is a stream, not a file to replace: it is written directly.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Contents);

/// The steps of writeFileAtomically, for tests that make one fail.
enum class AtomicWriteStep { None, Create, Write, Sync, Rename };

/// Tests only: every later writeFileAtomically fails at \p Step with
/// \p Error (say ENOSPC) as if the system call had; None turns this off.
void failAtomicWritesForTesting(AtomicWriteStep Step, int Error);

} // namespace remit

#endif
