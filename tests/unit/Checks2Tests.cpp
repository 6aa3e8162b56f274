// Checks2Tests.cpp - Checks II: objectives and trade-offs (linear on large
// preference graphs, the tradeoff fix), checks on each mode's effective
// model, stress regression, agents, and vacating roles for `whatif`.
#include "Driver/Compilation.h"
#include "TestSupport.h"
#include <algorithm>
#include <catch2/catch.hpp>

using namespace remit;

namespace {
using test::applyFix;
using test::countFindings;
using test::firstFinding;
const char *const Header = test::RaciHeader;

std::unique_ptr<Compilation> compile(const std::string &Text,
                                     CompileOptions Opts = {}) {
  return test::compileAsOf("checks2-test/model.remit", Text, std::move(Opts));
}

/// Two units under a final CEO whose objectives pull `queue_jumps` apart.
const char *Conflict = R"(
metric queue_jumps { kind output }
role ceo { final  deputy cco }
role cco { reports_to ceo  deputy cio }
role cio { reports_to ceo  deputy cco }
unit cs {
  lead cco
  objective responsive { maximize queue_jumps }
}
unit tech {
  lead cio
  objective protected { minimize queue_jumps }
}
)";
} // namespace

TEST_CASE("conflicting objectives need a tradeoff in force", "[checks2]") {
  std::string Text = std::string(Header) + Conflict;
  auto C = compile(Text);
  REQUIRE(countFindings(*C, "objective.local-optimisation") == 1);
  const Diagnostic *D = firstFinding(*C, "objective.local-optimisation");
  CHECK(llvm::StringRef(D->Message)
            .contains("`responsive` (`cs`, maximizes "
                      "`queue_jumps`)"));
  CHECK(llvm::StringRef(D->Message)
            .contains("`protected` (`tech`, "
                      "minimizes `queue_jumps`)"));
  // The fix inserts a tradeoff the CEO decides; applied, nothing is left.
  REQUIRE(D->Fixes.size() == 1);
  std::string Fixed = applyFix(Text, D->Fixes.front());
  CHECK(llvm::StringRef(Fixed).contains("decided_by ceo"));
  auto After = compile(Fixed);
  CHECK(After->diagnostics().empty());

  // A lapsed tradeoff orders nothing.
  auto Lapsed = compile(Text + "tradeoff t { prefer protected over responsive"
                               "  decided_by ceo  until 2024-01-31 }\n");
  CHECK(countFindings(*Lapsed, "objective.local-optimisation") == 1);
  CHECK(countFindings(*Lapsed, "tradeoff.expired") == 1);
}

TEST_CASE("a side cannot settle its own trade-off", "[checks2]") {
  std::string Text = std::string(Header) + Conflict +
                     "tradeoff t { prefer protected over responsive  "
                     "decided_by cio }\n";
  auto C = compile(Text);
  REQUIRE(countFindings(*C, "tradeoff.no-authority") == 1);
  const Diagnostic *D = firstFinding(*C, "tradeoff.no-authority");
  CHECK(llvm::StringRef(D->Message).contains("no authority over `cs`"));
  REQUIRE(D->Fixes.size() == 1);
  CHECK(compile(applyFix(Text, D->Fixes.front()))->diagnostics().empty());
}

TEST_CASE("tradeoff cycles are found once, linearly", "[checks2]") {
  // 20,000 enterprise objectives preferred round one loop.
  const int N = 20000;
  std::string Text = std::string(Header) + "role ceo { final }\n";
  for (int I = 0; I < N; ++I)
    Text += "objective o" + std::to_string(I) + " { owner enterprise }\n";
  for (int I = 0; I < N; ++I)
    Text += "tradeoff t" + std::to_string(I) + " { prefer o" +
            std::to_string(I) + " over o" + std::to_string((I + 1) % N) +
            "  decided_by ceo }\n";
  CompileOptions Opts;
  for (const char *Check : {"unused.objective", "unused.role"})
    Opts.Overrides.push_back({CompileOptions::CheckOverride::Disable, Check});
  auto C = compile(Text, Opts);
  REQUIRE(countFindings(*C, "tradeoff.cycle") == 1);
  const Diagnostic *D = firstFinding(*C, "tradeoff.cycle");
  CHECK(llvm::StringRef(D->Message)
            .startswith(
                "tradeoffs contradict each other: `o0` over `o1` over `o2`"));
  CHECK(D->Notes.size() == N - 1);
}

