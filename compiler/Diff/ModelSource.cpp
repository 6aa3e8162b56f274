//===- ModelSource.cpp - A model from the disk or a git revision ----------===//
#include "Diff/ModelSource.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

using namespace remit;
namespace fs = llvm::sys::fs;

ModelSpec ModelSpec::parse(llvm::StringRef Text, llvm::StringRef DefaultPath) {
  ModelSpec S;
  if (!Text.consume_front("git:")) {
    S.Path = Text.str();
    return S;
  }
  llvm::StringRef Rev, Path;
  std::tie(Rev, Path) = Text.split(':');
  S.Revision = Rev.str();
  S.Path = Path.empty() ? DefaultPath.str() : Path.str();
  if (S.Path.empty())
    S.Path = ".";
  return S;
}

namespace {
llvm::Error gitError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 Message.str().c_str());
}

/// A temporary file removed when this goes out of scope.
struct TempFile {
  llvm::SmallString<128> Path;
  ~TempFile() {
    if (!Path.empty())
      fs::remove(Path);
  }
};

/// Runs `git ARGS` in the current directory with \p Input on its standard
/// input; returns its standard output, or an error quoting git's message.
llvm::Expected<std::string> runGit(llvm::ArrayRef<std::string> Args,
                                   llvm::StringRef Input = "") {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return gitError("`git` is not installed or not on PATH");
  TempFile In, Out, Err;
  if (fs::createTemporaryFile("remit-git-in", "txt", In.Path) ||
      fs::createTemporaryFile("remit-git-out", "txt", Out.Path) ||
      fs::createTemporaryFile("remit-git-err", "txt", Err.Path))
    return gitError("cannot create temporary files for git");
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(In.Path, EC);
    OS << Input;
  }
  std::vector<llvm::StringRef> Argv{"git"};
  for (const std::string &A : Args)
    Argv.push_back(A);
  llvm::Optional<llvm::StringRef> Redirects[] = {llvm::StringRef(In.Path),
                                                 llvm::StringRef(Out.Path),
                                                 llvm::StringRef(Err.Path)};
  std::string ErrMsg;
  int RC = llvm::sys::ExecuteAndWait(*Git, Argv, llvm::None, Redirects, 0, 0,
                                     &ErrMsg);
  if (RC < 0)
    return gitError("cannot run git: " + ErrMsg);
  if (RC != 0) {
    auto E = llvm::MemoryBuffer::getFile(Err.Path);
    llvm::StringRef Msg = E ? (*E)->getBuffer().trim() : "";
    Msg = Msg.split('\n').first;
    Msg.consume_front("fatal: ");
    return gitError(Msg.empty() ? "git failed" : Msg);
  }
  auto O = llvm::MemoryBuffer::getFile(Out.Path, /*IsText=*/false,
                                       /*RequiresNullTerminator=*/false);
  if (!O)
    return gitError("cannot read git's output");
  return (*O)->getBuffer().str();
}

std::string absolutePath(llvm::StringRef P) {
  llvm::SmallString<256> Abs(P);
  fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}
} // namespace

llvm::Expected<llvm::StringMap<std::string>>
remit::readGitTree(llvm::StringRef Revision) {
  llvm::Expected<std::string> Up = runGit({"rev-parse", "--show-cdup"});
  if (!Up)
    return gitError("`git:" + Revision +
                    "` needs a git repository: " + toString(Up.takeError()));
  std::string Cdup = llvm::StringRef(*Up).trim().str();
  if (Revision.empty() || Revision.startswith("-"))
    return gitError("`git:" + Revision + "` does not name a revision");
  llvm::Expected<std::string> Commit = runGit(
      {"rev-parse", "--verify", "--quiet", (Revision + "^{commit}").str()});
  if (!Commit) {
    llvm::consumeError(Commit.takeError());
    return gitError("unknown git revision `" + Revision + "`");
  }
  std::string Rev = llvm::StringRef(*Commit).trim().str();
  llvm::Expected<std::string> List =
      runGit({"ls-tree", "-r", "-z", "--full-tree", "--name-only", Rev});
  if (!List)
    return List.takeError();
  std::vector<std::string> Names;
  std::string Request;
  for (llvm::StringRef Rest = *List; !Rest.empty();) {
    llvm::StringRef Name;
    std::tie(Name, Rest) = Rest.split('\0');
    if (!Name.endswith(".remit") || Name.contains('\n'))
      continue;
    Names.push_back(Name.str());
    Request += Rev + ":" + Name.str() + "\n";
  }
  llvm::StringMap<std::string> Files;
  if (Names.empty())
    return Files;
  llvm::Expected<std::string> Blobs = runGit({"cat-file", "--batch"}, Request);
  if (!Blobs)
    return Blobs.takeError();
  // Each answer: "<oid> blob <size>\n<contents>\n", or "<name> missing\n".
  llvm::StringRef Rest = *Blobs;
  for (const std::string &Name : Names) {
    llvm::StringRef Header;
    std::tie(Header, Rest) = Rest.split('\n');
    llvm::SmallVector<llvm::StringRef, 3> Parts;
    Header.split(Parts, ' ');
    size_t Size;
    if (Parts.size() != 3 || Parts[1] != "blob" ||
        Parts[2].getAsInteger(10, Size) || Size + 1 > Rest.size())
      continue;
    Files[absolutePath(Cdup + Name)] = Rest.take_front(Size).str();
    Rest = Rest.drop_front(Size + 1);
  }
  return Files;
}

llvm::Expected<std::unique_ptr<LoadedSide>>
remit::loadModel(const ModelSpec &Spec, CompileOptions Base) {
  auto Side = std::make_unique<LoadedSide>();
  if (!Spec.Revision.empty()) {
    llvm::Expected<llvm::StringMap<std::string>> Tree =
        readGitTree(Spec.Revision);
    if (!Tree)
      return Tree.takeError();
    Side->Overlay = std::move(*Tree);
    Base.Load.Overlay = &Side->Overlay;
    Base.Load.OverlayOnly = true;
  }
  Base.Roots = {Spec.Path};
  Side->C = Compilation::run(Base);
  return Side;
}
