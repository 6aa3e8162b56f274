//===- Render.cpp - Diagnostic renderers for every output format ----------===//
#include "Diagnostics/Render.h"
#include "Diagnostics/Baseline.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include <algorithm>
#include <cstdint>
#include <tuple>
#include <vector>

using namespace remit;
namespace json = llvm::json;

std::optional<OutputFormat> remit::parseOutputFormat(llvm::StringRef Name) {
  if (Name == "human")
    return OutputFormat::Human;
  if (Name == "json")
    return OutputFormat::JSON;
  if (Name == "sarif")
    return OutputFormat::SARIF;
  if (Name == "junit")
    return OutputFormat::JUnit;
  if (Name == "github")
    return OutputFormat::GitHub;
  return std::nullopt;
}

namespace {

//===----------------------------------------------------------------------===//
// Text and positions shared by the renderers
//===----------------------------------------------------------------------===//

const char ReplacementChar[] = "\xEF\xBF\xBD"; // U+FFFD

/// C0 and C1 controls, and the bidi overrides and isolates that could make a
/// message or a source line read other than it is ("Trojan Source").
bool isControl(uint32_t V) {
  return V < 0x20 || (V >= 0x7F && V < 0xA0) || (V >= 0x202A && V <= 0x202E) ||
         (V >= 0x2066 && V <= 0x2069);
}

/// \p S as valid UTF-8 without control characters other than those \p Keep
/// lists; everything else becomes U+FFFD, so no input can emit terminal
/// escapes or break a line-oriented format.
std::string sanitize(llvm::StringRef S, llvm::StringRef Keep = "\n\t") {
  std::string Out;
  Out.reserve(S.size());
  for (size_t I = 0; I < S.size();) {
    CodePoint CP = decodeUTF8(S, I);
    if (!CP.Valid ||
        (isControl(CP.Value) &&
         Keep.find(static_cast<char>(CP.Value)) == llvm::StringRef::npos))
      Out += ReplacementChar;
    else
      Out.append(S.data() + I, CP.Len);
    I += CP.Len;
  }
  return Out;
}

/// \p S as valid UTF-8, as llvm::json requires.
std::string toUTF8(llvm::StringRef S) {
  if (json::isUTF8(S))
    return S.str();
  return json::fixUTF8(S);
}

/// Moves \p Off back to the start of the code point it is inside, if any.
uint32_t snapToCodePoint(llvm::StringRef Buf, uint32_t Off) {
  if (Off >= Buf.size() ||
      (static_cast<unsigned char>(Buf[Off]) & 0xC0) != 0x80)
    return Off;
  for (uint32_t K = 1; K <= 3 && K <= Off; ++K) {
    if ((static_cast<unsigned char>(Buf[Off - K]) & 0xC0) == 0x80)
      continue;
    CodePoint CP = decodeUTF8(Buf, Off - K);
    return CP.Valid && CP.Len > K ? Off - K : Off;
  }
  return Off;
}

/// \p R checked against \p SM: nullopt when it names no known file, else
/// clamped to the buffer with End >= Begin and both on code-point boundaries.
std::optional<SourceRange> resolve(const SourceManager &SM, SourceRange R) {
  if (!R.isValid() || R.File > SM.getNumFiles())
    return std::nullopt;
  llvm::StringRef Buf = SM.getBuffer(R.File);
  auto Size = static_cast<uint32_t>(Buf.size());
  uint32_t Begin = snapToCodePoint(Buf, std::min(R.Begin, Size));
  uint32_t End = snapToCodePoint(Buf, std::min(std::max(R.Begin, R.End), Size));
  return SourceRange{R.File, Begin, std::max(Begin, End)};
}

/// A 1-based line and column.
struct Position {
  uint32_t Line;
  uint32_t Column;
};

Position codePointPosition(const SourceManager &SM, FileID File,
                           uint32_t Offset) {
  LineColumn LC = SM.getLineAndCodePointColumn(File, Offset);
  return {LC.Line + 1, LC.Column + 1};
}

Position utf16Position(const SourceManager &SM, FileID File, uint32_t Offset) {
  LineColumn LC = SM.getLineAndUTF16Column(File, Offset);
  return {LC.Line + 1, LC.Column + 1};
}

std::string formatPosition(Position P) {
  return std::to_string(P.Line) + ":" + std::to_string(P.Column);
}

/// The dotted name of \p ID, tolerating ids outside the registry.
llvm::StringRef checkName(DiagID ID) {
  auto Index = static_cast<size_t>(ID);
  llvm::ArrayRef<DiagInfo> Infos = getAllDiagInfos();
  return Index < Infos.size() ? Infos[Index].Name : llvm::StringRef("unknown");
}

struct Counts {
  unsigned Errors = 0, Warnings = 0, Notes = 0;
};

Counts countBySeverity(llvm::ArrayRef<Diagnostic> Diags) {
  Counts C;
  for (const Diagnostic &D : Diags) {
    switch (D.Sev) {
    case Severity::Error:
      ++C.Errors;
      break;
    case Severity::Warning:
      ++C.Warnings;
      break;
    case Severity::Note:
      ++C.Notes;
      break;
    }
  }
  return C;
}

//===----------------------------------------------------------------------===//
// Human
//===----------------------------------------------------------------------===//

namespace ansi {
const char Reset[] = "\033[0m";
const char Bold[] = "\033[1m";
const char Red[] = "\033[1;31m";
const char Magenta[] = "\033[1;35m";
const char Cyan[] = "\033[1;36m";
const char Green[] = "\033[1;32m";
} // namespace ansi

constexpr uint32_t TabStop = 8;
/// Lines wider than this many columns are shown as a window.
constexpr uint32_t MaxLineWidth = 200;
/// The window's width and how far the range starts into it.
constexpr uint32_t WindowWidth = 160;
constexpr uint32_t WindowLead = 60;

/// \p Text as a C-style quoted string, sanitized for a terminal.
std::string quote(llvm::StringRef Text) {
  std::string Out = "\"";
  for (char C : Text) {
    switch (C) {
    case '\\':
      Out += "\\\\";
      break;
    case '"':
      Out += "\\\"";
      break;
    case '\n':
      Out += "\\n";
      break;
    case '\r':
      Out += "\\r";
      break;
    case '\t':
      Out += "\\t";
      break;
    default:
      Out += C;
    }
  }
  return sanitize(Out, "") + "\"";
}

std::string pluralize(unsigned N, llvm::StringRef Word) {
  return std::to_string(N) + " " + Word.str() + (N == 1 ? "" : "s");
}

/// Prints diagnostics clang-style with source snippets.
class HumanRenderer {
public:
  HumanRenderer(llvm::raw_ostream &OS, const SourceManager &SM, bool Color)
      : OS(OS), SM(SM), Color(Color) {}

