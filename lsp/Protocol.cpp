//===- Protocol.cpp - LSP 3.17 structures and their JSON ------------------===//
#include "Protocol.h"
#include "llvm/ADT/StringExtras.h"

using namespace remit;
using namespace remit::lsp;
using llvm::json::Array;
using llvm::json::Object;
using llvm::json::ObjectMapper;

bool lsp::fromJSON(const Value &V, Position &P, Path Pa) {
  ObjectMapper O(V, Pa);
  return O && O.map("line", P.Line) && O.map("character", P.Character);
}
Value lsp::toJSON(const Position &P) {
  return Object{{"line", P.Line}, {"character", P.Character}};
}

bool lsp::fromJSON(const Value &V, Range &R, Path Pa) {
  ObjectMapper O(V, Pa);
  return O && O.map("start", R.Start) && O.map("end", R.End);
}
Value lsp::toJSON(const Range &R) {
  return Object{{"start", R.Start}, {"end", R.End}};
}

Value lsp::toJSON(const Location &L) {
  return Object{{"uri", L.URI}, {"range", L.Rng}};
}

Value lsp::toJSON(const TextEdit &E) {
  return Object{{"range", E.Rng}, {"newText", E.NewText}};
}

Value lsp::toJSON(const WorkspaceEdit &E) {
  Object Changes;
  for (const auto &[URI, Edits] : E.Changes) {
    Array A;
    for (const TextEdit &T : Edits)
      A.push_back(T);
    Changes[URI] = std::move(A);
  }
  return Object{{"changes", std::move(Changes)}};
}

bool lsp::fromJSON(const Value &V, TextDocumentItem &D, Path Pa) {
  ObjectMapper O(V, Pa);
  return O && O.map("uri", D.URI) && O.map("text", D.Text) &&
         O.mapOptional("languageId", D.LanguageId) &&
         O.mapOptional("version", D.Version);
}

bool lsp::fromJSON(const Value &V, TextDocumentIdentifier &D, Path Pa) {
  ObjectMapper O(V, Pa);
  return O && O.map("uri", D.URI);
}

bool lsp::fromJSON(const Value &V, DidOpenParams &P, Path Pa) {
  ObjectMapper O(V, Pa);
  return O && O.map("textDocument", P.TextDocument);
}

bool lsp::fromJSON(const Value &V, ContentChange &C, Path Pa) {
  ObjectMapper O(V, Pa);
  return O && O.map("text", C.Text) && O.mapOptional("range", C.Rng);
}

bool lsp::fromJSON(const Value &V, DidChangeParams &P, Path Pa) {
  ObjectMapper O(V, Pa);
  if (!O || !O.map("textDocument", P.TextDocument) ||
      !O.map("contentChanges", P.Changes))
    return false;
  if (const Object *Doc = V.getAsObject()->getObject("textDocument"))
    if (auto V = Doc->getInteger("version"))
      P.Version = *V;
  return true;
}

bool lsp::fromJSON(const Value &V, DocumentParams &P, Path Pa) {
  ObjectMapper O(V, Pa);
  return O && O.map("textDocument", P.TextDocument);
}

bool lsp::fromJSON(const Value &V, TextDocumentPositionParams &P, Path Pa) {
  ObjectMapper O(V, Pa);
  return O && O.map("textDocument", P.TextDocument) && O.map("position", P.Pos);
}

bool lsp::fromJSON(const Value &V, ReferenceParams &P, Path Pa) {
  if (!fromJSON(V, static_cast<TextDocumentPositionParams &>(P), Pa))
    return false;
  if (const Object *Ctx = V.getAsObject()->getObject("context"))
    if (auto B = Ctx->getBoolean("includeDeclaration"))
      P.IncludeDeclaration = *B;
  return true;
}

bool lsp::fromJSON(const Value &V, RenameParams &P, Path Pa) {
  ObjectMapper O(V, Pa);
  return fromJSON(V, static_cast<TextDocumentPositionParams &>(P), Pa) &&
         O.map("newName", P.NewName);
}

Value lsp::toJSON(const Diagnostic &D) {
  Object R{{"range", D.Rng},
           {"severity", static_cast<int>(D.Severity)},
           {"source", "remit"},
           {"message", D.Message}};
  if (!D.Code.empty())
    R["code"] = D.Code;
  if (!D.CodeDescription.empty())
    R["codeDescription"] = Object{{"href", D.CodeDescription}};
  if (!D.Related.empty()) {
    Array A;
    for (const DiagnosticRelatedInformation &I : D.Related)
      A.push_back(Object{{"location", I.Loc}, {"message", I.Message}});
    R["relatedInformation"] = std::move(A);
  }
  if (!D.Tags.empty())
    R["tags"] = Array(D.Tags);
  return Value(std::move(R));
}

