// FuzzRegressionTests.cpp - inputs the libFuzzer harnesses (tests/fuzz) made
// crash or break an invariant, replayed without clang. Crashes of remitc on
// one file are golden cases instead; docs/robustness.md lists both.
#include "Emit/Diagram.h"
#include "Emit/Graphviz.h"
#include "LSPServer.h"
#include "TestSupport.h"
#include "Transport.h"
#include "llvm/Support/JSON.h"
#include <catch2/catch.hpp>
#include <unistd.h>

using namespace remit;

namespace {
/// Runs a language server over \p Input and returns each frame's body.
std::vector<std::string> serve(const std::string &Input) {
  int In[2], Out[2];
  REQUIRE(::pipe(In) == 0);
  REQUIRE(::pipe(Out) == 0);
  REQUIRE(::write(In[1], Input.data(), Input.size()) ==
          static_cast<ssize_t>(Input.size()));
  ::close(In[1]);
  {
    lsp::Transport T(In[0], Out[1]);
    lsp::LSPServer(T).run();
  }
  ::close(In[0]);
  ::close(Out[1]);
  std::string Bytes;
  char Chunk[4096];
  for (ssize_t N; (N = ::read(Out[0], Chunk, sizeof Chunk)) > 0;)
    Bytes.append(Chunk, static_cast<size_t>(N));
  ::close(Out[0]);
  std::vector<std::string> Bodies;
  llvm::StringRef Rest(Bytes);
  while (Rest.consume_front("Content-Length: ")) {
    size_t Length = 0;
    REQUIRE(!Rest.consumeInteger(10, Length));
    REQUIRE(Rest.consume_front("\r\n\r\n"));
    Bodies.push_back(Rest.take_front(Length).str());
    Rest = Rest.drop_front(Length);
  }
  CHECK(Rest.empty());
  return Bodies;
}
} // namespace

TEST_CASE("a broken header that is not UTF-8 is answered with valid JSON",
          "[lsp][fuzz]") {
  // remit-fuzz-lsp-bytes: the error quoted the header line, bytes and all,
  // and a JSON string must be UTF-8. llvm::json asserts it, so a build with
  // assertions (Debug, the fuzzing build) aborted; without assertions it
  // repairs the text itself, and this checks the reply only.
  std::vector<std::string> Bodies =
      serve("Content-Length: 18\xff\xfe\r\n\r\n{}");
  REQUIRE(!Bodies.empty());
  for (const std::string &Body : Bodies) {
    INFO("body: " << Body);
    llvm::Expected<llvm::json::Value> V = llvm::json::parse(Body);
    REQUIRE(static_cast<bool>(V));
  }
  llvm::Expected<llvm::json::Value> First = llvm::json::parse(Bodies[0]);
  const llvm::json::Object *Error = First->getAsObject()->getObject("error");
  REQUIRE(Error);
  CHECK(Error->getString("message")->contains("bad Content-Length header"));
}

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
