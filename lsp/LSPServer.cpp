//===- LSPServer.cpp - The Language Server Protocol front end -------------===//
#include "LSPServer.h"
#include "AST/PropertyParser.h"
#include "Emit/Diagram.h"
#include "Emit/Graphviz.h"
#include "Emit/Raci.h"
#include "Features.h"
#include "Format/Formatter.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/Base64.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>

using namespace remit;
using namespace remit::lsp;
using llvm::json::Array;
using llvm::json::Object;

namespace {
/// An error the client sees with its code (InvalidParams, RequestFailed...).
class LSPError : public llvm::ErrorInfo<LSPError> {
public:
  static char ID;
  LSPError(ErrorCode Code, std::string Message)
      : Code(Code), Message(std::move(Message)) {}
  void log(llvm::raw_ostream &OS) const override { OS << Message; }
  std::error_code convertToErrorCode() const override {
    return llvm::inconvertibleErrorCode();
  }
  ErrorCode Code;
  std::string Message;
};
char LSPError::ID;

llvm::Error error(ErrorCode Code, const llvm::Twine &Message) {
  return llvm::make_error<LSPError>(Code, Message.str());
}

/// Where each check's rationale and examples are published.
std::string docsURL(llvm::StringRef Check) {
  return "https://github.com/remit-lang/remit/blob/main/compiler/"
         "Diagnostics/explain/" +
         Check.str() + ".md";
}

SymbolKind symbolKind(ast::DeclKind K) {
  using ast::DeclKind;
  switch (K) {
  case DeclKind::Model:
    return SymbolKind::Module;
  case DeclKind::Unit:
    return SymbolKind::Namespace;
  case DeclKind::Role:
    return SymbolKind::Class;
  case DeclKind::Person:
    return SymbolKind::Variable;
  case DeclKind::Forum:
    return SymbolKind::Struct;
  case DeclKind::Agent:
    return SymbolKind::Interface;
  case DeclKind::Metric:
    return SymbolKind::Number;
  case DeclKind::Objective:
    return SymbolKind::Event;
  case DeclKind::Decision:
    return SymbolKind::Function;
  case DeclKind::Handoff:
    return SymbolKind::Operator;
  case DeclKind::Tradeoff:
    return SymbolKind::Operator;
  case DeclKind::Mode:
    return SymbolKind::Enum;
  case DeclKind::Term:
    return SymbolKind::String;
  case DeclKind::Initiative:
    return SymbolKind::Package;
  case DeclKind::Authority:
    return SymbolKind::Object;
  case DeclKind::Framework:
    return SymbolKind::Module;
  case DeclKind::UnitKind:
    return SymbolKind::TypeParameter;
  case DeclKind::Interaction:
    return SymbolKind::EnumMember;
  case DeclKind::Checks:
    return SymbolKind::Object;
  case DeclKind::Right:
    return SymbolKind::Property;
  }
  return SymbolKind::Object;
}

CompletionItemKind completionKind(const CompletionCandidate &C) {
  switch (C.Kind) {
  case CompletionCandidate::Keyword:
    return CompletionItemKind::Keyword;
  case CompletionCandidate::Property:
    return CompletionItemKind::Property;
  case CompletionCandidate::Right:
    return CompletionItemKind::Field;
  case CompletionCandidate::Module:
    return CompletionItemKind::Module;
  case CompletionCandidate::Value:
    return CompletionItemKind::EnumMember;
  case CompletionCandidate::Name:
    switch (C.NameKind) {
    case ast::DeclKind::Role:
      return CompletionItemKind::Class;
    case ast::DeclKind::Unit:
      return CompletionItemKind::Module;
    case ast::DeclKind::Decision:
      return CompletionItemKind::Function;
    case ast::DeclKind::Forum:
      return CompletionItemKind::Struct;
    case ast::DeclKind::Agent:
      return CompletionItemKind::Interface;
    case ast::DeclKind::Metric:
      return CompletionItemKind::Unit;
    case ast::DeclKind::Mode:
      return CompletionItemKind::Enum;
    default:
      return CompletionItemKind::Reference;
    }
  }
  return CompletionItemKind::Text;
}

/// The byte offset of \p P in \p Text (a document not yet analysed),
/// clamping as SourceManager does. Lines end at `\n`.
size_t offsetInText(llvm::StringRef Text, Position P) {
  size_t At = 0;
  for (int L = 0; L < P.Line; ++L) {
    size_t NL = Text.find('\n', At);
    if (NL == llvm::StringRef::npos)
      return Text.size();
    At = NL + 1;
  }
  size_t End = Text.find('\n', At);
  if (End == llvm::StringRef::npos)
    End = Text.size();
  if (End > At && Text[End - 1] == '\r')
    --End;
  int Units = 0;
  while (At < End && Units < P.Character) {
    CodePoint CP = decodeUTF8(Text, At);
    int W = CP.Valid && CP.Value >= 0x10000 ? 2 : 1;
    if (Units + W > P.Character)
      break; // Inside a surrogate pair: round down.
    Units += W;
    At += CP.Len;
  }
  return At;
}

std::string jsonText(const Value &V) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << V;
  return OS.str();
}
} // namespace

/// The path of a `file:` URI, with symlinks resolved as the loader does.
static std::optional<std::string> documentPath(llvm::StringRef URI) {
  std::optional<std::string> Path = uriToPath(URI);
  if (!Path)
    return std::nullopt;
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(*Path, Real))
    return std::string(Real);
  return Path;
}

