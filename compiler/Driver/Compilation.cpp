//===- Compilation.cpp - One run of the compiler pipeline -----------------===//
#include "Driver/Compilation.h"
#include "AST/PropertyParser.h"
#include "Checks/Checks.h"
#include "Sema/Sema.h"
#include <chrono>
#include <ctime>

using namespace remit;

int64_t remit::todayInDays() {
  return static_cast<int64_t>(std::time(nullptr)) / 86400;
}

namespace {
/// Seconds since the previous call (or construction).
class Stopwatch {
public:
  double lap() {
    auto Now = std::chrono::steady_clock::now();
    double Seconds = std::chrono::duration<double>(Now - Last).count();
    Last = Now;
    return Seconds;
  }

private:
  std::chrono::steady_clock::time_point Last = std::chrono::steady_clock::now();
};
} // namespace

std::unique_ptr<Compilation> Compilation::run(const CompileOptions &Opts) {
  std::unique_ptr<Compilation> C(new Compilation());
  Stopwatch Clock;
  DiagnosticEngine Engine;
  C->StdlibDir = Opts.Load.StdlibDir;
  ParseCache *Cache = Opts.Load.Cache;
  C->SM = Cache ? Cache->sources() : std::make_shared<SourceManager>();
  if (Cache)
    Cache->startLoad();
  LoadOptions LoadOpts = Opts.Load;
  LoadOpts.Jobs = Opts.Jobs;
  Loader L(*C->SM, Engine, std::move(LoadOpts));
  for (const std::string &Root : Opts.Roots)
    L.addRoot(Root);
  for (const auto &[Path, Text] : Opts.VirtualFiles)
    L.addVirtualFile(Path, Text);
  C->Loaded = L.load();
  if (Cache)
    Cache->evictUnused();
  C->Times.Load = Clock.lap();
  C->M = sema::analyze(C->Loaded.Files, *C->SM, Engine, Opts.Jobs);
  C->overrideConfiguration(Opts);
  int64_t AsOfDay = Opts.AsOfDay ? *Opts.AsOfDay : todayInDays();
  checks::CheckOptions CheckOpts;
  CheckOpts.AsOfDay = AsOfDay;
  CheckOpts.Jobs = Opts.Jobs;
  for (const std::string &Name : Opts.Vacate) {
    sema::EntityID ID = C->M->lookup(Name);
    if (ID == sema::NoEntity || C->M->entity(ID).Kind != ast::DeclKind::Role ||
        C->M->entity(ID).FromStdlib)
      C->UnknownVacate.push_back(Name);
    else
      CheckOpts.Vacate.push_back(ID);
  }
  C->Times.Analyze = Clock.lap();
  if (Opts.RunChecks)
    checks::runChecks(*C->M, *C->SM, CheckOpts, Engine);
  C->Times.Check = Clock.lap();
  C->Diags = Engine.take();
  C->applyConfiguration(AsOfDay);
  sortDiagnostics(C->Diags, *C->SM);
  sortDiagnostics(C->Suppressed, *C->SM);
  C->Times.Configure = Clock.lap();
  return C;
}

const ast::File *Compilation::fileAST(FileID ID) const {
  for (const auto &F : Loaded.Files)
    if (F->ID == ID)
      return F.get();
  return nullptr;
}

void Compilation::overrideConfiguration(const CompileOptions &Opts) {
  sema::CheckConfig &Config = M->Config;
  for (const CompileOptions::CheckOverride &O : Opts.Overrides) {
    switch (O.Action) {
    case CompileOptions::CheckOverride::SetSeverity:
      Config.Severities[O.Check] = O.Level;
      break;
    case CompileOptions::CheckOverride::Disable:
      Config.Severities[O.Check] = std::nullopt;
      break;
    case CompileOptions::CheckOverride::Enable: {
      // Back on at the severity the model gave it, else its default.
      if (Config.isDisabled(O.Check))
        Config.Severities.erase(O.Check);
      break;
    }
    }
  }
  for (const auto &[Name, N] : Opts.Thresholds)
    Config.Thresholds[Name] = N;
}

namespace {
/// One well-formed `@allow` on a declaration.
struct Allowance {
  llvm::StringRef Check;
  std::optional<std::string> Reason; ///< Unset or empty: none given.
  std::optional<int64_t> Until;
  SourceRange Annotation, Scope, UntilRange;
  bool Used = false;
};
} // namespace