TEST_CASE("checks run on each mode's effective model", "[checks2]") {
  std::string Text = std::string(Header) + R"(
role ceo { final  deputy coo }
role coo { reports_to ceo  deputy lead }
role lead { reports_to coo  deputy analyst }
role analyst { headcount 4  reports_to lead }
role old { retired  reports_to coo }
decision plan { accountable lead  responsible analyst }
decision budget { accountable lead, coo  responsible analyst }
mode crunch {
  trigger "Quarter end"
  decision plan { accountable lead, coo }
  decision budget { accountable lead, coo }
}
mode outage {
  decision plan { accountable old }
}
)";
  auto C = compile(Text);
  // budget's double ownership is a normal finding: not repeated per mode.
  size_t Doubles = 0, InMode = 0;
  for (const Diagnostic &D : C->diagnostics()) {
    if (D.name() != "ownership.double")
      continue;
    ++Doubles;
    if (llvm::StringRef(D.Message).endswith(" in mode `crunch`")) {
      ++InMode;
      CHECK(llvm::StringRef(D.Message).contains("decision `plan`"));
      CHECK(D.Fixes.empty());
      CHECK(D.Notes.back().Message == "only while mode `crunch` is in force "
                                      "(Quarter end)");
    }
  }
  CHECK(Doubles == 2);
  CHECK(InMode == 1);
  // The retired owner in `outage` is one stress-regression finding, not
  // also ownership.vacant in the mode.
  CHECK(countFindings(*C, "mode.stress-regression") == 1);
  CHECK(countFindings(*C, "ownership.vacant") == 0);
}

TEST_CASE("stress regression: retired roles and two levels up only",
          "[checks2]") {
  std::string Text = std::string(Header) + R"(
role ceo { final  deputy coo }
role coo { reports_to ceo  deputy head }
role head { reports_to coo  deputy lead }
role lead { headcount 2  reports_to head }
role peer { headcount 2  reports_to head }
role worker { headcount 9  reports_to lead }
decision a { accountable lead  responsible worker }
decision b { accountable lead  responsible worker }
decision c { accountable lead  responsible worker }
mode m {
  decision a { accountable head }   // one level: fine
  decision b { accountable peer }   // sideways: fine
  decision c { accountable coo }    // two levels: reported
  role worker { escalates_to head } // two above its normal target? no: lead -> head is one
}
)";
  auto C = compile(Text);
  REQUIRE(countFindings(*C, "mode.stress-regression") == 1);
  CHECK(llvm::StringRef(firstFinding(*C, "mode.stress-regression")->Message)
            .contains("decision `c` goes to `coo` instead of `lead`, 2 "
                      "reporting levels up (past `head`)"));
}

TEST_CASE("agents: accountable, unsupervised, overseer gone", "[checks2]") {
  std::string Text = std::string(Header) + R"(
role ceo { final  deputy lead }
role lead { headcount 2  reports_to ceo }
role gone { retired  reports_to ceo }
agent a { autonomy act  feeds d }
agent b { autonomy act_with_approval  feeds d }
agent c { autonomy suggest  overseen_by gone  feeds d }
agent e { autonomy suggest  overseen_by lead }
decision d { accountable lead  responsible a, b, c }
)";
  auto C = compile(Text);
  REQUIRE(countFindings(*C, "ai.unsupervised") == 2);
  for (const Diagnostic &D : C->diagnostics())
    if (D.name() == "ai.unsupervised")
      CHECK(D.Sev == (llvm::StringRef(D.Message).contains("`act`")
                          ? Severity::Error
                          : Severity::Warning));
  CHECK(countFindings(*C, "ai.overseer-vacant") == 1);
  CHECK(countFindings(*C, "ai.output-without-decision") == 1);
  CHECK(countFindings(*C, "role.retired-reference") == 0);
}

TEST_CASE("vacating roles breaks what depends on them", "[checks2]") {
  std::string Text = std::string(Header) + R"(
role ceo { final  deputy lead }
role lead { headcount 1  reports_to ceo  deputy worker }
role worker { headcount 9  reports_to lead }
agent bot { autonomy suggest  overseen_by lead  feeds d }
decision d { accountable lead  responsible worker }
)";
  auto Before = compile(Text);
  CHECK(Before->diagnostics().empty());
  CompileOptions Opts;
  Opts.Vacate = {"lead", "no_such_role"};
  auto After = compile(Text, Opts);
  CHECK(After->unknownVacate() == std::vector<std::string>{"no_such_role"});
  CHECK(countFindings(*After, "ownership.vacant") == 1);
  CHECK(countFindings(*After, "ai.overseer-vacant") == 1);
  REQUIRE(countFindings(*After, "escalation.dead-end") == 1);
  CHECK(llvm::StringRef(firstFinding(*After, "escalation.dead-end")->Message)
            .contains("it would be vacant"));
}
