//===- Formatter.cpp - The canonical layout of Remit source ---------------===//
//
// The AST says where each item (import, declaration, property) starts and
// ends; the token list (ParseOptions::KeepTokens) and the comment list give
// every piece of text in order. A LayoutBuilder walks the AST, consuming
// tokens and comments with one cursor each, and appends them to output lines;
// a final pass aligns columns. Every token and comment is emitted exactly
// once and in order, which formatFile verifies before returning.
//
//===----------------------------------------------------------------------===//
#include "Format/Formatter.h"
#include "AST/AST.h"
#include "Parse/Lexer.h"
#include "Parse/Parser.h"
#include <algorithm>

using namespace remit;
using namespace remit::ast;

namespace {

/// Display width: code points (the text is valid UTF-8).
size_t widthOf(llvm::StringRef S) {
  size_t N = 0;
  for (char C : S)
    N += (static_cast<unsigned char>(C) & 0xC0) != 0x80;
  return N;
}

size_t countNewlines(llvm::StringRef S) { return S.count('\n'); }

/// One output line before the alignment pass.
struct Line {
  unsigned Indent = 0;
  /// The code. One-line declarations have exactly four cells (keyword, name,
  /// title, block), aligned across runs of such lines; other lines one.
  std::vector<std::string> Cells{std::string()};
  std::string Comment; ///< A trailing `//` comment.
  bool Blank = false;
  /// The keyword of a one-line declaration; empty for other lines.
  llvm::StringRef AlignKey;
};

class LayoutBuilder {
public:
  LayoutBuilder(llvm::StringRef Buf, const File &F, const FormatOptions &Opts)
      : Buf(Buf), F(F), Toks(F.Tokens), Comments(F.Comments), Opts(Opts) {}

  /// Lays out the whole file; false if the tree and the tokens disagree.
  bool run() {
    size_t I = 0, D = 0;
    while (!Failed && (I < F.Imports.size() || D < F.Decls.size())) {
      bool TakeImport = D == F.Decls.size() ||
                        (I < F.Imports.size() &&
                         F.Imports[I].Range.Begin < F.Decls[D]->Range.Begin);
      if (TakeImport) {
        const Import &Imp = F.Imports[I++];
        beginItem(Imp.Range.Begin);
        emitUntil(Imp.Range.End);
      } else {
        const Decl &Dec = *F.Decls[D++];
        beginItem(Dec.Range.Begin);
        formatDecl(Dec);
      }
    }
    flushComments(UINT32_MAX, /*ItemLevel=*/true);
    finishLine();
    return !Failed && Next == Toks.size() && NextComment == Comments.size();
  }

  /// The laid-out text, with columns aligned.
  std::string render() {
    std::vector<std::string> Code(Lines.size());
    alignDeclarations(Code);
    std::string Out;
    alignComments(Code);
    for (size_t I = 0; I < Lines.size(); ++I) {
      llvm::StringRef Text = llvm::StringRef(Code[I]).rtrim(" ");
      Out.append(Text.begin(), Text.end());
      Out += '\n';
    }
    return Out;
  }

private:
  //===--- Lines ---------------------------------------------------------===//

  void startLine(unsigned Indent) {
    finishLine();
    Cur = Line();
    Cur.Indent = Indent;
    Open = true;
  }

  void finishLine() {
    if (!Open)
      return;
    Lines.push_back(std::move(Cur));
    Open = false;
  }

  /// A blank line, unless at the start of the file or of a block, or after
  /// another blank line.
  void blankLine() {
    finishLine();
    if (Lines.empty() || Lines.back().Blank)
      return;
    const Line &Last = Lines.back();
    if (llvm::StringRef(Last.Cells.back()).endswith("{"))
      return;
    Line L;
    L.Blank = true;
    Lines.push_back(std::move(L));
  }

  std::string &cell() { return Cur.Cells.back(); }

  /// Width of the current line's code as written so far (unpadded).
  size_t currentWidth() const {
    size_t W = Cur.Indent;
    bool First = true;
    for (const std::string &C : Cur.Cells) {
      if (C.empty())
        continue;
      W += widthOf(C) + (First ? 0 : 1);
      First = false;
    }
    return W;
  }

  //===--- Comments and tokens -------------------------------------------===//

  static bool isSpace(char C) {
    return C == ' ' || C == '\t' || C == '\f' || C == '\v' || C == '\r';
  }

