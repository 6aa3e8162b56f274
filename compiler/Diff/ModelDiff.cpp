//===- ModelDiff.cpp - Semantic changes between two models ----------------===//
//
// Works only on the two sides' entity records and findings. Entities are
// matched by kind and name; decision rights become (holder, right, decision,
// mode) facts; escalation becomes one edge per source, and chains are walked
// over the edges; findings are matched by findingKey. Every field no topic
// claims is reported as a generic change of its entity.
//
//===----------------------------------------------------------------------===//
#include "Diff/ModelDiff.h"
#include "Diagnostics/Baseline.h"
#include "Emit/Text.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include <algorithm>
#include <map>
#include <set>

using namespace remit;
using sema::EntityRecord;
using sema::Field;

ModelSide remit::describeSide(std::string Label, const sema::Model &M,
                              const SourceManager &SM,
                              llvm::ArrayRef<Diagnostic> Diags) {
  ModelSide S;
  S.Label = std::move(Label);
  S.Records = sema::describeModel(M, SM);
  for (const Diagnostic &D : Diags) {
    std::string Where;
    if (D.Range.isValid())
      Where = SM.formatLocation(D.Range.File, D.Range.Begin);
    S.Findings.push_back({D.name().str(), D.Message, Where});
  }
  return S;
}

size_t DiffReport::numModelChanges() const {
  size_t N = 0;
  for (const ChangeSection &S : Sections)
    if (S.ID != "findings")
      N += S.Items.size();
  return N;
}

namespace {
/// The topics, in report order.
struct Topic {
  const char *ID, *Title;
};
const Topic Topics[] = {
    {"organisation", "Organisation"},
    {"rights", "Decision rights"},
    {"escalation", "Escalation"},
    {"handoffs", "Handoffs"},
    {"tradeoffs", "Tradeoffs"},
    {"other", "Objectives, metrics, modes and more"},
    {"findings", "Findings"},
};

const char *topicOf(llvm::StringRef Kind) {
  static const llvm::StringRef Organisation[] = {"unit", "role", "person",
                                                 "forum", "agent"};
  static const llvm::StringRef Rights[] = {"decision", "authority", "framework",
                                           "right"};
  if (llvm::is_contained(Organisation, Kind))
    return "organisation";
  if (llvm::is_contained(Rights, Kind))
    return "rights";
  if (Kind == "handoff")
    return "handoffs";
  if (Kind == "tradeoff")
    return "tradeoffs";
  return "other";
}

/// `name`, or a quoted string as it is.
std::string code(llvm::StringRef V) {
  if (V.startswith("\""))
    return V.str();
  return "`" + V.str() + "`";
}

/// "role `cpo`"
std::string subject(const EntityRecord &R) {
  return R.Name.empty() ? R.Kind : R.Kind + " `" + R.Name + "`";
}

/// Keys reported by a dedicated topic rather than as generic changes.
bool isRightKey(llvm::StringRef Key) {
  return Key.startswith("right ") || Key.contains(": right ");
}
bool isEscalationKey(llvm::StringRef Key) {
  return Key == "escalates_to" || Key.endswith(": escalates_to");
}

using RecordMap =
    std::map<std::pair<std::string, std::string>, const EntityRecord *>;

RecordMap index(const ModelSide &S) {
  RecordMap Out;
  for (const EntityRecord &R : S.Records)
    if (!R.Name.empty())
      Out.emplace(std::make_pair(R.Kind, R.Name), &R);
  return Out;
}

/// Splits "a, b" into names.
std::vector<std::string> splitList(llvm::StringRef V) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  V.split(Parts, ", ", -1, /*KeepEmpty=*/false);
  return std::vector<std::string>(Parts.begin(), Parts.end());
}

class Differ {
public:
  Differ(const ModelSide &Old, const ModelSide &New, int64_t AsOfDay)
      : Old(Old), New(New), OldMap(index(Old)), NewMap(index(New)),
        AsOf(sema::formatDate(AsOfDay)) {}

