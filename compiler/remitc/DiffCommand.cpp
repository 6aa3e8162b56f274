//===- DiffCommand.cpp - remitc diff --------------------------------------===//
//
// Loads both models (paths or git revisions), describes them and renders
// their semantic differences. Exit 0 whatever changed; 2 when a side cannot
// be read (an unknown revision, a missing path).
//
//===----------------------------------------------------------------------===//
#include "AST/PropertyParser.h"
#include "Diff/ModelDiff.h"
#include "Diff/ModelSource.h"
#include "remitc/Commands.h"
#include "llvm/Support/raw_ostream.h"

using namespace remit;

namespace {
/// The label of a side: what the user typed, with the path a bare git:REV
/// took from the other side.
std::string label(const ModelSpec &S) {
  return S.Revision.empty() ? S.Path : "git:" + S.Revision + ":" + S.Path;
}
} // namespace

int remit::runDiff(const DiffRequest &R) {
  DiffFormat Format;
  if (R.Format == "text")
    Format = DiffFormat::Text;
  else if (R.Format == "md" || R.Format == "markdown")
    Format = DiffFormat::Markdown;
  else if (R.Format == "json")
    Format = DiffFormat::JSON;
  else {
    llvm::errs() << "remitc: error: unknown --format `" << R.Format
                 << "`; expected text, md or json\n";
    return 2;
  }
  CompileOptions Base;
  Base.Load.StdlibDir = R.StdlibDir;
  Base.Jobs = R.Jobs;
  Base.Load.AllowOutsideImports = R.AllowOutsideImports;
  Base.AsOfDay = todayInDays();
  if (!R.AsOf.empty()) {
    Base.AsOfDay = ast::parseDate(R.AsOf);
    if (!Base.AsOfDay) {
      llvm::errs() << "remitc: error: --as-of expects a calendar date such "
                      "as 2026-12-31, got `"
                   << R.AsOf << "`\n";
      return 2;
    }
  }
  // A bare git:REV reads the other side's path at that revision.
  llvm::StringRef OldText = R.Old, NewText = R.New;
  std::string OldDefault = NewText.startswith("git:") ? "." : R.New;
  std::string NewDefault = OldText.startswith("git:") ? "." : R.Old;
  ModelSpec Specs[] = {ModelSpec::parse(OldText, OldDefault),
                       ModelSpec::parse(NewText, NewDefault)};
  std::vector<ModelSide> Sides;
  for (const ModelSpec &S : Specs) {
    llvm::Expected<std::unique_ptr<LoadedSide>> L = loadModel(S, Base);
    if (!L) {
      llvm::errs() << "remitc: error: " << llvm::toString(L.takeError())
                   << "\n";
      return 2;
    }
    const Compilation &C = *(*L)->C;
    if (C.hadIOError()) {
      for (const Diagnostic &D : C.diagnostics())
        if (!D.Range.isValid())
          llvm::errs() << "remitc: error: " << label(S) << ": " << D.Message
                       << "\n";
      return 2;
    }
    Sides.push_back(
        describeSide(label(S), C.model(), C.sources(), C.diagnostics()));
  }
  renderDiff(llvm::outs(), diffModels(Sides[0], Sides[1], *Base.AsOfDay),
             Format);
  return 0;
}
