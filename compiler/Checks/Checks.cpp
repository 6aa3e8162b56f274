//===- Checks.cpp - Run every check family; shared wording and fixes ------===//
#include "AST/AST.h"
#include "AST/PropertyParser.h"
#include "Basic/Parallel.h"
#include "Checks/CheckContext.h"
#include "llvm/ADT/DenseSet.h"
#include <set>
#include <tuple>

using namespace remit;
using namespace remit::checks;

FamilyState::~FamilyState() = default;

bool CheckContext::enabled(DiagID ID) const {
  return !M.Config.isDisabled(getDiagInfo(ID).Name);
}

namespace {

using Family = void (*)(const CheckContext &);

/// The families that read what a mode can change (rights, escalation,
/// reporting lines, deputies), in the order they report.
constexpr Family ViewFamilies[] = {
    checkDecisionRights, checkRetiredReferences, checkEscalation,
    checkLoad,           checkAuthorityLadders,  checkAgents,
    checkTopologies};
/// The families that read the model as declared; normal operation only.
constexpr Family ModelFamilies[] = {checkHandoffs, checkObjectives,
                                    checkGlossary, checkInitiatives,
                                    checkUnused,   checkStressRegression};

/// Normal operation: every family, on up to Opts.Jobs threads. Families only
/// read the model and write their own part of C.Keep, so each reports into
/// an engine of its own, and the findings are appended in the families'
/// order: the result does not depend on the threads.
void runNormalFamilies(const CheckContext &C) {
  std::vector<Family> All(std::begin(ViewFamilies), std::end(ViewFamilies));
  All.insert(All.end(), std::begin(ModelFamilies), std::end(ModelFamilies));
  std::vector<DiagnosticEngine> Found(All.size());
  parallelFor(All.size(), C.Opts.Jobs, [&](size_t I) {
    Found[I] = DiagnosticEngine(); // Afresh, if run again.
    CheckContext Own{C.M, C.View, C.SM, C.Opts, Found[I]};
    Own.Keep = C.Keep;
    All[I](Own);
  });
  for (DiagnosticEngine &E : Found)
    for (Diagnostic &D : E.diagnostics())
      C.Diags.diagnostics().push_back(std::move(D));
}

/// A mode's run of the view families. In a mode, the families that look at
/// one decision or role at a time look only at what the mode overrides. On a
/// whole run the graph families run only when the mode changes their graph;
/// on an incremental one (C.Normal set) they look only where it does.
void runViewFamilies(const CheckContext &C, const sema::Mode &Mo) {
  bool Escalation = C.incremental(), Lines = Escalation;
  if (!C.incremental()) {
    for (const sema::RoleOverride &O : Mo.Roles) {
      Escalation = true;
      Lines |= O.ReportsTo.Range.isValid();
    }
    for (const sema::DecisionOverride &O : Mo.Decisions)
      Escalation |= O.EscalatesTo.Range.isValid() || !O.Rights.empty();
  }
  for (Family F : ViewFamilies)
    if ((F != checkEscalation || Escalation) &&
        (F != checkAuthorityLadders || Lines))
      F(C);
}

/// What makes two findings the same finding: the same check at the same
/// place (messages carry counts a mode may change without changing the
/// finding), or the same check saying the same thing (a mode that restates
/// a declaration moves the place, not the finding).
using FindingKey = std::tuple<DiagID, FileID, uint32_t, uint32_t>;
FindingKey keyOf(const Diagnostic &D) {
  return {D.ID, D.Range.File, D.Range.Begin, D.Range.End};
}
using RangeKey = std::tuple<FileID, uint32_t, uint32_t>;

/// Runs the view families in every mode and keeps, reworded, only what
/// normal operation does not already report. A mode finding that points
/// (primary location or note) at an override mode.stress-regression
/// reports is that finding seen from another check (the retired owner is
/// also a vacant owner; the chain through the retired role is too deep), so
/// it is dropped too: one finding per cause.
void runModes(const sema::Model &M, const SourceManager &SM,
              const CheckOptions &Opts, DiagnosticEngine &Diags,
              size_t FirstCheckFinding, const OrgView &NormalView,
              const NormalRun &Normal) {
  std::set<FindingKey> NormalKeys;
  std::set<std::pair<DiagID, std::string>> NormalMessages;
  std::set<RangeKey> StressRanges;
  for (size_t I = FirstCheckFinding; I < Diags.diagnostics().size(); ++I) {
    const Diagnostic &D = Diags.diagnostics()[I];
    NormalKeys.insert(keyOf(D));
    NormalMessages.insert({D.ID, D.Message});
    if (D.ID == DiagID::ModeStressRegression)
      StressRanges.insert({D.Range.File, D.Range.Begin, D.Range.End});
  }
  for (const sema::Mode &Mo : M.Modes) {
    const sema::Entity &ME = M.entity(Mo.Self);
    if (ME.FromStdlib || (Mo.Decisions.empty() && Mo.Roles.empty()))
      continue;
    // A whole run gets a view of its own (the reference); an incremental
    // one a sparse view over normal operation's.
    std::optional<OrgView> View;
    if (Opts.WholeModeRuns)
      View.emplace(M, Mo.Self, Opts.Vacate);
    else
      View.emplace(NormalView, Mo.Self);
    DiagnosticEngine Scratch;
    CheckContext C{M, *View, SM, Opts, Scratch};
    if (!Opts.WholeModeRuns)
      C.Normal = &Normal;
    runViewFamilies(C, Mo);
    std::set<FindingKey> Seen;
    for (Diagnostic &D : Scratch.diagnostics()) {
      auto AtStress = [&](SourceRange R) {
        return StressRanges.count({R.File, R.Begin, R.End}) != 0;
      };
      if (NormalKeys.count(keyOf(D)) ||
          NormalMessages.count({D.ID, D.Message}) || AtStress(D.Range) ||
          llvm::any_of(D.Notes,
                       [&](const DiagNote &N) { return AtStress(N.Range); }) ||
          !Seen.insert(keyOf(D)).second)
        continue;
      D.Message += fmt::format(" in mode `{}`", ME.Name.str());
      // Fixes edit the declarations of normal operation; a finding that
      // only a mode has is fixed in the mode, by hand.
      D.Fixes.clear();
      D.note(
          ME.NameRange,
          fmt::format("only while mode `{}` is in force{}", ME.Name.str(),
                      Mo.Trigger ? " (" + *Mo.Trigger + ")" : std::string()));
      Diags.diagnostics().push_back(std::move(D));
    }
  }
}

} // namespace