  DiffReport run() {
    entities();
    rights();
    escalation();
    findings();
    DiffReport R;
    R.Old = Old.Label;
    R.New = New.Label;
    R.Introduced = Introduced;
    R.Fixed = Fixed;
    for (const Topic &T : Topics) {
      auto It = Items.find(T.ID);
      if (It == Items.end() || It->second.empty())
        continue;
      ChangeSection S{T.ID, T.Title, std::move(It->second)};
      R.Sections.push_back(std::move(S));
    }
    return R;
  }

private:
  void add(const char *Topic, std::string Kind, std::string Text) {
    Items[Topic].push_back({std::move(Kind), std::move(Text)});
  }

  //===--- Entities and generic field changes ----------------------------===//

  void entities() {
    std::set<std::pair<std::string, std::string>> Keys;
    for (auto &[K, R] : OldMap)
      Keys.insert(K);
    for (auto &[K, R] : NewMap)
      Keys.insert(K);
    for (const auto &K : Keys) {
      auto O = OldMap.find(K), N = NewMap.find(K);
      if (O == OldMap.end()) {
        add(topicOf(K.first), "added", "added " + describe(*N->second));
        if (K.first == "tradeoff")
          expiry(*N->second, nullptr);
      } else if (N == NewMap.end()) {
        add(topicOf(K.first), "removed", "removed " + describe(*O->second));
      } else {
        fields(*O->second, *N->second);
      }
    }
    // The check configuration has no name; compare it as a whole.
    const EntityRecord *OC = config(Old), *NC = config(New);
    if (OC && NC)
      fields(*OC, *NC);
  }

  static const EntityRecord *config(const ModelSide &S) {
    for (const EntityRecord &R : S.Records)
      if (R.Kind == "checks" && R.Name == "(effective configuration)")
        return &R;
    return nullptr;
  }

  /// "role `x` "Title" in unit `u`"
  static std::string describe(const EntityRecord &R) {
    std::string Out = subject(R);
    for (const Field &F : R.Fields) {
      if (F.Key == "title")
        Out += " " + F.Value;
      if (F.Key == "in") {
        llvm::StringRef Kind, Name;
        std::tie(Kind, Name) = llvm::StringRef(F.Value).split(' ');
        Out += " in " + Kind.str() + " `" + Name.str() + "`";
      }
    }
    return Out;
  }

  void fields(const EntityRecord &O, const EntityRecord &N) {
    std::map<std::string,
             std::pair<std::vector<std::string>, std::vector<std::string>>>
        ByKey;
    for (const Field &F : O.Fields)
      ByKey[F.Key].first.push_back(F.Value);
    for (const Field &F : N.Fields)
      ByKey[F.Key].second.push_back(F.Value);
    const char *T = topicOf(O.Kind);
    std::string Subject = subject(O);
    for (auto &[Key, Values] : ByKey) {
      auto &[Was, Is] = Values;
      if (Was == Is || isRightKey(Key) || isEscalationKey(Key))
        continue;
      if (O.Kind == "tradeoff" && Key == "until") {
        expiry(N, &O);
        continue;
      }
      std::string Name = O.Kind == "handoff" && Key == "within"
                             ? std::string("SLA (`within`)")
                             : "`" + Key + "`";
      if (Was.size() == 1 && Is.size() == 1) {
        add(T, "changed",
            fmt::format("{}: {} {} → {}", Subject, Name, code(Was[0]),
                        code(Is[0])));
        continue;
      }
      for (const std::string &V : Is)
        if (!llvm::is_contained(Was, V))
          add(T, "changed",
              V == "yes"
                  ? fmt::format("{} is now {}", Subject, Name)
                  : fmt::format("{}: {} {} added", Subject, Name, code(V)));
      for (const std::string &V : Was)
        if (!llvm::is_contained(Is, V))
          add(T, "changed",
              V == "yes"
                  ? fmt::format("{} is no longer {}", Subject, Name)
                  : fmt::format("{}: {} {} removed", Subject, Name, code(V)));
    }
  }

