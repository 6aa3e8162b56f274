//===- FuzzLSPSession.cpp - libFuzzer harness: JSON-RPC sessions ----------===//
//
// The fuzzer's bytes drive a well-formed session: `initialize` (with fuzzed
// settings), then up to MaxSteps messages chosen by the bytes (opening,
// editing with fuzzed ranges, saving and closing two documents whose texts
// come from the bytes, every request at fuzzed positions, configuration and
// watched-file changes, cancellations), then `shutdown` and `exit`. Texts
// are taken from the front of the input and choices from its back
// (FuzzedDataProvider), so a plain `.remit` file is a useful seed.
// Invariants: no crash or exception, every frame well-formed, and every
// request answered exactly once. Diagrams are asked for as DOT only, so
// Graphviz layout never runs (the pipeline harness covers it on small views).
//
//===----------------------------------------------------------------------===//
#include "LSPHarness.h"
#include <fuzzer/FuzzedDataProvider.h>
#include <map>

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace {

constexpr unsigned MaxSteps = 48;
const char *const Docs[] = {"file:///remit-fuzz/a.remit",
                            "file:///remit-fuzz/b.remit"};

class Session {
public:
  explicit Session(FuzzedDataProvider &P) : P(P) {}

  /// The whole session as the client's bytes.
  std::string build() {
    Object Init{{"rootUri", "file:///remit-fuzz"}, {"capabilities", Object{}}};
    if (P.ConsumeBool())
      Init["initializationOptions"] = settings();
    request("initialize", std::move(Init));
    notify("initialized", Object{});
    for (unsigned I = 0; I < MaxSteps && P.remaining_bytes(); ++I)
      step();
    request("shutdown", nullptr);
    notify("exit", nullptr);
    return Bytes;
  }

  /// How many requests were sent (ids 1..N).
  int64_t requests() const { return NextID - 1; }

private:
  void send(Object Message) {
    Message["jsonrpc"] = "2.0";
    std::string Body;
    llvm::raw_string_ostream(Body) << Value(std::move(Message));
    Bytes +=
        "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
  }
  void request(llvm::StringRef Method, Value Params) {
    send(Object{
        {"id", NextID++}, {"method", Method}, {"params", std::move(Params)}});
  }
  void notify(llvm::StringRef Method, Value Params) {
    send(Object{{"method", Method}, {"params", std::move(Params)}});
  }

  /// JSON strings are Unicode: invalid UTF-8 becomes U+FFFD, as a client's
  /// JSON library would make it.
  std::string text() {
    return llvm::json::fixUTF8(P.ConsumeRandomLengthString(4096));
  }
  std::string word() {
    return llvm::json::fixUTF8(P.ConsumeRandomLengthString(24));
  }
  const char *doc() { return Docs[P.ConsumeIntegralInRange(0, 1)]; }
  Object docID() { return Object{{"uri", doc()}}; }
  /// Mostly small, sometimes negative or huge.
  int64_t coordinate(int Small) {
    switch (P.ConsumeIntegralInRange(0, 15)) {
    case 0:
      return P.ConsumeIntegral<int32_t>();
    case 1:
      return -1;
    default:
      return P.ConsumeIntegralInRange(0, Small);
    }
  }
  Object position() {
    return Object{{"line", coordinate(40)}, {"character", coordinate(80)}};
  }
  Object range() { return Object{{"start", position()}, {"end", position()}}; }
  Object at() {
    return Object{{"textDocument", docID()}, {"position", position()}};
  }
  Value settings() {
    const char *Profiles[] = {"default", "strict", "other"};
    Object Checks{{"profile", Profiles[P.ConsumeIntegralInRange(0, 2)]}};
    if (P.ConsumeBool())
      Checks["thresholds"] =
          Object{{word(), P.ConsumeIntegralInRange<int64_t>(-2, 100)}};
    if (P.ConsumeBool())
      Checks["severities"] = Object{{word(), word()}};
    Object S{{"checks", std::move(Checks)}};
    if (P.ConsumeBool())
      S["asOf"] = P.ConsumeBool() ? "2024-02-29" : word();
    return Value(std::move(S));
  }

  void step() {
    switch (P.ConsumeIntegralInRange(0, 22)) {
    case 0:
      notify("textDocument/didOpen",
             Object{{"textDocument", Object{{"uri", doc()},
                                            {"languageId", "remit"},
                                            {"version", ++Version},
                                            {"text", text()}}}});
      break;
    case 1:
    case 2: {
      Object Change{{"text", text()}};
      if (P.ConsumeBool())
        Change["range"] = range();
      notify("textDocument/didChange",
             Object{{"textDocument",
                     Object{{"uri", doc()}, {"version", ++Version}}},
                    {"contentChanges", Array{std::move(Change)}}});
      break;
    }
    case 3:
      notify("textDocument/didClose", Object{{"textDocument", docID()}});
      break;
    case 4:
      notify("textDocument/didSave", Object{{"textDocument", docID()}});
      break;
    case 5:
      request("textDocument/hover", at());
      break;
    case 6:
      request("textDocument/definition", at());
      break;
    case 7: {
      Object Params = at();
      Params["context"] = Object{{"includeDeclaration", P.ConsumeBool()}};
      request("textDocument/references", std::move(Params));
      break;
    }
    case 8:
      request("textDocument/prepareRename", at());
      break;
    case 9: {
      Object Params = at();
      Params["newName"] = word();
      request("textDocument/rename", std::move(Params));
      break;
    }
    case 10:
      request("textDocument/completion", at());
      break;
    case 11:
      request("textDocument/documentSymbol", Object{{"textDocument", docID()}});
      break;
    case 12:
      request("workspace/symbol", Object{{"query", word()}});
      break;
    case 13:
      request("textDocument/semanticTokens/full",
              Object{{"textDocument", docID()}});
      break;
    case 14:
      request(
          "textDocument/formatting",
          Object{{"textDocument", docID()},
                 {"options", Object{{"tabSize", 2}, {"insertSpaces", true}}}});
      break;
    case 15:
      request("textDocument/codeAction",
              Object{{"textDocument", docID()},
                     {"range", range()},
                     {"context", Object{{"diagnostics", Array{}}}}});
      break;
    case 16:
      request("textDocument/foldingRange", Object{{"textDocument", docID()}});
      break;
    case 17: {
      const char *Views[] = {"org",      "decisions",  "escalation",
                             "handoffs", "objectives", "modes",
                             "nope"};
      Object Params{{"uri", doc()},
                    {"view", Views[P.ConsumeIntegralInRange(0, 6)]},
                    {"format", "dot"}};
      if (P.ConsumeBool())
        Params["focus"] = word();
      if (P.ConsumeBool())
        Params["mode"] = word();
      if (P.ConsumeBool())
        Params["depth"] = P.ConsumeIntegralInRange<int64_t>(-1, 5);
      request("remit/diagram", std::move(Params));
      break;
    }
    case 18: {
      const char *Formats[] = {"md", "csv", "html", "pdf"};
      Object Params{{"uri", doc()},
                    {"format", Formats[P.ConsumeIntegralInRange(0, 3)]}};
      if (P.ConsumeBool())
        Params["unit"] = word();
      request("remit/raci", std::move(Params));
      break;
    }
    case 19:
      request("remit/explain", Object{{"check", word()}});
      break;
    case 20:
      notify("workspace/didChangeConfiguration",
             Object{{"settings", settings()}});
      break;
    case 21:
      notify("workspace/didChangeWatchedFiles",
             Object{{"changes",
                     Array{Object{{"uri", doc()},
                                  {"type", P.ConsumeIntegralInRange(1, 3)}}}}});
      break;
    case 22:
      // The next request's id, or an earlier one.
      notify("$/cancelRequest",
             Object{{"id", NextID - P.ConsumeIntegralInRange(-1, 2)}});
      break;
    }
  }

  FuzzedDataProvider &P;
  std::string Bytes;
  int64_t NextID = 1;
  int64_t Version = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  FuzzedDataProvider P(Data, Size);
  Session S(P);
  std::string Input = S.build();
  std::map<int64_t, unsigned> Answers;
  for (const Value &M : remit::fuzz::serve(Input)) {
    const Object *O = M.getAsObject();
    if (O->get("method"))
      continue; // A notification of the server's.
    llvm::Optional<int64_t> ID = O->getInteger("id");
    remit::fuzz::require(ID && *ID >= 1 && *ID <= S.requests(),
                         "a response answers a request that was sent");
    ++Answers[*ID];
  }
  bool Once = static_cast<int64_t>(Answers.size()) == S.requests();
  for (const auto &[ID, N] : Answers)
    Once = Once && N == 1;
  remit::fuzz::require(Once, "every request is answered exactly once");
  return 0;
}
