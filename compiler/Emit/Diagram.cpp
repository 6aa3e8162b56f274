//===- Diagram.cpp - One finished diagram of a model ----------------------===//
#include "Emit/Diagram.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>

using namespace remit;
using namespace remit::emit;

std::variant<sema::EntityID, std::string>
emit::findEntity(const sema::Model &M, llvm::StringRef Name,
                 llvm::StringRef What,
                 std::initializer_list<ast::DeclKind> Kinds) {
  auto Accept = [&](sema::EntityID E) {
    if (E == sema::NoEntity || E == sema::EnterpriseEntity ||
        M.entity(E).FromStdlib)
      return false;
    return Kinds.size() == 0 || std::find(Kinds.begin(), Kinds.end(),
                                          M.entity(E).Kind) != Kinds.end();
  };
  sema::EntityID E = M.lookup(Name);
  if (Accept(E))
    return E;
  std::vector<llvm::StringRef> Names;
  for (sema::EntityID I = 0; I < M.Entities.size(); ++I)
    if (Accept(I) && !M.Entities[I].Name.empty())
      Names.push_back(M.Entities[I].Name);
  std::string Message = "no " + What.str() + " named `" + Name.str() + "`";
  if (std::optional<std::string> Best = closestMatch(Name, Names))
    Message += "; did you mean `" + *Best + "`?";
  else if (!Names.empty() && Names.size() <= 10) {
    std::sort(Names.begin(), Names.end());
    Message += "; the model has";
    for (size_t I = 0; I < Names.size(); ++I)
      Message += (I ? ", `" : " `") + Names[I].str() + "`";
  }
  return Message;
}

static llvm::Error failure(std::string Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

llvm::Expected<GraphDesc> emit::buildDiagram(const sema::Model &M,
                                             llvm::ArrayRef<Diagnostic> Diags,
                                             const DiagramRequest &Req) {
  ViewOptions Opts;
  Opts.View = Req.View;
  if (Req.View != GraphView::Modes && !Req.Mode.empty())
    return failure("--mode applies to `--view modes` only");
  if (Req.View == GraphView::Modes) {
    if (Req.Mode.empty()) {
      std::vector<std::string> Modes;
      for (const sema::Mode &Mo : M.Modes)
        if (!M.entity(Mo.Self).FromStdlib)
          Modes.push_back("`" + M.entity(Mo.Self).Name.str() + "`");
      std::sort(Modes.begin(), Modes.end());
      return failure("`--view modes` needs `--mode NAME`; " +
                     (Modes.empty()
                          ? std::string("the model declares no modes")
                          : "the model's modes: " + llvm::join(Modes, ", ")));
    }
    auto Found = findEntity(M, Req.Mode, "mode", {ast::DeclKind::Mode});
    if (auto *Message = std::get_if<std::string>(&Found))
      return failure(*Message);
    Opts.Mode = std::get<sema::EntityID>(Found);
  }

  FindingIndex Findings(M, Diags);
  GraphDesc G = buildView(M, Findings, Opts);
  if (!Req.Focus.empty()) {
    auto Found = findEntity(M, Req.Focus, "declaration", {});
    if (auto *Message = std::get_if<std::string>(&Found))
      return failure(Req.FocusName + ": " + *Message);
    std::vector<size_t> Roots =
        nodesOfEntity(G, std::get<sema::EntityID>(Found));
    if (Roots.empty())
      return failure(Req.FocusName + ": `" + Req.Focus +
                     "` does not appear in the `" +
                     graphViewName(Req.View).str() + "` view");
    restrictToNeighbourhood(G, Roots, Req.Depth);
  }
  finalizeGraph(G);
  return G;
}
