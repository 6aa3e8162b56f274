// FormatTests.cpp - the formatter keeps meaning, is idempotent, and lays out
// comments; atomic writes keep permissions. Walks every example, the stdlib
// and every golden-test input.
#include "Basic/AtomicFile.h"
#include "Driver/Compilation.h"
#include "Format/Formatter.h"
#include "Load/Loader.h"
#include "TestSupport.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <catch2/catch.hpp>

using namespace remit;
using remit::test::meaning;
namespace fs = llvm::sys::fs;

namespace {
/// Formats \p Text as file \p Path; the error text when it is not formatted.
llvm::Expected<std::string> format(const std::string &Text,
                                   const std::string &Path = "t.remit") {
  SourceManager SM;
  FileID ID = SM.addBuffer(Path, Path, Text);
  DiagnosticEngine Diags;
  if (!checkEncoding(SM, ID, Diags))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "encoding");
  return formatFile(SM, ID, Diags);
}

std::string formatOK(const std::string &Text) {
  llvm::Expected<std::string> Out = format(Text);
  REQUIRE(static_cast<bool>(Out));
  return *Out;
}

struct RootResult {
  unsigned Files = 0, Formatted = 0;
};

/// Formats every `.remit` file under \p Root, checks each is idempotent, and
/// checks the model compiled from the formatted files means what the
/// original did.
RootResult checkRoot(const std::string &Root, const std::string &Stdlib = "") {
  RootResult Result;
  std::vector<std::string> Files;
  if (fs::is_directory(Root))
    findRemitFiles(Root, Files);
  else
    Files.push_back(Root);
  llvm::StringMap<std::string> Overlay;
  for (const std::string &Path : Files) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    if (!Buffer)
      continue;
    ++Result.Files;
    llvm::Expected<std::string> Once = format((*Buffer)->getBuffer().str());
    if (!Once) {
      llvm::consumeError(Once.takeError());
      continue;
    }
    ++Result.Formatted;
    llvm::Expected<std::string> Twice = format(*Once);
    INFO("file: " << Path);
    REQUIRE(static_cast<bool>(Twice));
    CHECK(*Twice == *Once);
    llvm::SmallString<256> Real;
    if (fs::real_path(Path, Real))
      Real = Path;
    Overlay[Real] = *Once;
  }
  CompileOptions Opts;
  Opts.Roots.push_back(Root);
  Opts.Load.StdlibDir = Stdlib;
  Opts.AsOfDay = 20000;
  std::string Before = meaning(*Compilation::run(Opts));
  Opts.Load.Overlay = &Overlay;
  std::string After = meaning(*Compilation::run(Opts));
  INFO("root: " << Root);
  CHECK(Before == After);
  return Result;
}

std::string source(const std::string &Rel) {
  return std::string(REMIT_SOURCE_DIR) + "/" + Rel;
}
} // namespace

TEST_CASE("examples and stdlib: idempotent, meaning kept, already formatted",
          "[format]") {
  for (const char *Example :
       {"examples/insurer-product", "examples/retail-incident",
        "examples/distributor-ai"}) {
    RootResult R = checkRoot(source(Example));
    CHECK(R.Files > 0);
    CHECK(R.Formatted == R.Files);
  }
  RootResult R = checkRoot(source("stdlib/std"), source("stdlib"));
  CHECK(R.Formatted == R.Files);
}

TEST_CASE("every golden-test input that parses formats safely", "[format]") {
  std::error_code EC;
  unsigned Cases = 0, Files = 0, Formatted = 0;
  std::vector<std::string> Dirs;
  for (fs::directory_iterator It(source("tests/golden/cases"), EC), End;
       It != End && !EC; It.increment(EC))
    if (fs::is_directory(It->path()))
      Dirs.push_back(It->path());
  std::sort(Dirs.begin(), Dirs.end());
  for (const std::string &Dir : Dirs) {
    std::vector<std::string> Found;
    findRemitFiles(Dir, Found);
    if (Found.empty())
      continue;
    ++Cases;
    RootResult R = checkRoot(Dir);
    Files += R.Files;
    Formatted += R.Formatted;
  }
  WARN(Formatted << " of " << Files << " files in " << Cases
                 << " golden cases formatted");
  CHECK(Cases > 50);
  CHECK(Formatted > Files / 2);
}

TEST_CASE("comments stay where they were", "[format]") {
  CHECK(formatOK("// head\nrole a {final}   // after\n") ==
        "// head\nrole a { final }  // after\n");
  CHECK(formatOK("unit u { // on the brace\n\n\n  // first\n  lead a\n"
                 "  /* before close */\n}\n") ==
        "unit u {  // on the brace\n  // first\n  lead a\n"
        "  /* before close */\n}\n");
  CHECK(formatOK("@allow(x.y, \"r\") // one\n// between\n@allow(a.b,\"s\")\n"
                 "role a\n") ==
        "@allow(x.y, \"r\")  // one\n// between\n@allow(a.b, \"s\")\nrole a\n");
  // A comment inside a list keeps its place; the list continues aligned.
  CHECK(formatOK("decision d {\n consulted a, // why\n b\n}\n") ==
        "decision d {\n  consulted a,  // why\n            b\n}\n");
  CHECK(formatOK("role a /* c */ \"T\"\n") == "role a /* c */ \"T\"\n");
}

