// LimitsTests.cpp - limits are diagnostics, never crashes: 50,000-deep
// chains on a 1 MiB stack through every phase that walks a graph (sema, checks,
// every view, model JSON, RACI, diff, formatter, every renderer), nesting, name
// and string lengths, the number of files and imports; confinement of imports;
// the reading of odd files; atomic writes that fail at each step.
#include "Basic/AtomicFile.h"
#include "Diagnostics/Render.h"
#include "Diff/ModelDiff.h"
#include "Emit/Diagram.h"
#include "Emit/Graphviz.h"
#include "Emit/ModelJson.h"
#include "Emit/Raci.h"
#include "Format/Formatter.h"
#include "Load/FileAccess.h"
#include "TestSupport.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/thread.h"
#include <catch2/catch.hpp>
#include <cerrno>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace remit;
using namespace remit::test;
namespace fs = llvm::sys::fs;

namespace {
/// A fresh temporary directory, removed with everything in it at the end.
struct TempDir {
  llvm::SmallString<128> Path;
  TempDir() { REQUIRE(!fs::createUniqueDirectory("remit-limits", Path)); }
  ~TempDir() { fs::remove_directories(Path); }
  std::string operator/(llvm::StringRef Name) const {
    return (Path + "/" + Name).str();
  }
};

void writeFile(const std::string &Path, const std::string &Text) {
  std::ofstream(Path, std::ios::binary) << Text;
}

std::string readFile(const std::string &Path) {
  auto B = llvm::MemoryBuffer::getFile(Path);
  return B ? (*B)->getBuffer().str() : "<unreadable>";
}

std::string name(const char *Prefix, int I) {
  return Prefix + std::to_string(I);
}

/// Runs \p Body on a thread with a 1 MiB stack and rethrows what it threw
/// (a failed REQUIRE). A walk that recursed once per link of a 50,000-long
/// chain would need over 20 bytes a frame more than that: no real frame is
/// so small, so the test overflows unless every walk is iterative or bounded.
template <typename Fn> void onSmallStack(Fn Body) {
  std::exception_ptr Thrown;
  llvm::thread T(llvm::Optional<unsigned>(1u << 20), [&] {
    try {
      Body();
    } catch (...) {
      Thrown = std::current_exception();
    }
  });
  T.join();
  if (Thrown)
    std::rethrow_exception(Thrown);
}

/// 50,000-deep chains of everything that links one declaration to
/// another: reporting lines, deputies, escalation (a chain and a cycle),
/// tradeoff preferences, handoffs, and a mode overriding the deepest owner.
std::string deepModel(int N) {
  std::string T = "import std.raci\nmodel deep { framework raci }\n"
                  "role r0 { final }\n";
  for (int I = 1; I < N; ++I)
    T += "role " + name("r", I) + " { reports_to " + name("r", I - 1) +
         "  deputy " + name("r", I - 1) + " }\n";
  for (int I = 0; I < N; ++I)
    T += "role " + name("c", I) + " { escalates_to " + name("c", (I + 1) % N) +
         " }\n";
  for (int I = 0; I < N; ++I)
    T += "objective " + name("o", I) + " { owner enterprise }\n";
  for (int I = 0; I + 1 < N; ++I)
    T += "tradeoff " + name("t", I) + " { prefer " + name("o", I) + " over " +
         name("o", I + 1) + "  decided_by r0 }\n";
  for (int I = 0; I + 1 < N; I += 10)
    T += "handoff " + name("h", I) + " { from " + name("r", I + 1) + " to " +
         name("r", I) + " artifact \"a\" accepted_by " + name("r", I) +
         " within 1h }\n";
  std::string Deepest = name("r", N - 1), Next = name("r", N - 2);
  T += "decision d { accountable " + Deepest + "  responsible " + Next +
       "  escalates_to " + Next + " after 1d }\n";
  T += "mode m { decision d { accountable " + Next + " } }\n";
  return T;
}
/// Every phase over deepModel(50,000).
void deepChains() {
  const int N = 50000;
  std::string Text = deepModel(N);
  CompileOptions Opts;
  Opts.AsOfDay = 20000;
  auto C = compileText("deep.remit", Text, Opts);
  // The chains are found, whole.
  CHECK(countFindings(*C, "escalation.cycle") >= 1);
  CHECK(countFindings(*C, "escalation.too-deep") >= 1);
  for (const Diagnostic &D : C->diagnostics())
    CHECK(D.name() != "limit.exceeded");

  // Every renderer of findings.
  for (OutputFormat F :
       {OutputFormat::Human, OutputFormat::JSON, OutputFormat::SARIF,
        OutputFormat::JUnit, OutputFormat::GitHub}) {
    std::string Out;
    llvm::raw_string_ostream OS(Out);
    renderDiagnostics(OS, F, C->diagnostics(), C->sources(), {});
    CHECK(!OS.str().empty());
  }
  // Every view, as DOT (laying out 50,000 nodes is Graphviz's business).
  using emit::GraphView;
  for (GraphView V :
       {GraphView::Org, GraphView::Decisions, GraphView::Escalation,
        GraphView::Handoffs, GraphView::Objectives, GraphView::Modes}) {
    emit::DiagramRequest Req;
    Req.View = V;
    if (V == GraphView::Modes)
      Req.Mode = "m";
    auto G = emit::buildDiagram(C->model(), C->diagnostics(), Req);
    if (!G)
      FAIL(llvm::toString(G.takeError()));
    CHECK(!emit::writeDot(*G).empty());
    // A focus walks the neighbourhood: deep, but bounded by --depth.
    Req.Focus = "r25000";
    Req.Depth = 1000000;
    if (V != GraphView::Modes) {
      auto Focused = emit::buildDiagram(C->model(), C->diagnostics(), Req);
      if (Focused)
        CHECK(!emit::writeDot(*Focused).empty());
      else
        llvm::consumeError(Focused.takeError());
    }
  }
  // Model JSON, the RACI matrix in every format, the semantic diff.
  std::string Json;
  llvm::raw_string_ostream JS(Json);
  JS << emit::modelToJSON(C->model(), C->sources(), C->diagnostics());
  CHECK(JS.str().size() > size_t(N));
  emit::FindingIndex Findings(C->model(), C->diagnostics());
  for (emit::RaciFormat F : {emit::RaciFormat::Markdown, emit::RaciFormat::CSV,
                             emit::RaciFormat::HTML}) {
    emit::RaciOptions RO;
    RO.Format = F;
    CHECK(!emit::renderRaci(C->model(), Findings, RO).empty());
  }
  // The diff from the model with the escalation cycle broken to the one
  // with it: 50,000 chains now loop, each through the one changed link.
  std::string Last = "role " + name("c", N - 1) + " { escalates_to c0 }";
  std::string Broken = Text;
  Broken.replace(Broken.find(Last), Last.size(),
                 "role " + name("c", N - 1) + " { escalates_to r0 }");
  auto C2 = compileText("deep.remit", Broken, Opts);
  ModelSide Old =
      describeSide("old", C2->model(), C2->sources(), C2->diagnostics());
  ModelSide New =
      describeSide("new", C->model(), C->sources(), C->diagnostics());
  DiffReport R = diffModels(Old, New, 20000);
  std::string DiffText;
  llvm::raw_string_ostream DS(DiffText);
  renderDiff(DS, R, DiffFormat::Text);
  CHECK_THAT(DS.str(), Catch::Contains("the escalation chain of `c49999` now "
                                       "loops: `c49999` → `c0` → `c1`"));
  CHECK_THAT(DS.str(), Catch::Contains("(49999 more roles escalate through "
                                       "it)"));
  CHECK(DS.str().size() < 10000);
  // The formatter.
  SourceManager SM;
  FileID ID = SM.addBuffer("deep.remit", "deep.remit", Text);
  DiagnosticEngine Diags;
  auto Formatted = formatFile(SM, ID, Diags);
  REQUIRE(static_cast<bool>(Formatted));
  CHECK(Formatted->size() >= Text.size() / 2);
}

} // namespace

