// CheckTests.cpp - the organisational checks: the OrgView they read, the
// authority relation, linear escalation analysis on large graphs, fixes that
// really fix, configuration and suppression, and incremental mode runs
// against whole ones on random models.
#include "Checks/Checks.h"
#include "Checks/OrgView.h"
#include "Driver/Compilation.h"
#include "TestSupport.h"
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <set>

using namespace remit;
using namespace remit::sema;

namespace {
using test::applyFix;
using test::countFindings;
using test::firstFinding;
const char *const Header = test::RaciHeader;

std::unique_ptr<Compilation> compile(const std::string &Text,
                                     CompileOptions Opts = {}) {
  return test::compileAsOf("check-test/model.remit", Text, std::move(Opts));
}

/// A clean org: a final CEO with a deputy, a COO and a team under them.
const char *Org = R"(
role ceo { final  deputy coo }
role coo { reports_to ceo  deputy ops_lead }
unit ops {
  lead ops_lead
  role ops_lead { reports_to coo  deputy analyst }
  role analyst { headcount 4  reports_to ops_lead }
}
decision plan { accountable ops_lead  responsible analyst  informed ceo }
)";
} // namespace

TEST_CASE("a clean organisation has no findings", "[checks]") {
  auto C = compile(std::string(Header) + Org);
  for (const Diagnostic &D : C->diagnostics())
    FAIL_CHECK(D.name().str() << ": " << D.Message);
}

TEST_CASE("the OrgView applies a mode's overrides", "[checks]") {
  auto C = compile(std::string(Header) + Org + R"(
mode incident {
  decision plan { accountable coo }
  role analyst { escalates_to coo }
}
)");
  const Model &M = C->model();
  checks::OrgView Normal(M), Incident(M, M.lookup("incident"));
  const Decision &Plan = M.decision(M.lookup("plan"));
  auto Owners = [&](const checks::OrgView &V) {
    std::vector<std::string> Out;
    for (const Ref &O : V.owners(Plan))
      Out.push_back(M.nameOf(O.Target).str());
    return Out;
  };
  CHECK(Owners(Normal) == std::vector<std::string>{"ops_lead"});
  CHECK(Owners(Incident) == std::vector<std::string>{"coo"});
  // The rights the mode does not name stay as they are.
  CHECK(Incident.rights(Plan).size() == Plan.Rights.size());
  EntityID Analyst = M.lookup("analyst");
  CHECK(Normal.next(Analyst)->To == M.lookup("ops_lead"));
  CHECK(Normal.next(Analyst)->ViaReportsTo);
  CHECK(Incident.next(Analyst)->To == M.lookup("coo"));
  CHECK_FALSE(Incident.next(Analyst)->ViaReportsTo);
  CHECK(Incident.isOverridden(Analyst));
  CHECK_FALSE(Normal.isOverridden(Analyst));
}

TEST_CASE("authority follows lines, leads, forums and final roles",
          "[checks]") {
  auto C = compile(std::string(Header) + Org + R"(
role auditor { reports_to ceo }
forum board { members coo, auditor }
person pat { holds auditor }
)");
  const Model &M = C->model();
  checks::OrgView V(M);
  auto Id = [&](const char *Name) { return M.lookup(Name); };
  CHECK(V.hasAuthorityOver(Id("coo"), Id("analyst"))); // through ops_lead
  CHECK_FALSE(V.hasAuthorityOver(Id("analyst"), Id("coo")));
  CHECK(V.hasAuthorityOver(Id("ceo"), Id("auditor")));  // final
  CHECK(V.hasAuthorityOver(Id("ops_lead"), Id("ops"))); // leads the unit
  CHECK(V.hasAuthorityOver(Id("coo"), Id("ops")));      // the lead reports
  CHECK_FALSE(V.hasAuthorityOver(Id("auditor"), Id("ops")));
  CHECK(V.hasAuthorityOver(Id("board"), Id("analyst"))); // via coo
  CHECK_FALSE(V.hasAuthorityOver(Id("pat"), Id("analyst")));
  CHECK(V.hasAuthorityOver(Id("ceo"), EnterpriseEntity));
  CHECK_FALSE(V.hasAuthorityOver(Id("coo"), EnterpriseEntity));
  CHECK_FALSE(V.hasAuthorityOver(Id("coo"), Id("coo")));
}

