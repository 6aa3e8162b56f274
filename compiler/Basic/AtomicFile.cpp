//===- AtomicFile.cpp - Replace a file's contents all at once -------------===//
#include "Basic/AtomicFile.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

using namespace remit;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {
AtomicWriteStep FailAt = AtomicWriteStep::None;
int FailWith = 0;

/// The injected failure of \p Step, if any (tests).
std::error_code injected(AtomicWriteStep Step) {
  if (FailAt != Step)
    return {};
  return std::error_code(FailWith, std::generic_category());
}

std::error_code lastError() {
  return std::error_code(errno, std::generic_category());
}

/// Writes all of \p Contents to \p FD.
std::error_code writeAll(int FD, llvm::StringRef Contents) {
  if (std::error_code EC = injected(AtomicWriteStep::Write))
    return EC;
  while (!Contents.empty()) {
    ssize_t N = ::write(FD, Contents.data(), Contents.size());
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0)
      return lastError();
    Contents = Contents.drop_front(static_cast<size_t>(N));
  }
  return {};
}
} // namespace

void remit::failAtomicWritesForTesting(AtomicWriteStep Step, int Error) {
  FailAt = Step;
  FailWith = Error;
}

llvm::Error remit::writeFileAtomically(llvm::StringRef Path,
                                       llvm::StringRef Contents) {
  auto Failed = [&](const llvm::Twine &What, std::error_code EC) {
    return llvm::createStringError(EC, "cannot write `%s`: %s: %s",
                                   Path.str().c_str(), What.str().c_str(),
                                   EC.message().c_str());
  };
  llvm::SmallString<256> Target;
  if (fs::real_path(Path, Target))
    Target = Path;
  fs::perms Perms = fs::perms::all_read | fs::perms::owner_write;
  fs::file_status Status;
  if (!fs::status(Target, Status)) {
    if (fs::is_directory(Status))
      return Failed("opening it",
                    std::make_error_code(std::errc::is_a_directory));
    if (!fs::is_regular_file(Status)) {
      // A device or a pipe: renaming over it would replace the device node.
      int FD = ::open(Target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
      if (FD < 0)
        return Failed("opening it", lastError());
      std::error_code EC = writeAll(FD, Contents);
      if (::close(FD) != 0 && !EC)
        EC = lastError();
      if (EC)
        return Failed("writing to it", EC);
      return llvm::Error::success();
    }
    Perms = Status.permissions();
  }

  llvm::SmallString<256> Dir(path::parent_path(Target));
  if (Dir.empty())
    Dir = ".";
  llvm::SmallString<256> Model(Dir);
  path::append(Model, "." + path::filename(Target) + ".tmp-%%%%%%%%");
  int FD;
  llvm::SmallString<256> Temp;
  std::error_code EC = injected(AtomicWriteStep::Create);
  if (EC || (EC = fs::createUniqueFile(Model, FD, Temp)))
    return Failed("creating a temporary file", EC);
  EC = writeAll(FD, Contents);
  if (!EC)
    EC = injected(AtomicWriteStep::Sync);
  if (!EC && ::fsync(FD) != 0)
    EC = lastError();
  if (::close(FD) != 0 && !EC)
    EC = lastError();
  if (!EC)
    EC = fs::setPermissions(Temp, Perms);
  if (!EC)
    EC = injected(AtomicWriteStep::Rename);
  if (!EC)
    EC = fs::rename(Temp, Target);
  if (EC) {
    fs::remove(Temp);
    return Failed("writing the new contents", EC);
  }
  // The rename is durable once the directory is on disk too; a failure
  // here changes nothing the caller can act on.
  int DirFD = ::open(Dir.c_str(), O_RDONLY | O_CLOEXEC | O_DIRECTORY);
  if (DirFD >= 0) {
    ::fsync(DirFD);
    ::close(DirFD);
  }
  return llvm::Error::success();
}
