//===- DotViews.cpp - The diagrams of `remitc graph` ----------------------===//
#include "Emit/DotViews.h"
#include "Emit/Palette.h"
#include "Emit/Rights.h"
#include "Emit/Text.h"
#include "llvm/Support/FormatVariadic.h"
#include <algorithm>
#include <functional>
#include <map>
#include <set>

using namespace remit;
using namespace remit::emit;
using namespace remit::sema;
using ast::DeclKind;

static const llvm::StringRef ViewNames[] = {
    "org", "decisions", "escalation", "handoffs", "objectives", "modes"};

std::optional<GraphView> emit::parseGraphView(llvm::StringRef Name) {
  for (unsigned I = 0; I < std::size(ViewNames); ++I)
    if (Name == ViewNames[I])
      return static_cast<GraphView>(I);
  return std::nullopt;
}

llvm::ArrayRef<llvm::StringRef> emit::graphViewNames() { return ViewNames; }

llvm::StringRef emit::graphViewName(GraphView V) {
  return ViewNames[static_cast<unsigned>(V)];
}

std::vector<size_t> emit::nodesOfEntity(const GraphDesc &G, EntityID E) {
  auto InCluster = [&](int C) {
    for (; C != NoCluster; C = G.Clusters[C].Parent)
      if (G.Clusters[C].Entity == E)
        return true;
    return false;
  };
  std::vector<size_t> Out;
  for (size_t I = 0; I < G.Nodes.size(); ++I)
    if (!G.Nodes[I].Legend &&
        (G.Nodes[I].Entity == E || InCluster(G.Nodes[I].Cluster)))
      Out.push_back(I);
  return Out;
}

namespace {

constexpr unsigned LabelWidth = 22;

/// A legend entry: a sample node or a sample edge with its attributes.
struct LegendItem {
  std::string Label;
  AttrList Attrs;
};

/// Shared machinery of the views: entity nodes with their kind's style and
/// findings, reference edges with the findings on the reference, unit
/// clusters, and the legend.
class ViewBuilder {
public:
  ViewBuilder(const Model &M, const FindingIndex &F, GraphView View,
              llvm::StringRef RankDir)
      : M(M), F(F) {
    G.Name = graphViewName(View).str();
    G.GraphAttrs = {{"rankdir", RankDir.str()},
                    {"fontname", "Helvetica"},
                    {"fontsize", "12"},
                    {"newrank", "true"},
                    {"nodesep", "0.25"},
                    {"ranksep", "0.5"},
                    {"outputorder", "edgesfirst"},
                    {"pad", "0.2"},
                    {"labelloc", "t"}};
    G.NodeDefaults = {
        {"fontname", "Helvetica"}, {"fontsize", "10"}, {"margin", "0.1,0.05"}};
    G.EdgeDefaults = {
        {"fontname", "Helvetica"}, {"fontsize", "9"}, {"arrowsize", "0.7"}};
  }

  const Model &M;
  const FindingIndex &F;
  GraphDesc G;

  bool isUser(EntityID E) const {
    return E != NoEntity && E != EnterpriseEntity && !M.entity(E).FromStdlib;
  }
  bool isKind(const Ref &R, DeclKind K) const {
    return R && R.Target != EnterpriseEntity && M.entity(R.Target).Kind == K;
  }
  std::string quoted(EntityID E) const { return "`" + M.nameOf(E).str() + "`"; }

  /// The second label line: what a reader needs besides the title.
  std::string detailOf(EntityID E) const {
    std::vector<std::string> Parts;
    const Entity &En = M.entity(E);
    switch (En.Kind) {
    case DeclKind::Role: {
      const Role &R = M.role(E);
      if (R.Headcount != 1)
        Parts.push_back("\xC3\x97" + std::to_string(R.Headcount)); // ×N
      if (R.Final)
        Parts.push_back("final");
      if (R.Frontline)
        Parts.push_back("frontline");
      if (R.Retired)
        Parts.push_back("retired");
      break;
    }
    case DeclKind::Decision:
      if (M.decision(E).Critical)
        Parts.push_back("critical");
      break;
    case DeclKind::Agent: {
      const Agent &A = M.Agents[En.Index];
      if (A.Level)
        Parts.push_back(*A.Level == Autonomy::Suggest ? "suggest"
                        : *A.Level == Autonomy::Act   ? "acts"
                                                      : "acts with approval");
      break;
    }
    case DeclKind::Metric: {
      const Metric &Me = M.Metrics[En.Index];
      if (Me.Kind)
        Parts.push_back(spelling(*Me.Kind).str());
      break;
    }
    case DeclKind::Tradeoff: {
      const Tradeoff &T = M.Tradeoffs[En.Index];
      if (T.DecidedBy)
        Parts.push_back("by " + M.nameOf(T.DecidedBy.Target).str());
      if (T.UntilDay)
        Parts.push_back("until " + formatDate(*T.UntilDay));
      break;
    }
    default:
      break;
    }
    std::string Out;
    for (const std::string &P : Parts)
      Out += (Out.empty() ? "" : " \xC2\xB7 ") + P; // " · "
    return Out;
  }

