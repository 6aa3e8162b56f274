//===- main.cpp - remitc, the Remit compiler driver -----------------------===//
//
// Thin layer over the compiler library: parses the command line with LLVM's
// cl, runs a Compilation and renders its diagnostics. Exit codes: 0 clean,
// 1 findings at the failing severity, 2 usage or I/O error.
//
//===----------------------------------------------------------------------===//
#include "AST/PropertyParser.h"
#include "Basic/AtomicFile.h"
#include "Basic/HugePages.h"
#include "Diagnostics/Baseline.h"
#include "Diagnostics/Render.h"
#include "Driver/Compilation.h"
#include "Emit/Diagram.h"
#include "Emit/Graphviz.h"
#include "Emit/ModelJson.h"
#include "Emit/Raci.h"
#include "remitc/Commands.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <set>
#include <tuple>
#include <variant>

using namespace remit;
namespace cl = llvm::cl;

namespace {
cl::OptionCategory RemitCategory("remitc options");

cl::SubCommand CheckCmd("check",
                        "Check a model: every .remit file under PATHS and "
                        "their imports");
cl::SubCommand WhatifCmd("whatif",
                         "Re-check a model as if roles fell vacant and print "
                         "only the findings that change");
cl::SubCommand ExplainCmd("explain",
                          "Explain a check (with no NAME, list every check)");
cl::SubCommand GraphCmd("graph", "Draw a view of a model as DOT, SVG, PNG or "
                                 "PDF (Graphviz, in process)");
cl::SubCommand ReportCmd("report", "Write a report on a model: `report raci "
                                   "PATHS` is the decision-rights matrix");
cl::SubCommand BuildCmd("build", "Write the resolved model as JSON");

cl::SubCommand FmtCmd("fmt", "Format .remit files in the canonical layout "
                             "(in place by default)");
cl::SubCommand DiffCmd("diff", "Semantic changes between two models: OLD and "
                               "NEW are paths or git:REV[:PATH]");

cl::list<std::string> CheckPaths(cl::Positional, cl::sub(CheckCmd),
                                 cl::desc("<paths>"), cl::OneOrMore,
                                 cl::cat(RemitCategory));
cl::list<std::string> WhatifPaths(cl::Positional, cl::sub(WhatifCmd),
                                  cl::desc("<paths>"), cl::OneOrMore,
                                  cl::cat(RemitCategory));
cl::list<std::string> Vacate("vacate", cl::sub(WhatifCmd), cl::CommaSeparated,
                             cl::OneOrMore, cl::value_desc("role,..."),
                             cl::desc("Roles to treat as vacant"),
                             cl::cat(RemitCategory));
cl::opt<std::string> Format("format", cl::sub(CheckCmd), cl::sub(WhatifCmd),
                            cl::init("human"),
                            cl::value_desc("human|json|sarif|junit|github"),
                            cl::desc("Output format of the findings"),
                            cl::cat(RemitCategory));
enum class ColorMode { Auto, Always, Never };
cl::opt<ColorMode>
    Color("color", cl::sub(CheckCmd), cl::sub(WhatifCmd),
          cl::init(ColorMode::Auto), cl::desc("Colour the human output"),
          cl::values(clEnumValN(ColorMode::Auto, "auto",
                                "when standard output is a terminal"),
                     clEnumValN(ColorMode::Always, "always", "always"),
                     clEnumValN(ColorMode::Never, "never", "never")),
          cl::cat(RemitCategory));
cl::opt<bool> Werror("werror", cl::sub(CheckCmd),
                     cl::desc("Fail (exit 1) on warnings too"),
                     cl::cat(RemitCategory));
cl::opt<std::string> StdlibDir("stdlib", cl::sub(CheckCmd), cl::sub(WhatifCmd),
                               cl::sub(DiffCmd), cl::sub(GraphCmd),
                               cl::sub(ReportCmd), cl::sub(BuildCmd),
                               cl::value_desc("dir"),
                               cl::desc("Read std.* modules from DIR/std "
                                        "instead of the embedded stdlib"),
                               cl::cat(RemitCategory));
cl::opt<unsigned> Jobs("jobs", cl::sub(CheckCmd), cl::sub(WhatifCmd),
                       cl::sub(DiffCmd), cl::sub(GraphCmd), cl::sub(ReportCmd),
                       cl::sub(BuildCmd), cl::init(0), cl::value_desc("n"),
                       cl::desc("Use N threads to parse files and run checks "
                                "(default 0: one per core; the output does "
                                "not depend on it)"),
                       cl::cat(RemitCategory));
cl::alias JobsShort("j", cl::desc("Alias for --jobs"), cl::aliasopt(Jobs));
cl::opt<bool> AllowOutsideImports(
    "allow-outside-imports", cl::sub(CheckCmd), cl::sub(WhatifCmd),
    cl::sub(DiffCmd), cl::sub(GraphCmd), cl::sub(ReportCmd), cl::sub(BuildCmd),
    cl::desc("Let imports and symlinks reach files outside the directories "
             "of PATHS and the stdlib (refused by default)"),
    cl::cat(RemitCategory));
cl::opt<std::string> AsOf("as-of", cl::sub(CheckCmd), cl::sub(WhatifCmd),
                          cl::sub(DiffCmd), cl::sub(GraphCmd),
                          cl::sub(ReportCmd), cl::sub(BuildCmd),
                          cl::value_desc("date"),
                          cl::desc("Date (YYYY-MM-DD) that date-based checks "
                                   "compare against; default today"),
                          cl::cat(RemitCategory));

cl::list<std::string> EnableChecks(
    "enable", cl::sub(CheckCmd), cl::value_desc("check"),
    cl::desc("Turn a check back on that the model disables (repeatable)"),
    cl::cat(RemitCategory));
cl::list<std::string> DisableChecks("disable", cl::sub(CheckCmd),
                                    cl::value_desc("check"),
                                    cl::desc("Turn a check off (repeatable)"),
                                    cl::cat(RemitCategory));
cl::list<std::string> SeverityOverrides(
    "severity", cl::sub(CheckCmd), cl::value_desc("check=level"),
    cl::desc("Set a check's severity: error, warning, note or off "
             "(repeatable)"),
    cl::cat(RemitCategory));
cl::list<std::string> ThresholdOverrides(
    "threshold", cl::sub(CheckCmd), cl::value_desc("check=n"),
    cl::desc("Set a check's threshold (repeatable)"), cl::cat(RemitCategory));

cl::opt<bool> TimeReport("time-report", cl::sub(CheckCmd),
                         cl::desc("Print how long each phase took to stderr"),
                         cl::cat(RemitCategory));

cl::opt<std::string> Baseline(
    "baseline", cl::sub(CheckCmd), cl::value_desc("file"),
    cl::desc("An earlier --format json or sarif output: only findings not in "
             "it count toward the exit code"),
    cl::cat(RemitCategory));

cl::list<std::string> FmtPaths(cl::Positional, cl::sub(FmtCmd),
                               cl::desc("<files or directories, - for stdin>"),
                               cl::OneOrMore, cl::cat(RemitCategory));
cl::opt<bool> FmtCheck("check", cl::sub(FmtCmd),
                       cl::desc("List files that are not formatted and exit 1; "
                                "write nothing (unless --write)"),
                       cl::cat(RemitCategory));
cl::opt<bool> FmtWrite("write", cl::sub(FmtCmd),
                       cl::desc("Rewrite files in place (the default)"),
                       cl::cat(RemitCategory));
cl::opt<bool> FmtStdout("stdout", cl::sub(FmtCmd),
                        cl::desc("Print the formatted text instead of "
                                 "writing it"),
                        cl::cat(RemitCategory));

cl::opt<std::string> DiffOld(cl::Positional, cl::sub(DiffCmd), cl::Required,
                             cl::desc("<old>"), cl::cat(RemitCategory));
cl::opt<std::string> DiffNew(cl::Positional, cl::sub(DiffCmd), cl::Required,
                             cl::desc("<new>"), cl::cat(RemitCategory));
cl::opt<std::string> DiffFormat("format", cl::sub(DiffCmd), cl::init("text"),
                                cl::value_desc("text|md|json"),
                                cl::desc("Output format of the changes"),
                                cl::cat(RemitCategory));

cl::opt<std::string> ExplainName(cl::Positional, cl::sub(ExplainCmd),
                                 cl::desc("[name]"), cl::cat(RemitCategory));
cl::opt<bool> ExplainMarkdown(
    "markdown", cl::sub(ExplainCmd),
    cl::desc("Print the whole check catalogue as Markdown (docs/checks.md)"),
    cl::cat(RemitCategory));

// graph, report, build
cl::opt<std::string> Output("o", cl::sub(GraphCmd), cl::sub(ReportCmd),
                            cl::sub(BuildCmd), cl::init("-"),
                            cl::value_desc("file"),
                            cl::desc("Output file (default `-`, standard "
                                     "output); for graph its extension picks "
                                     "the format: .dot .svg .png .pdf"),
                            cl::cat(RemitCategory));
cl::list<std::string> GraphPaths(cl::Positional, cl::sub(GraphCmd),
                                 cl::desc("<paths>"), cl::OneOrMore,
                                 cl::cat(RemitCategory));
cl::opt<std::string>
    View("view", cl::sub(GraphCmd), cl::Required,
         cl::value_desc("org|decisions|escalation|handoffs|objectives|modes"),
         cl::desc("What to draw"), cl::cat(RemitCategory));
cl::opt<std::string> Focus("focus", cl::sub(GraphCmd), cl::value_desc("name"),
                           cl::desc("Draw only the neighbourhood of NAME"),
                           cl::cat(RemitCategory));
cl::opt<unsigned> Depth("depth", cl::sub(GraphCmd), cl::init(2),
                        cl::value_desc("n"),
                        cl::desc("With --focus: how many edges away from "
                                 "NAME to draw (default 2)"),
                        cl::cat(RemitCategory));
cl::opt<std::string> ModeName("mode", cl::sub(GraphCmd), cl::value_desc("name"),
                              cl::desc("The mode `--view modes` compares with "
                                       "normal operation"),
                              cl::cat(RemitCategory));
cl::opt<std::string> Engine("engine", cl::sub(GraphCmd), cl::init("auto"),
                            cl::value_desc("auto|dot|sfdp|neato|patchwork"),
                            cl::desc("Graphviz layout; auto uses dot up to "
                                     "150 nodes, sfdp up to 2000, else "
                                     "patchwork"),
                            cl::cat(RemitCategory));
cl::list<std::string> ReportArgs(cl::Positional, cl::sub(ReportCmd),
                                 cl::desc("raci <paths>"), cl::OneOrMore,
                                 cl::cat(RemitCategory));
cl::opt<std::string> ReportFormat("format", cl::sub(ReportCmd), cl::init("md"),
                                  cl::value_desc("md|csv|html"),
                                  cl::desc("Format of the report"),
                                  cl::cat(RemitCategory));
cl::opt<std::string>
    ReportUnit("unit", cl::sub(ReportCmd), cl::value_desc("unit"),
               cl::desc("Only decisions of this unit (declared "
                        "in it or owned inside it)"),
               cl::cat(RemitCategory));
cl::list<std::string> BuildPaths(cl::Positional, cl::sub(BuildCmd),
                                 cl::desc("<paths>"), cl::OneOrMore,
                                 cl::cat(RemitCategory));
cl::opt<std::string> Emit("emit", cl::sub(BuildCmd), cl::init("json"),
                          cl::value_desc("json"),
                          cl::desc("What to write (only json)"),
                          cl::cat(RemitCategory));

void printVersion(llvm::raw_ostream &OS) {
  OS << "remitc " << REMIT_VERSION << "\n";
}

/// The registered, configurable check \p Name of a command-line option,
/// or null after printing an error.
const DiagInfo *configurableCheck(llvm::StringRef Option,
                                  llvm::StringRef Name) {
  const DiagInfo *Info = findDiagInfo(Name);
  if (!Info) {
    std::vector<llvm::StringRef> Names;
    for (const DiagInfo &I : getAllDiagInfos())
      Names.push_back(I.Name);
    auto Best = closestMatch(Name, Names);
    llvm::errs() << "remitc: error: --" << Option << ": no check named `"
                 << Name << "`"
                 << (Best ? "; did you mean `" + *Best + "`?" : std::string())
                 << " (`remitc explain` lists them)\n";
    return nullptr;
  }
  if (!Info->Configurable) {
    llvm::errs() << "remitc: error: --" << Option << ": `" << Name
                 << "` reports input the compiler cannot interpret; it "
                    "cannot be re-graded or disabled\n";
    return nullptr;
  }
  return Info;
}

/// Reads --enable, --disable, --severity and --threshold into \p Opts,
/// keeping the order they were written in.
bool readCheckOverrides(CompileOptions &Opts) {
  using Override = CompileOptions::CheckOverride;
  std::vector<std::pair<unsigned, Override>> Ordered;
  for (unsigned I = 0; I < EnableChecks.size(); ++I) {
    if (!configurableCheck("enable", EnableChecks[I]))
      return false;
    Ordered.push_back(
        {EnableChecks.getPosition(I), {Override::Enable, EnableChecks[I]}});
  }
  for (unsigned I = 0; I < DisableChecks.size(); ++I) {
    if (!configurableCheck("disable", DisableChecks[I]))
      return false;
    Ordered.push_back(
        {DisableChecks.getPosition(I), {Override::Disable, DisableChecks[I]}});
  }
  for (unsigned I = 0; I < SeverityOverrides.size(); ++I) {
    llvm::StringRef Arg = SeverityOverrides[I];
    auto [Name, Level] = Arg.split('=');
    std::optional<Severity> Sev = parseSeverity(Level);
    if (!Sev && Level != "off") {
      llvm::errs() << "remitc: error: --severity expects CHECK=LEVEL with "
                      "LEVEL error, warning, note or off, got `"
                   << Arg << "`\n";
      return false;
    }
    if (!configurableCheck("severity", Name))
      return false;
    Override O{Sev ? Override::SetSeverity : Override::Disable, Name.str()};
    if (Sev)
      O.Level = *Sev;
    Ordered.push_back({SeverityOverrides.getPosition(I), std::move(O)});
  }
  std::stable_sort(
      Ordered.begin(), Ordered.end(),
      [](const auto &A, const auto &B) { return A.first < B.first; });
  for (auto &[Position, O] : Ordered)
    Opts.Overrides.push_back(std::move(O));
  for (llvm::StringRef Arg : ThresholdOverrides) {
    auto [Name, Number] = Arg.split('=');
    int64_t N;
    if (Number.getAsInteger(10, N) || N < 0) {
      llvm::errs() << "remitc: error: --threshold expects CHECK=N with N a "
                      "whole number, got `"
                   << Arg << "`\n";
      return false;
    }
    const DiagInfo *Info = configurableCheck("threshold", Name);
    if (!Info)
      return false;
    if (!Info->DefaultThreshold) {
      llvm::errs() << "remitc: error: --threshold: `" << Name
                   << "` takes no threshold\n";
      return false;
    }
    Opts.Thresholds.push_back({Name.str(), N});
  }
  return true;
}

/// Validates the shared model options and compiles \p Paths; null (after
/// printing the error) on a usage error.
std::unique_ptr<Compilation> compileModel(llvm::ArrayRef<std::string> Paths,
                                          CompileOptions Opts = {}) {
  if (!AsOf.empty()) {
    Opts.AsOfDay = ast::parseDate(AsOf);
    if (!Opts.AsOfDay) {
      llvm::errs() << "remitc: error: --as-of expects a calendar date such "
                      "as 2026-12-31, got `"
                   << AsOf << "`\n";
      return nullptr;
    }
  }
  if (!StdlibDir.empty() && !llvm::sys::fs::is_directory(StdlibDir + "/std")) {
    llvm::errs() << "remitc: error: --stdlib `" << StdlibDir
                 << "` has no `std` directory of modules\n";
    return nullptr;
  }
  Opts.Roots.assign(Paths.begin(), Paths.end());
  Opts.Load.StdlibDir = StdlibDir;
  Opts.Jobs = Jobs;
  Opts.Load.AllowOutsideImports = AllowOutsideImports;
  return Compilation::run(Opts);
}

/// For the emitting commands: an input that could not be read stops them
/// (exit 2, its diagnostics on stderr). Returns 0 to go on.
int checkInputs(const Compilation &C) {
  if (!C.hadIOError())
    return 0;
  RenderOptions R;
  R.ToolVersion = REMIT_VERSION;
  std::vector<Diagnostic> Errors;
  for (const Diagnostic &D : C.diagnostics())
    if (D.Sev == Severity::Error)
      Errors.push_back(D);
  renderDiagnostics(llvm::errs(), OutputFormat::Human, Errors, C.sources(), R);
  return 2;
}

/// The exit code of an emitting command that wrote its output: 1 (with a
/// note) when the model has errors the compiler could not interpret past
/// (syntax, names, values), since the output may then be incomplete. Check
/// findings are what the output shows, not a reason to distrust it.
int emitExitCode(const Compilation &C) {
  unsigned Errors = 0;
  for (const Diagnostic &D : C.diagnostics())
    Errors += D.Sev == Severity::Error && !getDiagInfo(D.ID).Configurable;
  if (Errors == 0)
    return 0;
  llvm::errs() << "remitc: note: the model has " << Errors << " error"
               << (Errors == 1 ? "" : "s")
               << ", so the output may be incomplete; `remitc check` lists "
                  "them\n";
  return 1;
}

/// Writes \p Data to \p Path (`-` is standard output) atomically: a file
/// is replaced whole or, on failure, left as it was. Returns 0 or 2.
int writeOutput(llvm::StringRef Path, llvm::StringRef Data) {
  if (Path == "-") {
    llvm::outs() << Data;
    llvm::outs().flush();
    return 0;
  }
  if (llvm::Error E = writeFileAtomically(Path, Data)) {
    llvm::errs() << "remitc: error: " << llvm::toString(std::move(E)) << "\n";
    return 2;
  }
  return 0;
}

/// Views larger than this are hard to read; remitc says so.
constexpr unsigned ReadableNodes = 300;

int runGraph() {
  using namespace emit;
  std::optional<GraphView> V = parseGraphView(View);
  if (!V) {
    std::vector<llvm::StringRef> Names(graphViewNames().begin(),
                                       graphViewNames().end());
    auto Best = closestMatch(View, Names);
    llvm::errs() << "remitc: error: unknown --view `" << View << "`"
                 << (Best ? "; did you mean `" + *Best + "`?" : std::string())
                 << " (expected org, decisions, escalation, handoffs, "
                    "objectives or modes)\n";
    return 2;
  }
  GraphFormat Format = GraphFormat::Dot;
  if (Output != "-") {
    std::optional<GraphFormat> F = graphFormatForPath(Output);
    if (!F) {
      llvm::errs() << "remitc: error: cannot tell the format of `" << Output
                   << "` from its extension; use .dot, .svg, .png or .pdf\n";
      return 2;
    }
    Format = *F;
  }
  std::optional<LayoutEngine> Layout = parseLayoutEngine(Engine);
  if (!Layout) {
    llvm::errs() << "remitc: error: unknown --engine `" << Engine
                 << "`; expected auto, dot, sfdp, neato or patchwork\n";
    return 2;
  }
  std::unique_ptr<Compilation> C = compileModel(GraphPaths);
  if (!C)
    return 2;
  if (int Code = checkInputs(*C))
    return Code;
  DiagramRequest Req;
  Req.View = *V;
  Req.Mode = ModeName;
  Req.Focus = Focus;
  Req.Depth = Depth;
  llvm::Expected<GraphDesc> Built =
      buildDiagram(C->model(), C->diagnostics(), Req);
  if (!Built) {
    llvm::errs() << "remitc: error: " << llvm::toString(Built.takeError())
                 << "\n";
    return 2;
  }
  GraphDesc &G = *Built;

  unsigned Nodes = G.countContentNodes();
  if (Nodes > ReadableNodes)
    llvm::errs() << "remitc: note: the `" << View << "` view has " << Nodes
                 << " nodes, too many to read in one diagram; try `--focus "
                    "NAME --depth 1`\n";
  std::string Data;
  if (Format == GraphFormat::Dot) {
    Data = writeDot(G);
  } else {
    LayoutEngine Chosen =
        *Layout == LayoutEngine::Auto ? chooseLayoutEngine(G) : *Layout;
    if (*Layout == LayoutEngine::Auto && Chosen != LayoutEngine::Dot)
      llvm::errs() << "remitc: note: laid out with `"
                   << layoutEngineName(Chosen) << "` because the view has "
                   << Nodes << " nodes; "
                   << (Chosen == LayoutEngine::Sfdp
                           ? "clusters and ranks are not kept"
                           : "drawn as a treemap of its clusters, without "
                             "edges")
                   << "\n";
    llvm::Expected<std::string> Rendered = renderGraph(G, Format, Chosen);
    if (!Rendered) {
      llvm::errs() << "remitc: error: " << llvm::toString(Rendered.takeError())
                   << "\n";
      return 2;
    }
    Data = std::move(*Rendered);
  }
  if (int Code = writeOutput(Output, Data))
    return Code;
  return emitExitCode(*C);
}

int runReport() {
  using namespace emit;
  if (ReportArgs.front() != "raci") {
    llvm::errs() << "remitc: error: unknown report `" << ReportArgs.front()
                 << "`; the report is `raci` (`remitc report raci PATHS`)\n";
    return 2;
  }
  if (ReportArgs.size() < 2) {
    llvm::errs() << "remitc: error: `remitc report raci` needs the model's "
                    "PATHS\n";
    return 2;
  }
  std::optional<RaciFormat> Format = parseRaciFormat(ReportFormat);
  if (!Format) {
    llvm::errs() << "remitc: error: unknown --format `" << ReportFormat
                 << "`; expected md, csv or html\n";
    return 2;
  }
  std::vector<std::string> Paths(ReportArgs.begin() + 1, ReportArgs.end());
  std::unique_ptr<Compilation> C = compileModel(Paths);
  if (!C)
    return 2;
  if (int Code = checkInputs(*C))
    return Code;
  RaciOptions Opts;
  Opts.Format = *Format;
  if (!ReportUnit.empty()) {
    auto Found =
        findEntity(C->model(), ReportUnit, "unit", {ast::DeclKind::Unit});
    if (auto *Message = std::get_if<std::string>(&Found)) {
      llvm::errs() << "remitc: error: --unit: " << *Message << "\n";
      return 2;
    }
    Opts.Unit = std::get<sema::EntityID>(Found);
  }
  FindingIndex Findings(C->model(), C->diagnostics());
  if (int Code = writeOutput(Output, renderRaci(C->model(), Findings, Opts)))
    return Code;
  return emitExitCode(*C);
}

int runBuild() {
  if (Emit != "json") {
    llvm::errs() << "remitc: error: unknown --emit `" << Emit
                 << "`; expected json\n";
    return 2;
  }
  std::unique_ptr<Compilation> C = compileModel(BuildPaths);
  if (!C)
    return 2;
  if (int Code = checkInputs(*C))
    return Code;
  std::string Data;
  llvm::raw_string_ostream OS(Data);
  OS << llvm::formatv("{0:2}", emit::modelToJSON(C->model(), C->sources(),
                                                 C->diagnostics()))
     << "\n";
  OS.flush();
  if (int Code = writeOutput(Output, Data))
    return Code;
  return emitExitCode(*C);
}

/// --format of `check` and `whatif`; std::nullopt after printing an error.
std::optional<OutputFormat> readFormat() {
  std::optional<OutputFormat> Fmt = parseOutputFormat(Format);
  if (!Fmt)
    llvm::errs() << "remitc: error: unknown --format `" << Format
                 << "`; expected human, json, sarif, junit or github\n";
  return Fmt;
}

/// How `check` and `whatif` render findings: --color, NO_COLOR, a terminal.
RenderOptions findingRenderOptions() {
  RenderOptions R;
  R.ToolVersion = REMIT_VERSION;
  R.Color = Color == ColorMode::Always ||
            (Color == ColorMode::Auto && !std::getenv("NO_COLOR") &&
             llvm::sys::Process::StandardOutIsDisplayed());
  return R;
}

int runCheck() {
  std::optional<OutputFormat> Fmt = readFormat();
  if (!Fmt)
    return 2;
  CompileOptions Opts;
  if (!readCheckOverrides(Opts))
    return 2;
  std::optional<remit::Baseline> Known;
  if (!Baseline.empty()) {
    llvm::Expected<remit::Baseline> B = remit::Baseline::load(Baseline);
    if (!B) {
      llvm::errs() << "remitc: error: " << llvm::toString(B.takeError())
                   << "\n";
      return 2;
    }
    Known = std::move(*B);
  }
  std::unique_ptr<Compilation> C = compileModel(CheckPaths, std::move(Opts));
  if (!C)
    return 2;
  std::vector<Diagnostic> Shown = C->diagnostics();
  size_t NumKnown = 0, NumFixed = 0;
  if (Known) {
    // Only new findings are shown and count; the baseline's are summed up.
    std::vector<bool> InBaseline = Known->match(Shown, &NumFixed);
    std::vector<Diagnostic> New;
    for (size_t I = 0; I < Shown.size(); ++I)
      if (!InBaseline[I])
        New.push_back(std::move(Shown[I]));
    NumKnown = Shown.size() - New.size();
    Shown = std::move(New);
  }

  RenderOptions R = findingRenderOptions();
  R.Suppressed = C->suppressed();
  auto RenderStart = std::chrono::steady_clock::now();
  renderDiagnostics(llvm::outs(), *Fmt, Shown, C->sources(), R);
  llvm::outs().flush();
  if (Known)
    llvm::errs() << "remitc: baseline `" << Baseline << "`: " << NumKnown
                 << (NumKnown == 1 ? " finding" : " findings")
                 << " already known (not shown), " << NumFixed << " fixed, "
                 << Shown.size() << " new\n";
  if (TimeReport) {
    const PhaseTimes &T = C->times();
    double Render = std::chrono::duration<double>(
                        std::chrono::steady_clock::now() - RenderStart)
                        .count();
    llvm::errs() << llvm::format(
        "remitc: time: load %.3f s, analyze %.3f s, checks %.3f s, "
        "configure %.3f s, render %.3f s\n",
        T.Load, T.Analyze, T.Check, T.Configure, Render);
  }
  int Exit = C->hadIOError() ? 2 : exitCodeFor(Shown, Werror);
  // The process ends here: leave the model, the ASTs and the sources to the
  // kernel instead of freeing them one by one (clang's -disable-free; tens
  // of milliseconds on a large model). Still reachable, so no leak to LSan.
  llvm::BuryPointer(std::move(C));
  return Exit;
}

/// `whatif`: the model checked as it is and as if the --vacate roles fell
/// vacant; prints the findings only the second run has (orphaned and
/// vacant decisions, broken escalation chains, agents left without an
/// overseer). Exit 1 when a new finding is an error.
int runWhatif() {
  std::optional<OutputFormat> Fmt = readFormat();
  if (!Fmt)
    return 2;
  RenderOptions R = findingRenderOptions();
  std::unique_ptr<Compilation> Before = compileModel(WhatifPaths);
  if (!Before)
    return 2;
  if (Before->hadIOError()) {
    renderDiagnostics(llvm::outs(), *Fmt, Before->diagnostics(),
                      Before->sources(), R);
    return 2;
  }
  CompileOptions Opts;
  for (const std::string &Name : Vacate)
    if (!llvm::is_contained(Opts.Vacate, Name))
      Opts.Vacate.push_back(Name);
  std::vector<std::string> Vacated = Opts.Vacate;
  std::unique_ptr<Compilation> After =
      compileModel(WhatifPaths, std::move(Opts));
  if (!After)
    return 2;
  if (!After->unknownVacate().empty()) {
    for (const std::string &Name : After->unknownVacate())
      llvm::errs() << "remitc: error: --vacate: `" << Name
                   << "` is not a role of the model\n";
    return 2;
  }
  auto Key = [](const Diagnostic &D, const SourceManager &SM) {
    return std::make_tuple(
        D.name().str(),
        D.Range.isValid() ? SM.getDisplayName(D.Range.File).str() : "",
        D.Range.Begin, D.Range.End, D.Message);
  };
  std::set<decltype(Key(std::declval<Diagnostic>(), Before->sources()))> Known;
  for (const Diagnostic &D : Before->diagnostics())
    Known.insert(Key(D, Before->sources()));
  std::vector<Diagnostic> New;
  for (const Diagnostic &D : After->diagnostics())
    if (!Known.count(Key(D, After->sources())))
      New.push_back(D);
  std::vector<std::string> Quoted;
  for (const std::string &Name : Vacated)
    Quoted.push_back("`" + Name + "`");
  if (*Fmt == OutputFormat::Human)
    llvm::outs() << "if "
                 << (Quoted.size() == 1
                         ? Quoted[0]
                         : llvm::join(Quoted.begin(), Quoted.end() - 1, ", ") +
                               " and " + Quoted.back())
                 << (Vacated.size() == 1 ? " falls" : " fall") << " vacant: "
                 << (New.empty() ? std::string("nothing changes")
                                 : std::to_string(New.size()) +
                                       (New.size() == 1 ? " new finding"
                                                        : " new findings"))
                 << "\n"
                 << (New.empty() ? "" : "\n");
  renderDiagnostics(llvm::outs(), *Fmt, New, After->sources(), R);
  return exitCodeFor(New, false);
}

/// docs/checks.md: every check with its severity, threshold and summary.
void printCatalogue(llvm::raw_ostream &OS) {
  OS << "# Check catalogue\n\n"
        "<!-- Generated by `remitc explain --markdown` from the diagnostic "
        "registry; do not edit. -->\n\n"
        "Every finding `remitc` reports. Configurable checks can be "
        "re-graded or turned off in a `checks` block, with `--severity`, "
        "`--disable` and `--enable`, and suppressed on one declaration with "
        "`@allow(name, \"reason\")`. `remitc explain NAME` prints the "
        "rationale and a failing and a passing example.\n\n"
        "| check | default | configurable | threshold | finds |\n"
        "|---|---|---|---|---|\n";
  for (const DiagInfo &I : getAllDiagInfos()) {
    // The summary is the first prose line of the explain text.
    llvm::StringRef Summary;
    llvm::StringRef Rest = I.Explain;
    while (!Rest.empty()) {
      auto [Line, Tail] = Rest.split('\n');
      Rest = Tail;
      Line = Line.trim();
      if (!Line.empty() && !Line.startswith("#")) {
        Summary = Line;
        break;
      }
    }
    OS << "| `" << I.Name << "` | " << severityName(I.DefaultSeverity) << " | "
       << (I.Configurable ? "yes" : "no") << " | ";
    if (I.DefaultThreshold)
      OS << *I.DefaultThreshold << " (" << I.ThresholdMeaning << ")";
    OS << " | " << Summary << " |\n";
  }
}

int runExplain() {
  if (ExplainMarkdown) {
    printCatalogue(llvm::outs());
    return 0;
  }
  if (ExplainName.empty()) {
    for (const DiagInfo &I : getAllDiagInfos())
      llvm::outs() << I.Name << "\t" << severityName(I.DefaultSeverity) << "\n";
    return 0;
  }
  const DiagInfo *Info = findDiagInfo(ExplainName);
  if (!Info) {
    std::vector<llvm::StringRef> Names;
    for (const DiagInfo &I : getAllDiagInfos())
      Names.push_back(I.Name);
    auto Best = closestMatch(ExplainName, Names);
    llvm::errs() << "remitc: error: no check named `" << ExplainName << "`"
                 << (Best ? "; did you mean `" + *Best + "`?" : std::string())
                 << " (`remitc explain` lists them)\n";
    return 2;
  }
  llvm::outs() << Info->Explain;
  if (!Info->Explain.endswith("\n"))
    llvm::outs() << "\n";
  llvm::outs() << "\nDefault severity: " << severityName(Info->DefaultSeverity)
               << (Info->Configurable ? " (configurable)" : " (fixed)") << "\n";
  if (Info->DefaultThreshold)
    llvm::outs() << "Default threshold: " << *Info->DefaultThreshold << " ("
                 << Info->ThresholdMeaning << ")\n";
  return 0;
}
} // namespace