  void render(const Diagnostic &D) {
    std::optional<SourceRange> R = resolve(SM, D.Range);
    header(R, D.Sev, D.Message, checkName(D.ID), /*Primary=*/true);
    if (R)
      snippet(*R);
    for (const DiagNote &N : D.Notes) {
      std::optional<SourceRange> NR = resolve(SM, N.Range);
      header(NR, Severity::Note, N.Message, "", /*Primary=*/false);
      if (NR)
        snippet(*NR);
    }
    for (const Fix &F : D.Fixes)
      fix(F, R ? R->File : 0);
  }

  void summary(llvm::ArrayRef<Diagnostic> Diags, size_t Suppressed) {
    Counts C = countBySeverity(Diags);
    std::vector<std::string> Parts;
    if (C.Errors)
      Parts.push_back(pluralize(C.Errors, "error"));
    if (C.Warnings)
      Parts.push_back(pluralize(C.Warnings, "warning"));
    if (C.Notes)
      Parts.push_back(pluralize(C.Notes, "note"));
    for (size_t I = 0; I < Parts.size(); ++I) {
      if (I)
        OS << (I + 1 == Parts.size() ? " and " : ", ");
      OS << Parts[I];
    }
    if (!Parts.empty())
      OS << " generated.\n";
    if (Suppressed)
      OS << pluralize(Suppressed, "finding") << " suppressed by `@allow`.\n";
  }

private:
  void style(const char *Code) {
    if (Color)
      OS << Code;
  }

