//===- AST.h - The owned syntax tree of one Remit file ----------*- C++ -*-===//
//
// Built by the parse wrapper from ANTLR's tree, which is dropped right after.
// Every node carries a byte range. Names and raw values are StringRefs into the
// SourceManager's buffer; unescaped strings live in the file's arena. The AST
// is generic: a declaration holds properties whose shapes the schema
// (Schema.h) describes, so one mechanism serves every declaration kind.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_AST_AST_H
#define REMIT_AST_AST_H

#include "Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Allocator.h"
#include <cstdint>
#include <optional>
#include <vector>

namespace remit::ast {

/// Every declaration keyword of the language.
enum class DeclKind : uint8_t {
  Model,
  Unit,
  Role,
  Person,
  Forum,
  Agent,
  Metric,
  Objective,
  Decision,
  Handoff,
  Tradeoff,
  Mode,
  Term,
  Initiative,
  Authority,
  Framework,
  UnitKind,
  Interaction,
  Checks,
  Right,
};
constexpr unsigned NumDeclKinds = static_cast<unsigned>(DeclKind::Right) + 1;

/// The keyword that introduces \p K, e.g. `unit_kind`.
llvm::StringRef keywordOf(DeclKind K);
/// "a role", "an agent": \p K with its article, for messages.
std::string describeKind(DeclKind K);

enum class ValueKind : uint8_t {
  Name,          ///< `ceo`
  QualifiedName, ///< `std.raci`, `ownership.double`
  String,        ///< `"text"` (Text is unescaped)
  Integer,       ///< `42`
  Duration,      ///< `48h`, `5d`, `2w` (Number is hours)
  Date,          ///< `2026-12-31` (Number is days since 1970-01-01)
};

/// A literal or a name as written.
struct Value {
  ValueKind Kind = ValueKind::Name;
  SourceRange Range;
  llvm::StringRef Text; ///< Source text; the unescaped contents for strings.
  int64_t Number = 0;   ///< Integer, hours or days, see ValueKind.
};

/// One argument of a property or annotation: a value, optionally introduced
/// by a connector word (`after 5d`, `over b`) or a right name in a tier.
struct Arg {
  llvm::StringRef Tag; ///< Empty for positional arguments.
  SourceRange TagRange;
  Value Val;
  uint8_t Slot = 0; ///< Index of the schema slot this argument fills.
};

/// `key arg, arg` or a flag such as `final`.
struct Property {
  llvm::StringRef Key;
  SourceRange KeyRange;
  SourceRange Range; ///< From the key to the last argument.
  std::vector<Arg> Args;
  bool IsRight = false; ///< A framework right (a key the schema leaves open).
};

/// `@allow(check.name, "reason", until 2027-03-31)`.
struct Annotation {
  llvm::StringRef Name;
  SourceRange NameRange;
  SourceRange Range;
  std::vector<Arg> Args;
  bool Valid = false; ///< Name and arguments passed validateAnnotation.
};

/// `KEYWORD name "title" { properties and nested declarations }`.
struct Decl {
  DeclKind Kind = DeclKind::Unit;
  SourceRange KeywordRange;
  SourceRange Range;    ///< From the first annotation to the closing brace.
  llvm::StringRef Name; ///< Empty if the declaration has no name.
  SourceRange NameRange;
  std::optional<Value> Title;
  bool HasBlock = false;
  SourceRange OpenBrace, CloseBrace; ///< CloseBrace is invalid if missing.
  std::vector<Annotation> Annotations;
  std::vector<Property> Properties;
  std::vector<Decl *> Children;
  Decl *Parent = nullptr;

  /// The first property with \p Key, or null.
  const Property *find(llvm::StringRef Key) const;
  /// The range naming this declaration: its name, else its keyword.
  SourceRange nameOrKeywordRange() const {
    return NameRange.isValid() ? NameRange : KeywordRange;
  }
};

/// `import std.raci` or `import "shared/glossary.remit"`.
struct Import {
  SourceRange Range;
  Value Target; ///< A QualifiedName/Name for modules, a String for files.
  bool isModule() const { return Target.Kind != ValueKind::String; }
};

/// A comment, kept for the formatter.
struct Comment {
  SourceRange Range;
  bool IsBlock = false;
};

/// A significant (non-comment, non-whitespace) token, recorded only when
/// ParseOptions::KeepTokens is set: the formatter lays them out.
struct Token {
  enum KindTy : uint8_t {
    Word, ///< A name, literal or keyword.
    Comma,
    LBrace,
    RBrace,
    LParen,
    RParen,
    At,
  };
  KindTy Kind = Word;
  uint32_t Begin = 0, End = 0; ///< Byte offsets in the file.
};

/// The AST of one file. Owns its nodes.
class File {
public:
  explicit File(FileID ID) : ID(ID) {}
  File(const File &) = delete;
  File &operator=(const File &) = delete;

  FileID ID;
  std::vector<Import> Imports;
  std::vector<Decl *> Decls;     ///< Top-level declarations in source order.
  std::vector<Comment> Comments; ///< In source order.
  std::vector<Token> Tokens; ///< In source order; see ParseOptions::KeepTokens.

  Decl *createDecl() { return new (DeclAlloc.Allocate()) Decl(); }
  /// Copies \p S into the file's arena.
  llvm::StringRef save(llvm::StringRef S);

private:
  llvm::SpecificBumpPtrAllocator<Decl> DeclAlloc;
  llvm::BumpPtrAllocator Strings;
};

/// Visits \p D and all its descendants in source order, without recursion.
template <typename Fn> void forEachDecl(llvm::ArrayRef<Decl *> Roots, Fn F) {
  std::vector<Decl *> Stack(Roots.rbegin(), Roots.rend());
  while (!Stack.empty()) {
    Decl *D = Stack.back();
    Stack.pop_back();
    F(D);
    Stack.insert(Stack.end(), D->Children.rbegin(), D->Children.rend());
  }
}

} // namespace remit::ast

#endif
