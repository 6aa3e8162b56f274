//===- PropertyParser.cpp - Split a block's words into properties ---------===//
#include "AST/PropertyParser.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include <cstring>

using namespace remit;
using namespace remit::ast;

std::string ast::describeWord(const Word &W) {
  switch (W.Kind) {
  case Word::String:
  case Word::UnterminatedString:
    return "the string " + W.Text.str();
  case Word::Comma:
    return "`,`";
  default:
    return "`" + W.Text.str() + "`";
  }
}

namespace {
bool parseDecimal(llvm::StringRef Digits, int64_t &Out) {
  Out = 0;
  for (char C : Digits) {
    if (Out > (INT64_MAX - (C - '0')) / 10)
      return false;
    Out = Out * 10 + (C - '0');
  }
  return true;
}

/// Days from 1970-01-01 to a valid civil date (Howard Hinnant's algorithm).
int64_t daysFromCivil(int64_t Y, unsigned M, unsigned D) {
  Y -= M <= 2;
  int64_t Era = (Y >= 0 ? Y : Y - 399) / 400;
  unsigned Yoe = static_cast<unsigned>(Y - Era * 400);
  unsigned Doy = (153 * (M + (M > 2 ? -3 : 9)) + 2) / 5 + D - 1;
  unsigned Doe = Yoe * 365 + Yoe / 4 - Yoe / 100 + Doy;
  return Era * 146097 + static_cast<int64_t>(Doe) - 719468;
}

unsigned daysInMonth(int64_t Y, unsigned M) {
  static const unsigned Days[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  bool Leap = (Y % 4 == 0 && Y % 100 != 0) || Y % 400 == 0;
  return M == 2 && Leap ? 29 : Days[M - 1];
}

/// Unescapes the inside of a string literal; reports unknown escapes.
llvm::StringRef unescape(llvm::StringRef Inner, SourceRange R, File &F,
                         DiagnosticEngine &Diags) {
  if (!Inner.contains('\\'))
    return Inner;
  llvm::SmallString<64> Out;
  for (size_t I = 0; I < Inner.size(); ++I) {
    char C = Inner[I];
    if (C != '\\' || I + 1 == Inner.size()) {
      Out.push_back(C);
      continue;
    }
    char E = Inner[++I];
    switch (E) {
    case '"':
    case '\\':
      Out.push_back(E);
      break;
    case 'n':
      Out.push_back('\n');
      break;
    case 't':
      Out.push_back('\t');
      break;
    default: {
      // The escaped character is a whole code point, not its first byte
      // (a message must be valid UTF-8).
      size_t Len = 1;
      while (I + Len < Inner.size() && (Inner[I + Len] & 0xC0) == 0x80)
        ++Len;
      llvm::StringRef Escaped = Inner.substr(I, Len);
      // +1 for the opening quote.
      uint32_t At = R.Begin + 1 + static_cast<uint32_t>(I) - 1;
      Diags.report(DiagID::Syntax,
                   SourceRange{R.File, At, At + 1 + static_cast<uint32_t>(Len)},
                   fmt::format("unknown escape `\\{}` in a string; use `\\\"`, "
                               "`\\\\`, `\\n` or `\\t`",
                               Escaped.str()));
      Out.append(Escaped);
      I += Len - 1;
    }
    }
  }
  return F.save(Out);
}
} // namespace

bool ast::convertWord(const Word &W, File &F, DiagnosticEngine &Diags,
                      Value &Out) {
  Out = Value();
  Out.Range = W.Range;
  Out.Text = W.Text;
  switch (W.Kind) {
  case Word::Name:
    Out.Kind = ValueKind::Name;
    return true;
  case Word::QualifiedName:
    Out.Kind = ValueKind::QualifiedName;
    return true;
  case Word::String:
    Out.Kind = ValueKind::String;
    Out.Text = unescape(W.Text.drop_front().drop_back(), W.Range, F, Diags);
    return true;
  case Word::UnterminatedString: {
    Diags.report(DiagID::Syntax, W.Range,
                 "unterminated string; a string must end with `\"` on the "
                 "line where it starts");
    Out.Kind = ValueKind::String;
    llvm::StringRef Inner = W.Text.drop_front();
    Out.Text = unescape(Inner, W.Range, F, Diags);
    return true;
  }
  case Word::Integer:
    Out.Kind = ValueKind::Integer;
    if (!parseDecimal(W.Text, Out.Number)) {
      Diags.report(DiagID::ValueInvalid, W.Range,
                   fmt::format("the number `{}` is too large", W.Text.str()));
      return false;
    }
    return true;
  case Word::Duration: {
    Out.Kind = ValueKind::Duration;
    int64_t N;
    char Unit = W.Text.back();
    int64_t Hours = Unit == 'h' ? 1 : Unit == 'd' ? 24 : 24 * 7;
    if (!parseDecimal(W.Text.drop_back(), N) || N > INT64_MAX / Hours) {
      Diags.report(DiagID::ValueInvalid, W.Range,
                   fmt::format("the duration `{}` is too long", W.Text.str()));
      return false;
    }
    Out.Number = N * Hours;
    return true;
  }
  case Word::Date: {
    Out.Kind = ValueKind::Date;
    std::optional<int64_t> Days = parseDate(W.Text);
    if (!Days) {
      Diags.report(DiagID::ValueInvalid, W.Range,
                   fmt::format("`{}` is not a calendar date; write dates as "
                               "YYYY-MM-DD",
                               W.Text.str()));
      return false;
    }
    Out.Number = *Days;
    return true;
  }
  case Word::BadNumber:
    Diags.report(DiagID::Syntax, W.Range,
                 fmt::format("`{}` is not a number, duration or date; a "
                             "duration is a number followed by `h`, `d` or "
                             "`w`, such as `48h`, `5d` or `2w`",
                             W.Text.str()));
    return false;
  case Word::BadDate:
    Diags.report(DiagID::Syntax, W.Range,
                 fmt::format("`{}` is not a date; write dates as YYYY-MM-DD, "
                             "such as `2026-12-31`",
                             W.Text.str()));
    return false;
  case Word::Comma:
    return false;
  }
  return false;
}

namespace {
/// Splits one block's words; one instance per block.
class PropertySplitter {
public:
  PropertySplitter(llvm::ArrayRef<Word> Words, Decl &D, File &F,
                   DiagnosticEngine &Diags)
      : Words(Words), D(D), Spec(getDeclSpec(D.Kind)), F(F), Diags(Diags) {}