  static const char *colorFor(Severity S) {
    switch (S) {
    case Severity::Error:
      return ansi::Red;
    case Severity::Warning:
      return ansi::Magenta;
    case Severity::Note:
      return ansi::Cyan;
    }
    return ansi::Red;
  }

  void header(std::optional<SourceRange> R, Severity S, llvm::StringRef Message,
              llvm::StringRef Name, bool Primary) {
    if (R) {
      style(ansi::Bold);
      OS << sanitize(SM.formatLocation(R->File, R->Begin), "") << ": ";
      style(ansi::Reset);
    }
    style(colorFor(S));
    OS << severityName(S) << ":";
    style(ansi::Reset);
    OS << ' ';
    if (Primary)
      style(ansi::Bold);
    OS << sanitize(Message);
    if (!Name.empty())
      OS << " [" << Name << "]";
    if (Primary)
      style(ansi::Reset);
    OS << '\n';
  }

  /// The line \p R starts on, with a caret and tildes under the range (to the
  /// end of that line when the range spans several).
  void snippet(SourceRange R) {
    LineColumn B = SM.getLineAndByteColumn(R.File, R.Begin);
    LineColumn E = SM.getLineAndByteColumn(R.File, R.End);
    llvm::StringRef Text = SM.getLineText(R.File, B.Line);
    bool SameLine = E.Line == B.Line;

    // Lay the line out in display columns: one per code point, tabs expanded.
    // ColumnByte[C] is where column C starts in Display.
    std::string Display;
    std::vector<uint32_t> ColumnByte{0};
    uint32_t Width = 0;
    std::optional<uint32_t> BeginCol, EndCol;
    for (size_t I = 0; I < Text.size();) {
      if (!BeginCol && I >= B.Column)
        BeginCol = Width;
      if (SameLine && !EndCol && I >= E.Column)
        EndCol = Width;
      CodePoint CP = decodeUTF8(Text, I);
      if (CP.Valid && CP.Value == '\t') {
        do {
          Display += ' ';
          ColumnByte.push_back(Display.size());
        } while (++Width % TabStop != 0);
      } else {
        if (!CP.Valid || isControl(CP.Value))
          Display += ReplacementChar;
        else
          Display.append(Text.data() + I, CP.Len);
        ColumnByte.push_back(Display.size());
        ++Width;
      }
      I += CP.Len;
    }
    uint32_t Begin = BeginCol.value_or(Width);
    uint32_t End = std::max(EndCol.value_or(Width), Begin + 1);

    uint32_t Start = 0, Stop = Width;
    if (Width > MaxLineWidth) {
      Start = Begin > WindowLead ? Begin - WindowLead : 0;
      Stop = std::min(Width, Start + WindowWidth);
      if (Stop - Start < WindowWidth)
        Start = Stop > WindowWidth ? Stop - WindowWidth : 0;
    }
    bool Before = Start > 0, After = Stop < Width;

    std::string LineNo = std::to_string(B.Line + 1);
    unsigned Gutter = std::max<unsigned>(4, LineNo.size());
    OS.indent(Gutter - LineNo.size()) << LineNo << " |";
    if (Stop > Start) {
      OS << ' ';
      if (Before)
        OS << "...";
      OS << llvm::StringRef(Display).slice(ColumnByte[Start], ColumnByte[Stop]);
      if (After)
        OS << "...";
    }
    OS << '\n';

    OS.indent(Gutter) << " | ";
    OS.indent((Before ? 3 : 0) + (Begin - Start));
    uint32_t Shown = std::min(End, std::max(Stop, Begin + 1));
    style(ansi::Green);
    OS << '^' << std::string(Shown - Begin - 1, '~');
    style(ansi::Reset);
    OS << '\n';
  }

