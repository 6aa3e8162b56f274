// CheckTests.cpp - the organisational checks: the OrgView they read, the
// authority relation, linear escalation analysis on large graphs, fixes that
// really fix, configuration and suppression.
#include "Checks/OrgView.h"
#include "Driver/Compilation.h"
#include "TestSupport.h"
#include <catch2/catch.hpp>
#include <algorithm>

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
  CHECK(V.hasAuthorityOver(Id("coo"), Id("analyst")));   // through ops_lead
  CHECK_FALSE(V.hasAuthorityOver(Id("analyst"), Id("coo")));
  CHECK(V.hasAuthorityOver(Id("ceo"), Id("auditor")));   // final
  CHECK(V.hasAuthorityOver(Id("ops_lead"), Id("ops")));  // leads the unit
  CHECK(V.hasAuthorityOver(Id("coo"), Id("ops")));       // the lead reports
  CHECK_FALSE(V.hasAuthorityOver(Id("auditor"), Id("ops")));
  CHECK(V.hasAuthorityOver(Id("board"), Id("analyst")));  // via coo
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
    Opts.Overrides.push_back(
        {CompileOptions::CheckOverride::Disable, Check});
  auto C = compile(Text, Opts);
  CHECK(countFindings(*C, "escalation.cycle") == 1);
  REQUIRE(countFindings(*C, "escalation.too-deep") == 1);
  const Diagnostic *Deep = firstFinding(*C, "escalation.too-deep");
  CHECK(llvm::StringRef(Deep->Message)
            .startswith("escalation from `r19999` takes 19999 steps"));
  // The chain is shown with its middle elided.
  CHECK(llvm::StringRef(Deep->Message).contains("→ … → `r0`"));
  const Diagnostic *Cycle = firstFinding(*C, "escalation.cycle");
  CHECK(llvm::StringRef(Cycle->Message).startswith("escalation goes round in a "
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
      {"ownership.orphaned", std::string(Header) + Org +
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
      {"escalation.dead-end",
       std::string(Header) + Org + "role contractor \"Outsourced\"\n"
                                   "decision d { accountable contractor  "
                                   "responsible analyst }\n"},
      {"role.retired-reference",
       std::string(Header) + Org +
           "role old { retired  reports_to coo }\n"
           "role clerk { escalates_to old  reports_to ops_lead }\n"
           "decision d { accountable ops_lead  responsible clerk }\n"},
      {"suppression.no-reason",
       std::string(Header) + Org + "@allow(unused.role)\nrole spare { reports_to coo }\n"},
      {"suppression.unused",
       std::string(Header) + Org + "@allow(unused.role, \"kept\")\n"
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
    CHECK(countFindings(*After, K.Check) == countFindings(*Before, K.Check) - 1);
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
  Opts.Overrides = {{Override::Enable, "handoff.no-sla"},
                    {Override::SetSeverity, "handoff.unacknowledged",
                     Severity::Note}};
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
  auto Model = compile(Text + "checks { threshold decision.consensus-stall 2 }\n");
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
