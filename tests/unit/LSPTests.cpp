// LSPTests.cpp - the language server's layers: framing, URIs, the workspace
// facade's incremental analysis, and each feature in the compiler's terms.
#include "Features.h"
#include "LSPServer.h"
#include "Protocol.h"
#include "TestSupport.h"
#include "Transport.h"
#include "Workspace.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <catch2/catch.hpp>
#include <fstream>
#include <unistd.h>

using namespace remit;
using namespace remit::lsp;

namespace {
/// A pipe whose write end the test fills and whose read end a Transport
/// reads.
struct Pipe {
  int Fds[2];
  Pipe() { REQUIRE(::pipe(Fds) == 0); }
  ~Pipe() {
    closeWrite();
    ::close(Fds[0]);
  }
  void write(const std::string &S) {
    REQUIRE(::write(Fds[1], S.data(), S.size()) ==
            static_cast<ssize_t>(S.size()));
  }
  void closeWrite() {
    if (Fds[1] >= 0)
      ::close(Fds[1]);
    Fds[1] = -1;
  }
};

std::string framed(const std::string &Body) {
  return "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
}

/// A text with one `^` marking the cursor: the text without it, and the
/// cursor's byte offset.
std::pair<std::string, uint32_t> cursor(std::string Text) {
  size_t At = Text.find('^');
  REQUIRE(At != std::string::npos);
  Text.erase(At, 1);
  return {Text, static_cast<uint32_t>(At)};
}

/// A temporary workspace folder with files in it.
struct TempWorkspace {
  std::string Root;
  TempWorkspace() {
    llvm::SmallString<128> Dir;
    REQUIRE(!llvm::sys::fs::createUniqueDirectory("remit-lsp-unit", Dir));
    llvm::SmallString<128> Real;
    REQUIRE(!llvm::sys::fs::real_path(Dir, Real));
    Root = std::string(Real);
  }
  ~TempWorkspace() { llvm::sys::fs::remove_directories(Root); }
  std::string write(const std::string &Name, const std::string &Text) {
    std::string Path = Root + "/" + Name;
    std::ofstream(Path) << Text;
    return Path;
  }
};

std::vector<std::string> labels(const CompletionResult &R) {
  std::vector<std::string> Out;
  for (const CompletionCandidate &C : R.Items)
    Out.push_back(C.Label);
  return Out;
}

bool contains(const std::vector<std::string> &V, const std::string &S) {
  return std::find(V.begin(), V.end(), S) != V.end();
}

FileID fileOf(const Compilation &C, llvm::StringRef Suffix) {
  for (const auto &F : C.files())
    if (C.sources().getPath(F->ID).endswith(Suffix))
      return F->ID;
  FAIL("no file ending in " << Suffix.str());
  return 0;
}
} // namespace

TEST_CASE("Transport reads frames, tolerates junk and reports the end",
          "[lsp]") {
  Pipe P;
  Transport T(P.Fds[0], /*Out=*/-1, /*MaxMessage=*/64);
  P.write(framed("{\"a\":1}") + framed("{\"b\":2}"));
  std::string Body, Error;
  CHECK(T.hasPendingInput());
  REQUIRE(T.read(Body, Error) == Transport::ReadStatus::Message);
  CHECK(Body == "{\"a\":1}");
  REQUIRE(T.read(Body, Error) == Transport::ReadStatus::Message);
  CHECK(Body == "{\"b\":2}");
  CHECK_FALSE(T.hasPendingInput());

  // Too large: skipped whole, so the next frame still reads.
  P.write(framed(std::string(100, 'x')) + framed("{}"));
  CHECK(T.read(Body, Error) == Transport::ReadStatus::Malformed);
  CHECK(Error.find("larger than the limit") != std::string::npos);
  REQUIRE(T.read(Body, Error) == Transport::ReadStatus::Message);
  CHECK(Body == "{}");

  // Headers in any case, extra headers, stray bytes before a header.
  P.write("content-length: 2\r\nContent-Type: x\r\n\r\n[]junk" + framed("{}"));
  REQUIRE(T.read(Body, Error) == Transport::ReadStatus::Message);
  CHECK(Body == "[]");
  REQUIRE(T.read(Body, Error) == Transport::ReadStatus::Message);
  CHECK(Body == "{}");

  // The peer goes away in the middle of a body.
  P.write("Content-Length: 10\r\n\r\n{\"a\"");
  P.closeWrite();
  CHECK(T.read(Body, Error) == Transport::ReadStatus::End);
}