TEST_CASE("50,000-deep chains go through every phase without recursion",
          "[limits]") {
  onSmallStack(deepChains);
}

TEST_CASE("100,000 nested blocks are cut at the nesting limit", "[limits]") {
  std::string Text;
  for (int I = 0; I < 100000; ++I)
    Text += "unit " + name("u", I) + " {\n";
  Text += std::string(100000, '}');
  auto C = compileText("nest.remit", Text);
  CHECK(countFindings(*C, "limit.exceeded") == 1);
  SourceManager SM;
  FileID ID = SM.addBuffer("nest.remit", "nest.remit", Text);
  DiagnosticEngine Diags;
  auto Formatted = formatFile(SM, ID, Diags);
  if (!Formatted)
    llvm::consumeError(Formatted.takeError());
}

TEST_CASE("overlong names and strings are reported once each", "[limits]") {
  std::string Long(300, 'x'), LongString(9000, 's');
  auto C = compileText("long.remit", "role " + Long + " \"" + LongString +
                                         "\" { final }\nrole a { reports_to " +
                                         Long + "y }\n");
  CHECK(countFindings(*C, "limit.exceeded") == 3);
  // The suggestion for the undefined name is not worth length squared.
  CHECK(countFindings(*C, "name.undefined") == 1);
  // At the limit: nothing.
  auto OK =
      compileText("ok.remit", "role " + std::string(256, 'x') + " \"" +
                                  std::string(8192, 's') + "\" { final }\n");
  CHECK(countFindings(*OK, "limit.exceeded") == 0);
}