  void run() {
    while (I < Words.size()) {
      const Word &K = Words[I];
      if (K.Kind != Word::Name) {
        reportStray(K);
        ++I;
        while (I < Words.size() && Words[I].Kind != Word::Name)
          ++I;
        continue;
      }
      const PropertySpec *PS = Spec.find(K.Text);
      bool IsRight = false;
      if (!PS) {
        if (!Spec.AcceptsRights) {
          reportUnknown(K);
          ++I;
          skipArguments();
          continue;
        }
        PS = &getRightPropertySpec();
        IsRight = true;
      }
      ++I;
      Property P;
      P.Key = K.Text;
      P.KeyRange = K.Range;
      P.IsRight = IsRight;
      P.Range = K.Range;
      parseSlots(*PS, P);
      if (I < Words.size() && Words[I].Kind == Word::Comma) {
        Diags.report(DiagID::ValueInvalid, Words[I].Range,
                     fmt::format("`{}` takes {}, not a list", P.Key.str(),
                                 PS->isFlag() ? "no value" : "a single value"));
        skipArguments();
      }
      if (!PS->Repeatable) {
        auto [It, Inserted] =
            FirstOfKey.try_emplace(P.Key, D.Properties.size());
        if (!Inserted) {
          const Property &First = D.Properties[It->second];
          Diags
              .report(DiagID::PropertyDuplicate, P.KeyRange, P.Key.str(),
                      describeKind(D.Kind), declName())
              .note(First.KeyRange,
                    fmt::format("`{}` first set here", First.Key.str()));
          continue;
        }
      }
      D.Properties.push_back(std::move(P));
    }
  }

private:
  std::string declName() const {
    return D.Name.empty() ? keywordOf(D.Kind).str() : D.Name.str();
  }

  bool isKey(const Word &W) const {
    return W.Kind == Word::Name && Spec.find(W.Text);
  }