TEST_CASE("escalation analysis is linear and iterative on long chains",
          "[checks]") {
  // 20,000 roles in one reporting line under a final role, then 20,000 in a
  // cycle: no recursion, one cycle finding, one too-deep finding.
  std::string Text = "role r0 { final }\n";
  const int N = 20000;
  for (int I = 1; I < N; ++I)
    Text += "role r" + std::to_string(I) + " { reports_to r" +
            std::to_string(I - 1) + " }\n";
  for (int I = 0; I < N; ++I)
    Text += "role c" + std::to_string(I) + " { escalates_to c" +
            std::to_string((I + 1) % N) + " }\n";
  CompileOptions Opts;
  for (const char *Check : {"unused.role", "bottleneck.escalation-fan-in",
                            "key-person.single-point"})
    Opts.Overrides.push_back({CompileOptions::CheckOverride::Disable, Check});
  auto C = compile(Text, Opts);
  CHECK(countFindings(*C, "escalation.cycle") == 1);
  REQUIRE(countFindings(*C, "escalation.too-deep") == 1);
  const Diagnostic *Deep = firstFinding(*C, "escalation.too-deep");
  CHECK(llvm::StringRef(Deep->Message)
            .startswith("escalation from `r19999` takes 19999 steps"));
  // The chain is shown with its middle elided.
  CHECK(llvm::StringRef(Deep->Message).contains("→ … → `r0`"));
  const Diagnostic *Cycle = firstFinding(*C, "escalation.cycle");
  CHECK(llvm::StringRef(Cycle->Message)
            .startswith("escalation goes round in a "
                        "circle: `c0` → `c1` → "));
  CHECK(Cycle->Notes.size() == N - 1);
}

TEST_CASE("a decision that escalates back to its owner is a cycle",
          "[checks]") {
  auto C = compile(std::string(Header) + Org + R"(
decision budget {
  accountable coo  responsible ops_lead
  escalates_to ops_lead after 1d
}
)");
  REQUIRE(countFindings(*C, "escalation.cycle") == 1);
  CHECK(firstFinding(*C, "escalation.cycle")->Message ==
        "escalation goes round in a circle: `coo` → `ops_lead` → `coo`; "
        "nobody above it ever hears of the problem");
}

TEST_CASE("fixes remove the findings they are offered for", "[checks]") {
  struct Case {
    const char *Check;
    std::string Text;
  };
  std::vector<Case> Cases = {
      {"ownership.orphaned",
       std::string(Header) + Org +
           "unit ops2 { lead ops_lead\n"
           "  decision d {\n    responsible analyst\n  }\n}\n"},
      {"rights.self-conflict",
       std::string(Header) + Org +
           "decision d { accountable coo  responsible analyst  consulted "
           "ops_lead, coo }\n"},
      {"rights.self-conflict",
       std::string(Header) + Org +
           "decision d { accountable coo  responsible coo, analyst }\n"},
      {"handoff.unacknowledged",
       std::string(Header) + Org +
           "handoff h { from analyst  to ops  within 2d }\n"},
      {"escalation.dead-end", std::string(Header) + Org +
                                  "role contractor \"Outsourced\"\n"
                                  "decision d { accountable contractor  "
                                  "responsible analyst }\n"},
      {"role.retired-reference",
       std::string(Header) + Org +
           "role old { retired  reports_to coo }\n"
           "role clerk { escalates_to old  reports_to ops_lead }\n"
           "decision d { accountable ops_lead  responsible clerk }\n"},
      {"suppression.no-reason",
       std::string(Header) + Org +
           "@allow(unused.role)\nrole spare { reports_to coo }\n"},
      {"suppression.unused",
       std::string(Header) + Org +
           "@allow(unused.role, \"kept\")\n"
           "decision d { accountable coo  responsible analyst }\n"},
  };
  for (const Case &K : Cases) {
    INFO(K.Check << "\n" << K.Text);
    auto Before = compile(K.Text);
    const Diagnostic *D = firstFinding(*Before, K.Check);
    REQUIRE(D);
    REQUIRE_FALSE(D->Fixes.empty());
    std::string Fixed = applyFix(K.Text, D->Fixes.front());
    INFO("fixed:\n" << Fixed);
    auto After = compile(Fixed);
    CHECK(countFindings(*After, K.Check) ==
          countFindings(*Before, K.Check) - 1);
    CHECK_FALSE(After->model().Entities.empty());
    for (const Diagnostic &AD : After->diagnostics())
      CHECK(getDiagInfo(AD.ID).Configurable);
  }
}