void checks::runChecks(const sema::Model &M, const SourceManager &SM,
                       const CheckOptions &Opts, DiagnosticEngine &Diags) {
  size_t First = Diags.diagnostics().size();
  OrgView Normal(M, NoEntity, Opts.Vacate);
  NormalRun Kept;
  CheckContext C{M, Normal, SM, Opts, Diags};
  if (!Opts.WholeModeRuns)
    C.Keep = &Kept;
  runNormalFamilies(C);
  runModes(M, SM, Opts, Diags, First, Normal, Kept);
}

EntityID checks::unitOf(const sema::Model &M, EntityID ID) {
  if (ID == NoEntity || ID == sema::EnterpriseEntity)
    return NoEntity;
  const sema::Entity &E = M.entity(ID);
  switch (E.Kind) {
  case ast::DeclKind::Unit:
    return ID;
  case ast::DeclKind::Role:
    return M.Roles[E.Index].Unit;
  case ast::DeclKind::Agent:
    return M.Agents[E.Index].Unit;
  case ast::DeclKind::Decision:
    return M.Decisions[E.Index].Unit;
  default:
    return M.enclosingUnit(ID);
  }
}

EntityID checks::stdlibEntity(const sema::Model &M, ast::DeclKind Kind,
                              llvm::StringRef Name) {
  auto It = M.Namespace.find(Name);
  if (It == M.Namespace.end())
    return NoEntity;
  for (EntityID ID : It->second)
    if (M.entity(ID).FromStdlib && M.entity(ID).Kind == Kind)
      return ID;
  return NoEntity;
}

//===----------------------------------------------------------------------===//
// Wording
//===----------------------------------------------------------------------===//

std::string checks::quoted(llvm::StringRef Name) {
  return "`" + Name.str() + "`";
}

std::string checks::quotedList(llvm::ArrayRef<std::string> Names, size_t Max) {
  size_t Shown = Names.size() > Max ? Max : Names.size();
  std::string Out;
  for (size_t I = 0; I < Shown; ++I) {
    if (I)
      Out += (I + 1 == Shown && Shown == Names.size()) ? " and " : ", ";
    Out += quoted(Names[I]);
  }
  if (Shown < Names.size())
    Out += fmt::format(" and {} more", Names.size() - Shown);
  return Out;
}

