//===- Graphviz.h - The one wrapper around cgraph and gvc -------*- C++ -*-===//
//
// The only code that sees Graphviz. It turns a finished GraphDesc into a
// cgraph graph (with an id discipline that keeps creation order, so agwrite
// is deterministic), escapes every label and tooltip for Graphviz's escape
// strings, writes DOT with cgraph's own quoting, and lays out and renders
// SVG, PNG and PDF in process with gvc.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_EMIT_GRAPHVIZ_H
#define REMIT_EMIT_GRAPHVIZ_H

#include "Emit/GraphBuilder.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>

namespace remit::emit {

enum class GraphFormat { Dot, SVG, PNG, PDF };
enum class LayoutEngine { Auto, Dot, Sfdp, Neato, Patchwork };

/// The format a file name asks for by its extension (`.dot`, `.gv`, `.svg`,
/// `.png`, `.pdf`, any case).
std::optional<GraphFormat> graphFormatForPath(llvm::StringRef Path);
std::optional<LayoutEngine> parseLayoutEngine(llvm::StringRef Name);
llvm::StringRef layoutEngineName(LayoutEngine E);

/// Node count up to which `auto` uses `dot`.
constexpr unsigned MaxDotNodes = 150;
/// Node count up to which `auto` uses `sfdp`; above it, `patchwork`.
constexpr unsigned MaxSfdpNodes = 2000;

/// The engine `auto` picks so that layout finishes in about a second
/// (docs/performance.md): `dot` (ranks, clusters) for small views, `sfdp`
/// (force-directed) for medium ones, and for the largest `patchwork`, a
/// treemap of the clusters that draws no edges.
LayoutEngine chooseLayoutEngine(const GraphDesc &G);

/// \p Text (plain, '\n' between lines) as a Graphviz escape string: valid
/// UTF-8, backslashes doubled, line breaks as `\n`, never ending in a
/// backslash. agwrite escapes quotes but not backslashes, so only even runs
/// of backslashes keep its quoted strings intact.
std::string toEscString(llvm::StringRef Text);

/// \p G as DOT, without layout. Deterministic for a given description.
std::string writeDot(const GraphDesc &G);

/// Lays \p G out with \p Engine (not Auto) and renders it as \p Format (not
/// Dot). Fails with Graphviz's message if layout or rendering fails.
llvm::Expected<std::string> renderGraph(const GraphDesc &G, GraphFormat Format,
                                        LayoutEngine Engine);

} // namespace remit::emit

#endif