LSPServer::LSPServer(Transport &T, ServerOptions Opts) : T(T), Opts(Opts) {
  registerHandlers();
}
LSPServer::~LSPServer() = default;

template <typename Param>
void LSPServer::request(llvm::StringRef Method,
                        llvm::Expected<Value> (LSPServer::*H)(const Param &)) {
  Requests[Method] = [this, H,
                      Method](const Value &Raw) -> llvm::Expected<Value> {
    if constexpr (std::is_same_v<Param, Value>) {
      return (this->*H)(Raw);
    } else {
      Param P;
      llvm::json::Path::Root Root(Method);
      if (!fromJSON(Raw, P, Root))
        return error(ErrorCode::InvalidParams,
                     "invalid params of `" + Method +
                         "`: " + llvm::toString(Root.getError()));
      return (this->*H)(P);
    }
  };
}

template <typename Param>
void LSPServer::notification(llvm::StringRef Method,
                             void (LSPServer::*H)(const Param &)) {
  Notifications[Method] = [this, H, Method](const Value &Raw) {
    if constexpr (std::is_same_v<Param, Value>) {
      (this->*H)(Raw);
    } else {
      Param P;
      llvm::json::Path::Root Root(Method);
      if (!fromJSON(Raw, P, Root))
        return log("ignored `" + Method.str() +
                   "` with invalid params: " + llvm::toString(Root.getError()));
      (this->*H)(P);
    }
  };
}

void LSPServer::registerHandlers() {
  request("initialize", &LSPServer::onInitialize);
  request("shutdown", &LSPServer::onShutdown);
  notification("initialized", &LSPServer::onInitialized);
  notification("workspace/didChangeConfiguration",
               &LSPServer::onDidChangeConfiguration);
  notification("workspace/didChangeWatchedFiles",
               &LSPServer::onDidChangeWatchedFiles);
  notification("textDocument/didOpen", &LSPServer::onDidOpen);
  notification("textDocument/didChange", &LSPServer::onDidChange);
  notification("textDocument/didClose", &LSPServer::onDidClose);
  notification("textDocument/didSave", &LSPServer::onDidSave);
  request("textDocument/hover", &LSPServer::onHover);
  request("textDocument/definition", &LSPServer::onDefinition);
  request("textDocument/references", &LSPServer::onReferences);
  request("textDocument/prepareRename", &LSPServer::onPrepareRename);
  request("textDocument/rename", &LSPServer::onRename);
  request("textDocument/documentSymbol", &LSPServer::onDocumentSymbol);
  request("workspace/symbol", &LSPServer::onWorkspaceSymbol);
  request("textDocument/completion", &LSPServer::onCompletion);
  request("textDocument/semanticTokens/full", &LSPServer::onSemanticTokens);
  request("textDocument/formatting", &LSPServer::onFormatting);
  request("textDocument/codeAction", &LSPServer::onCodeAction);
  request("textDocument/foldingRange", &LSPServer::onFoldingRange);
  request("remit/diagram", &LSPServer::onDiagram);
  request("remit/raci", &LSPServer::onRaci);
  request("remit/explain", &LSPServer::onExplain);
  if (Opts.TestHooks)
    request("remit/test/fail", &LSPServer::onTestFail);
}

//===----------------------------------------------------------------------===//
// The message loop
//===----------------------------------------------------------------------===//

int LSPServer::run() {
  if (Opts.IsolateFailures)
    llvm::CrashRecoveryContext::Enable();
  for (;;) {
    if (Queue.empty()) {
      if (InputEnded)
        break;
      // Nothing waiting: the last change is the current text; publish.
      if (DiagnosticsDirty && Initialized && !T.hasPendingInput())
        publishDiagnostics();
      if (!T.hasPendingInput())
        WS.releaseRetired();
      readMessages(/*Block=*/true);
      continue;
    }
    // Take in what else has arrived, so cancellations and newer edits are
    // seen before work that they make stale.
    if (!InputEnded && T.hasPendingInput())
      readMessages(/*Block=*/false);
    Incoming Msg = std::move(Queue.front());
    Queue.pop_front();
    // Answer from published state: the client sees the diagnostics of the
    // text a request is about before the request's answer.
    if (DiagnosticsDirty && Initialized && Msg.ID)
      publishDiagnostics();
    dispatch(Msg);
    if (Exited)
      return ShutdownRequested ? 0 : 1;
  }
  log("input ended without `exit`; stopping");
  return ShutdownRequested ? 0 : 1;
}

void LSPServer::readMessages(bool Block) {
  for (bool First = true;
       First ? Block || T.hasPendingInput() : T.hasPendingInput();
       First = false) {
    std::string Body, Error;
    switch (T.read(Body, Error)) {
    case Transport::ReadStatus::End:
      InputEnded = true;
      return;
    case Transport::ReadStatus::Malformed:
      log("dropped a malformed message: " + Error);
      // The id is unknown: JSON-RPC answers such errors with a null id.
      replyError(nullptr, ErrorCode::ParseError, Error);
      break;
    case Transport::ReadStatus::Message:
      enqueue(Body);
      break;
    }
    // Bound the look-ahead; the rest waits in the transport.
    if (Queue.size() >= 512)
      return;
  }
}