  static bool matches(ValueType T, const Word &W) {
    switch (T) {
    case ValueType::Ref:
    case ValueType::CheckName:
      return W.Kind == Word::Name || W.Kind == Word::QualifiedName;
    case ValueType::Enum:
      return W.Kind == Word::Name;
    case ValueType::Integer:
      return W.Kind == Word::Integer || W.Kind == Word::BadNumber;
    case ValueType::Duration:
      return W.Kind == Word::Duration || W.Kind == Word::BadNumber;
    case ValueType::Date:
      return W.Kind == Word::Date || W.Kind == Word::BadDate;
    case ValueType::String:
      return W.Kind == Word::String || W.Kind == Word::UnterminatedString;
    }
    return false;
  }

  static std::string describeSlot(const SlotSpec &S) {
    switch (S.Type) {
    case ValueType::Ref:
      return "the name of " + describeKinds(S.RefKinds);
    case ValueType::Enum: {
      std::string Out = "one of ";
      for (size_t J = 0; J < S.EnumValues.size(); ++J)
        Out += (J ? ", `" : "`") + std::string(S.EnumValues[J]) + "`";
      return Out;
    }
    case ValueType::CheckName:
      return "a check name such as `ownership.double`";
    case ValueType::Integer:
      return "a whole number";
    case ValueType::Duration:
      return "a duration such as `48h`, `5d` or `2w`";
    case ValueType::Date:
      return "a date such as `2026-12-31`";
    case ValueType::String:
      return "a quoted string";
    }
    return "a value";
  }

  SourceRange endOf(SourceRange R) const {
    return SourceRange{R.File, R.End, R.End};
  }

  void parseSlots(const PropertySpec &PS, Property &P) {
    for (size_t SlotIndex = 0; SlotIndex < PS.Slots.size(); ++SlotIndex) {
      const SlotSpec &S = PS.Slots[SlotIndex];
      Arg A;
      A.Slot = static_cast<uint8_t>(SlotIndex);
      if (S.Tag) {
        bool AnyWord = std::strcmp(S.Tag, "*") == 0;
        bool Present = I < Words.size() && Words[I].Kind == Word::Name &&
                       (AnyWord ? !isKey(Words[I]) : Words[I].Text == S.Tag);
        if (!Present) {
          if (S.Optional)
            continue;
          std::string What = AnyWord
                                 ? std::string("a right name and its holders")
                                 : fmt::format("`{}`", S.Tag);
          reportExpected(What, P);
          skipArguments();
          return;
        }
        A.Tag = Words[I].Text;
        A.TagRange = Words[I].Range;
        P.Range.End = Words[I].Range.End;
        ++I;
      }
      if (I >= Words.size() || !matches(S.Type, Words[I])) {
        if (S.Optional && !S.Tag)
          continue;
        reportExpected(describeSlot(S), P);
        skipArguments();
        return;
      }
      takeValue(S, A, P);
      if (!S.List)
        continue;
      while (I < Words.size() && Words[I].Kind == Word::Comma) {
        P.Range.End = Words[I].Range.End;
        ++I;
        if (I >= Words.size() || !matches(S.Type, Words[I])) {
          reportExpected(describeSlot(S), P);
          skipArguments();
          return;
        }
        Arg Next;
        Next.Slot = A.Slot;
        takeValue(S, Next, P);
      }
    }
  }

  void takeValue(const SlotSpec &S, Arg A, Property &P) {
    const Word &W = Words[I++];
    P.Range.End = W.Range.End;
    if (!convertWord(W, F, Diags, A.Val))
      return;
    if (S.Type == ValueType::Enum && !isEnumValue(S, A.Val, P))
      return;
    P.Args.push_back(A);
  }

  bool isEnumValue(const SlotSpec &S, const Value &V, const Property &P) {
    for (const char *E : S.EnumValues)
      if (V.Text == E)
        return true;
    std::vector<llvm::StringRef> Options(S.EnumValues.begin(),
                                         S.EnumValues.end());
    auto Best = closestMatch(V.Text, Options);
    Diagnostic &Diag = Diags.report(
        DiagID::ValueInvalid, V.Range,
        fmt::format("`{}` is not a valid value for `{}`; expected {}{}",
                    V.Text.str(), P.Key.str(), describeSlot(S),
                    Best ? fmt::format("; did you mean `{}`?", *Best) : ""));
    if (Best)
      Diag.fix(fmt::format("replace with `{}`", *Best), {{V.Range, *Best}});
    return false;
  }

