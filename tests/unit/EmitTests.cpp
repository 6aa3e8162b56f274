// EmitTests.cpp - escaping, DOT quoting round trips, finding mapping, right
// abbreviations and neighbourhoods of the emitters in compiler/Emit.
#include "Driver/Compilation.h"
#include "Emit/DotViews.h"
#include "Emit/Findings.h"
#include "Emit/Graphviz.h"
#include "Emit/Rights.h"
#include "Emit/Text.h"
#include "TestSupport.h"
#include <algorithm>
#include <catch2/catch.hpp>
#include <graphviz/cgraph.h>

using namespace remit;
using namespace remit::emit;

namespace {
std::unique_ptr<Compilation> compile(const std::string &Text) {
  return test::compileText("emit-test/model.remit", Text);
}

const char *const Hostile[] = {
    "plain",
    "quote \" inside",
    "ends with a backslash \\",
    "two at the end \\\\",
    "\\\"",
    "\"]; node [URL=\"javascript:alert(1)\"] x [label=\"",
    "<script>alert(1)</script> & </svg>",
    "\\N \\G \\E \\T \\H \\L \\l \\r",
    "line1\nline2",
    "control \x01\x1b[31m red",
    "non-ASCII \xC3\xA9 \xE2\x9C\x93 \xE6\x97\xA5\xE6\x9C\xAC",
    "invalid \xFF\xFE utf-8",
    "<b>html-like</b>",
};
} // namespace

TEST_CASE("escape strings double backslashes and never end in one", "[emit]") {
  CHECK(toEscString("a\\b") == "a\\\\b");
  CHECK(toEscString("end\\") == "end\\\\ ");
  CHECK(toEscString("two\nlines") == "two\\nlines");
  CHECK(toEscString("bell\x07") == "bell ");
  CHECK(toEscString("\\N") == "\\\\N");
}

TEST_CASE("cgraph reads back every label and tooltip the wrapper writes",
          "[emit]") {
  GraphDesc G;
  G.Name = "test";
  GraphCluster C;
  C.Id = "unit:x";
  C.Label = Hostile[5];
  int Cluster = G.addCluster(C);
  for (size_t I = 0; I < std::size(Hostile); ++I) {
    GraphNode N;
    N.Id = Hostile[I]; // Ids are names in practice; here they are hostile too.
    N.Label = Hostile[I];
    N.Tooltip = Hostile[I];
    N.Cluster = I % 2 ? Cluster : NoCluster;
    G.addNode(N);
  }
  for (size_t I = 1; I < G.Nodes.size(); ++I)
    G.addEdge(I - 1, I).Label = Hostile[I];
  finalizeGraph(G);
  std::string Dot = writeDot(G);
  Agraph_t *Read = agmemread(Dot.c_str());
  INFO(Dot);
  REQUIRE(Read);
  CHECK(agnnodes(Read) == static_cast<int>(std::size(Hostile)));
  CHECK(agnedges(Read) == static_cast<int>(std::size(Hostile) - 1));
  std::vector<std::string> Expected, Labels, Tooltips;
  for (const GraphNode &N : G.Nodes)
    Expected.push_back(toEscString(N.Label));
  for (Agnode_t *N = agfstnode(Read); N; N = agnxtnode(Read, N)) {
    Labels.push_back(agget(N, const_cast<char *>("label")));
    Tooltips.push_back(agget(N, const_cast<char *>("tooltip")));
  }
  std::sort(Expected.begin(), Expected.end());
  std::sort(Labels.begin(), Labels.end());
  std::sort(Tooltips.begin(), Tooltips.end());
  CHECK(Labels == Expected);
  CHECK(Tooltips == Expected);
  // Nothing declared a URL attribute: no injected attribute exists.
  CHECK(agattr(Read, AGNODE, const_cast<char *>("URL"), nullptr) == nullptr);
  agclose(Read);
  // The same description always gives the same bytes.
  CHECK(writeDot(G) == Dot);
}