TEST_CASE("command-line configuration overrides the model's", "[checks]") {
  std::string Text = std::string(Header) + Org +
                     "checks { disable handoff.no-sla  severity "
                     "handoff.unacknowledged error }\n"
                     "handoff h { from analyst  to ops_lead }\n";
  auto Model = compile(Text);
  CHECK(countFindings(*Model, "handoff.no-sla") == 0);
  CHECK(firstFinding(*Model, "handoff.unacknowledged")->Sev == Severity::Error);

  using Override = CompileOptions::CheckOverride;
  CompileOptions Opts;
  Opts.Overrides = {
      {Override::Enable, "handoff.no-sla"},
      {Override::SetSeverity, "handoff.unacknowledged", Severity::Note}};
  auto Cli = compile(Text, Opts);
  CHECK(countFindings(*Cli, "handoff.no-sla") == 1);
  CHECK(firstFinding(*Cli, "handoff.unacknowledged")->Sev == Severity::Note);

  // Later changes win, whichever they are.
  CompileOptions OffOn, OnOff;
  OffOn.Overrides = {{Override::Disable, "handoff.unacknowledged"},
                     {Override::Enable, "handoff.unacknowledged"}};
  OnOff.Overrides = {{Override::Enable, "handoff.unacknowledged"},
                     {Override::Disable, "handoff.unacknowledged"}};
  CHECK(countFindings(*compile(Text, OffOn), "handoff.unacknowledged") == 1);
  CHECK(countFindings(*compile(Text, OnOff), "handoff.unacknowledged") == 0);
}

TEST_CASE("thresholds come from the registry, the model and the CLI",
          "[checks]") {
  std::string Text = std::string(Header) + Org +
                     "decision wide { accountable coo  responsible analyst\n"
                     "  consulted ceo, ops_lead, analyst, ops }\n";
  // `ops` is a unit: its two roles count, `ops_lead` and `analyst` once.
  auto C = compile(Text);
  CHECK(C->model().Config.threshold(DiagID::DecisionConsensusStall) == 5);
  CHECK(countFindings(*C, "decision.consensus-stall") == 0);
  CompileOptions Opts;
  Opts.Thresholds = {{"decision.consensus-stall", 2}};
  auto Low = compile(Text, Opts);
  REQUIRE(countFindings(*Low, "decision.consensus-stall") == 1);
  CHECK(llvm::StringRef(firstFinding(*Low, "decision.consensus-stall")->Message)
            .startswith("decision `wide` waits on 3 roles"));
  auto Model =
      compile(Text + "checks { threshold decision.consensus-stall 2 }\n");
  CHECK(countFindings(*Model, "decision.consensus-stall") == 1);
}

TEST_CASE("std.profiles `default` spells out the registry", "[checks]") {
  auto C = compile("import std.profiles\nchecks { profile default }\n"
                   "role ceo { final }\n");
  const CheckConfig &Config = C->model().Config;
  for (const DiagInfo &I : getAllDiagInfos()) {
    if (!I.Configurable)
      continue;
    INFO(I.Name.str());
    auto It = Config.Severities.find(I.Name);
    REQUIRE(It != Config.Severities.end());
    CHECK(It->second == I.DefaultSeverity);
    if (I.DefaultThreshold) {
      auto T = Config.Thresholds.find(I.Name);
      REQUIRE(T != Config.Thresholds.end());
      CHECK(T->second == *I.DefaultThreshold);
    }
  }
  auto Strict = compile("import std.profiles\nchecks { profile strict }\n"
                        "role ceo { final }\n");
  for (const DiagInfo &I : getAllDiagInfos())
    if (I.Configurable && I.DefaultSeverity == Severity::Warning)
      CHECK(Strict->model().Config.Severities.lookup(I.Name) ==
            Severity::Error);
}

TEST_CASE("suppressed findings are kept with their reason", "[checks]") {
  auto C = compile(std::string(Header) + Org + R"(
@allow(handoff.no-sla, "the DC accepts on arrival")
handoff h {
  from analyst  to ops_lead  accepted_by ops_lead
}
@allow(handoff.no-sla, "lapsed", until 2020-01-01)
handoff g {
  from analyst  to ops_lead  accepted_by ops_lead
}
)");
  REQUIRE(C->suppressed().size() == 1);
  CHECK(*C->suppressed()[0].SuppressedBecause == "the DC accepts on arrival");
  CHECK(countFindings(*C, "handoff.no-sla") == 1); // `g`: its @allow lapsed
  CHECK(countFindings(*C, "suppression.expired") == 1);
  CHECK(firstFinding(*C, "suppression.expired")->Message ==
        "`@allow(handoff.no-sla)` lapsed on 2020-01-01; the findings it "
        "suppressed are reported again");
}