bool lsp::fromJSON(const Value &V, Diagnostic &D, Path Pa) {
  ObjectMapper O(V, Pa);
  if (!O || !O.map("range", D.Rng) || !O.map("message", D.Message))
    return false;
  int Sev = 1;
  if (O.mapOptional("severity", Sev))
    D.Severity = static_cast<DiagnosticSeverity>(std::clamp(Sev, 1, 4));
  if (const Value *Code = V.getAsObject()->get("code"))
    if (auto S = Code->getAsString())
      D.Code = S->str();
  return true;
}

Value lsp::toJSON(const PublishDiagnosticsParams &P) {
  Array Diags;
  for (const Diagnostic &D : P.Diagnostics)
    Diags.push_back(D);
  Object R{{"uri", P.URI}, {"diagnostics", std::move(Diags)}};
  if (P.Version)
    R["version"] = *P.Version;
  return Value(std::move(R));
}

bool lsp::fromJSON(const Value &V, CodeActionParams &P, Path Pa) {
  ObjectMapper O(V, Pa);
  if (!O || !O.map("textDocument", P.TextDocument) || !O.map("range", P.Rng))
    return false;
  if (const Object *Ctx = V.getAsObject()->getObject("context")) {
    ObjectMapper C(*V.getAsObject()->get("context"), Pa.field("context"));
    if (!C.mapOptional("diagnostics", P.Diagnostics) ||
        !C.mapOptional("only", P.Only))
      return false;
    (void)Ctx;
  }
  return true;
}

Value lsp::toJSON(const CodeAction &A) {
  Object R{{"title", A.Title}, {"kind", A.Kind}, {"edit", A.Edit}};
  if (!A.Diagnostics.empty()) {
    Array Diags;
    for (const Diagnostic &D : A.Diagnostics)
      Diags.push_back(D);
    R["diagnostics"] = std::move(Diags);
  }
  if (A.IsPreferred)
    R["isPreferred"] = true;
  return Value(std::move(R));
}

Value lsp::toJSON(const MarkupHover &H) {
  Object R{{"contents", Object{{"kind", "markdown"}, {"value", H.Markdown}}}};
  if (H.Rng)
    R["range"] = *H.Rng;
  return Value(std::move(R));
}

Value lsp::toJSON(const DocumentSymbol &S) {
  Object R{{"name", S.Name},
           {"kind", static_cast<int>(S.Kind)},
           {"range", S.Rng},
           {"selectionRange", S.SelectionRange}};
  if (!S.Detail.empty())
    R["detail"] = S.Detail;
  if (!S.Children.empty()) {
    Array Children;
    for (const DocumentSymbol &C : S.Children)
      Children.push_back(C);
    R["children"] = std::move(Children);
  }
  return Value(std::move(R));
}

Value lsp::toJSON(const SymbolInformation &S) {
  Object R{{"name", S.Name},
           {"kind", static_cast<int>(S.Kind)},
           {"location", S.Loc}};
  if (!S.ContainerName.empty())
    R["containerName"] = S.ContainerName;
  return Value(std::move(R));
}

bool lsp::fromJSON(const Value &V, WorkspaceSymbolParams &P, Path Pa) {
  ObjectMapper O(V, Pa);
  return O && O.map("query", P.Query);
}

Value lsp::toJSON(const CompletionItem &I) {
  Object R{{"label", I.Label}, {"kind", static_cast<int>(I.Kind)}};
  if (!I.Detail.empty())
    R["detail"] = I.Detail;
  if (!I.Documentation.empty())
    R["documentation"] =
        Object{{"kind", "markdown"}, {"value", I.Documentation}};
  if (!I.SortText.empty())
    R["sortText"] = I.SortText;
  if (I.Edit)
    R["textEdit"] = *I.Edit;
  return Value(std::move(R));
}

Value lsp::toJSON(const FoldingRange &F) {
  Object R{{"startLine", F.StartLine}, {"endLine", F.EndLine}};
  if (!F.Kind.empty())
    R["kind"] = F.Kind;
  return Value(std::move(R));
}

bool lsp::fromJSON(const Value &V, FormattingParams &P, Path Pa) {
  ObjectMapper O(V, Pa);
  return O && O.map("textDocument", P.TextDocument);
}

