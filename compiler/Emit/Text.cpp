//===- Text.cpp - Text shaping and escaping for every emitter -------------===//
#include "Emit/Text.h"
#include "Basic/SourceManager.h"
#include <fmt/format.h>

using namespace remit;
using namespace remit::emit;

std::string emit::sanitizeText(llvm::StringRef S) {
  std::string Out;
  Out.reserve(S.size());
  for (size_t I = 0; I < S.size();) {
    CodePoint CP = decodeUTF8(S, I);
    // Bidi overrides and isolates could make a label read other than it is
    // ("Trojan Source"): shown as U+FFFD, like invalid bytes.
    if (!CP.Valid || (CP.Value >= 0x202A && CP.Value <= 0x202E) ||
        (CP.Value >= 0x2066 && CP.Value <= 0x2069))
      Out += "\xEF\xBF\xBD";
    else if (CP.Value < 0x20 || (CP.Value >= 0x7F && CP.Value < 0xA0) ||
             CP.Value == 0x2028 || CP.Value == 0x2029)
      Out += ' ';
    else
      Out.append(S.data() + I, CP.Len);
    I += CP.Len;
  }
  return Out;
}

std::string emit::wrapText(llvm::StringRef S, unsigned Width) {
  std::string Clean = sanitizeText(S);
  llvm::StringRef Rest(Clean);
  std::string Out;
  unsigned LineLen = 0;
  while (!Rest.empty()) {
    Rest = Rest.ltrim(' ');
    if (Rest.empty())
      break;
    llvm::StringRef Word = Rest.take_until([](char C) { return C == ' '; });
    Rest = Rest.drop_front(Word.size());
    unsigned Len = measureText(Word).CodePoints;
    if (LineLen != 0 && LineLen + 1 + Len > Width) {
      Out += '\n';
      LineLen = 0;
    } else if (LineLen != 0) {
      Out += ' ';
      ++LineLen;
    }
    Out += Word;
    LineLen += Len;
  }
  return Out;
}

std::string emit::escapeHTML(llvm::StringRef S) {
  std::string Out;
  for (char C : sanitizeText(S)) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&#39;";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

std::string emit::escapeCSV(llvm::StringRef S) {
  std::string Clean = sanitizeText(S);
  if (!Clean.empty() && llvm::StringRef("=+-@").contains(Clean.front()))
    Clean.insert(0, "'");
  if (Clean.find_first_of(",\"") == std::string::npos)
    return Clean;
  std::string Out = "\"";
  for (char C : Clean) {
    if (C == '"')
      Out += '"';
    Out += C;
  }
  return Out + "\"";
}

std::string emit::escapeMarkdown(llvm::StringRef S) {
  std::string Out;
  for (char C : sanitizeText(S)) {
    if (llvm::StringRef("\\`*[]<>|&~").contains(C))
      Out += '\\';
    Out += C;
  }
  return Out;
}
