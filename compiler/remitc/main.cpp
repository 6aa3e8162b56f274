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
#include <cstdlib>

using namespace remit;
namespace cl = llvm::cl;

namespace {
cl::OptionCategory RemitCategory("remitc options");

cl::SubCommand CheckCmd("check",
                        "Check a model: every .remit file under PATHS and "
                        "their imports");
cl::SubCommand ExplainCmd("explain",
                          "Explain a check (with no NAME, list every check)");

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
cl::opt<std::string> StdlibDir("stdlib", cl::sub(CheckCmd),
                               cl::value_desc("dir"),
                               cl::desc("Read std.* modules from DIR/std "
                                        "instead of the embedded stdlib"),
                               cl::cat(RemitCategory));
cl::opt<std::string> AsOf("as-of", cl::sub(CheckCmd), cl::value_desc("date"),
                          cl::desc("Date (YYYY-MM-DD) that date-based checks "
                                   "compare against; default today"),
                          cl::cat(RemitCategory));

cl::opt<std::string> ExplainName(cl::Positional, cl::sub(ExplainCmd),
                                 cl::desc("[name]"), cl::cat(RemitCategory));

void printVersion(llvm::raw_ostream &OS) {
  OS << "remitc " << REMIT_VERSION << "\n";
}

int runCheck() {
  std::optional<OutputFormat> Fmt = parseOutputFormat(Format);
  if (!Fmt) {
    llvm::errs() << "remitc: error: unknown --format `" << Format
                 << "`; expected human, json, sarif, junit or github\n";
    return 2;
  }
  CompileOptions Opts;
  if (!AsOf.empty()) {
    Opts.AsOfDay = ast::parseDate(AsOf);
    if (!Opts.AsOfDay) {
      llvm::errs() << "remitc: error: --as-of expects a calendar date such "
                      "as 2026-12-31, got `"
                   << AsOf << "`\n";
      return 2;
    }
  }
  if (!StdlibDir.empty() &&
      !llvm::sys::fs::is_directory(StdlibDir + "/std")) {
    llvm::errs() << "remitc: error: --stdlib `" << StdlibDir
                 << "` has no `std` directory of modules\n";
    return 2;
  }
  Opts.Roots.assign(CheckPaths.begin(), CheckPaths.end());
  Opts.Load.StdlibDir = StdlibDir;
  std::unique_ptr<Compilation> C = Compilation::run(Opts);

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
  llvm::errs() << "remitc: error: expected a subcommand: `check` or "
                  "`explain` (see `remitc --help`)\n";
  return 2;
}
