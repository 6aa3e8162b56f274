//===- Completion.cpp - What may be written at the cursor -----------------===//
//
// Completion reads the schema (AST/Schema.h), not a list of its own: at a
// key position it offers the enclosing declaration's property keys, the
// kinds that may nest there and, inside a decision, the rights of its
// framework; after a key it offers the names of the kinds that key takes (or
// its enumerated words); after `import std.` the stdlib modules.
//
//===----------------------------------------------------------------------===//
#include "AST/Schema.h"
#include "Features.h"
#include "Load/Loader.h"
#include "llvm/ADT/StringExtras.h"

using namespace remit;
using namespace remit::lsp;
using ast::DeclKind;

namespace {
bool isWordChar(char C) {
  return llvm::isAlnum(C) || C == '_' || C == '-' || C == '.';
}

/// The innermost declaration whose block contains \p Offset.
const ast::Decl *enclosingBlock(const ast::File &F, uint32_t Offset) {
  const ast::Decl *Best = nullptr;
  ast::forEachDecl(F.Decls, [&](const ast::Decl *D) {
    if (!D->HasBlock || Offset <= D->OpenBrace.Begin)
      return;
    uint32_t End = D->CloseBrace.isValid() ? D->CloseBrace.Begin : D->Range.End;
    if (Offset <= End || !D->CloseBrace.isValid())
      if (!Best || D->OpenBrace.Begin >= Best->OpenBrace.Begin)
        Best = D;
  });
  return Best;
}

/// The words before the partial word at the cursor, back to the start of
/// the statement (a line, a `{` or a `}`), nearest last.
std::vector<llvm::StringRef> wordsBefore(llvm::StringRef Text,
                                         uint32_t WordBegin) {
  size_t Start = WordBegin;
  while (Start > 0 && Text[Start - 1] != '\n' && Text[Start - 1] != '{' &&
         Text[Start - 1] != '}')
    --Start;
  llvm::StringRef Line = Text.slice(Start, WordBegin);
  if (size_t Comment = Line.find("//"); Comment != llvm::StringRef::npos)
    Line = Line.take_front(Comment);
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Line.split(Parts, ' ', -1, /*KeepEmpty=*/false);
  std::vector<llvm::StringRef> Words;
  for (llvm::StringRef P : Parts) {
    P = P.trim(" \t\r,");
    if (!P.empty())
      Words.push_back(P);
  }
  return Words;
}

class Completer {
public:
  Completer(const Compilation &C, CompletionResult &R)
      : C(C), M(C.model()), R(R) {}

  void keywords(ast::KindMask Kinds) {
    for (unsigned K = 0; K < ast::NumDeclKinds; ++K)
      if (Kinds & (1u << K)) {
        const ast::DeclSpec &Spec = ast::getDeclSpec(static_cast<DeclKind>(K));
        add(CompletionCandidate::Keyword, ast::keywordOf(Spec.Kind),
            "declaration", Spec.Doc);
      }
  }

  void properties(const ast::DeclSpec &Spec) {
    for (const ast::PropertySpec &P : Spec.Properties)
      add(CompletionCandidate::Property, P.Key,
          P.isFlag() ? "flag" : "property", P.Doc);
  }

  /// The rights of the framework that governs decision (or authority) \p D:
  /// its own `framework`, else the model's.
  std::vector<sema::EntityID> frameworkRights(const ast::Decl &D) const {
    sema::EntityID Framework = sema::NoEntity;
    for (const sema::Entity &E : M.Entities)
      if (E.Decl == &D) {
        if (E.Kind == DeclKind::Decision)
          Framework = M.decision(&E - M.Entities.data()).Framework.Target;
        else if (E.Kind == DeclKind::Authority)
          Framework = M.Authorities[E.Index].Framework.Target;
        break;
      }
    if (Framework == sema::NoEntity && M.Header && M.Header->Framework)
      Framework = M.Header->Framework.Target;
    if (Framework == sema::NoEntity ||
        M.entity(Framework).Kind != DeclKind::Framework)
      return {};
    return M.Frameworks[M.entity(Framework).Index].Rights;
  }

