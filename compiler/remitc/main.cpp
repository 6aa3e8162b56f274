//===- main.cpp - remitc, the Remit compiler driver -----------------------===//
//
// Thin layer over the compiler library: parses the command line with LLVM's
// cl, runs a Compilation and renders its diagnostics. Exit codes: 0 clean,
// 1 findings at the failing severity, 2 usage or I/O error.
//
//===----------------------------------------------------------------------===//
#include "AST/PropertyParser.h"
#include "Diagnostics/Render.h"
#include "Driver/Compilation.h"
#include "Emit/DotViews.h"
#include "Emit/Graphviz.h"
#include "Emit/ModelJson.h"
#include "Emit/Raci.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include <algorithm>
#include <cstdlib>
#include <variant>

using namespace remit;
namespace cl = llvm::cl;

namespace {
cl::OptionCategory RemitCategory("remitc options");

cl::SubCommand CheckCmd("check",
                        "Check a model: every .remit file under PATHS and "
                        "their imports");
cl::SubCommand ExplainCmd("explain",
                          "Explain a check (with no NAME, list every check)");
cl::SubCommand GraphCmd("graph", "Draw a view of a model as DOT, SVG, PNG or "
                                 "PDF (Graphviz, in process)");
cl::SubCommand ReportCmd("report", "Write a report on a model: `report raci "
                                   "PATHS` is the decision-rights matrix");
cl::SubCommand BuildCmd("build", "Write the resolved model as JSON");

cl::list<std::string> CheckPaths(cl::Positional, cl::sub(CheckCmd),
                                 cl::desc("<paths>"), cl::OneOrMore,
                                 cl::cat(RemitCategory));
cl::opt<std::string>
    Format("format", cl::sub(CheckCmd), cl::init("human"),
           cl::value_desc("human|json|sarif|junit|github"),
           cl::desc("Output format of the findings"), cl::cat(RemitCategory));
enum class ColorMode { Auto, Always, Never };
cl::opt<ColorMode> Color(
    "color", cl::sub(CheckCmd), cl::init(ColorMode::Auto),
    cl::desc("Colour the human output"),
    cl::values(clEnumValN(ColorMode::Auto, "auto",
                          "when standard output is a terminal"),
               clEnumValN(ColorMode::Always, "always", "always"),
               clEnumValN(ColorMode::Never, "never", "never")),
    cl::cat(RemitCategory));
cl::opt<bool> Werror("werror", cl::sub(CheckCmd),
                     cl::desc("Fail (exit 1) on warnings too"),
                     cl::cat(RemitCategory));
cl::opt<std::string> StdlibDir("stdlib", cl::sub(CheckCmd), cl::sub(GraphCmd),
                               cl::sub(ReportCmd), cl::sub(BuildCmd),
                               cl::value_desc("dir"),
                               cl::desc("Read std.* modules from DIR/std "
                                        "instead of the embedded stdlib"),
                               cl::cat(RemitCategory));
cl::opt<std::string> AsOf("as-of", cl::sub(CheckCmd), cl::sub(GraphCmd),
                          cl::sub(ReportCmd), cl::sub(BuildCmd),
                          cl::value_desc("date"),
                          cl::desc("Date (YYYY-MM-DD) that date-based checks "
                                   "compare against; default today"),
                          cl::cat(RemitCategory));

cl::opt<std::string> ExplainName(cl::Positional, cl::sub(ExplainCmd),
                                 cl::desc("[name]"), cl::cat(RemitCategory));

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
cl::opt<std::string> ReportFormat("format", cl::sub(ReportCmd),
                                  cl::init("md"), cl::value_desc("md|csv|html"),
                                  cl::desc("Format of the report"),
                                  cl::cat(RemitCategory));
cl::opt<std::string> ReportUnit("unit", cl::sub(ReportCmd),
                                cl::value_desc("unit"),
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

/// Validates the shared model options and compiles \p Paths; null (after
/// printing the error) on a usage error.
std::unique_ptr<Compilation> compileModel(llvm::ArrayRef<std::string> Paths) {
  CompileOptions Opts;
  if (!AsOf.empty()) {
    Opts.AsOfDay = ast::parseDate(AsOf);
    if (!Opts.AsOfDay) {
      llvm::errs() << "remitc: error: --as-of expects a calendar date such "
                      "as 2026-12-31, got `"
                   << AsOf << "`\n";
      return nullptr;
    }
  }
  if (!StdlibDir.empty() &&
      !llvm::sys::fs::is_directory(StdlibDir + "/std")) {
    llvm::errs() << "remitc: error: --stdlib `" << StdlibDir
                 << "` has no `std` directory of modules\n";
    return nullptr;
  }
  Opts.Roots.assign(Paths.begin(), Paths.end());
  Opts.Load.StdlibDir = StdlibDir;
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
/// note) when the model has errors, since the output may then be incomplete.
int emitExitCode(const Compilation &C) {
  unsigned Errors = 0;
  for (const Diagnostic &D : C.diagnostics())
    Errors += D.Sev == Severity::Error;
  if (Errors == 0)
    return 0;
  llvm::errs() << "remitc: note: the model has " << Errors << " error"
               << (Errors == 1 ? "" : "s")
               << ", so the output may be incomplete; `remitc check` lists "
                  "them\n";
  return 1;
}

/// Writes \p Data to \p Path (`-` is standard output). Returns 0 or 2.
int writeOutput(llvm::StringRef Path, llvm::StringRef Data) {
  if (Path == "-") {
    llvm::outs() << Data;
    llvm::outs().flush();
    return 0;
  }
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_None);
  if (!EC) {
    OS << Data;
    OS.close();
    EC = OS.error();
    OS.clear_error();
  }
  if (EC) {
    llvm::errs() << "remitc: error: cannot write `" << Path
                 << "`: " << EC.message() << "\n";
    return 2;
  }
  return 0;
}

/// The user entity named \p Name of one of \p Kinds, or an error message
/// with a suggestion among those entities' names.
std::variant<sema::EntityID, std::string>
findEntity(const sema::Model &M, llvm::StringRef Name, llvm::StringRef What,
           std::initializer_list<ast::DeclKind> Kinds) {
  auto Accept = [&](sema::EntityID E) {
    if (E == sema::NoEntity || E == sema::EnterpriseEntity ||
        M.entity(E).FromStdlib)
      return false;
    return Kinds.size() == 0 ||
           std::find(Kinds.begin(), Kinds.end(), M.entity(E).Kind) !=
               Kinds.end();
  };
  sema::EntityID E = M.lookup(Name);
  if (Accept(E))
    return E;
  std::vector<llvm::StringRef> Names;
  for (sema::EntityID I = 0; I < M.Entities.size(); ++I)
    if (Accept(I) && !M.Entities[I].Name.empty())
      Names.push_back(M.Entities[I].Name);
  std::string Message = "no " + What.str() + " named `" + Name.str() + "`";
  if (std::optional<std::string> Best = closestMatch(Name, Names))
    Message += "; did you mean `" + *Best + "`?";
  else if (!Names.empty() && Names.size() <= 10) {
    std::sort(Names.begin(), Names.end());
    Message += "; the model has";
    for (size_t I = 0; I < Names.size(); ++I)
      Message += (I ? ", `" : " `") + Names[I].str() + "`";
  }
  return Message;
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
  if (*V != GraphView::Modes && !ModeName.empty()) {
    llvm::errs() << "remitc: error: --mode applies to `--view modes` only\n";
    return 2;
  }
  std::unique_ptr<Compilation> C = compileModel(GraphPaths);
  if (!C)
    return 2;
  if (int Code = checkInputs(*C))
    return Code;
  const sema::Model &M = C->model();

  ViewOptions Opts;
  Opts.View = *V;
  if (*V == GraphView::Modes) {
    if (ModeName.empty()) {
      std::vector<std::string> Modes;
      for (const sema::Mode &Mo : M.Modes)
        if (!M.entity(Mo.Self).FromStdlib)
          Modes.push_back("`" + M.entity(Mo.Self).Name.str() + "`");
      std::sort(Modes.begin(), Modes.end());
      llvm::errs() << "remitc: error: `--view modes` needs `--mode NAME`; ";
      if (Modes.empty())
        llvm::errs() << "the model declares no modes\n";
      else
        llvm::errs() << "the model's modes: " << llvm::join(Modes, ", ")
                     << "\n";
      return 2;
    }
    auto Found = findEntity(M, ModeName, "mode", {ast::DeclKind::Mode});
    if (auto *Message = std::get_if<std::string>(&Found)) {
      llvm::errs() << "remitc: error: " << *Message << "\n";
      return 2;
    }
    Opts.Mode = std::get<sema::EntityID>(Found);
  }

  FindingIndex Findings(M, C->diagnostics());
  GraphDesc G = buildView(M, Findings, Opts);
  if (!Focus.empty()) {
    auto Found = findEntity(M, Focus, "declaration", {});
    if (auto *Message = std::get_if<std::string>(&Found)) {
      llvm::errs() << "remitc: error: --focus: " << *Message << "\n";
      return 2;
    }
    std::vector<size_t> Roots =
        nodesOfEntity(G, std::get<sema::EntityID>(Found));
    if (Roots.empty()) {
      llvm::errs() << "remitc: error: --focus: `" << Focus
                   << "` does not appear in the `" << View << "` view\n";
      return 2;
    }
    restrictToNeighbourhood(G, Roots, Depth);
  }
  finalizeGraph(G);

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
    auto Found = findEntity(C->model(), ReportUnit, "unit",
                            {ast::DeclKind::Unit});
    if (auto *Message = std::get_if<std::string>(&Found)) {
      llvm::errs() << "remitc: error: --unit: " << *Message << "\n";
      return 2;
    }
    Opts.Unit = std::get<sema::EntityID>(Found);
  }
  FindingIndex Findings(C->model(), C->diagnostics());
  if (int Code =
          writeOutput(Output, renderRaci(C->model(), Findings, Opts)))
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

int runCheck() {
  std::optional<OutputFormat> Fmt = parseOutputFormat(Format);
  if (!Fmt) {
    llvm::errs() << "remitc: error: unknown --format `" << Format
                 << "`; expected human, json, sarif, junit or github\n";
    return 2;
  }
  std::unique_ptr<Compilation> C = compileModel(CheckPaths);
  if (!C)
    return 2;

  RenderOptions R;
  R.ToolVersion = REMIT_VERSION;
  R.Color = Color == ColorMode::Always ||
            (Color == ColorMode::Auto && !std::getenv("NO_COLOR") &&
             llvm::sys::Process::StandardOutIsDisplayed());
  renderDiagnostics(llvm::outs(), *Fmt, C->diagnostics(), C->sources(), R);
  llvm::outs().flush();
  if (C->hadIOError())
    return 2;
  return exitCodeFor(C->diagnostics(), Werror);
}

int runExplain() {
  if (ExplainName.empty()) {
    for (const DiagInfo &I : getAllDiagInfos())
      llvm::outs() << I.Name << "\t" << severityName(I.DefaultSeverity)
                   << "\n";
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
               << (Info->Configurable ? " (configurable)" : " (fixed)")
               << "\n";
  return 0;
}
} // namespace

int main(int Argc, char **Argv) {
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
  if (ExplainCmd)
    return runExplain();
  if (GraphCmd)
    return runGraph();
  if (ReportCmd)
    return runReport();
  if (BuildCmd)
    return runBuild();
  llvm::errs() << "remitc: error: expected a subcommand: `check`, `graph`, "
                  "`report`, `build` or `explain` (see `remitc --help`)\n";
  return 2;
}
