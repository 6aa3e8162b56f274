//===- Hover.cpp - What a name is, and what a finding means ---------------===//
#include "Features.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"

using namespace remit;
using namespace remit::lsp;
using sema::EntityID;
using sema::NoEntity;

namespace {
/// Builds the Markdown of one hover.
class HoverWriter {
public:
  HoverWriter(const Compilation &C) : C(C), M(C.model()) {}

  std::string describe(EntityID E) {
    if (E == sema::EnterpriseEntity)
      return "**enterprise**: the whole organisation, owner of enterprise "
             "objectives";
    const sema::Entity &Ent = M.entity(E);
    std::string Out =
        "**" + ast::keywordOf(Ent.Kind).str() + "** `" + Ent.Name.str() + "`";
    if (!Ent.Title.empty())
      Out += " — " + Ent.Title.str();
    Out += "\n\n";
    // Roles and decisions name their unit themselves.
    if (Ent.Parent != NoEntity && Ent.Kind != ast::DeclKind::Role &&
        Ent.Kind != ast::DeclKind::Decision)
      line(Out, "in", M.entity(Ent.Parent).Kind, Ent.Parent);
    switch (Ent.Kind) {
    case ast::DeclKind::Role:
      role(Out, M.role(E));
      break;
    case ast::DeclKind::Decision:
      decision(Out, M.decision(E));
      break;
    case ast::DeclKind::Unit:
      unit(Out, M.unit(E));
      break;
    case ast::DeclKind::Right:
      right(Out, M.right(E));
      break;
    default:
      break;
    }
    SourceRange Def = Ent.NameRange;
    Out += "\n*Declared at " + C.sources().formatLocation(Def.File, Def.Begin) +
           (Ent.FromStdlib ? " (standard library)" : "") + "*";
    return Out;
  }

private:
  std::string name(EntityID E) { return "`" + M.nameOf(E).str() + "`"; }

  void line(std::string &Out, llvm::StringRef Label, ast::DeclKind K,
            EntityID E) {
    Out += "- " + Label.str() + " " + ast::keywordOf(K).str() + " " + name(E) +
           "\n";
  }

  std::string names(const std::vector<EntityID> &Es) {
    std::string S;
    for (size_t I = 0; I < Es.size() && I < 12; ++I)
      S += (I ? ", " : "") + name(Es[I]);
    if (Es.size() > 12)
      S += fmt::format(" and {} more", Es.size() - 12);
    return S;
  }

  void role(std::string &Out, const sema::Role &R) {
    if (R.Unit != NoEntity)
      Out += "- unit " + name(R.Unit) + "\n";
    if (R.ReportsTo)
      Out += "- reports to " + name(R.ReportsTo.Target) + "\n";
    if (R.Deputy)
      Out += "- deputy " + name(R.Deputy.Target) + "\n";
    if (R.Headcount != 1)
      Out += fmt::format("- headcount {}\n", R.Headcount);
    if (R.Final)
      Out += "- final: where escalation ends\n";
    if (R.Retired)
      Out += "- **retired**\n";
    std::vector<EntityID> Owns, Gates, Consulted, Other;
    for (const sema::Decision &D : M.Decisions)
      for (const sema::RightAssignment &RA : D.Rights)
        for (const sema::Ref &H : RA.Holders) {
          if (H.Target != R.Self || RA.Right == NoEntity)
            continue;
          const sema::Right &Rt = M.right(RA.Right);
          auto &List = Rt.Owner     ? Owns
                       : Rt.Gate    ? Gates
                       : Rt.Consult ? Consulted
                                    : Other;
          if (List.empty() || List.back() != D.Self)
            List.push_back(D.Self);
        }
    if (!Owns.empty())
      Out += "- owns " + names(Owns) + "\n";
    if (!Gates.empty())
      Out += "- gates " + names(Gates) + "\n";
    if (!Consulted.empty())
      Out += "- consulted on " + names(Consulted) + "\n";
    if (!Other.empty())
      Out += "- other rights on " + names(Other) + "\n";
    Out += "- escalation: " + chain(R.Self) + "\n";
  }

