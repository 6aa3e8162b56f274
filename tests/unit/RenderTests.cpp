//===- RenderTests.cpp - Tests of the diagnostic renderers ----------------===//
#include "Diagnostics/Render.h"
#include "llvm/Support/JSON.h"
#include <catch2/catch.hpp>

using namespace remit;

namespace {

Diagnostic makeDiag(DiagID ID, Severity Sev, SourceRange R,
                    std::string Message) {
  return Diagnostic{ID, Sev, R, std::move(Message), {}, {}};
}

std::string render(OutputFormat Format, llvm::ArrayRef<Diagnostic> Diags,
                   const SourceManager &SM, RenderOptions Opts = {}) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  renderDiagnostics(OS, Format, Diags, SM, Opts);
  OS.flush();
  return Out;
}

/// The range of the first occurrence of \p Needle in \p File's buffer.
SourceRange rangeOf(const SourceManager &SM, FileID File,
                    llvm::StringRef Needle) {
  size_t At = SM.getBuffer(File).find(Needle);
  REQUIRE(At != size_t(llvm::StringRef::npos));
  return {File, static_cast<uint32_t>(At),
          static_cast<uint32_t>(At + Needle.size())};
}

std::vector<std::string> lines(llvm::StringRef Text) {
  llvm::SmallVector<llvm::StringRef, 16> Parts;
  Text.split(Parts, '\n');
  return std::vector<std::string>(Parts.begin(), Parts.end());
}

/// Number of code points in \p S (valid UTF-8 assumed).
size_t codePoints(llvm::StringRef S) { return measureText(S).CodePoints; }

llvm::json::Object parseObject(const std::string &Text) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  if (!V) {
    FAIL("output is not JSON: " << llvm::toString(V.takeError()));
  }
  REQUIRE(V->getAsObject());
  return *V->getAsObject();
}

// Null-tolerant accessors, so a missing member fails a check, not the run.
const llvm::json::Object *obj(const llvm::json::Object *O,
                              llvm::StringRef Key) {
  return O ? O->getObject(Key) : nullptr;
}
const llvm::json::Array *arr(const llvm::json::Object *O, llvm::StringRef Key) {
  return O ? O->getArray(Key) : nullptr;
}
const llvm::json::Object *at(const llvm::json::Array *A, int64_t I) {
  return A && I >= 0 && static_cast<size_t>(I) < A->size()
             ? (*A)[I].getAsObject()
             : nullptr;
}
int64_t num(const llvm::json::Object *O, llvm::StringRef Key) {
  if (!O)
    return INT64_MIN;
  auto V = O->getInteger(Key);
  return V ? *V : INT64_MIN;
}
std::string str(const llvm::json::Object *O, llvm::StringRef Key) {
  if (!O)
    return "<no object>";
  auto V = O->getString(Key);
  return V ? V->str() : "<missing>";
}

const DiagID Undefined = DiagID::NameUndefined;
const DiagID Syntax = DiagID::Syntax;

} // namespace

TEST_CASE("parseOutputFormat accepts the five names only", "[render]") {
  CHECK(parseOutputFormat("human") == OutputFormat::Human);
  CHECK(parseOutputFormat("json") == OutputFormat::JSON);
  CHECK(parseOutputFormat("sarif") == OutputFormat::SARIF);
  CHECK(parseOutputFormat("junit") == OutputFormat::JUnit);
  CHECK(parseOutputFormat("github") == OutputFormat::GitHub);
  CHECK_FALSE(parseOutputFormat(""));
  CHECK_FALSE(parseOutputFormat("xml"));
  CHECK_FALSE(parseOutputFormat("human "));
}

TEST_CASE("human: caret counts code points, not bytes", "[render]") {
  SourceManager SM;
  FileID F = SM.addBuffer("/p/a.remit", "a.remit", "role é日本 = bad_name\n");
  Diagnostic D = makeDiag(Undefined, Severity::Error,
                          rangeOf(SM, F, "bad_name"), "unknown `bad_name`");
  std::string Name = getDiagInfo(Undefined).Name.str();
  CHECK(render(OutputFormat::Human, {D}, SM) ==
        "a.remit:1:12: error: unknown `bad_name` [" + Name +
            "]\n"
            "   1 | role é日本 = bad_name\n"
            "     |            ^~~~~~~~\n"
            "1 error generated.\n");
}

