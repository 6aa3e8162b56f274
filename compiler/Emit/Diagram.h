//===- Diagram.h - One finished diagram of a model --------------*- C++ -*-===//
//
// What `remitc graph` and the language server's `remit/diagram` request share:
// pick the view (and the mode it compares), focus it on one declaration's
// neighbourhood, and finalize it for DOT or a Graphviz layout.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_EMIT_DIAGRAM_H
#define REMIT_EMIT_DIAGRAM_H

#include "Emit/DotViews.h"
#include "llvm/Support/Error.h"
#include <initializer_list>
#include <variant>

namespace remit::emit {

/// A diagram to draw, by names as a user writes them.
struct DiagramRequest {
  GraphView View = GraphView::Org;
  /// The mode `modes` compares with normal operation; required for `modes`.
  std::string Mode;
  /// Keep only this declaration's neighbourhood; empty keeps everything.
  std::string Focus;
  /// How many edges out from Focus to keep.
  unsigned Depth = 2;
  /// How error messages name the focus: `--focus` on the command line,
  /// `focus` in the language server's request.
  std::string FocusName = "--focus";
};

/// Builds and finalizes the diagram, with findings highlighted. The error
/// says in words why it cannot be drawn (an unknown focus or mode, with a
/// suggestion).
llvm::Expected<GraphDesc> buildDiagram(const sema::Model &M,
                                       llvm::ArrayRef<Diagnostic> Diags,
                                       const DiagramRequest &Req);

/// The user entity named \p Name of one of \p Kinds (any kind if empty), or a
/// message with a suggestion among those entities' names.
std::variant<sema::EntityID, std::string>
findEntity(const sema::Model &M, llvm::StringRef Name, llvm::StringRef What,
           std::initializer_list<ast::DeclKind> Kinds);

} // namespace remit::emit

#endif
