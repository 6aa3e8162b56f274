//===- Baseline.cpp - Findings known before a change ----------------------===//
#include "Diagnostics/Baseline.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include <cctype>

using namespace remit;
namespace json = llvm::json;

std::string remit::findingKey(llvm::StringRef Check, llvm::StringRef Message) {
  std::string Key = Check.str();
  bool Quoted = false;
  int Depth = 0; // Parentheses outside quotes: detail, not identity.
  for (size_t I = 0; I < Message.size(); ++I) {
    char C = Message[I];
    if (C == '(')
      ++Depth;
    else if (C == ')' && Depth > 0)
      --Depth;
    if (C != '`')
      continue;
    size_t Close = Message.find('`', I + 1);
    if (Close == llvm::StringRef::npos)
      break;
    if (Depth == 0) {
      Key += '\x1f';
      Key += Message.slice(I + 1, Close).str();
      Quoted = true;
    }
    I = Close;
  }
  if (!Quoted) {
    Key += '\x1f';
    Key += Message.str();
  }
  return Key;
}

namespace {
llvm::Error invalid(const llvm::Twine &Why) {
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "it is not the output of `remitc check --format json` or `--format "
      "sarif`: " +
          Why.str());
}
} // namespace

llvm::Expected<Baseline> Baseline::parse(llvm::StringRef Text) {
  llvm::Expected<json::Value> Root = json::parse(Text);
  if (!Root)
    return invalid("not JSON (" + llvm::toString(Root.takeError()) + ")");
  const json::Object *O = Root->getAsObject();
  if (!O)
    return invalid("the top level is not an object");
  Baseline B;
  auto Add = [&B](llvm::StringRef Where, const json::Value &V,
                  llvm::StringRef CheckKey,
                  bool MessageIsObject) -> llvm::Error {
    const json::Object *F = V.getAsObject();
    const json::Object *M = F && MessageIsObject ? F->getObject("message") : F;
    auto Check = F ? F->getString(CheckKey) : llvm::None;
    auto Message =
        M ? M->getString(MessageIsObject ? "text" : "message") : llvm::None;
    if (!Check || !Message)
      return invalid(Where + " lacks `" + CheckKey + "` or `message`");
    B.add(findingKey(*Check, *Message));
    return llvm::Error::success();
  };
  if (const json::Array *Runs = O->getArray("runs")) {
    for (const json::Value &Run : *Runs) {
      const json::Object *R = Run.getAsObject();
      const json::Array *Results = R ? R->getArray("results") : nullptr;
      if (!Results)
        return invalid("a SARIF run has no `results`");
      for (const json::Value &Res : *Results)
        if (llvm::Error E = Add("a SARIF result", Res, "ruleId", true))
          return E;
    }
    return B;
  }
  if (const json::Array *Diags = O->getArray("diagnostics")) {
    for (const json::Value &D : *Diags)
      if (llvm::Error E = Add("a diagnostic", D, "check", false))
        return E;
    return B;
  }
  return invalid("it has neither `diagnostics` nor SARIF `runs`");
}

llvm::Expected<Baseline> Baseline::load(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer) {
    std::string Why = Buffer.getError().message();
    if (!Why.empty())
      Why[0] = static_cast<char>(std::tolower(Why[0]));
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read baseline `%s`: %s",
                                   Path.str().c_str(), Why.c_str());
  }
  llvm::Expected<Baseline> B = parse((*Buffer)->getBuffer());
  if (!B)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "baseline `%s`: %s", Path.str().c_str(),
                                   llvm::toString(B.takeError()).c_str());
  return B;
}

Baseline Baseline::of(llvm::ArrayRef<Diagnostic> Diags) {
  Baseline B;
  for (const Diagnostic &D : Diags)
    B.add(findingKey(D.name(), D.Message));
  return B;
}

std::vector<bool> Baseline::match(llvm::ArrayRef<Diagnostic> Diags,
                                  size_t *Unmatched) const {
  llvm::StringMap<unsigned> Left = Counts;
  size_t Used = 0;
  std::vector<bool> Out;
  Out.reserve(Diags.size());
  for (const Diagnostic &D : Diags) {
    auto It = Left.find(findingKey(D.name(), D.Message));
    bool In = It != Left.end() && It->second > 0;
    if (In) {
      --It->second;
      ++Used;
    }
    Out.push_back(In);
  }
  if (Unmatched)
    *Unmatched = Total - Used;
  return Out;
}
