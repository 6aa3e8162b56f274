//===- FileAccess.cpp - Open model files safely; confine them -------------===//
#include "Load/FileAccess.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace remit;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {
/// "no such file or directory": system messages start lowercase here, and
/// the ones a hostile tree provokes say what was found.
std::string describeErrno(int Errno) {
  switch (Errno) {
  case ELOOP:
    return "it is a symbolic link loop (or a chain of more than 40 links)";
  case ENXIO:
    return "it is a socket or a device, not a regular file";
  default:
    break;
  }
  std::string Message = std::strerror(Errno);
  if (!Message.empty())
    Message[0] = static_cast<char>(std::tolower(Message[0]));
  return Message;
}

/// Why a file of mode \p Mode is not read, or empty for a regular file.
std::string describeType(mode_t Mode) {
  if (S_ISREG(Mode))
    return "";
  if (S_ISDIR(Mode))
    return "it is a directory; import a `.remit` file";
  if (S_ISFIFO(Mode))
    return "it is a FIFO (named pipe), not a regular file";
  if (S_ISCHR(Mode))
    return "it is a character device, not a regular file";
  if (S_ISBLK(Mode))
    return "it is a block device, not a regular file";
  if (S_ISSOCK(Mode))
    return "it is a socket, not a regular file";
  return "it is not a regular file";
}

/// Whether \p Path is \p Dir or under it; both absolute without dots.
bool isUnder(llvm::StringRef Path, llvm::StringRef Dir) {
  if (Dir == "/")
    return Path.startswith("/");
  return Path.startswith(Dir) &&
         (Path.size() == Dir.size() || Path[Dir.size()] == '/');
}
} // namespace

std::string remit::describeFileError(std::error_code EC) {
  if (EC.category() == std::generic_category() ||
      EC.category() == std::system_category())
    return describeErrno(EC.value());
  std::string Message = EC.message();
  if (!Message.empty())
    Message[0] = static_cast<char>(std::tolower(Message[0]));
  return Message;
}

SourceRead remit::readSourceFile(llvm::StringRef Path, uint64_t MaxSize) {
  SourceRead R;
  std::string P = Path.str();
  struct stat Before;
  if (::stat(P.c_str(), &Before) != 0) {
    R.Why = describeErrno(errno);
    return R;
  }
  if (std::string Why = describeType(Before.st_mode); !Why.empty()) {
    R.Why = Why;
    return R;
  }
  if (static_cast<uint64_t>(Before.st_size) > MaxSize) {
    R.TooLarge = Before.st_size;
    return R;
  }
  // Opened without blocking (a FIFO swapped in after the check would
  // otherwise wait for a writer), then checked again on the descriptor.
  int FD = ::open(P.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (FD < 0) {
    R.Why = describeErrno(errno);
    return R;
  }
  struct stat After;
  if (::fstat(FD, &After) != 0 || !S_ISREG(After.st_mode) ||
      After.st_dev != Before.st_dev || After.st_ino != Before.st_ino) {
    ::close(FD);
    R.Why = "it changed while it was being read";
    return R;
  }
  std::string Text;
  Text.resize(std::min<uint64_t>(After.st_size, MaxSize) + 1);
  size_t Got = 0;
  while (true) {
    if (Got == Text.size()) {
      if (Got > MaxSize)
        break;
      Text.resize(std::min<uint64_t>(Text.size() * 2, MaxSize + 1));
    }
    ssize_t N = ::read(FD, &Text[Got], Text.size() - Got);
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0) {
      R.Why = describeErrno(errno);
      ::close(FD);
      return R;
    }
    if (N == 0)
      break;
    Got += static_cast<size_t>(N);
  }
  ::close(FD);
  if (Got > MaxSize) {
    R.TooLarge = Got;
    return R;
  }
  Text.resize(Got);
  R.Text = std::move(Text);
  return R;
}

void Confinement::allowDirectory(llvm::StringRef Dir) {
  llvm::SmallString<256> Abs(Dir);
  fs::make_absolute(Abs);
  path::remove_dots(Abs, /*remove_dot_dot=*/true);
  auto Add = [this](llvm::StringRef D) {
    if (D.size() > 1)
      D = D.rtrim('/');
    if (!llvm::is_contained(Dirs, D))
      Dirs.push_back(D.str());
  };
  // Both names: paths are compared as written and after resolving symlinks.
  Add(Abs);
  llvm::SmallString<256> Real;
  if (!fs::real_path(Abs, Real))
    Add(Real);
}

bool Confinement::allows(llvm::StringRef Path) const {
  auto Inside = [&](llvm::StringRef P) {
    return llvm::any_of(Dirs,
                        [&](const std::string &D) { return isUnder(P, D); });
  };
  if (!Inside(Path))
    return false;
  llvm::SmallString<256> Real;
  return fs::real_path(Path, Real) || Inside(Real);
}