/// Applies severities and `@allow` to configurable diagnostics, then reports
/// the `@allow`s themselves: without a reason, lapsed, or suppressing nothing.
void Compilation::applyConfiguration(int64_t AsOfDay) {
  const sema::CheckConfig &Config = M->Config;
  std::vector<Allowance> Allows;
  llvm::StringMap<std::vector<size_t>> ByCheck;
  for (const auto &F : Loaded.Files)
    ast::forEachDecl(F->Decls, [&](const ast::Decl *D) {
      for (const ast::Annotation &A : D->Annotations) {
        if (!A.Valid)
          continue;
        Allowance Al;
        Al.Check = A.Args[0].Val.Text;
        if (A.Args.size() > 1)
          Al.Reason = A.Args[1].Val.Text.str();
        if (A.Args.size() > 2) {
          Al.Until = A.Args[2].Val.Number;
          Al.UntilRange = A.Args[2].Val.Range;
        }
        Al.Annotation = A.Range;
        Al.Scope = D->Range;
        ByCheck[Al.Check].push_back(Allows.size());
        Allows.push_back(std::move(Al));
      }
    });
  auto Lapsed = [&](const Allowance &Al) {
    return Al.Until && *Al.Until < AsOfDay;
  };
  /// Marks every `@allow` in force that covers \p D as used and returns
  /// the innermost, if any.
  auto AllowFor = [&](const Diagnostic &D) -> Allowance * {
    auto It = ByCheck.find(D.name());
    if (It == ByCheck.end())
      return nullptr;
    Allowance *Innermost = nullptr;
    for (size_t I : It->second) {
      Allowance &Al = Allows[I];
      if (Lapsed(Al) || Al.Scope.File != D.Range.File ||
          D.Range.Begin < Al.Scope.Begin || Al.Scope.End < D.Range.End)
        continue;
      Al.Used = true;
      if (!Innermost || Innermost->Scope.Begin <= Al.Scope.Begin)
        Innermost = &Al;
    }
    return Innermost;
  };
  /// Applies the configured severity; false when the check is off.
  auto Configure = [&](Diagnostic &D) {
    const DiagInfo &Info = getDiagInfo(D.ID);
    if (!Info.Configurable)
      return true;
    auto It = Config.Severities.find(Info.Name);
    if (It == Config.Severities.end())
      return true;
    if (!It->second)
      return false;
    D.Sev = *It->second;
    return true;
  };

  std::vector<Diagnostic> Kept;
  Kept.reserve(Diags.size());
  for (Diagnostic &D : Diags) {
    if (!Configure(D))
      continue;
    if (getDiagInfo(D.ID).Configurable)
      if (Allowance *Al = AllowFor(D)) {
        D.SuppressedBecause = Al->Reason.value_or("");
        Suppressed.push_back(std::move(D));
        continue;
      }
    Kept.push_back(std::move(D));
  }

  DiagnosticEngine Own;
  for (const Allowance &Al : Allows) {
    std::string Check = Al.Check.str();
    if (!Al.Reason) {
      // Before the closing parenthesis.
      SourceRange Close{Al.Annotation.File, Al.Annotation.End - 1,
                        Al.Annotation.End - 1};
      Own.report(DiagID::SuppressionNoReason, Al.Annotation, Check)
          .fix("add a reason", {{Close, ", \"why this finding is accepted\""}});
    } else if (Al.Reason->find_first_not_of(" \t") == std::string::npos) {
      Own.report(DiagID::SuppressionNoReason, Al.Annotation, Check);
    }
    if (Lapsed(Al)) {
      Own.report(DiagID::SuppressionExpired, Al.UntilRange, Check,
                 ast::formatDate(*Al.Until));
      continue;
    }
    // An unknown or fixed check name is already an error of its own; a
    // check that is off cannot be suppressed, nor its @allow be unused.
    const DiagInfo *Info = findDiagInfo(Al.Check);
    if (!Al.Used && !Config.isDisabled(Al.Check) && Info && Info->Configurable)
      Own.report(DiagID::SuppressionUnused, Al.Annotation, Check)
          .fix("remove the `@allow`", {{Al.Annotation, ""}});
  }
  for (Diagnostic &D : Own.diagnostics())
    if (Configure(D))
      Kept.push_back(std::move(D));
  Diags = std::move(Kept);
}
