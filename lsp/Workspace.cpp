//===- Workspace.cpp - The model an editor is looking at ------------------===//
#include "Workspace.h"

using namespace remit;
using namespace remit::lsp;

std::optional<std::vector<CompileOptions::CheckOverride>>
lsp::profileOverrides(llvm::StringRef Profile) {
  std::vector<CompileOptions::CheckOverride> Out;
  if (Profile == "default" || Profile.empty())
    return Out;
  if (Profile != "strict")
    return std::nullopt;
  for (const DiagInfo &I : getAllDiagInfos())
    if (I.Configurable && I.DefaultSeverity == Severity::Warning)
      Out.push_back({CompileOptions::CheckOverride::SetSeverity, I.Name.str(),
                     Severity::Error});
  return Out;
}

Workspace::Workspace() : Cache(std::make_unique<ParseCache>()) {}
Workspace::~Workspace() {
  // The compilation points into the cache's buffers: drop it first.
  Current.reset();
}

void Workspace::setFolders(std::vector<std::string> F) {
  Folders = std::move(F);
  Stale = true;
}

void Workspace::setSettings(AnalysisSettings S) {
  // Another stdlib is other text under other paths: start a fresh cache.
  if (S.StdlibDir != Settings.StdlibDir) {
    Current.reset();
    Cache = std::make_unique<ParseCache>();
  }
  Settings = std::move(S);
  Stale = true;
}

void Workspace::openDocument(const std::string &Path, std::string Text,
                             int64_t Version) {
  Overlay[Path] = Text;
  FromDisk.erase(Path);
  Docs[Path] = {std::move(Text), Version};
  Stale = true;
}

bool Workspace::updateDocument(const std::string &Path, std::string Text,
                               int64_t Version) {
  auto It = Docs.find(Path);
  if (It == Docs.end())
    return false;
  Overlay[Path] = Text;
  It->second = {std::move(Text), Version};
  Stale = true;
  return true;
}

bool Workspace::closeDocument(const std::string &Path) {
  // The disk's text is read again: it may differ from the editor's.
  Overlay.erase(Path);
  Stale = true;
  return Docs.erase(Path) != 0;
}

const Document *Workspace::document(const std::string &Path) const {
  auto It = Docs.find(Path);
  return It == Docs.end() ? nullptr : &It->second;
}

void Workspace::diskChanged(llvm::ArrayRef<std::string> Paths) {
  Stale = true;
  auto Forget = [&](llvm::StringRef Path) {
    if (FromDisk.erase(Path))
      Overlay.erase(Path);
  };
  if (!Paths.empty()) {
    for (const std::string &P : Paths)
      Forget(P);
    return;
  }
  std::vector<std::string> All;
  for (const auto &Entry : FromDisk)
    All.push_back(Entry.getKey().str());
  for (const std::string &P : All)
    Forget(P);
}

const Compilation &Workspace::analysis() {
  if (Current && !Stale)
    return *Current;
  CompileOptions Opts;
  for (const std::string &F : Folders)
    Opts.Roots.push_back(F);
  // Open documents outside every folder are part of the model too.
  for (const auto &[Path, Doc] : Docs)
    Opts.Roots.push_back(Path);
  Opts.Load.StdlibDir = Settings.StdlibDir;
  Opts.Load.AllowOutsideImports = Settings.AllowOutsideImports;
  Opts.Load.Overlay = &Overlay;
  Opts.Load.Cache = Cache.get();
  Opts.AsOfDay = Settings.AsOfDay;
  Opts.Overrides = Settings.Overrides;
  Opts.Thresholds = Settings.Thresholds;
  // The next compilation replaces buffers the current one points into, so
  // the current one is retired: freed later, never read again.
  Retired = std::move(Current);
  Current = Compilation::run(Opts);
  Stale = false;
  ++Analyses;
  // Remember the disk's text of every other file the model read.
  const SourceManager &SM = Current->sources();
  for (const auto &F : Current->files()) {
    llvm::StringRef Path = SM.getPath(F->ID);
    if (SM.getOrigin(F->ID) == FileOrigin::Disk && !Overlay.count(Path)) {
      Overlay[Path] = SM.getBuffer(F->ID).str();
      FromDisk[Path] = true;
    }
  }
  return *Current;
}

FileID Workspace::fileOf(const std::string &Path) {
  const Compilation &C = analysis();
  FileID ID = C.sources().findFile(Path);
  return ID && C.fileAST(ID) ? ID : 0;
}