int main(int Argc, char **Argv) {
  reexecWithHugePages(Argv);
  cl::SetVersionPrinter(printVersion);
  cl::HideUnrelatedOptions(RemitCategory);
  // Messages name the tool `remitc`, not the path it was started from.
  std::vector<const char *> Args(Argv, Argv + Argc);
  Args[0] = "remitc";
  std::string Errors;
  llvm::raw_string_ostream ErrorStream(Errors);
  if (!cl::ParseCommandLineOptions(
          Argc, Args.data(),
          "remitc: check operating-model specs written in Remit\n\n"
          "  remitc check PATHS [options]   check a model\n"
          "  remitc whatif PATHS --vacate ROLE[,ROLE...]\n"
          "                                 what breaks if roles fall vacant\n"
          "  remitc fmt FILES [options]     format files\n"
          "  remitc diff OLD NEW [options]  semantic changes between models\n"
          "  remitc graph PATHS --view V -o FILE   draw a view\n"
          "  remitc report raci PATHS       the decision-rights matrix\n"
          "  remitc build PATHS --emit json the resolved model as JSON\n"
          "  remitc explain [NAME]          explain a check\n"
          "  remitc SUBCOMMAND --help       options of a subcommand\n",
          &ErrorStream)) {
    ErrorStream.flush();
    llvm::errs() << Errors;
    return 2;
  }
  if (CheckCmd)
    return runCheck();
  if (WhatifCmd)
    return runWhatif();
  if (ExplainCmd)
    return runExplain();
  if (FmtCmd) {
    FmtRequest R;
    R.Paths.assign(FmtPaths.begin(), FmtPaths.end());
    R.Check = FmtCheck;
    R.Write = FmtWrite;
    R.Stdout = FmtStdout;
    return runFmt(R);
  }
  if (DiffCmd) {
    DiffRequest R;
    R.Old = DiffOld;
    R.New = DiffNew;
    R.Format = DiffFormat;
    R.StdlibDir = StdlibDir;
    R.Jobs = Jobs;
    R.AsOf = AsOf;
    R.AllowOutsideImports = AllowOutsideImports;
    return runDiff(R);
  }
  if (GraphCmd)
    return runGraph();
  if (ReportCmd)
    return runReport();
  if (BuildCmd)
    return runBuild();
  llvm::errs() << "remitc: error: expected a subcommand: `check`, `whatif`, "
                  "`fmt`, `diff`, `graph`, `report`, `build` or `explain` "
                  "(see `remitc --help`)\n";
  return 2;
}