  /// Reports that \p What should follow the last word consumed.
  void reportExpected(const std::string &What, const Property &P) {
    std::string After = describeWord(Words[I - 1]);
    // A value of the wrong type is `value.invalid`; a missing one (the next
    // property's key, or the end of the block) is `syntax`.
    if (I < Words.size() && !isKey(Words[I]))
      Diags.report(DiagID::ValueInvalid, Words[I].Range,
                   fmt::format("expected {} after {}, found {}", What, After,
                               describeWord(Words[I])));
    else if (I < Words.size())
      Diags.report(DiagID::Syntax, Words[I].Range,
                   fmt::format("expected {} after {}, found {}", What, After,
                               describeWord(Words[I])));
    else
      Diags.report(DiagID::Syntax, endOf(P.Range),
                   fmt::format("expected {} after {}", What, After));
  }

  void reportStray(const Word &W) {
    if (W.Kind == Word::BadNumber || W.Kind == Word::BadDate ||
        W.Kind == Word::UnterminatedString) {
      Value Ignored;
      convertWord(W, F, Diags, Ignored);
      return;
    }
    Diags.report(DiagID::Syntax, W.Range,
                 fmt::format("expected a property name in {} `{}`, found {}",
                             keywordOf(D.Kind).str(), declName(),
                             describeWord(W)));
  }

  void reportUnknown(const Word &K) {
    std::vector<llvm::StringRef> Keys;
    for (const PropertySpec &P : Spec.Properties)
      Keys.push_back(P.Key);
    auto Best = closestMatch(K.Text, Keys);
    std::string Hint;
    if (Best) {
      Hint = fmt::format("; did you mean `{}`?", *Best);
    } else if (Keys.empty()) {
      Hint = fmt::format("; {} takes no properties", describeKind(D.Kind));
    } else {
      Hint = "; expected one of ";
      for (size_t J = 0; J < Keys.size(); ++J)
        Hint += (J ? ", `" : "`") + Keys[J].str() + "`";
    }
    Diagnostic &Diag = Diags.report(
        DiagID::PropertyUnknown, K.Range,
        fmt::format("unknown property `{}` in {} `{}`{}", K.Text.str(),
                    keywordOf(D.Kind).str(), declName(), Hint));
    if (Best)
      Diag.fix(fmt::format("replace with `{}`", *Best), {{K.Range, *Best}});
  }

  /// Skips what follows an unknown key: up to the next known key that does
  /// not follow a comma.
  void skipArguments() {
    while (I < Words.size()) {
      if (isKey(Words[I]) && (I == 0 || Words[I - 1].Kind != Word::Comma))
        return;
      ++I;
    }
  }