  std::string commentText(const Comment &C) const {
    llvm::StringRef Text = Buf.slice(C.Range.Begin, C.Range.End);
    if (!C.IsBlock)
      return Text.rtrim(" \t\f\v\r").str();
    std::string Out;
    for (size_t I = 0; I < Text.size(); ++I)
      if (!(Text[I] == '\r' && I + 1 < Text.size() && Text[I + 1] == '\n'))
        Out += Text[I];
    return Out;
  }

  /// Emits every comment that starts before \p Before. A comment that starts
  /// its source line gets a line of its own, indented as an item when
  /// \p ItemLevel, else as a continuation; a `//` comment after code on its
  /// line stays there (and ends the line); a `/* */` comment after code stays
  /// inline.
  void flushComments(uint32_t Before, bool ItemLevel) {
    while (NextComment < Comments.size() &&
           Comments[NextComment].Range.Begin < Before) {
      const Comment &C = Comments[NextComment++];
      llvm::StringRef Gap = Buf.slice(LastEnd, C.Range.Begin);
      std::string Text = commentText(C);
      bool OwnLine = !Open || countNewlines(Gap) > 0;
      if (OwnLine) {
        if (ItemLevel && countNewlines(Gap) > 1)
          blankLine();
        startLine(ItemLevel ? Indent : ContIndent);
        cell() = std::move(Text);
        finishLine();
      } else if (!C.IsBlock) {
        Cur.Comment = std::move(Text);
        finishLine();
      } else {
        if (!cell().empty())
          cell() += ' ';
        cell() += Text;
        PrevKind = Token::Word;
      }
      LastEnd = C.Range.End;
    }
  }

  static bool spaceBetween(Token::KindTy Prev, Token::KindTy Next) {
    if (Next == Token::Comma || Next == Token::RParen || Next == Token::LParen)
      return false;
    if (Prev == Token::At || Prev == Token::LParen)
      return false;
    if (Prev == Token::LBrace && Next == Token::RBrace)
      return false;
    return true;
  }

  bool atToken(uint32_t Offset) const {
    return Next < Toks.size() && Toks[Next].Begin == Offset;
  }

  /// Appends the next token, after the comments before it; \p NewCell starts
  /// a new alignment cell.
  void emitToken(bool NewCell = false) {
    if (Next >= Toks.size()) {
      Failed = true;
      return;
    }
    const Token &T = Toks[Next];
    flushComments(T.Begin, /*ItemLevel=*/false);
    bool FreshLine = !Open;
    if (FreshLine)
      startLine(ContIndent);
    if (NewCell && !FreshLine)
      Cur.Cells.emplace_back();
    std::string &C = cell();
    if (!C.empty() && spaceBetween(PrevKind, T.Kind))
      C += ' ';
    llvm::StringRef Text = Buf.slice(T.Begin, T.End);
    C.append(Text.begin(), Text.end());
    PrevKind = T.Kind;
    LastEnd = T.End;
    ++Next;
  }

  void emitUntil(uint32_t End) {
    while (!Failed && Next < Toks.size() && Toks[Next].Begin < End)
      emitToken();
  }

  /// Starts an item (import, declaration, property) at \p Begin on a line of
  /// its own, keeping one blank line before it if the source had any.
  void beginItem(uint32_t Begin) {
    flushComments(Begin, /*ItemLevel=*/true);
    if (!atToken(Begin)) {
      Failed = true;
      return;
    }
    if (countNewlines(Buf.slice(LastEnd, Begin)) > 1)
      blankLine();
    startLine(Indent);
    ContIndent = Indent + 2 * Opts.IndentWidth;
  }

  //===--- Declarations --------------------------------------------------===//

  /// Whether \p D keeps its block on one line: written on one line, with no
  /// nested declaration and no comment inside (the width is checked later).
  bool inlineCandidate(const Decl &D) const {
    if (!D.HasBlock || !D.CloseBrace.isValid() || !D.Children.empty())
      return false;
    if (Buf.slice(D.KeywordRange.Begin, D.CloseBrace.End).contains('\n'))
      return false;
    for (size_t I = NextComment; I < Comments.size(); ++I) {
      if (Comments[I].Range.Begin >= D.CloseBrace.End)
        break;
      if (Comments[I].Range.Begin >= D.KeywordRange.Begin)
        return false;
    }
    return true;
  }