  std::string labelOf(EntityID E) const {
    if (E == EnterpriseEntity)
      return "Enterprise";
    const Entity &En = M.entity(E);
    std::string Out;
    if (!En.Title.empty())
      Out = wrapText(En.Title, LabelWidth) + "\n";
    Out += En.Name.empty() ? ast::keywordOf(En.Kind).str() : En.Name.str();
    std::string Detail = detailOf(E);
    if (!Detail.empty())
      Out += " \xC2\xB7 " + Detail;
    return Out;
  }

  std::string tooltipOf(EntityID E) const {
    if (E == EnterpriseEntity)
      return "the enterprise";
    const Entity &En = M.entity(E);
    std::string Out = ast::keywordOf(En.Kind).str() + " " + En.Name.str();
    if (!En.Title.empty())
      Out += ": " + En.Title.str();
    return Out;
  }

  AttrList styleOf(EntityID E) const {
    if (E == EnterpriseEntity)
      return {{"shape", "box"},
              {"style", "filled"},
              {"fillcolor", palette::FillUnit}};
    switch (M.entity(E).Kind) {
    case DeclKind::Role: {
      const Role &R = M.role(E);
      if (R.Retired)
        return {{"shape", "box"},
                {"style", "rounded,dashed"},
                {"color", palette::Grey},
                {"fontcolor", palette::Grey}};
      AttrList A{{"shape", "box"},
                 {"style", "rounded,filled"},
                 {"fillcolor", R.Frontline ? "#CFE8F7" : palette::FillRole},
                 {"color", palette::Blue}};
      if (R.Final)
        A.emplace_back("peripheries", "2");
      return A;
    }
    case DeclKind::Forum:
      return {{"shape", "ellipse"},
              {"style", "filled"},
              {"fillcolor", palette::FillForum},
              {"color", palette::BluishGreen}};
    case DeclKind::Agent:
      return {{"shape", "component"},
              {"style", "filled"},
              {"fillcolor", palette::FillAgent},
              {"color", palette::ReddishPurple}};
    case DeclKind::Decision: {
      AttrList A{{"shape", "note"},
                 {"style", "filled"},
                 {"fillcolor", palette::FillDecision},
                 {"color", palette::Orange}};
      if (M.decision(E).Critical)
        A.emplace_back("penwidth", "2");
      return A;
    }
    case DeclKind::Unit:
      return {{"shape", "folder"},
              {"style", "filled"},
              {"fillcolor", palette::FillUnit}};
    case DeclKind::Objective:
      return {{"shape", "box"},
              {"style", "rounded,filled"},
              {"fillcolor", "#E6F0FA"},
              {"color", palette::Blue}};
    case DeclKind::Metric:
      return {{"shape", "ellipse"}, {"color", palette::Grey}};
    case DeclKind::Tradeoff:
      return {{"shape", "hexagon"},
              {"style", "filled"},
              {"fillcolor", "#FCF8D8"},
              {"color", palette::Black}};
    default:
      return {{"shape", "box"}};
    }
  }

  /// The node of entity \p E in \p Cluster; \p Prefix separates copies of
  /// one entity (the `modes` view's two sides).
  size_t node(EntityID E, int Cluster = NoCluster, llvm::StringRef Prefix = "",
              bool WithFindings = true) {
    std::string Id = Prefix.str() + M.nameOf(E).str();
    if (std::optional<size_t> Existing = G.findNode(Id)) {
      if (G.Nodes[*Existing].Entity == E)
        return *Existing;
      Id += "~" + std::to_string(E); // A duplicated name (`name.duplicate`).
      if (std::optional<size_t> Again = G.findNode(Id))
        return *Again;
    }
    GraphNode N;
    N.Id = Id;
    N.Cluster = Cluster;
    N.Entity = E;
    N.Label = labelOf(E);
    N.Tooltip = tooltipOf(E);
    N.Attrs = styleOf(E);
    if (WithFindings && E != EnterpriseEntity)
      N.Findings = F.ofEntity(E);
    return G.addNode(std::move(N));
  }

  /// An edge drawn because of the reference at \p Origin.
  GraphEdge &edge(size_t From, size_t To, SourceRange Origin,
                  AttrList Attrs = {}) {
    GraphEdge &E = G.addEdge(From, To);
    E.Attrs = std::move(Attrs);
    E.Findings = F.within(Origin);
    return E;
  }

  /// The cluster of unit \p U (creating its enclosing units' clusters).
  int unitCluster(EntityID U) {
    if (U == NoEntity || !isUser(U))
      return NoCluster;
    auto It = UnitClusters.find(U);
    if (It != UnitClusters.end())
      return It->second;
    const Unit &Un = M.unit(U);
    int Parent = unitCluster(Un.ParentUnit);
    unsigned Depth = 0;
    for (int C = Parent; C != NoCluster; C = G.Clusters[C].Parent)
      ++Depth;
    GraphCluster C;
    C.Id = "unit:" + M.nameOf(U).str();
    const Entity &En = M.entity(U);
    C.Label = En.Title.empty() ? En.Name.str() : sanitizeText(En.Title);
    C.Label += "\n" + En.Name.str();
    if (Un.Lead)
      C.Label += " \xC2\xB7 lead " + M.nameOf(Un.Lead.Target).str();
    C.Tooltip = tooltipOf(U);
    C.Parent = Parent;
    C.Attrs = {{"style", "rounded,filled"},
               {"fillcolor", Depth % 2 ? "#FFFFFF" : "#F3F3F3"},
               {"color", "#9A9A9A"},
               {"labeljust", "l"},
               {"fontsize", Depth == 0 ? "13" : "11"}};
    C.Findings = F.ofEntity(U);
    C.Entity = U;
    int Index = G.addCluster(std::move(C));
    UnitClusters[U] = Index;
    return Index;
  }