  llvm::ArrayRef<Word> Words;
  Decl &D;
  const DeclSpec &Spec;
  File &F;
  DiagnosticEngine &Diags;
  size_t I = 0;
  /// Index in D.Properties of the first property with each key.
  llvm::StringMap<size_t> FirstOfKey;
};
} // namespace

void ast::parseProperties(llvm::ArrayRef<Word> Words, Decl &D, File &F,
                          DiagnosticEngine &Diags) {
  PropertySplitter(Words, D, F, Diags).run();
}

bool ast::validateAnnotation(const Annotation &A, DiagnosticEngine &Diags) {
  if (A.Name != "allow") {
    Diags.report(DiagID::AnnotationUnknown, A.NameRange, A.Name.str());
    return false;
  }
  auto Invalid = [&](SourceRange R, const std::string &Message) {
    Diags.report(DiagID::AnnotationInvalid, R,
                 fmt::format("{}; write `@allow(check.name, \"reason\")` or "
                             "`@allow(check.name, \"reason\", until "
                             "2027-03-31)`",
                             Message));
    return false;
  };
  if (A.Args.empty())
    return Invalid(A.Range, "`@allow` needs the name of the check it allows");
  const Arg &Check = A.Args[0];
  if (!Check.Tag.empty() || (Check.Val.Kind != ValueKind::Name &&
                             Check.Val.Kind != ValueKind::QualifiedName))
    return Invalid(Check.Val.Range,
                   "the first argument of `@allow` must be a check name");
  if (A.Args.size() > 1) {
    const Arg &Reason = A.Args[1];
    if (!Reason.Tag.empty() || Reason.Val.Kind != ValueKind::String)
      return Invalid(Reason.Val.Range,
                     "the second argument of `@allow` must be the reason, a "
                     "quoted string");
  }
  for (size_t I = 2; I < A.Args.size(); ++I) {
    const Arg &Extra = A.Args[I];
    if (Extra.Tag == "until" && I == 2) {
      if (Extra.Val.Kind != ValueKind::Date)
        return Invalid(Extra.Val.Range,
                       fmt::format("expected a date such as `2027-03-31` "
                                   "after `until`, found `{}`",
                                   Extra.Val.Text.str()));
      continue;
    }
    return Invalid(Extra.TagRange.isValid() ? Extra.TagRange : Extra.Val.Range,
                   "unexpected argument to `@allow`");
  }
  return true;
}

std::optional<int64_t> ast::parseDate(llvm::StringRef Text) {
  if (Text.size() != 10 || Text[4] != '-' || Text[7] != '-')
    return std::nullopt;
  for (size_t I : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!llvm::isDigit(Text[I]))
      return std::nullopt;
  int64_t Y, M, D;
  parseDecimal(Text.substr(0, 4), Y);
  parseDecimal(Text.substr(5, 2), M);
  parseDecimal(Text.substr(8, 2), D);
  if (M < 1 || M > 12 || D < 1 || D > daysInMonth(Y, static_cast<unsigned>(M)))
    return std::nullopt;
  return daysFromCivil(Y, static_cast<unsigned>(M), static_cast<unsigned>(D));
}

std::string ast::formatDate(int64_t Days) {
  // Howard Hinnant's civil-from-days, the inverse of daysFromCivil.
  int64_t Z = Days + 719468;
  int64_t Era = (Z >= 0 ? Z : Z - 146096) / 146097;
  unsigned Doe = static_cast<unsigned>(Z - Era * 146097);
  unsigned Yoe = (Doe - Doe / 1460 + Doe / 36524 - Doe / 146096) / 365;
  unsigned Doy = Doe - (365 * Yoe + Yoe / 4 - Yoe / 100);
  unsigned Mp = (5 * Doy + 2) / 153;
  unsigned D = Doy - (153 * Mp + 2) / 5 + 1;
  unsigned M = Mp < 10 ? Mp + 3 : Mp - 9;
  int64_t Y = static_cast<int64_t>(Yoe) + Era * 400 + (M <= 2);
  return fmt::format("{:04}-{:02}-{:02}", Y, M, D);
}

std::string ast::formatDuration(int64_t Hours) {
  if (Hours != 0 && Hours % (24 * 7) == 0)
    return fmt::format("{}w", Hours / (24 * 7));
  if (Hours != 0 && Hours % 24 == 0)
    return fmt::format("{}d", Hours / 24);
  return fmt::format("{}h", Hours);
}

void ast::parseAnnotationArgs(llvm::ArrayRef<Word> Words, Annotation &A,
                              File &F, DiagnosticEngine &Diags) {
  size_t I = 0;
  while (I < Words.size()) {
    Arg Current;
    if (Words[I].Kind == Word::Name && I + 1 < Words.size() &&
        Words[I + 1].Kind != Word::Comma) {
      Current.Tag = Words[I].Text;
      Current.TagRange = Words[I].Range;
      ++I;
    }
    if (Words[I].Kind == Word::Comma) {
      Diags.report(DiagID::AnnotationInvalid, Words[I].Range,
                   fmt::format("expected an argument of `@{}`, found `,`",
                               A.Name.str()));
      ++I;
      continue;
    }
    if (convertWord(Words[I], F, Diags, Current.Val))
      A.Args.push_back(Current);
    ++I;
    if (I < Words.size()) {
      if (Words[I].Kind != Word::Comma) {
        Diags.report(DiagID::AnnotationInvalid, Words[I].Range,
                     fmt::format("expected `,` between the arguments of "
                                 "`@{}`, found {}",
                                 A.Name.str(), describeWord(Words[I])));
      } else {
        ++I;
        if (I == Words.size())
          Diags.report(DiagID::AnnotationInvalid, Words[I - 1].Range,
                       fmt::format("expected an argument of `@{}` after `,`",
                                   A.Name.str()));
      }
    }
  }
}
