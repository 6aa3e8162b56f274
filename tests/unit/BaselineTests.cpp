// BaselineTests.cpp - finding keys ignore positions; baselines match findings
// as a multiset and reject files that are not remitc output.
#include "Diagnostics/Baseline.h"
#include <catch2/catch.hpp>

using namespace remit;

namespace {
Diagnostic finding(DiagID ID, std::string Message, uint32_t At) {
  Diagnostic D;
  D.ID = ID;
  D.Sev = Severity::Error;
  D.Range = {1, At, At + 1};
  D.Message = std::move(Message);
  return D;
}
} // namespace

TEST_CASE("finding keys are the check and the quoted names", "[baseline]") {
  CHECK(findingKey("ownership.double",
                   "decision `roadmap` has 2 owners: `cio`, `cpo`") ==
        findingKey("ownership.double",
                   "decision `roadmap` has 3 owners: `cio`, `cpo`"));
  CHECK(findingKey("syntax", "expected `}` opened at 3:4") ==
        findingKey("syntax", "expected `}` opened at 9:1"));
  CHECK(findingKey("name.undefined", "no role named `a`") !=
        findingKey("name.undefined", "no role named `b`"));
  CHECK(findingKey("a.b", "no quotes 1") != findingKey("a.b", "no quotes 2"));
  // A parenthesised list is detail: it may grow and stay the same finding.
  CHECK(findingKey("key-person.single-point",
                   "`ceo` is a single point of failure: one person with no "
                   "`deputy` is where 2 roles and decisions escalate (`cfo` "
                   "and `cpo`)") ==
        findingKey("key-person.single-point",
                   "`ceo` is a single point of failure: one person with no "
                   "`deputy` is where 3 roles and decisions escalate (`cfo`, "
                   "`cpo` and `cto`)"));
  CHECK(findingKey("x.y", "`a` (`b`)") != findingKey("x.y", "`c` (`b`)"));
  // A backtick-quoted parenthesis does not open a group.
  CHECK(findingKey("x.y", "`(` then `a`") != findingKey("x.y", "`(` then `b`"));
}

TEST_CASE("baselines match findings as a multiset", "[baseline]") {
  llvm::Expected<Baseline> B = Baseline::parse(R"({"diagnostics": [
    {"check": "name.undefined", "message": "no role named `x`"},
    {"check": "name.undefined", "message": "no role named `gone`"}]})");
  REQUIRE(static_cast<bool>(B));
  CHECK(B->size() == 2);
  std::vector<Diagnostic> Now = {
      finding(DiagID::NameUndefined, "no role named `x`", 5),
      finding(DiagID::NameUndefined, "no role named `x`", 50),
      finding(DiagID::NameUndefined, "no role named `y`", 90)};
  size_t Unmatched = 0;
  std::vector<bool> In = B->match(Now, &Unmatched);
  CHECK(In == std::vector<bool>{true, false, false});
  CHECK(Unmatched == 1);
  CHECK(Baseline::of(Now).match(Now) == std::vector<bool>{true, true, true});
}

TEST_CASE("invalid baselines are rejected with a reason", "[baseline]") {
  for (const char *Bad : {"", "[]", "{}", "{\"runs\": [{}]}",
                          "{\"diagnostics\": [{\"check\": \"x\"}]}",
                          "{\"runs\": [{\"results\": [{\"ruleId\": \"x\", "
                          "\"message\": \"not an object\"}]}]}"}) {
    INFO(Bad);
    llvm::Expected<Baseline> B = Baseline::parse(Bad);
    CHECK(!B);
    if (!B)
      CHECK(llvm::toString(B.takeError()).find("not the output of") !=
            std::string::npos);
  }
}