  void rights(const ast::Decl &D) {
    for (sema::EntityID Right : frameworkRights(D)) {
      const sema::Right &Rt = M.right(Right);
      std::string Detail =
          "right of `" + M.nameOf(M.entity(Right).Parent).str() + "`";
      if (Rt.Owner)
        Detail += " (owner)";
      add(CompletionCandidate::Right, M.nameOf(Right), Detail,
          M.entity(Right).Title);
    }
  }

  /// Every key position offer of \p D: its keys, the kinds that nest in it
  /// and, in a decision, its framework's rights.
  void keyPosition(const ast::Decl &D) {
    const ast::DeclSpec &Spec = ast::getDeclSpec(D.Kind);
    properties(Spec);
    keywords(Spec.Children);
    if (Spec.AcceptsRights)
      rights(D);
  }

  void names(ast::KindMask Kinds) {
    for (const sema::Entity &E : M.Entities)
      if (!E.Name.empty() && (Kinds & ast::kindBit(E.Kind)) &&
          E.Kind != DeclKind::Term && E.Kind != DeclKind::Right) {
        CompletionCandidate Cand;
        Cand.Kind = CompletionCandidate::Name;
        Cand.Label = E.Name.str();
        Cand.Detail = ast::keywordOf(E.Kind).str() +
                      (E.Title.empty() ? "" : " — " + E.Title.str());
        Cand.NameKind = E.Kind;
        R.Items.push_back(std::move(Cand));
      }
    if (Kinds & ast::EnterpriseBit)
      add(CompletionCandidate::Value, "enterprise", "the whole organisation",
          "");
  }

  void slot(const ast::SlotSpec &S) {
    switch (S.Type) {
    case ast::ValueType::Ref:
      names(S.RefKinds);
      break;
    case ast::ValueType::Enum:
      for (const char *V : S.EnumValues)
        add(CompletionCandidate::Value, V, "value", "");
      break;
    case ast::ValueType::CheckName:
      for (const DiagInfo &I : getAllDiagInfos())
        if (I.Configurable)
          add(CompletionCandidate::Value, I.Name,
              std::string(severityName(I.DefaultSeverity)) + " check", "");
      break;
    default:
      break; // Numbers, dates and strings are typed, not chosen.
    }
  }

  void modules(llvm::StringRef StdlibDir) {
    LoadOptions LO;
    LO.StdlibDir = StdlibDir.str();
    SourceManager SM;
    DiagnosticEngine Ignored;
    Loader L(SM, Ignored, LO);
    for (const std::string &Name : L.stdlibModules())
      add(CompletionCandidate::Module, Name, "standard library module", "");
  }

  void add(CompletionCandidate::KindTy K, llvm::StringRef Label,
           llvm::StringRef Detail, llvm::StringRef Doc) {
    CompletionCandidate Cand;
    Cand.Kind = K;
    Cand.Label = Label.str();
    Cand.Detail = Detail.str();
    Cand.Documentation = Doc.str();
    R.Items.push_back(std::move(Cand));
  }

private:
  const Compilation &C;
  const sema::Model &M;
  CompletionResult &R;
};
} // namespace

