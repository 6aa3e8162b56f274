// ParseTests.cpp - the parse wrapper. The hand-written lexer splits text
// exactly as the lexer ANTLR generates from the grammar; the two-stage parse
// (SLL that bails out, then full LL) gives exactly what full LL alone gives,
// AST and diagnostics in order. Both on chosen cases, every example, stdlib
// module and golden-test input, mutations of them and random text. Files
// parsed on several threads, and loads on several threads, give what they
// give on one.
#include "Basic/Parallel.h"
#include "Load/Loader.h"
#include "Parse/Parser.h"
#include "ParseDump.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

using namespace remit;
namespace fs = llvm::sys::fs;

namespace {

struct ParseResult {
  std::string AST;
  std::string Diags;
  size_t NumDiags = 0;
};

/// Parses \p Text as one file; null when it is not valid UTF-8 without NUL
/// (parseFile's precondition, which the loader checks).
std::optional<ParseResult> parse(const std::string &Text, ParseOptions Opts) {
  SourceManager SM;
  FileID ID = SM.addBuffer("t.remit", "t.remit", Text);
  DiagnosticEngine Diags;
  if (!checkEncoding(SM, ID, Diags))
    return std::nullopt;
  std::unique_ptr<ast::File> F = parseFile(SM, ID, Diags, Opts);
  return ParseResult{test::dumpFile(*F),
                     test::dumpDiagnostics(Diags.diagnostics()),
                     Diags.diagnostics().size()};
}

/// Parses \p Text both ways with \p Opts otherwise and checks the results
/// are equal. Returns the number of diagnostics (or 0 for invalid text).
size_t checkSame(const std::string &Text, ParseOptions Opts = {}) {
  Opts.ForceLL = false;
  std::optional<ParseResult> TwoStage = parse(Text, Opts);
  Opts.ForceLL = true;
  std::optional<ParseResult> LL = parse(Text, Opts);
  if (!TwoStage || !LL)
    return 0;
  INFO("input:\n" << Text);
  CHECK(TwoStage->AST == LL->AST);
  CHECK(TwoStage->Diags == LL->Diags);
  return TwoStage->NumDiags;
}

/// A deterministic pseudo-random generator (the same mutations every run).
class Random {
public:
  explicit Random(uint64_t Seed) : State(Seed) {}
  uint32_t next(uint32_t Bound) {
    State = State * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(State >> 33) % Bound;
  }

private:
  uint64_t State;
};

/// Text the mutations insert: punctuation, keywords, literals, comments and
/// characters that start error paths in the lexer and parser.
const char *const Snippets[] = {"{",
                                "}",
                                "(",
                                ")",
                                "@",
                                "@allow(",
                                ",",
                                "role",
                                "import",
                                "\"",
                                "/*",
                                "*/",
                                "//",
                                "#",
                                "\xC3\xA9",
                                "2024-01-",
                                "5d",
                                "unit x {",
                                "\n",
                                "model",
                                "role r",
                                "decision d {",
                                "x.y",
                                "x.",
                                "-",
                                "\"abc",
                                "\\",
                                "12ab",
                                "2024-01-01",
                                "right",
                                "}}",
                                "{{",
                                "import std.raci\n",
                                "@a(b c",
                                "role unit {",
                                "reports_to decision",
                                "framework raci",
                                "checks {",
                                "unit_kind",
                                "a-b"};

bool isASCII(const std::string &S, size_t I) {
  return I >= S.size() || static_cast<unsigned char>(S[I]) < 0x80;
}

/// \p S with one to three edits: bytes deleted, a snippet inserted, the
/// text cut short, or a line repeated. Multi-byte characters stay whole.
std::string mutate(const std::string &S, Random &R) {
  std::string T = S;
  for (unsigned N = 1 + R.next(3); N; --N) {
    size_t Pos = R.next(T.size() + 1);
    while (Pos < T.size() && !isASCII(T, Pos))
      ++Pos;
    switch (R.next(5)) {
    case 0: {
      size_t End = Pos, Len = 1 + R.next(6);
      while (End < T.size() && End - Pos < Len && isASCII(T, End))
        ++End;
      if (isASCII(T, End))
        T.erase(Pos, End - Pos);
      break;
    }
    case 1:
    case 2:
      T.insert(Pos, Snippets[R.next(std::size(Snippets))]);
      break;
    case 3:
      T.resize(Pos);
      break;
    case 4: {
      size_t Begin = Pos ? T.rfind('\n', Pos - 1) : std::string::npos;
      Begin = Begin == std::string::npos ? 0 : Begin + 1;
      size_t End = T.find('\n', Pos);
      End = End == std::string::npos ? T.size() : End + 1;
      T.insert(Begin, T.substr(Begin, End - Begin));
      break;
    }
    }
  }
  return T;
}

void findRemitFiles(const std::string &Dir, std::vector<std::string> &Out) {
  std::error_code EC;
  for (fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    fs::file_status Status;
    if (!fs::status(It->path(), Status) && fs::is_regular_file(Status) &&
        llvm::StringRef(It->path()).endswith(".remit"))
      Out.push_back(It->path());
  }
  std::sort(Out.begin(), Out.end());
}

std::string source(const std::string &Rel) {
  return std::string(REMIT_SOURCE_DIR) + "/" + Rel;
}

/// Every example, stdlib module and golden-test input.
std::vector<std::string> corpus() {
  std::vector<std::string> Files;
  findRemitFiles(source("examples"), Files);
  findRemitFiles(source("stdlib/std"), Files);
  findRemitFiles(source("tests/golden/cases"), Files);
  return Files;
}

std::string readFile(const std::string &Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  return Buffer ? (*Buffer)->getBuffer().str() : std::string();
}

std::string dumpTokens(const std::vector<LexedToken> &Tokens) {
  std::string Out;
  for (const LexedToken &T : Tokens)
    Out += fmt::format("{} {}-{} {}:{}\n", static_cast<int>(T.Kind), T.Begin,
                       T.End, T.Line, T.Column);
  return Out;
}

std::vector<LexedToken> lexByHand(llvm::StringRef Text) {
  std::vector<LexedToken> Tokens;
  Lexer L(Text);
  do
    Tokens.push_back(L.next());
  while (Tokens.back().Kind != TokenKind::EndOfFile);
  return Tokens;
}

/// Whether both lexers give the same tokens for \p Text (valid UTF-8).
bool sameTokens(const std::string &Text) {
  std::string Hand = dumpTokens(lexByHand(Text));
  std::string Grammar = dumpTokens(lexWithGrammar(Text));
  if (Hand == Grammar)
    return true;
  UNSCOPED_INFO("input: `" << Text << "`\nhand:\n"
                           << Hand << "grammar:\n"
                           << Grammar);
  return false;
}

} // namespace