TEST_CASE("text escapers for HTML, CSV and Markdown", "[emit]") {
  CHECK(escapeHTML("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  CHECK(escapeCSV("plain") == "plain");
  CHECK(escapeCSV("a,b") == "\"a,b\"");
  CHECK(escapeCSV("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(escapeCSV("=1+1") == "'=1+1");
  CHECK(escapeCSV("line\nbreak") == "line break");
  CHECK(escapeMarkdown("a | b <i>*x*</i>") == "a \\| b \\<i\\>\\*x\\*\\</i\\>");
  CHECK(wrapText("Chief Executive Officer of the group", 12) ==
        "Chief\nExecutive\nOfficer of\nthe group");
  CHECK(formatDuration(48) == "2d");
  CHECK(formatDuration(336) == "2w");
  CHECK(formatDuration(5) == "5h");
  CHECK(formatDate(0) == "1970-01-01");
  CHECK(formatDate(20818) == "2026-12-31");
}

TEST_CASE("right abbreviations come from the framework and are unique",
          "[emit]") {
  auto C = compile(R"(
model m { framework fw }
framework fw {
  right approve { min 1 max 1 owner }
  right agree { gate }
  right own
  right owner_of
  right consulted
}
role r { final }
decision d { approve r  agree r  own r  owner_of r  consulted r }
)");
  const sema::Model &M = C->model();
  const sema::Framework &FW = M.Frameworks[M.entity(M.lookup("fw")).Index];
  std::vector<std::string> Letters;
  for (sema::EntityID R : FW.Rights)
    Letters.push_back(rightAbbreviation(M, R));
  CHECK(Letters == std::vector<std::string>{"Ap", "Ag", "Own", "Owne", "C"});
}

TEST_CASE("findings map to the innermost declaration and to references",
          "[emit]") {
  std::string Text = R"(import std.raci
model m { framework raci }
unit u {
  role boss { final }
  role worker { reports_to boss }
}
decision d { accountable boss  responsible worker }
)";
  auto C = compile(Text);
  REQUIRE(C->diagnostics().empty());
  const sema::Model &M = C->model();
  sema::EntityID Worker = M.lookup("worker"), D = M.lookup("d"),
                 U = M.lookup("u");
  FileID File = M.entity(D).Range.File;
  uint32_t HolderAt = static_cast<uint32_t>(Text.find("worker }\n"));
  SourceRange Holder{File, HolderAt, HolderAt + 6};
  // A synthetic finding on the decision's name, with a note on one holder.
  std::vector<Diagnostic> Diags(2);
  Diags[0].ID = DiagID::AnnotationUnknown;
  Diags[0].Sev = Severity::Warning;
  Diags[0].Range = M.entity(D).NameRange;
  Diags[0].Message = "synthetic";
  Diags[0].note(Holder, "the holder");
  Diags[1].ID = DiagID::AnnotationUnknown;
  Diags[1].Sev = Severity::Note;
  Diags[1].Range = M.entity(Worker).NameRange;
  FindingIndex F(M, Diags);
  CHECK(F.ofEntity(D) == FindingList{&Diags[0]});
  CHECK(F.ofEntity(Worker) == FindingList{&Diags[1]});
  CHECK(F.ofEntity(U).empty());
  CHECK(F.within(Holder) == FindingList{&Diags[0]});
  CHECK(F.innermostEntity(Holder) == D);

  // The decisions view highlights the decision and exactly the worker's edge.
  GraphDesc G = buildView(M, F, {GraphView::Decisions});
  finalizeGraph(G);
  unsigned Highlighted = 0;
  for (const GraphEdge &E : G.Edges)
    if (!E.Findings.empty()) {
      ++Highlighted;
      CHECK(G.Nodes[E.From].Id == "worker");
      CHECK(E.Tooltip.find("[annotation.unknown]: synthetic") !=
            std::string::npos);
    }
  CHECK(Highlighted == 1);
}

TEST_CASE("focus keeps the neighbourhood and the legend", "[emit]") {
  auto C = compile(R"(import std.raci
model m { framework raci }
role a { final }
role b { reports_to a }
role c { reports_to b }
role d { reports_to c }
)");
  const sema::Model &M = C->model();
  FindingIndex F(M, C->diagnostics());
  GraphDesc G = buildView(M, F, {GraphView::Org});
  unsigned Legend = G.Nodes.size() - G.countContentNodes();
  restrictToNeighbourhood(G, nodesOfEntity(G, M.lookup("b")), 1);
  CHECK(G.countContentNodes() == 3); // a, b, c
  CHECK(G.Nodes.size() - G.countContentNodes() == Legend);
  CHECK(!G.findNode("d"));
}
