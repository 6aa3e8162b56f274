//===- SemanticTokens.cpp - Classify every token for highlighting ---------===//
//
// Names are classified by what they resolve to (the symbol index), so a
// role is coloured as a role wherever it is written; keywords, property keys,
// framework rights, literals, annotations and comments come from the AST.
//
//===----------------------------------------------------------------------===//
#include "Features.h"
#include "llvm/ADT/DenseSet.h"

using namespace remit;
using namespace remit::lsp;
using ast::DeclKind;

namespace {
/// Legend indices; keep in step with Types below.
enum TokenType : unsigned {
  Namespace,
  Class,
  Function,
  Struct,
  Interface,
  Variable,
  Enum,
  EnumMember,
  Property,
  Keyword,
  String,
  Number,
  Comment,
  Decorator,
  Type,
  Event,
  Parameter,
  Macro,
};
constexpr llvm::StringLiteral Types[] = {
    "namespace", "class",      "function", "struct",  "interface", "variable",
    "enum",      "enumMember", "property", "keyword", "string",    "number",
    "comment",   "decorator",  "type",     "event",   "parameter", "macro"};
constexpr llvm::StringLiteral Modifiers[] = {"declaration", "readonly",
                                             "defaultLibrary", "deprecated"};
enum Modifier : unsigned {
  Declaration = 1,
  Readonly = 2,
  DefaultLibrary = 4,
  Deprecated = 8
};

unsigned typeOf(DeclKind K) {
  switch (K) {
  case DeclKind::Unit:
    return Namespace;
  case DeclKind::Role:
    return Class;
  case DeclKind::Person:
    return Variable;
  case DeclKind::Forum:
    return Struct;
  case DeclKind::Agent:
    return Interface;
  case DeclKind::Metric:
    return Variable;
  case DeclKind::Objective:
    return Event;
  case DeclKind::Decision:
    return Function;
  case DeclKind::Handoff:
    return Function;
  case DeclKind::Tradeoff:
    return Function;
  case DeclKind::Mode:
    return Enum;
  case DeclKind::Term:
    return Type;
  case DeclKind::Initiative:
    return Namespace;
  case DeclKind::Authority:
    return Struct;
  case DeclKind::Framework:
    return Namespace;
  case DeclKind::UnitKind:
    return Type;
  case DeclKind::Interaction:
    return EnumMember;
  case DeclKind::Checks:
    return Macro;
  case DeclKind::Right:
    return Property;
  case DeclKind::Model:
    return Namespace;
  }
  return Variable;
}
} // namespace

llvm::ArrayRef<llvm::StringRef> lsp::semanticTokenTypes() {
  static const std::vector<llvm::StringRef> V(std::begin(Types),
                                              std::end(Types));
  return V;
}
llvm::ArrayRef<llvm::StringRef> lsp::semanticTokenModifiers() {
  static const std::vector<llvm::StringRef> V(std::begin(Modifiers),
                                              std::end(Modifiers));
  return V;
}

std::vector<SemanticToken> lsp::semanticTokens(const Compilation &C,
                                               FileID File) {
  std::vector<SemanticToken> Out;
  const ast::File *F = C.fileAST(File);
  if (!F)
    return Out;
  const sema::Model &M = C.model();
  const SourceManager &SM = C.sources();
  auto Add = [&](SourceRange R, unsigned Type, unsigned Mods = 0) {
    if (R.isValid() && R.File == File && R.End > R.Begin)
      Out.push_back({R.Begin, R.End, Type, Mods});
  };
  // Names that resolved: coloured by what they name.
  llvm::DenseSet<uint32_t> Named;
  for (const sema::Occurrence &O : M.Symbols.all()) {
    if (O.Range.File != File || O.Target == sema::NoEntity)
      continue;
    unsigned Type = Namespace;
    unsigned Mods = O.IsDefinition ? unsigned(Declaration) : 0u;
    if (O.Target == sema::EnterpriseEntity) {
      Type = Namespace;
      Mods |= DefaultLibrary;
    } else {
      const sema::Entity &E = M.entity(O.Target);
      Type = typeOf(E.Kind);
      if (E.FromStdlib)
        Mods |= DefaultLibrary;
      if (E.Kind == DeclKind::Role && M.role(O.Target).Retired)
        Mods |= Deprecated;
    }
    Add(O.Range, Type, Mods);
    Named.insert(O.Range.Begin);
  }
  for (const ast::Import &I : F->Imports) {
    Add({File, I.Range.Begin, I.Range.Begin + 6}, Keyword);
    Add(I.Target.Range, I.isModule() ? Namespace : String,
        I.isModule() ? unsigned(DefaultLibrary) : 0u);
  }
  auto Value = [&](const ast::Value &V) {
    if (Named.count(V.Range.Begin))
      return;
    switch (V.Kind) {
    case ast::ValueKind::String:
      Add(V.Range, String);
      break;
    case ast::ValueKind::Integer:
    case ast::ValueKind::Duration:
    case ast::ValueKind::Date:
      Add(V.Range, Number);
      break;
    case ast::ValueKind::QualifiedName:
      Add(V.Range, Macro); // Check names such as `ownership.double`.
      break;
    case ast::ValueKind::Name:
      Add(V.Range, EnumMember); // Enumerated words; unresolved names.
      break;
    }
  };
  ast::forEachDecl(F->Decls, [&](const ast::Decl *D) {
    for (const ast::Annotation &A : D->Annotations) {
      Add({File, A.Range.Begin, A.NameRange.End}, Decorator);
      for (const ast::Arg &Arg : A.Args) {
        Add(Arg.TagRange, Keyword);
        Value(Arg.Val);
      }
    }
    Add(D->KeywordRange, Keyword);
    if (D->Title)
      Add(D->Title->Range, String);
    for (const ast::Property &P : D->Properties) {
      if (!Named.count(P.KeyRange.Begin))
        Add(P.KeyRange, Property, P.IsRight ? 0u : unsigned(Readonly));
      for (const ast::Arg &Arg : P.Args) {
        if (!Named.count(Arg.TagRange.Begin))
          Add(Arg.TagRange, Arg.Tag.empty() ? Property : Keyword);
        Value(Arg.Val);
      }
    }
  });
  // Comments may span lines: one token per line.
  for (const ast::Comment &Com : F->Comments) {
    uint32_t At = Com.Range.Begin;
    while (At < Com.Range.End) {
      LineColumn LC = SM.getLineAndByteColumn(File, At);
      uint32_t LineEnd = LC.Line + 1 < SM.getNumLines(File)
                             ? SM.getLineStart(File, LC.Line + 1)
                             : SM.getBuffer(File).size();
      uint32_t End = std::min(Com.Range.End, LineEnd);
      llvm::StringRef Piece = SM.getBuffer(File).slice(At, End);
      uint32_t Trimmed = End - (Piece.size() - Piece.rtrim("\r\n").size());
      Add({File, At, Trimmed}, Comment);
      At = LineEnd;
    }
  }
  std::sort(Out.begin(), Out.end(),
            [](const SemanticToken &A, const SemanticToken &B) {
              return std::tie(A.Begin, A.End) < std::tie(B.Begin, B.End);
            });
  // Keep the first of overlapping tokens (a name inside a wider literal).
  std::vector<SemanticToken> Clean;
  for (const SemanticToken &T : Out)
    if (Clean.empty() || T.Begin >= Clean.back().End)
      Clean.push_back(T);
  return Clean;
}