TEST_CASE("the lexer splits chosen text as the grammar's lexer does",
          "[parse][lexer]") {
  const char *Cases[] = {
      "",
      " ",
      "\n\n",
      "role",
      "roles",
      "role-x",
      "role-",
      "role--x",
      "a-1-b",
      "unit_kind",
      "unit_kinds",
      "model.x",
      "a.b.c",
      "a.",
      "a.1",
      "a..b",
      "a.b-c.d",
      "_x",
      "x_",
      "2024-01-01",
      "2024-01-011",
      "2024-1-01",
      "20240-01-01",
      "2024-01-01x",
      "12",
      "12d",
      "12dx",
      "12w-",
      "12-",
      "12-3-",
      "12ab",
      "12_",
      "1h1",
      "0d",
      "\"\"",
      "\"a\\\"b\"",
      "\"abc",
      "\"abc\\",
      "\"abc\\\n",
      "\"a\nb\"",
      "\"a\r\n",
      "\"\\é\"",
      "//",
      "// x\r\ny",
      "/*",
      "/**/",
      "/*/",
      "/* a */ b */",
      "/* **",
      "/* **/",
      "/* * / */",
      "/",
      "*",
      "#",
      "é",
      "\xF0\x9F\x98\x80x",
      "\xEF\xBB\xBFrole",
      "a\xEF\xBB\xBF b",
      "\t\f\v\r",
      "{}(),@",
      "@allow(x.y, \"r\", until 2027-03-31)",
      "role a { reports_to b }\n  é role c\n",
      "x\r\ny\rz\n\tw",
      "\"é\" \xF0\x9F\x98\x80 \"\xF0\x9F\x98\x80",
      "-",
      ".",
      "-x",
      "9-a",
  };
  for (const char *Text : Cases)
    CHECK(sameTokens(Text));
}