  static std::string until(const EntityRecord *R) {
    if (R)
      for (const Field &F : R->Fields)
        if (F.Key == "until")
          return F.Value;
    return std::string();
  }

  /// A tradeoff's `until` moved (or a new one is already past it).
  void expiry(const EntityRecord &N, const EntityRecord *O) {
    std::string Is = until(&N), Was = until(O);
    std::string Subject = subject(N);
    bool Expired = !Is.empty() && Is < AsOf;
    if (!O) {
      if (Expired)
        add("tradeoffs", "expired",
            fmt::format("{} is already expired (until {})", Subject, Is));
      return;
    }
    if (Expired)
      add("tradeoffs", "expired",
          fmt::format("{} has expired: `until` moved to {} (was {}), so it "
                      "no longer orders its objectives",
                      Subject, Is, Was.empty() ? "open-ended" : Was));
    else if (Is.empty())
      add("tradeoffs", "changed",
          fmt::format("{} no longer expires (was until {})", Subject, Was));
    else
      add("tradeoffs", "changed",
          fmt::format("{} {} until {} (was {})", Subject,
                      !Was.empty() && Was < AsOf ? "renewed" : "runs", Is,
                      Was.empty() ? "open-ended" : Was));
  }

  //===--- Decision rights -----------------------------------------------===//

  struct RightFact {
    std::string Holder, Right, Decision, Mode;
    bool operator<(const RightFact &O) const {
      return std::tie(Holder, Decision, Mode, Right) <
             std::tie(O.Holder, O.Decision, O.Mode, O.Right);
    }
  };

  static std::set<RightFact> rightFacts(const ModelSide &S) {
    std::set<RightFact> Out;
    for (const EntityRecord &R : S.Records) {
      if (R.Kind != "decision" && R.Kind != "mode")
        continue;
      for (const Field &F : R.Fields) {
        if (!isRightKey(F.Key))
          continue;
        llvm::StringRef Key = F.Key;
        std::string Decision = R.Name, Mode;
        if (R.Kind == "mode") {
          // "decision D: right R"
          llvm::StringRef Head;
          std::tie(Head, Key) = Key.split(": ");
          Decision = Head.drop_front(strlen("decision ")).str();
          Mode = R.Name;
        }
        std::string Right = Key.drop_front(strlen("right ")).str();
        for (const std::string &H : splitList(F.Value))
          Out.insert({H, Right, Decision, Mode});
      }
    }
    return Out;
  }

  void rights() {
    std::set<RightFact> Was = rightFacts(Old), Is = rightFacts(New);
    auto Phrase = [](const RightFact &F, bool Now) {
      return fmt::format("`{}` is {} {} for `{}`{}", F.Holder,
                         Now ? "now" : "no longer", F.Right, F.Decision,
                         F.Mode.empty() ? "" : " in mode `" + F.Mode + "`");
    };
    // Sorted by holder, so each role's gains and losses read together.
    std::set<RightFact> All(Was);
    All.insert(Is.begin(), Is.end());
    for (const RightFact &F : All) {
      bool InOld = Was.count(F), InNew = Is.count(F);
      if (InOld && !InNew)
        add("rights", "lost", Phrase(F, false));
      else if (InNew && !InOld)
        add("rights", "gained", Phrase(F, true));
    }
  }

  //===--- Escalation ----------------------------------------------------===//

