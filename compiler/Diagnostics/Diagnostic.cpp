//===- Diagnostic.cpp - The diagnostic registry and engine ----------------===//
#include "Diagnostics/Diagnostic.h"
#include "llvm/ADT/StringMap.h"
#include <algorithm>
#include <tuple>

using namespace remit;

namespace {
struct EmbeddedText {
  const char *Path;
  const char *Text;
};
const EmbeddedText ExplainTexts[] = {
#define REMIT_EMBED(P, T) {P, T},
#include "ExplainTexts.inc"
#undef REMIT_EMBED
};

llvm::StringRef explainFor(llvm::StringRef Name) {
  std::string File = Name.str() + ".md";
  for (const EmbeddedText &E : ExplainTexts)
    if (File == E.Path)
      return E.Text;
  return {};
}

std::vector<DiagInfo> buildRegistry() {
  std::vector<DiagInfo> Infos = {
#define DIAG(ID, NAME, SEV, CONFIGURABLE, FORMAT)                              \
  {DiagID::ID, NAME, Severity::SEV, CONFIGURABLE, FORMAT, {}, {}, {}},
#include "Diagnostics/DiagnosticKinds.def"
  };
  for (DiagInfo &I : Infos)
    I.Explain = explainFor(I.Name);
#define THRESHOLD(ID, DEFAULT, MEANING)                                        \
  Infos[static_cast<size_t>(DiagID::ID)].DefaultThreshold = DEFAULT;           \
  Infos[static_cast<size_t>(DiagID::ID)].ThresholdMeaning = MEANING;
#include "Diagnostics/CheckThresholds.def"
  return Infos;
}

const std::vector<DiagInfo> &registry() {
  static const std::vector<DiagInfo> Infos = buildRegistry();
  return Infos;
}
} // namespace

llvm::StringRef remit::severityName(Severity S) {
  switch (S) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "error";
}

std::optional<Severity> remit::parseSeverity(llvm::StringRef Name) {
  if (Name == "note")
    return Severity::Note;
  if (Name == "warning")
    return Severity::Warning;
  if (Name == "error")
    return Severity::Error;
  return std::nullopt;
}

llvm::ArrayRef<DiagInfo> remit::getAllDiagInfos() { return registry(); }

const DiagInfo &remit::getDiagInfo(DiagID ID) {
  return registry()[static_cast<size_t>(ID)];
}

const DiagInfo *remit::findDiagInfo(llvm::StringRef Name) {
  for (const DiagInfo &I : registry())
    if (I.Name == Name)
      return &I;
  return nullptr;
}

std::string_view DiagnosticEngine::fmtString(DiagID ID) {
  llvm::StringRef F = getDiagInfo(ID).Format;
  return {F.data(), F.size()};
}

Diagnostic &DiagnosticEngine::add(DiagID ID, SourceRange R,
                                  std::string Message) {
  Diags.push_back(
      {ID, getDiagInfo(ID).DefaultSeverity, R, std::move(Message), {}, {}, {}});
  return Diags.back();
}

unsigned DiagnosticEngine::count(Severity S) const {
  return std::count_if(Diags.begin(), Diags.end(),
                       [S](const Diagnostic &D) { return D.Sev == S; });
}

void remit::sortDiagnostics(std::vector<Diagnostic> &Diags,
                            const SourceManager &SM) {
  auto Key = [&SM](const Diagnostic &D) {
    llvm::StringRef File =
        D.Range.isValid() ? SM.getDisplayName(D.Range.File) : "";
    return std::make_tuple(File, D.Range.Begin, D.Range.End, D.name(),
                           llvm::StringRef(D.Message));
  };
  std::stable_sort(Diags.begin(), Diags.end(),
                   [&](const Diagnostic &A, const Diagnostic &B) {
                     return Key(A) < Key(B);
                   });
  Diags.erase(std::unique(Diags.begin(), Diags.end(),
                          [&](const Diagnostic &A, const Diagnostic &B) {
                            return Key(A) == Key(B);
                          }),
              Diags.end());
}

int remit::exitCodeFor(llvm::ArrayRef<Diagnostic> Diags,
                       bool WarningsAreErrors) {
  for (const Diagnostic &D : Diags)
    if (D.Sev == Severity::Error ||
        (WarningsAreErrors && D.Sev == Severity::Warning))
      return 1;
  return 0;
}

std::optional<std::string>
remit::closestMatch(llvm::StringRef Name,
                    llvm::ArrayRef<llvm::StringRef> Candidates) {
  // Nobody mistypes a name this long; comparing it would cost its length
  // times each candidate's.
  constexpr size_t MaxLength = 256;
  if (Name.size() > MaxLength)
    return std::nullopt;
  unsigned Limit = std::max<unsigned>(1, Name.size() / 3);
  std::optional<std::string> Best;
  unsigned BestDistance = Limit + 1;
  for (llvm::StringRef C : Candidates) {
    // The distance is at least the difference in length, and only a
    // candidate as close as the best so far can still win.
    unsigned Max = std::min(Limit, BestDistance);
    size_t Longer = std::max(C.size(), Name.size());
    if (C == Name || Longer - std::min(C.size(), Name.size()) > Max)
      continue;
    unsigned D = Name.edit_distance(C, /*AllowReplacements=*/true, Max);
    if (D < BestDistance || (D == BestDistance && Best && C < *Best)) {
      BestDistance = D;
      Best = C.str();
    }
  }
  return Best;
}
