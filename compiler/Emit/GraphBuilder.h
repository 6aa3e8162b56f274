//===- GraphBuilder.h - A graph description in plain C++ --------*- C++ -*-===//
//
// Views describe the diagram they want as a GraphDesc: clusters, nodes and
// edges with plain-text labels and tooltips and attributes from the views'
// own vocabulary. Nothing here knows Graphviz: the one wrapper (Graphviz.h)
// turns a finished description into cgraph objects, escaping every text
// for DOT on the way. finalize() applies finding highlights and puts
// everything into a canonical order, so the same model gives the same DOT.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_EMIT_GRAPHBUILDER_H
#define REMIT_EMIT_GRAPHBUILDER_H

#include "Emit/Findings.h"
#include "Sema/Model.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace remit::emit {

/// Graphviz attributes whose values are the emitters' own constants (never
/// model text: labels and tooltips have their own fields).
using AttrList = std::vector<std::pair<std::string, std::string>>;

/// Sets \p Key to \p Value in \p Attrs, replacing an earlier value.
void setAttr(AttrList &Attrs, llvm::StringRef Key, llvm::StringRef Value);

constexpr int NoCluster = -1;

struct GraphCluster {
  std::string Id; ///< Unique; the wrapper prefixes `cluster`.
  std::string Label, Tooltip;
  int Parent = NoCluster;
  AttrList Attrs;
  sema::EntityID Entity = sema::NoEntity; ///< A unit's cluster: the unit.
  bool Legend = false;
  FindingList Findings;
};

struct GraphNode {
  std::string Id; ///< Unique and stable (entity names, `legend:...`).
  int Cluster = NoCluster;
  std::string Label, Tooltip; ///< Plain text; '\n' breaks a label's lines.
  AttrList Attrs;
  sema::EntityID Entity = sema::NoEntity; ///< What --focus matches.
  bool Legend = false;
  FindingList Findings;
  /// Problems the view itself sees (an escalation cycle, an unresolved
  /// conflict); highlighted like findings.
  std::vector<std::string> Problems;
};

struct GraphEdge {
  size_t From = 0, To = 0; ///< Node indices.
  std::string Label, Tooltip;
  AttrList Attrs;
  bool Legend = false;
  FindingList Findings;
  std::vector<std::string> Problems; ///< As GraphNode::Problems.
};

/// A diagram before layout.
class GraphDesc {
public:
  std::string Name;
  AttrList GraphAttrs, NodeDefaults, EdgeDefaults;
  std::vector<GraphCluster> Clusters;
  std::vector<GraphNode> Nodes;
  std::vector<GraphEdge> Edges;

  int addCluster(GraphCluster C);
  /// Adds \p N, or returns the index of the node that already has its id.
  size_t addNode(GraphNode N);
  std::optional<size_t> findNode(llvm::StringRef Id) const;
  GraphEdge &addEdge(size_t From, size_t To);

  /// Nodes that are not part of the legend.
  unsigned countContentNodes() const;
  /// Whether any content node sits in a cluster.
  bool hasContentClusters() const;

private:
  llvm::StringMap<size_t> NodeIndex;
};

/// Keeps the legend and the content within \p Depth edges (either
/// direction) of the nodes in \p Roots; drops empty clusters.
void restrictToNeighbourhood(GraphDesc &G, llvm::ArrayRef<size_t> Roots,
                             unsigned Depth);

/// Marks elements with findings or problems (colour by worst severity, thicker
/// line, the findings in the tooltip), then sorts clusters, nodes and edges
/// into a canonical order (by id, then label).
void finalizeGraph(GraphDesc &G);

} // namespace remit::emit

#endif
