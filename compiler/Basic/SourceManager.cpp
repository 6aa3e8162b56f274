//===- SourceManager.cpp - Source buffers, ids and position maps ---------===//
#include "Basic/SourceManager.h"
#include <algorithm>
#include <cassert>
#include <cstring>

using namespace remit;

struct SourceManager::Entry {
  std::string Path;
  std::string DisplayName;
  std::string Contents;
  FileOrigin Origin;
  std::vector<uint32_t> LineStarts;
};

SourceManager::SourceManager() = default;
SourceManager::~SourceManager() = default;

FileID SourceManager::addBuffer(std::string Path, std::string DisplayName,
                                std::string Contents, FileOrigin Origin) {
  assert(Contents.size() < UINT32_MAX && "buffers are limited to 4 GiB");
  auto E = std::make_unique<Entry>();
  E->Path = std::move(Path);
  E->DisplayName = std::move(DisplayName);
  E->Contents = std::move(Contents);
  E->Origin = Origin;
  indexLines(*E);
  Files.push_back(std::move(E));
  FileID ID = static_cast<FileID>(Files.size());
  ByPath.try_emplace(Files.back()->Path, ID);
  return ID;
}

void SourceManager::replaceBuffer(FileID File, std::string Contents) {
  assert(Contents.size() < UINT32_MAX && "buffers are limited to 4 GiB");
  Entry &E = const_cast<Entry &>(get(File));
  E.Contents = std::move(Contents);
  indexLines(E);
}

void SourceManager::indexLines(Entry &E) {
  E.LineStarts.clear();
  E.LineStarts.push_back(0);
  const char *Data = E.Contents.data();
  size_t Size = E.Contents.size();
  for (const char *P = Data;
       (P = static_cast<const char *>(std::memchr(P, '\n', Data + Size - P)));
       ++P)
    E.LineStarts.push_back(static_cast<uint32_t>(P - Data + 1));
}

FileID SourceManager::findFile(llvm::StringRef Path) const {
  auto It = ByPath.find(Path);
  return It == ByPath.end() ? 0 : It->second;
}

const SourceManager::Entry &SourceManager::get(FileID File) const {
  assert(File != 0 && File <= Files.size() && "invalid FileID");
  return *Files[File - 1];
}

llvm::StringRef SourceManager::getBuffer(FileID File) const {
  return get(File).Contents;
}
llvm::StringRef SourceManager::getPath(FileID File) const {
  return get(File).Path;
}
llvm::StringRef SourceManager::getDisplayName(FileID File) const {
  return get(File).DisplayName;
}
FileOrigin SourceManager::getOrigin(FileID File) const {
  return get(File).Origin;
}

uint32_t SourceManager::getNumLines(FileID File) const {
  return get(File).LineStarts.size();
}

uint32_t SourceManager::getLineStart(FileID File, uint32_t Line) const {
  const Entry &E = get(File);
  if (Line >= E.LineStarts.size())
    return E.Contents.size();
  return E.LineStarts[Line];
}

llvm::StringRef SourceManager::getLineText(FileID File, uint32_t Line) const {
  const Entry &E = get(File);
  if (Line >= E.LineStarts.size())
    return {};
  uint32_t Begin = E.LineStarts[Line];
  uint32_t End = Line + 1 < E.LineStarts.size() ? E.LineStarts[Line + 1] - 1
                                                : E.Contents.size();
  llvm::StringRef Text(E.Contents.data() + Begin, End - Begin);
  if (Text.endswith("\r"))
    Text = Text.drop_back();
  return Text;
}

LineColumn SourceManager::getLineAndByteColumn(FileID File,
                                               uint32_t Offset) const {
  const Entry &E = get(File);
  Offset = std::min<uint32_t>(Offset, E.Contents.size());
  auto It = std::upper_bound(E.LineStarts.begin(), E.LineStarts.end(), Offset);
  uint32_t Line = static_cast<uint32_t>(It - E.LineStarts.begin()) - 1;
  return {Line, Offset - E.LineStarts[Line]};
}

std::pair<uint32_t, TextWidth>
SourceManager::measureLinePrefix(FileID File, uint32_t Offset) const {
  LineColumn LC = getLineAndByteColumn(File, Offset);
  llvm::StringRef Prefix =
      getBuffer(File).substr(getLineStart(File, LC.Line), LC.Column);
  return {LC.Line, measureText(Prefix)};
}

