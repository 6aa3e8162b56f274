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
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/Format.h"
#include <chrono>
#include <cstdlib>
#include <set>
#include <tuple>

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
cl::opt<std::string>
    Format("format", cl::sub(CheckCmd), cl::sub(WhatifCmd), cl::init("human"),
           cl::value_desc("human|json|sarif|junit|github"),
           cl::desc("Output format of the findings"), cl::cat(RemitCategory));
enum class ColorMode { Auto, Always, Never };
cl::opt<ColorMode> Color(
    "color", cl::sub(CheckCmd), cl::sub(WhatifCmd), cl::init(ColorMode::Auto),
    cl::desc("Colour the human output"),
    cl::values(clEnumValN(ColorMode::Auto, "auto",
                          "when standard output is a terminal"),
               clEnumValN(ColorMode::Always, "always", "always"),
               clEnumValN(ColorMode::Never, "never", "never")),
    cl::cat(RemitCategory));
cl::opt<bool> Werror("werror", cl::sub(CheckCmd),
                     cl::desc("Fail (exit 1) on warnings too"),
                     cl::cat(RemitCategory));
cl::opt<std::string> StdlibDir("stdlib", cl::sub(CheckCmd), cl::sub(WhatifCmd),
                               cl::value_desc("dir"),
                               cl::desc("Read std.* modules from DIR/std "
                                        "instead of the embedded stdlib"),
                               cl::cat(RemitCategory));
cl::opt<std::string> AsOf("as-of", cl::sub(CheckCmd), cl::sub(WhatifCmd),
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
    cl::desc("Set a check's severity: error, warning or note (repeatable)"),
    cl::cat(RemitCategory));
cl::list<std::string> ThresholdOverrides(
    "threshold", cl::sub(CheckCmd), cl::value_desc("check=n"),
    cl::desc("Set a check's threshold (repeatable)"), cl::cat(RemitCategory));

cl::opt<bool> TimeReport("time-report", cl::sub(CheckCmd),
                         cl::desc("Print how long each phase took to stderr"),
                         cl::cat(RemitCategory));

cl::opt<std::string> ExplainName(cl::Positional, cl::sub(ExplainCmd),
                                 cl::desc("[name]"), cl::cat(RemitCategory));
cl::opt<bool> ExplainMarkdown(
    "markdown", cl::sub(ExplainCmd),
    cl::desc("Print the whole check catalogue as Markdown (docs/checks.md)"),
    cl::cat(RemitCategory));

void printVersion(llvm::raw_ostream &OS) {
  OS << "remitc " << REMIT_VERSION << "\n";
}

