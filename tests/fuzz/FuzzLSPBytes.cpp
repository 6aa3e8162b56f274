//===- FuzzLSPBytes.cpp - libFuzzer harness: raw bytes to the server ------===//
//
// The fuzzer's bytes are everything a client sends: headers, frames, JSON
// and whatever lies between. A fresh server reads them until `exit` or
// their end. It must neither crash nor throw, and every frame it writes
// must be well-formed JSON-RPC (LSPHarness.h). The seed corpus is the
// framed messages of tests/lsp/transcripts.
//
//===----------------------------------------------------------------------===//
#include "LSPHarness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  remit::fuzz::serve(
      llvm::StringRef(reinterpret_cast<const char *>(Data), Size));
  return 0;
}
