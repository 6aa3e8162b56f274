//===- FuzzDiff.cpp - libFuzzer harness for `remitc diff` -----------------===//
//
// Fuzzer bytes are two models, old and new, split at the first NUL byte;
// without one, the model is compared with a second compilation of itself.
// Every report is rendered as text, Markdown and JSON. Invariants: a model
// compared with itself has no change at all; findings introduced one way
// are fixed the other way; and a pair with no model change one way has
// none the other way.
//
//===----------------------------------------------------------------------===//
#include "Diff/ModelDiff.h"
#include "FuzzCommon.h"

using namespace remit;

namespace {

ModelSide side(const char *Label, llvm::StringRef Text) {
  std::string Path = std::string(fuzz::FuzzRoot) + "/" + Label + ".remit";
  std::unique_ptr<Compilation> C = fuzz::compileFiles({{Path, Text.str()}});
  return describeSide(Label, C->model(), C->sources(), C->diagnostics());
}

std::string summary(const DiffReport &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  renderDiff(OS, R, DiffFormat::Text);
  return OS.str();
}

void renderAll(const DiffReport &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  for (DiffFormat F :
       {DiffFormat::Text, DiffFormat::Markdown, DiffFormat::JSON})
    renderDiff(OS, R, F);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  auto [OldText, NewText] = Text.split('\0');
  bool Same = OldText.size() == Text.size();
  // The labels are the file names, so both sides name files alike.
  ModelSide Old = side("model", OldText);
  ModelSide New = side("model", Same ? OldText : NewText);
  DiffReport Forward = diffModels(Old, New, fuzz::FuzzDay);
  renderAll(Forward);
  if (Same) {
    fuzz::require(
        Forward.Sections.empty() && !Forward.Introduced && !Forward.Fixed,
        "a model compared with itself has no change", summary(Forward));
    return 0;
  }
  DiffReport Backward = diffModels(New, Old, fuzz::FuzzDay);
  renderAll(Backward);
  fuzz::require(Forward.Introduced == Backward.Fixed &&
                    Forward.Fixed == Backward.Introduced,
                "findings introduced one way are fixed the other way",
                summary(Forward) + summary(Backward));
  fuzz::require((Forward.numModelChanges() == 0) ==
                    (Backward.numModelChanges() == 0),
                "no model change is no change both ways",
                summary(Forward) + summary(Backward));
  return 0;
}
