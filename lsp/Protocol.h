//===- Protocol.h - LSP 3.17 structures and their JSON ----------*- C++ -*-===//
//
// Plain structs for the parts of the Language Server Protocol remit-lsp
// speaks, with free fromJSON/toJSON functions over llvm::json, as clangd
// does. Positions count UTF-16 code units, as LSP requires. Nothing here
// knows the compiler.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_LSP_PROTOCOL_H
#define REMIT_LSP_PROTOCOL_H

#include "llvm/Support/JSON.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

// LLVM 14 and 15 map llvm::Optional only; these structs use std::optional.
namespace llvm::json {
template <typename T>
bool fromJSON(const Value &E, std::optional<T> &Out, Path P) {
  if (E.getAsNull()) {
    Out.reset();
    return true;
  }
  T Result;
  if (!fromJSON(E, Result, P))
    return false;
  Out = std::move(Result);
  return true;
}
} // namespace llvm::json

namespace remit::lsp {

using llvm::json::Path;
using llvm::json::Value;

/// JSON-RPC and LSP error codes.
enum class ErrorCode {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestFailed = -32803,
  RequestCancelled = -32800,
};

struct Position {
  int Line = 0;      ///< 0-based.
  int Character = 0; ///< 0-based, in UTF-16 code units.
  friend bool operator==(const Position &A, const Position &B) {
    return A.Line == B.Line && A.Character == B.Character;
  }
  friend bool operator<(const Position &A, const Position &B) {
    return A.Line != B.Line ? A.Line < B.Line : A.Character < B.Character;
  }
};
bool fromJSON(const Value &V, Position &P, Path Pa);
Value toJSON(const Position &P);

struct Range {
  Position Start, End;
  friend bool operator==(const Range &A, const Range &B) {
    return A.Start == B.Start && A.End == B.End;
  }
};
bool fromJSON(const Value &V, Range &R, Path Pa);
Value toJSON(const Range &R);

struct Location {
  std::string URI;
  Range Rng;
};
Value toJSON(const Location &L);

struct TextEdit {
  Range Rng;
  std::string NewText;
};
Value toJSON(const TextEdit &E);

/// `changes`: edits per document URI.
struct WorkspaceEdit {
  std::map<std::string, std::vector<TextEdit>> Changes;
};
Value toJSON(const WorkspaceEdit &E);

struct TextDocumentItem {
  std::string URI, LanguageId, Text;
  int64_t Version = 0;
};
bool fromJSON(const Value &V, TextDocumentItem &D, Path Pa);

struct TextDocumentIdentifier {
  std::string URI;
};
bool fromJSON(const Value &V, TextDocumentIdentifier &D, Path Pa);

struct DidOpenParams {
  TextDocumentItem TextDocument;
};
bool fromJSON(const Value &V, DidOpenParams &P, Path Pa);

/// A full replacement when Rng is unset, else an edit of that range.
struct ContentChange {
  std::optional<Range> Rng;
  std::string Text;
};
bool fromJSON(const Value &V, ContentChange &C, Path Pa);

struct DidChangeParams {
  TextDocumentIdentifier TextDocument;
  std::optional<int64_t> Version;
  std::vector<ContentChange> Changes;
};
bool fromJSON(const Value &V, DidChangeParams &P, Path Pa);

struct DocumentParams {
  TextDocumentIdentifier TextDocument;
};
bool fromJSON(const Value &V, DocumentParams &P, Path Pa);

struct TextDocumentPositionParams {
  TextDocumentIdentifier TextDocument;
  Position Pos;
};
bool fromJSON(const Value &V, TextDocumentPositionParams &P, Path Pa);

struct ReferenceParams : TextDocumentPositionParams {
  bool IncludeDeclaration = true;
};
bool fromJSON(const Value &V, ReferenceParams &P, Path Pa);

struct RenameParams : TextDocumentPositionParams {
  std::string NewName;
};
bool fromJSON(const Value &V, RenameParams &P, Path Pa);

enum class DiagnosticSeverity {
  Error = 1,
  Warning = 2,
  Information = 3,
  Hint = 4
};

struct DiagnosticRelatedInformation {
  Location Loc;
  std::string Message;
};

struct Diagnostic {
  Range Rng;
  DiagnosticSeverity Severity = DiagnosticSeverity::Error;
  std::string Code;            ///< The check name.
  std::string CodeDescription; ///< URL of the check's documentation.
  std::string Message;
  std::vector<DiagnosticRelatedInformation> Related;
  std::vector<int> Tags; ///< 1 Unnecessary, 2 Deprecated.
};
Value toJSON(const Diagnostic &D);
/// Reads back what toJSON wrote (code actions receive diagnostics).
bool fromJSON(const Value &V, Diagnostic &D, Path Pa);

struct PublishDiagnosticsParams {
  std::string URI;
  std::optional<int64_t> Version;
  std::vector<Diagnostic> Diagnostics;
};
Value toJSON(const PublishDiagnosticsParams &P);

struct CodeActionParams {
  TextDocumentIdentifier TextDocument;
  Range Rng;
  std::vector<Diagnostic> Diagnostics;
  std::optional<std::vector<std::string>> Only;
};
bool fromJSON(const Value &V, CodeActionParams &P, Path Pa);

struct CodeAction {
  std::string Title;
  std::string Kind; ///< "quickfix".
  std::vector<Diagnostic> Diagnostics;
  bool IsPreferred = false;
  WorkspaceEdit Edit;
};
Value toJSON(const CodeAction &A);

struct MarkupHover {
  std::string Markdown;
  std::optional<Range> Rng;
};
Value toJSON(const MarkupHover &H);

/// LSP SymbolKind values used for Remit declarations.
enum class SymbolKind {
  File = 1,
  Module = 2,
  Namespace = 3,
  Package = 4,
  Class = 5,
  Method = 6,
  Property = 7,
  Field = 8,
  Constructor = 9,
  Enum = 10,
  Interface = 11,
  Function = 12,
  Variable = 13,
  Constant = 14,
  String = 15,
  Number = 16,
  Boolean = 17,
  Array = 18,
  Object = 19,
  Key = 20,
  Null = 21,
  EnumMember = 22,
  Struct = 23,
  Event = 24,
  Operator = 25,
  TypeParameter = 26,
};

struct DocumentSymbol {
  std::string Name, Detail;
  SymbolKind Kind = SymbolKind::Object;
  Range Rng, SelectionRange;
  std::vector<DocumentSymbol> Children;
};
Value toJSON(const DocumentSymbol &S);

struct SymbolInformation {
  std::string Name, ContainerName;
  SymbolKind Kind = SymbolKind::Object;
  Location Loc;
};
Value toJSON(const SymbolInformation &S);

struct WorkspaceSymbolParams {
  std::string Query;
};
bool fromJSON(const Value &V, WorkspaceSymbolParams &P, Path Pa);

/// LSP CompletionItemKind values used here.
enum class CompletionItemKind {
  Text = 1,
  Method = 2,
  Function = 3,
  Constructor = 4,
  Field = 5,
  Variable = 6,
  Class = 7,
  Interface = 8,
  Module = 9,
  Property = 10,
  Unit = 11,
  Value = 12,
  Enum = 13,
  Keyword = 14,
  Snippet = 15,
  Color = 16,
  File = 17,
  Reference = 18,
  Folder = 19,
  EnumMember = 20,
  Constant = 21,
  Struct = 22,
  Event = 23,
  Operator = 24,
  TypeParameter = 25,
};

struct CompletionItem {
  std::string Label, Detail, Documentation, SortText;
  CompletionItemKind Kind = CompletionItemKind::Text;
  std::optional<TextEdit> Edit; ///< Replaces the word being typed.
};
Value toJSON(const CompletionItem &I);

struct FoldingRange {
  int StartLine = 0, EndLine = 0;
  std::string Kind; ///< "comment", "imports" or empty for a region.
};
Value toJSON(const FoldingRange &F);

struct FormattingParams {
  TextDocumentIdentifier TextDocument;
};
bool fromJSON(const Value &V, FormattingParams &P, Path Pa);

enum class FileChangeType { Created = 1, Changed = 2, Deleted = 3 };
struct FileEvent {
  std::string URI;
  FileChangeType Type = FileChangeType::Changed;
};
struct DidChangeWatchedFilesParams {
  std::vector<FileEvent> Changes;
};
bool fromJSON(const Value &V, DidChangeWatchedFilesParams &P, Path Pa);

/// Remit's own settings, from `initializationOptions` or
/// `workspace/didChangeConfiguration` (the `remit` section of the client's
/// settings, or the object itself).
struct Settings {
  std::optional<std::string> Profile;    ///< "default" or "strict".
  std::optional<std::string> StdlibPath; ///< Empty: the embedded stdlib.
  std::optional<std::string> AsOf;       ///< A date, YYYY-MM-DD.
  /// LoadOptions::AllowOutsideImports; unset is false.
  std::optional<bool> AllowOutsideImports;
  std::map<std::string, int64_t> Thresholds;
  std::map<std::string, std::string> Severities; ///< error|warning|note|off
};
bool fromJSON(const Value &V, Settings &S, Path Pa);

/// `remit/diagram`: one view of the model as SVG.
struct DiagramParams {
  std::string URI; ///< The document the preview belongs to.
  std::string View = "org";
  std::string Focus, Mode;
  std::optional<unsigned> Depth;
  std::string Format = "svg"; ///< svg, dot or png (base64).
};
bool fromJSON(const Value &V, DiagramParams &P, Path Pa);

/// `remit/raci`: the decision-rights matrix of the model.
struct RaciParams {
  std::string URI;
  std::string Format = "html"; ///< md, csv or html.
  std::string Unit;            ///< Only this unit's decisions; empty: all.
};
bool fromJSON(const Value &V, RaciParams &P, Path Pa);

/// `remit/explain`: a check's rationale and examples, as Markdown.
struct ExplainParams {
  std::string Check;
};
bool fromJSON(const Value &V, ExplainParams &P, Path Pa);

/// `file:///a/b%20c.remit` <-> `/a/b c.remit`. Only `file` URIs map to paths.
std::optional<std::string> uriToPath(llvm::StringRef URI);
std::string pathToURI(llvm::StringRef Path);

} // namespace remit::lsp

#endif