  /// Source label -> "target after D", for roles, forums, decisions and
  /// mode overrides; Owner says which entity must exist on both sides.
  struct Edge {
    std::string Value;
    std::pair<std::string, std::string> Owner;
  };
  static std::map<std::string, Edge> edges(const ModelSide &S) {
    std::map<std::string, Edge> Out;
    for (const EntityRecord &R : S.Records)
      for (const Field &F : R.Fields) {
        if (!isEscalationKey(F.Key))
          continue;
        std::string Source = "`" + R.Name + "`";
        if (R.Kind == "mode") {
          llvm::StringRef Head = llvm::StringRef(F.Key).split(": ").first;
          Source = fmt::format("`{}` in mode `{}`",
                               Head.split(' ').second.str(), R.Name);
        }
        Out[Source] = {F.Value, {R.Kind, R.Name}};
      }
    return Out;
  }

  static std::string target(llvm::StringRef Value) {
    llvm::StringRef T, After;
    std::tie(T, After) = Value.split(" after ");
    return After.empty() ? code(T) : code(T) + " after " + After.str();
  }

  void escalation() {
    std::map<std::string, Edge> Was = edges(Old), Is = edges(New);
    std::set<std::string> Sources;
    for (auto &[S, E] : Was)
      Sources.insert(S);
    for (auto &[S, E] : Is)
      Sources.insert(S);
    for (const std::string &S : Sources) {
      auto O = Was.find(S), N = Is.find(S);
      const Edge &Any = O != Was.end() ? O->second : N->second;
      // An entity added or removed as a whole is reported as such.
      if (!OldMap.count(Any.Owner) || !NewMap.count(Any.Owner))
        continue;
      if (O == Was.end())
        add("escalation", "added",
            fmt::format("{} now escalates to {}", S, target(N->second.Value)));
      else if (N == Is.end())
        add("escalation", "removed",
            fmt::format("{} no longer escalates to {}", S,
                        target(O->second.Value)));
      else if (O->second.Value != N->second.Value)
        add("escalation", "changed",
            fmt::format("{} now escalates to {} instead of {}", S,
                        target(N->second.Value), target(O->second.Value)));
    }
    chains();
  }

  /// Role or forum name -> the role or forum it escalates to (normal mode).
  static std::map<std::string, std::string> next(const ModelSide &S) {
    std::map<std::string, std::string> Out;
    for (const EntityRecord &R : S.Records)
      if (R.Kind == "role" || R.Kind == "forum")
        for (const Field &F : R.Fields)
          if (F.Key == "escalates_to")
            Out[R.Name] = llvm::StringRef(F.Value).split(" after ").first.str();
    return Out;
  }

  /// Where the escalation chain from a role or forum goes: how many steps
  /// it takes, whether it comes back on itself, and its last name (the end,
  /// or the first name it repeats).
  struct ChainInfo {
    size_t Steps = 0;
    bool Loops = false;
    std::string Last;
  };
  using ChainMap = std::map<std::string, ChainInfo>;

  /// Every chain of \p Next in one pass: each name is walked once, so a
  /// 100,000-long chain or cycle costs its length, not its length squared.
  static ChainMap chainInfo(const std::map<std::string, std::string> &Next) {
    ChainMap Out;
    for (const auto &Entry : Next) {
      if (Out.count(Entry.first))
        continue;
      std::vector<const std::string *> Path;
      std::map<llvm::StringRef, size_t> OnPath;
      const std::string *At = &Entry.first;
      // Follow the hops until a known chain, the end, or a name on the path.
      ChainInfo Tail; // Of the name the walk stopped at.
      size_t CycleFrom = 0;
      bool Cycle = false;
      while (true) {
        if (auto Known = Out.find(*At); Known != Out.end()) {
          Tail = Known->second;
          break;
        }
        auto Hop = Next.find(*At);
        if (Hop == Next.end()) {
          Tail.Last = *At;
          break;
        }
        if (auto P = OnPath.find(*At); P != OnPath.end()) {
          Cycle = true;
          CycleFrom = P->second;
          break;
        }
        OnPath[*At] = Path.size();
        Path.push_back(At);
        At = &Hop->second;
      }
      for (size_t I = Path.size(); I-- > 0;) {
        ChainInfo C;
        if (Cycle) {
          C.Loops = true;
          C.Last = I >= CycleFrom ? *Path[I] : *Path[CycleFrom];
        } else {
          C.Loops = Tail.Loops;
          C.Last = Tail.Last;
          C.Steps = Tail.Loops ? 0 : Tail.Steps + (Path.size() - I);
        }
        Out[*Path[I]] = std::move(C);
      }
    }
    return Out;
  }