TEST_CASE("the lexer splits every corpus file, mutations of them and random "
          "text as the grammar's lexer does",
          "[parse][lexer]") {
  std::vector<std::string> Files = corpus();
  REQUIRE(Files.size() > 100);
  unsigned Checked = 0;
  for (const std::string &Path : Files) {
    std::string Text = readFile(Path);
    if (findInvalidUTF8(Text) != llvm::StringRef::npos)
      continue;
    Random R(std::hash<std::string>()(Path.substr(Path.rfind("/tests/") + 1)));
    for (unsigned Variant = 0; Variant <= 4; ++Variant, ++Checked) {
      INFO("file: " << Path << ", variant " << Variant);
      CHECK(sameTokens(Variant ? mutate(Text, R) : Text));
    }
  }
  // Random text from pieces that meet at every rule's edges.
  const char *Pieces[] = {"a",
                          "Z",
                          "_",
                          "0",
                          "9",
                          "-",
                          ".",
                          "\"",
                          "\\",
                          "/",
                          "*",
                          "\n",
                          "\r",
                          " ",
                          "\t",
                          "{",
                          "}",
                          "(",
                          ")",
                          ",",
                          "@",
                          "#",
                          "h",
                          "d",
                          "w",
                          "é",
                          "\xF0\x9F\x98\x80",
                          "\f",
                          "\v",
                          "role",
                          "unit",
                          "unit_kind",
                          "2024-01-01",
                          "12",
                          "\xEF\xBB\xBF",
                          "x.y",
                          "//",
                          "/*",
                          "*/"};
  Random R(20261123);
  for (unsigned N = 0; N < 20000; ++N, ++Checked) {
    std::string Text;
    for (unsigned Len = 1 + R.next(24); Len; --Len)
      Text += Pieces[R.next(std::size(Pieces))];
    CHECK(sameTokens(Text));
  }
  WARN(Checked << " texts lexed both ways");
}

TEST_CASE("valid files parse the same in both stages", "[parse]") {
  const char *Valid[] = {
      "",
      "// only a comment\n",
      "import std.raci\nmodel m { framework raci }\n",
      "role a { reports_to b }\nrole b { final }\n",
      // A keyword followed by a name or a string inside a block: the
      // declaration's optional name and title are ambiguous with words of
      // the enclosing block, which full LL resolves with full context.
      "unit u { role a role b \"B\" person p { holds a } }\n",
      "model m { framework raci }\nunit u { role r }\n",
      "decision d \"Title\" { accountable a }\n"
      "@allow(ownership.double, \"why\", until 2027-03-31) role a { }\n",
      "term t \"x\"\nterm u\n/* block */ role r { headcount 3 }\n",
  };
  for (const char *Text : Valid) {
    CHECK(checkSame(Text) == 0);
    ParseOptions KeepTokens;
    KeepTokens.KeepTokens = true;
    checkSame(Text, KeepTokens);
  }
}

TEST_CASE("syntax errors are reported the same in both stages", "[parse]") {
  const char *Broken[] = {
      "role a {\n",
      "role a { reports_to b }\n}\n",
      "role { }\n",
      "role unit { }\n",
      "unit u { import std.raci }\n",
      "@allow(x\nrole a { }\n",
      "@ role a { }\n",
      "@allow\n",
      "import\n",
      "reports_to b\n",
      "role a { reports_to decision }\n",
      "role a { ) }\n(\n",
      "role a { x # y }\nrole b { @ }\n}\n",
      "role a { \"unterminated }\n/* open",
      "role a { 12ab 2024-01- }\n",
  };
  for (const char *Text : Broken) {
    INFO("input: " << Text);
    CHECK(checkSame(Text) > 0);
    ParseOptions Shallow;
    Shallow.MaxNesting = 2;
    Shallow.KeepTokens = true;
    checkSame(Text, Shallow);
  }
  // Recovery finds every error, not only the one that stopped the SLL pass.
  CHECK(checkSame("role a { ) }\nrole b { ( }\nrole c {\n") >= 3);
  // Blocks nested too deep are skipped before the parser sees them.
  ParseOptions Shallow;
  Shallow.MaxNesting = 2;
  CHECK(checkSame("unit a { unit b { unit c { role x } } }\n", Shallow) == 1);
}