LineColumn SourceManager::getLineAndCodePointColumn(FileID File,
                                                    uint32_t Offset) const {
  auto [Line, Width] = measureLinePrefix(File, Offset);
  return {Line, Width.CodePoints};
}

LineColumn SourceManager::getLineAndUTF16Column(FileID File,
                                                uint32_t Offset) const {
  auto [Line, Width] = measureLinePrefix(File, Offset);
  return {Line, Width.UTF16Units};
}

CodePoint remit::decodeUTF8(llvm::StringRef Text, size_t Offset) {
  auto C = static_cast<unsigned char>(Text[Offset]);
  CodePoint CP;
  CP.Value = C;
  if (C < 0x80)
    return CP;
  unsigned Len;
  uint32_t V;
  if ((C & 0xE0) == 0xC0) {
    Len = 2;
    V = C & 0x1F;
  } else if ((C & 0xF0) == 0xE0) {
    Len = 3;
    V = C & 0x0F;
  } else if ((C & 0xF8) == 0xF0) {
    Len = 4;
    V = C & 0x07;
  } else {
    CP.Valid = false;
    return CP;
  }
  if (Text.size() - Offset < Len) {
    CP.Valid = false;
    return CP;
  }
  for (unsigned K = 1; K < Len; ++K) {
    auto B = static_cast<unsigned char>(Text[Offset + K]);
    if ((B & 0xC0) != 0x80) {
      CP.Valid = false;
      return CP;
    }
    V = (V << 6) | (B & 0x3F);
  }
  static const uint32_t MinForLen[] = {0, 0, 0x80, 0x800, 0x10000};
  if (V < MinForLen[Len] || V > 0x10FFFF || (V >= 0xD800 && V <= 0xDFFF)) {
    CP.Valid = false;
    return CP;
  }
  CP.Value = V;
  CP.Len = Len;
  return CP;
}

TextWidth remit::measureText(llvm::StringRef Text) {
  TextWidth W;
  for (size_t I = 0; I < Text.size();) {
    CodePoint CP = decodeUTF8(Text, I);
    W.Bytes += CP.Len;
    W.CodePoints += 1;
    W.UTF16Units += (CP.Valid && CP.Len == 4) ? 2 : 1;
    I += CP.Len;
  }
  return W;
}

size_t remit::findInvalidUTF8(llvm::StringRef Text) {
  for (size_t I = 0; I < Text.size();) {
    if (static_cast<unsigned char>(Text[I]) < 0x80) {
      ++I;
      continue;
    }
    CodePoint CP = decodeUTF8(Text, I);
    if (!CP.Valid)
      return I;
    I += CP.Len;
  }
  return llvm::StringRef::npos;
}

namespace {
/// Walks \p Line until \p Column units are consumed; \p UTF16 selects the unit.
uint32_t advanceColumns(llvm::StringRef Line, uint32_t Column, bool UTF16) {
  size_t I = 0;
  uint32_t Seen = 0;
  while (I < Line.size() && Seen < Column) {
    CodePoint CP = decodeUTF8(Line, I);
    unsigned Units = (UTF16 && CP.Valid && CP.Len == 4) ? 2 : 1;
    if (Seen + Units > Column)
      break; // Inside a surrogate pair: round down to the code point.
    Seen += Units;
    I += CP.Len;
  }
  return static_cast<uint32_t>(I);
}
} // namespace

uint32_t SourceManager::getOffsetFromCodePoint(FileID File, uint32_t Line,
                                               uint32_t Column) const {
  if (Line >= getNumLines(File))
    return getBuffer(File).size();
  return getLineStart(File, Line) +
         advanceColumns(getLineText(File, Line), Column, /*UTF16=*/false);
}

uint32_t SourceManager::getOffsetFromUTF16(FileID File, uint32_t Line,
                                           uint32_t Column) const {
  if (Line >= getNumLines(File))
    return getBuffer(File).size();
  return getLineStart(File, Line) +
         advanceColumns(getLineText(File, Line), Column, /*UTF16=*/true);
}

std::string SourceManager::formatLocation(FileID File, uint32_t Offset) const {
  LineColumn LC = getLineAndCodePointColumn(File, Offset);
  return getDisplayName(File).str() + ":" + std::to_string(LC.Line + 1) + ":" +
         std::to_string(LC.Column + 1);
}