  /// A named cluster that is not a unit (a side of `modes`, an owner).
  int plainCluster(std::string Id, std::string Label) {
    GraphCluster C;
    C.Id = std::move(Id);
    C.Label = std::move(Label);
    C.Attrs = {{"style", "rounded"}, {"color", "#9A9A9A"}, {"labeljust", "l"}};
    return G.addCluster(std::move(C));
  }

  /// The edge style of a right: owner rights bold, gates distinct, the
  /// others lighter in framework order.
  AttrList rightStyle(EntityID Right) const {
    if (Right == NoEntity)
      return {{"color", palette::Grey}};
    const sema::Right &R = M.right(Right);
    if (R.Owner && R.Gate)
      return {{"color", palette::Blue},
              {"penwidth", "2.5"},
              {"style", "bold"},
              {"arrowhead", "teenormal"}};
    if (R.Owner)
      return {{"color", palette::Blue}, {"penwidth", "2.5"}, {"style", "bold"}};
    if (R.Gate)
      return {{"color", palette::ReddishPurple},
              {"penwidth", "1.8"},
              {"style", "dashed"},
              {"arrowhead", "tee"}};
    unsigned Rank = 0;
    if (R.Framework != NoEntity &&
        M.entity(R.Framework).Kind == DeclKind::Framework)
      for (EntityID Other : M.Frameworks[M.entity(R.Framework).Index].Rights) {
        if (Other == Right)
          break;
        if (!M.right(Other).Owner && !M.right(Other).Gate)
          ++Rank;
      }
    switch (Rank) {
    case 0:
      return {{"color", palette::Black}, {"penwidth", "1.2"}};
    case 1:
      return {{"color", palette::Grey}, {"style", "dashed"}};
    default:
      return {
          {"color", "#A0A0A0"}, {"style", "dotted"}, {"arrowhead", "empty"}};
    }
  }

  /// Adds the legend: sample nodes, then sample edges, and the finding mark.
  void legend(std::vector<LegendItem> Nodes, std::vector<LegendItem> Edges) {
    GraphCluster C;
    C.Id = "legend";
    C.Label = "Legend";
    C.Legend = true;
    C.Attrs = {{"style", "rounded"},
               {"color", "#9A9A9A"},
               {"labeljust", "l"},
               {"fontsize", "11"}};
    int Cluster = G.addCluster(std::move(C));
    Nodes.push_back(
        {std::string(palette::FindingMark) + " finding (hover for details)",
         {{"shape", "box"},
          {"style", "rounded"},
          {"color", palette::Vermillion},
          {"penwidth", "3.5"}}});
    unsigned I = 0;
    // Zero-padded, so the canonical order keeps the legend's order.
    auto NextId = [&] { return "legend:" + llvm::formatv("{0:3}", I++).str(); };
    for (LegendItem &Item : Nodes) {
      GraphNode N;
      N.Id = NextId();
      N.Cluster = Cluster;
      N.Label = std::move(Item.Label);
      N.Attrs = std::move(Item.Attrs);
      setAttr(N.Attrs, "fontsize", "9");
      N.Legend = true;
      G.addNode(std::move(N));
    }
    for (LegendItem &Item : Edges) {
      size_t Ends[2];
      for (unsigned End = 0; End < 2; ++End) {
        GraphNode N;
        N.Id = NextId();
        N.Cluster = Cluster;
        N.Attrs = {
            {"shape", "point"}, {"width", "0.06"}, {"color", palette::Grey}};
        N.Legend = true;
        Ends[End] = G.addNode(std::move(N));
      }
      GraphEdge &E = G.addEdge(Ends[0], Ends[1]);
      E.Label = std::move(Item.Label);
      E.Attrs = std::move(Item.Attrs);
      E.Legend = true;
    }
  }

  /// Legend samples of the node kinds present in the graph so far.
  std::vector<LegendItem> nodeKindLegend() const {
    std::set<std::pair<DeclKind, std::string>> Seen;
    std::vector<LegendItem> Out;
    auto Add = [&](DeclKind K, std::string Variant, std::string Label,
                   AttrList Attrs) {
      if (Seen.insert({K, Variant}).second)
        Out.push_back({std::move(Label), std::move(Attrs)});
    };
    std::vector<EntityID> Entities;
    for (const GraphNode &N : G.Nodes)
      if (!N.Legend && N.Entity != NoEntity && N.Entity != EnterpriseEntity)
        Entities.push_back(N.Entity);
    std::sort(Entities.begin(), Entities.end(), [&](EntityID A, EntityID B) {
      return M.entity(A).Kind < M.entity(B).Kind;
    });
    for (EntityID E : Entities) {
      DeclKind K = M.entity(E).Kind;
      std::string Kind = ast::keywordOf(K).str();
      if (K == DeclKind::Role) {
        const Role &R = M.role(E);
        Add(K, "", "role", styleOf(E));
        if (R.Final)
          Add(K, "final", "final role (double border)", styleOf(E));
        if (R.Frontline && !R.Retired)
          Add(K, "frontline", "frontline role", styleOf(E));
        if (R.Retired)
          Add(K, "retired", "retired role", styleOf(E));
        continue;
      }
      AttrList A = styleOf(E);
      setAttr(A, "penwidth", "1");
      Add(K, "", Kind, A);
    }
    return Out;
  }