  static ChainInfo chainOf(const ChainMap &Chains, const std::string &Name) {
    auto It = Chains.find(Name);
    if (It != Chains.end())
      return It->second;
    ChainInfo C;
    C.Last = Name;
    return C;
  }

  /// The chain from \p Start as text, its middle elided after a few names.
  static std::string chainText(const std::map<std::string, std::string> &Next,
                               const std::string &Start, const ChainInfo &C) {
    constexpr size_t Head = 6;
    std::string Text = "`" + Start + "`";
    std::set<std::string> Seen{Start};
    const std::string *At = &Start;
    for (size_t Shown = 1;; ++Shown) {
      auto Hop = Next.find(*At);
      if (Hop == Next.end())
        return Text;
      At = &Hop->second;
      if (Shown == Head && *At != C.Last) {
        Text += " → … → `" + C.Last + "`";
        return Text;
      }
      Text += " → `" + *At + "`";
      if (!Seen.insert(*At).second)
        return Text;
    }
  }

  /// Roles whose escalation chain got longer (or now loops). A role whose
  /// chain grew only because the role it escalates to grew (its own
  /// `escalates_to` unchanged) is not listed; the first role up its chain
  /// whose `escalates_to` changed counts it instead.
  void chains() {
    std::map<std::string, std::string> WasNext = next(Old), IsNext = next(New);
    ChainMap WasChains = chainInfo(WasNext), IsChains = chainInfo(IsNext);
    struct Growth {
      ChainInfo Was, Is;
    };
    std::map<std::string, Growth> Grown;
    for (const EntityRecord &R : New.Records) {
      if (R.Kind != "role" || !OldMap.count({R.Kind, R.Name}))
        continue;
      Growth G{chainOf(WasChains, R.Name), chainOf(IsChains, R.Name)};
      if ((G.Is.Loops && !G.Was.Loops) ||
          (!G.Is.Loops && !G.Was.Loops && G.Is.Steps > G.Was.Steps))
        Grown[R.Name] = std::move(G);
    }
    auto OwnEdge = [&](const std::string &Name) {
      auto W = WasNext.find(Name), I = IsNext.find(Name);
      return W == WasNext.end() || I == IsNext.end() || W->second != I->second;
    };
    auto Delta = [](const Growth &G) {
      return G.Is.Loops ? 0 : G.Is.Steps - G.Was.Steps;
    };
    // The role a grown role's growth is credited to: the first one up its
    // chain, while the chain stays among grown roles, whose escalates_to
    // changed. Memoised, so each role is walked once.
    std::map<std::string, const std::string *> Credit;
    auto CreditOf = [&](const std::string &Name) -> const std::string * {
      std::vector<const std::string *> Path;
      const std::string *Found = nullptr;
      std::set<llvm::StringRef> Seen;
      for (const std::string *At = &Name;;) {
        if (auto K = Credit.find(*At); K != Credit.end()) {
          Found = K->second;
          break;
        }
        if (!Grown.count(*At) || !Seen.insert(*At).second)
          break;
        if (OwnEdge(*At)) {
          Found = At;
          break;
        }
        Path.push_back(At);
        auto Hop = IsNext.find(*At);
        if (Hop == IsNext.end())
          break;
        At = &Hop->second;
      }
      for (const std::string *P : Path)
        Credit[*P] = Found;
      return Found;
    };
    std::map<std::string, unsigned> Through;
    std::vector<std::string> Roots;
    for (auto &[Name, G] : Grown) {
      auto Up = IsNext.count(Name) ? Grown.find(IsNext.at(Name)) : Grown.end();
      bool Inherited = !OwnEdge(Name) && Up != Grown.end() &&
                       G.Is.Loops == Up->second.Is.Loops &&
                       Delta(G) == Delta(Up->second);
      if (!Inherited) {
        Roots.push_back(Name);
        continue;
      }
      if (const std::string *To = CreditOf(IsNext.at(Name)))
        ++Through[*To];
    }
    for (const std::string &Name : Roots) {
      const Growth &G = Grown[Name];
      std::string Path = chainText(IsNext, Name, G.Is);
      std::string Text =
          G.Is.Loops
              ? fmt::format("the escalation chain of `{}` now loops: {}", Name,
                            Path)
              : fmt::format("the escalation chain of `{}` grew from {} to {} "
                            "steps: {}",
                            Name, G.Was.Steps, G.Is.Steps, Path);
      if (unsigned N = Through[Name])
        Text += fmt::format(" ({} more {} escalate through it)", N,
                            N == 1 ? "role" : "roles");
      add("escalation", "longer", Text);
    }
  }

