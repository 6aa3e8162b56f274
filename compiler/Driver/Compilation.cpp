//===- Compilation.cpp - One run of the compiler pipeline -----------------===//
#include "Driver/Compilation.h"
#include "Sema/Sema.h"
#include <ctime>

using namespace remit;

std::unique_ptr<Compilation> Compilation::run(const CompileOptions &Opts) {
  std::unique_ptr<Compilation> C(new Compilation());
  DiagnosticEngine Engine;
  Loader L(C->SM, Engine, Opts.Load);
  for (const std::string &Root : Opts.Roots)
    L.addRoot(Root);
  for (const auto &[Path, Text] : Opts.VirtualFiles)
    L.addVirtualFile(Path, Text);
  C->Loaded = L.load();
  C->M = sema::analyze(C->Loaded.Files, C->SM, Engine);
  C->Diags = Engine.take();
  C->applyConfiguration(Opts.AsOfDay ? *Opts.AsOfDay : todayInDays());
  sortDiagnostics(C->Diags, C->SM);
  return C;
}

/// Applies `checks` severities and `@allow` to configurable diagnostics.
int64_t remit::todayInDays() {
  return static_cast<int64_t>(std::time(nullptr)) / 86400;
}

void Compilation::applyConfiguration(int64_t AsOfDay) {
  // `@allow(name, ...)` on a declaration covers findings inside its range.
  llvm::StringMap<std::vector<SourceRange>> Allowances;
  for (const auto &F : Loaded.Files)
    ast::forEachDecl(F->Decls, [&](const ast::Decl *D) {
      for (const ast::Annotation &A : D->Annotations) {
        // Only a well-formed `@allow` that has not lapsed suppresses.
        if (!A.Valid)
          continue;
        if (A.Args.size() > 2 && A.Args[2].Val.Number < AsOfDay)
          continue;
        Allowances[A.Args[0].Val.Text].push_back(D->Range);
      }
    });
  auto Allowed = [&](const Diagnostic &D) {
    auto It = Allowances.find(D.name());
    if (It == Allowances.end())
      return false;
    for (const SourceRange &R : It->second)
      if (R.File == D.Range.File && R.Begin <= D.Range.Begin &&
          D.Range.End <= R.End)
        return true;
    return false;
  };
  std::vector<Diagnostic> Kept;
  Kept.reserve(Diags.size());
  for (Diagnostic &D : Diags) {
    const DiagInfo &Info = getDiagInfo(D.ID);
    if (Info.Configurable) {
      auto It = M->Config.Severities.find(Info.Name);
      if (It != M->Config.Severities.end()) {
        if (!It->second)
          continue;
        D.Sev = *It->second;
      }
      if (Allowed(D))
        continue;
    }
    Kept.push_back(std::move(D));
  }
  Diags = std::move(Kept);
}
