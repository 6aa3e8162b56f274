//===- Loader.cpp - Find, read and parse every file of a model ------------===//
#include "Load/Loader.h"
#include "Basic/Parallel.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>

using namespace remit;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {
const std::pair<const char *, const char *> EmbeddedStdlib[] = {
#define REMIT_EMBED(P, T) {P, T},
#include "StdlibFiles.inc"
#undef REMIT_EMBED
};
/// Canonical-path prefix of embedded stdlib files.
constexpr llvm::StringLiteral EmbeddedPrefix = "<stdlib>/";

std::string absolutePath(llvm::StringRef P) {
  llvm::SmallString<256> Abs(P);
  fs::make_absolute(Abs);
  path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

/// The identity of a file: its real path (symlinks resolved) when it exists,
/// so a file reached through two names is loaded once.
std::string canonicalPath(llvm::StringRef P) {
  std::string Abs = absolutePath(P);
  llvm::SmallString<256> Real;
  if (!fs::real_path(Abs, Real))
    return std::string(Real);
  return Abs;
}

/// "no such file or directory": system messages start lowercase here.
std::string lowercaseFirst(std::string Message) {
  if (!Message.empty())
    Message[0] = llvm::toLower(Message[0]);
  return Message;
}

/// "17301504 bytes (16.5 MiB)": exact, so sizes near the limit never read
/// as equal.
std::string mebibytes(uint64_t Bytes) {
  return fmt::format("{} bytes ({:.1f} MiB)", Bytes,
                     static_cast<double>(Bytes) / (1 << 20));
}

/// How diagnostics name a file: relative to the working directory when the
/// file is under it, else absolute.
std::string displayName(llvm::StringRef Abs) {
  llvm::SmallString<256> Cwd;
  if (!fs::current_path(Cwd)) {
    llvm::StringRef Rel = Abs;
    if (Rel.consume_front(Cwd) && Rel.consume_front("/"))
      return Rel.str();
  }
  return Abs.str();
}
} // namespace

bool remit::checkEncoding(const SourceManager &SM, FileID ID,
                          DiagnosticEngine &Diags) {
  llvm::StringRef Buffer = SM.getBuffer(ID);
  size_t Nul = Buffer.find('\0');
  size_t BadByte = findInvalidUTF8(Buffer.substr(0, Nul));
  if (Nul == llvm::StringRef::npos && BadByte == llvm::StringRef::npos)
    return true;
  bool IsNul = BadByte == llvm::StringRef::npos;
  uint32_t At = static_cast<uint32_t>(IsNul ? Nul : BadByte);
  std::string Where = SM.formatLocation(ID, At);
  llvm::StringRef Name = SM.getDisplayName(ID);
  Diags.report(DiagID::FileEncoding, SourceRange{ID, At, At + 1},
               IsNul ? fmt::format("`{}` contains a NUL byte at {}; Remit "
                                   "files are UTF-8 text, not binary",
                                   Name.str(), Where)
                     : fmt::format("`{}` is not valid UTF-8: byte 0x{:02X} "
                                   "at {}; save the file as UTF-8",
                                   Name.str(),
                                   static_cast<unsigned char>(Buffer[At]),
                                   Where));
  return false;
}

std::error_code remit::findRemitFiles(llvm::StringRef Dir,
                                      std::vector<std::string> &Out) {
  // Directories are walked without following symlinked directories (no
  // loops); a `.remit` entry that is a symlink is followed to its file, and
  // one that is not a readable regular file is reported, never skipped.
  size_t First = Out.size();
  std::error_code EC;
  for (fs::recursive_directory_iterator It(Dir, EC, /*follow_symlinks=*/false),
       End;
       It != End && !EC; It.increment(EC)) {
    llvm::StringRef Name = path::filename(It->path());
    if (Name.startswith(".")) {
      It.no_push();
      continue;
    }
    if (!Name.endswith(".remit") || It->type() == fs::file_type::directory_file)
      continue;
    Out.push_back(absolutePath(It->path()));
  }
  std::sort(Out.begin() + First, Out.end());
  return EC;
}

llvm::ArrayRef<std::pair<const char *, const char *>> remit::embeddedStdlib() {
  return EmbeddedStdlib;
}

struct Loader::Pending {
  std::string Path;        ///< Canonical path (absolute, or <stdlib>/...).
  std::string DisplayName; ///< As diagnostics show it.
  FileOrigin Origin;
  SourceRange From; ///< The import that asked for it, if any.
  std::optional<std::string> Contents; ///< Set for virtual files.
};

Loader::Loader(SourceManager &SM, DiagnosticEngine &Diags, LoadOptions Opts)
    : SM(SM), Diags(Diags), Opts(std::move(Opts)) {
  if (!this->Opts.StdlibDir.empty())
    Allowed.allowDirectory(this->Opts.StdlibDir);
}
Loader::~Loader() = default;

bool Loader::addRoot(llvm::StringRef Root) {
  std::string Abs = absolutePath(Root);
  bool InOverlay = Opts.Overlay && Opts.Overlay->count(Abs);
  if (Opts.OverlayOnly && !InOverlay)
    return addOverlayDirectory(Root, Abs);
  fs::file_status Status;
  if (!InOverlay) {
    if (std::error_code EC = fs::status(Abs, Status)) {
      Diags.report(DiagID::FileUnreadable, SourceRange(), Root.str(),
                   describeFileError(EC));
      Result.HadIOError = true;
      return false;
    }
  }
  bool IsDirectory = !InOverlay && fs::is_directory(Status);
  Allowed.allowDirectory(IsDirectory ? llvm::StringRef(Abs)
                                     : path::parent_path(Abs));
  if (!IsDirectory) {
    std::string Canonical = InOverlay ? Abs : canonicalPath(Abs);
    if (!Seen.insert({Canonical, true}).second)
      return true;
    return enqueue({Canonical, displayName(Abs), FileOrigin::Disk, {}, {}});
  }
  std::vector<std::string> Found;
  if (std::error_code EC = findRemitFiles(Abs, Found)) {
    Diags.report(DiagID::FileUnreadable, SourceRange(), Root.str(),
                 lowercaseFirst(EC.message()));
    Result.HadIOError = true;
    return false;
  }
  if (Found.empty()) {
    Diags.report(DiagID::InputEmpty, SourceRange(),
                 fmt::format("no `.remit` files under `{}`", Root.str()));
    Result.HadIOError = true;
    return false;
  }
  for (std::string &F : Found) {
    if (!confined(F, displayName(F), SourceRange())) {
      Result.HadIOError = true;
      continue;
    }
    std::string Canonical = canonicalPath(F);
    if (Seen.insert({Canonical, true}).second)
      enqueue({Canonical, displayName(F), FileOrigin::Disk, {}, {}});
  }
  return true;
}

bool Loader::addOverlayDirectory(llvm::StringRef Root, llvm::StringRef Abs) {
  // The overlay's files under Abs, as findRemitFiles would list them.
  std::string Prefix = (Abs + "/").str();
  std::vector<std::string> Found;
  if (Opts.Overlay)
    for (const auto &Entry : *Opts.Overlay) {
      llvm::StringRef Key = Entry.getKey();
      if (Key.startswith(Prefix) && Key.endswith(".remit") &&
          !Key.drop_front(Prefix.size()).startswith(".") &&
          !Key.drop_front(Prefix.size()).contains("/."))
        Found.push_back(Key.str());
    }
  if (Found.empty()) {
    Diags.report(DiagID::InputEmpty, SourceRange(),
                 fmt::format("no `.remit` files under `{}`", Root.str()));
    Result.HadIOError = true;
    return false;
  }
  std::sort(Found.begin(), Found.end());
  for (std::string &F : Found)
    if (Seen.insert({F, true}).second)
      enqueue({F, displayName(F), FileOrigin::Disk, {}, {}});
  return true;
}

void Loader::addVirtualFile(llvm::StringRef Path, std::string Contents) {
  std::string Abs = absolutePath(Path);
  Allowed.allowDirectory(path::parent_path(Abs));
  Seen.insert({Abs, true});
  Queue.push_back(
      {Abs, displayName(Abs), FileOrigin::Virtual, {}, std::move(Contents)});
}

std::optional<llvm::StringRef>
Loader::readText(llvm::StringRef Path, llvm::StringRef Shown, SourceRange From,
                 bool IsRoot, std::string &Storage, DiagnosticEngine &Out) {
  auto Fail = [&](const std::string &Why) -> std::optional<llvm::StringRef> {
    Out.report(DiagID::FileUnreadable, From, Shown.str(), lowercaseFirst(Why));
    if (IsRoot)
      Result.HadIOError = true;
    return std::nullopt;
  };
  if (Opts.Overlay) {
    auto It = Opts.Overlay->find(Path);
    if (It != Opts.Overlay->end())
      return llvm::StringRef(It->second);
  }
  if (Opts.OverlayOnly)
    return Fail("no such file or directory");
  SourceRead Read = readSourceFile(Path, Opts.MaxFileSize);
  if (Read.TooLarge) {
    Out.report(DiagID::FileTooLarge, From, Shown.str(),
               mebibytes(*Read.TooLarge), mebibytes(Opts.MaxFileSize));
    if (IsRoot)
      Result.HadIOError = true;
    return std::nullopt;
  }
  if (!Read.Text)
    return Fail(Read.Why);
  Storage = std::move(*Read.Text);
  return llvm::StringRef(Storage);
}

bool Loader::confined(llvm::StringRef Abs, llvm::StringRef Shown,
                      SourceRange From) {
  if (Opts.AllowOutsideImports || Opts.OverlayOnly || Allowed.allows(Abs))
    return true;
  llvm::SmallString<256> Real;
  std::string Via;
  if (!fs::real_path(Abs, Real) && Real != Abs)
    Via = fmt::format(", which resolves to `{}`,", displayName(Real));
  Diags.report(DiagID::FileOutsideRoot, From,
               fmt::format("`{}`{} is outside the directories of the paths "
                           "given and the stdlib; allow outside imports "
                           "(`--allow-outside-imports`) to read it",
                           Shown.str(), Via));
  return false;
}

/// One file of a load wave. Its text is read and registered in queue order
/// on the loading thread (the SourceManager and the cache are not
/// thread-safe); it is checked and parsed on any thread, into its own
/// diagnostics; its results are then merged in queue order, so a parallel
/// load reports exactly what a sequential one does.
struct Loader::Job {
  Pending P;
  DiagnosticEngine Diags; ///< Reading, encoding and syntax, in that order.
  bool Read = false;      ///< The text was read and has a FileID.
  FileID ID = 0;
  ParseCache::Entry *Cached = nullptr; ///< With a cache: its entry, if parsed.
  std::shared_ptr<ast::File> AST;      ///< Parsed in this load.
  size_t Size = 0; ///< Bytes, to schedule long parses first.
};

void Loader::readFile(Job &J) {
  // The text is read where it lives (the overlay, the embedded stdlib, the
  // pending file) and copied only into the SourceManager, and only when the
  // cache does not already hold it.
  const Pending &P = J.P;
  std::string Storage;
  std::optional<llvm::StringRef> Text;
  if (P.Contents) {
    Text = *P.Contents;
  } else if (P.Origin == FileOrigin::Stdlib &&
             llvm::StringRef(P.Path).startswith(EmbeddedPrefix)) {
    llvm::StringRef Rel =
        llvm::StringRef(P.Path).drop_front(EmbeddedPrefix.size());
    for (auto &[Name, Contents] : EmbeddedStdlib)
      if (Rel == Name)
        Text = llvm::StringRef(Contents);
  } else {
    Text = readText(P.Path, P.DisplayName, P.From, !P.From.isValid(), Storage,
                    J.Diags);
  }
  if (!Text)
    return;
  J.Read = true;
  J.Size = Text->size();
  if (Opts.Cache) {
    ParseCache::Lookup L =
        Opts.Cache->lookup(P.Path, P.DisplayName, *Text, P.Origin);
    J.ID = L.ID;
    J.Cached = L.Cached;
    return;
  }
  std::string Buffer =
      Text->data() == Storage.data() ? std::move(Storage) : Text->str();
  J.ID = SM.addBuffer(P.Path, P.DisplayName, std::move(Buffer), P.Origin);
}

void Loader::parseJob(Job &J) const {
  // Into an engine of its own, so that a parse run again (parallelFor) starts
  // afresh after the diagnostics of reading.
  DiagnosticEngine Own;
  if (checkEncoding(SM, J.ID, Own))
    J.AST = parseFile(SM, J.ID, Own, Opts.Parse);
  std::vector<Diagnostic> &Out = J.Diags.diagnostics(), Parsed = Own.take();
  Out.insert(Out.end(), std::make_move_iterator(Parsed.begin()),
             std::make_move_iterator(Parsed.end()));
}

void Loader::mergeJob(Job &J) {
  if (!J.Read) {
    llvm::append_range(Diags.diagnostics(), J.Diags.diagnostics());
    return;
  }
  if (Opts.Cache && !J.Cached) {
    // The cache keeps this file's share of the diagnostics with its AST.
    ParseCache::Entry E;
    E.AST = std::move(J.AST);
    E.Diags = J.Diags.take();
    J.Cached = Opts.Cache->store(J.ID, std::move(E));
  }
  if (J.Cached) {
    llvm::append_range(Diags.diagnostics(), J.Cached->Diags);
    J.AST = J.Cached->AST;
  } else {
    llvm::append_range(Diags.diagnostics(), J.Diags.diagnostics());
  }
  if (!J.AST)
    return;
  resolveImports(*J.AST);
  Result.Files.push_back(std::move(J.AST));
}

std::vector<std::string> Loader::stdlibModules() const {
  std::vector<std::string> Names;
  auto AddFile = [&Names](llvm::StringRef Rel) {
    if (!Rel.consume_back(".remit"))
      return;
    std::string Name = Rel.str();
    std::replace(Name.begin(), Name.end(), '/', '.');
    Names.push_back(Name);
  };
  if (Opts.StdlibDir.empty()) {
    for (auto &Entry : EmbeddedStdlib)
      AddFile(Entry.first);
  } else {
    std::error_code EC;
    llvm::SmallString<256> Std(Opts.StdlibDir);
    path::append(Std, "std");
    for (fs::directory_iterator It(Std, EC), End; It != End && !EC;
         It.increment(EC))
      AddFile(("std/" + path::filename(It->path())).str());
  }
  std::sort(Names.begin(), Names.end());
  return Names;
}

bool Loader::enqueue(Pending P) {
  if (Queue.size() < Opts.MaxFiles) {
    Queue.push_back(std::move(P));
    return true;
  }
  if (!TooManyFiles)
    Diags.report(DiagID::LimitExceeded, P.From,
                 fmt::format("the model has more than {} files; `{}` and every "
                             "file after it are not loaded",
                             Opts.MaxFiles, P.DisplayName));
  TooManyFiles = true;
  // The model is incomplete, as when a given file cannot be read.
  Result.HadIOError = true;
  return false;
}

void Loader::resolveImports(const ast::File &F) {
  for (size_t K = 0; K < F.Imports.size(); ++K) {
    const ast::Import &I = F.Imports[K];
    if (K == Opts.MaxImports) {
      Diags.report(DiagID::LimitExceeded, I.Target.Range,
                   fmt::format("`{}` has more than {} imports; this one and "
                               "every one after it are ignored",
                               SM.getDisplayName(F.ID).str(), Opts.MaxImports));
      break;
    }
    llvm::StringRef Target = I.Target.Text;
    if (I.isModule()) {
      if (!KnownModules)
        KnownModules = stdlibModules();
      const std::vector<std::string> &Modules = *KnownModules;
      if (std::find(Modules.begin(), Modules.end(), Target) == Modules.end()) {
        std::vector<llvm::StringRef> Candidates(Modules.begin(), Modules.end());
        std::string Qualified = ("std." + Target).str();
        auto Best = llvm::is_contained(Modules, Qualified)
                        ? std::optional<std::string>(Qualified)
                        : closestMatch(Target, Candidates);
        std::string List;
        for (size_t J = 0; J < Modules.size(); ++J)
          List += (J ? ", `" : "`") + Modules[J] + "`";
        Diagnostic &D = Diags.report(
            DiagID::ImportNotFound, I.Target.Range,
            fmt::format("unknown module `{}`{}; the stdlib modules are {}",
                        Target.str(),
                        Best ? fmt::format(" (did you mean `{}`?)", *Best) : "",
                        List));
        if (Best)
          D.fix(fmt::format("import `{}`", *Best), {{I.Target.Range, *Best}});
        continue;
      }
      std::string Rel = Target.str();
      std::replace(Rel.begin(), Rel.end(), '.', '/');
      Rel += ".remit";
      std::string Canonical, Display = Rel;
      if (Opts.StdlibDir.empty()) {
        Canonical = (EmbeddedPrefix + Rel).str();
      } else {
        llvm::SmallString<256> P(Opts.StdlibDir);
        path::append(P, Rel);
        Canonical = canonicalPath(P);
        Display = displayName(absolutePath(P));
      }
      if (Seen.insert({Canonical, true}).second)
        enqueue({Canonical, Display, FileOrigin::Stdlib, I.Target.Range, {}});
      continue;
    }
    // A file import, relative to the importing file.
    llvm::SmallString<256> P;
    if (path::is_absolute(Target)) {
      P = Target;
    } else {
      P = path::parent_path(SM.getPath(F.ID));
      path::append(P, Target);
    }
    std::string Abs = absolutePath(P);
    bool InOverlay = Opts.Overlay && Opts.Overlay->count(Abs);
    std::string Canonical = InOverlay ? Abs : canonicalPath(Abs);
    if (Seen.count(Canonical))
      continue;
    // Confinement first, so whether a file outside exists is not revealed.
    if (!confined(Abs, Target, I.Target.Range))
      continue;
    // A symlink loop "exists": reading it reports the loop.
    fs::file_status Status;
    std::error_code StatusError = fs::status(Abs, Status);
    bool Exists =
        !StatusError || StatusError == std::errc::too_many_symbolic_link_levels;
    if (!InOverlay && (Opts.OverlayOnly || !Exists)) {
      Diags.report(DiagID::ImportNotFound, I.Target.Range,
                   fmt::format("cannot find `{}`: tried `{}`", Target.str(),
                               displayName(Abs)));
      continue;
    }
    Seen.insert({Canonical, true});
    FileOrigin Origin = SM.getOrigin(F.ID) == FileOrigin::Stdlib
                            ? FileOrigin::Stdlib
                            : FileOrigin::Disk;
    enqueue({Canonical, displayName(Abs), Origin, I.Target.Range, {}});
  }
}

LoadedModel Loader::load() {
  // In waves: the files queued so far are read, parsed (in parallel when
  // more than one needs parsing) and merged; their imports make the next
  // wave.
  for (size_t Next = 0; Next < Queue.size();) {
    size_t End = Queue.size();
    std::vector<Job> Wave(End - Next);
    for (size_t I = 0; I < Wave.size(); ++I) {
      Wave[I].P = std::move(Queue[Next + I]);
      readFile(Wave[I]);
    }
    std::vector<Job *> ToParse;
    for (Job &J : Wave)
      if (J.Read && !J.Cached)
        ToParse.push_back(&J);
    std::stable_sort(
        ToParse.begin(), ToParse.end(),
        [](const Job *A, const Job *B) { return A->Size > B->Size; });
    parallelFor(ToParse.size(), Opts.Jobs,
                [&](size_t I) { parseJob(*ToParse[I]); });
    for (Job &J : Wave)
      mergeJob(J);
    Next = End;
  }
  Queue.clear();
  return std::move(Result);
}
