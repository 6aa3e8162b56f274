//===- SourceManager.h - Source buffers, ids and position maps --*- C++ -*-===//
//
// Owns every source buffer of a compilation and converts between the three
// ways positions are counted: bytes (the compiler's own offsets), code points
// (ANTLR's columns; humans' 1-based columns) and UTF-16 units (LSP).
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_BASIC_SOURCEMANAGER_H
#define REMIT_BASIC_SOURCEMANAGER_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace remit {

/// Identifies one buffer of a SourceManager. 0 is "no file".
using FileID = uint32_t;

/// A half-open byte range [Begin, End) in one file.
struct SourceRange {
  FileID File = 0;
  uint32_t Begin = 0;
  uint32_t End = 0;

  bool isValid() const { return File != 0; }
  friend bool operator==(const SourceRange &A, const SourceRange &B) {
    return A.File == B.File && A.Begin == B.Begin && A.End == B.End;
  }
  friend bool operator!=(const SourceRange &A, const SourceRange &B) {
    return !(A == B);
  }
};

/// A 0-based line and a 0-based column; what the column counts depends on the
/// function that produced it.
struct LineColumn {
  uint32_t Line = 0;
  uint32_t Column = 0;
};

/// Where a buffer came from.
enum class FileOrigin {
  Disk,    ///< A file read from the file system (or an editor overlay of one).
  Stdlib,  ///< A standard-library module, embedded or from --stdlib.
  Virtual, ///< Text with no file behind it (tests, unsaved buffers).
};

/// Counts of the same text in the three units.
struct TextWidth {
  uint32_t Bytes = 0;
  uint32_t CodePoints = 0;
  uint32_t UTF16Units = 0;
};

/// Owns source buffers and their line tables. Buffers never move once added,
/// so StringRefs into them stay valid for the manager's lifetime.
class SourceManager {
public:
  SourceManager();
  ~SourceManager();
  SourceManager(const SourceManager &) = delete;
  SourceManager &operator=(const SourceManager &) = delete;

  /// Adds a buffer. \p Path is the canonical path used to identify the file;
  /// \p DisplayName is how diagnostics name it (a path relative to the current
  /// directory, or `std/raci.remit` for the stdlib).
  FileID addBuffer(std::string Path, std::string DisplayName,
                   std::string Contents, FileOrigin Origin = FileOrigin::Disk);

  /// Replaces the text of \p File, keeping its id, path and origin, and
  /// rebuilds its line table. Invalidates every StringRef into the old text:
  /// the caller drops whatever was built from it (ParseCache does).
  void replaceBuffer(FileID File, std::string Contents);

  /// Returns the file with canonical path \p Path, or 0.
  FileID findFile(llvm::StringRef Path) const;

  unsigned getNumFiles() const { return Files.size(); }
  llvm::StringRef getBuffer(FileID File) const;
  llvm::StringRef getPath(FileID File) const;
  llvm::StringRef getDisplayName(FileID File) const;
  FileOrigin getOrigin(FileID File) const;

  /// Number of lines; a file that ends with a newline has an empty last line.
  uint32_t getNumLines(FileID File) const;
  /// Byte offset where \p Line (0-based) starts.
  uint32_t getLineStart(FileID File, uint32_t Line) const;
  /// Text of \p Line without its line terminator (`\n` or `\r\n`).
  llvm::StringRef getLineText(FileID File, uint32_t Line) const;

  /// The 0-based line and byte column of \p Offset.
  LineColumn getLineAndByteColumn(FileID File, uint32_t Offset) const;
  /// The 0-based line and code-point column of \p Offset.
  LineColumn getLineAndCodePointColumn(FileID File, uint32_t Offset) const;
  /// The 0-based line and UTF-16 column of \p Offset.
  LineColumn getLineAndUTF16Column(FileID File, uint32_t Offset) const;

  /// The byte offset of a 0-based (line, code-point column); columns past the
  /// end of the line clamp to its end.
  uint32_t getOffsetFromCodePoint(FileID File, uint32_t Line,
                                  uint32_t Column) const;
  /// The byte offset of a 0-based (line, UTF-16 column), clamping like
  /// getOffsetFromCodePoint. A column inside a surrogate pair rounds down.
  uint32_t getOffsetFromUTF16(FileID File, uint32_t Line,
                              uint32_t Column) const;

  /// "file:line:col" with 1-based line and code-point column.
  std::string formatLocation(FileID File, uint32_t Offset) const;

private:
  struct Entry;
  const Entry &get(FileID File) const;
  static void indexLines(Entry &E);
  /// The line of \p Offset and the width of the text before it on that line.
  std::pair<uint32_t, TextWidth> measureLinePrefix(FileID File,
                                                   uint32_t Offset) const;
  std::vector<std::unique_ptr<Entry>> Files;
  llvm::StringMap<FileID> ByPath;
};

/// One decoded UTF-8 sequence. A byte that does not start valid UTF-8
/// decodes alone, with Valid false and Len 1.
struct CodePoint {
  uint32_t Value = 0;
  unsigned Len = 1;
  bool Valid = true;
};

/// Decodes the code point that starts at byte \p Offset of \p Text
/// (overlong forms, surrogates and values above U+10FFFF are invalid).
CodePoint decodeUTF8(llvm::StringRef Text, size_t Offset);

/// Measures \p Text. Bytes that are not valid UTF-8 count as one code point and
/// one UTF-16 unit each, so the maps are total over any input.
TextWidth measureText(llvm::StringRef Text);

/// Returns the offset of the first byte of \p Text that is not part of valid
/// UTF-8 (overlong forms, surrogates and values above U+10FFFF are invalid),
/// or npos if the text is valid.
size_t findInvalidUTF8(llvm::StringRef Text);

} // namespace remit

#endif