//===----------------------------------------------------------------------===//
// Modes: incremental runs against whole runs
//===----------------------------------------------------------------------===//

namespace {
/// A finding with everything a user sees: check, severity, place, message,
/// notes and fixes.
std::string describe(const SourceManager &SM, const Diagnostic &D) {
  auto Place = [&](SourceRange R) {
    if (!R.isValid())
      return std::string("-");
    return SM.getDisplayName(R.File).str() + ":" + std::to_string(R.Begin) +
           "-" + std::to_string(R.End);
  };
  std::string Out = D.name().str() + " " +
                    std::to_string(static_cast<int>(D.Sev)) + " " +
                    Place(D.Range) + " " + D.Message;
  for (const DiagNote &N : D.Notes)
    Out += "\n  note " + Place(N.Range) + " " + N.Message;
  for (const Fix &F : D.Fixes) {
    Out += "\n  fix " + F.Title;
    for (const TextEdit &E : F.Edits)
      Out += " [" + Place(E.Range) + " " + E.NewText + "]";
  }
  return Out;
}

/// The check findings of \p Text with each mode run incrementally and run
/// whole (the reference), sorted as the driver sorts them.
struct ModeRuns {
  std::vector<std::string> Incremental, Whole;
  size_t ModeFindings = 0;
};
ModeRuns runBothWays(const std::string &Text,
                     std::vector<std::string> Vacate = {}) {
  CompileOptions Opts;
  Opts.RunChecks = false;
  auto C = compile(Text, Opts);
  ModeRuns Out;
  for (bool Whole : {false, true}) {
    checks::CheckOptions CO;
    CO.AsOfDay = 20000;
    CO.WholeModeRuns = Whole;
    for (const std::string &Name : Vacate)
      CO.Vacate.push_back(C->model().lookup(Name));
    DiagnosticEngine Diags;
    checks::runChecks(C->model(), C->sources(), CO, Diags);
    std::vector<Diagnostic> Found = Diags.take();
    sortDiagnostics(Found, C->sources());
    auto &Into = Whole ? Out.Whole : Out.Incremental;
    for (const Diagnostic &D : Found) {
      Into.push_back(describe(C->sources(), D));
      if (!Whole && llvm::StringRef(D.Message).contains(" in mode `"))
        ++Out.ModeFindings;
    }
  }
  return Out;
}

/// The mode findings of check \p Name in \p Runs' incremental findings.
size_t countModeFindings(const ModeRuns &Runs, llvm::StringRef Name) {
  return llvm::count_if(Runs.Incremental, [&](const std::string &F) {
    return llvm::StringRef(F).startswith(Name.str() + " ") &&
           llvm::StringRef(F).contains(" in mode `");
  });
}

/// A random organisation with many modes: deep reporting lines, cycles,
/// dead ends, retired and vacant roles, forums, people, RACI and RAPID
/// decisions, ladders, `separate` pairs and low thresholds, so that modes
/// make and break findings of every family that runs in a mode.
std::string randomModel(unsigned Seed) {
  std::mt19937 Rng(Seed);
  auto Pick = [&](size_t N) {
    return static_cast<size_t>(
        std::uniform_int_distribution<size_t>(0, N - 1)(Rng));
  };
  auto Chance = [&](double P) {
    return std::uniform_real_distribution<double>(0, 1)(Rng) < P;
  };
  auto Names = [](const char *Prefix, size_t N) {
    std::vector<std::string> Out;
    for (size_t I = 0; I < N; ++I)
      Out.push_back(Prefix + std::to_string(I));
    return Out;
  };
  std::vector<std::string> Roles = Names("r", 8 + Pick(40)),
                           Units = Names("u", 1 + Pick(4)),
                           Forums = Names("f", Pick(3)),
                           People = Names("p", Pick(4)),
                           Decisions = Names("d", 4 + Pick(24));
  auto Any = [&](const std::vector<std::string> &V) {
    return V[Pick(V.size())];
  };
  auto Role = [&] { return Any(Roles); };
  auto Target = [&] {
    return !Forums.empty() && Chance(0.15) ? Any(Forums) : Role();
  };
  auto Holder = [&] {
    if (Chance(0.75))
      return Role();
    if (!Forums.empty() && Chance(0.4))
      return Any(Forums);
    if (!People.empty() && Chance(0.5))
      return Any(People);
    return Any(Units);
  };
  auto Holders = [&](size_t N) {
    std::string Out;
    for (size_t I = 0; I < N; ++I)
      Out += (I ? ", " : "") + Holder();
    return Out;
  };
  auto N = [](size_t V) { return std::to_string(V); };

  std::string T = "import std.raci\nimport std.rapid\nimport std.topologies\n"
                  "model m { framework raci }\n";
  T += "checks {\n  threshold escalation.too-deep " + N(1 + Pick(4)) +
       "\n  threshold bottleneck.escalation-fan-in " + N(1 + Pick(3)) +
       "\n  threshold bottleneck.owner-load " + N(1 + Pick(3)) +
       "\n  threshold key-person.single-point " + N(1 + Pick(3)) +
       "\n  threshold decision.consensus-stall " + N(1 + Pick(4)) + "\n";
  for (size_t I = Pick(3); I-- > 0;)
    T += "  separate " + Any(Decisions) + ", " + Any(Decisions) + "\n";
  T += "  disable unused.role, handoff.unacknowledged\n}\n";
  for (size_t I = 0; I < Roles.size(); ++I) {
    T += "role " + Roles[I] + " {";
    if (I == 0 || Chance(0.05))
      T += " final";
    if (Chance(0.08))
      T += " retired";
    if (Chance(0.15))
      T += " headcount " + N(Pick(4));
    // Mostly a manager declared earlier, often the one just before (deep
    // lines); sometimes any role (cycles).
    if (I && Chance(0.85))
      T += " reports_to " +
           (Chance(0.1) ? Role() : Roles[Chance(0.5) ? I - 1 : Pick(I)]);
    if (Chance(0.3))
      T += " escalates_to " + Target();
    if (Chance(0.4))
      T += " deputy " + Role();
    T += " }\n";
  }
  for (size_t I = 0; I < Units.size(); ++I) {
    T += "unit " + Units[I] + " {";
    if (Chance(0.3))
      T += " kind " + std::string(Chance(0.5) ? "enabling" : "stream_aligned");
    if (Chance(0.8))
      T += " lead " + Role();
    if (I + 1 < Units.size() && Chance(0.5))
      T += "\n  decision nested_" + N(I) + " { accountable " + Role() +
           "  responsible " + Role() + " }\n";
    T += " }\n";
  }
  for (const std::string &P : People)
    T += "person " + P + " { holds " + Role() + ", " + Role() + " }\n";
  for (const std::string &F : Forums)
    T += "forum " + F + " { members " + Role() + ", " + Role() +
         (Chance(0.6) ? "  escalates_to " + Target() : "") + " }\n";
  for (const std::string &D : Decisions) {
    T += "decision " + D + " {";
    if (Chance(0.25)) {
      T += " framework rapid  recommend " + Holder() + "  perform " + Holder();
      if (size_t K = Pick(3))
        T += "  decide " + Holders(K);
      if (Chance(0.6))
        T += "  agree " + Holders(1 + Pick(3));
      if (Chance(0.5))
        T += "  input " + Holders(1 + Pick(4));
    } else {
      if (size_t K = Chance(0.15) ? 0 : 1 + Chance(0.15))
        T += " accountable " + Holders(K);
      T += "  responsible " + Holders(1 + Pick(2));
      if (Chance(0.5))
        T += "  consulted " + Holders(1 + Pick(4));
    }
    if (Chance(0.4))
      T += "  escalates_to " + Target();
    if (Chance(0.3))
      T += "  critical";
    T += " }\n";
  }
  for (size_t I = Pick(3); I-- > 0;) {
    T += "authority ladder_" + N(I) + " {\n";
    int64_t Bound = 0;
    for (size_t K = 1 + Pick(3); K-- > 0;) {
      Bound += 1000 * (1 + Pick(5));
      T += "  tier up_to " + N(Bound) + " accountable " +
           (Chance(0.2) ? Any(Units) : Role()) + "\n";
    }
    T += "  tier above " + N(Bound) + " accountable " + Role() + "\n}\n";
  }
  for (size_t M = 0, Modes = 4 + Pick(14); M < Modes; ++M) {
    T += "mode mode_" + N(M) + " {\n";
    for (size_t I = Pick(5); I-- > 0;) {
      std::string D = Any(Decisions), Body;
      // RAPID decisions name their own owner right.
      bool Rapid =
          T.find("decision " + D + " { framework rapid") != std::string::npos;
      if (Chance(0.6))
        Body += std::string(Rapid ? " decide " : " accountable ") +
                Holders(1 + Chance(0.2));
      if (Chance(0.3))
        Body += std::string(Rapid ? "  input " : "  consulted ") +
                Holders(1 + Pick(4));
      if (Chance(0.5))
        Body += "  escalates_to " + Target();
      T += "  decision " + D + " {" + Body + " }\n";
    }
    for (size_t I = Pick(6); I-- > 0;) {
      std::string Body;
      if (Chance(0.35))
        Body += " reports_to " + Role();
      if (Chance(0.6))
        Body += " escalates_to " + Target();
      if (Chance(0.3))
        Body += " deputy " + Role();
      T += "  role " + Role() + " {" + Body + " }\n";
    }
    T += "}\n";
  }
  return T;
}
} // namespace