  //===--- Findings ------------------------------------------------------===//

  void findings() {
    std::map<std::string, std::vector<const ModelSide::Finding *>> Was, Is;
    for (const auto &F : Old.Findings)
      Was[findingKey(F.Check, F.Message)].push_back(&F);
    for (const auto &F : New.Findings)
      Is[findingKey(F.Check, F.Message)].push_back(&F);
    auto Phrase = [](const char *Verb, const ModelSide::Finding &F) {
      return fmt::format("{} [`{}`] {}{}", Verb, F.Check, F.Message,
                         F.Location.empty() ? "" : " (" + F.Location + ")");
    };
    for (auto &[Key, List] : Is) {
      size_t Known = Was.count(Key) ? Was[Key].size() : 0;
      for (size_t I = Known; I < List.size(); ++I) {
        add("findings", "introduced", Phrase("introduced", *List[I]));
        ++Introduced;
      }
    }
    for (auto &[Key, List] : Was) {
      size_t Still = Is.count(Key) ? Is[Key].size() : 0;
      for (size_t I = Still; I < List.size(); ++I) {
        add("findings", "fixed", Phrase("fixed", *List[I]));
        ++Fixed;
      }
    }
  }

  const ModelSide &Old, &New;
  RecordMap OldMap, NewMap;
  std::string AsOf;
  std::map<std::string, std::vector<ChangeItem>> Items;
  size_t Introduced = 0, Fixed = 0;
};

/// "5 changes (organisation 1, decision rights 4); findings: 1 introduced,
/// 0 fixed"
std::string summary(const DiffReport &R) {
  if (R.Sections.empty())
    return "no semantic changes";
  std::vector<std::string> Parts;
  for (const ChangeSection &S : R.Sections)
    if (S.ID != "findings")
      Parts.push_back(fmt::format("{} {}",
                                  S.ID == "other"
                                      ? std::string("other")
                                      : llvm::StringRef(S.Title).lower(),
                                  S.Items.size()));
  size_t N = R.numModelChanges();
  std::string Out =
      N == 0 ? std::string("no model changes")
             : fmt::format("{} {} ({})", N, N == 1 ? "change" : "changes",
                           llvm::join(Parts, ", "));
  return Out + fmt::format("; findings: {} introduced, {} fixed", R.Introduced,
                           R.Fixed);
}

const char *marker(llvm::StringRef Kind) {
  if (Kind == "added" || Kind == "gained" || Kind == "introduced")
    return "+";
  if (Kind == "removed" || Kind == "lost" || Kind == "fixed")
    return "-";
  return "~";
}

