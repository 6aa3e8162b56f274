//===- Parser.cpp - The parse wrapper: text to owned AST ------------------===//
//
// Lexes with the hand-written Lexer through a filter that records comments,
// reports lexical junk and bounds nesting; parses with the generated
// RemitParser, first with SLL prediction and a strategy that bails out at the
// first syntax error, and only if that fails again with full LL under an
// error strategy that words every error for humans; then walks ANTLR's tree
// once to build the owned AST.
//
//===----------------------------------------------------------------------===//
#include "Parse/Parser.h"
#include "AST/PropertyParser.h"
#include "AST/Schema.h"
#include "Parse/Lexer.h"

#include "RemitLexer.h"
#include "RemitParser.h"
#include "antlr4-runtime.h"
#include <cstdint>
#include <mutex>
#include <optional>
#include <set>

using namespace remit;
using namespace remit::ast;
using remit::grammar::RemitLexer;
using remit::grammar::RemitParser;

static_assert(RemitLexer::RIGHT - RemitLexer::MODEL ==
                  static_cast<int>(DeclKind::Right),
              "declaration keyword tokens must follow DeclKind's order");

// The hand-written lexer numbers its kinds as the generated code does.
#define REMIT_SAME_TOKEN(KIND, TYPE)                                           \
  static_assert(static_cast<size_t>(TokenKind::KIND) == RemitLexer::TYPE,      \
                "TokenKind::" #KIND " must equal RemitLexer::" #TYPE);
REMIT_SAME_TOKEN(Import, IMPORT)
REMIT_SAME_TOKEN(Model, MODEL)
REMIT_SAME_TOKEN(Unit, UNIT)
REMIT_SAME_TOKEN(Role, ROLE)
REMIT_SAME_TOKEN(Person, PERSON)
REMIT_SAME_TOKEN(Forum, FORUM)
REMIT_SAME_TOKEN(Agent, AGENT)
REMIT_SAME_TOKEN(Metric, METRIC)
REMIT_SAME_TOKEN(Objective, OBJECTIVE)
REMIT_SAME_TOKEN(Decision, DECISION)
REMIT_SAME_TOKEN(Handoff, HANDOFF)
REMIT_SAME_TOKEN(Tradeoff, TRADEOFF)
REMIT_SAME_TOKEN(Mode, MODE)
REMIT_SAME_TOKEN(Term, TERM)
REMIT_SAME_TOKEN(Initiative, INITIATIVE)
REMIT_SAME_TOKEN(Authority, AUTHORITY)
REMIT_SAME_TOKEN(Framework, FRAMEWORK)
REMIT_SAME_TOKEN(UnitKind, UNIT_KIND)
REMIT_SAME_TOKEN(Interaction, INTERACTION)
REMIT_SAME_TOKEN(Checks, CHECKS)
REMIT_SAME_TOKEN(Right, RIGHT)
REMIT_SAME_TOKEN(LBrace, LBRACE)
REMIT_SAME_TOKEN(RBrace, RBRACE)
REMIT_SAME_TOKEN(LParen, LPAREN)
REMIT_SAME_TOKEN(RParen, RPAREN)
REMIT_SAME_TOKEN(Comma, COMMA)
REMIT_SAME_TOKEN(At, AT)
REMIT_SAME_TOKEN(Date, DATE)
REMIT_SAME_TOKEN(Duration, DURATION)
REMIT_SAME_TOKEN(Int, INT)
REMIT_SAME_TOKEN(BadDate, BAD_DATE)
REMIT_SAME_TOKEN(BadNumber, BAD_NUMBER)
REMIT_SAME_TOKEN(QName, QNAME)
REMIT_SAME_TOKEN(Ident, IDENT)
REMIT_SAME_TOKEN(String, STRING)
REMIT_SAME_TOKEN(UnterminatedString, UNTERMINATED_STRING)
REMIT_SAME_TOKEN(LineComment, LINE_COMMENT)
REMIT_SAME_TOKEN(BlockComment, BLOCK_COMMENT)
REMIT_SAME_TOKEN(UnterminatedComment, UNTERMINATED_COMMENT)
REMIT_SAME_TOKEN(Whitespace, WS)
REMIT_SAME_TOKEN(UnexpectedChar, UNEXPECTED_CHAR)
#undef REMIT_SAME_TOKEN

namespace {

/// Shared state of one file's parse. The parser's tokens hold byte offsets
/// as their start and stop indexes (ANTLRInputStream would count code
/// points), so a token's range needs no conversion.
class ParseContext {
public:
  ParseContext(const SourceManager &SM, FileID FID, DiagnosticEngine &Diags)
      : SM(SM), FID(FID), Buffer(SM.getBuffer(FID)), Diags(Diags) {}

  /// The byte range of \p T (an empty range at the end for EOF and for a
  /// token error recovery conjured).
  SourceRange rangeOf(const antlr4::Token *T) const {
    if (!T || T->getType() == antlr4::Token::EOF ||
        T->getStartIndex() == INVALID_INDEX)
      return endOfFile();
    return {FID, static_cast<uint32_t>(T->getStartIndex()),
            static_cast<uint32_t>(T->getStopIndex() + 1)};
  }

  SourceRange endOfFile() const {
    uint32_t End = Buffer.size();
    return {FID, End, End};
  }

  llvm::StringRef textOf(SourceRange R) const {
    return Buffer.slice(R.Begin, R.End);
  }

  /// "12:5" for a token, 1-based line and code-point column.
  static std::string lineCol(const antlr4::Token *T) {
    return fmt::format("{}:{}", T->getLine(), T->getCharPositionInLine() + 1);
  }

  const SourceManager &SM;
  FileID FID;
  llvm::StringRef Buffer;
  DiagnosticEngine &Diags;
};

/// The file's UTF-8 text as ANTLR's CharStream, indexed by byte. The parser
/// never reads characters; tokens ask it for their text (getText).
class ByteCharStream : public antlr4::CharStream {
public:
  explicit ByteCharStream(llvm::StringRef Text) : Text(Text) {}

  std::string getText(const antlr4::misc::Interval &I) override {
    if (I.a < 0 || I.b < I.a)
      return "";
    return Text.slice(I.a, I.b + 1).str();
  }
  std::string toString() const override { return Text.str(); }
  void consume() override {
    if (Pos < Text.size())
      ++Pos;
  }
  size_t LA(ssize_t I) override {
    if (I == 0)
      return 0;
    ssize_t At = static_cast<ssize_t>(Pos) + (I > 0 ? I - 1 : I);
    if (At < 0 || At >= static_cast<ssize_t>(Text.size()))
      return EOF;
    return static_cast<unsigned char>(Text[At]);
  }
  ssize_t mark() override { return -1; }
  void release(ssize_t) override {}
  size_t index() override { return Pos; }
  void seek(size_t Index) override { Pos = std::min(Index, Text.size()); }
  size_t size() override { return Text.size(); }
  std::string getSourceName() const override { return UNKNOWN_SOURCE_NAME; }

private:
  llvm::StringRef Text;
  size_t Pos = 0;
};

/// Sits between the lexer and the parser: records comments, reports
/// characters and comments the lexer could not accept, drops blocks nested
/// deeper than the limit so no later phase recurses without bound, and makes
/// an ANTLR token of each token the parser gets.
///
/// Its findings are held back, each tagged with the index of the token whose
/// fetch produced it, until the parser asks for that token
/// (ReleasingTokenStream). They therefore interleave with the parser's
/// findings exactly as if the lexer reported them at once, whether the file
/// was parsed once or, after a failed SLL pass, twice over the same tokens.
class FilteringTokenSource : public antlr4::TokenSource {
public:
  FilteringTokenSource(ParseContext &Ctx, File &F, const ParseOptions &Opts)
      : Ctx(Ctx), F(F), Lex(Ctx.Buffer), Chars(Ctx.Buffer),
        MaxNesting(Opts.MaxNesting), MaxNameLength(Opts.MaxNameLength),
        MaxStringLength(Opts.MaxStringLength), KeepTokens(Opts.KeepTokens) {}

  std::unique_ptr<antlr4::Token> nextToken() override {
    Current = nextSignificant();
    size_t Type = Current.Kind == TokenKind::EndOfFile
                      ? antlr4::Token::EOF
                      : static_cast<size_t>(Current.Kind);
    if (KeepTokens && Type != antlr4::Token::EOF)
      F.Tokens.push_back({kindOf(Type), Current.Begin, Current.End});
    ++NumTokens;
    // As ANTLR's lexer makes them; at the end, an EOF token from the end to
    // just before it.
    auto T = std::make_unique<antlr4::CommonToken>(
        std::make_pair(this, &Chars), Type, antlr4::Token::DEFAULT_CHANNEL,
        Current.Begin, static_cast<size_t>(Current.End) - 1);
    T->setLine(Current.Line);
    T->setCharPositionInLine(Current.Column);
    return T;
  }

  /// Reports the held findings of the tokens up to index \p Last.
  void release(size_t Last) {
    std::vector<Diagnostic> &Held = Deferred.diagnostics();
    for (; Released < Held.size() && Tags[Released] <= Last; ++Released)
      Ctx.Diags.diagnostics().push_back(std::move(Held[Released]));
  }
  /// Reports every held finding.
  void releaseAll() { release(SIZE_MAX); }

private:
  static ast::Token::KindTy kindOf(size_t Type) {
    switch (Type) {
    case RemitLexer::COMMA:
      return ast::Token::Comma;
    case RemitLexer::LBRACE:
      return ast::Token::LBrace;
    case RemitLexer::RBRACE:
      return ast::Token::RBrace;
    case RemitLexer::LPAREN:
      return ast::Token::LParen;
    case RemitLexer::RPAREN:
      return ast::Token::RParen;
    case RemitLexer::AT:
      return ast::Token::At;
    default:
      return ast::Token::Word;
    }
  }

  /// Holds back a finding of the token being fetched.
  template <typename... Ts>
  Diagnostic &report(DiagID ID, SourceRange R, const Ts &...Args) {
    Tags.push_back(NumTokens);
    return Deferred.report(ID, R, Args...);
  }

  SourceRange rangeOf(const LexedToken &T) const {
    return {Ctx.FID, T.Begin, T.End};
  }

  /// Reports a name or string longer than the limits (the token is kept).
  void checkLength(const LexedToken &T) {
    bool IsString = T.Kind == TokenKind::String;
    if (!IsString && T.Kind != TokenKind::Ident && T.Kind != TokenKind::QName)
      return;
    size_t Length = T.End - T.Begin - (IsString ? 2 : 0);
    size_t Max = IsString ? MaxStringLength : MaxNameLength;
    if (Length <= Max)
      return;
    report(DiagID::LimitExceeded, rangeOf(T),
           fmt::format("this {} is {} bytes long, over the limit of {}",
                       IsString ? "string" : "name", Length, Max));
  }

  LexedToken nextSignificant() {
    for (;;) {
      LexedToken T = Lex.next();
      switch (T.Kind) {
      case TokenKind::LineComment:
      case TokenKind::BlockComment:
        F.Comments.push_back({rangeOf(T), T.Kind == TokenKind::BlockComment});
        continue;
      case TokenKind::UnterminatedComment: {
        SourceRange R = rangeOf(T);
        F.Comments.push_back({R, true});
        report(DiagID::Syntax, {R.File, R.Begin, R.Begin + 2},
               "unterminated comment: this `/*` has no matching "
               "`*/` before the end of the file");
        continue;
      }
      case TokenKind::UnexpectedChar: {
        SourceRange R = rangeOf(T);
        if (R.Begin != LastJunkEnd)
          report(DiagID::Syntax, R,
                 fmt::format("unexpected character `{}`", Ctx.textOf(R).str()));
        LastJunkEnd = R.End;
        continue;
      }
      case TokenKind::LBrace:
        if (SkipDepth) {
          ++SkipDepth;
          continue;
        }
        if (Depth >= MaxNesting) {
          report(DiagID::LimitExceeded, rangeOf(T),
                 fmt::format("blocks are nested more than {} levels deep; the "
                             "contents of this block are skipped",
                             MaxNesting));
          SkipDepth = 1;
          continue;
        }
        ++Depth;
        return T;
      case TokenKind::RBrace:
        if (SkipDepth) {
          --SkipDepth;
          continue;
        }
        if (Depth)
          --Depth;
        return T;
      default:
        if (SkipDepth && T.Kind != TokenKind::EndOfFile)
          continue;
        checkLength(T);
        return T;
      }
    }
  }

public:
  /// Where the token made last starts.
  size_t getLine() const override { return Current.Line; }
  size_t getCharPositionInLine() override { return Current.Column; }
  antlr4::CharStream *getInputStream() override { return &Chars; }
  std::string getSourceName() override { return Chars.getSourceName(); }
  antlr4::TokenFactory<antlr4::CommonToken> *getTokenFactory() override {
    return antlr4::CommonTokenFactory::DEFAULT.get();
  }

private:
  ParseContext &Ctx;
  File &F;
  Lexer Lex;
  ByteCharStream Chars;
  LexedToken Current;
  unsigned MaxNesting, MaxNameLength, MaxStringLength;
  bool KeepTokens;
  unsigned Depth = 0;
  unsigned SkipDepth = 0;
  uint32_t LastJunkEnd = UINT32_MAX;
  /// Tokens returned so far: the index the stream gives the next one.
  size_t NumTokens = 0;
  /// Findings not yet reported, and the token index of each.
  DiagnosticEngine Deferred;
  std::vector<size_t> Tags;
  size_t Released = 0;
};

/// The parser's token stream. It reports the lexical findings of each token
/// when the parser first asks for the token, except while Holding (the SLL
/// pass, whose result may be thrown away).
class ReleasingTokenStream : public antlr4::CommonTokenStream {
public:
  explicit ReleasingTokenStream(FilteringTokenSource &Source)
      : CommonTokenStream(&Source), Source(Source) {}

  bool Holding = false;

protected:
  bool sync(size_t I) override {
    bool Fetched = CommonTokenStream::sync(I);
    if (!Holding)
      Source.release(I);
    return Fetched;
  }

private:
  FilteringTokenSource &Source;
};

/// "`role`", "end of file", "the string \"x\"": a token as messages quote it.
std::string describeToken(const antlr4::Token *T) {
  if (!T || T->getType() == antlr4::Token::EOF)
    return "end of file";
  if (T->getType() == RemitLexer::STRING)
    return "the string " + T->getText();
  return "`" + T->getText() + "`";
}

/// Words ANTLR's errors for humans, from the rule being parsed.
class FriendlyErrorStrategy : public antlr4::DefaultErrorStrategy {
public:
  explicit FriendlyErrorStrategy(ParseContext &Ctx) : Ctx(Ctx) {}

protected:
  void
  reportNoViableAlternative(antlr4::Parser *P,
                            const antlr4::NoViableAltException &E) override {
    report(P, E.getOffendingToken());
  }
  void reportInputMismatch(antlr4::Parser *P,
                           const antlr4::InputMismatchException &E) override {
    report(P, E.getOffendingToken());
  }
  void
  reportFailedPredicate(antlr4::Parser *P,
                        const antlr4::FailedPredicateException &E) override {
    report(P, E.getOffendingToken());
  }
  void reportUnwantedToken(antlr4::Parser *P) override {
    if (inErrorRecoveryMode(P))
      return;
    beginErrorCondition(P);
    report(P, P->getCurrentToken());
  }
  void reportMissingToken(antlr4::Parser *P) override {
    if (inErrorRecoveryMode(P))
      return;
    beginErrorCondition(P);
    report(P, P->getCurrentToken());
  }

private:
  void report(antlr4::Parser *P, antlr4::Token *Offending) {
    antlr4::ParserRuleContext *Rule = P->getContext();
    SourceRange Where = Ctx.rangeOf(Offending);
    std::string Found = describeToken(Offending);
    size_t Index = Rule ? Rule->getRuleIndex()
                        : static_cast<size_t>(RemitParser::RuleFile);

    if (Index == RemitParser::RuleBlock || Index == RemitParser::RuleMember) {
      auto *Decl = enclosingDeclaration(Rule);
      std::string What =
          !Decl ? std::string("block")
          : Decl->name
              ? fmt::format("{} `{}`", Decl->declKeyword()->getText(),
                            Decl->name->getText())
              : fmt::format("`{}` block", Decl->declKeyword()->getText());
      if (!Offending || Offending->getType() == antlr4::Token::EOF) {
        antlr4::Token *Open =
            Decl && Decl->block() ? Decl->block()->getStart() : nullptr;
        Diagnostic &D = Ctx.Diags.report(
            DiagID::Syntax, Where,
            fmt::format("expected `}}` to close {}{}", What,
                        Open ? " opened at " + Ctx.lineCol(Open) : ""));
        if (Open)
          D.note(Ctx.rangeOf(Open), fmt::format("{} opened here", What));
        return;
      }
      if (Offending->getType() == RemitLexer::IMPORT) {
        Ctx.Diags.report(DiagID::Syntax, Where,
                         fmt::format("`import` is only allowed at the top "
                                     "level of a file, not inside {}",
                                     What));
        return;
      }
      Ctx.Diags.report(DiagID::Syntax, Where,
                       fmt::format("unexpected {} in {}; expected a property, "
                                   "a nested declaration or `}}`",
                                   Found, What));
      return;
    }
    if (Index == RemitParser::RuleAnnotation) {
      auto *A = static_cast<RemitParser::AnnotationContext *>(Rule);
      if (!A->name || A->name->getTokenIndex() == INVALID_INDEX) {
        Ctx.Diags.report(DiagID::Syntax, Where,
                         fmt::format("expected an annotation name such as "
                                     "`allow` after `@`, found {}",
                                     Found));
        return;
      }
      Ctx.Diags.report(
          DiagID::Syntax, Where,
          fmt::format("expected `)` to close the arguments of `@{}` opened "
                      "at {}, found {}",
                      A->name->getText(),
                      A->LPAREN() ? Ctx.lineCol(A->LPAREN()->getSymbol())
                                  : Ctx.lineCol(A->getStart()),
                      Found));
      return;
    }
    if (Index == RemitParser::RuleAnnotatedDecl) {
      Ctx.Diags.report(DiagID::Syntax, Where,
                       fmt::format("expected a declaration after the "
                                   "annotation, found {}",
                                   Found));
      return;
    }
    if (Index == RemitParser::RuleImportDecl) {
      Ctx.Diags.report(DiagID::Syntax, Where,
                       fmt::format("expected a module name such as "
                                   "`std.raci` or a quoted file path after "
                                   "`import`, found {}",
                                   Found));
      return;
    }
    Ctx.Diags.report(DiagID::Syntax, Where,
                     fmt::format("unexpected {}; expected a declaration or "
                                 "`import`",
                                 Found));
  }

  static RemitParser::DeclarationContext *
  enclosingDeclaration(antlr4::ParserRuleContext *Rule) {
    for (antlr4::RuleContext *C = Rule; C;
         C = dynamic_cast<antlr4::RuleContext *>(C->parent))
      if (auto *D = dynamic_cast<RemitParser::DeclarationContext *>(C))
        return D;
    return nullptr;
  }

  ParseContext &Ctx;
};

/// The first child of \p Ctx whose class is \p T, a context class of the
/// generated parser; what the generated accessor `Ctx->t()` returns, without
/// a dynamic_cast per child (no class derives from the generated ones).
template <typename T> T *firstChild(antlr4::ParserRuleContext *Ctx) {
  for (antlr4::tree::ParseTree *C : Ctx->children)
    if (typeid(*C) == typeid(T))
      return static_cast<T *>(C);
  return nullptr;
}

/// The first token child of \p Ctx of type \p Type, as the generated
/// accessors `Ctx->LBRACE()` etc. return it.
antlr4::tree::TerminalNode *firstToken(antlr4::ParserRuleContext *Ctx,
                                       size_t Type) {
  for (antlr4::tree::ParseTree *C : Ctx->children)
    if (auto *T = dynamic_cast<antlr4::tree::TerminalNode *>(C))
      if (T->getSymbol()->getType() == Type)
        return T;
  return nullptr;
}

/// A declaration's parts, found in one pass over each context's children.
struct DeclParts {
  RemitParser::DeclarationContext *DC = nullptr;
  /// The keyword's first token; null if the declaration has no keyword.
  antlr4::Token *Keyword = nullptr;
  RemitParser::BlockContext *Block = nullptr;
  bool HasAnnotations = false;

  explicit DeclParts(RemitParser::AnnotatedDeclContext *AD) {
    for (antlr4::tree::ParseTree *C : AD->children) {
      if (typeid(*C) == typeid(RemitParser::AnnotationContext))
        HasAnnotations = true;
      else if (!DC && typeid(*C) == typeid(RemitParser::DeclarationContext))
        DC = static_cast<RemitParser::DeclarationContext *>(C);
    }
    if (!DC)
      return;
    RemitParser::DeclKeywordContext *KC = nullptr;
    for (antlr4::tree::ParseTree *C : DC->children) {
      if (!KC && typeid(*C) == typeid(RemitParser::DeclKeywordContext))
        KC = static_cast<RemitParser::DeclKeywordContext *>(C);
      else if (!Block && typeid(*C) == typeid(RemitParser::BlockContext))
        Block = static_cast<RemitParser::BlockContext *>(C);
    }
    if (KC)
      Keyword = KC->getStart();
  }
};

/// Walks ANTLR's tree once and builds the owned AST.
class TreeBuilder {
public:
  TreeBuilder(ParseContext &Ctx, File &F, antlr4::TokenStream &Tokens)
      : Ctx(Ctx), F(F), Tokens(Tokens) {}

  void buildFile(RemitParser::FileContext *FC) {
    bool InStrayRun = false;
    for (antlr4::tree::ParseTree *C : FC->children) {
      if (typeid(*C) != typeid(RemitParser::TopItemContext))
        continue;
      auto *Item = static_cast<RemitParser::TopItemContext *>(C);
      if (auto *S = firstChild<RemitParser::StrayContext>(Item)) {
        if (!InStrayRun)
          reportStray(S);
        InStrayRun = true;
        continue;
      }
      InStrayRun = false;
      if (auto *I = firstChild<RemitParser::ImportDeclContext>(Item))
        buildImport(I);
      else if (auto *D = firstChild<RemitParser::AnnotatedDeclContext>(Item))
        if (Decl *Built = buildDecl(DeclParts(D), D, nullptr)) {
          if (!(topLevelKinds() & kindBit(Built->Kind))) {
            Ctx.Diags.report(DiagID::DeclMisplaced, Built->KeywordRange,
                             fmt::format("{} cannot be declared at the top "
                                         "level; rights are declared inside "
                                         "a `framework`",
                                         describeKind(Built->Kind)));
            continue;
          }
          F.Decls.push_back(Built);
        }
    }
  }

private:
  void reportStray(RemitParser::StrayContext *S) {
    antlr4::Token *T = S->getStart();
    SourceRange R = Ctx.rangeOf(T);
    if (S->RBRACE()) {
      Ctx.Diags.report(DiagID::Syntax, R,
                       "unmatched `}`: no open block to close");
      return;
    }
    if (auto *W = S->word()) {
      Word Converted = toWord(W);
      if (Converted.Kind == Word::BadNumber ||
          Converted.Kind == Word::BadDate ||
          Converted.Kind == Word::UnterminatedString) {
        Value Ignored;
        convertWord(Converted, F, Ctx.Diags, Ignored);
        return;
      }
    }
    Ctx.Diags.report(DiagID::Syntax, R,
                     fmt::format("expected a declaration such as `unit`, "
                                 "`role` or `decision`, or an `import`, "
                                 "found {}",
                                 describeToken(T)));
  }

  void buildImport(RemitParser::ImportDeclContext *I) {
    if (!I->target)
      return; // Reported by the error strategy.
    Word W = tokenWord(I->target);
    Import Imp;
    Imp.Range = {Ctx.FID, Ctx.rangeOf(I->getStart()).Begin, W.Range.End};
    if (!convertWord(W, F, Ctx.Diags, Imp.Target))
      return;
    F.Imports.push_back(Imp);
  }

  Word tokenWord(antlr4::Token *T) const {
    Word W;
    W.Range = Ctx.rangeOf(T);
    W.Text = Ctx.textOf(W.Range);
    switch (T->getType()) {
    case RemitLexer::IDENT:
      W.Kind = Word::Name;
      break;
    case RemitLexer::QNAME:
      W.Kind = Word::QualifiedName;
      break;
    case RemitLexer::STRING:
      W.Kind = Word::String;
      break;
    case RemitLexer::INT:
      W.Kind = Word::Integer;
      break;
    case RemitLexer::DURATION:
      W.Kind = Word::Duration;
      break;
    case RemitLexer::DATE:
      W.Kind = Word::Date;
      break;
    case RemitLexer::BAD_NUMBER:
      W.Kind = Word::BadNumber;
      break;
    case RemitLexer::BAD_DATE:
      W.Kind = Word::BadDate;
      break;
    case RemitLexer::UNTERMINATED_STRING:
      W.Kind = Word::UnterminatedString;
      break;
    default:
      // Declaration keywords reach here only as the key of a `framework X`
      // property; everything else left is a comma.
      W.Kind =
          T->getType() >= RemitLexer::MODEL && T->getType() <= RemitLexer::RIGHT
              ? Word::Name
              : Word::Comma;
      break;
    }
    return W;
  }

  Word toWord(RemitParser::WordContext *W) const {
    return tokenWord(W->getStart());
  }

  /// Whether the annotation's name was written (not conjured by recovery).
  static bool hasName(RemitParser::AnnotationContext *AC) {
    return AC->name && AC->name->getTokenIndex() != INVALID_INDEX;
  }

  Annotation buildAnnotation(RemitParser::AnnotationContext *AC) {
    Annotation A;
    SourceRange Start = Ctx.rangeOf(AC->getStart());
    A.Range = Start;
    if (hasName(AC)) {
      A.NameRange = Ctx.rangeOf(AC->name);
      A.Name = Ctx.textOf(A.NameRange);
      A.Range.End = A.NameRange.End;
    }
    std::vector<Word> Words;
    for (RemitParser::WordContext *W : AC->word())
      Words.push_back(toWord(W));
    if (AC->RPAREN())
      A.Range.End = Ctx.rangeOf(AC->RPAREN()->getSymbol()).End;
    else if (!Words.empty())
      A.Range.End = Words.back().Range.End;
    parseAnnotationArgs(Words, A, F, Ctx.Diags);
    if (hasName(AC))
      A.Valid = validateAnnotation(A, Ctx.Diags);
    return A;
  }

  /// A blockless `framework raci` inside a model, decision or ladder is the
  /// `framework` property, not a declaration.
  static bool isFrameworkProperty(const DeclParts &P, const Decl *Parent) {
    return Parent && P.Keyword &&
           P.Keyword->getType() == RemitLexer::FRAMEWORK && !P.DC->title &&
           !P.Block && getDeclSpec(Parent->Kind).find("framework");
  }

  /// The declaration \p AD, whose parts are \p P.
  Decl *buildDecl(const DeclParts &P, RemitParser::AnnotatedDeclContext *AD,
                  Decl *Parent) {
    RemitParser::DeclarationContext *DC = P.DC;
    if (!DC || !P.Keyword)
      return nullptr;
    // After a syntax error ANTLR may leave a keyword context that starts on
    // another token; such a declaration was already reported.
    size_t Keyword = P.Keyword->getType();
    if (Keyword < RemitLexer::MODEL || Keyword > RemitLexer::RIGHT)
      return nullptr;
    // A keyword written where a name belongs (`role unit { ... }`) was
    // reported with the declaration that lacks the name; what it would start
    // is not a declaration, so neither it nor its findings are kept.
    size_t Mark = Ctx.Diags.diagnostics().size();
    bool UsedAsName = !ReservedAsName.empty() &&
                      ReservedAsName.count(P.Keyword->getTokenIndex());
    Decl *D = F.createDecl();
    D->Parent = Parent;
    D->Kind = static_cast<DeclKind>(Keyword - RemitLexer::MODEL);
    D->KeywordRange = Ctx.rangeOf(P.Keyword);
    if (P.HasAnnotations)
      for (antlr4::tree::ParseTree *C : AD->children)
        if (typeid(*C) == typeid(RemitParser::AnnotationContext))
          D->Annotations.push_back(buildAnnotation(
              static_cast<RemitParser::AnnotationContext *>(C)));
    D->Range = D->Annotations.empty()
                   ? D->KeywordRange
                   : SourceRange{Ctx.FID, D->Annotations.front().Range.Begin,
                                 D->KeywordRange.End};
    if (DC->name) {
      D->NameRange = Ctx.rangeOf(DC->name);
      D->Name = Ctx.textOf(D->NameRange);
      D->Range.End = D->NameRange.End;
    } else if (getDeclSpec(D->Kind).NeedsName) {
      // The token after the keyword says why the name is missing.
      antlr4::Token *Next = Tokens.get(P.Keyword->getTokenIndex() + 1);
      SourceRange At = Ctx.rangeOf(Next);
      std::string Why;
      if (Next->getType() >= RemitLexer::IMPORT &&
          Next->getType() <= RemitLexer::RIGHT) {
        Why = fmt::format("; `{}` is a reserved word and cannot be a name",
                          Next->getText());
        ReservedAsName.insert(Next->getTokenIndex());
      }
      Ctx.Diags.report(DiagID::Syntax, At,
                       fmt::format("expected a name after `{}`{}",
                                   keywordOf(D->Kind).str(), Why));
    }
    if (DC->title) {
      Value Title;
      if (convertWord(tokenWord(DC->title), F, Ctx.Diags, Title))
        D->Title = Title;
      D->Range.End = Ctx.rangeOf(DC->title).End;
    }
    if (P.Block)
      buildBlock(P.Block, *D);
    if (UsedAsName) {
      Ctx.Diags.diagnostics().resize(Mark);
      return nullptr;
    }
    return D;
  }

  void buildBlock(RemitParser::BlockContext *B, Decl &D) {
    D.HasBlock = true;
    antlr4::tree::TerminalNode *Open = firstToken(B, RemitParser::LBRACE);
    D.OpenBrace = Ctx.rangeOf(Open ? Open->getSymbol() : B->getStart());
    D.Range.End = D.OpenBrace.End;
    // This block's words go on the shared stack after those of the blocks
    // around it, and come off once its properties are split.
    size_t FirstWord = Words.size();
    const DeclSpec &Spec = getDeclSpec(D.Kind);
    antlr4::tree::TerminalNode *Close = nullptr;
    for (antlr4::tree::ParseTree *C : B->children) {
      if (typeid(*C) != typeid(RemitParser::MemberContext)) {
        if (!Close)
          if (auto *T = dynamic_cast<antlr4::tree::TerminalNode *>(C))
            if (T->getSymbol()->getType() == RemitParser::RBRACE)
              Close = T;
        continue;
      }
      auto *M = static_cast<RemitParser::MemberContext *>(C);
      if (RemitParser::WordContext *W =
              firstChild<RemitParser::WordContext>(M)) {
        Words.push_back(toWord(W));
        D.Range.End = Words.back().Range.End;
        continue;
      }
      auto *AD = firstChild<RemitParser::AnnotatedDeclContext>(M);
      if (!AD)
        continue;
      DeclParts P(AD);
      if (!P.DC || !P.Keyword)
        continue;
      if (isFrameworkProperty(P, &D) && !P.HasAnnotations) {
        Words.push_back(tokenWord(P.DC->getStart()));
        if (P.DC->name)
          Words.push_back(tokenWord(P.DC->name));
        D.Range.End = Words.back().Range.End;
        continue;
      }
      size_t Mark = Ctx.Diags.diagnostics().size();
      Decl *Child = buildDecl(P, AD, &D);
      if (!Child)
        continue;
      // A lone keyword inside a block (`reports_to decision`) is a reserved
      // word used as a value, not a declaration.
      if (Child->Name.empty() && !Child->Title && !Child->HasBlock &&
          Child->Annotations.empty() && getDeclSpec(Child->Kind).NeedsName) {
        Ctx.Diags.diagnostics().resize(Mark);
        Ctx.Diags.report(DiagID::Syntax, Child->KeywordRange,
                         fmt::format("`{}` is a reserved word and cannot be "
                                     "used as a name",
                                     keywordOf(Child->Kind).str()));
        continue;
      }
      D.Range.End = std::max(D.Range.End, Child->Range.End);
      if (!(Spec.Children & kindBit(Child->Kind))) {
        reportMisplaced(*Child, D);
        continue;
      }
      D.Children.push_back(Child);
    }
    if (Close &&
        Close->getSymbol()->getTokenIndex() != static_cast<size_t>(-1)) {
      D.CloseBrace = Ctx.rangeOf(Close->getSymbol());
      D.Range.End = D.CloseBrace.End;
    }
    parseProperties(llvm::makeArrayRef(Words).drop_front(FirstWord), D, F,
                    Ctx.Diags);
    Words.resize(FirstWord);
  }

  void reportMisplaced(const Decl &Child, const Decl &Parent) {
    std::string Where;
    if (Child.Kind == DeclKind::Right)
      Where = "rights are declared inside a `framework`";
    else if (Child.Kind == DeclKind::Model || Child.Kind == DeclKind::Checks ||
             Child.Kind == DeclKind::Mode || Child.Kind == DeclKind::Framework)
      Where = fmt::format("`{}` belongs at the top level of a file",
                          keywordOf(Child.Kind).str());
    else
      Where = fmt::format("declare it at the top level or inside a `unit`");
    std::string Inside = describeKind(Parent.Kind);
    if (!Parent.Name.empty())
      Inside += fmt::format(" `{}`", Parent.Name.str());
    Ctx.Diags.report(DiagID::DeclMisplaced, Child.KeywordRange,
                     fmt::format("{} cannot be declared inside {}; {}",
                                 describeKind(Child.Kind), Inside, Where));
  }

  ParseContext &Ctx;
  File &F;
  antlr4::TokenStream &Tokens;
  /// Indexes of keyword tokens written where a name belongs.
  std::set<size_t> ReservedAsName;
  /// The words of the blocks being built, innermost last.
  std::vector<Word> Words;
};

/// ANTLR's prediction caches (one DFA per grammar decision and the shared
/// context cache) for one parser at a time. The generated parser keeps one
/// set in static members that every parser instance shares, and the 4.9
/// runtime does not guard all of it (issue antlr4#3332: a decision's start
/// state is swapped without a lock), so files parsed on several threads each
/// lease their own set. Sets are pooled and kept for the life of the
/// process: a warm DFA is what makes the next parse fast.
struct PredictionCaches {
  std::vector<antlr4::dfa::DFA> DFAs;
  antlr4::atn::PredictionContextCache Contexts;

  explicit PredictionCaches(const antlr4::atn::ATN &ATN) {
    size_t Decisions = ATN.getNumberOfDecisions();
    DFAs.reserve(Decisions);
    for (size_t I = 0; I < Decisions; ++I)
      DFAs.emplace_back(ATN.getDecisionState(I), I);
  }
};

/// The pool of PredictionCaches: at most one set per thread that ever parsed
/// at the same time as another.
class PredictionCachePool {
public:
  std::unique_ptr<PredictionCaches> acquire(const antlr4::atn::ATN &ATN) {
    {
      std::lock_guard<std::mutex> Lock(M);
      if (!Free.empty()) {
        std::unique_ptr<PredictionCaches> C = std::move(Free.back());
        Free.pop_back();
        return C;
      }
    }
    return std::make_unique<PredictionCaches>(ATN);
  }
  void release(std::unique_ptr<PredictionCaches> C) {
    std::lock_guard<std::mutex> Lock(M);
    Free.push_back(std::move(C));
  }

private:
  std::mutex M;
  std::vector<std::unique_ptr<PredictionCaches>> Free;
};

/// Gives a parser a leased set of caches. The lease must outlive the parser,
/// whose simulator (deleted by the parser) points into the caches.
class PredictionCacheLease {
public:
  explicit PredictionCacheLease(RemitParser &Parser)
      : Caches(pool().acquire(Parser.getATN())) {
    // The generated parser made a simulator over the static caches; replace
    // it with one over ours (setInterpreter deletes the old one, and the
    // parser deletes ours).
    Parser.setInterpreter(new antlr4::atn::ParserATNSimulator(
        &Parser, Parser.getATN(), Caches->DFAs, Caches->Contexts));
  }
  ~PredictionCacheLease() { pool().release(std::move(Caches)); }
  PredictionCacheLease(const PredictionCacheLease &) = delete;
  PredictionCacheLease &operator=(const PredictionCacheLease &) = delete;

private:
  static PredictionCachePool &pool() {
    static PredictionCachePool Pool;
    return Pool;
  }
  std::unique_ptr<PredictionCaches> Caches;
};

} // namespace

std::unique_ptr<File> remit::parseFile(const SourceManager &SM, FileID FID,
                                       DiagnosticEngine &Diags,
                                       const ParseOptions &Opts) {
  auto F = std::make_unique<File>(FID);
  ParseContext Ctx(SM, FID, Diags);
  try {
    FilteringTokenSource Source(Ctx, *F, Opts);
    ReleasingTokenStream Tokens(Source);
    try {
      // The lease is released after the parser (and its simulator) is gone.
      std::optional<PredictionCacheLease> Lease;
      RemitParser Parser(&Tokens);
      Lease.emplace(Parser);
      Parser.removeErrorListeners();
      auto *Simulator =
          Parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
      RemitParser::FileContext *Tree = nullptr;
      if (!Opts.ForceLL) {
        // Stage 1: SLL prediction, which never falls back to full-context
        // prediction, and no error recovery. A file it parses without error
        // gets the tree full LL would build.
        Tokens.Holding = true;
        Simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
        Parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
        try {
          Tree = Parser.file();
        } catch (const antlr4::ParseCancellationException &) {
          Tree = nullptr;
        }
        Tokens.Holding = false;
      }
      if (!Tree) {
        // Stage 2: a syntax error, or an SLL choice that failed. Full LL
        // with recovery over the tokens already lexed; reset() drops the
        // partial tree and rewinds the stream.
        Simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
        Parser.setErrorHandler(std::make_shared<FriendlyErrorStrategy>(Ctx));
        Parser.reset();
        Tree = Parser.file();
      }
      Source.releaseAll();
      TreeBuilder(Ctx, *F, Tokens).buildFile(Tree);
      // ANTLR's tree belongs to the parser and is freed here, as soon as the
      // AST is built; the tokens and the text follow.
    } catch (...) {
      Source.releaseAll();
      throw;
    }
  } catch (const std::exception &E) {
    // The runtime should never throw on any input; if it does, the file is
    // reported rather than the process brought down.
    Diags.report(DiagID::Syntax, Ctx.endOfFile(),
                 fmt::format("internal parser error: {}", E.what()));
  }
  return F;
}

namespace {

/// ANTLR's character stream over valid UTF-8, decoded into a buffer of
/// exactly the right size, one code point per index. (The runtime's own
/// conversion reserves five code points per input byte, and it drops a
/// leading byte order mark, which Remit lexes as whitespace.)
class CodePointStream : public antlr4::ANTLRInputStream {
public:
  explicit CodePointStream(llvm::StringRef Text) {
    for (size_t I = 0; I < Text.size();) {
      CodePoint CP = decodeUTF8(Text, I);
      _data.push_back(CP.Valid ? CP.Value : 0xFFFD);
      I += CP.Len;
    }
    p = 0;
  }
};

} // namespace

std::vector<LexedToken> remit::lexWithGrammar(llvm::StringRef Text) {
  CodePointStream Input(Text);
  RemitLexer Lexer(&Input);
  Lexer.removeErrorListeners();
  std::vector<LexedToken> Tokens;
  // Tokens come in order, so one cursor maps code-point indexes to bytes.
  size_t CodePoints = 0, Byte = 0;
  auto ByteOf = [&](size_t CP) {
    for (; CodePoints < CP && Byte < Text.size(); ++CodePoints)
      Byte += decodeUTF8(Text, Byte).Len;
    return static_cast<uint32_t>(Byte);
  };
  for (;;) {
    std::unique_ptr<antlr4::Token> T = Lexer.nextToken();
    LexedToken L;
    L.Line = T->getLine();
    L.Column = T->getCharPositionInLine();
    if (T->getType() == antlr4::Token::EOF) {
      L.Begin = L.End = Text.size();
      Tokens.push_back(L);
      return Tokens;
    }
    L.Kind = static_cast<TokenKind>(T->getType());
    L.Begin = ByteOf(T->getStartIndex());
    L.End = ByteOf(T->getStopIndex() + 1);
    Tokens.push_back(L);
  }
}