bool lsp::fromJSON(const Value &V, DidChangeWatchedFilesParams &P, Path Pa) {
  const Object *Obj = V.getAsObject();
  const Array *Changes = Obj ? Obj->getArray("changes") : nullptr;
  if (!Changes) {
    Pa.report("expected an object with a `changes` array");
    return false;
  }
  for (const Value &C : *Changes) {
    const Object *E = C.getAsObject();
    llvm::Optional<llvm::StringRef> URI;
    llvm::Optional<int64_t> Type;
    if (E) {
      URI = E->getString("uri");
      Type = E->getInteger("type");
    }
    if (!URI || !Type || *Type < 1 || *Type > 3) {
      Pa.report("expected file events {uri, type 1-3}");
      return false;
    }
    FileEvent Event;
    Event.URI = URI->str();
    Event.Type = static_cast<FileChangeType>(*Type);
    P.Changes.push_back(std::move(Event));
  }
  return true;
}

bool lsp::fromJSON(const Value &V, Settings &S, Path Pa) {
  const Object *Obj = V.getAsObject();
  if (!Obj) {
    Pa.report("expected an object");
    return false;
  }
  // Accept {"remit": {...}} (a settings tree) as well as the object itself.
  if (const Object *Inner = Obj->getObject("remit"))
    Obj = Inner;
  if (const Object *Checks = Obj->getObject("checks")) {
    if (auto P = Checks->getString("profile"))
      S.Profile = P->str();
    if (const Object *T = Checks->getObject("thresholds"))
      for (const auto &[K, N] : *T)
        if (auto I = N.getAsInteger())
          S.Thresholds[K.str()] = *I;
    if (const Object *Sev = Checks->getObject("severities"))
      for (const auto &[K, L] : *Sev)
        if (auto Str = L.getAsString())
          S.Severities[K.str()] = Str->str();
  }
  if (const Object *Std = Obj->getObject("stdlib"))
    if (auto P = Std->getString("path"))
      S.StdlibPath = P->str();
  if (auto A = Obj->getString("asOf"))
    S.AsOf = A->str();
  if (auto A = Obj->getBoolean("allowOutsideImports"))
    S.AllowOutsideImports = *A;
  return true;
}

bool lsp::fromJSON(const Value &V, DiagramParams &P, Path Pa) {
  ObjectMapper O(V, Pa);
  int64_t Depth = -1;
  if (!O || !O.map("uri", P.URI) || !O.mapOptional("view", P.View) ||
      !O.mapOptional("focus", P.Focus) || !O.mapOptional("mode", P.Mode) ||
      !O.mapOptional("format", P.Format) || !O.mapOptional("depth", Depth))
    return false;
  if (Depth >= 0)
    P.Depth = static_cast<unsigned>(std::min<int64_t>(Depth, 100));
  return true;
}

bool lsp::fromJSON(const Value &V, RaciParams &P, Path Pa) {
  ObjectMapper O(V, Pa);
  return O && O.map("uri", P.URI) && O.mapOptional("format", P.Format) &&
         O.mapOptional("unit", P.Unit);
}

bool lsp::fromJSON(const Value &V, ExplainParams &P, Path Pa) {
  ObjectMapper O(V, Pa);
  return O && O.map("check", P.Check);
}

std::optional<std::string> lsp::uriToPath(llvm::StringRef URI) {
  if (!URI.consume_front("file://"))
    return std::nullopt;
  // An authority (`file://host/...`) other than localhost is not ours.
  if (!URI.startswith("/")) {
    if (!URI.consume_front("localhost"))
      return std::nullopt;
  }
  std::string Path;
  for (size_t I = 0; I < URI.size(); ++I) {
    char C = URI[I];
    if (C == '%' && I + 2 < URI.size() && llvm::isHexDigit(URI[I + 1]) &&
        llvm::isHexDigit(URI[I + 2])) {
      Path.push_back(
          static_cast<char>(llvm::hexFromNibbles(URI[I + 1], URI[I + 2])));
      I += 2;
    } else {
      Path.push_back(C);
    }
  }
  if (Path.empty() || Path.find('\0') != std::string::npos)
    return std::nullopt;
  return Path;
}

std::string lsp::pathToURI(llvm::StringRef Path) {
  std::string URI = "file://";
  for (char C : Path) {
    unsigned char U = static_cast<unsigned char>(C);
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      URI.push_back(C);
    else {
      URI.push_back('%');
      URI.push_back(llvm::hexdigit(U >> 4, false));
      URI.push_back(llvm::hexdigit(U & 15, false));
    }
  }
  return URI;
}