TEST_CASE("layout rules", "[format]") {
  // One item per line; blank lines kept (one at most) between items only.
  CHECK(formatOK("\n\nrole a { reports_to b\n deputy c }\n\n\n\nrole b\n") ==
        "role a {\n  reports_to b\n  deputy c\n}\n\nrole b\n");
  // A block written on one line stays there, items two spaces apart.
  CHECK(formatOK("role a {reports_to b deputy c}\n") ==
        "role a { reports_to b  deputy c }\n");
  // ... unless it holds a nested declaration or is too long.
  CHECK(formatOK("unit u { role r }\n") == "unit u {\n  role r\n}\n");
  std::string Long = "role a { reports_to " + std::string(60, 'b') +
                     " deputy " + std::string(30, 'c') + " }\n";
  CHECK(formatOK(Long) == "role a {\n  reports_to " + std::string(60, 'b') +
                              "\n  deputy " + std::string(30, 'c') + "\n}\n");
  // Runs of one-line declarations of one kind are aligned as a table.
  CHECK(formatOK("role a \"A\" { final }\nrole bbb { final }\nrole cc\n") ==
        "role a   \"A\" { final }\nrole bbb     { final }\nrole cc\n");
  // Long lists break after a comma, continuing under the first value.
  std::string Names;
  for (int I = 0; I < 12; ++I)
    Names += (I ? ", name_" : "name_") + std::to_string(I) + "xxxxxx";
  std::string Out = formatOK("decision d {\nconsulted " + Names + "\n}\n");
  CHECK(Out.find(",\n            name_") != std::string::npos);
  for (llvm::StringRef L : llvm::split(llvm::StringRef(Out), '\n'))
    CHECK(L.size() <= 100);
  // CRLF, tabs and a byte order mark become plain LF text.
  CHECK(formatOK("\xEF\xBB\xBFrole\ta { final }\r\nrole\tb\r\n") ==
        "role a { final }\nrole b\n");
  CHECK(formatOK("") == "");
  CHECK(formatOK("  \n\n") == "");
}

TEST_CASE("files with syntax errors are not formatted", "[format]") {
  for (const char *Bad : {"role a {", "role a { final } }", "role {",
                          "@allow(x", "/* open", "role a { \"unterminated }",
                          "role a { reports_to role }", "right r { min 1 }"}) {
    INFO(Bad);
    llvm::Expected<std::string> Out = format(Bad);
    CHECK(!Out);
    if (!Out)
      llvm::consumeError(Out.takeError());
  }
  // Errors that leave the tree whole (an unknown property) do not stop it.
  CHECK(formatOK("role a {bogus 1 2 reports_to b}\n") ==
        "role a { bogus 1 2  reports_to b }\n");
}

TEST_CASE("minimal edits and atomic writes", "[format]") {
  std::vector<TextEdit> E =
      minimalEdits(1, "role a {final}\n", "role a { final }\n");
  REQUIRE(E.size() == 1);
  CHECK(E[0].Range.Begin == 8);
  CHECK(E[0].Range.End == 13);
  CHECK(E[0].NewText == " final ");
  CHECK(minimalEdits(1, "x", "x").empty());

  llvm::SmallString<128> Dir;
  REQUIRE(!fs::createUniqueDirectory("remit-atomic", Dir));
  std::string Path = (Dir + "/m.remit").str();
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << "old";
  }
  REQUIRE(!fs::setPermissions(Path, fs::perms::owner_read |
                                        fs::perms::owner_write |
                                        fs::perms::group_read));
  REQUIRE(!writeFileAtomically(Path, "new text"));
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  REQUIRE(Buffer);
  CHECK((*Buffer)->getBuffer() == "new text");
  fs::file_status St;
  REQUIRE(!fs::status(Path, St));
  CHECK(St.permissions() == (fs::perms::owner_read | fs::perms::owner_write |
                             fs::perms::group_read));
  // Nothing but the file is left in the directory.
  std::error_code EC;
  unsigned Entries = 0;
  for (fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    ++Entries;
  CHECK(Entries == 1);
  // A directory that does not exist fails cleanly.
  llvm::Error Err = writeFileAtomically((Dir + "/missing/x.remit").str(), "x");
  CHECK(static_cast<bool>(Err));
  llvm::consumeError(std::move(Err));
  fs::remove(Path);
  fs::remove(Dir);
}

TEST_CASE("a block too long for one line does not join its neighbours' "
          "alignment",
          "[format]") {
  // Regression: the header of the broken block was aligned with `ceo`, and
  // the second pass (now seeing a block) undid it.
  std::string Long = "role ceo \"CEO\" { final }\n"
                     "role chief_operating_officer \"Chief Operating Officer\" "
                     "{ reports_to ceo  escalates_to ceo after 5d  deputy "
                     "head_of_operations_excellence }\n";
  std::string Once = formatOK(Long);
  CHECK(formatOK(Once) == Once);
  CHECK(llvm::StringRef(Once).startswith("role ceo \"CEO\" { final }\n"));
}