TEST_CASE("file URIs and paths convert both ways", "[lsp]") {
  CHECK(pathToURI("/a/b c/é.remit") == "file:///a/b%20c/%C3%A9.remit");
  CHECK(uriToPath("file:///a/b%20c/%C3%A9.remit") == "/a/b c/é.remit");
  CHECK(uriToPath("file://localhost/x.remit") == "/x.remit");
  // VS Code escapes the drive colon and more than it needs to.
  CHECK(uriToPath("file:///c%3A/x%2By.remit") == "/c:/x+y.remit");
  CHECK_FALSE(uriToPath("untitled:Untitled-1"));
  CHECK_FALSE(uriToPath("file://server/share/x.remit"));
  CHECK_FALSE(uriToPath("file:///a%00b"));
  for (std::string Path : {"/tmp/x", "/a b/%/#?.remit", "/ü/😀.remit"})
    CHECK(uriToPath(pathToURI(Path)) == Path);
}

TEST_CASE("the workspace re-parses only the files whose text changed",
          "[lsp]") {
  TempWorkspace TW;
  std::string A = TW.write("a.remit", std::string(test::RaciHeader) +
                                          "role ceo { final }\n");
  TW.write("b.remit", "role cfo { reports_to ceo }\n");
  TW.write("c.remit", "decision d { accountable cfo  responsible ceo }\n");
  Workspace WS;
  WS.setFolders({TW.Root});
  const Compilation &First = WS.analysis();
  CHECK(First.files().size() == 4); // Three files and std.raci.
  unsigned Parses = WS.parses();
  CHECK(Parses == 4);

  // Opening with the disk's text parses nothing; an edit parses one file.
  std::ifstream In(A);
  std::string Text((std::istreambuf_iterator<char>(In)), {});
  WS.openDocument(A, Text, 1);
  WS.analysis();
  CHECK(WS.parses() == Parses);
  WS.updateDocument(A, Text + "role coo { reports_to ceo }\n", 2);
  const Compilation &Second = WS.analysis();
  CHECK(WS.parses() == Parses + 1);
  CHECK(Second.model().lookup("coo") != sema::NoEntity);
  CHECK(Second.model().lookup("cfo") != sema::NoEntity);
  // Asking again without a change does not analyse again.
  unsigned Analyses = WS.analyses();
  WS.analysis();
  CHECK(WS.analyses() == Analyses);

  // Closing falls back to the disk; the disk's AST was dropped when the
  // buffer was replaced, so it is parsed again.
  CHECK(WS.closeDocument(A));
  CHECK_FALSE(WS.closeDocument(A));
  CHECK(WS.analysis().model().lookup("coo") == sema::NoEntity);
  CHECK(WS.parses() == Parses + 2);
  CHECK_FALSE(WS.updateDocument(A, "x", 3));
}

TEST_CASE("the workspace reads the disk again only when told it changed",
          "[lsp]") {
  TempWorkspace TW;
  TW.write("a.remit", "role ceo { final }\n");
  Workspace WS;
  WS.setFolders({TW.Root});
  CHECK(WS.analysis().model().lookup("ceo") != sema::NoEntity);
  // Another tool rewrites the file: nothing is read until an event says so.
  std::string A = TW.write("a.remit", "role chief { final }\n");
  std::string B = TW.write("b.remit", "role cfo { reports_to chief }\n");
  WS.openDocument(B, "role cfo { reports_to chief }\n", 1);
  CHECK(WS.analysis().model().lookup("ceo") != sema::NoEntity);
  WS.diskChanged({A});
  CHECK(WS.analysis().model().lookup("ceo") == sema::NoEntity);
  CHECK(WS.analysis().model().lookup("chief") != sema::NoEntity);
  // An event naming no file forgets every disk text.
  TW.write("a.remit", "role boss { final }\n");
  WS.diskChanged({});
  CHECK(WS.analysis().model().lookup("boss") != sema::NoEntity);
}

TEST_CASE("imports stay inside the workspace folders unless allowed", "[lsp]") {
  TempWorkspace TW;
  llvm::sys::fs::create_directories(TW.Root + "/ws");
  llvm::sys::fs::create_directories(TW.Root + "/elsewhere");
  TW.write("elsewhere/secret.remit", "role ceo { final }\n");
  TW.write("ws/a.remit", "import \"../elsewhere/secret.remit\"\n"
                         "role cfo { reports_to ceo }\n");
  Workspace WS;
  WS.setFolders({TW.Root + "/ws"});
  auto Count = [](const Compilation &C, llvm::StringRef Name) {
    return std::count_if(
        C.diagnostics().begin(), C.diagnostics().end(),
        [&](const remit::Diagnostic &D) { return D.name() == Name; });
  };
  CHECK(Count(WS.analysis(), "file.outside-root") == 1);
  CHECK(WS.analysis().model().lookup("ceo") == sema::NoEntity);
  // The setting, as initializationOptions or didChangeConfiguration send it.
  Settings Parsed;
  llvm::json::Path::Root Root("settings");
  REQUIRE(fromJSON(
      llvm::json::Object{
          {"remit", llvm::json::Object{{"allowOutsideImports", true}}}},
      Parsed, Root));
  REQUIRE(Parsed.AllowOutsideImports == true);
  AnalysisSettings S;
  S.AllowOutsideImports = *Parsed.AllowOutsideImports;
  WS.setSettings(S);
  CHECK(Count(WS.analysis(), "file.outside-root") == 0);
  CHECK(WS.analysis().model().lookup("ceo") != sema::NoEntity);
}

