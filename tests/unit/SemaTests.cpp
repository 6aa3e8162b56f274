// SemaTests.cpp - name resolution, kinds, rights, overrides, symbol index.
#include "Driver/Compilation.h"
#include "TestSupport.h"
#include <catch2/catch.hpp>

using namespace remit;
using namespace remit::sema;

namespace {
std::unique_ptr<Compilation> compile(const std::string &Text) {
  CompileOptions Opts;
  Opts.RunChecks = false; // These tests are about resolution only.
  return test::compileText("sema-test/model.remit", Text, std::move(Opts));
}

std::vector<std::string> names(const Compilation &C) {
  std::vector<std::string> Out;
  for (const Diagnostic &D : C.diagnostics())
    Out.push_back(D.name().str());
  return Out;
}

const char *const Header = test::RaciHeader;
} // namespace

TEST_CASE("references resolve in any order and by expected kind", "[sema]") {
  auto C = compile(std::string(Header) + R"(
import std.topologies
unit platform "Platform" {
  kind platform
  lead head_of_platform
  role head_of_platform { reports_to cto }
}
role cto { final }
handoff h { from head_of_platform  to platform  accepted_by cto  within 2d }
)");
  REQUIRE(names(*C).empty());
  const Model &M = C->model();
  EntityID Unit = M.lookup("platform");
  REQUIRE(Unit != NoEntity);
  CHECK(M.entity(Unit).Kind == ast::DeclKind::Unit);
  // `kind platform` found the stdlib unit_kind, not the user's unit.
  const sema::Unit &U = M.unit(Unit);
  REQUIRE(U.Kind);
  CHECK(M.entity(U.Kind.Target).Kind == ast::DeclKind::UnitKind);
  CHECK(M.entity(U.Kind.Target).FromStdlib);
  CHECK(M.nameOf(U.Lead.Target) == "head_of_platform");
  const sema::Role &Head = M.role(M.lookup("head_of_platform"));
  CHECK(Head.Unit == Unit);
  CHECK(M.nameOf(Head.ReportsTo.Target) == "cto");
  REQUIRE(M.Handoffs.size() == 1);
  CHECK(M.Handoffs[0].WithinHours == 48);
  CHECK(M.nameOf(M.Handoffs[0].To.Target) == "platform");
}

TEST_CASE("qualified stdlib names and wrong kinds", "[sema]") {
  auto C = compile(std::string(Header) + R"(
import std.topologies
unit platform { kind topologies.platform }
decision roadmap { accountable cpo  responsible cpo }
role cpo { reports_to roadmap }
)");
  auto N = names(*C);
  REQUIRE(N == std::vector<std::string>{"name.wrong-kind"});
  CHECK(C->diagnostics()[0].Message ==
        "`roadmap` is a decision, expected a role");
  CHECK(C->diagnostics()[0].Notes.size() == 1);
}

TEST_CASE("duplicates across user files, but not against the stdlib",
          "[sema]") {
  CompileOptions Opts;
  Opts.VirtualFiles.push_back({"dup/a.remit", "role ceo { final }\n"});
  Opts.VirtualFiles.push_back({"dup/b.remit", "unit ceo\n"});
  Opts.VirtualFiles.push_back({"dup/c.remit", "import std.raci\nrole raci\n"});
  Opts.RunChecks = false;
  auto C = Compilation::run(Opts);
  REQUIRE(names(*C) == std::vector<std::string>{"name.duplicate"});
  const Diagnostic &D = C->diagnostics()[0];
  CHECK(D.Message == "`ceo` is already declared as a role");
  REQUIRE(D.Notes.size() == 1);
  CHECK(C->sources()
            .getDisplayName(D.Notes[0].Range.File)
            .endswith("dup/a.remit"));
}

TEST_CASE("rights resolve against the decision's framework", "[sema]") {
  auto C = compile(std::string(Header) + R"(
import std.rapid
role cpo { final }
role pm { reports_to cpo }
forum exco { members cpo, pm  chair cpo }
decision roadmap {
  accountable cpo
  responsible pm
  consulted exco
}
decision pricing {
  framework rapid
  decide cpo
  recommend pm
  agree exco
  accountable pm
}
)");
  REQUIRE(names(*C) == std::vector<std::string>{"right.unknown"});
  const Model &M = C->model();
  const Decision &Roadmap = M.decision(M.lookup("roadmap"));
  REQUIRE(Roadmap.Rights.size() == 3);
  CHECK(M.entity(Roadmap.Rights[0].Right).Name == "accountable");
  CHECK(M.right(Roadmap.Rights[0].Right).Owner);
  CHECK(M.entity(Roadmap.Rights[2].Holders[0].Target).Kind ==
        ast::DeclKind::Forum);
  const Decision &Pricing = M.decision(M.lookup("pricing"));
  CHECK(M.nameOf(Pricing.Framework.Target) == "rapid");
  CHECK(M.right(Pricing.Rights[2].Right).Gate);
  CHECK(Pricing.Rights[3].Right == NoEntity); // `accountable` is not RAPID
}