  void formatDecl(const Decl &D) {
    for (size_t I = 0; I < D.Annotations.size() && !Failed; ++I) {
      if (I)
        beginItem(D.Annotations[I].Range.Begin);
      emitUntil(D.Annotations[I].Range.End);
    }
    if (!D.Annotations.empty())
      beginItem(D.KeywordRange.Begin);
    if (Failed)
      return;

    size_t FirstLine = Lines.size();
    bool OneLine = !D.HasBlock || inlineCandidate(D);
    if (OneLine)
      Cur.AlignKey = keywordOf(D.Kind);
    emitToken(); // the keyword
    if (D.NameRange.isValid() && atToken(D.NameRange.Begin))
      emitToken(/*NewCell=*/true);
    else
      Cur.Cells.emplace_back();
    if (D.Title && atToken(D.Title->Range.Begin))
      emitToken(/*NewCell=*/true);
    else
      Cur.Cells.emplace_back();
    uint32_t HeaderEnd = D.HasBlock ? D.OpenBrace.Begin : D.Range.End;
    emitUntil(HeaderEnd);
    if (!D.HasBlock) {
      Cur.Cells.emplace_back();
    } else if (!OneLine || !formatInlineBlock(D)) {
      OneLine = false;
      formatBlock(D);
    }
    // A comment that broke the declaration across lines makes it ineligible
    // for alignment.
    // So does a block that did not fit on one line: its header line must
    // not align with one-line neighbours, or formatting it again (when it
    // is no longer an inline candidate) would undo that alignment.
    if (Lines.size() != FirstLine && FirstLine < Lines.size())
      Lines[FirstLine].AlignKey = {};
    if (!OneLine)
      Cur.AlignKey = {};
  }

  /// Lays out `{ a b  c d }` on the current line. A block of two or more
  /// items must fit in the column limit, else this restores the state and
  /// returns false; breaking a one-item block would not shorten the header
  /// line, so it stays a row of its table whatever its width.
  bool formatInlineBlock(const Decl &D) {
    size_t SavedNext = Next;
    uint32_t SavedLastEnd = LastEnd;
    Token::KindTy SavedPrev = PrevKind;
    Line SavedLine = Cur;
    emitToken(/*NewCell=*/true); // `{`
    size_t Prop = 0;
    uint32_t CoveredEnd = 0;
    bool First = true, PrevCovered = false;
    unsigned Items = 0;
    while (!Failed && Next < Toks.size() &&
           Toks[Next].Begin < D.CloseBrace.Begin) {
      uint32_t B = Toks[Next].Begin;
      // Items are separated by two spaces: a property, or a run of words no
      // property accounts for.
      bool Covered, Starts;
      if (Prop < D.Properties.size() &&
          D.Properties[Prop].KeyRange.Begin == B) {
        CoveredEnd = D.Properties[Prop++].Range.End;
        Covered = Starts = true;
      } else {
        Covered = B < CoveredEnd;
        Starts = !Covered && PrevCovered;
      }
      if (Starts && !First)
        cell() += ' ';
      Items += Starts || First;
      First = false;
      PrevCovered = Covered;
      emitToken();
    }
    emitToken(); // `}`
    if (!Failed && (Items <= 1 || currentWidth() <= Opts.ColumnLimit))
      return true;
    Next = SavedNext;
    LastEnd = SavedLastEnd;
    PrevKind = SavedPrev;
    Cur = std::move(SavedLine);
    return false;
  }

  /// Lays out a block with one item per line: `{`, the properties and nested
  /// declarations indented, `}`.
  void formatBlock(const Decl &D) {
    emitToken(/*NewCell=*/true); // `{`
    Indent += Opts.IndentWidth;
    size_t Child = 0, Prop = 0;
    const Property *InProp = nullptr;
    unsigned PropIndent = 0;
    bool InRun = false, Interrupted = false;
    while (!Failed && Next < Toks.size() &&
           Toks[Next].Begin < D.CloseBrace.Begin) {
      const Token &T = Toks[Next];
      if (Child < D.Children.size() &&
          D.Children[Child]->Range.Begin == T.Begin) {
        beginItem(T.Begin);
        formatDecl(*D.Children[Child++]);
        InRun = false;
        Interrupted = true;
        continue;
      }
      if (Prop < D.Properties.size() &&
          D.Properties[Prop].KeyRange.Begin == T.Begin) {
        InProp = &D.Properties[Prop++];
        beginItem(T.Begin);
        emitToken();
        PropIndent = ContIndent = static_cast<unsigned>(currentWidth()) + 1;
        InRun = Interrupted = false;
        continue;
      }
      if (InProp && T.Begin < InProp->Range.End) {
        if (Interrupted) {
          // A nested declaration between a property's words: the rest of
          // the property continues after it.
          finishLine();
          Interrupted = false;
        }
        ContIndent = PropIndent;
        emitValue(InProp->Range.End);
        continue;
      }
      InProp = nullptr;
      if (T.Kind != Token::Word && T.Kind != Token::Comma) {
        Failed = true; // a brace the tree does not account for
        return;
      }
      if (!InRun)
        beginItem(T.Begin);
      InRun = true;
      Interrupted = false;
      emitToken();
    }
    flushComments(D.CloseBrace.Begin, /*ItemLevel=*/true);
    Indent -= Opts.IndentWidth;
    if (!atToken(D.CloseBrace.Begin)) {
      Failed = true;
      return;
    }
    startLine(Indent);
    emitToken(); // `}`
  }