TEST_CASE("human: tabs expand the same way in line and underline", "[render]") {
  SourceManager SM;
  FileID F = SM.addBuffer("/p/t.remit", "t.remit", "\tx\t= yy\n");
  Diagnostic D =
      makeDiag(Syntax, Severity::Warning, rangeOf(SM, F, "yy"), "tabbed");
  std::vector<std::string> L = lines(render(OutputFormat::Human, {D}, SM));
  REQUIRE(L.size() >= 3);
  CHECK(L[0] == "t.remit:1:6: warning: tabbed [syntax]");
  CHECK(L[1] == "   1 |         x       = yy");
  CHECK(L[2] == "     |                   ^~");
  CHECK(L[1].find("yy") == L[2].find('^'));
}

TEST_CASE("human: a multi-line range underlines to the end of its first line",
          "[render]") {
  SourceManager SM;
  FileID F = SM.addBuffer("/p/m.remit", "m.remit", "unit ops {\n  x\n}\n");
  SourceRange R = rangeOf(SM, F, "ops {\n  x\n}");
  std::vector<std::string> L = lines(render(
      OutputFormat::Human, {makeDiag(Syntax, Severity::Error, R, "m")}, SM));
  REQUIRE(L.size() >= 3);
  CHECK(L[1] == "   1 | unit ops {");
  CHECK(L[2] == "     |      ^~~~~");
}

TEST_CASE("human: long lines show a window around the range", "[render]") {
  SourceManager SM;
  std::string Long;
  for (int I = 0; I < 250; ++I)
    Long += "é";
  Long += "TARGET";
  Long += std::string(150, 'b');
  FileID F = SM.addBuffer("/p/l.remit", "l.remit", Long + "\n");
  Diagnostic D =
      makeDiag(Syntax, Severity::Error, rangeOf(SM, F, "TARGET"), "long");
  std::vector<std::string> L = lines(render(OutputFormat::Human, {D}, SM));
  REQUIRE(L.size() >= 3);
  CHECK(L[0] == "l.remit:1:251: error: long [syntax]");
  llvm::StringRef Source = L[1], Caret = L[2];
  CHECK(Source.startswith("   1 | ..."));
  CHECK(Source.endswith("..."));
  CHECK(codePoints(Source) < 220);
  // The caret sits under the `T`, counting code points on both lines.
  size_t Target = Source.find("TARGET");
  REQUIRE(Target != size_t(llvm::StringRef::npos));
  CHECK(codePoints(Source.take_front(Target)) == Caret.find('^'));
  CHECK(Caret.endswith("^~~~~~"));
}

TEST_CASE("human: notes, fixes and the summary", "[render]") {
  SourceManager SM;
  FileID F =
      SM.addBuffer("/p/n.remit", "n.remit", "role cio\nrole cio\nuse cto\n");
  FileID G = SM.addBuffer("/p/o.remit", "o.remit", "x\n");
  SourceRange Second{F, 14, 17}, First{F, 5, 8};
  Diagnostic Dup = makeDiag(DiagID::NameDuplicate, Severity::Error, Second,
                            "`cio` is already declared as a role");
  Dup.note(First, "first declared here").note({}, "roles share one namespace");
  Dup.fix("rename it",
          {{Second, "cfo"}, {{F, 0, 0}, "// \"x\"\n"}, {{G, 0, 1}, ""}});
  Diagnostic Warn =
      makeDiag(Syntax, Severity::Warning, rangeOf(SM, F, "use"), "w");
  Diagnostic Note1 = makeDiag(Syntax, Severity::Note, {}, "n1");
  Diagnostic Note2 = makeDiag(Syntax, Severity::Note, {}, "n2");
  Diagnostic Note3 = makeDiag(Syntax, Severity::Note, {}, "n3");
  Diagnostic Err2 = makeDiag(Syntax, Severity::Error, {}, "e2");
  std::string Out =
      render(OutputFormat::Human, {Dup, Warn, Note1, Note2, Note3, Err2}, SM);
  std::string DupName = getDiagInfo(DiagID::NameDuplicate).Name.str();
  std::string Expected =
      "n.remit:2:6: error: `cio` is already declared as a role [" + DupName +
      "]\n"
      "   2 | role cio\n"
      "     |      ^~~\n"
      "n.remit:1:6: note: first declared here\n"
      "   1 | role cio\n"
      "     |      ^~~\n"
      "note: roles share one namespace\n"
      "fix: rename it\n"
      "  replace 2:6-2:9 with \"cfo\"\n"
      "  insert \"// \\\"x\\\"\\n\" at 1:1\n"
      "  remove o.remit:1:1-1:2\n";
  CHECK(llvm::StringRef(Out).startswith(Expected));
  CHECK(llvm::StringRef(Out).endswith(
      "\nerror: e2 [syntax]\n"
      "2 errors, 1 warning and 3 notes generated.\n"));

  CHECK(render(OutputFormat::Human, {}, SM).empty());
  CHECK(render(OutputFormat::Human, {Warn, Note1}, SM)
            .find("\n1 warning and 1 note generated.\n") != std::string::npos);
}