TEST_CASE("closestMatch skips candidates whose length alone rules them out",
          "[limits]") {
  std::string Huge(1 << 20, 'a'), Long(256, 'a');
  std::vector<llvm::StringRef> Names = {"accountable", Huge, Long};
  // Same length as a candidate, but too long to be a typo.
  CHECK_FALSE(closestMatch(std::string(1 << 20, 'b'), Names));
  CHECK(closestMatch(std::string(255, 'a') + "b", Names) == Long);
  CHECK(closestMatch("acountable", Names) == std::string("accountable"));
}

TEST_CASE("the number of files and of imports per file is bounded",
          "[limits]") {
  TempDir Dir;
  // A chain of 300 imports: loaded iteratively, whatever its depth.
  for (int I = 0; I < 300; ++I)
    writeFile(Dir / name("f", I) + ".remit", "import \"" + name("f", I + 1) +
                                                 ".remit\"\nrole " +
                                                 name("r", I) + " { final }\n");
  writeFile(Dir / "f300.remit", "");
  CompileOptions Opts;
  Opts.RunChecks = false;
  Opts.Roots = {Dir / "f0.remit"};
  auto All = Compilation::run(Opts);
  CHECK(All->files().size() == 301);
  CHECK(countFindings(*All, "limit.exceeded") == 0);
  Opts.Load.MaxFiles = 100;
  auto Cut = Compilation::run(Opts);
  CHECK(Cut->files().size() == 100);
  CHECK(countFindings(*Cut, "limit.exceeded") == 1);
  CHECK(Cut->hadIOError());
  // Fan-out: one file importing 20, with a limit of 10.
  std::string Hub;
  for (int I = 0; I < 20; ++I)
    Hub += "import \"" + name("f", 280 + I) + ".remit\"\n";
  writeFile(Dir / "hub.remit", Hub);
  CompileOptions HubOpts;
  HubOpts.RunChecks = false;
  HubOpts.Roots = {Dir / "hub.remit"};
  HubOpts.Load.MaxImports = 10;
  auto Fan = Compilation::run(HubOpts);
  CHECK(countFindings(*Fan, "limit.exceeded") == 1);
  const Diagnostic *D = firstFinding(*Fan, "limit.exceeded");
  REQUIRE(D);
  CHECK(llvm::StringRef(D->Message).contains("more than 10 imports"));
}

TEST_CASE("readSourceFile reads only regular files", "[limits]") {
  TempDir Dir;
  writeFile(Dir / "ok.remit", "role a\n");
  SourceRead OK = readSourceFile(Dir / "ok.remit", 100);
  REQUIRE(OK.Text);
  CHECK(*OK.Text == "role a\n");
  SourceRead Big = readSourceFile(Dir / "ok.remit", 3);
  CHECK_FALSE(Big.Text);
  CHECK(Big.TooLarge == uint64_t(7));
  CHECK(readSourceFile(Dir.Path.str(), 100).Why ==
        "it is a directory; import a `.remit` file");
  REQUIRE(::mkfifo((Dir / "fifo.remit").c_str(), 0600) == 0);
  CHECK(llvm::StringRef(readSourceFile(Dir / "fifo.remit", 100).Why)
            .startswith("it is a FIFO"));
  CHECK(llvm::StringRef(readSourceFile("/dev/zero", 100).Why)
            .startswith("it is a character device"));
  REQUIRE(!fs::create_link("loop.remit", Dir / "loop.remit"));
  CHECK(llvm::StringRef(readSourceFile(Dir / "loop.remit", 100).Why)
            .startswith("it is a symbolic link loop"));
  CHECK(readSourceFile(Dir / "missing.remit", 100).Why ==
        "no such file or directory");
}