std::vector<std::string> checks::namesOf(const sema::Model &M,
                                         llvm::ArrayRef<EntityID> IDs) {
  std::vector<std::string> Out;
  Out.reserve(IDs.size());
  for (EntityID ID : IDs)
    Out.push_back(M.nameOf(ID).str());
  return Out;
}

std::string checks::chainText(const sema::Model &M,
                              llvm::ArrayRef<EntityID> IDs) {
  // A chain of thousands (a generated model's cycle) would make a message
  // of megabytes that nobody reads; the notes still list every step.
  constexpr size_t Head = 10, Tail = 2;
  std::string Out;
  for (size_t I = 0; I < IDs.size(); ++I) {
    if (I)
      Out += " → ";
    if (IDs.size() > Head + Tail + 1 && I == Head) {
      Out += fmt::format("… ({} more)", IDs.size() - Head - Tail);
      I = IDs.size() - Tail - 1;
      continue;
    }
    Out += quoted(M.nameOf(IDs[I]));
  }
  return Out;
}

std::string checks::countOf(size_t N, llvm::StringRef Singular,
                            llvm::StringRef Plural) {
  if (N == 1)
    return "1 " + Singular.str();
  return std::to_string(N) + " " +
         (Plural.empty() ? Singular.str() + "s" : Plural.str());
}

//===----------------------------------------------------------------------===//
// Fixes
//===----------------------------------------------------------------------===//

std::optional<TextEdit> checks::insertProperty(const SourceManager &SM,
                                               const ast::Decl &D,
                                               std::string Text) {
  if (!D.HasBlock)
    return TextEdit{{D.Range.File, D.Range.End, D.Range.End},
                    " { " + Text + " }"};
  if (!D.OpenBrace.isValid() || !D.CloseBrace.isValid())
    return std::nullopt;
  FileID File = D.OpenBrace.File;
  uint32_t BraceLine = SM.getLineAndByteColumn(File, D.OpenBrace.Begin).Line;
  SourceRange First;
  if (!D.Properties.empty())
    First = D.Properties.front().Range;
  if (!D.Children.empty() &&
      (!First.isValid() || D.Children.front()->Range.Begin < First.Begin))
    First = D.Children.front()->Range;
  if (First.isValid()) {
    LineColumn At = SM.getLineAndByteColumn(File, First.Begin);
    if (At.Line != BraceLine) {
      // Block layout: a new line above the first, with its indentation.
      uint32_t LineStart = SM.getLineStart(File, At.Line);
      std::string Indent =
          SM.getBuffer(File).substr(LineStart, At.Column).str();
      if (Indent.find_first_not_of(" \t") != std::string::npos)
        Indent = "  ";
      return TextEdit{{File, LineStart, LineStart}, Indent + Text + "\n"};
    }
  }
  // Inline layout, `{ final }` or `{}`: properties separated by two spaces.
  uint32_t After = D.OpenBrace.End;
  return TextEdit{{File, After, After}, " " + Text + " "};
}

TextEdit checks::insertDeclarationAfter(const SourceManager &SM,
                                        const ast::Decl &D,
                                        llvm::StringRef Text) {
  FileID File = D.Range.File;
  LineColumn At = SM.getLineAndByteColumn(File, D.Range.Begin);
  uint32_t LineStart = SM.getLineStart(File, At.Line);
  std::string Indent = SM.getBuffer(File).substr(LineStart, At.Column).str();
  if (Indent.find_first_not_of(" \t") != std::string::npos)
    Indent.clear();
  std::string Out = "\n";
  llvm::StringRef Rest = Text;
  while (!Rest.empty()) {
    auto [Line, Tail] = Rest.split('\n');
    Out += "\n" + Indent + Line.str();
    Rest = Tail;
  }
  return {{File, D.Range.End, D.Range.End}, Out};
}

TextEdit checks::removeArgument(const ast::Property &P, size_t Index) {
  FileID File = P.Range.File;
  if (P.Args.size() <= 1)
    return {P.Range, ""};
  if (Index == 0)
    return {{File, P.Args[0].Val.Range.Begin, P.Args[1].Val.Range.Begin}, ""};
  return {{File, P.Args[Index - 1].Val.Range.End, P.Args[Index].Val.Range.End},
          ""};
}