TEST_CASE("human: colour only when asked, and input cannot inject escapes",
          "[render]") {
  SourceManager SM;
  FileID F = SM.addBuffer("/p/c.remit", "c.remit", "a \x1b[31mb\n");
  Diagnostic E =
      makeDiag(Syntax, Severity::Error, {F, 0, 1}, "bad \x1b]0;title\x07 name");
  Diagnostic W = makeDiag(Syntax, Severity::Warning, {F, 0, 1}, "w");
  E.note({F, 0, 1}, "here");
  std::string Plain = render(OutputFormat::Human, {E, W}, SM);
  CHECK(Plain.find('\x1b') == std::string::npos);
  CHECK(Plain.find('\x07') == std::string::npos);

  RenderOptions Opts;
  Opts.Color = true;
  std::string Colored = render(OutputFormat::Human, {E, W}, SM, Opts);
  CHECK(Colored.find("\x1b[1mc.remit:1:1: \x1b[0m\x1b[1;31merror:\x1b[0m "
                     "\x1b[1mbad ") != std::string::npos);
  CHECK(Colored.find("\x1b[1;35mwarning:") != std::string::npos);
  CHECK(Colored.find("\x1b[1;36mnote:") != std::string::npos);
  CHECK(Colored.find("\x1b[1;32m^\x1b[0m") != std::string::npos);
  // The only escapes are ours: the message's and the line's became U+FFFD.
  CHECK(Colored.find("\x1b]") == std::string::npos);
  CHECK(Colored.find("\x1b[31m") == std::string::npos);
}

TEST_CASE("every format survives invalid and out-of-range positions",
          "[render]") {
  SourceManager SM;
  FileID F = SM.addBuffer("/p/e.remit", "e.remit", "ab日\n");
  std::vector<Diagnostic> Diags = {
      makeDiag(Syntax, Severity::Error, {}, "no file"),
      makeDiag(Syntax, Severity::Error, {F + 7, 1, 2}, "unknown file"),
      makeDiag(Syntax, Severity::Error, {F, 500, 900}, "past the end"),
      makeDiag(Syntax, Severity::Error, {F, 3, 1}, "backwards"),
      makeDiag(Syntax, Severity::Warning, {F, 3, 4}, "inside a code point"),
  };
  Diags[0].note({F, 1000, 1000}, "far").fix("f", {{{}, "x"}});
  SourceManager Empty;
  FileID E = Empty.addBuffer("/p/z.remit", "z.remit", "");
  for (OutputFormat Format :
       {OutputFormat::Human, OutputFormat::JSON, OutputFormat::SARIF,
        OutputFormat::JUnit, OutputFormat::GitHub}) {
    CHECK_FALSE(render(Format, Diags, SM).empty());
    CHECK_FALSE(render(Format,
                       {makeDiag(Syntax, Severity::Error, {E, 5, 5}, "x")},
                       Empty)
                    .empty());
  }
  std::string Human = render(OutputFormat::Human, Diags, SM);
  CHECK(Human.find("\nerror: unknown file [syntax]\n") != std::string::npos);
  CHECK(Human.find("e.remit:2:1: error: past the end") != std::string::npos);
  // An offset inside `日` rounds down to the character's start.
  CHECK(Human.find("e.remit:1:3: warning: inside a code point") !=
        std::string::npos);
}

