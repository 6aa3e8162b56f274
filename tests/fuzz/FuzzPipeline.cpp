//===- FuzzPipeline.cpp - libFuzzer harness for the whole compiler --------===//
//
// Fuzzer bytes become up to four files (split at NUL bytes, so they can
// import each other) compiled without the disk: load, parse, sema, every
// check family in every mode, then every emitter: the five diagnostic
// formats, the model dump and JSON, the RACI matrix in three formats and
// every diagram view as DOT (whole, focused, and the `modes` view of the
// first mode). Layout is bounded: only a view of at most MaxLayoutNodes
// nodes is laid out and rendered as SVG, one view per input (chosen by the
// input's size), because Graphviz's time grows fast with the graph and is
// not what this harness tests. A model with a role is compiled again with
// that role vacated (`remitc whatif`).
//
//===----------------------------------------------------------------------===//
#include "Diagnostics/Render.h"
#include "Emit/Diagram.h"
#include "Emit/Graphviz.h"
#include "Emit/ModelJson.h"
#include "Emit/Raci.h"
#include "FuzzCommon.h"
#include "llvm/Support/FormatVariadic.h"

using namespace remit;
using namespace remit::emit;

namespace {

constexpr unsigned MaxLayoutNodes = 16;

void renderAll(const Compilation &C) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  for (OutputFormat F :
       {OutputFormat::Human, OutputFormat::JSON, OutputFormat::SARIF,
        OutputFormat::JUnit, OutputFormat::GitHub}) {
    RenderOptions R;
    R.Color = F == OutputFormat::Human;
    R.ToolVersion = "fuzz";
    R.Suppressed = C.suppressed();
    renderDiagnostics(OS, F, C.diagnostics(), C.sources(), R);
  }
  OS << sema::dumpModel(C.model(), C.sources());
  OS << llvm::formatv("{0:2}",
                      modelToJSON(C.model(), C.sources(), C.diagnostics()));
  OS.flush();
}

void raci(const Compilation &C) {
  const sema::Model &M = C.model();
  FindingIndex Findings(M, C.diagnostics());
  RaciOptions Opts;
  for (RaciFormat F :
       {RaciFormat::Markdown, RaciFormat::CSV, RaciFormat::HTML}) {
    Opts.Format = F;
    renderRaci(M, Findings, Opts);
  }
  if (!M.Units.empty()) {
    Opts.Unit = M.Units.front().Self;
    renderRaci(M, Findings, Opts);
  }
}

/// The name of the first entity the user declared; empty if none.
std::string firstNamed(const sema::Model &M) {
  for (const sema::Entity &E : M.Entities)
    if (!E.FromStdlib && !E.Name.empty())
      return E.Name.str();
  return "";
}

void diagrams(const Compilation &C, size_t Seed) {
  const sema::Model &M = C.model();
  std::string Mode =
      M.Modes.empty() ? "" : M.nameOf(M.Modes.front().Self).str();
  std::string Focus = firstNamed(M);
  llvm::ArrayRef<llvm::StringRef> Views = graphViewNames();
  for (size_t I = 0; I < Views.size(); ++I) {
    DiagramRequest Req;
    Req.View = *parseGraphView(Views[I]);
    if (Req.View == GraphView::Modes)
      Req.Mode = Mode;
    llvm::Expected<GraphDesc> G = buildDiagram(M, C.diagnostics(), Req);
    if (!G) {
      // Only `modes` may refuse a whole model: it needs a mode.
      fuzz::require(Req.View == GraphView::Modes && Mode.empty(),
                    "a whole view is drawn", llvm::toString(G.takeError()));
      continue;
    }
    std::string Dot = writeDot(*G);
    fuzz::require(Dot == writeDot(*G), "DOT is deterministic");
    if (I == Seed % Views.size() && G->countContentNodes() <= MaxLayoutNodes) {
      llvm::Expected<std::string> SVG =
          renderGraph(*G, GraphFormat::SVG, chooseLayoutEngine(*G));
      if (!SVG)
        llvm::consumeError(SVG.takeError());
    }
    if (Focus.empty())
      continue;
    Req.Focus = Focus;
    Req.Depth = 1;
    if (llvm::Expected<GraphDesc> F = buildDiagram(M, C.diagnostics(), Req))
      writeDot(*F);
    else
      llvm::consumeError(F.takeError());
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  std::vector<std::pair<std::string, std::string>> Files =
      fuzz::splitFiles(Text);
  std::unique_ptr<Compilation> C = fuzz::compileFiles(Files);
  renderAll(*C);
  raci(*C);
  diagrams(*C, Size);

  const sema::Model &M = C->model();
  std::string Role =
      M.Roles.empty() ? "" : M.nameOf(M.Roles.front().Self).str();
  if (!Role.empty()) {
    CompileOptions Opts;
    Opts.VirtualFiles = std::move(Files);
    Opts.Load.OverlayOnly = true;
    Opts.AsOfDay = fuzz::FuzzDay;
    Opts.Vacate.push_back(Role);
    std::unique_ptr<Compilation> Vacated = Compilation::run(Opts);
    fuzz::require(Vacated->unknownVacate().empty(),
                  "a declared role can be vacated", Role);
    renderAll(*Vacated);
  }
  return 0;
}
