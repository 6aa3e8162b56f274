//===- AtomicFile.cpp - Replace a file's contents all at once -------------===//
#include "Basic/AtomicFile.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <unistd.h>

using namespace remit;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

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
  if (!fs::status(Target, Status))
    Perms = Status.permissions();

  llvm::SmallString<256> Model(path::parent_path(Target));
  path::append(Model, "." + path::filename(Target) + ".tmp-%%%%%%%%");
  int FD;
  llvm::SmallString<256> Temp;
  if (std::error_code EC = fs::createUniqueFile(Model, FD, Temp))
    return Failed("creating a temporary file", EC);
  std::error_code EC;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Contents;
    OS.flush();
    if (!OS.has_error() && ::fsync(FD) != 0)
      EC = std::error_code(errno, std::generic_category());
    if (OS.has_error()) {
      EC = OS.error();
      OS.clear_error();
    }
  }
  if (!EC)
    EC = fs::setPermissions(Temp, Perms);
  if (!EC)
    EC = fs::rename(Temp, Target);
  if (EC) {
    fs::remove(Temp);
    return Failed("writing the new contents", EC);
  }
  return llvm::Error::success();
}
