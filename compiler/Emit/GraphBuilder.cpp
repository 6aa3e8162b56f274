//===- GraphBuilder.cpp - A graph description in plain C++ ----------------===//
#include "Emit/GraphBuilder.h"
#include "Emit/Palette.h"
#include <algorithm>
#include <deque>
#include <numeric>

using namespace remit;
using namespace remit::emit;

void emit::setAttr(AttrList &Attrs, llvm::StringRef Key,
                   llvm::StringRef Value) {
  for (auto &[K, V] : Attrs)
    if (K == Key) {
      V = Value.str();
      return;
    }
  Attrs.emplace_back(Key.str(), Value.str());
}

int GraphDesc::addCluster(GraphCluster C) {
  Clusters.push_back(std::move(C));
  return static_cast<int>(Clusters.size() - 1);
}

size_t GraphDesc::addNode(GraphNode N) {
  auto [It, Inserted] = NodeIndex.try_emplace(N.Id, Nodes.size());
  if (Inserted)
    Nodes.push_back(std::move(N));
  return It->second;
}

std::optional<size_t> GraphDesc::findNode(llvm::StringRef Id) const {
  auto It = NodeIndex.find(Id);
  if (It == NodeIndex.end())
    return std::nullopt;
  return It->second;
}

GraphEdge &GraphDesc::addEdge(size_t From, size_t To) {
  Edges.emplace_back();
  Edges.back().From = From;
  Edges.back().To = To;
  return Edges.back();
}

unsigned GraphDesc::countContentNodes() const {
  return std::count_if(Nodes.begin(), Nodes.end(),
                       [](const GraphNode &N) { return !N.Legend; });
}

bool GraphDesc::hasContentClusters() const {
  return std::any_of(Nodes.begin(), Nodes.end(), [](const GraphNode &N) {
    return !N.Legend && N.Cluster != NoCluster;
  });
}

/// Rebuilds \p G keeping only the nodes with \p Keep set, the edges between
/// them, and the clusters that still hold a node (or a cluster that does).
static void keepNodes(GraphDesc &G, const std::vector<bool> &Keep) {
  std::vector<bool> KeepCluster(G.Clusters.size(), false);
  for (size_t I = 0; I < G.Nodes.size(); ++I)
    if (Keep[I])
      for (int C = G.Nodes[I].Cluster; C != NoCluster && !KeepCluster[C];
           C = G.Clusters[C].Parent)
        KeepCluster[C] = true;

  GraphDesc Out;
  Out.Name = G.Name;
  Out.GraphAttrs = G.GraphAttrs;
  Out.NodeDefaults = G.NodeDefaults;
  Out.EdgeDefaults = G.EdgeDefaults;
  std::vector<int> ClusterMap(G.Clusters.size(), NoCluster);
  for (size_t C = 0; C < G.Clusters.size(); ++C) {
    if (!KeepCluster[C])
      continue;
    GraphCluster NC = G.Clusters[C];
    // Parents are created before their children, so they are mapped.
    NC.Parent = NC.Parent == NoCluster ? NoCluster : ClusterMap[NC.Parent];
    ClusterMap[C] = Out.addCluster(std::move(NC));
  }
  std::vector<size_t> NodeMap(G.Nodes.size());
  for (size_t I = 0; I < G.Nodes.size(); ++I) {
    if (!Keep[I])
      continue;
    GraphNode N = G.Nodes[I];
    N.Cluster = N.Cluster == NoCluster ? NoCluster : ClusterMap[N.Cluster];
    NodeMap[I] = Out.addNode(std::move(N));
  }
  for (const GraphEdge &E : G.Edges)
    if (Keep[E.From] && Keep[E.To]) {
      GraphEdge &NE = Out.addEdge(NodeMap[E.From], NodeMap[E.To]);
      NE = E;
      NE.From = NodeMap[E.From];
      NE.To = NodeMap[E.To];
    }
  G = std::move(Out);
}

void emit::restrictToNeighbourhood(GraphDesc &G, llvm::ArrayRef<size_t> Roots,
                                   unsigned Depth) {
  std::vector<std::vector<size_t>> Adjacent(G.Nodes.size());
  for (const GraphEdge &E : G.Edges) {
    Adjacent[E.From].push_back(E.To);
    Adjacent[E.To].push_back(E.From);
  }
  std::vector<unsigned> Distance(G.Nodes.size(), ~0u);
  std::deque<size_t> Queue;
  for (size_t R : Roots) {
    Distance[R] = 0;
    Queue.push_back(R);
  }
  while (!Queue.empty()) {
    size_t N = Queue.front();
    Queue.pop_front();
    if (Distance[N] == Depth)
      continue;
    for (size_t M : Adjacent[N])
      if (Distance[M] == ~0u && !G.Nodes[M].Legend) {
        Distance[M] = Distance[N] + 1;
        Queue.push_back(M);
      }
  }
  std::vector<bool> Keep(G.Nodes.size());
  for (size_t I = 0; I < G.Nodes.size(); ++I)
    Keep[I] = G.Nodes[I].Legend || Distance[I] != ~0u;
  keepNodes(G, Keep);
}