  /// `a` → `b` → `ceo` (final), stopping at a repeat or after 16 steps.
  std::string chain(EntityID From) {
    std::string S = name(From);
    llvm::SmallPtrSet<const void *, 16> Seen;
    EntityID At = From;
    for (unsigned Steps = 0; Steps < 16; ++Steps) {
      Seen.insert(&M.entity(At));
      EntityID Next = NoEntity;
      const sema::Entity &E = M.entity(At);
      if (E.Kind == ast::DeclKind::Role) {
        const sema::Role &R = M.role(At);
        if (R.Final)
          return S + " (final)";
        Next = R.EscalatesTo ? R.EscalatesTo.Target : R.ReportsTo.Target;
      } else if (E.Kind == ast::DeclKind::Forum) {
        Next = M.Forums[E.Index].EscalatesTo.Target;
      }
      if (Next == NoEntity || Next == sema::EnterpriseEntity)
        return S + (Steps ? "" : " (no escalation path)");
      S += " → " + name(Next);
      if (Seen.count(&M.entity(Next)))
        return S + " (cycle)";
      At = Next;
    }
    return S + " → …";
  }

  void decision(std::string &Out, const sema::Decision &D) {
    if (D.Unit != NoEntity)
      Out += "- unit " + name(D.Unit) + "\n";
    if (D.Framework)
      Out += "- framework " + name(D.Framework.Target) + "\n";
    if (D.EscalatesTo)
      Out += "- escalates to " + name(D.EscalatesTo.Target) + "\n";
    if (D.Critical)
      Out += "- critical\n";
    if (D.Rights.empty())
      return;
    Out += "\n| right | holders |\n|---|---|\n";
    for (const sema::RightAssignment &RA : D.Rights) {
      std::vector<EntityID> Holders;
      for (const sema::Ref &H : RA.Holders)
        if (H)
          Holders.push_back(H.Target);
      Out +=
          "| " +
          (RA.Right == NoEntity ? std::string("?") : M.nameOf(RA.Right).str()) +
          " | " + names(Holders) + " |\n";
    }
  }

  void unit(std::string &Out, const sema::Unit &U) {
    if (U.Lead)
      Out += "- lead " + name(U.Lead.Target) + "\n";
    if (U.Kind)
      Out += "- kind " + name(U.Kind.Target) + "\n";
    if (!U.Roles.empty())
      Out += fmt::format("- {} roles, {} sub-units\n", U.Roles.size(),
                         U.SubUnits.size());
  }

  void right(std::string &Out, const sema::Right &R) {
    Out += fmt::format("- at least {}", R.Min);
    if (R.Max)
      Out += fmt::format(", at most {}", *R.Max);
    Out += " holder(s)\n";
    if (R.Owner)
      Out += "- the owner right: its holder owns the decision\n";
    if (R.Gate)
      Out += "- a gate: its holders can block the decision\n";
    if (R.Consult)
      Out += "- holders are consulted before the decision\n";
  }

  const Compilation &C;
  const sema::Model &M;
};

/// The explanation of a check without its title and examples.
std::string rationale(const DiagInfo &Info) {
  llvm::StringRef Text = Info.Explain;
  if (Text.startswith("# "))
    Text = Text.split('\n').second;
  size_t Examples = Text.find("\n## ");
  return Text.substr(0, Examples).trim().str();
}
} // namespace

std::optional<HoverResult> lsp::hover(const Compilation &C, FileID File,
                                      uint32_t Offset) {
  HoverResult R;
  if (const sema::Occurrence *O = C.model().Symbols.lookup(File, Offset)) {
    if (O->Target != NoEntity) {
      R.Markdown = HoverWriter(C).describe(O->Target);
      R.Range = O->Range;
    }
  }
  // Findings whose primary range covers the offset, each explained once.
  std::vector<DiagID> Explained;
  for (const Diagnostic &D : C.diagnostics()) {
    if (D.Range.File != File || Offset < D.Range.Begin || Offset > D.Range.End)
      continue;
    const DiagInfo &Info = getDiagInfo(D.ID);
    if (!R.Markdown.empty())
      R.Markdown += "\n\n---\n\n";
    R.Markdown += "**" + severityName(D.Sev).str() + "** `" + Info.Name.str() +
                  "`: " + D.Message;
    if (!llvm::is_contained(Explained, D.ID)) {
      Explained.push_back(D.ID);
      R.Markdown += "\n\n" + rationale(Info);
    }
    if (!R.Range.isValid())
      R.Range = D.Range;
  }
  if (R.Markdown.empty())
    return std::nullopt;
  return R;
}