TEST_CASE("every example, stdlib module and golden input, and mutations of "
          "them, parse the same in both stages",
          "[parse]") {
  std::vector<std::string> Files = corpus();
  REQUIRE(Files.size() > 100);
  unsigned Parsed = 0, WithErrors = 0;
  for (const std::string &Path : Files) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    REQUIRE(Buffer);
    std::string Text = (*Buffer)->getBuffer().str();
    INFO("file: " << Path);
    Random R(std::hash<std::string>()(Path.substr(Path.rfind("/tests/") + 1)));
    for (unsigned Variant = 0; Variant <= 12; ++Variant) {
      ParseOptions Opts;
      Opts.KeepTokens = Variant % 2;
      Opts.MaxNesting = Variant % 5 == 3 ? 2 : 128;
      WithErrors += checkSame(Variant ? mutate(Text, R) : Text, Opts) != 0;
      ++Parsed;
    }
  }
  WARN(Parsed << " inputs, " << WithErrors << " with syntax errors");
  CHECK(WithErrors > Parsed / 4);
}

TEST_CASE("files parsed on several threads at once parse as they do alone",
          "[parse][parallel]") {
  // Each thread leases its own prediction caches; a race in them, or in what
  // the runtime still shares, would show as a different AST or message.
  std::vector<std::string> Texts;
  for (const std::string &Path : corpus()) {
    std::string Text = readFile(Path);
    Random R(std::hash<std::string>()(Path.substr(Path.rfind("/tests/") + 1)));
    Texts.push_back(Text);
    Texts.push_back(mutate(Text, R));
  }
  std::vector<std::optional<ParseResult>> Alone, Together(Texts.size());
  for (const std::string &Text : Texts)
    Alone.push_back(parse(Text, {}));
  parallelFor(Texts.size(), 4,
              [&](size_t I) { Together[I] = parse(Texts[I], {}); });
  for (size_t I = 0; I < Texts.size(); ++I) {
    INFO("input: " << Texts[I]);
    REQUIRE(Alone[I].has_value() == Together[I].has_value());
    if (!Alone[I])
      continue;
    CHECK(Alone[I]->AST == Together[I]->AST);
    CHECK(Alone[I]->Diags == Together[I]->Diags);
  }
}

TEST_CASE("a load on several threads gives what a load on one gives",
          "[parse][parallel]") {
  // Diagnostics are compared before sorting would hide a different order,
  // through the order of the loaded files and of every file's share.
  auto Load = [](const std::string &Root, unsigned Jobs, ParseCache *Cache) {
    SourceManager Own;
    SourceManager &SM = Cache ? *Cache->sources() : Own;
    DiagnosticEngine Diags;
    LoadOptions Opts;
    Opts.Jobs = Jobs;
    Opts.Cache = Cache;
    Loader L(SM, Diags, Opts);
    L.addRoot(Root);
    LoadedModel M = L.load();
    std::string Out;
    for (const std::shared_ptr<ast::File> &F : M.Files)
      Out += SM.getPath(F->ID).str() + "\n" + test::dumpFile(*F);
    return Out + test::dumpDiagnostics(Diags.diagnostics());
  };
  for (const char *Root : {"examples", "stdlib", "tests/golden/cases",
                           "examples/insurer-product"}) {
    INFO("root: " << Root);
    std::string One = Load(source(Root), 1, nullptr);
    CHECK(Load(source(Root), 4, nullptr) == One);
    ParseCache Cache;
    Cache.startLoad();
    CHECK(Load(source(Root), 4, &Cache) == One);
    // Again from the cache, nothing parsed.
    unsigned Parses = Cache.parses();
    Cache.startLoad();
    CHECK(Load(source(Root), 4, &Cache) == One);
    CHECK(Cache.parses() == Parses);
  }
}

TEST_CASE("an item that crashes on a worker runs again on the caller's thread",
          "[parallel]") {
  // The language server recovers from a crash in a handler; work a handler
  // spreads over threads must not escape that.
  llvm::CrashRecoveryContext::Enable();
  std::thread::id Caller = std::this_thread::get_id();
  std::vector<std::atomic<unsigned>> Runs(16);
  std::atomic<unsigned> Crashes{0};
  llvm::CrashRecoveryContext Context;
  bool Finished = Context.RunSafely([&] {
    parallelFor(Runs.size(), 3, [&](size_t I) {
      ++Runs[I];
      if (I % 5 == 2 && std::this_thread::get_id() != Caller) {
        ++Crashes;
        abort();
      }
    });
  });
  llvm::CrashRecoveryContext::Disable();
  CHECK(Finished);
  CHECK(Crashes == 3); // Items 2, 7 and 12, once each.
  for (size_t I = 0; I < Runs.size(); ++I) {
    INFO("item " << I);
    CHECK(Runs[I] == (I % 5 == 2 ? 2u : 1u));
  }
}