TEST_CASE("mode overrides resolve against what they override", "[sema]") {
  auto C = compile(std::string(Header) + R"(
role coo { final }
role ops_director { retired  reports_to coo }
role store_manager { reports_to coo  escalates_to coo after 4h }
decision customer_comms { accountable store_manager  responsible store_manager }
mode incident {
  trigger "Sev1 customer incident"
  decision customer_comms { accountable ops_director  escalates_to coo after 1h }
  role store_manager { escalates_to ops_director }
  decision nosuch { accountable coo }
}
)");
  REQUIRE(names(*C) == std::vector<std::string>{"name.undefined"});
  const Model &M = C->model();
  REQUIRE(M.Modes.size() == 1);
  const sema::Mode &Mo = M.Modes[0];
  REQUIRE(Mo.Decisions.size() == 2);
  CHECK(M.nameOf(Mo.Decisions[0].Decision.Target) == "customer_comms");
  CHECK(M.nameOf(Mo.Decisions[0].Rights[0].Holders[0].Target) ==
        "ops_director");
  CHECK(Mo.Decisions[0].EscalationAfterHours == 1);
  REQUIRE(Mo.Roles.size() == 1);
  CHECK(M.nameOf(Mo.Roles[0].EscalatesTo.Target) == "ops_director");
  // Overrides do not declare names.
  CHECK(M.Decisions.size() == 1);
  CHECK(M.role(M.lookup("store_manager")).EscalationAfterHours == 4);
}

TEST_CASE("the symbol index finds definitions and references", "[sema]") {
  std::string Text =
      std::string(Header) + "role ceo { final }\nrole cfo { reports_to ceo }\n";
  auto C = compile(Text);
  REQUIRE(names(*C).empty());
  const Model &M = C->model();
  EntityID Ceo = M.lookup("ceo");
  auto Occ = M.Symbols.occurrencesOf(Ceo);
  REQUIRE(Occ.size() == 2);
  CHECK(Occ[0].IsDefinition);
  CHECK_FALSE(Occ[1].IsDefinition);
  FileID F = Occ[1].Range.File;
  uint32_t RefAt = static_cast<uint32_t>(Text.rfind("ceo"));
  const Occurrence *Found = M.Symbols.lookup(F, RefAt + 1);
  REQUIRE(Found);
  CHECK(Found->Target == Ceo);
  CHECK(M.Symbols.lookup(F, static_cast<uint32_t>(Text.find("final"))) ==
        nullptr);
}

TEST_CASE("terms are scoped to their unit", "[sema]") {
  auto C = compile(R"(
unit product { term priority "Customer value delivered per sprint" }
unit engineering { term priority "Risk reduced per sprint" }
unit finance {
  term capacity "Budgeted FTE"
  term capacity "Headcount on payroll"
}
)");
  REQUIRE(names(*C) == std::vector<std::string>{"name.duplicate"});
  CHECK(C->model().Terms.size() == 4);
  CHECK(C->model().Terms[0].Definition ==
        "Customer value delivered per sprint");
}

TEST_CASE("checks blocks and profiles configure severities", "[sema]") {
  auto C = compile(R"(
import std.profiles
checks { profile strict }
@draft role r
)");
  REQUIRE(names(*C) == std::vector<std::string>{"annotation.unknown"});
  CHECK(C->diagnostics()[0].Sev == Severity::Error);

  auto Off = compile("checks { disable annotation.unknown }\n@draft role r\n");
  CHECK(names(*Off).empty());

  auto Allowed =
      compile("@allow(annotation.unknown, \"migrating\") @draft role r\n");
  CHECK(names(*Allowed).empty());
}

TEST_CASE("top-level terms share the global scope", "[sema]") {
  // The global scope's key is NoEntity; a regression once used it as a
  // DenseMap key, which that map reserves.
  auto C = compile("term sla \"Agreed response time\"\n"
                   "term sla \"Hours until first reply\"\n"
                   "unit ops { term sla \"Minutes to acknowledge\" }\n");
  REQUIRE(names(*C) == std::vector<std::string>{"name.duplicate"});
  CHECK(C->model().Terms.size() == 3);
  CHECK(C->model().Terms[0].Scope == NoEntity);
}
