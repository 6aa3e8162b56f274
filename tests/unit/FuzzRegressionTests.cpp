// FuzzRegressionTests.cpp - inputs the libFuzzer harnesses (tests/fuzz) made
// crash or break an invariant, replayed without clang. Crashes of remitc on
// one file are golden cases instead; docs/robustness.md lists both.
#include "Emit/Diagram.h"
#include "Emit/Graphviz.h"
#include "TestSupport.h"
#include <catch2/catch.hpp>

using namespace remit;

TEST_CASE("diagrams lay out again and again in one process", "[emit][fuzz]") {
  // remit-fuzz-pipeline: each layout made and freed its own Graphviz
  // context, whose font table the pango plugin still pointed into, so the
  // second layout read freed memory (seen under REMIT_SANITIZE). The
  // language server lays out every diagram a client previews.
  std::unique_ptr<Compilation> C = test::compileAsOf(
      "fuzz/model.remit", std::string(test::RaciHeader) +
                              "role ceo \"Chief\" { final }\n"
                              "role cto { reports_to ceo }\n");
  std::string First;
  for (int I = 0; I < 3; ++I)
    for (emit::GraphView View :
         {emit::GraphView::Org, emit::GraphView::Escalation}) {
      emit::DiagramRequest Req;
      Req.View = View;
      llvm::Expected<emit::GraphDesc> G =
          emit::buildDiagram(C->model(), C->diagnostics(), Req);
      REQUIRE(static_cast<bool>(G));
      llvm::Expected<std::string> SVG = emit::renderGraph(
          *G, emit::GraphFormat::SVG, emit::LayoutEngine::Dot);
      REQUIRE(static_cast<bool>(SVG));
      if (View != emit::GraphView::Org)
        continue;
      if (First.empty())
        First = *SVG;
      CHECK(*SVG == First);
    }
}