  void fix(const Fix &F, FileID PrimaryFile) {
    OS << "fix: " << sanitize(F.Title, "") << '\n';
    for (const TextEdit &Edit : F.Edits) {
      std::optional<SourceRange> R = resolve(SM, Edit.Range);
      std::string Where = "<unknown location>";
      bool Empty = false;
      if (R) {
        Where.clear();
        if (R->File != PrimaryFile)
          Where = sanitize(SM.getDisplayName(R->File), "") + ":";
        Where += formatPosition(codePointPosition(SM, R->File, R->Begin));
        Empty = R->Begin == R->End;
        if (!Empty)
          Where += "-" + formatPosition(codePointPosition(SM, R->File, R->End));
      }
      OS << "  ";
      if (Empty)
        OS << "insert " << quote(Edit.NewText) << " at " << Where;
      else if (Edit.NewText.empty())
        OS << "remove " << Where;
      else
        OS << "replace " << Where << " with " << quote(Edit.NewText);
      OS << '\n';
    }
  }

  llvm::raw_ostream &OS;
  const SourceManager &SM;
  bool Color;
};

void renderHuman(llvm::raw_ostream &OS, llvm::ArrayRef<Diagnostic> Diags,
                 const SourceManager &SM, const RenderOptions &Opts) {
  HumanRenderer R(OS, SM, Opts.Color);
  for (const Diagnostic &D : Diags)
    R.render(D);
  R.summary(Diags, Opts.Suppressed.size());
}

//===----------------------------------------------------------------------===//
// JSON
//===----------------------------------------------------------------------===//

json::Object positionJSON(Position P) {
  return json::Object{{"line", P.Line}, {"column", P.Column}};
}

json::Object rangeJSON(const SourceManager &SM, SourceRange R) {
  return json::Object{
      {"start", positionJSON(codePointPosition(SM, R.File, R.Begin))},
      {"end", positionJSON(codePointPosition(SM, R.File, R.End))}};
}

/// Adds "file", "range" and (with \p Bytes) "byteRange" for a valid range.
void addLocationJSON(json::Object &O, const SourceManager &SM,
                     std::optional<SourceRange> R, bool Bytes) {
  if (!R)
    return;
  O["file"] = toUTF8(SM.getDisplayName(R->File));
  O["range"] = rangeJSON(SM, *R);
  if (Bytes)
    O["byteRange"] = json::Object{{"begin", R->Begin}, {"end", R->End}};
}

void renderJSON(llvm::raw_ostream &OS, llvm::ArrayRef<Diagnostic> Diags,
                const SourceManager &SM, const RenderOptions &Opts) {
  auto Entry = [&](const Diagnostic &D) {
    json::Object O{{"check", toUTF8(checkName(D.ID))},
                   {"severity", severityName(D.Sev)},
                   {"message", toUTF8(D.Message)}};
    addLocationJSON(O, SM, resolve(SM, D.Range), /*Bytes=*/true);
    json::Array Notes;
    for (const DiagNote &N : D.Notes) {
      json::Object NO{{"message", toUTF8(N.Message)}};
      addLocationJSON(NO, SM, resolve(SM, N.Range), /*Bytes=*/false);
      Notes.push_back(std::move(NO));
    }
    O["notes"] = std::move(Notes);
    json::Array Fixes;
    for (const Fix &F : D.Fixes) {
      json::Array Edits;
      for (const TextEdit &E : F.Edits) {
        json::Object EO{{"newText", toUTF8(E.NewText)}};
        addLocationJSON(EO, SM, resolve(SM, E.Range), /*Bytes=*/true);
        Edits.push_back(std::move(EO));
      }
      Fixes.push_back(json::Object{{"title", toUTF8(F.Title)},
                                   {"edits", std::move(Edits)}});
    }
    O["fixes"] = std::move(Fixes);
    if (D.SuppressedBecause)
      O["suppressedBecause"] = toUTF8(*D.SuppressedBecause);
    return O;
  };
  json::Array Out, Suppressed;
  for (const Diagnostic &D : Diags)
    Out.push_back(Entry(D));
  for (const Diagnostic &D : Opts.Suppressed)
    Suppressed.push_back(Entry(D));
  Counts C = countBySeverity(Diags);
  json::Object Root{
      {"version", 1},
      {"tool", json::Object{{"name", toUTF8(Opts.ToolName)},
                            {"version", toUTF8(Opts.ToolVersion)}}},
      {"diagnostics", std::move(Out)},
      {"suppressed", std::move(Suppressed)},
      {"summary", json::Object{{"errors", C.Errors},
                               {"warnings", C.Warnings},
                               {"notes", C.Notes},
                               {"suppressed", static_cast<int64_t>(
                                                  Opts.Suppressed.size())}}}};
  OS << llvm::formatv("{0:2}", json::Value(std::move(Root))) << '\n';
}

//===----------------------------------------------------------------------===//
// SARIF 2.1.0
//===----------------------------------------------------------------------===//

/// The first line of \p Explain that is neither blank nor a heading.
llvm::StringRef firstProseLine(llvm::StringRef Explain) {
  while (!Explain.empty()) {
    llvm::StringRef Line;
    std::tie(Line, Explain) = Explain.split('\n');
    Line = Line.trim();
    if (!Line.empty() && !Line.startswith("#"))
      return Line;
  }
  return {};
}

/// A URI reference for \p DisplayName: relative to %SRCROOT%, or a file: URI
/// for an absolute path (\p Absolute tells which).
std::string artifactURI(llvm::StringRef DisplayName, bool &Absolute) {
  std::string Path = DisplayName.str();
  std::replace(Path.begin(), Path.end(), '\\', '/');
  bool Drive = Path.size() >= 2 && llvm::isAlpha(Path[0]) && Path[1] == ':';
  Absolute = Drive || llvm::StringRef(Path).startswith("/");
  std::string URI = Absolute ? (Drive ? "file:///" : "file://") : "";
  for (size_t I = 0; I < Path.size(); ++I) {
    auto C = static_cast<unsigned char>(Path[I]);
    if (llvm::isAlnum(C) || C == '/' || C == '-' || C == '.' || C == '_' ||
        C == '~' || (Drive && I == 1))
      URI += static_cast<char>(C);
    else
      URI += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return URI;
}

json::Object artifactLocationSARIF(const SourceManager &SM, FileID File) {
  bool Absolute;
  json::Object O{{"uri", artifactURI(SM.getDisplayName(File), Absolute)}};
  if (!Absolute)
    O["uriBaseId"] = "%SRCROOT%";
  return O;
}

json::Object regionSARIF(const SourceManager &SM, SourceRange R) {
  Position B = utf16Position(SM, R.File, R.Begin);
  Position E = utf16Position(SM, R.File, R.End);
  return json::Object{{"startLine", B.Line},
                      {"startColumn", B.Column},
                      {"endLine", E.Line},
                      {"endColumn", E.Column}};
}

json::Object physicalLocationSARIF(const SourceManager &SM, SourceRange R) {
  return json::Object{{"artifactLocation", artifactLocationSARIF(SM, R.File)},
                      {"region", regionSARIF(SM, R)}};
}

json::Object messageSARIF(llvm::StringRef Text) {
  return json::Object{{"text", toUTF8(Text)}};
}

/// A stable fingerprint of a finding that survives edits moving it around:
/// FNV-1a (64-bit) of its findingKey (Baseline.h), the identity baselines
/// and `remitc diff` match findings by.
std::string fingerprint(llvm::StringRef RuleID, llvm::StringRef Message) {
  std::string Key = findingKey(RuleID, Message);
  uint64_t H = 0xcbf29ce484222325ULL;
  auto Mix = [&H](llvm::StringRef S) {
    for (char C : S) {
      H ^= static_cast<unsigned char>(C);
      H *= 0x100000001b3ULL;
    }
  };
  Mix(Key);
  return llvm::utohexstr(H, /*LowerCase=*/true, /*Width=*/16);
}

json::Array rulesSARIF() {
  json::Array Rules;
  for (const DiagInfo &I : getAllDiagInfos()) {
    llvm::StringRef Short = firstProseLine(I.Explain);
    json::Object Rule{
        {"id", toUTF8(I.Name)},
        {"shortDescription", messageSARIF(Short.empty() ? I.Name : Short)},
        {"defaultConfiguration",
         json::Object{{"level", severityName(I.DefaultSeverity)}}}};
    // The explain text once, as Markdown; the plain-text help points to it
    // (code-scanning UIs show the Markdown).
    if (!I.Explain.empty())
      Rule["help"] = json::Object{
          {"text", toUTF8(fmt::format("{} Run `remitc explain {}` for the "
                                      "rationale and examples.",
                                      Short.str(), I.Name.str()))},
          {"markdown", toUTF8(I.Explain)}};
    Rules.push_back(std::move(Rule));
  }
  return Rules;
}

/// SARIF fix: edits grouped into one artifactChange per file, in order of
/// first appearance; edits without a location are dropped.
std::optional<json::Object> fixSARIF(const SourceManager &SM, const Fix &F) {
  std::vector<FileID> Files;
  std::vector<json::Array> Replacements;
  for (const TextEdit &E : F.Edits) {
    std::optional<SourceRange> R = resolve(SM, E.Range);
    if (!R)
      continue;
    auto It = std::find(Files.begin(), Files.end(), R->File);
    size_t Index = It - Files.begin();
    if (It == Files.end()) {
      Files.push_back(R->File);
      Replacements.emplace_back();
    }
    Replacements[Index].push_back(
        json::Object{{"deletedRegion", regionSARIF(SM, *R)},
                     {"insertedContent", messageSARIF(E.NewText)}});
  }
  if (Files.empty())
    return std::nullopt;
  json::Array Changes;
  for (size_t I = 0; I < Files.size(); ++I)
    Changes.push_back(
        json::Object{{"artifactLocation", artifactLocationSARIF(SM, Files[I])},
                     {"replacements", std::move(Replacements[I])}});
  return json::Object{{"description", messageSARIF(F.Title)},
                      {"artifactChanges", std::move(Changes)}};
}

void renderSARIF(llvm::raw_ostream &OS, llvm::ArrayRef<Diagnostic> Diags,
                 const SourceManager &SM, const RenderOptions &Opts) {
  size_t NumRules = getAllDiagInfos().size();
  json::Array Results;
  auto Result = [&](const Diagnostic &D) {
    llvm::StringRef Name = checkName(D.ID);
    json::Object Res{
        {"ruleId", toUTF8(Name)},
        {"level", severityName(D.Sev)},
        {"message", messageSARIF(D.Message)},
        {"partialFingerprints",
         json::Object{{"remit/v1", fingerprint(Name, D.Message)}}}};
    if (static_cast<size_t>(D.ID) < NumRules)
      Res["ruleIndex"] = static_cast<int64_t>(D.ID);
    if (std::optional<SourceRange> R = resolve(SM, D.Range))
      Res["locations"] = json::Array{
          json::Object{{"physicalLocation", physicalLocationSARIF(SM, *R)}}};
    if (!D.Notes.empty()) {
      json::Array Related;
      for (size_t I = 0; I < D.Notes.size(); ++I) {
        json::Object L{{"id", static_cast<int64_t>(I)},
                       {"message", messageSARIF(D.Notes[I].Message)}};
        if (std::optional<SourceRange> R = resolve(SM, D.Notes[I].Range))
          L["physicalLocation"] = physicalLocationSARIF(SM, *R);
        Related.push_back(std::move(L));
      }
      Res["relatedLocations"] = std::move(Related);
    }
    json::Array Fixes;
    for (const Fix &F : D.Fixes)
      if (std::optional<json::Object> FO = fixSARIF(SM, F))
        Fixes.push_back(std::move(*FO));
    if (!Fixes.empty())
      Res["fixes"] = std::move(Fixes);
    if (D.SuppressedBecause)
      Res["suppressions"] = json::Array{
          json::Object{{"kind", "inSource"},
                       {"justification", toUTF8(*D.SuppressedBecause)}}};
    Results.push_back(std::move(Res));
  };
  for (const Diagnostic &D : Diags)
    Result(D);
  for (const Diagnostic &D : Opts.Suppressed)
    Result(D);

  json::Object Driver{{"name", toUTF8(Opts.ToolName)},
                      {"informationUri", "https://github.com/remit-lang/remit"},
                      {"rules", rulesSARIF()}};
  if (!Opts.ToolVersion.empty())
    Driver["version"] = toUTF8(Opts.ToolVersion);
  json::Object Run{{"tool", json::Object{{"driver", std::move(Driver)}}},
                   {"columnKind", "utf16CodeUnits"},
                   {"results", std::move(Results)}};
  json::Object Root{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::Array{std::move(Run)}}};
  OS << llvm::formatv("{0:2}", json::Value(std::move(Root))) << '\n';
}

//===----------------------------------------------------------------------===//
// JUnit XML
//===----------------------------------------------------------------------===//

bool isXMLChar(uint32_t V) {
  return V == 0x9 || V == 0xA || V == 0xD || (V >= 0x20 && V <= 0xD7FF) ||
         (V >= 0xE000 && V <= 0xFFFD) || (V >= 0x10000 && V <= 0x10FFFF);
}

/// \p S escaped for XML 1.0 text or (with \p Attribute) a quoted attribute
/// value. Characters XML 1.0 does not allow are dropped; invalid UTF-8 bytes
/// become U+FFFD.
std::string escapeXML(llvm::StringRef S, bool Attribute) {
  std::string Out;
  Out.reserve(S.size());
  for (size_t I = 0; I < S.size();) {
    CodePoint CP = decodeUTF8(S, I);
    llvm::StringRef Bytes = S.substr(I, CP.Len);
    I += CP.Len;
    if (!CP.Valid) {
      Out += ReplacementChar;
      continue;
    }
    if (!isXMLChar(CP.Value))
      continue;
    switch (CP.Value) {
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
      Out += "&apos;";
      break;
    case '\r':
      Out += "&#13;";
      break;
    case '\n':
      Out += Attribute ? "&#10;" : "\n";
      break;
    case '\t':
      Out += Attribute ? "&#9;" : "\t";
      break;
    default:
      Out += Bytes;
    }
  }
  return Out;
}

std::string attr(llvm::StringRef S) { return escapeXML(S, true); }

void renderJUnit(llvm::raw_ostream &OS, llvm::ArrayRef<Diagnostic> Diags,
                 const SourceManager &SM, const RenderOptions &Opts) {
  // Suites per file, in order of first appearance (the caller sorted).
  struct Suite {
    std::string Name;
    std::vector<const Diagnostic *> Diags;
    unsigned Failures = 0;
  };
  std::vector<Suite> Suites;
  llvm::StringMap<size_t> SuiteIndex;
  unsigned Failures = 0;
  for (const Diagnostic &D : Diags) {
    std::optional<SourceRange> R = resolve(SM, D.Range);
    std::string Name = R ? SM.getDisplayName(R->File).str() : Opts.ToolName;
    auto Ins = SuiteIndex.try_emplace(Name, Suites.size());
    if (Ins.second)
      Suites.push_back({Name, {}, 0});
    Suite &S = Suites[Ins.first->second];
    S.Diags.push_back(&D);
    if (D.Sev != Severity::Note) {
      ++S.Failures;
      ++Failures;
    }
  }

  OS << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  OS << "<testsuites name=\"" << attr(Opts.ToolName) << "\" tests=\""
     << std::max<size_t>(Diags.size(), 1) << "\" failures=\"" << Failures
     << "\" errors=\"0\">\n";
  if (Diags.empty()) {
    OS << "  <testsuite name=\"" << attr(Opts.ToolName)
       << "\" tests=\"1\" failures=\"0\" errors=\"0\">\n"
       << "    <testcase name=\"" << attr(Opts.ToolName + " check")
       << "\" classname=\"" << attr(Opts.ToolName) << "\"/>\n"
       << "  </testsuite>\n";
  }
  for (const Suite &S : Suites) {
    OS << "  <testsuite name=\"" << attr(S.Name) << "\" tests=\""
       << S.Diags.size() << "\" failures=\"" << S.Failures
       << "\" errors=\"0\">\n";
    for (const Diagnostic *D : S.Diags) {
      std::optional<SourceRange> R = resolve(SM, D->Range);
      std::string Name = checkName(D->ID).str();
      if (R)
        Name += " at " + SM.formatLocation(R->File, R->Begin);
      // The body is the human rendering of this one diagnostic.
      std::string Body;
      llvm::raw_string_ostream BodyOS(Body);
      HumanRenderer(BodyOS, SM, /*Color=*/false).render(*D);
      BodyOS.flush();
      OS << "    <testcase name=\"" << attr(Name) << "\" classname=\""
         << attr(S.Name) << "\">\n";
      if (D->Sev == Severity::Note)
        OS << "      <system-out>" << escapeXML(Body, false)
           << "</system-out>\n";
      else
        OS << "      <failure message=\"" << attr(D->Message) << "\" type=\""
           << severityName(D->Sev) << "\">" << escapeXML(Body, false)
           << "</failure>\n";
      OS << "    </testcase>\n";
    }
    OS << "  </testsuite>\n";
  }
  OS << "</testsuites>\n";
}

//===----------------------------------------------------------------------===//
// GitHub Actions workflow commands
//===----------------------------------------------------------------------===//

/// Escapes workflow-command data; \p Property adds `:` and `,`.
std::string escapeGitHub(llvm::StringRef S, bool Property) {
  std::string Out;
  for (char C : sanitize(S, "\n\r\t")) {
    switch (C) {
    case '%':
      Out += "%25";
      break;
    case '\r':
      Out += "%0D";
      break;
    case '\n':
      Out += "%0A";
      break;
    case ':':
      Out += Property ? "%3A" : ":";
      break;
    case ',':
      Out += Property ? "%2C" : ",";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

void renderGitHub(llvm::raw_ostream &OS, llvm::ArrayRef<Diagnostic> Diags,
                  const SourceManager &SM) {
  for (const Diagnostic &D : Diags) {
    const char *Command = D.Sev == Severity::Error     ? "error"
                          : D.Sev == Severity::Warning ? "warning"
                                                       : "notice";
    std::vector<std::string> Props;
    if (std::optional<SourceRange> R = resolve(SM, D.Range)) {
      std::string File = SM.getDisplayName(R->File).str();
      std::replace(File.begin(), File.end(), '\\', '/');
      Position B = codePointPosition(SM, R->File, R->Begin);
      Position E = codePointPosition(SM, R->File, R->End);
      Props.push_back("file=" + escapeGitHub(File, true));
      Props.push_back("line=" + std::to_string(B.Line));
      Props.push_back("col=" + std::to_string(B.Column));
      Props.push_back("endLine=" + std::to_string(E.Line));
      Props.push_back("endColumn=" + std::to_string(E.Column));
    }
    Props.push_back("title=" +
                    escapeGitHub(("[" + checkName(D.ID) + "]").str(), true));

    std::string Message = D.Message;
    for (const DiagNote &N : D.Notes) {
      Message += "\nnote: ";
      if (std::optional<SourceRange> R = resolve(SM, N.Range))
        Message += SM.formatLocation(R->File, R->Begin) + ": ";
      Message += N.Message;
    }
    OS << "::" << Command << ' ';
    for (size_t I = 0; I < Props.size(); ++I)
      OS << (I ? "," : "") << Props[I];
    OS << "::" << escapeGitHub(Message, false) << '\n';
  }
}

} // namespace

void remit::renderDiagnostics(llvm::raw_ostream &OS, OutputFormat Format,
                              llvm::ArrayRef<Diagnostic> Diags,
                              const SourceManager &SM,
                              const RenderOptions &Opts) {
  switch (Format) {
  case OutputFormat::Human:
    renderHuman(OS, Diags, SM, Opts);
    return;
  case OutputFormat::JSON:
    renderJSON(OS, Diags, SM, Opts);
    return;
  case OutputFormat::SARIF:
    renderSARIF(OS, Diags, SM, Opts);
    return;
  case OutputFormat::JUnit:
    renderJUnit(OS, Diags, SM, Opts);
    return;
  case OutputFormat::GitHub:
    renderGitHub(OS, Diags, SM);
    return;
  }
}
