//===- Transport.cpp - JSON-RPC framing over a byte stream ----------------===//
#include "Transport.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <optional>
#include <poll.h>
#include <unistd.h>

using namespace remit::lsp;

Transport::Transport(int In, int Out, size_t MaxMessage)
    : In(In), Out(Out), MaxMessage(MaxMessage) {}

bool Transport::fill() {
  if (Pos == Buffer.size()) {
    Buffer.clear();
    Pos = 0;
  }
  char Chunk[65536];
  for (;;) {
    ssize_t N = ::read(In, Chunk, sizeof Chunk);
    if (N > 0) {
      Buffer.append(Chunk, static_cast<size_t>(N));
      return true;
    }
    if (N < 0 && errno == EINTR)
      continue;
    return false;
  }
}

bool Transport::hasPendingInput() {
  if (Pos < Buffer.size())
    return true;
  pollfd P{In, POLLIN, 0};
  return ::poll(&P, 1, 0) > 0;
}

/// Header lines are capped: a longer line is not a header.
constexpr size_t MaxHeaderLine = 4096;

bool Transport::readLine(std::string &Line) {
  Line.clear();
  for (;;) {
    if (Pos == Buffer.size() && !fill())
      return !Line.empty();
    size_t NL = Buffer.find('\n', Pos);
    size_t End = NL == std::string::npos ? Buffer.size() : NL;
    if (Line.size() < MaxHeaderLine)
      Line.append(Buffer, Pos,
                  std::min(End - Pos, MaxHeaderLine - Line.size()));
    Pos = NL == std::string::npos ? Buffer.size() : NL + 1;
    if (NL != std::string::npos) {
      if (!Line.empty() && Line.back() == '\r')
        Line.pop_back();
      return true;
    }
  }
}

bool Transport::readBytes(size_t N, std::string *Into) {
  while (N) {
    if (Pos == Buffer.size() && !fill())
      return false;
    size_t Take = std::min(N, Buffer.size() - Pos);
    if (Into)
      Into->append(Buffer, Pos, Take);
    Pos += Take;
    N -= Take;
  }
  return true;
}

Transport::ReadStatus Transport::read(std::string &Body, std::string &Error) {
  std::string Line;
  std::optional<uint64_t> Length;
  std::string Problem;
  bool SawHeader = false;
  for (;;) {
    if (!readLine(Line))
      return ReadStatus::End;
    if (Line.empty()) {
      if (SawHeader)
        break;
      continue; // Blank lines between messages are tolerated.
    }
    SawHeader = true;
    // After a broken frame the next header may follow stray body bytes on
    // the same line: resynchronise on the header's name.
    llvm::StringRef Header(Line);
    size_t At = Header.find_insensitive("content-length:");
    if (At == llvm::StringRef::npos) {
      if (!Header.contains(':'))
        Problem = "stray bytes where a header was expected";
      continue;
    }
    llvm::StringRef Value = Header.substr(At).split(':').second.trim();
    uint64_t N;
    if (Value.getAsInteger(10, N))
      Problem = "bad Content-Length header `" + Line + "`";
    else
      Length = N;
  }
  if (!Length) {
    Error =
        Problem.empty() ? "message without a Content-Length header" : Problem;
    return ReadStatus::Malformed;
  }
  if (*Length > MaxMessage) {
    // Skip the body so the next frame is read from its start.
    if (!readBytes(*Length, nullptr))
      return ReadStatus::End;
    Error = "message of " + std::to_string(*Length) +
            " bytes is larger than the limit of " + std::to_string(MaxMessage);
    return ReadStatus::Malformed;
  }
  Body.clear();
  Body.reserve(*Length);
  if (!readBytes(*Length, &Body))
    return ReadStatus::End;
  return ReadStatus::Message;
}

bool Transport::send(const llvm::json::Value &Message) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << Message;
  OS.flush();
  std::string Frame =
      "Content-Length: " + std::to_string(Text.size()) + "\r\n\r\n" + Text;
  for (size_t Done = 0; Done < Frame.size();) {
    ssize_t N = ::write(Out, Frame.data() + Done, Frame.size() - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Done += static_cast<size_t>(N);
  }
  return true;
}
