//===- Raci.cpp - The decision-rights matrix of `remitc report raci` ------===//
#include "Emit/Raci.h"
#include "Emit/Palette.h"
#include "Emit/Rights.h"
#include "Emit/Text.h"
#include <algorithm>
#include <map>
#include <set>

using namespace remit;
using namespace remit::emit;
using namespace remit::sema;
using ast::DeclKind;

std::optional<RaciFormat> emit::parseRaciFormat(llvm::StringRef Name) {
  if (Name == "md" || Name == "markdown")
    return RaciFormat::Markdown;
  if (Name == "csv")
    return RaciFormat::CSV;
  if (Name == "html")
    return RaciFormat::HTML;
  return std::nullopt;
}

namespace {

struct Cell {
  std::vector<EntityID> Rights; ///< In the decision's order.
  FindingList Findings;
};

/// The matrix, independent of the output format.
struct Matrix {
  std::vector<EntityID> Rows, Columns;
  std::map<std::pair<EntityID, EntityID>, Cell> Cells; ///< (row, column)
  std::map<EntityID, FindingList> RowFindings;
  std::vector<EntityID> Frameworks; ///< Used by the rows, by name.

  const Cell *cell(EntityID Row, EntityID Column) const {
    auto It = Cells.find({Row, Column});
    return It == Cells.end() ? nullptr : &It->second;
  }
};

bool isInside(const Model &M, EntityID E, EntityID Unit) {
  for (; E != NoEntity && E != EnterpriseEntity; E = M.entity(E).Parent)
    if (E == Unit)
      return true;
  return false;
}

bool inUnit(const Model &M, const Decision &D, EntityID Unit) {
  if (isInside(M, D.Self, Unit))
    return true;
  for (const RightAssignment &RA : D.Rights)
    if (RA.Right != NoEntity && M.right(RA.Right).Owner)
      for (const Ref &H : RA.Holders)
        if (H && isInside(M, H.Target, Unit))
          return true;
  return false;
}

unsigned kindOrder(DeclKind K) {
  switch (K) {
  case DeclKind::Role:
    return 0;
  case DeclKind::Forum:
    return 1;
  case DeclKind::Agent:
    return 2;
  case DeclKind::Unit:
    return 3;
  default:
    return 4;
  }
}

Matrix buildMatrix(const Model &M, const FindingIndex &F,
                   const RaciOptions &Opts) {
  Matrix X;
  std::set<EntityID> Columns, Frameworks;
  for (const Decision &D : M.Decisions) {
    if (M.entity(D.Self).FromStdlib ||
        (Opts.Unit != NoEntity && !inUnit(M, D, Opts.Unit)))
      continue;
    X.Rows.push_back(D.Self);
    X.RowFindings[D.Self] = F.ofEntity(D.Self);
    if (D.Framework)
      Frameworks.insert(D.Framework.Target);
    for (const RightAssignment &RA : D.Rights)
      for (const Ref &H : RA.Holders) {
        if (!H || H.Target == EnterpriseEntity)
          continue;
        Columns.insert(H.Target);
        Cell &C = X.Cells[{D.Self, H.Target}];
        if (std::find(C.Rights.begin(), C.Rights.end(), RA.Right) ==
            C.Rights.end())
          C.Rights.push_back(RA.Right);
        mergeFindings(C.Findings, F.within(H.Range));
      }
  }
  auto ByName = [&](EntityID A, EntityID B) {
    return M.nameOf(A) < M.nameOf(B);
  };
  std::sort(X.Rows.begin(), X.Rows.end(), ByName);
  X.Columns.assign(Columns.begin(), Columns.end());
  std::sort(X.Columns.begin(), X.Columns.end(), [&](EntityID A, EntityID B) {
    unsigned KA = kindOrder(M.entity(A).Kind), KB = kindOrder(M.entity(B).Kind);
    return KA != KB ? KA < KB : M.nameOf(A) < M.nameOf(B);
  });
  for (EntityID FW : Frameworks)
    if (FW != NoEntity && M.entity(FW).Kind == DeclKind::Framework)
      X.Frameworks.push_back(FW);
  std::sort(X.Frameworks.begin(), X.Frameworks.end(), ByName);
  // Order each cell's rights as their framework declares them.
  for (auto &[Key, C] : X.Cells)
    std::sort(C.Rights.begin(), C.Rights.end());
  return X;
}

std::string letters(const Model &M, const Cell &C) {
  std::string Out;
  for (EntityID R : C.Rights)
    Out += (Out.empty() ? "" : "/") + rightAbbreviation(M, R);
  return Out;
}

std::string legendLine(const Model &M, EntityID FW) {
  std::string Out = M.nameOf(FW).str() + ":";
  for (EntityID R : M.Frameworks[M.entity(FW).Index].Rights)
    Out += " " + rightAbbreviation(M, R) + " = " + describeRight(M, R) + ";";
  Out.pop_back();
  return Out;
}

std::string oneLine(const FindingList &Findings) {
  std::string Out;
  for (const Diagnostic *D : Findings)
    Out += (Out.empty() ? "" : "; ") + severityName(D->Sev).str() + " [" +
           D->name().str() + "]: " + D->Message;
  return Out;
}

std::string modelTitle(const Model &M) {
  if (!M.Header)
    return "Decision rights";
  return "Decision rights: " +
         (M.Header->Title.empty() ? M.Header->Name.str() : M.Header->Title);
}

const std::string Mark = palette::FindingMark;

std::string renderMarkdown(const Model &M, const Matrix &X) {
  std::string Out = "# " + escapeMarkdown(modelTitle(M)) + "\n\n";
  for (EntityID FW : X.Frameworks)
    Out += "- " + escapeMarkdown(legendLine(M, FW)) + "\n";
  Out += "- " + Mark + " marks a finding (see the last column)\n\n";
  Out += "| decision |";
  for (EntityID C : X.Columns)
    Out += " " + escapeMarkdown(M.nameOf(C)) + " |";
  Out += " findings |\n|---|";
  for (size_t I = 0; I < X.Columns.size(); ++I)
    Out += ":-:|";
  Out += "---|\n";
  for (EntityID R : X.Rows) {
    const Entity &E = M.entity(R);
    Out += "| **" + escapeMarkdown(E.Name) + "**";
    if (!E.Title.empty())
      Out += " " + escapeMarkdown(E.Title);
    Out += " |";
    FindingList All = X.RowFindings.at(R);
    for (EntityID C : X.Columns) {
      const Cell *Ce = X.cell(R, C);
      Out += " ";
      if (Ce) {
        Out += escapeMarkdown(letters(M, *Ce));
        if (!Ce->Findings.empty())
          Out += " " + Mark;
        mergeFindings(All, Ce->Findings);
      }
      Out += " |";
    }
    Out += " " +
           (All.empty() ? "" : Mark + " " + escapeMarkdown(oneLine(All))) +
           " |\n";
  }
  if (X.Rows.empty())
    Out += "\nNo decisions.\n";
  return Out;
}

std::string renderCSV(const Model &M, const Matrix &X) {
  std::string Out = "decision,title";
  for (EntityID C : X.Columns)
    Out += "," + escapeCSV(M.nameOf(C));
  Out += ",findings\r\n";
  for (EntityID R : X.Rows) {
    const Entity &E = M.entity(R);
    Out += escapeCSV(E.Name) + "," + escapeCSV(E.Title);
    FindingList All = X.RowFindings.at(R);
    for (EntityID C : X.Columns) {
      Out += ",";
      if (const Cell *Ce = X.cell(R, C)) {
        Out += escapeCSV(letters(M, *Ce) + (Ce->Findings.empty() ? "" : " !"));
        mergeFindings(All, Ce->Findings);
      }
    }
    Out += "," + escapeCSV(oneLine(All)) + "\r\n";
  }
  return Out;
}

std::string renderHTML(const Model &M, const Matrix &X) {
  std::string Title = escapeHTML(modelTitle(M));
  std::string Out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
      "'none'; style-src 'unsafe-inline'\">\n<title>" +
      Title +
      "</title>\n<style>\n"
      "body{font-family:system-ui,sans-serif;margin:1.5em;color:#111}\n"
      "table{border-collapse:collapse;font-size:0.9em}\n"
      "th,td{border:1px solid #bbb;padding:0.3em 0.5em}\n"
      "thead th{background:#f3f3f3;position:sticky;top:0}\n"
      "th.col{writing-mode:vertical-rl;transform:rotate(180deg);"
      "white-space:nowrap}\n"
      "td.c{text-align:center;font-weight:600}\n"
      "td.f{outline:3px solid #D55E00;outline-offset:-3px}\n"
      "tr.f th{border-left:6px solid #D55E00}\n"
      "td.findings{font-size:0.85em;max-width:40em}\n"
      ".t{display:block;font-weight:normal;color:#555}\n"
      "</style>\n</head>\n<body>\n<h1>" +
      Title + "</h1>\n<ul>\n";
  for (EntityID FW : X.Frameworks)
    Out += "<li>" + escapeHTML(legendLine(M, FW)) + "</li>\n";
  Out += "<li>" + Mark +
         " and a vermillion outline mark a finding; hover a cell for it</li>\n"
         "</ul>\n<table>\n<thead><tr><th>decision</th>";
  for (EntityID C : X.Columns) {
    const Entity &E = M.entity(C);
    Out += "<th class=\"col\" title=\"" +
           escapeHTML(ast::keywordOf(E.Kind).str() +
                      (E.Title.empty() ? "" : ": " + E.Title.str())) +
           "\">" + escapeHTML(E.Name) + "</th>";
  }
  Out += "<th>findings</th></tr></thead>\n<tbody>\n";
  for (EntityID R : X.Rows) {
    const Entity &E = M.entity(R);
    FindingList All = X.RowFindings.at(R);
    for (EntityID C : X.Columns)
      if (const Cell *Ce = X.cell(R, C))
        mergeFindings(All, Ce->Findings);
    Out += std::string("<tr") + (All.empty() ? "" : " class=\"f\"") +
           "><th scope=\"row\">" + escapeHTML(E.Name) + "<span class=\"t\">" +
           escapeHTML(E.Title) + "</span></th>";
    for (EntityID C : X.Columns) {
      const Cell *Ce = X.cell(R, C);
      if (!Ce) {
        Out += "<td></td>";
        continue;
      }
      bool Finding = !Ce->Findings.empty();
      Out += std::string("<td class=\"c") + (Finding ? " f" : "") + "\"";
      if (Finding)
        Out += " title=\"" + escapeHTML(oneLine(Ce->Findings)) + "\"";
      Out += ">" + escapeHTML(letters(M, *Ce)) + (Finding ? " " + Mark : "") +
             "</td>";
    }
    Out += "<td class=\"findings\">";
    for (const Diagnostic *D : All)
      Out += "<div>" + Mark + " " + escapeHTML(severityName(D->Sev)) +
             " <code>" + escapeHTML(D->name()) +
             "</code>: " + escapeHTML(D->Message) + "</div>";
    Out += "</td></tr>\n";
  }
  Out += "</tbody>\n</table>\n</body>\n</html>\n";
  return Out;
}

} // namespace

std::string emit::renderRaci(const Model &M, const FindingIndex &Findings,
                             const RaciOptions &Opts) {
  Matrix X = buildMatrix(M, Findings, Opts);
  switch (Opts.Format) {
  case RaciFormat::Markdown:
    return renderMarkdown(M, X);
  case RaciFormat::CSV:
    return renderCSV(M, X);
  case RaciFormat::HTML:
    return renderHTML(M, X);
  }
  return std::string();
}
