//===- LSPHarness.h - Runs the language server over in-memory bytes -*- C++
//-*-===//
//
// The seam the language-server harnesses use: a fresh LSPServer per input,
// its Transport on two memfds (anonymous memory files: a read never blocks,
// the end of the bytes is the end of input, and no size limit as a pipe
// has), failure isolation off so a crash or exception reaches libFuzzer.
// The server's output is split back into frames, each of which must be a
// well-formed message.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_TESTS_FUZZ_LSPHARNESS_H
#define REMIT_TESTS_FUZZ_LSPHARNESS_H

#include "FuzzCommon.h"
#include "LSPServer.h"
#include <sys/mman.h>
#include <unistd.h>

namespace remit::fuzz {

/// An anonymous in-memory file, closed on destruction.
class MemFile {
public:
  MemFile() : FD(memfd_create("remit-fuzz", MFD_CLOEXEC)) {
    require(FD >= 0, "memfd_create works");
  }
  ~MemFile() { close(FD); }
  MemFile(const MemFile &) = delete;
  MemFile &operator=(const MemFile &) = delete;

  int fd() const { return FD; }
  void write(llvm::StringRef Bytes) {
    for (size_t Done = 0; Done < Bytes.size();) {
      ssize_t N = ::write(FD, Bytes.data() + Done, Bytes.size() - Done);
      require(N > 0, "writing to a memfd works");
      Done += static_cast<size_t>(N);
    }
    lseek(FD, 0, SEEK_SET);
  }
  std::string read() {
    std::string Out;
    lseek(FD, 0, SEEK_SET);
    char Chunk[65536];
    for (ssize_t N; (N = ::read(FD, Chunk, sizeof Chunk)) > 0;)
      Out.append(Chunk, static_cast<size_t>(N));
    return Out;
  }

private:
  int FD;
};

/// Serves \p Input (the client's bytes) until `exit` or its end and returns
/// every message the server wrote, in order. Every frame the server writes
/// must have a correct Content-Length and a JSON object as its body.
inline std::vector<llvm::json::Value> serve(llvm::StringRef Input) {
  MemFile In, Out;
  In.write(Input);
  lsp::Transport T(In.fd(), Out.fd());
  lsp::ServerOptions Opts;
  Opts.IsolateFailures = false;
  lsp::LSPServer(T, Opts).run();

  std::vector<llvm::json::Value> Messages;
  std::string Bytes = Out.read();
  llvm::StringRef Rest(Bytes);
  while (!Rest.empty()) {
    require(Rest.consume_front("Content-Length: "), "a frame has a header",
            Rest.take_front(200).str());
    size_t Length;
    require(!Rest.consumeInteger(10, Length) &&
                Rest.consume_front("\r\n\r\n") && Length <= Rest.size(),
            "a frame's header is well-formed", Rest.take_front(200).str());
    llvm::Expected<llvm::json::Value> Message =
        llvm::json::parse(Rest.take_front(Length));
    require(static_cast<bool>(Message) && Message->getAsObject(),
            "a frame's body is a JSON object",
            Message ? Rest.take_front(Length).str()
                    : llvm::toString(Message.takeError()));
    Messages.push_back(std::move(*Message));
    Rest = Rest.drop_front(Length);
  }
  return Messages;
}

} // namespace remit::fuzz

#endif