/// Applies the finding style to one element's attributes and tooltip.
static void highlight(AttrList &Attrs, std::string &Tooltip,
                      const FindingList &Findings,
                      const std::vector<std::string> &Problems, bool IsEdge) {
  if (Findings.empty() && Problems.empty())
    return;
  llvm::StringRef Colour =
      Problems.empty() && worstSeverity(Findings) == Severity::Note
          ? palette::Orange
          : palette::Vermillion;
  setAttr(Attrs, "color", Colour);
  setAttr(Attrs, "penwidth", IsEdge ? "3" : "3.5");
  if (IsEdge)
    setAttr(Attrs, "fontcolor", Colour);
  std::string Text;
  for (const std::string &P : Problems)
    Text += (Text.empty() ? "" : "\n") + P;
  if (!Findings.empty())
    Text += (Text.empty() ? "" : "\n") + describeFindings(Findings);
  Tooltip = Tooltip.empty() ? Text : Tooltip + "\n\n" + Text;
}

/// Prefixes a label with the finding mark, so a highlight never depends on
/// colour alone.
static void markLabel(std::string &Label, const FindingList &Findings,
                      const std::vector<std::string> &Problems = {}) {
  if (!Findings.empty() || !Problems.empty())
    Label = Label.empty() ? std::string(palette::FindingMark)
                          : std::string(palette::FindingMark) + " " + Label;
}

void emit::finalizeGraph(GraphDesc &G) {
  for (GraphCluster &C : G.Clusters) {
    highlight(C.Attrs, C.Tooltip, C.Findings, {}, false);
    markLabel(C.Label, C.Findings);
  }
  for (GraphNode &N : G.Nodes) {
    highlight(N.Attrs, N.Tooltip, N.Findings, N.Problems, false);
    markLabel(N.Label, N.Findings, N.Problems);
  }
  for (GraphEdge &E : G.Edges) {
    highlight(E.Attrs, E.Tooltip, E.Findings, E.Problems, true);
    markLabel(E.Label, E.Findings, E.Problems);
  }

  // Canonical order: clusters by id (parents first), nodes by id, edges by
  // their end points' ids, then label and attributes.
  std::vector<size_t> COrder(G.Clusters.size());
  std::iota(COrder.begin(), COrder.end(), 0);
  std::sort(COrder.begin(), COrder.end(), [&](size_t A, size_t B) {
    return G.Clusters[A].Id < G.Clusters[B].Id;
  });
  std::vector<int> CMap(G.Clusters.size(), NoCluster);
  std::vector<GraphCluster> Clusters;
  // Emit parents before children: repeat passes over the sorted order.
  while (Clusters.size() < G.Clusters.size()) {
    size_t Before = Clusters.size();
    for (size_t C : COrder) {
      int P = G.Clusters[C].Parent;
      if (CMap[C] != NoCluster || (P != NoCluster && CMap[P] == NoCluster))
        continue;
      CMap[C] = static_cast<int>(Clusters.size());
      Clusters.push_back(G.Clusters[C]);
      Clusters.back().Parent = P == NoCluster ? NoCluster : CMap[P];
    }
    if (Clusters.size() == Before)
      break; // A parent cycle: a bug in a view; drop the rest.
  }

  std::vector<size_t> NOrder(G.Nodes.size());
  std::iota(NOrder.begin(), NOrder.end(), 0);
  std::sort(NOrder.begin(), NOrder.end(),
            [&](size_t A, size_t B) { return G.Nodes[A].Id < G.Nodes[B].Id; });
  std::vector<size_t> NMap(G.Nodes.size());
  GraphDesc Out;
  Out.Name = G.Name;
  Out.GraphAttrs = G.GraphAttrs;
  Out.NodeDefaults = G.NodeDefaults;
  Out.EdgeDefaults = G.EdgeDefaults;
  Out.Clusters = std::move(Clusters);
  for (size_t I : NOrder) {
    GraphNode N = G.Nodes[I];
    N.Cluster = N.Cluster == NoCluster ? NoCluster : CMap[N.Cluster];
    NMap[I] = Out.addNode(std::move(N));
  }
  std::vector<GraphEdge> Edges = G.Edges;
  for (GraphEdge &E : Edges) {
    E.From = NMap[E.From];
    E.To = NMap[E.To];
  }
  std::stable_sort(Edges.begin(), Edges.end(),
                   [&](const GraphEdge &A, const GraphEdge &B) {
                     return std::tie(A.From, A.To, A.Label, A.Attrs) <
                            std::tie(B.From, B.To, B.Label, B.Attrs);
                   });
  Out.Edges = std::move(Edges);
  G = std::move(Out);
}