TEST_CASE("json: parses back with 1-based code-point positions", "[render]") {
  SourceManager SM;
  FileID F = SM.addBuffer("/p/j.remit", "dir/j.remit", "x\nrole é = bad\n");
  Diagnostic D = makeDiag(Undefined, Severity::Error, rangeOf(SM, F, "bad"),
                          "unknown \xff\xfe name");
  D.note(rangeOf(SM, F, "role"), "see here");
  D.fix("use `good`", {{rangeOf(SM, F, "bad"), "good"}});
  Diagnostic N = makeDiag(Syntax, Severity::Note, {}, "loose");
  RenderOptions Opts;
  Opts.ToolVersion = "0.1.0";
  std::string Out = render(OutputFormat::JSON, {D, N}, SM, Opts);
  llvm::json::Object Root = parseObject(Out);

  CHECK(num(&Root, "version") == 1);
  CHECK(str(obj(&Root, "tool"), "name") == "remitc");
  CHECK(str(obj(&Root, "tool"), "version") == "0.1.0");
  const llvm::json::Object *Summary = obj(&Root, "summary");
  CHECK(num(Summary, "errors") == 1);
  CHECK(num(Summary, "warnings") == 0);
  CHECK(num(Summary, "notes") == 1);

  const llvm::json::Array *Diags = arr(&Root, "diagnostics");
  REQUIRE(Diags);
  REQUIRE(Diags->size() == 2);
  const llvm::json::Object *J = at(Diags, 0);
  CHECK(str(J, "check") == getDiagInfo(Undefined).Name.str());
  CHECK(str(J, "severity") == "error");
  CHECK(str(J, "file") == "dir/j.remit");
  // Invalid UTF-8 became U+FFFD instead of breaking the document.
  CHECK(str(J, "message") == "unknown \xEF\xBF\xBD\xEF\xBF\xBD name");
  CHECK(num(obj(obj(J, "range"), "start"), "line") == 2);
  // `role é = ` is 9 code points (10 bytes).
  CHECK(num(obj(obj(J, "range"), "start"), "column") == 10);
  CHECK(num(obj(obj(J, "range"), "end"), "line") == 2);
  CHECK(num(obj(obj(J, "range"), "end"), "column") == 13);
  CHECK(num(obj(J, "byteRange"), "begin") == 12);
  CHECK(num(obj(J, "byteRange"), "end") == 15);

  const llvm::json::Object *Note = at(arr(J, "notes"), 0);
  CHECK(str(Note, "message") == "see here");
  CHECK(num(obj(obj(Note, "range"), "start"), "column") == 1);
  CHECK(num(obj(obj(Note, "range"), "end"), "column") == 5);
  const llvm::json::Object *Fix = at(arr(J, "fixes"), 0);
  CHECK(str(Fix, "title") == "use `good`");
  const llvm::json::Object *Edit = at(arr(Fix, "edits"), 0);
  CHECK(str(Edit, "newText") == "good");
  CHECK(str(Edit, "file") == "dir/j.remit");
  CHECK(num(obj(obj(Edit, "range"), "start"), "column") == 10);

  const llvm::json::Object *Loose = at(Diags, 1);
  REQUIRE(Loose);
  CHECK(str(Loose, "severity") == "note");
  CHECK_FALSE(Loose->get("file"));
  CHECK_FALSE(Loose->get("range"));

  llvm::json::Object EmptyRoot =
      parseObject(render(OutputFormat::JSON, {}, SM));
  REQUIRE(arr(&EmptyRoot, "diagnostics"));
  CHECK(arr(&EmptyRoot, "diagnostics")->empty());
  CHECK(num(obj(&EmptyRoot, "summary"), "errors") == 0);
}