TEST_CASE("incremental mode runs find what whole mode runs find",
          "[checks][modes]") {
  size_t ModeFindings = 0;
  std::set<std::string> Kinds;
  for (unsigned Seed = 1; Seed <= 120; ++Seed) {
    std::string Text = randomModel(Seed);
    INFO("seed " << Seed << "\n" << Text);
    // As `remitc check` has it, and as `remitc whatif` with roles vacated.
    for (auto Vacate :
         {std::vector<std::string>{}, {"r1", "r" + std::to_string(Seed % 8)}}) {
      ModeRuns Runs = runBothWays(Text, Vacate);
      REQUIRE(Runs.Incremental == Runs.Whole);
      ModeFindings += Runs.ModeFindings;
      for (const std::string &F : Runs.Incremental)
        if (llvm::StringRef(F).contains(" in mode `"))
          Kinds.insert(F.substr(0, F.find(' ')));
    }
  }
  // The models exercise every family that runs in a mode.
  CHECK(ModeFindings > 1000);
  for (const char *Kind :
       {"escalation.cycle", "escalation.dead-end", "escalation.too-deep",
        "bottleneck.escalation-fan-in", "bottleneck.owner-load",
        "key-person.single-point", "decision.consensus-stall",
        "ownership.double", "ownership.vacant", "rights.self-conflict",
        "role.retired-reference", "sod.violation", "authority.tier-inversion",
        "topology.enabling-owns-delivery"}) {
    INFO(Kind);
    CHECK(Kinds.count(Kind));
  }
}