/// The registered, configurable check \p Name of a command-line option,
/// or null after printing an error.
const DiagInfo *configurableCheck(llvm::StringRef Option, llvm::StringRef Name) {
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

/// Reads --enable, --disable, --severity and --threshold into \p Opts.
bool readCheckOverrides(CompileOptions &Opts) {
  for (const std::string &Name : EnableChecks) {
    if (!configurableCheck("enable", Name))
      return false;
    Opts.Enable.push_back(Name);
  }
  for (const std::string &Name : DisableChecks) {
    if (!configurableCheck("disable", Name))
      return false;
    Opts.Disable.push_back(Name);
  }
  for (llvm::StringRef Arg : SeverityOverrides) {
    auto [Name, Level] = Arg.split('=');
    std::optional<Severity> Sev = parseSeverity(Level);
    if (!Sev) {
      llvm::errs() << "remitc: error: --severity expects CHECK=LEVEL with "
                      "LEVEL error, warning or note, got `"
                   << Arg << "`\n";
      return false;
    }
    if (!configurableCheck("severity", Name))
      return false;
    Opts.Severities.push_back({Name.str(), *Sev});
  }
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

/// Reads the options `check` and `whatif` share into \p Opts; false after
/// printing an error.
bool readCommonOptions(CompileOptions &Opts) {
  if (!AsOf.empty()) {
    Opts.AsOfDay = ast::parseDate(AsOf);
    if (!Opts.AsOfDay) {
      llvm::errs() << "remitc: error: --as-of expects a calendar date such "
                      "as 2026-12-31, got `"
                   << AsOf << "`\n";
      return false;
    }
  }
  if (!StdlibDir.empty() &&
      !llvm::sys::fs::is_directory(StdlibDir + "/std")) {
    llvm::errs() << "remitc: error: --stdlib `" << StdlibDir
                 << "` has no `std` directory of modules\n";
    return false;
  }
  Opts.Load.StdlibDir = StdlibDir;
  return true;
}

std::optional<OutputFormat> readFormat() {
  std::optional<OutputFormat> Fmt = parseOutputFormat(Format);
  if (!Fmt)
    llvm::errs() << "remitc: error: unknown --format `" << Format
                 << "`; expected human, json, sarif, junit or github\n";
  return Fmt;
}

RenderOptions renderOptions() {
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
  if (!readCommonOptions(Opts) || !readCheckOverrides(Opts))
    return 2;
  Opts.Roots.assign(CheckPaths.begin(), CheckPaths.end());
  std::unique_ptr<Compilation> C = Compilation::run(Opts);

  RenderOptions R = renderOptions();
  R.Suppressed = C->suppressed();
  auto RenderStart = std::chrono::steady_clock::now();
  renderDiagnostics(llvm::outs(), *Fmt, C->diagnostics(), C->sources(), R);
  llvm::outs().flush();
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
  if (C->hadIOError())
    return 2;
  return exitCodeFor(C->diagnostics(), Werror);
}

/// "`a`", "`a` and `b`", "`a`, `b` and `c`".
std::string vacateList(const std::vector<std::string> &Names) {
  std::string Out;
  for (size_t I = 0; I < Names.size(); ++I)
    Out += std::string(I == 0 ? "" : I + 1 == Names.size() ? " and " : ", ") +
           "`" + Names[I] + "`";
  return Out;
}

/// `whatif`: the model checked as it is and as if the --vacate roles fell
/// vacant; prints the findings only the second run has (orphaned and
/// vacant decisions, broken escalation chains, agents left without an
/// overseer). Exit 1 when a new finding is an error.
int runWhatif() {
  std::optional<OutputFormat> Fmt = readFormat();
  if (!Fmt)
    return 2;
  CompileOptions Opts;
  if (!readCommonOptions(Opts))
    return 2;
  Opts.Roots.assign(WhatifPaths.begin(), WhatifPaths.end());
  std::unique_ptr<Compilation> Before = Compilation::run(Opts);
  if (Before->hadIOError()) {
    renderDiagnostics(llvm::outs(), *Fmt, Before->diagnostics(),
                      Before->sources(), renderOptions());
    return 2;
  }
  for (const std::string &Name : Vacate)
    if (!llvm::is_contained(Opts.Vacate, Name))
      Opts.Vacate.push_back(Name);
  std::unique_ptr<Compilation> After = Compilation::run(Opts);
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
  std::set<decltype(Key(std::declval<Diagnostic>(), Before->sources()))>
      Known;
  for (const Diagnostic &D : Before->diagnostics())
    Known.insert(Key(D, Before->sources()));
  std::vector<Diagnostic> New;
  for (const Diagnostic &D : After->diagnostics())
    if (!Known.count(Key(D, After->sources())))
      New.push_back(D);
  if (*Fmt == OutputFormat::Human)
    llvm::outs() << "if " << vacateList(Opts.Vacate)
                 << (Opts.Vacate.size() == 1 ? " falls" : " fall")
                 << " vacant: "
                 << (New.empty() ? std::string("nothing changes")
                                 : std::to_string(New.size()) +
                                       (New.size() == 1 ? " new finding"
                                                        : " new findings"))
                 << "\n"
                 << (New.empty() ? "" : "\n");
  renderDiagnostics(llvm::outs(), *Fmt, New, After->sources(),
                    renderOptions());
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
    OS << "| `" << I.Name << "` | " << severityName(I.DefaultSeverity)
       << " | " << (I.Configurable ? "yes" : "no") << " | ";
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
  if (Info->DefaultThreshold)
    llvm::outs() << "Default threshold: " << *Info->DefaultThreshold << " ("
                 << Info->ThresholdMeaning << ")\n";
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
          "  remitc whatif PATHS --vacate ROLE[,ROLE...]\n"
          "                                 what breaks if roles fall vacant\n"
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
  llvm::errs() << "remitc: error: expected a subcommand: `check`, `whatif` "
                  "or `explain` (see `remitc --help`)\n";
  return 2;
}