TEST_CASE("sarif: 2.1.0 with UTF-16 columns, rules and fixes", "[render]") {
  SourceManager SM;
  // U+1F600 is one code point but two UTF-16 units.
  FileID F = SM.addBuffer("/p/s.remit", "dir\\s.remit",
                          "\xF0\x9F\x98\x80 = bad\nbad\n");
  FileID Abs = SM.addBuffer("/abs/x y.remit", "/abs/x y.remit", "z\n");
  Diagnostic D = makeDiag(Undefined, Severity::Warning, {F, 7, 10}, "msg");
  D.note({Abs, 0, 1}, "related").note({}, "nowhere");
  D.fix("replace", {{{F, 7, 10}, "good"}, {{}, "dropped"}});
  Diagnostic Moved = makeDiag(Undefined, Severity::Warning, {F, 11, 14}, "msg");
  Diagnostic Other =
      makeDiag(Undefined, Severity::Warning, {F, 11, 14}, "other");
  RenderOptions Opts;
  Opts.ToolVersion = "1.2.3";
  llvm::json::Object Root =
      parseObject(render(OutputFormat::SARIF, {D, Moved, Other}, SM, Opts));

  CHECK(str(&Root, "version") == "2.1.0");
  CHECK(str(&Root, "$schema") ==
        "https://json.schemastore.org/sarif-2.1.0.json");
  REQUIRE(arr(&Root, "runs"));
  REQUIRE(arr(&Root, "runs")->size() == 1);
  const llvm::json::Object *Run = at(arr(&Root, "runs"), 0);
  const llvm::json::Object *Driver = obj(obj(Run, "tool"), "driver");
  CHECK(str(Driver, "name") == "remitc");
  CHECK(str(Driver, "version") == "1.2.3");
  CHECK(str(Driver, "informationUri") == "https://github.com/remit-lang/remit");
  const llvm::json::Array *Rules = arr(Driver, "rules");
  REQUIRE(Rules);
  REQUIRE(Rules->size() == getAllDiagInfos().size());
  for (size_t I = 0; I < Rules->size(); ++I) {
    const DiagInfo &Info = getAllDiagInfos()[I];
    const llvm::json::Object *Rule = at(Rules, I);
    CHECK(str(Rule, "id") == Info.Name.str());
    CHECK(str(obj(Rule, "defaultConfiguration"), "level") ==
          severityName(Info.DefaultSeverity).str());
    std::string Short = str(obj(Rule, "shortDescription"), "text");
    if (Info.Explain.empty()) {
      CHECK(Short == Info.Name.str());
    } else {
      CHECK_FALSE(llvm::StringRef(Short).startswith("#"));
      CHECK(Info.Explain.contains(Short));
      CHECK(str(obj(Rule, "help"), "markdown") == Info.Explain.str());
      // The explain text appears once (as help Markdown), not three times.
      CHECK(obj(Rule, "fullDescription") == nullptr);
      CHECK(llvm::StringRef(str(obj(Rule, "help"), "text"))
                .endswith("Run `remitc explain " + Info.Name.str() +
                          "` for the rationale and examples."));
    }
  }

  const llvm::json::Array *Results = arr(Run, "results");
  REQUIRE(Results);
  REQUIRE(Results->size() == 3);
  const llvm::json::Object *R = at(Results, 0);
  CHECK(str(R, "ruleId") == getDiagInfo(Undefined).Name.str());
  CHECK(str(at(Rules, num(R, "ruleIndex")), "id") ==
        getDiagInfo(Undefined).Name.str());
  CHECK(str(R, "level") == "warning");
  CHECK(str(obj(R, "message"), "text") == "msg");
  const llvm::json::Object *Phys =
      obj(at(arr(R, "locations"), 0), "physicalLocation");
  CHECK(str(obj(Phys, "artifactLocation"), "uri") == "dir/s.remit");
  CHECK(str(obj(Phys, "artifactLocation"), "uriBaseId") == "%SRCROOT%");
  const llvm::json::Object *Region = obj(Phys, "region");
  CHECK(num(Region, "startLine") == 1);
  CHECK(num(Region, "startColumn") == 6); // 2 UTF-16 units + " = "
  CHECK(num(Region, "endLine") == 1);
  CHECK(num(Region, "endColumn") == 9);

  const llvm::json::Array *Related = arr(R, "relatedLocations");
  REQUIRE(Related);
  REQUIRE(Related->size() == 2);
  const llvm::json::Object *Rel0 = at(Related, 0);
  CHECK(num(Rel0, "id") == 0);
  CHECK(str(obj(Rel0, "message"), "text") == "related");
  const llvm::json::Object *AbsLoc =
      obj(obj(Rel0, "physicalLocation"), "artifactLocation");
  REQUIRE(AbsLoc);
  CHECK(str(AbsLoc, "uri") == "file:///abs/x%20y.remit");
  CHECK_FALSE(AbsLoc->get("uriBaseId"));
  CHECK(num(at(Related, 1), "id") == 1);
  CHECK_FALSE(obj(at(Related, 1), "physicalLocation"));

  const llvm::json::Object *Fix = at(arr(R, "fixes"), 0);
  CHECK(str(obj(Fix, "description"), "text") == "replace");
  const llvm::json::Array *Changes = arr(Fix, "artifactChanges");
  REQUIRE(Changes);
  REQUIRE(Changes->size() == 1);
  const llvm::json::Array *Repl = arr(at(Changes, 0), "replacements");
  REQUIRE(Repl);
  REQUIRE(Repl->size() == 1); // the edit without a location is dropped
  CHECK(num(obj(at(Repl, 0), "deletedRegion"), "startColumn") == 6);
  CHECK(num(obj(at(Repl, 0), "deletedRegion"), "endColumn") == 9);
  CHECK(str(obj(at(Repl, 0), "insertedContent"), "text") == "good");

  // Fingerprints follow the rule and message, not the line.
  auto Print = [&](size_t I) {
    return str(obj(at(Results, I), "partialFingerprints"), "remit/v1");
  };
  CHECK(Print(0).size() == 16);
  CHECK(Print(0) == Print(1));
  CHECK(Print(0) != Print(2));
}