TEST_CASE("the strict profile is std.profiles' strict", "[lsp]") {
  auto C = test::compileText(
      "p.remit", std::string(test::RaciHeader) +
                     "import std.profiles\nchecks { profile strict }\n");
  std::optional<std::vector<CompileOptions::CheckOverride>> Strict =
      profileOverrides("strict");
  REQUIRE(Strict);
  for (const DiagInfo &I : getAllDiagInfos()) {
    if (!I.Configurable)
      continue;
    auto It = C->model().Config.Severities.find(I.Name);
    std::optional<Severity> FromModel = It == C->model().Config.Severities.end()
                                            ? std::optional(I.DefaultSeverity)
                                            : It->second;
    std::optional<Severity> FromEditor = I.DefaultSeverity;
    for (const auto &O : *Strict)
      if (O.Check == I.Name)
        FromEditor = O.Level;
    INFO(I.Name.str());
    CHECK(FromModel == FromEditor);
  }
  CHECK(profileOverrides("default")->empty());
  CHECK_FALSE(profileOverrides("lenient"));
}

TEST_CASE("completion offers what the position expects", "[lsp]") {
  auto Complete = [](const std::string &Marked) {
    auto [Text, At] = cursor(Marked);
    auto C = test::compileText("c.remit", Text);
    FileID F = fileOf(*C, "c.remit");
    return labels(complete(*C, F, C->sources().getBuffer(F), At));
  };
  std::string H = test::RaciHeader;
  SECTION("stdlib modules after import") {
    auto L = Complete("import std.r^\n" + H);
    CHECK(contains(L, "std.raci"));
    CHECK(contains(L, "std.rapid"));
    CHECK_FALSE(contains(L, "role"));
  }
  SECTION("the framework's rights inside a decision") {
    auto L = Complete(
        H + "role a { final }\ndecision d {\n  ^\n  accountable a\n}\n");
    CHECK(contains(L, "accountable"));
    CHECK(contains(L, "informed"));
    CHECK(contains(L, "escalates_to"));
    CHECK_FALSE(contains(L, "reports_to"));
  }
  SECTION("the names of the kind a key takes") {
    auto L = Complete(H + "role a { final }\nrole b { reports_to ^ }\n"
                          "decision d { accountable a }\n");
    CHECK(contains(L, "a"));
    CHECK_FALSE(contains(L, "d")); // A decision is not a line manager.
  }
  SECTION("list continuations take the same kind") {
    auto L = Complete(H + "role a { final }\nrole b { reports_to a }\n"
                          "decision d { accountable a\n responsible a, ^ }\n");
    CHECK(contains(L, "b"));
    CHECK_FALSE(contains(L, "d"));
  }
  SECTION("enumerated words") {
    auto L = Complete(
        H + "role a { final }\nagent x { autonomy ^ overseen_by a }\n");
    CHECK(contains(L, "suggest"));
    CHECK(contains(L, "act"));
  }
  SECTION("top level: keywords") {
    auto L = Complete(H + "^\n");
    CHECK(contains(L, "import"));
    CHECK(contains(L, "role"));
    CHECK(contains(L, "decision"));
    CHECK_FALSE(contains(L, "reports_to"));
  }
  SECTION("the second property of a one-line block") {
    std::string Roles =
        H + "role boss { final }\ndecision d { accountable boss }\n";
    auto L = Complete(Roles + "role a { reports_to boss  escalates_to ^ }\n");
    CHECK(contains(L, "boss"));
    CHECK_FALSE(contains(L, "d"));
    // After a complete value: the next key, or the key's own connector.
    L = Complete(Roles + "role a { escalates_to boss ^ }\n");
    CHECK(contains(L, "reports_to"));
    CHECK(contains(L, "after"));
    CHECK_FALSE(contains(L, "boss"));
    L = Complete(Roles + "role a { escalates_to boss after ^ }\n");
    CHECK(L.empty()); // A duration is typed, not chosen.
  }
  SECTION("a right in a one-line decision") {
    auto L = Complete(H + "role a { final }\nrole b { reports_to a }\n"
                          "decision d { accountable a  responsible ^ }\n");
    CHECK(contains(L, "b"));
    CHECK_FALSE(contains(L, "d"));
  }
  SECTION("nothing inside a comment") {
    CHECK(Complete(H + "// a comment ^\n").empty());
  }
}