/// Every candidate for the position, unranked.
static void collect(const Compilation &C, FileID File, llvm::StringRef Text,
                    uint32_t Offset, uint32_t Begin, CompletionResult &R) {
  Completer Out(C, R);
  std::vector<llvm::StringRef> Before = wordsBefore(Text, Begin);

  const ast::File *F = C.fileAST(File);
  // In a comment or a string nothing is offered.
  if (F) {
    for (const ast::Comment &Com : F->Comments)
      if (Com.Range.Begin < Offset && Offset <= Com.Range.End)
        return;
  }

  if (!Before.empty() && Before.front() == "import") {
    if (Before.size() == 1)
      Out.modules(C.stdlibDir());
    return;
  }
  const ast::Decl *D = F ? enclosingBlock(*F, Offset) : nullptr;
  if (!D) {
    if (Before.empty()) {
      Out.add(CompletionCandidate::Keyword, "import", "import a module or file",
              "`import std.raci` or `import \"file.remit\"`");
      Out.keywords(ast::topLevelKinds());
    }
    return;
  }
  // The key of the property being written: the nearest word back in the
  // statement that is a key of this declaration (or one of its rights), so
  // one-line blocks with several properties work too.
  const ast::DeclSpec &Spec = ast::getDeclSpec(D->Kind);
  std::vector<sema::EntityID> Rights;
  if (Spec.AcceptsRights)
    Rights = Out.frameworkRights(*D);
  auto IsRight = [&](llvm::StringRef W) {
    return llvm::any_of(
        Rights, [&](sema::EntityID R) { return C.model().nameOf(R) == W; });
  };
  const ast::PropertySpec *P = nullptr;
  size_t KeyAt = Before.size();
  while (KeyAt > 0 && !P) {
    llvm::StringRef W = Before[--KeyAt];
    if ((P = Spec.find(W)))
      break;
    if (IsRight(W))
      P = &ast::getRightPropertySpec();
  }
  if (!P || P->isFlag()) {
    Out.keyPosition(*D);
    return;
  }
  llvm::ArrayRef<llvm::StringRef> Rest =
      llvm::ArrayRef<llvm::StringRef>(Before).drop_front(KeyAt + 1);
  bool AfterComma = false;
  for (size_t I = Begin; I > 0; --I) {
    char Ch = Text[I - 1];
    if (Ch == ' ' || Ch == '\t')
      continue;
    AfterComma = Ch == ',';
    break;
  }
  const ast::SlotSpec *Chosen = nullptr;
  if (!Rest.empty())
    for (const ast::SlotSpec &S : P->Slots)
      if (S.Tag && Rest.back() == S.Tag)
        Chosen = &S;
  if (!Chosen && (Rest.empty() || AfterComma)) {
    // Right after the key, or a list going on: the positional slot.
    for (const ast::SlotSpec &S : P->Slots)
      if (!S.Tag || llvm::StringRef(S.Tag) == "*") {
        Chosen = &S;
        break;
      }
  }
  if (!Chosen) {
    // A value is complete: the next property, or a connector of this one.
    for (const ast::SlotSpec &S : P->Slots)
      if (S.Tag && llvm::StringRef(S.Tag) != "*")
        Out.add(CompletionCandidate::Keyword, S.Tag,
                "connector of `" + std::string(P->Key) + "`", "");
    Out.keyPosition(*D);
    return;
  }
  if (Chosen)
    Out.slot(*Chosen);
}

CompletionResult lsp::complete(const Compilation &C, FileID File,
                               llvm::StringRef Text, uint32_t Offset,
                               size_t Limit) {
  CompletionResult R;
  Offset = std::min<uint32_t>(Offset, Text.size());
  uint32_t Begin = Offset;
  while (Begin > 0 && isWordChar(Text[Begin - 1]))
    --Begin;
  R.Replace = {File, Begin, Offset};
  collect(C, File, Text, Offset, Begin, R);
  // Rank by how well each label matches the partial word, keeping the
  // collector's order within a rank, and keep the best Limit: a model with
  // thousands of roles must not send them all on every keystroke.
  llvm::StringRef Partial = Text.slice(Begin, Offset);
  std::vector<std::pair<int, size_t>> Ranked;
  for (size_t I = 0; I < R.Items.size(); ++I)
    if (std::optional<int> Score = fuzzyMatch(R.Items[I].Label, Partial))
      Ranked.push_back({*Score, I});
  std::stable_sort(
      Ranked.begin(), Ranked.end(),
      [](const auto &A, const auto &B) { return A.first < B.first; });
  R.Incomplete = Ranked.size() > Limit;
  if (R.Incomplete)
    Ranked.resize(Limit);
  std::vector<CompletionCandidate> Kept;
  Kept.reserve(Ranked.size());
  for (const auto &[Score, I] : Ranked)
    Kept.push_back(std::move(R.Items[I]));
  R.Items = std::move(Kept);
  return R;
}