  /// Legend samples of the rights of the frameworks in \p Frameworks.
  std::vector<LegendItem> rightsLegend(const std::set<EntityID> &Rights) const {
    std::vector<LegendItem> Out;
    std::set<EntityID> Frameworks;
    for (EntityID R : Rights)
      if (R != NoEntity)
        Frameworks.insert(M.right(R).Framework);
    for (EntityID FW : Frameworks) {
      if (FW == NoEntity || M.entity(FW).Kind != DeclKind::Framework)
        continue;
      for (EntityID R : M.Frameworks[M.entity(FW).Index].Rights)
        Out.push_back({rightAbbreviation(M, R) + "  " + M.nameOf(FW).str() +
                           " " + describeRight(M, R),
                       rightStyle(R)});
    }
    return Out;
  }

private:
  std::map<EntityID, int> UnitClusters;
};

//===----------------------------------------------------------------------===//
// org
//===----------------------------------------------------------------------===//

GraphDesc buildOrg(ViewBuilder &B) {
  const Model &M = B.M;
  setAttr(B.G.GraphAttrs, "ranksep", "0.6");
  for (const Unit &U : M.Units)
    if (B.isUser(U.Self))
      B.unitCluster(U.Self);
  for (const Role &R : M.Roles)
    if (B.isUser(R.Self))
      B.node(R.Self, B.unitCluster(R.Unit));
  for (const Role &R : M.Roles) {
    if (!B.isUser(R.Self) || !B.isKind(R.ReportsTo, DeclKind::Role))
      continue;
    B.edge(B.node(R.ReportsTo.Target), B.node(R.Self), R.ReportsTo.Range,
           {{"arrowhead", "none"}, {"color", "#4D4D4D"}})
        .Tooltip =
        B.quoted(R.Self) + " reports to " + B.quoted(R.ReportsTo.Target);
  }
  // Forums list their members in the label: edges to every member would
  // cross the whole chart.
  for (const Forum &Fo : M.Forums) {
    if (!B.isUser(Fo.Self))
      continue;
    size_t FN = B.node(Fo.Self, B.unitCluster(B.M.enclosingUnit(Fo.Self)));
    std::string Members;
    for (const Ref &Mem : Fo.Members)
      if (Mem)
        Members += (Members.empty() ? "" : ", ") + M.nameOf(Mem.Target).str() +
                   (Mem.Target == Fo.Chair.Target ? " (chair)" : "");
    if (!Members.empty())
      B.G.Nodes[FN].Label += "\n" + wrapText("members: " + Members, 34);
  }
  for (const Agent &A : M.Agents) {
    if (!B.isUser(A.Self))
      continue;
    size_t AN = B.node(A.Self, B.unitCluster(A.Unit));
    if (A.OverseenBy && B.isUser(A.OverseenBy.Target))
      B.edge(B.node(A.OverseenBy.Target), AN, A.OverseenBy.Range,
             {{"style", "dotted"},
              {"color", palette::ReddishPurple},
              {"constraint", "false"}})
          .Label = "oversees";
  }
  B.legend(B.nodeKindLegend(),
           {{"reports to (manager on the left)",
             {{"arrowhead", "none"}, {"color", "#4D4D4D"}}},
            {"oversees agent",
             {{"style", "dotted"}, {"color", palette::ReddishPurple}}}});
  return std::move(B.G);
}

//===----------------------------------------------------------------------===//
// decisions
//===----------------------------------------------------------------------===//

GraphDesc buildDecisions(ViewBuilder &B) {
  const Model &M = B.M;
  setAttr(B.G.GraphAttrs, "ranksep", "1.4");
  std::set<EntityID> Rights;
  for (const Decision &D : M.Decisions) {
    if (!B.isUser(D.Self))
      continue;
    size_t DN = B.node(D.Self);
    for (const RightAssignment &RA : D.Rights) {
      Rights.insert(RA.Right);
      for (const Ref &H : RA.Holders) {
        if (!H || H.Target == EnterpriseEntity)
          continue;
        GraphEdge &E =
            B.edge(B.node(H.Target), DN, H.Range, B.rightStyle(RA.Right));
        E.Label = rightAbbreviation(M, RA.Right);
        E.Tooltip = "`" + M.nameOf(H.Target).str() + "` is " +
                    (RA.Right == NoEntity ? std::string("?")
                                          : M.nameOf(RA.Right).str()) +
                    " for `" + M.nameOf(D.Self).str() + "`";
      }
    }
  }
  AttrList Feeds{{"style", "dotted"}, {"color", palette::ReddishPurple}};
  for (const Agent &A : M.Agents) {
    if (!B.isUser(A.Self))
      continue;
    for (const Ref &Fd : A.Feeds)
      if (B.isKind(Fd, DeclKind::Decision) && B.isUser(Fd.Target))
        B.edge(B.node(A.Self), B.node(Fd.Target), Fd.Range, Feeds).Label =
            "feeds";
  }
  std::vector<LegendItem> Edges = B.rightsLegend(Rights);
  Edges.push_back({"agent output feeds", Feeds});
  B.legend(B.nodeKindLegend(), std::move(Edges));
  return std::move(B.G);
}

//===----------------------------------------------------------------------===//
// escalation
//===----------------------------------------------------------------------===//

/// Where an escalation from \p E goes next: its `escalates_to`, else (for a
/// role) its line manager. Second: whether the hop is explicit.
std::pair<Ref, bool> nextHop(const Model &M, EntityID E) {
  switch (M.entity(E).Kind) {
  case DeclKind::Role: {
    const Role &R = M.role(E);
    if (R.EscalatesTo)
      return {R.EscalatesTo, true};
    return {R.ReportsTo, false};
  }
  case DeclKind::Forum:
    return {M.Forums[M.entity(E).Index].EscalatesTo, true};
  case DeclKind::Decision:
    return {M.decision(E).EscalatesTo, true};
  default:
    return {Ref(), false};
  }
}

std::optional<int64_t> hopDelay(const Model &M, EntityID E) {
  switch (M.entity(E).Kind) {
  case DeclKind::Role:
    return M.role(E).EscalationAfterHours;
  case DeclKind::Forum:
    return M.Forums[M.entity(E).Index].EscalationAfterHours;
  case DeclKind::Decision:
    return M.decision(E).EscalationAfterHours;
  default:
    return std::nullopt;
  }
}

/// Whether an escalation chain may end at \p E.
bool isChainTop(const Model &M, EntityID E) {
  if (M.entity(E).Kind == DeclKind::Role)
    return M.role(E).Final;
  if (M.entity(E).Kind == DeclKind::Forum)
    for (const Ref &Mem : M.Forums[M.entity(E).Index].Members)
      if (Mem && M.entity(Mem.Target).Kind == DeclKind::Role &&
          M.role(Mem.Target).Final)
        return true;
  return false;
}

GraphDesc buildEscalation(ViewBuilder &B) {
  const Model &M = B.M;
  // The entities in the view: every explicit escalation source, and every
  // entity its chain passes through.
  std::vector<EntityID> Order;
  std::map<EntityID, size_t> Position;
  auto Visit = [&](EntityID E) {
    while (E != NoEntity && B.isUser(E) && !Position.count(E)) {
      Position[E] = Order.size();
      Order.push_back(E);
      E = nextHop(M, E).first.Target;
    }
  };
  for (const Role &R : M.Roles)
    if (B.isUser(R.Self) && R.EscalatesTo)
      Visit(R.Self);
  for (const Forum &Fo : M.Forums)
    if (B.isUser(Fo.Self) && Fo.EscalatesTo)
      Visit(Fo.Self);
  for (const Decision &D : M.Decisions)
    if (B.isUser(D.Self) && D.EscalatesTo)
      Visit(D.Self);

  // Cycles: strongly connected components of the hop graph (each entity has
  // at most one hop, so following hops from each unvisited entity finds
  // every cycle once).
  std::vector<int> Cycle(Order.size(), -1);
  std::vector<int> State(Order.size(), 0); // 0 new, 1 on path, 2 done
  std::vector<std::vector<EntityID>> Cycles;
  for (size_t Start = 0; Start < Order.size(); ++Start) {
    std::vector<size_t> Path;
    size_t I = Start;
    while (true) {
      if (State[I] == 2)
        break;
      if (State[I] == 1) {
        std::vector<EntityID> Members;
        auto It = std::find(Path.begin(), Path.end(), I);
        for (; It != Path.end(); ++It) {
          Cycle[*It] = static_cast<int>(Cycles.size());
          Members.push_back(Order[*It]);
        }
        Cycles.push_back(std::move(Members));
        break;
      }
      State[I] = 1;
      Path.push_back(I);
      EntityID Next = nextHop(M, Order[I]).first.Target;
      auto P = Position.find(Next);
      if (Next == NoEntity || P == Position.end())
        break;
      I = P->second;
    }
    for (size_t P : Path)
      State[P] = 2;
  }

  // Each cycle described once, its middle elided: every edge of a cycle
  // carries it, and naming all members on each would be quadratic.
  std::vector<std::string> CycleText;
  for (const std::vector<EntityID> &Members : Cycles) {
    constexpr size_t Head = 6;
    std::string Text = "escalation cycle: ";
    for (size_t K = 0; K < Members.size() && K < Head; ++K)
      Text += B.quoted(Members[K]) + " \xE2\x86\x92 "; // →
    if (Members.size() > Head)
      Text += "\xE2\x80\xA6 (" + std::to_string(Members.size() - Head) +
              " more) \xE2\x86\x92 "; // …, →
    CycleText.push_back(Text + B.quoted(Members.front()));
  }

  for (size_t I = 0; I < Order.size(); ++I) {
    EntityID E = Order[I];
    size_t From = B.node(E);
    auto [Hop, Explicit] = nextHop(M, E);
    if (!Hop || !Position.count(Hop.Target)) {
      if (M.entity(E).Kind != DeclKind::Decision && !isChainTop(M, E))
        B.G.Nodes[From].Problems.push_back(
            "escalation dead end: " + B.quoted(E) +
            " escalates nowhere and is not final");
      continue;
    }
    AttrList Style =
        Explicit ? AttrList{{"color", palette::Black}}
                 : AttrList{{"color", palette::Grey}, {"style", "dashed"}};
    GraphEdge &Edge = B.edge(From, B.node(Hop.Target), Hop.Range, Style);
    if (Explicit) {
      std::optional<int64_t> After = hopDelay(M, E);
      Edge.Label = After ? "after " + formatDuration(*After) : "";
    } else {
      Edge.Label = "via reports_to";
    }
    Edge.Tooltip = B.quoted(E) + " escalates to " + B.quoted(Hop.Target);
    if (Cycle[I] >= 0 && Cycle[I] == Cycle[Position[Hop.Target]])
      Edge.Problems.push_back(CycleText[Cycle[I]]);
  }
  B.legend(B.nodeKindLegend(),
           {{"escalates to (after a delay)", {{"color", palette::Black}}},
            {"no escalates_to: via reports_to",
             {{"color", palette::Grey}, {"style", "dashed"}}},
            {std::string(palette::FindingMark) + " cycle / dead end",
             {{"color", palette::Vermillion}, {"penwidth", "3"}}}});
  return std::move(B.G);
}

//===----------------------------------------------------------------------===//
// handoffs
//===----------------------------------------------------------------------===//

GraphDesc buildHandoffs(ViewBuilder &B) {
  const Model &M = B.M;
  setAttr(B.G.GraphAttrs, "ranksep", "1.0");
  AttrList Acknowledged{{"color", palette::Blue}, {"penwidth", "1.5"}};
  AttrList Unacknowledged{
      {"color", palette::Blue}, {"penwidth", "1.5"}, {"style", "dashed"}};
  for (const Handoff &H : M.Handoffs) {
    if (!B.isUser(H.Self) || !H.From || !H.To ||
        H.From.Target == EnterpriseEntity || H.To.Target == EnterpriseEntity)
      continue;
    GraphEdge &E = B.G.addEdge(B.node(H.From.Target), B.node(H.To.Target));
    const Entity &En = M.entity(H.Self);
    E.Label = wrapText(En.Title.empty() ? En.Name : En.Title, 26);
    E.Label += "\n" + (H.WithinHours ? "SLA " + formatDuration(*H.WithinHours)
                                     : std::string("no SLA"));
    E.Tooltip = B.tooltipOf(H.Self);
    if (H.Artifact)
      E.Tooltip += "\nartifact: " + *H.Artifact;
    E.Findings = B.F.ofEntity(H.Self);
    if (H.AcceptedBy) {
      E.Attrs = Acknowledged;
      E.Label += " \xC2\xB7 accepted by " + M.nameOf(H.AcceptedBy.Target).str();
    } else {
      E.Attrs = Unacknowledged;
      E.Problems.push_back("unacknowledged handoff: " + B.quoted(H.Self) +
                           " has no `accepted_by`");
    }
  }
  B.legend(B.nodeKindLegend(), {{"handoff (accepted, with SLA)", Acknowledged},
                                {"unacknowledged handoff", Unacknowledged}});
  return std::move(B.G);
}

//===----------------------------------------------------------------------===//
// objectives
//===----------------------------------------------------------------------===//

GraphDesc buildObjectives(ViewBuilder &B) {
  const Model &M = B.M;
  setAttr(B.G.GraphAttrs, "ranksep", "1.0");
  auto OwnerOf = [&](const Objective &O) {
    return O.Owner ? O.Owner.Target : B.M.enclosingUnit(O.Self);
  };
  // Objectives sit in their owner unit's cluster, nested like the org
  // chart; enterprise objectives in a cluster of their own.
  int Enterprise = NoCluster;
  auto ClusterOf = [&](EntityID Owner) {
    if (Owner != EnterpriseEntity)
      return B.unitCluster(Owner);
    if (Enterprise == NoCluster)
      Enterprise = B.plainCluster("enterprise", "Enterprise");
    return Enterprise;
  };
  // Pairs of objectives some trade-off orders.
  std::set<std::pair<EntityID, EntityID>> Ordered;
  for (const Tradeoff &T : M.Tradeoffs)
    for (const Preference &P : T.Prefers)
      if (P.Preferred && P.Over) {
        Ordered.insert({P.Preferred.Target, P.Over.Target});
        Ordered.insert({P.Over.Target, P.Preferred.Target});
      }
  auto Unresolved = [&](const Objective &A, const Objective &Bo) {
    return OwnerOf(A) != OwnerOf(Bo) && !Ordered.count({A.Self, Bo.Self});
  };

  AttrList Maximize{{"color", palette::Blue}, {"penwidth", "1.5"}};
  AttrList Minimize{{"color", palette::ReddishPurple},
                    {"penwidth", "1.5"},
                    {"style", "dashed"}};
  AttrList Tension{{"color", palette::Orange},
                   {"style", "dashed"},
                   {"dir", "none"},
                   {"constraint", "false"}};
  std::map<EntityID, std::pair<std::vector<const Objective *>,
                               std::vector<const Objective *>>>
      ByMetric;
  for (const Objective &O : M.Objectives) {
    if (!B.isUser(O.Self))
      continue;
    size_t ON = B.node(O.Self, ClusterOf(OwnerOf(O)));
    if (B.isKind(O.Maximize, DeclKind::Metric)) {
      B.edge(ON, B.node(O.Maximize.Target), O.Maximize.Range, Maximize).Label =
          "\xE2\x96\xB2 maximize"; // ▲
      ByMetric[O.Maximize.Target].first.push_back(&O);
    }
    if (B.isKind(O.Minimize, DeclKind::Metric)) {
      B.edge(ON, B.node(O.Minimize.Target), O.Minimize.Range, Minimize).Label =
          "\xE2\x96\xBC minimize"; // ▼
      ByMetric[O.Minimize.Target].second.push_back(&O);
    }
  }
  for (const Objective &O : M.Objectives) {
    if (!B.isUser(O.Self))
      continue;
    for (const Ref &T : O.Tensions) {
      if (!B.isKind(T, DeclKind::Objective) || !B.isUser(T.Target))
        continue;
      const Objective &Other = M.Objectives[M.entity(T.Target).Index];
      GraphEdge &E = B.edge(B.node(O.Self), B.node(T.Target), T.Range, Tension);
      E.Label = "tension";
      if (Unresolved(O, Other))
        E.Problems.push_back("unresolved tension: no tradeoff orders " +
                             B.quoted(O.Self) + " and " + B.quoted(T.Target));
    }
  }
  for (const auto &[Metric, Sides] : ByMetric)
    for (const Objective *Up : Sides.first)
      for (const Objective *Down : Sides.second)
        if (Unresolved(*Up, *Down)) {
          GraphEdge &E = B.G.addEdge(B.node(Up->Self), B.node(Down->Self));
          E.Attrs = Tension;
          E.Label = "conflict on " + M.nameOf(Metric).str();
          E.Problems.push_back("unresolved conflict: " + B.quoted(Up->Self) +
                               " maximizes " + B.quoted(Metric) + ", which " +
                               B.quoted(Down->Self) +
                               " minimizes, and no tradeoff orders them");
        }
  AttrList Prefers{{"color", palette::BluishGreen}, {"penwidth", "2"}};
  AttrList Over{{"color", palette::Grey}, {"style", "dashed"}};
  for (const Tradeoff &T : M.Tradeoffs) {
    if (!B.isUser(T.Self))
      continue;
    size_t TN = B.node(T.Self);
    for (const Preference &P : T.Prefers) {
      if (B.isKind(P.Preferred, DeclKind::Objective))
        B.edge(TN, B.node(P.Preferred.Target), P.Preferred.Range, Prefers)
            .Label = "prefers";
      if (B.isKind(P.Over, DeclKind::Objective))
        B.edge(TN, B.node(P.Over.Target), P.Over.Range, Over).Label = "over";
    }
  }
  B.legend(B.nodeKindLegend(), {{"\xE2\x96\xB2 maximizes metric", Maximize},
                                {"\xE2\x96\xBC minimizes metric", Minimize},
                                {"declared tension / conflict", Tension},
                                {"tradeoff prefers", Prefers},
                                {"tradeoff: over", Over}});
  return std::move(B.G);
}

//===----------------------------------------------------------------------===//
// modes
//===----------------------------------------------------------------------===//

std::vector<EntityID> holdersOf(llvm::ArrayRef<RightAssignment> Rights,
                                EntityID Right) {
  std::vector<EntityID> Out;
  for (const RightAssignment &RA : Rights)
    if (RA.Right == Right)
      for (const Ref &H : RA.Holders)
        if (H)
          Out.push_back(H.Target);
  std::sort(Out.begin(), Out.end());
  return Out;
}

GraphDesc buildModes(ViewBuilder &B, EntityID ModeID) {
  const Model &M = B.M;
  if (ModeID == NoEntity || M.entity(ModeID).Kind != DeclKind::Mode)
    return std::move(B.G);
  const Mode &Mo = M.Modes[M.entity(ModeID).Index];
  const Entity &ME = M.entity(ModeID);
  // Ids sort the normal side first, so it is drawn first (on the left).
  int Normal = B.plainCluster("a-normal", "Normal operation");
  std::string ModeLabel =
      "Mode " + ME.Name.str() +
      (ME.Title.empty() ? "" : ": " + sanitizeText(ME.Title));
  if (Mo.Trigger)
    ModeLabel += "\n" + wrapText("when " + *Mo.Trigger, 60);
  int InMode = B.plainCluster("b-mode", ModeLabel);
  B.G.Clusters[InMode].Findings = B.F.ofEntity(ModeID);
  AttrList Escalates{{"color", palette::Black}, {"style", "dashed"}};
  std::set<EntityID> Rights;

  auto Side = [&](int Cluster) {
    return Cluster == Normal ? llvm::StringRef("a-normal:")
                             : llvm::StringRef("b-mode:");
  };
  auto RightEdges = [&](int Cluster, size_t DN, EntityID Decision,
                        llvm::ArrayRef<RightAssignment> Rights,
                        const std::set<EntityID> &Only) {
    for (const RightAssignment &RA : Rights) {
      if (!Only.count(RA.Right))
        continue;
      for (const Ref &H : RA.Holders) {
        if (!H || H.Target == EnterpriseEntity)
          continue;
        GraphEdge &E =
            B.edge(B.node(H.Target, Cluster, Side(Cluster), Cluster == Normal),
                   DN, H.Range, B.rightStyle(RA.Right));
        E.Label = rightAbbreviation(M, RA.Right);
        E.Tooltip = B.quoted(H.Target) + " is " +
                    (RA.Right == NoEntity ? std::string("?")
                                          : M.nameOf(RA.Right).str()) +
                    " for " + B.quoted(Decision);
      }
    }
  };
  auto EscalationEdge = [&](int Cluster, size_t From, const Ref &To,
                            std::optional<int64_t> After) {
    if (!To || To.Target == EnterpriseEntity)
      return;
    GraphEdge &E = B.edge(
        From, B.node(To.Target, Cluster, Side(Cluster), Cluster == Normal),
        To.Range, Escalates);
    E.Label = "escalates" +
              (After ? " after " + formatDuration(*After) : std::string());
  };

  for (const DecisionOverride &O : Mo.Decisions) {
    if (!B.isKind(O.Decision, DeclKind::Decision))
      continue;
    EntityID DID = O.Decision.Target;
    const Decision &D = M.decision(DID);
    std::set<EntityID> Changed;
    for (const RightAssignment &RA : O.Rights)
      if (holdersOf(O.Rights, RA.Right) != holdersOf(D.Rights, RA.Right))
        Changed.insert(RA.Right);
    bool EscalationChanged =
        O.EscalatesTo && (O.EscalatesTo.Target != D.EscalatesTo.Target ||
                          O.EscalationAfterHours != D.EscalationAfterHours);
    if (Changed.empty() && !EscalationChanged)
      continue;
    Rights.insert(Changed.begin(), Changed.end());
    size_t NormalNode = B.node(DID, Normal, Side(Normal));
    size_t ModeNode = B.node(DID, InMode, Side(InMode), false);
    if (O.Decl)
      B.G.Nodes[ModeNode].Findings = B.F.within(O.Decl->Range);
    RightEdges(Normal, NormalNode, DID, D.Rights, Changed);
    RightEdges(InMode, ModeNode, DID, O.Rights, Changed);
    if (EscalationChanged) {
      EscalationEdge(Normal, NormalNode, D.EscalatesTo, D.EscalationAfterHours);
      EscalationEdge(InMode, ModeNode, O.EscalatesTo, O.EscalationAfterHours);
    }
  }
  for (const RoleOverride &O : Mo.Roles) {
    if (!B.isKind(O.Role, DeclKind::Role))
      continue;
    const Role &R = M.role(O.Role.Target);
    bool Changed =
        O.EscalatesTo && (O.EscalatesTo.Target != R.EscalatesTo.Target ||
                          O.EscalationAfterHours != R.EscalationAfterHours);
    if (!Changed)
      continue;
    size_t NormalNode = B.node(O.Role.Target, Normal, Side(Normal));
    size_t ModeNode = B.node(O.Role.Target, InMode, Side(InMode), false);
    if (O.Decl)
      B.G.Nodes[ModeNode].Findings = B.F.within(O.Decl->Range);
    EscalationEdge(Normal, NormalNode, R.EscalatesTo, R.EscalationAfterHours);
    EscalationEdge(InMode, ModeNode, O.EscalatesTo, O.EscalationAfterHours);
  }
  std::vector<LegendItem> Edges = B.rightsLegend(Rights);
  Edges.push_back({"escalates to", Escalates});
  B.legend(B.nodeKindLegend(), std::move(Edges));
  return std::move(B.G);
}

} // namespace

GraphDesc emit::buildView(const Model &M, const FindingIndex &Findings,
                          const ViewOptions &Opts) {
  // Escalation climbs bottom to top, modes stack normal over mode, the rest
  // read left to right.
  const char *RankDir = Opts.View == GraphView::Escalation ? "BT"
                        : Opts.View == GraphView::Modes    ? "TB"
                                                           : "LR";
  ViewBuilder B(M, Findings, Opts.View, RankDir);
  switch (Opts.View) {
  case GraphView::Org:
    return buildOrg(B);
  case GraphView::Decisions:
    return buildDecisions(B);
  case GraphView::Escalation:
    return buildEscalation(B);
  case GraphView::Handoffs:
    return buildHandoffs(B);
  case GraphView::Objectives:
    return buildObjectives(B);
  case GraphView::Modes:
    return buildModes(B, Opts.Mode);
  }
  return GraphDesc();
}