  /// Emits one value token of a property ending at \p End, first breaking
  /// the line after a comma when the value would pass the column limit.
  void emitValue(uint32_t End) {
    const Token &T = Toks[Next];
    if (PrevKind == Token::Comma && Open && !commentBefore(T.Begin)) {
      size_t Width = widthOf(Buf.slice(T.Begin, T.End));
      bool CommaFollows = Next + 1 < Toks.size() &&
                          Toks[Next + 1].Kind == Token::Comma &&
                          Toks[Next + 1].Begin < End;
      size_t Used = currentWidth();
      if (Used > ContIndent &&
          Used + 1 + Width + CommaFollows > Opts.ColumnLimit)
        startLine(ContIndent);
    }
    emitToken();
  }

  bool commentBefore(uint32_t Offset) const {
    return NextComment < Comments.size() &&
           Comments[NextComment].Range.Begin < Offset;
  }

  //===--- Alignment -----------------------------------------------------===//

  /// Pads the name and title columns of runs of one-line declarations with
  /// the same keyword at the same indentation, and joins every line's cells.
  void alignDeclarations(std::vector<std::string> &Code) {
    for (size_t I = 0; I < Lines.size();) {
      size_t J = I + 1;
      if (!Lines[I].AlignKey.empty())
        while (J < Lines.size() && Lines[J].AlignKey == Lines[I].AlignKey &&
               Lines[J].Indent == Lines[I].Indent)
          ++J;
      size_t Widths[4] = {0, 0, 0, 0};
      for (size_t K = I; K < J; ++K)
        if (Lines[K].Cells.size() == 4)
          for (size_t C = 1; C < 3; ++C)
            Widths[C] = std::max(Widths[C], widthOf(Lines[K].Cells[C]));
      for (size_t K = I; K < J; ++K)
        Code[K] = joinCells(Lines[K], J - I > 1 ? Widths : nullptr);
      I = J;
    }
  }

  /// The line's code: cells joined by one space; with \p Widths (a run of
  /// aligned declarations), the name and title cells padded to them.
  static std::string joinCells(const Line &L, const size_t *Widths) {
    if (L.Blank)
      return std::string();
    std::string Out(L.Indent, ' ');
    const std::vector<std::string> &Cells = L.Cells;
    bool Aligned = Widths && Cells.size() == 4 && !L.AlignKey.empty();
    bool First = true;
    for (size_t C = 0; C < Cells.size(); ++C) {
      bool Later = false;
      for (size_t K = C + 1; K < Cells.size(); ++K)
        Later |= !Cells[K].empty();
      bool Pad = Aligned && C > 0 && C < 3 && Widths[C] > 0 && Later;
      if (Cells[C].empty() && !Pad)
        continue;
      if (!First)
        Out += ' ';
      Out += Cells[C];
      if (Pad)
        Out.append(Widths[C] - widthOf(Cells[C]), ' ');
      First = false;
    }
    return Out;
  }