/// \p S on one line, without control characters or bidi overrides: model
/// text (titles, strings quoted in findings) is untrusted, and a line break
/// in a CI log can start a workflow command (`::error ...`).
std::string lineSafe(llvm::StringRef S) { return emit::sanitizeText(S); }

/// lineSafe, with the punctuation that could start Markdown or HTML
/// backslash-escaped. Backticks are kept: names are shown as code spans.
/// A backtick in model text only moves where a span ends, and either way its
/// text is inert: escaped outside a span, literal inside one.
std::string markdownSafe(llvm::StringRef S) {
  std::string Out;
  for (char C : lineSafe(S)) {
    if (llvm::StringRef("\\*[]<>|&~!").contains(C))
      Out += '\\';
    Out += C;
  }
  return Out;
}
} // namespace

DiffReport remit::diffModels(const ModelSide &Old, const ModelSide &New,
                             int64_t AsOfDay) {
  DiffReport R = Differ(Old, New, AsOfDay).run();
  // Deterministic: items in each section sorted by text (gains and losses
  // of one holder read together because the text starts with it).
  // Findings: introduced before fixed.
  for (ChangeSection &S : R.Sections)
    std::stable_sort(
        S.Items.begin(), S.Items.end(),
        [](const ChangeItem &A, const ChangeItem &B) {
          bool AFixed = A.Kind == "fixed", BFixed = B.Kind == "fixed";
          return std::tie(AFixed, A.Text) < std::tie(BFixed, B.Text);
        });
  return R;
}

void remit::renderDiff(llvm::raw_ostream &OS, const DiffReport &R,
                       DiffFormat F) {
  switch (F) {
  case DiffFormat::Text:
    OS << lineSafe(R.Old) << " -> " << lineSafe(R.New) << ": " << summary(R)
       << "\n";
    for (const ChangeSection &S : R.Sections) {
      OS << "\n" << S.Title << "\n";
      for (const ChangeItem &I : S.Items)
        OS << "  " << marker(I.Kind) << " " << lineSafe(I.Text) << "\n";
    }
    return;
  case DiffFormat::Markdown: {
    // A reviewer reads the summary line and skims the sections; long
    // sections are cut so the comment stays readable.
    constexpr size_t MaxItems = 30;
    OS << "### Remit: semantic changes\n\n";
    OS << "**" << markdownSafe(summary(R)) << "** (`" << markdownSafe(R.Old)
       << "` → `" << markdownSafe(R.New) << "`)\n";
    for (const ChangeSection &S : R.Sections) {
      OS << "\n#### " << S.Title << " (" << S.Items.size() << ")\n\n";
      for (size_t I = 0; I < S.Items.size() && I < MaxItems; ++I)
        OS << "- " << markdownSafe(S.Items[I].Text) << "\n";
      if (S.Items.size() > MaxItems)
        OS << "- … and " << S.Items.size() - MaxItems
           << " more (`remitc diff` lists them all)\n";
    }
    return;
  }
  case DiffFormat::JSON: {
    llvm::json::Array Sections;
    for (const ChangeSection &S : R.Sections) {
      llvm::json::Array Items;
      for (const ChangeItem &I : S.Items)
        Items.push_back(llvm::json::Object{{"kind", I.Kind}, {"text", I.Text}});
      Sections.push_back(llvm::json::Object{
          {"id", S.ID}, {"title", S.Title}, {"changes", std::move(Items)}});
    }
    llvm::json::Object Root{
        {"old", R.Old},
        {"new", R.New},
        {"summary", summary(R)},
        {"modelChanges", static_cast<int64_t>(R.numModelChanges())},
        {"findingsIntroduced", static_cast<int64_t>(R.Introduced)},
        {"findingsFixed", static_cast<int64_t>(R.Fixed)},
        {"sections", std::move(Sections)}};
    OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Root))) << "\n";
    return;
  }
  }
}