TEST_CASE("a mode's view stores its overrides and patches the sources",
          "[checks][modes]") {
  for (unsigned Seed = 1; Seed <= 40; ++Seed) {
    std::string Text = randomModel(Seed);
    INFO("seed " << Seed << "\n" << Text);
    CompileOptions Opts;
    Opts.RunChecks = false;
    auto C = compile(Text, Opts);
    const Model &M = C->model();
    checks::OrgView Normal(M);
    for (const sema::Mode &Mo : M.Modes) {
      if (M.entity(Mo.Self).FromStdlib)
        continue;
      checks::OrgView Layered(Normal, Mo.Self), Whole(M, Mo.Self);
      // Every entity reads the same through both views.
      for (EntityID ID = 0; ID < M.Entities.size(); ++ID) {
        auto Sources = [&](const checks::OrgView &V) {
          std::vector<std::pair<EntityID, uint32_t>> Out;
          for (const checks::EscalationSource &S : V.escalationSources(ID))
            Out.push_back({S.From, S.Range.Begin});
          return Out;
        };
        CHECK(Sources(Layered) == Sources(Whole));
        bool Changed = llvm::is_contained(Layered.changes().SourceTargets, ID);
        if (!Changed)
          CHECK(Sources(Layered) == Sources(Normal));
      }
      // Steps lists exactly the roles whose next step moved.
      for (const sema::Role &R : M.Roles) {
        auto Was = Normal.next(R.Self), Now = Layered.next(R.Self);
        bool Same = Was.has_value() == Now.has_value() &&
                    (!Was || (Was->To == Now->To && Was->Range == Now->Range &&
                              Was->ViaReportsTo == Now->ViaReportsTo));
        CHECK(Same != llvm::is_contained(Layered.changes().Steps, R.Self));
      }
    }
  }
}

