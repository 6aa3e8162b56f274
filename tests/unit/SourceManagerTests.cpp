// SourceManagerTests.cpp - byte, code-point and UTF-16 position maps.
#include "Basic/SourceManager.h"
#include <catch2/catch.hpp>

using namespace remit;

TEST_CASE("line table handles LF, CRLF and a missing final newline",
          "[source]") {
  SourceManager SM;
  FileID F = SM.addBuffer("/a", "a", "one\r\ntwo\nthree");
  REQUIRE(SM.getNumLines(F) == 3);
  CHECK(SM.getLineText(F, 0) == "one");
  CHECK(SM.getLineText(F, 1) == "two");
  CHECK(SM.getLineText(F, 2) == "three");
  CHECK(SM.getLineStart(F, 2) == 9);
  LineColumn LC = SM.getLineAndByteColumn(F, 10);
  CHECK(LC.Line == 2);
  CHECK(LC.Column == 1);
  CHECK(SM.findFile("/a") == F);
  CHECK(SM.findFile("/b") == 0);
}

TEST_CASE("columns count bytes, code points and UTF-16 units", "[source]") {
  SourceManager SM;
  // "é" is 2 bytes / 1 code point / 1 unit; "日" 3 / 1 / 1; "😀" 4 / 1 / 2.
  std::string Line = "x é日😀 y";
  FileID F = SM.addBuffer("/u", "u", "first\n" + Line + "\n");
  uint32_t Y = SM.getLineStart(F, 1) + Line.find('y');
  LineColumn Bytes = SM.getLineAndByteColumn(F, Y);
  LineColumn CPs = SM.getLineAndCodePointColumn(F, Y);
  LineColumn Units = SM.getLineAndUTF16Column(F, Y);
  CHECK(Bytes.Line == 1);
  CHECK(Bytes.Column == 12);
  CHECK(CPs.Column == 6);
  CHECK(Units.Column == 7);
  CHECK(SM.getOffsetFromCodePoint(F, 1, 6) == Y);
  CHECK(SM.getOffsetFromUTF16(F, 1, 7) == Y);
  CHECK(SM.formatLocation(F, Y) == "u:2:7");
}

TEST_CASE("UTF-16 columns inside a surrogate pair round down", "[source]") {
  SourceManager SM;
  FileID F = SM.addBuffer("/s", "s", "a😀b");
  CHECK(SM.getOffsetFromUTF16(F, 0, 1) == 1);     // before the emoji
  CHECK(SM.getOffsetFromUTF16(F, 0, 2) == 1);     // inside: rounds down
  CHECK(SM.getOffsetFromUTF16(F, 0, 3) == 5);     // after it
  CHECK(SM.getOffsetFromUTF16(F, 0, 99) == 6);    // clamps to the line end
  CHECK(SM.getOffsetFromCodePoint(F, 7, 0) == 6); // past the last line
}

TEST_CASE("round trips over every offset of a mixed line", "[source]") {
  SourceManager SM;
  std::string Text = "ab\xC3\xA9\xF0\x9F\x98\x80\xE6\x97\xA5z\n";
  FileID F = SM.addBuffer("/r", "r", Text);
  for (uint32_t Offset : {0u, 1u, 2u, 4u, 8u, 11u, 12u}) {
    LineColumn CP = SM.getLineAndCodePointColumn(F, Offset);
    CHECK(SM.getOffsetFromCodePoint(F, CP.Line, CP.Column) == Offset);
    LineColumn U = SM.getLineAndUTF16Column(F, Offset);
    CHECK(SM.getOffsetFromUTF16(F, U.Line, U.Column) == Offset);
  }
}

TEST_CASE("invalid UTF-8 is found and still measurable", "[source]") {
  CHECK(findInvalidUTF8("plain ascii") == llvm::StringRef::npos);
  CHECK(findInvalidUTF8("caf\xC3\xA9") == llvm::StringRef::npos);
  CHECK(findInvalidUTF8("ab\xFF") == 2);
  CHECK(findInvalidUTF8("\xC0\xAF") == 0);         // overlong
  CHECK(findInvalidUTF8("\xED\xA0\x80") == 0);     // surrogate
  CHECK(findInvalidUTF8("\xF4\x90\x80\x80") == 0); // above U+10FFFF
  CHECK(findInvalidUTF8("x\xE6\x97") == 1);        // truncated
  TextWidth W = measureText("a\xFF\xF0\x9F\x98\x80");
  CHECK(W.Bytes == 6);
  CHECK(W.CodePoints == 3);
  CHECK(W.UTF16Units == 4);
}