TEST_CASE("confinement judges the real path", "[limits]") {
  TempDir Dir;
  REQUIRE(!fs::create_directories(Dir / "model/sub"));
  REQUIRE(!fs::create_directories(Dir / "outside"));
  writeFile(Dir / "outside/x.remit", "");
  REQUIRE(!fs::create_link(Dir / "outside/x.remit", Dir / "model/out.remit"));
  REQUIRE(!fs::create_link(Dir / "outside", Dir / "model/sub/dir"));
  Confinement Conf;
  Conf.allowDirectory(Dir / "model");
  CHECK(Conf.allows(Dir / "model/sub"));
  CHECK(Conf.allows(Dir / "model/missing.remit"));
  CHECK_FALSE(Conf.allows(Dir / "modelx/a.remit"));
  CHECK_FALSE(Conf.allows(Dir / "outside/x.remit"));
  CHECK_FALSE(Conf.allows(Dir / "model/out.remit"));
  CHECK_FALSE(Conf.allows(Dir / "model/sub/dir/x.remit"));
  CHECK_FALSE(Conf.allows("/etc/passwd"));
  Confinement Root;
  Root.allowDirectory("/");
  CHECK(Root.allows("/etc/passwd"));
}

TEST_CASE("a failed atomic write leaves the old file and no temporary file",
          "[limits]") {
  TempDir Dir;
  std::string Path = Dir / "out.svg";
  writeFile(Path, "old");
  for (AtomicWriteStep Step :
       {AtomicWriteStep::Create, AtomicWriteStep::Write, AtomicWriteStep::Sync,
        AtomicWriteStep::Rename}) {
    failAtomicWritesForTesting(Step, ENOSPC);
    llvm::Error E = writeFileAtomically(Path, "new");
    failAtomicWritesForTesting(AtomicWriteStep::None, 0);
    REQUIRE(static_cast<bool>(E));
    CHECK(llvm::StringRef(llvm::toString(std::move(E)))
              .contains("No space left on device"));
    CHECK(readFile(Path) == "old");
    std::error_code EC;
    unsigned Entries = 0;
    for (fs::directory_iterator It(Dir.Path, EC), End; It != End && !EC;
         It.increment(EC))
      ++Entries;
    CHECK(Entries == 1);
  }
  CHECK(!static_cast<bool>(writeFileAtomically(Path, "new")));
  CHECK(readFile(Path) == "new");
  // A directory is refused; a device is written to, never replaced.
  llvm::Error E = writeFileAtomically(Dir.Path, "x");
  CHECK(static_cast<bool>(E));
  llvm::consumeError(std::move(E));
  CHECK(!static_cast<bool>(writeFileAtomically("/dev/null", "discarded")));
  fs::file_status St;
  REQUIRE(!fs::status("/dev/null", St));
  CHECK(St.type() == fs::file_type::character_file);
}

TEST_CASE("a read-only target keeps the old file", "[limits]") {
  if (::geteuid() != 0) {
    TempDir Own;
    writeFile(Own / "out.dot", "old");
    REQUIRE(::chmod(Own.Path.c_str(), 0500) == 0);
    llvm::Error E = writeFileAtomically(Own / "out.dot", "new");
    ::chmod(Own.Path.c_str(), 0700);
    CHECK(static_cast<bool>(E));
    llvm::consumeError(std::move(E));
    CHECK(readFile(Own / "out.dot") == "old");
    return;
  }
  // Root ignores permission bits; a read-only file system does not.
  llvm::Error E = writeFileAtomically("/sys/remit-test.dot", "new");
  CHECK(static_cast<bool>(E));
  llvm::consumeError(std::move(E));
  CHECK_FALSE(fs::exists("/sys/remit-test.dot"));
}