void LSPServer::enqueue(llvm::StringRef Body) {
  llvm::Expected<Value> Parsed = llvm::json::parse(Body);
  if (!Parsed) {
    std::string Why = llvm::toString(Parsed.takeError());
    log("dropped a message that is not JSON: " + Why);
    replyError(nullptr, ErrorCode::ParseError, "message is not JSON: " + Why);
    return;
  }
  const Object *O = Parsed->getAsObject();
  llvm::Optional<llvm::StringRef> Method;
  if (O)
    Method = O->getString("method");
  const Value *ID = O ? O->get("id") : nullptr;
  if (!Method) {
    // A response to a request of ours (we send none), or junk.
    if (!ID || (O && !O->get("result") && !O->get("error")))
      replyError(ID ? *ID : Value(nullptr), ErrorCode::InvalidRequest,
                 "a message needs a `method`");
    return;
  }
  Incoming In;
  In.Method = Method->str();
  if (ID)
    In.ID = *ID;
  if (const Value *P = O->get("params"))
    In.Params = *P;
  if (In.Method == "$/cancelRequest" && !In.ID) {
    if (const Object *P = In.Params.getAsObject())
      if (const Value *Target = P->get("id"))
        Cancelled.insert(jsonText(*Target));
    return;
  }
  Queue.push_back(std::move(In));
}

void LSPServer::dispatch(Incoming &Msg) {
  auto Start = std::chrono::steady_clock::now();
  auto Logged = llvm::make_scope_exit([&] {
    if (Opts.Verbose)
      log(fmt::format("{} {:.2f} ms", Msg.Method,
                      std::chrono::duration<double, std::milli>(
                          std::chrono::steady_clock::now() - Start)
                          .count()));
  });
  if (!Msg.ID) {
    if (Msg.Method == "exit") {
      Exited = true;
      return;
    }
    if (!Initialized)
      return; // Notifications before initialize are dropped (spec).
    auto It = Notifications.find(Msg.Method);
    if (It == Notifications.end()) {
      if (!llvm::StringRef(Msg.Method).startswith("$/"))
        log("ignored unknown notification `" + Msg.Method + "`");
      return;
    }
    llvm::CrashRecoveryContext CRC;
    bool Ok = false;
    if (!CRC.RunSafely([&] {
          try {
            It->second(Msg.Params);
            Ok = true;
          } catch (const std::exception &E) {
            if (!Opts.IsolateFailures)
              throw;
            log("`" + Msg.Method + "` failed: " + E.what());
          }
        }) ||
        !Ok)
      log("`" + Msg.Method + "` failed; the server carries on");
    return;
  }
  const Value &ID = *Msg.ID;
  if (Cancelled.erase(jsonText(ID)))
    return replyError(ID, ErrorCode::RequestCancelled,
                      "cancelled before it started");
  if (!Initialized && Msg.Method != "initialize")
    return replyError(ID, ErrorCode::ServerNotInitialized,
                      "the server is not initialized: send `initialize` "
                      "first");
  if (ShutdownRequested)
    return replyError(ID, ErrorCode::InvalidRequest,
                      "the server is shutting down: only `exit` is accepted");
  auto It = Requests.find(Msg.Method);
  if (It == Requests.end())
    return replyError(ID, ErrorCode::MethodNotFound,
                      "remit-lsp does not implement `" + Msg.Method + "`");
  std::optional<llvm::Expected<Value>> Result;
  std::string Failure;
  llvm::CrashRecoveryContext CRC;
  bool Returned = CRC.RunSafely([&] {
    try {
      Result.emplace(It->second(Msg.Params));
    } catch (const std::exception &E) {
      if (!Opts.IsolateFailures)
        throw;
      Failure = E.what();
    }
  });
  if (Returned && Result)
    return reply(ID, std::move(*Result));
  if (Result)
    llvm::consumeError(Result->takeError());
  std::string Why = Returned ? "threw " + Failure : std::string("crashed");
  log("`" + Msg.Method + "` " + Why + "; the server carries on");
  replyError(ID, ErrorCode::InternalError,
             "internal error in `" + Msg.Method + "` (" + Why +
                 "); please report it with the model that caused it");
}

void LSPServer::reply(const Value &ID, llvm::Expected<Value> Result) {
  if (!Result) {
    ErrorCode Code = ErrorCode::RequestFailed;
    std::string Message;
    llvm::handleAllErrors(
        Result.takeError(),
        [&](const LSPError &E) {
          Code = E.Code;
          Message = E.Message;
        },
        [&](const llvm::ErrorInfoBase &E) { Message = E.message(); });
    return replyError(ID, Code, Message);
  }
  T.send(
      Object{{"jsonrpc", "2.0"}, {"id", ID}, {"result", std::move(*Result)}});
}

void LSPServer::replyError(const Value &ID, ErrorCode Code,
                           llvm::StringRef Message) {
  // A message may quote the client's bytes (a broken header line), which
  // need not be UTF-8; JSON strings must be.
  T.send(Object{
      {"jsonrpc", "2.0"},
      {"id", ID},
      {"error", Object{{"code", static_cast<int>(Code)},
                       {"message", llvm::json::isUTF8(Message)
                                       ? Message.str()
                                       : llvm::json::fixUTF8(Message)}}}});
}