TEST_CASE("mode runs follow what an overridden step changes",
          "[checks][modes]") {
  // A clean line of four under a final CEO (staff's chain takes 4 steps,
  // the threshold), a retired role, and a normal escalation cycle.
  std::string Base = std::string(Header) + R"(
checks {
  threshold escalation.too-deep 4
  threshold bottleneck.escalation-fan-in 3
  disable unused.role
}
role ceo { final  deputy vp }
role vp { reports_to ceo  deputy head }
role aide { reports_to ceo  deputy vp }
role head { reports_to vp  deputy lead }
role lead { reports_to head  deputy staff }
role staff { reports_to lead  deputy vp }
role old { retired }
role loop_a { escalates_to loop_b  deputy vp }
role loop_b { escalates_to loop_a  deputy vp }
decision plan { accountable lead  responsible staff  escalates_to head }
decision memo { accountable vp  responsible aide }
decision note { accountable vp  responsible head }
)";
  auto Run = [&](const std::string &Mode) {
    ModeRuns Runs = runBothWays(Base + Mode);
    CHECK(Runs.Incremental == Runs.Whole);
    return Runs;
  };
  CHECK(Run("").ModeFindings == 0);
  // A step back down the line: a cycle through the roles below it.
  ModeRuns Loop = Run("mode loop { role head { escalates_to staff } }\n");
  CHECK(countModeFindings(Loop, "escalation.cycle") == 1);
  // A step up the line shortens every chain below it: nothing new.
  CHECK(Run("mode short { role staff { escalates_to head } }\n").ModeFindings ==
        0);
  // Breaking the normal cycle adds nothing either.
  CHECK(
      Run("mode unloop { role loop_b { escalates_to ceo } }\n").ModeFindings ==
      0);
  // A line to a retired role ends every chain below it there: a dead end
  // the normal model does not report (nothing escalated to it).
  ModeRuns Dead = Run("mode dead { role head { reports_to old } }\n");
  REQUIRE(countModeFindings(Dead, "escalation.dead-end") == 1);
  CHECK(llvm::any_of(Dead.Incremental, [](const std::string &F) {
    return llvm::StringRef(F).contains("4 other escalation chains end here");
  }));
  // The decision escalates back down to its owner's chain.
  ModeRuns Back = Run("mode back { decision plan { escalates_to staff } }\n");
  CHECK(countModeFindings(Back, "escalation.cycle") == 1);
  // A detour above the line lengthens the chain from the bottom of it.
  ModeRuns Detour = Run("mode detour { role vp { escalates_to aide } }\n");
  CHECK(countModeFindings(Detour, "escalation.too-deep") == 1);
  // Two decisions moved to the CEO: four escalations now land there.
  ModeRuns Fan = Run("mode fan {\n  decision memo { escalates_to ceo }\n"
                     "  decision note { escalates_to ceo }\n}\n");
  CHECK(countModeFindings(Fan, "bottleneck.escalation-fan-in") == 1);
}

TEST_CASE("the families find the same, in the same order, on any number of "
          "threads",
          "[checks][parallel]") {
  // Compared before sorting: each family reports into an engine of its own,
  // appended in the families' order whichever thread ran it.
  for (unsigned Seed = 1; Seed <= 40; ++Seed) {
    std::string Text = randomModel(Seed);
    INFO("seed " << Seed);
    CompileOptions Opts;
    Opts.RunChecks = false;
    auto C = compile(Text, Opts);
    std::vector<std::string> ByJobs[3];
    unsigned Jobs[] = {1, 2, 5};
    for (size_t J = 0; J < 3; ++J) {
      checks::CheckOptions CO;
      CO.AsOfDay = 20000;
      CO.Jobs = Jobs[J];
      DiagnosticEngine Diags;
      checks::runChecks(C->model(), C->sources(), CO, Diags);
      for (const Diagnostic &D : Diags.diagnostics())
        ByJobs[J].push_back(describe(C->sources(), D));
    }
    REQUIRE(!ByJobs[0].empty());
    CHECK(ByJobs[1] == ByJobs[0]);
    CHECK(ByJobs[2] == ByJobs[0]);
  }
}
