//===- RemitLSPMain.cpp - remit-lsp: the Remit language server ------------===//
#include "LSPServer.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"
#include <csignal>
#include <malloc.h>
#include <unistd.h>

using namespace llvm;

static cl::opt<bool>
    Verbose("verbose", cl::desc("Log each message and its time to stderr"));
static cl::opt<bool> TestHooks("enable-test-hooks", cl::Hidden,
                               cl::desc("Accept requests that only tests use"));
static cl::opt<bool> Stdio("stdio",
                           cl::desc("Talk over stdin/stdout (the default)"));

int main(int argc, char **argv) {
  cl::SetVersionPrinter(
      [](raw_ostream &OS) { OS << "remit-lsp " << REMIT_VERSION << "\n"; });
  cl::ParseCommandLineOptions(
      argc, argv,
      "remit-lsp: the Remit language server (LSP 3.17 over stdin/stdout)\n");
  // A client that goes away must not kill the server mid-write.
  std::signal(SIGPIPE, SIG_IGN);
  // Keep freed memory in the heap between analyses: returning it to the
  // kernel and faulting it back in costs more than the analysis itself.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  remit::lsp::Transport T(STDIN_FILENO, STDOUT_FILENO);
  remit::lsp::ServerOptions Opts;
  Opts.Verbose = Verbose;
  Opts.TestHooks = TestHooks;
  remit::lsp::LSPServer Server(T, Opts);
  return Server.run();
}