TEST_CASE("junit: suites per file, failures, notes and XML escaping",
          "[render]") {
  SourceManager SM;
  FileID F = SM.addBuffer("/p/u.remit", "u&<>.remit", "role a\n");
  Diagnostic E = makeDiag(Syntax, Severity::Error, {F, 5, 6},
                          "a & b < c > d \"e\" 'f'\x01\x1b end");
  Diagnostic W = makeDiag(Syntax, Severity::Warning, {F, 0, 4}, "w");
  Diagnostic N = makeDiag(Syntax, Severity::Note, {}, "loose note");
  std::string Out = render(OutputFormat::JUnit, {E, W, N}, SM);

  CHECK(llvm::StringRef(Out).startswith("<?xml version=\"1.0\""));
  CHECK(Out.find("<testsuites name=\"remitc\" tests=\"3\" failures=\"2\"") !=
        std::string::npos);
  CHECK(Out.find("<testsuite name=\"u&amp;&lt;&gt;.remit\" tests=\"2\" "
                 "failures=\"2\"") != std::string::npos);
  CHECK(Out.find("<testsuite name=\"remitc\" tests=\"1\" failures=\"0\"") !=
        std::string::npos);
  CHECK(Out.find("<testcase name=\"syntax at u&amp;&lt;&gt;.remit:1:6\" "
                 "classname=\"u&amp;&lt;&gt;.remit\">") != std::string::npos);
  CHECK(Out.find("<failure message=\"a &amp; b &lt; c &gt; d &quot;e&quot; "
                 "&apos;f&apos; end\" type=\"error\">") != std::string::npos);
  CHECK(Out.find("type=\"warning\"") != std::string::npos);
  CHECK(Out.find("<system-out>note: loose note [syntax]\n</system-out>") !=
        std::string::npos);
  // Characters XML 1.0 forbids never reach the document.
  CHECK(Out.find('\x01') == std::string::npos);
  CHECK(Out.find('\x1b') == std::string::npos);
  // Every `&` starts an entity.
  for (size_t At = Out.find('&'); At != std::string::npos;
       At = Out.find('&', At + 1)) {
    llvm::StringRef Rest = llvm::StringRef(Out).substr(At);
    CHECK((Rest.startswith("&amp;") || Rest.startswith("&lt;") ||
           Rest.startswith("&gt;") || Rest.startswith("&quot;") ||
           Rest.startswith("&apos;") || Rest.startswith("&#")));
  }

  std::string Clean = render(OutputFormat::JUnit, {}, SM);
  CHECK(Clean.find("tests=\"1\" failures=\"0\"") != std::string::npos);
  CHECK(Clean.find("<testcase name=\"remitc check\" classname=\"remitc\"/>") !=
        std::string::npos);
  CHECK(Clean.find("<failure") == std::string::npos);
}

TEST_CASE("github: workflow commands with GitHub's escaping", "[render]") {
  SourceManager SM;
  FileID F =
      SM.addBuffer("/p/g.remit", "dir\\g:1,2.remit", "é role x\nrole y\n");
  Diagnostic E = makeDiag(Undefined, Severity::Error, rangeOf(SM, F, "x"),
                          "50% done\r\nnext: a,b");
  E.note(rangeOf(SM, F, "y"), "declared here");
  Diagnostic W = makeDiag(Syntax, Severity::Warning, {F, 0, 2}, "w");
  Diagnostic N = makeDiag(Syntax, Severity::Note, {}, "n");
  std::vector<std::string> L =
      lines(render(OutputFormat::GitHub, {E, W, N}, SM));
  REQUIRE(L.size() == 4);
  std::string Name = getDiagInfo(Undefined).Name.str();
  CHECK(L[0] == "::error file=dir/g%3A1%2C2.remit,line=1,col=8,endLine=1,"
                "endColumn=9,title=[" +
                    Name +
                    "]::50%25 done%0D%0Anext: a,b"
                    "%0Anote: dir\\g:1,2.remit:2:6: declared here");
  CHECK(L[1] == "::warning file=dir/g%3A1%2C2.remit,line=1,col=1,endLine=1,"
                "endColumn=2,title=[syntax]::w");
  CHECK(L[2] == "::notice title=[syntax]::n");
  CHECK(L[3].empty());
  CHECK(render(OutputFormat::GitHub, {}, SM).empty());
}
