//===- DotViews.h - The diagrams of `remitc graph` --------------*- C++ -*-===//
//
// Each view reads the semantic model and the finding index and describes
// one diagram as a GraphDesc: `org`, `decisions`, `escalation`, `handoffs`,
// `objectives` and `modes`. Views never see Graphviz.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_EMIT_DOTVIEWS_H
#define REMIT_EMIT_DOTVIEWS_H

#include "Emit/Findings.h"
#include "Emit/GraphBuilder.h"
#include "Sema/Model.h"
#include <optional>

namespace remit::emit {

enum class GraphView {
  Org,
  Decisions,
  Escalation,
  Handoffs,
  Objectives,
  Modes
};

/// Parses a view name.
std::optional<GraphView> parseGraphView(llvm::StringRef Name);
/// Every view name, in the order `--help` lists them.
llvm::ArrayRef<llvm::StringRef> graphViewNames();
llvm::StringRef graphViewName(GraphView V);

struct ViewOptions {
  GraphView View = GraphView::Org;
  /// The mode the `modes` view compares with normal operation.
  sema::EntityID Mode = sema::NoEntity;
};

/// Describes the diagram of \p Opts.View (not yet finalized).
GraphDesc buildView(const sema::Model &M, const FindingIndex &Findings,
                    const ViewOptions &Opts);

/// The nodes of \p G that stand for entity \p E (several in `modes`).
std::vector<size_t> nodesOfEntity(const GraphDesc &G, sema::EntityID E);

} // namespace remit::emit

#endif