void LSPServer::notify(llvm::StringRef Method, Value Params) {
  T.send(Object{
      {"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
}

void LSPServer::log(llvm::StringRef Message) {
  llvm::errs() << "remit-lsp: " << Message << "\n";
}

//===----------------------------------------------------------------------===//
// Lifecycle
//===----------------------------------------------------------------------===//

llvm::Expected<Value> LSPServer::onInitialize(const Value &Params) {
  if (Initialized)
    return error(ErrorCode::InvalidRequest, "`initialize` was already sent");
  const Object *P = Params.getAsObject();
  if (!P)
    return error(ErrorCode::InvalidParams, "`initialize` needs params");
  std::vector<std::string> Folders;
  if (const Array *WF = P->getArray("workspaceFolders")) {
    for (const Value &F : *WF)
      if (const Object *O = F.getAsObject())
        if (auto URI = O->getString("uri"))
          if (auto Path = uriToPath(*URI))
            Folders.push_back(*Path);
  } else if (auto Root = P->getString("rootUri")) {
    if (auto Path = uriToPath(*Root))
      Folders.push_back(*Path);
  } else if (auto RootPath = P->getString("rootPath")) {
    Folders.push_back(RootPath->str());
  }
  WS.setFolders(std::move(Folders));
  if (const Value *Init = P->get("initializationOptions")) {
    Settings S;
    llvm::json::Path::Root Root("initializationOptions");
    if (Init->getAsObject() && fromJSON(*Init, S, Root))
      applySettings(S);
  }
  Initialized = true;
  DiagnosticsDirty = true;

  Array TokenTypes, TokenModifiers;
  for (llvm::StringRef S : semanticTokenTypes())
    TokenTypes.push_back(S);
  for (llvm::StringRef S : semanticTokenModifiers())
    TokenModifiers.push_back(S);
  Object Capabilities{
      {"positionEncoding", "utf-16"},
      {"textDocumentSync", Object{{"openClose", true},
                                  {"change", 2}, // Incremental.
                                  {"save", Object{{"includeText", false}}}}},
      {"hoverProvider", true},
      {"definitionProvider", true},
      {"referencesProvider", true},
      {"renameProvider", Object{{"prepareProvider", true}}},
      {"documentSymbolProvider", true},
      {"workspaceSymbolProvider", true},
      {"completionProvider", Object{{"triggerCharacters", Array{".", " ", ","}},
                                    {"resolveProvider", false}}},
      {"semanticTokensProvider",
       Object{{"legend", Object{{"tokenTypes", std::move(TokenTypes)},
                                {"tokenModifiers", std::move(TokenModifiers)}}},
              {"full", true},
              {"range", false}}},
      {"documentFormattingProvider", true},
      {"codeActionProvider", Object{{"codeActionKinds", Array{"quickfix"}}}},
      {"foldingRangeProvider", true},
      {"workspace", Object{{"workspaceFolders", Object{{"supported", false}}}}},
      {"experimental", Object{{"remitDiagramProvider", true},
                              {"remitRaciProvider", true},
                              {"remitExplainProvider", true}}},
  };
  return Object{{"capabilities", std::move(Capabilities)},
                {"serverInfo",
                 Object{{"name", "remit-lsp"}, {"version", REMIT_VERSION}}}};
}

void LSPServer::onInitialized(const Value &) {}

llvm::Expected<Value> LSPServer::onShutdown(const Value &) {
  ShutdownRequested = true;
  return nullptr;
}

void LSPServer::applySettings(const Settings &S) {
  AnalysisSettings A;
  if (S.StdlibPath)
    A.StdlibDir = *S.StdlibPath;
  A.AllowOutsideImports = S.AllowOutsideImports.value_or(false);
  if (S.AsOf && !S.AsOf->empty()) {
    if (std::optional<int64_t> Day = ast::parseDate(*S.AsOf))
      A.AsOfDay = *Day;
    else
      log("ignored setting asOf `" + *S.AsOf + "`: expected YYYY-MM-DD");
  }
  using Override = CompileOptions::CheckOverride;
  if (S.Profile) {
    if (auto Profile = profileOverrides(*S.Profile))
      A.Overrides = std::move(*Profile);
    else
      log("ignored profile `" + *S.Profile + "`: expected default or strict");
  }
  for (const auto &[Name, Level] : S.Severities) {
    const DiagInfo *I = findDiagInfo(Name);
    if (!I || !I->Configurable) {
      log("ignored severity of `" + Name + "`: not a configurable check");
      continue;
    }
    if (Level == "off") {
      A.Overrides.push_back({Override::Disable, Name, Severity::Warning});
    } else if (std::optional<Severity> Sev = parseSeverity(Level)) {
      A.Overrides.push_back({Override::SetSeverity, Name, *Sev});
    } else {
      log("ignored severity `" + Level + "` of `" + Name +
          "`: expected error, warning, note or off");
    }
  }
  for (const auto &[Name, N] : S.Thresholds) {
    const DiagInfo *I = findDiagInfo(Name);
    if (!I || !I->DefaultThreshold || N < 0) {
      log("ignored threshold of `" + Name +
          "`: not a check with a threshold, or negative");
      continue;
    }
    A.Thresholds.push_back({Name, N});
  }
  WS.setSettings(std::move(A));
  DiagnosticsDirty = true;
}

void LSPServer::onDidChangeConfiguration(const Value &Params) {
  const Object *P = Params.getAsObject();
  const Value *S = P ? P->get("settings") : nullptr;
  Settings Parsed;
  llvm::json::Path::Root Root("settings");
  if (!S || !fromJSON(*S, Parsed, Root)) {
    log("ignored workspace/didChangeConfiguration without a settings object");
    return;
  }
  applySettings(Parsed);
}

void LSPServer::onDidChangeWatchedFiles(const DidChangeWatchedFilesParams &P) {
  std::vector<std::string> Paths;
  for (const FileEvent &E : P.Changes) {
    std::optional<std::string> Path = documentPath(E.URI);
    // A deleted file no longer resolves through symlinks: try both names.
    if (std::optional<std::string> Plain = uriToPath(E.URI))
      Paths.push_back(*Plain);
    if (Path)
      Paths.push_back(*Path);
  }
  // No usable path: any file may have changed.
  WS.diskChanged(Paths);
  DiagnosticsDirty = true;
}

//===----------------------------------------------------------------------===//
// Documents
//===----------------------------------------------------------------------===//

void LSPServer::onDidOpen(const DidOpenParams &P) {
  std::optional<std::string> Path = documentPath(P.TextDocument.URI);
  if (!Path)
    return log("ignored didOpen of `" + P.TextDocument.URI +
               "`: only file: URIs are analysed");
  WS.openDocument(*Path, P.TextDocument.Text, P.TextDocument.Version);
  DiagnosticsDirty = true;
}

void LSPServer::onDidChange(const DidChangeParams &P) {
  std::optional<std::string> Path = documentPath(P.TextDocument.URI);
  const Document *Doc = Path ? WS.document(*Path) : nullptr;
  if (!Doc)
    return log("ignored didChange of `" + P.TextDocument.URI +
               "`: it is not open");
  std::string Text = Doc->Text;
  for (const ContentChange &C : P.Changes) {
    if (!C.Rng) {
      Text = C.Text;
      continue;
    }
    size_t Begin = offsetInText(Text, C.Rng->Start);
    size_t End = offsetInText(Text, C.Rng->End);
    if (End < Begin)
      std::swap(Begin, End);
    Text.replace(Begin, End - Begin, C.Text);
  }
  WS.updateDocument(*Path, std::move(Text),
                    P.Version.value_or(Doc->Version + 1));
  DiagnosticsDirty = true;
}

void LSPServer::onDidClose(const DocumentParams &P) {
  std::optional<std::string> Path = documentPath(P.TextDocument.URI);
  if (!Path || !WS.closeDocument(*Path))
    return log("ignored didClose of `" + P.TextDocument.URI +
               "`: it is not open");
  DiagnosticsDirty = true;
}

void LSPServer::onDidSave(const DocumentParams &) {
  // The open text is already analysed; files other tools wrote arrive as
  // watched-file events.
}

//===----------------------------------------------------------------------===//
// Conversions
//===----------------------------------------------------------------------===//

llvm::Expected<FileID> LSPServer::fileOf(const std::string &URI) {
  std::optional<std::string> Path = documentPath(URI);
  if (!Path)
    return error(ErrorCode::InvalidParams, "`" + URI + "` is not a file: URI");
  FileID ID = WS.fileOf(*Path);
  if (!ID)
    return error(ErrorCode::RequestFailed,
                 "`" + URI +
                     "` is not part of the model (not open, not under "
                     "a workspace folder, not imported)");
  return ID;
}

uint32_t LSPServer::offsetOf(FileID File, Position P) {
  const SourceManager &SM = WS.analysis().sources();
  if (P.Line < 0)
    return 0;
  if (static_cast<uint32_t>(P.Line) >= SM.getNumLines(File))
    return SM.getBuffer(File).size();
  return SM.getOffsetFromUTF16(File, P.Line, std::max(P.Character, 0));
}

Range LSPServer::rangeOf(SourceRange R) {
  const SourceManager &SM = WS.analysis().sources();
  LineColumn B = SM.getLineAndUTF16Column(R.File, R.Begin);
  LineColumn E = SM.getLineAndUTF16Column(R.File, R.End);
  return {{static_cast<int>(B.Line), static_cast<int>(B.Column)},
          {static_cast<int>(E.Line), static_cast<int>(E.Column)}};
}

std::string LSPServer::uriOf(FileID File) {
  return pathToURI(WS.analysis().sources().getPath(File));
}

lsp::Diagnostic LSPServer::toLSP(const remit::Diagnostic &D) {
  lsp::Diagnostic Out;
  Out.Rng = rangeOf(D.Range);
  Out.Severity = D.Sev == Severity::Error     ? DiagnosticSeverity::Error
                 : D.Sev == Severity::Warning ? DiagnosticSeverity::Warning
                                              : DiagnosticSeverity::Information;
  llvm::StringRef Name = getDiagInfo(D.ID).Name;
  Out.Code = Name.str();
  Out.CodeDescription = docsURL(Name);
  Out.Message = D.Message;
  const SourceManager &SM = WS.analysis().sources();
  for (const DiagNote &N : D.Notes) {
    if (N.Range.isValid() && SM.getOrigin(N.Range.File) != FileOrigin::Stdlib)
      Out.Related.push_back(
          {{uriOf(N.Range.File), rangeOf(N.Range)}, N.Message});
    else
      Out.Message += "\nnote: " + N.Message;
  }
  if (Name.startswith("unused."))
    Out.Tags.push_back(1); // Unnecessary: editors fade the text.
  if (Name == "role.retired-reference")
    Out.Tags.push_back(2); // Deprecated: editors strike it through.
  return Out;
}

void LSPServer::publishDiagnostics() {
  DiagnosticsDirty = false;
  const Compilation &C = WS.analysis();
  const SourceManager &SM = C.sources();
  // Every file of the model gets a list, so fixed files are cleared.
  std::map<std::string, PublishDiagnosticsParams> ByURI;
  for (const auto &F : C.files())
    if (SM.getOrigin(F->ID) != FileOrigin::Stdlib)
      ByURI[uriOf(F->ID)].URI = uriOf(F->ID);
  for (const remit::Diagnostic &D : C.diagnostics()) {
    if (!D.Range.isValid()) {
      log(std::string(severityName(D.Sev)) + ": " + D.Message + " [" +
          getDiagInfo(D.ID).Name.str() + "]");
      continue;
    }
    if (SM.getOrigin(D.Range.File) == FileOrigin::Stdlib)
      continue;
    std::string URI = uriOf(D.Range.File);
    ByURI[URI].URI = URI;
    ByURI[URI].Diagnostics.push_back(toLSP(D));
  }
  // Files published before that left the model are cleared too.
  for (const auto &[URI, Last] : Published)
    if (!ByURI.count(URI))
      ByURI[URI].URI = URI;
  for (auto &[URI, P] : ByURI) {
    if (std::optional<std::string> Path = uriToPath(URI))
      if (const Document *Doc = WS.document(*Path))
        P.Version = Doc->Version;
    Value JSON = toJSON(P);
    std::string Key = jsonText(JSON);
    auto It = Published.find(URI);
    if (It != Published.end() && It->second == Key)
      continue;
    Published[URI] = std::move(Key);
    notify("textDocument/publishDiagnostics", std::move(JSON));
  }
  // A file that left the model was cleared above; forget it.
  for (auto It = Published.begin(); It != Published.end();) {
    std::optional<std::string> Path = uriToPath(It->first);
    if (ByURI[It->first].Diagnostics.empty() && !(Path && WS.fileOf(*Path)))
      It = Published.erase(It);
    else
      ++It;
  }
}

//===----------------------------------------------------------------------===//
// Features
//===----------------------------------------------------------------------===//

llvm::Expected<Value> LSPServer::onHover(const TextDocumentPositionParams &P) {
  llvm::Expected<FileID> File = fileOf(P.TextDocument.URI);
  if (!File)
    return File.takeError();
  std::optional<HoverResult> H =
      hover(WS.analysis(), *File, offsetOf(*File, P.Pos));
  if (!H)
    return nullptr;
  return toJSON(MarkupHover{H->Markdown, rangeOf(H->Range)});
}

llvm::Expected<Value>
LSPServer::onDefinition(const TextDocumentPositionParams &P) {
  llvm::Expected<FileID> File = fileOf(P.TextDocument.URI);
  if (!File)
    return File.takeError();
  std::optional<SourceRange> Def =
      definition(WS.analysis(), *File, offsetOf(*File, P.Pos));
  if (!Def || !Def->isValid())
    return nullptr;
  if (WS.analysis().sources().getOrigin(Def->File) == FileOrigin::Stdlib &&
      WS.analysis().sources().getPath(Def->File).startswith("<stdlib>"))
    return nullptr; // The embedded stdlib has no file to open.
  return toJSON(Location{uriOf(Def->File), rangeOf(*Def)});
}

llvm::Expected<Value> LSPServer::onReferences(const ReferenceParams &P) {
  llvm::Expected<FileID> File = fileOf(P.TextDocument.URI);
  if (!File)
    return File.takeError();
  Array Out;
  const SourceManager &SM = WS.analysis().sources();
  for (SourceRange R : references(WS.analysis(), *File, offsetOf(*File, P.Pos),
                                  P.IncludeDeclaration))
    if (!SM.getPath(R.File).startswith("<stdlib>"))
      Out.push_back(toJSON(Location{uriOf(R.File), rangeOf(R)}));
  return Out;
}

llvm::Expected<Value>
LSPServer::onPrepareRename(const TextDocumentPositionParams &P) {
  llvm::Expected<FileID> File = fileOf(P.TextDocument.URI);
  if (!File)
    return File.takeError();
  llvm::Expected<SourceRange> R =
      prepareRename(WS.analysis(), *File, offsetOf(*File, P.Pos));
  if (!R)
    return error(ErrorCode::RequestFailed, llvm::toString(R.takeError()));
  return toJSON(rangeOf(*R));
}

llvm::Expected<Value> LSPServer::onRename(const RenameParams &P) {
  llvm::Expected<FileID> File = fileOf(P.TextDocument.URI);
  if (!File)
    return File.takeError();
  llvm::Expected<std::vector<remit::TextEdit>> Edits =
      rename(WS.analysis(), *File, offsetOf(*File, P.Pos), P.NewName);
  if (!Edits)
    return error(ErrorCode::RequestFailed, llvm::toString(Edits.takeError()));
  WorkspaceEdit WE;
  for (const remit::TextEdit &E : *Edits)
    WE.Changes[uriOf(E.Range.File)].push_back({rangeOf(E.Range), E.NewText});
  return toJSON(WE);
}

static Value symbolTree(LSPServer *, const std::vector<SymbolNode> &Nodes,
                        const std::function<Range(SourceRange)> &RangeOf) {
  Array Out;
  for (const SymbolNode &N : Nodes) {
    DocumentSymbol S;
    S.Name = N.Name;
    S.Detail = N.Detail;
    S.Kind = symbolKind(N.Kind);
    S.Rng = RangeOf(N.Range);
    S.SelectionRange = RangeOf(N.Selection);
    Value JSON = toJSON(S);
    if (!N.Children.empty())
      (*JSON.getAsObject())["children"] =
          symbolTree(nullptr, N.Children, RangeOf);
    Out.push_back(std::move(JSON));
  }
  return Value(std::move(Out));
}

llvm::Expected<Value> LSPServer::onDocumentSymbol(const DocumentParams &P) {
  llvm::Expected<FileID> File = fileOf(P.TextDocument.URI);
  if (!File)
    return File.takeError();
  return symbolTree(this, documentSymbols(WS.analysis(), *File),
                    [this](SourceRange R) { return rangeOf(R); });
}

llvm::Expected<Value>
LSPServer::onWorkspaceSymbol(const WorkspaceSymbolParams &P) {
  Array Out;
  for (const WorkspaceSymbol &S :
       workspaceSymbols(WS.analysis(), P.Query, /*Limit=*/500)) {
    SymbolInformation I;
    I.Name = S.Name;
    I.ContainerName = S.Container;
    I.Kind = symbolKind(S.Kind);
    I.Loc = {uriOf(S.Selection.File), rangeOf(S.Selection)};
    Out.push_back(toJSON(I));
  }
  return Value(std::move(Out));
}

llvm::Expected<Value>
LSPServer::onCompletion(const TextDocumentPositionParams &P) {
  llvm::Expected<FileID> File = fileOf(P.TextDocument.URI);
  if (!File)
    return File.takeError();
  const Compilation &C = WS.analysis();
  CompletionResult R =
      complete(C, *File, C.sources().getBuffer(*File), offsetOf(*File, P.Pos));
  Array Items;
  // llvm::json values copy when an Array grows: reserve first.
  Items.reserve(R.Items.size());
  Range Replace = rangeOf(R.Replace);
  for (size_t I = 0; I < R.Items.size(); ++I) {
    const CompletionCandidate &Cand = R.Items[I];
    CompletionItem Item;
    Item.Label = Cand.Label;
    Item.Detail = Cand.Detail;
    Item.Documentation = Cand.Documentation;
    Item.Kind = completionKind(Cand);
    Item.SortText = fmt::format("{:05}", I);
    Item.Edit = lsp::TextEdit{Replace, Cand.Label};
    Items.push_back(toJSON(Item));
  }
  return Object{{"isIncomplete", R.Incomplete}, {"items", std::move(Items)}};
}

llvm::Expected<Value> LSPServer::onSemanticTokens(const DocumentParams &P) {
  llvm::Expected<FileID> File = fileOf(P.TextDocument.URI);
  if (!File)
    return File.takeError();
  const SourceManager &SM = WS.analysis().sources();
  Array Data;
  uint32_t LastLine = 0, LastCol = 0;
  for (const SemanticToken &Tok : semanticTokens(WS.analysis(), *File)) {
    LineColumn B = SM.getLineAndUTF16Column(*File, Tok.Begin);
    LineColumn E = SM.getLineAndUTF16Column(*File, Tok.End);
    if (E.Line != B.Line || E.Column <= B.Column)
      continue;
    uint32_t DeltaLine = B.Line - LastLine;
    uint32_t DeltaCol = DeltaLine ? B.Column : B.Column - LastCol;
    Data.push_back(DeltaLine);
    Data.push_back(DeltaCol);
    Data.push_back(E.Column - B.Column);
    Data.push_back(Tok.Type);
    Data.push_back(Tok.Modifiers);
    LastLine = B.Line;
    LastCol = B.Column;
  }
  return Object{{"data", std::move(Data)}};
}

llvm::Expected<Value> LSPServer::onFormatting(const FormattingParams &P) {
  llvm::Expected<FileID> File = fileOf(P.TextDocument.URI);
  if (!File)
    return File.takeError();
  const SourceManager &SM = WS.analysis().sources();
  DiagnosticEngine Ignored; // The analysis already reports them.
  llvm::Expected<std::string> Formatted = formatFile(SM, *File, Ignored);
  if (!Formatted) {
    // Format-on-save must not nag: leave the text and say why in the log.
    log("formatting left `" + SM.getDisplayName(*File).str() +
        "` as it is: " + llvm::toString(Formatted.takeError()));
    return Array();
  }
  Array Edits;
  for (const remit::TextEdit &E :
       minimalEdits(*File, SM.getBuffer(*File), *Formatted))
    Edits.push_back(toJSON(lsp::TextEdit{rangeOf(E.Range), E.NewText}));
  return Value(std::move(Edits));
}

llvm::Expected<Value> LSPServer::onCodeAction(const CodeActionParams &P) {
  llvm::Expected<FileID> File = fileOf(P.TextDocument.URI);
  if (!File)
    return File.takeError();
  if (P.Only && !llvm::any_of(*P.Only, [](const std::string &K) {
        return K == "quickfix" ||
               llvm::StringRef("quickfix").startswith(K + ".") || K.empty();
      }))
    return Array();
  uint32_t Begin = offsetOf(*File, P.Rng.Start);
  uint32_t End = offsetOf(*File, P.Rng.End);
  Array Out;
  for (const remit::Diagnostic &D : WS.analysis().diagnostics()) {
    if (D.Range.File != *File || D.Fixes.empty() || D.Range.End < Begin ||
        D.Range.Begin > End)
      continue;
    lsp::Diagnostic Shown = toLSP(D);
    for (const Fix &F : D.Fixes) {
      CodeAction A;
      A.Title = F.Title;
      A.Kind = "quickfix";
      A.Diagnostics.push_back(Shown);
      A.IsPreferred = D.Fixes.size() == 1;
      for (const remit::TextEdit &E : F.Edits)
        A.Edit.Changes[uriOf(E.Range.File)].push_back(
            {rangeOf(E.Range), E.NewText});
      Out.push_back(toJSON(A));
    }
  }
  return Value(std::move(Out));
}

llvm::Expected<Value> LSPServer::onFoldingRange(const DocumentParams &P) {
  llvm::Expected<FileID> File = fileOf(P.TextDocument.URI);
  if (!File)
    return File.takeError();
  const SourceManager &SM = WS.analysis().sources();
  Array Out;
  for (const Fold &F : foldingRanges(WS.analysis(), *File)) {
    FoldingRange R;
    R.StartLine = SM.getLineAndByteColumn(*File, F.Begin).Line;
    R.EndLine = SM.getLineAndByteColumn(*File, F.End).Line;
    R.Kind = F.Kind == Fold::Comment   ? "comment"
             : F.Kind == Fold::Imports ? "imports"
                                       : "region";
    Out.push_back(toJSON(R));
  }
  return Value(std::move(Out));
}

llvm::Expected<Value> LSPServer::onDiagram(const DiagramParams &P) {
  llvm::Expected<FileID> File = fileOf(P.URI);
  if (!File)
    return File.takeError();
  std::optional<emit::GraphView> View = emit::parseGraphView(P.View);
  if (!View)
    return error(ErrorCode::InvalidParams,
                 "unknown view `" + P.View +
                     "`; expected org, decisions, escalation, handoffs, "
                     "objectives or modes");
  const Compilation &C = WS.analysis();
  emit::DiagramRequest Req;
  Req.View = *View;
  Req.Focus = P.Focus;
  Req.FocusName = "focus";
  Req.Mode = P.Mode;
  if (P.Depth)
    Req.Depth = *P.Depth;
  // The preview shows the first mode until the user picks one.
  if (Req.View == emit::GraphView::Modes && Req.Mode.empty())
    for (const sema::Mode &Mo : C.model().Modes)
      if (!C.model().entity(Mo.Self).FromStdlib) {
        Req.Mode = C.model().entity(Mo.Self).Name.str();
        break;
      }
  llvm::Expected<emit::GraphDesc> G =
      emit::buildDiagram(C.model(), C.diagnostics(), Req);
  if (!G)
    return error(ErrorCode::RequestFailed, llvm::toString(G.takeError()));
  if (P.Format == "dot")
    return emit::writeDot(*G);
  emit::GraphFormat Format;
  if (P.Format == "svg")
    Format = emit::GraphFormat::SVG;
  else if (P.Format == "png")
    Format = emit::GraphFormat::PNG;
  else
    return error(ErrorCode::InvalidParams,
                 "unknown format `" + P.Format + "`; expected svg, png or dot");
  llvm::Expected<std::string> Data =
      emit::renderGraph(*G, Format, emit::chooseLayoutEngine(*G));
  if (!Data)
    return error(ErrorCode::RequestFailed, llvm::toString(Data.takeError()));
  if (Format == emit::GraphFormat::PNG)
    return llvm::encodeBase64(*Data);
  return std::move(*Data);
}

llvm::Expected<Value> LSPServer::onRaci(const RaciParams &P) {
  llvm::Expected<FileID> File = fileOf(P.URI);
  if (!File)
    return File.takeError();
  std::optional<emit::RaciFormat> Format = emit::parseRaciFormat(P.Format);
  if (!Format)
    return error(ErrorCode::InvalidParams,
                 "unknown format `" + P.Format + "`; expected md, csv or html");
  const Compilation &C = WS.analysis();
  emit::RaciOptions Opts;
  Opts.Format = *Format;
  if (!P.Unit.empty()) {
    auto Found =
        emit::findEntity(C.model(), P.Unit, "unit", {ast::DeclKind::Unit});
    if (auto *Message = std::get_if<std::string>(&Found))
      return error(ErrorCode::RequestFailed, *Message);
    Opts.Unit = std::get<sema::EntityID>(Found);
  }
  emit::FindingIndex Findings(C.model(), C.diagnostics());
  return emit::renderRaci(C.model(), Findings, Opts);
}

llvm::Expected<Value> LSPServer::onExplain(const ExplainParams &P) {
  if (const DiagInfo *I = findDiagInfo(P.Check))
    return I->Explain.str();
  std::vector<llvm::StringRef> Names;
  for (const DiagInfo &I : getAllDiagInfos())
    Names.push_back(I.Name);
  std::optional<std::string> Best = closestMatch(P.Check, Names);
  return error(ErrorCode::InvalidParams,
               "no check named `" + P.Check + "`" +
                   (Best ? "; did you mean `" + *Best + "`?" : std::string()));
}

llvm::Expected<Value> LSPServer::onTestFail(const Value &Params) {
  // A bug stand-in: an exception from deep inside a handler.
  throw std::runtime_error("remit/test/fail was asked to fail");
}
