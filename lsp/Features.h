//===- Features.h - What the editor asks of the model -----------*- C++ -*-===//
//
// The language features, in the compiler's terms: a FileID and byte offset
// in, source ranges and text out. The server (LSPServer.cpp) converts to and
// from LSP positions; nothing here knows JSON. One file per feature family:
// Hover.cpp, XRefs.cpp, Symbols.cpp, Completion.cpp, SemanticTokens.cpp,
// Folding.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_LSP_FEATURES_H
#define REMIT_LSP_FEATURES_H

#include "Driver/Compilation.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace remit::lsp {

// ---- Hover ------------------------------------------------------------------

struct HoverResult {
  std::string Markdown;
  SourceRange Range; ///< What the hover is about.
};
/// What the name at \p Offset is (a role's unit, reporting line, deputy,
/// decisions and escalation chain; a decision's rights table; ...), and the
/// explanation of every check whose finding covers the offset.
std::optional<HoverResult> hover(const Compilation &C, FileID File,
                                 uint32_t Offset);

// ---- Cross references -------------------------------------------------------

/// The entity named at \p Offset (a definition or a reference), if any.
std::optional<sema::EntityID> entityAt(const Compilation &C, FileID File,
                                       uint32_t Offset);
/// Where the name at \p Offset is declared.
std::optional<SourceRange> definition(const Compilation &C, FileID File,
                                      uint32_t Offset);
/// Every occurrence of the name at \p Offset, in source order.
std::vector<SourceRange> references(const Compilation &C, FileID File,
                                    uint32_t Offset, bool IncludeDeclaration);
/// The range of the name rename would change, or an error saying why the
/// name at \p Offset cannot be renamed.
llvm::Expected<SourceRange> prepareRename(const Compilation &C, FileID File,
                                          uint32_t Offset);
/// The edits that rename the name at \p Offset to \p NewName everywhere, or an
/// error: not a name, a stdlib name, an invalid or reserved new name, or one
/// that collides with another declaration.
llvm::Expected<std::vector<remit::TextEdit>> rename(const Compilation &C,
                                                    FileID File,
                                                    uint32_t Offset,
                                                    llvm::StringRef NewName);

// ---- Symbols ----------------------------------------------------------------

struct SymbolNode {
  std::string Name, Detail;
  ast::DeclKind Kind = ast::DeclKind::Unit;
  SourceRange Range, Selection;
  std::vector<SymbolNode> Children;
};
/// The declarations of \p File as a tree.
std::vector<SymbolNode> documentSymbols(const Compilation &C, FileID File);

struct WorkspaceSymbol {
  std::string Name, Container;
  ast::DeclKind Kind = ast::DeclKind::Unit;
  SourceRange Selection;
};
/// Named user declarations whose name contains \p Query's characters in
/// order (case-insensitive), best matches first, at most \p Limit.
std::vector<WorkspaceSymbol>
workspaceSymbols(const Compilation &C, llvm::StringRef Query, size_t Limit);

// ---- Completion
// ---------------------------------------------------------------

struct CompletionCandidate {
  enum KindTy { Keyword, Property, Right, Name, Module, Value } Kind = Name;
  std::string Label, Detail, Documentation;
  ast::DeclKind NameKind = ast::DeclKind::Unit; ///< For Kind == Name.
};
struct CompletionResult {
  /// The partial word before the cursor that the candidates replace.
  SourceRange Replace;
  /// Best first: matching the partial word closely, then in schema order.
  std::vector<CompletionCandidate> Items;
  /// More candidates matched than were kept; typing more narrows them.
  bool Incomplete = false;
};
/// What may be written at \p Offset of \p Text (file \p File's text in the
/// analysis): the candidates matching the partial word before the cursor,
/// at most \p Limit.
CompletionResult complete(const Compilation &C, FileID File,
                          llvm::StringRef Text, uint32_t Offset,
                          size_t Limit = 200);

/// How well \p Name matches what the user typed, \p Query: 0 exact, 1
/// prefix, 2 substring, 3 the query's characters in order; std::nullopt for
/// no match. Case-insensitive; an empty query matches everything with 3.
std::optional<int> fuzzyMatch(llvm::StringRef Name, llvm::StringRef Query);

// ---- Semantic tokens
// ----------------------------------------------------------

/// The token types of the legend, in legend order.
llvm::ArrayRef<llvm::StringRef> semanticTokenTypes();
/// The token modifiers of the legend, in bit order.
llvm::ArrayRef<llvm::StringRef> semanticTokenModifiers();
struct SemanticToken {
  uint32_t Begin = 0, End = 0; ///< Byte offsets, on one line.
  unsigned Type = 0;           ///< Index into semanticTokenTypes().
  unsigned Modifiers = 0;      ///< Bits of semanticTokenModifiers().
};
/// Every classified token of \p File, in source order, none spanning lines.
std::vector<SemanticToken> semanticTokens(const Compilation &C, FileID File);

// ---- Folding
// --------------------------------------------------------------------

struct Fold {
  uint32_t Begin = 0, End = 0; ///< Byte offsets of the first and last line.
  enum KindTy { Region, Comment, Imports } Kind = Region;
};
/// Blocks, multi-line comments and runs of imports of \p File.
std::vector<Fold> foldingRanges(const Compilation &C, FileID File);

} // namespace remit::lsp

#endif
