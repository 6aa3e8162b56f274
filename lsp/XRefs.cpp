//===- XRefs.cpp - Definition, references and rename ----------------------===//
#include "Features.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

using namespace remit;
using namespace remit::lsp;

std::optional<sema::EntityID> lsp::entityAt(const Compilation &C, FileID File,
                                            uint32_t Offset) {
  const sema::Occurrence *O = C.model().Symbols.lookup(File, Offset);
  if (!O || O->Target == sema::NoEntity)
    return std::nullopt;
  return O->Target;
}

std::optional<SourceRange> lsp::definition(const Compilation &C, FileID File,
                                           uint32_t Offset) {
  std::optional<sema::EntityID> E = entityAt(C, File, Offset);
  if (!E || *E == sema::EnterpriseEntity)
    return std::nullopt;
  return C.model().entity(*E).NameRange;
}

std::vector<SourceRange> lsp::references(const Compilation &C, FileID File,
                                         uint32_t Offset,
                                         bool IncludeDeclaration) {
  std::vector<SourceRange> Out;
  std::optional<sema::EntityID> E = entityAt(C, File, Offset);
  if (!E)
    return Out;
  for (const sema::Occurrence &O : C.model().Symbols.occurrencesOf(*E))
    if (IncludeDeclaration || !O.IsDefinition)
      Out.push_back(O.Range);
  std::sort(Out.begin(), Out.end(), [](SourceRange A, SourceRange B) {
    return std::tie(A.File, A.Begin) < std::tie(B.File, B.Begin);
  });
  return Out;
}

static llvm::Error failure(const std::string &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// The entity at \p Offset if the user may rename it, else why not.
static llvm::Expected<sema::EntityID>
renameTarget(const Compilation &C, FileID File, uint32_t Offset) {
  std::optional<sema::EntityID> E = entityAt(C, File, Offset);
  if (!E)
    return failure("there is no declared name here to rename");
  if (*E == sema::EnterpriseEntity)
    return failure("`enterprise` is built in and cannot be renamed");
  const sema::Entity &Ent = C.model().entity(*E);
  if (Ent.FromStdlib)
    return failure("`" + Ent.Name.str() +
                   "` is declared in the standard library and cannot be "
                   "renamed");
  return *E;
}

llvm::Expected<SourceRange> lsp::prepareRename(const Compilation &C,
                                               FileID File, uint32_t Offset) {
  llvm::Expected<sema::EntityID> E = renameTarget(C, File, Offset);
  if (!E)
    return E.takeError();
  return C.model().Symbols.lookup(File, Offset)->Range;
}

/// Whether \p Name is a word the lexer reads as a name (not a keyword).
static std::optional<std::string> invalidName(llvm::StringRef Name) {
  static const char *const Keywords[] = {
      "import",    "model",     "unit",      "role",        "person",
      "forum",     "agent",     "metric",    "objective",   "decision",
      "handoff",   "tradeoff",  "mode",      "term",        "initiative",
      "authority", "framework", "unit_kind", "interaction", "checks",
      "right"};
  if (Name.empty())
    return "the new name is empty";
  for (const char *K : Keywords)
    if (Name == K)
      return "`" + Name.str() + "` is a keyword";
  // NAME: [a-zA-Z_] [a-zA-Z_0-9]* ( '-' [a-zA-Z_0-9]+ )*
  auto IsWord = [](char C) { return llvm::isAlnum(C) || C == '_'; };
  bool Ok = llvm::isAlpha(Name[0]) || Name[0] == '_';
  for (size_t I = 1; Ok && I < Name.size(); ++I)
    if (Name[I] == '-')
      Ok = I + 1 < Name.size() && IsWord(Name[I + 1]);
    else
      Ok = IsWord(Name[I]);
  if (!Ok)
    return "`" + Name.str() +
           "` is not a name: use letters, digits, `_` and inner `-`, "
           "starting with a letter or `_`";
  return std::nullopt;
}

llvm::Expected<std::vector<remit::TextEdit>>
lsp::rename(const Compilation &C, FileID File, uint32_t Offset,
            llvm::StringRef NewName) {
  llvm::Expected<sema::EntityID> Target = renameTarget(C, File, Offset);
  if (!Target)
    return Target.takeError();
  const sema::Model &M = C.model();
  const sema::Entity &Ent = M.entity(*Target);
  if (std::optional<std::string> Why = invalidName(NewName))
    return failure(*Why);
  if (NewName == Ent.Name)
    return std::vector<TextEdit>();
  if (NewName == "enterprise" && Ent.Kind != ast::DeclKind::Term &&
      Ent.Kind != ast::DeclKind::Right)
    return failure("`enterprise` is built in: it names the whole "
                   "organisation as an objective owner");
  // Terms and rights have their own scopes; everything else shares the
  // model's one namespace.
  for (const sema::Entity &Other : M.Entities) {
    if (Other.Name != NewName || &Other == &Ent)
      continue;
    bool Scoped =
        Ent.Kind == ast::DeclKind::Term || Ent.Kind == ast::DeclKind::Right;
    bool OtherScoped =
        Other.Kind == ast::DeclKind::Term || Other.Kind == ast::DeclKind::Right;
    if (Scoped != OtherScoped)
      continue;
    if (Scoped && (Other.Kind != Ent.Kind || Other.Parent != Ent.Parent))
      continue;
    return failure(fmt::format(
        "cannot rename `{}` to `{}`: {} `{}` is already declared at {}",
        Ent.Name.str(), NewName.str(), ast::describeKind(Other.Kind),
        NewName.str(),
        C.sources().formatLocation(Other.NameRange.File,
                                   Other.NameRange.Begin)));
  }
  std::vector<TextEdit> Edits;
  for (const sema::Occurrence &O : M.Symbols.occurrencesOf(*Target))
    Edits.push_back({O.Range, NewName.str()});
  std::sort(Edits.begin(), Edits.end(),
            [](const TextEdit &A, const TextEdit &B) {
              return std::tie(A.Range.File, A.Range.Begin) <
                     std::tie(B.Range.File, B.Range.Begin);
            });
  return Edits;
}
