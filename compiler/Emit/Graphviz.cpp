//===- Graphviz.cpp - The one wrapper around cgraph and gvc ---------------===//
#include "Emit/Graphviz.h"
#include "Emit/Text.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <map>
#include <memory>

using namespace remit;
using namespace remit::emit;

std::optional<GraphFormat> emit::graphFormatForPath(llvm::StringRef Path) {
  std::string Ext = llvm::StringRef(llvm::sys::path::extension(Path)).lower();
  if (Ext == ".dot" || Ext == ".gv")
    return GraphFormat::Dot;
  if (Ext == ".svg")
    return GraphFormat::SVG;
  if (Ext == ".png")
    return GraphFormat::PNG;
  if (Ext == ".pdf")
    return GraphFormat::PDF;
  return std::nullopt;
}

/// Engine names, in the order of LayoutEngine.
const char *const EngineNames[] = {"auto", "dot", "sfdp", "neato", "patchwork"};

std::optional<LayoutEngine> emit::parseLayoutEngine(llvm::StringRef Name) {
  for (size_t I = 0; I < std::size(EngineNames); ++I)
    if (Name == EngineNames[I])
      return static_cast<LayoutEngine>(I);
  return std::nullopt;
}

llvm::StringRef emit::layoutEngineName(LayoutEngine E) {
  return EngineNames[static_cast<size_t>(E)];
}

LayoutEngine emit::chooseLayoutEngine(const GraphDesc &G) {
  unsigned Nodes = G.countContentNodes();
  if (Nodes <= MaxDotNodes)
    return LayoutEngine::Dot;
  return Nodes <= MaxSfdpNodes ? LayoutEngine::Sfdp : LayoutEngine::Patchwork;
}

std::string emit::toEscString(llvm::StringRef Text) {
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  Text.split(Lines, '\n');
  std::string Out;
  for (size_t I = 0; I < Lines.size(); ++I) {
    if (I)
      Out += "\\n";
    for (char C : sanitizeText(Lines[I])) {
      if (C == '\\')
        Out += '\\';
      Out += C;
    }
  }
  if (!Out.empty() && Out.back() == '\\')
    Out += ' ';
  return Out;
}

