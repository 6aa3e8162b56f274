//===- ParseCache.cpp - Parsed files kept between compilations ------------===//
#include "Load/ParseCache.h"

using namespace remit;

ParseCache::ParseCache() : SM(std::make_shared<SourceManager>()) {}
ParseCache::~ParseCache() = default;

ParseCache::Lookup ParseCache::lookup(llvm::StringRef Path,
                                      llvm::StringRef DisplayName,
                                      llvm::StringRef Text, FileOrigin Origin) {
  Lookup L;
  L.ID = SM->findFile(Path);
  if (!L.ID) {
    L.ID = SM->addBuffer(Path.str(), DisplayName.str(), Text.str(), Origin);
    ++Parses;
    return L;
  }
  auto It = Entries.find(L.ID);
  if (SM->getBuffer(L.ID) == Text && It != Entries.end()) {
    It->second.Used = true;
    L.Cached = &It->second;
    return L;
  }
  // The AST points into the old text: drop it before the text goes.
  if (It != Entries.end())
    Entries.erase(It);
  SM->replaceBuffer(L.ID, Text.str());
  ++Parses;
  return L;
}

ParseCache::Entry *ParseCache::store(FileID ID, Entry E) {
  E.Used = true;
  Entry &Slot = Entries[ID];
  Slot = std::move(E);
  return &Slot;
}

void ParseCache::startLoad() {
  for (auto &KV : Entries)
    KV.second.Used = false;
}

void ParseCache::evictUnused() {
  llvm::SmallVector<FileID, 8> Unused;
  for (auto &KV : Entries)
    if (!KV.second.Used)
      Unused.push_back(KV.first);
  for (FileID ID : Unused) {
    Entries.erase(ID);
    SM->replaceBuffer(ID, std::string());
  }
}