  /// Aligns the trailing comments of consecutive lines two columns after the
  /// longest of their code.
  void alignComments(std::vector<std::string> &Code) {
    auto Alignable = [&](size_t I) {
      return !Lines[I].Comment.empty() &&
             llvm::StringRef(Code[I]).find('\n') == llvm::StringRef::npos;
    };
    for (size_t I = 0; I < Lines.size();) {
      if (Lines[I].Comment.empty()) {
        ++I;
        continue;
      }
      size_t J = I + 1;
      if (Alignable(I))
        while (J < Lines.size() && Alignable(J))
          ++J;
      size_t Column = 0;
      for (size_t K = I; K < J; ++K)
        Column = std::max(Column, widthOf(llvm::StringRef(Code[K]).rtrim(" ")));
      for (size_t K = I; K < J; ++K) {
        std::string &C = Code[K];
        C.resize(llvm::StringRef(C).rtrim(" ").size());
        size_t W = Alignable(K) ? widthOf(C) : Column;
        C.append(Column - std::min(Column, W) + 2, ' ');
        C += Lines[K].Comment;
      }
      I = J;
    }
  }

  llvm::StringRef Buf;
  const File &F;
  llvm::ArrayRef<Token> Toks;
  llvm::ArrayRef<Comment> Comments;
  const FormatOptions &Opts;
  size_t Next = 0, NextComment = 0;
  uint32_t LastEnd = 0;
  Token::KindTy PrevKind = Token::Word;
  std::vector<Line> Lines;
  Line Cur;
  bool Open = false;
  unsigned Indent = 0, ContIndent = 0;
  bool Failed = false;
};

/// Whether \p Text has a string without its closing quote. Such a string
/// ends at the end of its line, so moving the next token onto that line
/// would move it into the string; and the parser does not report one in
/// every place (not in the words of an unknown property).
bool hasUnterminatedString(llvm::StringRef Text) {
  Lexer L(Text);
  for (LexedToken T = L.next(); T.Kind != TokenKind::EndOfFile; T = L.next())
    if (T.Kind == TokenKind::UnterminatedString)
      return true;
  return false;
}

/// The text with all whitespace (and byte order marks) removed: formatting
/// must leave it unchanged.
std::string withoutWhitespace(llvm::StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == ' ' || C == '\t' || C == '\n' || C == '\r' || C == '\f' ||
        C == '\v')
      continue;
    if (Text.substr(I).startswith("\xEF\xBB\xBF")) {
      I += 2;
      continue;
    }
    Out += C;
  }
  return Out;
}

} // namespace

llvm::Expected<std::string> remit::formatFile(const SourceManager &SM,
                                              FileID ID,
                                              DiagnosticEngine &Diags,
                                              const FormatOptions &Opts) {
  ParseOptions PO;
  PO.KeepTokens = true;
  size_t Mark = Diags.diagnostics().size();
  std::unique_ptr<File> F = parseFile(SM, ID, Diags, PO);
  for (size_t I = Mark; I < Diags.diagnostics().size(); ++I) {
    DiagID K = Diags.diagnostics()[I].ID;
    if (K == DiagID::Syntax)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "it has syntax errors");
    if (K == DiagID::DeclMisplaced)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "it has misplaced declarations");
  }
  llvm::StringRef Buf = SM.getBuffer(ID);
  if (hasUnterminatedString(Buf))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "it has an unterminated string");
  LayoutBuilder B(Buf, *F, Opts);
  if (!B.run())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "the formatter could not account for every token (a bug; please "
        "report it with the file)");
  std::string Out = B.render();
  if (withoutWhitespace(Out) != withoutWhitespace(Buf))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "the formatted text would differ in more than whitespace (a bug; "
        "please report it with the file)");
  return Out;
}

std::vector<TextEdit> remit::minimalEdits(FileID File, llvm::StringRef Old,
                                          llvm::StringRef New) {
  if (Old == New)
    return {};
  size_t Prefix = 0;
  size_t Max = std::min(Old.size(), New.size());
  while (Prefix < Max && Old[Prefix] == New[Prefix])
    ++Prefix;
  size_t Suffix = 0;
  while (Suffix < Max - Prefix &&
         Old[Old.size() - 1 - Suffix] == New[New.size() - 1 - Suffix])
    ++Suffix;
  // Never split a UTF-8 sequence.
  while (Prefix > 0 && (static_cast<unsigned char>(Old[Prefix]) & 0xC0) == 0x80)
    --Prefix;
  while (Suffix > 0 &&
         (static_cast<unsigned char>(Old[Old.size() - Suffix]) & 0xC0) == 0x80)
    --Suffix;
  TextEdit E;
  E.Range = {File, static_cast<uint32_t>(Prefix),
             static_cast<uint32_t>(Old.size() - Suffix)};
  E.NewText = New.slice(Prefix, New.size() - Suffix).str();
  return {E};
}
