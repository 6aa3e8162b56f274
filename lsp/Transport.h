//===- Transport.h - JSON-RPC framing over a byte stream --------*- C++ -*-===//
//
// Reads and writes LSP base-protocol messages: `Content-Length` headers, a
// blank line, then that many bytes of JSON. Knows nothing of the methods; a
// malformed frame is reported, never fatal, and end of input ends the loop.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_LSP_TRANSPORT_H
#define REMIT_LSP_TRANSPORT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <string>

namespace remit::lsp {

/// Frames messages on a pair of file descriptors (stdin and stdout for the
/// server). Input is buffered here, so the server can ask whether another
/// message is already waiting before it does work the message may make
/// stale.
class Transport {
public:
  /// Messages larger than \p MaxMessage bytes are read and dropped.
  Transport(int In, int Out, size_t MaxMessage = 256u << 20);

  enum class ReadStatus {
    Message,   ///< Body holds one message's bytes.
    Malformed, ///< A frame was broken (Error says how); reading can go on.
    End,       ///< The stream ended.
  };
  /// Reads the next frame into \p Body.
  ReadStatus read(std::string &Body, std::string &Error);

  /// Whether input is waiting: buffered bytes, or the descriptor is
  /// readable (or at end of input) right now.
  bool hasPendingInput();

  /// Writes one message. False if the peer is gone.
  bool send(const llvm::json::Value &Message);

private:
  /// Reads one header line without its terminator; false at end of input.
  bool readLine(std::string &Line);
  /// Appends up to \p N bytes of the body to \p Out; false at end of input.
  bool readBytes(size_t N, std::string *Out);
  /// Refills the buffer; false at end of input (or a read error).
  bool fill();

  int In, Out;
  size_t MaxMessage;
  std::string Buffer;
  size_t Pos = 0;
};

} // namespace remit::lsp

#endif