namespace {

//===----------------------------------------------------------------------===//
// A cgraph id discipline that numbers names in creation order. The default
// one uses string addresses as ids, and cgraph orders subgraphs by id, so
// agwrite's subgraph order would depend on the heap.
//===----------------------------------------------------------------------===//

struct IdState {
  Agraph_t *Root;
  std::map<std::string, IDTYPE, std::less<>> Ids;
  /// cgraph reference strings (agwrite reads their HTML flag); the string
  /// dictionary frees them with the graph.
  std::vector<char *> Names;
  IDTYPE NextAnonymous = 1;
};

void *idOpen(Agraph_t *G, Agdisc_t *) { return new IdState{G, {}, {}, 1}; }

long idMap(void *State, int, char *Str, IDTYPE *Id, int Create) {
  auto *S = static_cast<IdState *>(State);
  if (!Str) {
    *Id = S->NextAnonymous;
    S->NextAnonymous += 2;
    return 1;
  }
  auto It = S->Ids.find(llvm::StringRef(Str));
  if (It != S->Ids.end()) {
    *Id = It->second;
    return 1;
  }
  if (!Create)
    return 0;
  S->Names.push_back(agstrdup(S->Root, Str));
  *Id = 2 * static_cast<IDTYPE>(S->Names.size());
  S->Ids.emplace(Str, *Id);
  return 1;
}

long idAlloc(void *, int, IDTYPE) { return 1; }
void idFree(void *, int, IDTYPE) {}

char *idPrint(void *State, int, IDTYPE Id) {
  auto *S = static_cast<IdState *>(State);
  if (Id % 2 != 0 || Id == 0 || Id / 2 > S->Names.size())
    return nullptr;
  return S->Names[Id / 2 - 1];
}

void idClose(void *State) { delete static_cast<IdState *>(State); }
void idRegister(void *, int, void *) {}

Agiddisc_t OrderedIdDisc = {idOpen,  idMap,   idAlloc,   idFree,
                            idPrint, idClose, idRegister};

// Output into a std::string for agwrite.
int ioRead(void *, char *, int) { return 0; }
int ioPut(void *Chan, const char *Str) {
  static_cast<std::string *>(Chan)->append(Str);
  return 0;
}
int ioFlush(void *) { return 0; }
Agiodisc_t StringIoDisc = {ioRead, ioPut, ioFlush};

Agdisc_t Discipline = {&AgMemDisc, &OrderedIdDisc, &StringIoDisc};

// Graphviz reports through a global callback; collect its errors.
thread_local std::string GraphvizErrors;
int collectError(char *Message) {
  GraphvizErrors += Message;
  return 0;
}

struct GraphCloser {
  void operator()(Agraph_t *G) const { agclose(G); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

char *cstr(const std::string &S) { return const_cast<char *>(S.c_str()); }

void setAll(void *Obj, const AttrList &Attrs) {
  for (const auto &[K, V] : Attrs)
    agsafeset(Obj, cstr(K), cstr(V), cstr(std::string()));
}

/// An object name as cgraph stores it: valid UTF-8 without control
/// characters, backslashes or quotes. agwrite quotes `"` but not `\`, so a
/// backslash before a quote would end the quoted name early; names are
/// internal keys (every element has a label), so replacing them is safe.
std::string toName(llvm::StringRef Id) {
  std::string Out = sanitizeText(Id);
  std::replace(Out.begin(), Out.end(), '\\', '_');
  std::replace(Out.begin(), Out.end(), '"', '_');
  return Out;
}

void setText(void *Obj, const char *Key, const std::string &Text) {
  if (Text.empty())
    return;
  std::string Esc = toEscString(Text);
  agsafeset(Obj, const_cast<char *>(Key), cstr(Esc), cstr(std::string()));
}

/// Builds the cgraph graph of \p G, creating objects in \p G's order.
GraphPtr buildGraph(const GraphDesc &G) {
  agseterr(AGERR);
  agseterrf(collectError);
  GraphPtr Root(agopen(cstr(toName(G.Name)), Agdirected, &Discipline));
  std::string Empty;
  for (const auto &[K, V] : G.GraphAttrs)
    agattr(Root.get(), AGRAPH, cstr(K), cstr(V));
  for (const auto &[K, V] : G.NodeDefaults)
    agattr(Root.get(), AGNODE, cstr(K), cstr(V));
  for (const auto &[K, V] : G.EdgeDefaults)
    agattr(Root.get(), AGEDGE, cstr(K), cstr(V));

  std::vector<Agraph_t *> Subgraphs;
  for (const GraphCluster &C : G.Clusters) {
    Agraph_t *Parent = C.Parent == NoCluster ? Root.get() : Subgraphs[C.Parent];
    std::string Name = toName("cluster:" + C.Id);
    Agraph_t *S = agsubg(Parent, cstr(Name), 1);
    setText(S, "label", C.Label);
    setText(S, "tooltip", C.Tooltip.empty() ? C.Label : C.Tooltip);
    setAll(S, C.Attrs);
    Subgraphs.push_back(S);
  }
  std::vector<Agnode_t *> Nodes;
  for (const GraphNode &N : G.Nodes) {
    Agraph_t *Owner =
        N.Cluster == NoCluster ? Root.get() : Subgraphs[N.Cluster];
    Agnode_t *Node = agnode(Owner, cstr(toName(N.Id)), 1);
    setText(Node, "label", N.Label.empty() ? std::string(" ") : N.Label);
    setText(Node, "tooltip", N.Tooltip.empty() ? N.Label : N.Tooltip);
    setAll(Node, N.Attrs);
    Nodes.push_back(Node);
  }
  for (const GraphEdge &E : G.Edges) {
    Agedge_t *Edge = agedge(Root.get(), Nodes[E.From], Nodes[E.To], nullptr, 1);
    // Graphviz 2.42's dot frees a rank twice (flat_edges) when an edge
    // between nodes of one rank has a label, and only edges that do not
    // constrain ranks can join one rank: they carry external labels.
    bool Constrains =
        std::find(E.Attrs.begin(), E.Attrs.end(),
                  std::pair<std::string, std::string>("constraint", "false")) ==
        E.Attrs.end();
    setText(Edge, Constrains ? "label" : "xlabel", E.Label);
    setText(Edge, "tooltip", E.Tooltip);
    setAll(Edge, E.Attrs);
  }
  return Root;
}

} // namespace

/// The process's one Graphviz context, made on first use and never freed.
/// Freeing a context frees its table of fonts, while Graphviz's pango plugin
/// keeps a pointer to the last font name it measured (a static), so a layout
/// in a second context read freed memory (tests/fuzz found it; the language
/// server renders many diagrams). Plugins also load only once.
static GVC_t *graphvizContext() {
  static GVC_t *Context = gvContext();
  return Context;
}

std::string emit::writeDot(const GraphDesc &G) {
  GraphPtr Graph = buildGraph(G);
  std::string Out;
  agwrite(Graph.get(), &Out);
  return Out;
}

llvm::Expected<std::string>
emit::renderGraph(const GraphDesc &G, GraphFormat Format, LayoutEngine Engine) {
  GraphvizErrors.clear();
  GraphPtr Graph = buildGraph(G);
  GVC_t *Context = graphvizContext();
  std::string EngineName = layoutEngineName(Engine).str();
  if (Engine != LayoutEngine::Dot) {
    // Force-directed layouts: straight edges and no overlap removal keep
    // them fast; they ignore ranks anyway.
    agsafeset(Graph.get(), cstr("splines"), cstr("false"), cstr(""));
    agsafeset(Graph.get(), cstr("overlap"), cstr("true"), cstr(""));
  }
  auto Fail = [&](llvm::StringRef What) {
    std::string Message =
        GraphvizErrors.empty()
            ? What.str()
            : What.str() + ": " + llvm::StringRef(GraphvizErrors).trim().str();
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
  };
  if (!Context)
    return Fail("cannot start Graphviz");
  if (gvLayout(Context, Graph.get(), cstr(EngineName)) != 0)
    return Fail("Graphviz layout `" + EngineName + "` failed");
  const char *Renderer = "svg";
  if (Format == GraphFormat::PNG)
    Renderer = "png:cairo";
  else if (Format == GraphFormat::PDF)
    Renderer = "pdf:cairo";
  char *Data = nullptr;
  unsigned Length = 0;
  int Status = gvRenderData(Context, Graph.get(), Renderer, &Data, &Length);
  std::string Out;
  if (Status == 0 && Data)
    Out.assign(Data, Length);
  if (Data)
    gvFreeRenderData(Data);
  gvFreeLayout(Context, Graph.get());
  if (Status != 0)
    return Fail(std::string("Graphviz cannot render `") + Renderer + "`");
  return Out;
}
