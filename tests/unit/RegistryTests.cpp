// RegistryTests.cpp - the diagnostic registry and its explain texts: every
// diagnostic is documented, and every documented example behaves as it says.
#include "Driver/Compilation.h"
#include "llvm/ADT/StringSet.h"
#include <catch2/catch.hpp>
#include <regex>

using namespace remit;

namespace {
/// The ```remit block that follows \p Heading in \p Markdown, if any.
std::optional<std::string> exampleUnder(llvm::StringRef Markdown,
                                        llvm::StringRef Heading) {
  size_t At = Markdown.find(Heading);
  if (At == llvm::StringRef::npos)
    return std::nullopt;
  size_t Open = Markdown.find("```remit\n", At);
  if (Open == llvm::StringRef::npos)
    return std::nullopt;
  Open += 9;
  size_t Close = Markdown.find("\n```", Open);
  if (Close == llvm::StringRef::npos)
    return std::nullopt;
  return Markdown.slice(Open, Close + 1).str();
}

std::unique_ptr<Compilation> compileExample(const std::string &Name,
                                            const std::string &Text) {
  CompileOptions Opts;
  Opts.VirtualFiles.push_back({"explain/" + Name + ".remit", Text});
  return Compilation::run(Opts);
}
} // namespace

TEST_CASE("registry names are unique, dotted and lowercase", "[registry]") {
  llvm::StringSet<> Seen;
  std::regex Shape("[a-z]+(-[a-z]+)*(\\.[a-z]+(-[a-z]+)*)?");
  for (const DiagInfo &I : getAllDiagInfos()) {
    INFO(I.Name.str());
    CHECK(Seen.insert(I.Name).second);
    CHECK(std::regex_match(I.Name.str(), Shape));
    CHECK(findDiagInfo(I.Name) == &I);
    CHECK(&getDiagInfo(I.ID) == &I);
    CHECK_FALSE(I.Format.empty());
  }
  CHECK(findDiagInfo("no.such-check") == nullptr);
}

TEST_CASE("every diagnostic has an explain text", "[registry]") {
  for (const DiagInfo &I : getAllDiagInfos()) {
    INFO(I.Name.str());
    CHECK(I.Explain.startswith("# " + I.Name.str() + "\n"));
  }
}

TEST_CASE("explain examples fail and pass as documented", "[registry]") {
  for (const DiagInfo &I : getAllDiagInfos()) {
    INFO(I.Name.str());
    auto Failing = exampleUnder(I.Explain, "## Failing");
    auto Passing = exampleUnder(I.Explain, "## Passing");
    // File-level diagnostics (unreadable, encoding, size, empty input)
    // cannot be shown as one text file; they document an `## Example`.
    if (!Failing && !Passing) {
      CHECK(I.Explain.contains("## Example"));
      continue;
    }
    REQUIRE(Failing);
    REQUIRE(Passing);
    auto Bad = compileExample(I.Name.str(), *Failing);
    bool Reported = false;
    for (const Diagnostic &D : Bad->diagnostics())
      Reported |= D.name() == I.Name;
    CHECK(Reported);
    auto Good = compileExample(I.Name.str(), *Passing);
    for (const Diagnostic &D : Good->diagnostics())
      FAIL_CHECK("passing example reports " << D.name().str() << ": "
                                            << D.Message);
  }
}

TEST_CASE("closestMatch suggests plausible typos only", "[registry]") {
  std::vector<llvm::StringRef> Names = {"accountable", "responsible",
                                        "consulted", "informed"};
  CHECK(closestMatch("acountable", Names) == std::string("accountable"));
  CHECK(closestMatch("informd", Names) == std::string("informed"));
  CHECK_FALSE(closestMatch("zzz", Names));
  CHECK_FALSE(closestMatch("informed", Names)); // exact is not a suggestion
}

TEST_CASE("closestMatch picks the same whatever the candidates' order",
          "[registry]") {
  // Nearest first, then alphabetical among equals: `ceo`, `cfo`, `coo` and
  // `cxxo` are all one edit from `cxo`. Lengths far apart are skipped
  // without computing a distance, and so are names no closer than the best.
  std::vector<llvm::StringRef> Names = {
      "cfo", "coo", "ceo", "chief_officer", "cxo_office", "c", "cxxo"};
  for (unsigned Round = 0; Round < 20; ++Round) {
    std::next_permutation(Names.begin(), Names.end());
    CHECK(closestMatch("cxo", Names) == std::string("ceo"));
    CHECK(closestMatch("cxxoo", Names) == std::string("cxxo"));
    CHECK(closestMatch("chief_oficer", Names) == std::string("chief_officer"));
  }
}