TEST_CASE("the partial word is what completion replaces", "[lsp]") {
  auto [Text, At] = cursor(std::string(test::RaciHeader) +
                           "role ab { final }\nrole b { reports_to a^ }\n");
  auto C = test::compileText("c.remit", Text);
  FileID F = fileOf(*C, "c.remit");
  CompletionResult R = complete(*C, F, C->sources().getBuffer(F), At);
  CHECK(R.Replace.Begin == At - 1);
  CHECK(R.Replace.End == At);
}

TEST_CASE("completion keeps the best matches of the partial word", "[lsp]") {
  std::string Text = std::string(test::RaciHeader) + "role boss { final }\n";
  for (int I = 0; I < 300; ++I)
    Text += "role r" + std::to_string(I) + " { reports_to boss }\n";
  Text += "role x { reports_to r2^ }\n";
  auto [Clean, At] = cursor(Text);
  auto C = test::compileText("c.remit", Clean);
  FileID F = fileOf(*C, "c.remit");
  CompletionResult R = complete(*C, F, C->sources().getBuffer(F), At, 50);
  REQUIRE(!R.Items.empty());
  CHECK(R.Items[0].Label == "r2"); // Exact first, then prefixes.
  CHECK(R.Items[1].Label.rfind("r2", 0) == 0);
  CHECK(R.Items.size() == 50);
  CHECK(R.Incomplete);
  for (const CompletionCandidate &Cand : R.Items)
    CHECK(fuzzyMatch(Cand.Label, "r2"));
  R = complete(*C, F, C->sources().getBuffer(F), At, 500);
  CHECK_FALSE(R.Incomplete);
}

TEST_CASE("semantic tokens classify names by what they name", "[lsp]") {
  std::string Text = std::string(test::RaciHeader) +
                     "role old { final retired }\n"
                     "role b { reports_to old } // line\n";
  auto C = test::compileText("t.remit", Text);
  FileID F = fileOf(*C, "t.remit");
  auto Types = semanticTokenTypes();
  auto TypeAt = [&](llvm::StringRef Word, size_t From = 0) {
    uint32_t At = Text.find(Word.str(), From);
    for (const SemanticToken &T : semanticTokens(*C, F))
      if (T.Begin == At)
        return std::make_pair(Types[T.Type].str(), T.Modifiers);
    return std::make_pair(std::string("none"), 0u);
  };
  CHECK(TypeAt("role").first == "keyword");
  CHECK(TypeAt("old").first == "class");
  CHECK((TypeAt("old").second & 1) == 1); // declaration
  auto Ref = TypeAt("old", Text.find("reports_to"));
  CHECK(Ref.first == "class");
  CHECK((Ref.second & 8) == 8); // deprecated: a retired role
  CHECK(TypeAt("reports_to").first == "property");
  CHECK(TypeAt("// line").first == "comment");
  // Sorted and never overlapping.
  auto Tokens = semanticTokens(*C, F);
  for (size_t I = 1; I < Tokens.size(); ++I)
    CHECK(Tokens[I - 1].End <= Tokens[I].Begin);
}

TEST_CASE("symbols, folding and hover answer in the compiler's terms",
          "[lsp]") {
  std::string Text = std::string(test::RaciHeader) +
                     "role ceo \"Chief\" { final }\n"
                     "unit u {\n  role r { reports_to ceo }\n"
                     "  decision d {\n    accountable r\n  }\n}\n"
                     "/* a\n   b */\n";
  auto C = test::compileText("s.remit", Text);
  FileID F = fileOf(*C, "s.remit");
  std::vector<SymbolNode> Symbols = documentSymbols(*C, F);
  REQUIRE(Symbols.size() == 3);
  CHECK(Symbols[1].Name == "ceo");
  CHECK(Symbols[1].Detail == "Chief");
  REQUIRE(Symbols[2].Children.size() == 2);
  CHECK(Symbols[2].Children[1].Name == "d");

  std::vector<Fold> Folds = foldingRanges(*C, F);
  REQUIRE(Folds.size() == 3); // unit, decision, block comment
  CHECK(Folds[2].Kind == Fold::Comment);

  std::optional<HoverResult> H = hover(*C, F, Text.find("r {"));
  REQUIRE(H);
  CHECK(H->Markdown.find("owns `d`") != std::string::npos);
  CHECK(H->Markdown.find("`r` → `ceo` (final)") != std::string::npos);

  auto Ws = workspaceSymbols(*C, "ce", 10);
  REQUIRE(!Ws.empty());
  CHECK(Ws[0].Name == "ceo");
}
