//===- LSPServer.h - The Language Server Protocol front end -----*- C++ -*-===//
//
// Protocol state and one handler per method, as clangd's ClangdLSPServer:
// reads messages from a Transport, keeps the lifecycle (initialize, shutdown,
// exit), converts LSP positions (UTF-16) to the compiler's byte offsets and
// back, and answers from the Workspace facade. Synchronous, as MLIR's PDLL
// server: each change is analysed before the next message, except that
// messages already waiting are handled first so no work is done for text
// that is already stale.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_LSP_LSPSERVER_H
#define REMIT_LSP_LSPSERVER_H

#include "Protocol.h"
#include "Transport.h"
#include "Workspace.h"
#include "llvm/ADT/StringMap.h"
#include <deque>
#include <functional>
#include <set>

namespace remit::lsp {

struct ServerOptions {
  /// Accept `remit/test/fail` (a request whose handler throws), so tests
  /// can check that one failing request does not take the server down.
  bool TestHooks = false;
  /// Log each message's method and time to stderr.
  bool Verbose = false;
  /// Answer a request whose handler crashes or throws with `InternalError`
  /// and carry on. Fuzzing turns it off, so the crash reaches the fuzzer.
  bool IsolateFailures = true;
};

class LSPServer {
public:
  LSPServer(Transport &T, ServerOptions Opts = {});
  ~LSPServer();

  /// Serves until `exit` or the end of input. Returns the process exit code:
  /// 0 after `shutdown`, else 1 (as the specification asks).
  int run();

private:
  using Handler = std::function<llvm::Expected<Value>(const Value &)>;
  using NotificationHandler = std::function<void(const Value &)>;
  struct Incoming {
    std::string Method;
    std::optional<Value> ID; ///< Unset for notifications.
    Value Params = nullptr;
  };

  void registerHandlers();
  template <typename Param>
  void request(llvm::StringRef Method,
               llvm::Expected<Value> (LSPServer::*H)(const Param &));
  template <typename Param>
  void notification(llvm::StringRef Method,
                    void (LSPServer::*H)(const Param &));

  /// Reads what is waiting into Queue (blocking for the first message if
  /// \p Block); sets InputEnded at the end of input.
  void readMessages(bool Block);
  void enqueue(llvm::StringRef Body);
  void dispatch(Incoming &Msg);
  void reply(const Value &ID, llvm::Expected<Value> Result);
  void replyError(const Value &ID, ErrorCode Code, llvm::StringRef Message);
  void notify(llvm::StringRef Method, Value Params);
  void log(llvm::StringRef Message);

  // Lifecycle.
  llvm::Expected<Value> onInitialize(const Value &Params);
  void onInitialized(const Value &);
  llvm::Expected<Value> onShutdown(const Value &);
  void onDidChangeConfiguration(const Value &Params);
  void onDidChangeWatchedFiles(const DidChangeWatchedFilesParams &P);
  // Documents.
  void onDidOpen(const DidOpenParams &P);
  void onDidChange(const DidChangeParams &P);
  void onDidClose(const DocumentParams &P);
  void onDidSave(const DocumentParams &P);
  // Features.
  llvm::Expected<Value> onHover(const TextDocumentPositionParams &P);
  llvm::Expected<Value> onDefinition(const TextDocumentPositionParams &P);
  llvm::Expected<Value> onReferences(const ReferenceParams &P);
  llvm::Expected<Value> onPrepareRename(const TextDocumentPositionParams &P);
  llvm::Expected<Value> onRename(const RenameParams &P);
  llvm::Expected<Value> onDocumentSymbol(const DocumentParams &P);
  llvm::Expected<Value> onWorkspaceSymbol(const WorkspaceSymbolParams &P);
  llvm::Expected<Value> onCompletion(const TextDocumentPositionParams &P);
  llvm::Expected<Value> onSemanticTokens(const DocumentParams &P);
  llvm::Expected<Value> onFormatting(const FormattingParams &P);
  llvm::Expected<Value> onCodeAction(const CodeActionParams &P);
  llvm::Expected<Value> onFoldingRange(const DocumentParams &P);
  llvm::Expected<Value> onDiagram(const DiagramParams &P);
  llvm::Expected<Value> onRaci(const RaciParams &P);
  llvm::Expected<Value> onExplain(const ExplainParams &P);
  llvm::Expected<Value> onTestFail(const Value &);

  /// Analyses if needed and publishes diagnostics for every file whose
  /// diagnostics changed (an empty list clears a file's old ones).
  void publishDiagnostics();
  void applySettings(const Settings &S);

  // Conversions between the protocol and the compiler.
  /// The FileID of a document of the model, or an error for the client.
  llvm::Expected<FileID> fileOf(const std::string &URI);
  uint32_t offsetOf(FileID File, Position P);
  Range rangeOf(SourceRange R);
  std::string uriOf(FileID File);
  lsp::Diagnostic toLSP(const remit::Diagnostic &D);

  Transport &T;
  ServerOptions Opts;
  Workspace WS;
  llvm::StringMap<Handler> Requests;
  llvm::StringMap<NotificationHandler> Notifications;
  std::deque<Incoming> Queue;
  /// Requests cancelled while waiting in Queue, by their id's JSON text.
  std::set<std::string> Cancelled;
  bool Initialized = false, ShutdownRequested = false, Exited = false;
  bool InputEnded = false;
  bool DiagnosticsDirty = false;
  /// Per published URI, the JSON last sent, to skip unchanged files.
  std::map<std::string, std::string> Published;
};

} // namespace remit::lsp

#endif
