//===- CheckContext.h - What each check family reads and writes -*- C++ -*-===//
//
// Internal to Checks/: the context handed to each check family, the family
// entry points, what the families keep from normal operation for the mode
// runs, and small helpers for the wording and fixes checks share.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_CHECKS_CHECKCONTEXT_H
#define REMIT_CHECKS_CHECKCONTEXT_H

#include "Checks/Checks.h"
#include "Checks/OrgView.h"

namespace remit::checks {

/// What one family keeps from its run in normal operation for the mode runs
/// (each family defines its own in its file).
struct FamilyState {
  virtual ~FamilyState();
};

/// The families' analyses of normal operation that the mode runs build on,
/// so that a mode costs what it changes rather than the size of the model.
struct NormalRun {
  std::unique_ptr<FamilyState> Rights, Escalation, Load, Ladders, Topologies;
};

/// Everything a check family needs. Families only read the model.
///
/// In a mode, a family reports what it finds in the mode's effective model;
/// runChecks keeps only what normal operation does not already report. With
/// Normal set, a family looks only where the mode changes something (the
/// view's ModeChanges, and what depends on them), because everything else
/// reads as in normal operation and would be dropped. Without it, the family
/// runs whole on the mode's view: the reference the tests compare with.
struct CheckContext {
  const sema::Model &M;
  const OrgView &View;
  const SourceManager &SM;
  const CheckOptions &Opts;
  DiagnosticEngine &Diags;
  /// Normal operation: where the families leave what the mode runs reuse;
  /// null to keep nothing.
  NormalRun *Keep = nullptr;
  /// A mode: normal operation's analyses, for a run over the mode's changes
  /// only; null for a whole run.
  const NormalRun *Normal = nullptr;

  /// Whether this is a mode run that looks only at what the mode changes.
  bool incremental() const { return Normal && View.mode() != NoEntity; }

  /// The configured threshold of check \p ID.
  int64_t threshold(DiagID ID) const { return M.Config.threshold(ID); }
  /// False when the model's configuration turns check \p ID off, so a
  /// family can skip work nobody will see.
  bool enabled(DiagID ID) const;
  llvm::StringRef name(EntityID ID) const { return M.nameOf(ID); }
  const sema::Entity &entity(EntityID ID) const { return M.entity(ID); }
};

// Check families, one per file.
void checkDecisionRights(const CheckContext &C);    // Ownership.cpp
void checkRetiredReferences(const CheckContext &C); // RetiredRoles.cpp
void checkEscalation(const CheckContext &C);        // Escalation.cpp
void checkLoad(const CheckContext &C);              // Load.cpp
void checkHandoffs(const CheckContext &C);          // Handoffs.cpp
void checkAuthorityLadders(const CheckContext &C);  // AuthorityLadder.cpp
void checkUnused(const CheckContext &C);            // Unused.cpp
void checkObjectives(const CheckContext &C);        // Objectives.cpp
void checkStressRegression(const CheckContext &C);  // Modes.cpp
void checkAgents(const CheckContext &C);            // Agents.cpp
void checkGlossary(const CheckContext &C);          // Glossary.cpp
void checkInitiatives(const CheckContext &C);       // Initiatives.cpp
void checkTopologies(const CheckContext &C);        // Topologies.cpp

/// At most this many notes list the members of a long list (decisions a
/// holder owns, pilots, collaborations).
constexpr size_t MaxNotes = 12;

//===--- Wording ----------------------------------------------------------===//

/// "`name`".
std::string quoted(llvm::StringRef Name);
/// "`a`", "`a` and `b`", "`a`, `b` and `c`"; past \p Max names, "... and N
/// more".
std::string quotedList(llvm::ArrayRef<std::string> Names, size_t Max = 8);
/// The names of \p IDs, in order.
std::vector<std::string> namesOf(const sema::Model &M,
                                 llvm::ArrayRef<EntityID> IDs);
/// "`a` → `b` → `c`"; past 13 names, the middle is elided ("… (N more)").
std::string chainText(const sema::Model &M, llvm::ArrayRef<EntityID> IDs);
/// The declaration \p ID is declared in or under: its unit, the unit of
/// its role, or itself when it is a unit; NoEntity otherwise.
EntityID unitOf(const sema::Model &M, EntityID ID);
/// The stdlib declaration of kind \p Kind named \p Name (e.g. the
/// `enabling` team type of std.topologies), or NoEntity when not loaded.
EntityID stdlibEntity(const sema::Model &M, ast::DeclKind Kind,
                      llvm::StringRef Name);
/// "1 decision", "3 decisions".
std::string countOf(size_t N, llvm::StringRef Singular,
                    llvm::StringRef Plural = {});

//===--- Fixes ------------------------------------------------------------===//

/// An edit that adds the property line \p Text as the first line of \p D's
/// block, indented like its other properties; a block of its own when \p D
/// has none. std::nullopt when the block is unterminated.
std::optional<TextEdit> insertProperty(const SourceManager &SM,
                                       const ast::Decl &D, std::string Text);
/// An edit that inserts \p Text as a new declaration after \p D, at \p D's
/// indentation (\p Text's lines are indented to match).
TextEdit insertDeclarationAfter(const SourceManager &SM, const ast::Decl &D,
                                llvm::StringRef Text);
/// An edit that removes argument \p Index of \p P, with its comma; the whole
/// property when it is the only argument.
TextEdit removeArgument(const ast::Property &P, size_t Index);

} // namespace remit::checks

#endif
