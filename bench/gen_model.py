#!/usr/bin/env python3
"""Generate a realistic synthetic Remit model for benchmarking `remitc check`.

The output is deterministic for a given set of arguments (the random generator
is seeded with --seed) and is meant to check with zero findings: every
reference names a declaration of the right kind, every name is unique
model-wide, every decision has one accountable and at least one responsible
holder, escalations climb towards the `final` CEO, tensions between objectives
are settled by a trade-off that has not lapsed, and so on.

Shape of the model:

  model.remit         imports, the `model` header (framework raci), enterprise
                      metrics and objectives, the executive unit, its forum and
                      decisions, an enterprise trade-off
  part_NNN.remit      one or more divisions each: a top-level unit nested 3 to
                      5 deep (division > department > team > squad > pod),
                      every unit with a lead, a deputy, staff roles, a forum,
                      metrics, objectives, an agent, terms and decisions; the
                      handoffs and trade-offs between sibling units sit in the
                      parent; cross-division handoffs and a `mode` with
                      decision and role overrides sit at the top level

Usage:
  gen_model.py --size-mb 10 --out DIR [--files K] [--seed S] [--max-modes M]
  gen_model.py --roles 5000 --out DIR [--files K] [--seed S] [--max-modes M]
  gen_model.py --roles-decisions 10000 --out DIR [--likec4 C4DIR] [...]

--size-mb N aims at N * 2^20 bytes in total (slightly over, never under by
more than one unit's text); --roles N aims at N roles, --roles-decisions N
at N roles and decisions together (both reached or exceeded by one
division). --likec4 C4DIR also writes the equivalent LikeC4 model: spec.c4
and one .c4 file per .remit file, with units, roles, forums, agents and
decisions as elements nested as in Remit, and every right, escalation,
reporting line and handoff as a relationship, inside its source element;
modes, metrics, objectives, trade-offs, terms and people have no LikeC4
counterpart and are left out. Its counts go to the manifest's "likec4".
Recording it draws nothing from the random generator: the Remit files are
byte-identical with or without --likec4. --files K spreads the
model over K files (default: one per ~100 KiB, at least 1). Every division
gets an incident mode unless --max-modes M caps them (the models measured
before 2026-11-23 had --max-modes 4). A summary (bytes, files, declarations
by kind) is written to DIR/manifest.json and printed.
"""

import argparse
import json
import os
import random
import sys

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

FUNCTIONS = [
    ("claims", "Claims"), ("pricing", "Pricing"), ("underwriting", "Underwriting"),
    ("logistics", "Logistics"), ("fulfilment", "Fulfilment"), ("payments", "Payments"),
    ("billing", "Billing"), ("procurement", "Procurement"), ("treasury", "Treasury"),
    ("marketing", "Marketing"), ("sales", "Sales"), ("service", "Customer Service"),
    ("platform", "Platform"), ("data", "Data"), ("security", "Security"),
    ("risk", "Risk"), ("compliance", "Compliance"), ("legal", "Legal"),
    ("people", "People"), ("payroll", "Payroll"), ("facilities", "Facilities"),
    ("warehousing", "Warehousing"), ("transport", "Transport"), ("retail", "Retail"),
    ("ecommerce", "E-commerce"), ("merchandising", "Merchandising"),
    ("supply", "Supply Planning"), ("quality", "Quality"), ("research", "Research"),
    ("product", "Product"), ("design", "Design"), ("analytics", "Analytics"),
    ("infrastructure", "Infrastructure"), ("identity", "Identity"),
    ("onboarding", "Onboarding"), ("collections", "Collections"),
    ("fraud", "Fraud"), ("reporting", "Reporting"), ("brokers", "Broker Relations"),
    ("partners", "Partnerships"), ("field_ops", "Field Operations"),
    ("maintenance", "Maintenance"), ("energy", "Energy"), ("audit", "Internal Audit"),
]

# Incident modes: one per division by default (an organisation of 10,000
# roles then runs about 75 modes); --max-modes caps them. A mode costs the
# check phase what it overrides and what that reaches, not a whole model.
MAX_MODES = None

LEVELS = [  # (unit noun, lead title) by depth, 1-based
    None,
    ("division", "Director"),
    ("department", "Head"),
    ("team", "Team Lead"),
    ("squad", "Squad Lead"),
    ("pod", "Pod Lead"),
]

STAFF = [
    ("analyst", "Analyst"), ("specialist", "Specialist"), ("engineer", "Engineer"),
    ("coordinator", "Coordinator"), ("manager", "Manager"), ("officer", "Officer"),
    ("planner", "Planner"), ("advisor", "Advisor"), ("architect", "Architect"),
    ("controller", "Controller"), ("agent", "Agent"), ("technician", "Technician"),
    ("consultant", "Consultant"), ("administrator", "Administrator"),
]

METRICS = [  # (name, description, kind, direction that is better)
    ("cycle_time", "cycle time, request to completion", "business", "minimize"),
    ("backlog_age", "age of the oldest open item", "business", "minimize"),
    ("error_rate", "share of items reworked", "business", "minimize"),
    ("cost_per_case", "cost per handled case", "business", "minimize"),
    ("satisfaction", "customer satisfaction score", "business", "maximize"),
    ("throughput", "items completed per week", "output", "maximize"),
    ("releases", "releases per month", "output", "maximize"),
    ("first_time_right", "items right first time", "business", "maximize"),
    ("availability", "service availability", "technical", "maximize"),
    ("accuracy", "model accuracy on the audit sample", "technical", "maximize"),
    ("utilisation", "capacity utilisation", "output", "maximize"),
    ("margin", "contribution margin", "business", "maximize"),
]

TERMS = [
    ("priority", "Work ranked by value delivered to the customer this quarter"),
    ("capacity", "Hours available after run work, per sprint"),
    ("done", "Released to production and accepted by the requester"),
    ("incident", "Any unplanned interruption a customer can notice"),
    ("backlog", "Accepted requests not yet started"),
    ("customer", "Anyone who pays for or receives a service of this unit"),
    ("escalation", "A request for a decision above this unit's authority"),
    ("sla", "The committed time from request to acceptance"),
]

DECISIONS = [
    ("budget", "Annual budget allocation"),
    ("hiring", "Hiring and backfill"),
    ("priorities", "Quarterly priorities"),
    ("vendor", "Vendor selection"),
    ("exceptions", "Policy exceptions"),
    ("release", "Release approval"),
    ("capacity", "Capacity allocation across requests"),
    ("process", "Process change"),
    ("tooling", "Tooling and automation"),
    ("risk_acceptance", "Risk acceptance"),
    ("pricing", "Price and discount changes"),
    ("standards", "Working standards"),
]

HANDOFFS = [
    "Weekly plan with volumes and exceptions",
    "Qualified requests with acceptance criteria",
    "Completed cases for quality review",
    "Incident timeline and suspected cause",
    "Forecast and assumptions for the next quarter",
    "Change request with impact assessment",
    "Exception queue with owner and due date",
]

AUTONOMY = ["suggest", "suggest", "act_with_approval"]
DURATIONS_SHORT = ["1h", "2h", "4h", "8h"]
DURATIONS_LONG = ["1d", "2d", "3d", "5d", "1w"]

FIRST = ["alex", "bea", "chen", "dana", "eli", "fatima", "gus", "hana", "ivan",
         "jo", "kemal", "lena", "mo", "nadia", "oscar", "priya", "quinn", "rosa",
         "sam", "tariq", "uma", "vik", "wen", "xavi", "yara", "zoe"]
LAST = ["adams", "brown", "costa", "diaz", "evans", "fischer", "garcia", "hughes",
        "ito", "jensen", "khan", "larsen", "moreau", "novak", "okafor", "patel",
        "quist", "rossi", "silva", "tanaka", "ueda", "vogel", "walsh", "young"]

UNTIL = "2031-12-31"  # every trade-off is still in force


# ---------------------------------------------------------------------------
# Output with statistics
# ---------------------------------------------------------------------------

class Out:
    """A text buffer that counts the declarations written into it."""

    def __init__(self):
        self.parts = []
        self.size = 0
        self.c4 = []    # LikeC4 element trees written into this file
        self.rels = []  # LikeC4 relationships: (source, kind, target, title)

    def w(self, text=""):
        line = text + "\n"
        self.parts.append(line)
        self.size += len(line.encode("utf-8"))

    def text(self):
        return "".join(self.parts)


class Gen:
    def __init__(self, seed, max_modes=MAX_MODES):
        self.rng = random.Random(seed)
        self.max_modes = max_modes
        self.serial = 0
        self.names = set()
        self.counts = {}
        self.roles = 0
        self.decisions = 0
        self.with_decisions = False  # --roles-decisions: budgets count both
        self.exec_measured = 0
        self.c4_stack = []  # the LikeC4 unit being written, innermost last
        self.units_written = 0
        self.bytes_written = 0
        self.bytes_per_unit = 4300.0  # first guesses, calibrated as we go
        self.roles_per_unit = 5.5  # roles (+ decisions with --roles-decisions)

    def name(self, base):
        self.serial += 1
        n = "%s_%d" % (base, self.serial)
        assert n not in self.names
        self.names.add(n)
        return n

    def count(self, kind, n=1):
        self.counts[kind] = self.counts.get(kind, 0) + n
        if kind == "decision":
            self.decisions += n

    def measured(self):
        """What a --roles or --roles-decisions budget counts."""
        return self.roles + (self.decisions if self.with_decisions else 0)

    # The equivalent LikeC4 model is recorded beside the text (units, roles,
    # forums, agents and decisions as elements, nested as in Remit; rights,
    # escalations, reporting lines and handoffs as relationships). Recording
    # draws nothing from the random generator, so the Remit text is the same
    # with or without --likec4.

    def c4_el(self, out, kind, name, title):
        node = {"kind": kind, "name": name, "title": title, "children": []}
        (self.c4_stack[-1]["children"] if self.c4_stack else out.c4).append(node)
        return node

    def c4_rel(self, out, source, kind, targets, title=None):
        for t in targets if isinstance(targets, list) else [targets]:
            out.rels.append((source, kind, t, title))

    def person_name(self):
        r = self.rng
        return self.name(r.choice(FIRST) + "_" + r.choice(LAST))

    # -----------------------------------------------------------------------
    # The executive and the model header
    # -----------------------------------------------------------------------

    def header(self, out):
        r = self.rng
        out.w("// Synthetic operating model generated by bench/gen_model.py.")
        out.w("// Deterministic for its arguments; checks with zero findings.")
        out.w()
        out.w("import std.raci")
        out.w()
        out.w('model synthetic "Synthetic Group (benchmark model)" { framework raci }')
        self.count("model")
        out.w()
        out.w("// ---- Enterprise metrics and objectives " + "-" * 36)
        self.ent_metrics = []
        for base, desc, _, better in METRICS[:4]:
            m = self.name("group_" + base)
            self.ent_metrics.append((m, desc, better))
            out.w('metric %s "Group %s" { kind business }' % (m, desc))
            self.count("metric")
        self.ent_objectives = []
        for i in range(4):
            o = self.name("group_objective")
            self.ent_objectives.append(o)
            m, desc, better = self.ent_metrics[i]
            out.w('objective %s "Group: improve %s" {' % (o, desc))
            out.w("  owner enterprise")
            out.w("  %s %s" % (better, m))
            if i % 2 == 1:
                out.w("  tension %s" % self.ent_objectives[i - 1])
            out.w("}")
            self.count("objective")
        out.w()
        out.w("// ---- Executive " + "-" * 60)
        self.ceo = self.name("ceo")
        execs = [("coo", "Chief Operating Officer"), ("cfo", "Chief Financial Officer"),
                 ("cto", "Chief Technology Officer"), ("cco", "Chief Commercial Officer"),
                 ("cro", "Chief Risk Officer"), ("chro", "Chief People Officer")]
        self.execs = [self.name(b) for b, _ in execs]
        exec_unit = self.name("executive")
        out.w('unit %s "Executive" {' % exec_unit)
        self.count("unit")
        self.c4_stack.append(self.c4_el(out, "unit", exec_unit, "Executive"))
        out.w("  lead %s" % self.ceo)
        out.w('  role %s "Group Chief Executive" { final  deputy %s }'
              % (self.ceo, self.execs[0]))
        self.c4_el(out, "role", self.ceo, "Group Chief Executive")
        for n, (b, t) in zip(self.execs, execs):
            deputy = self.name(b + "_deputy")
            out.w('  role %s "%s" {' % (n, t))
            out.w("    reports_to %s" % self.ceo)
            out.w("    escalates_to %s after 1d" % self.ceo)
            out.w("    deputy %s" % deputy)
            out.w("  }")
            out.w('  role %s "Deputy %s" { reports_to %s }' % (deputy, t, n))
            self.c4_el(out, "role", n, t)
            self.c4_el(out, "role", deputy, "Deputy " + t)
            self.c4_rel(out, n, "reports_to", self.ceo)
            self.c4_rel(out, n, "escalates_to", self.ceo, "after 1d")
            self.c4_rel(out, deputy, "reports_to", n)
        self.count("role", 1 + 2 * len(self.execs))
        self.roles += 1 + 2 * len(self.execs)
        out.w('  term %s "What the executive decides in a given quarter"'
              % self.name("exec_priority"))
        self.count("term")
        out.w("}")
        self.c4_stack.pop()
        out.w()
        self.exec_forum = self.name("executive_committee")
        self.c4_el(out, "forum", self.exec_forum, "Executive committee")
        out.w('forum %s "Executive committee" {' % self.exec_forum)
        out.w("  members %s" % ", ".join([self.ceo] + self.execs))
        out.w("  chair %s" % self.ceo)
        out.w("}")
        self.count("forum")
        out.w()
        for i in range(0, len(self.ent_objectives), 2):
            t = self.name("group_tradeoff")
            out.w('tradeoff %s "Group: %s before %s" {'
                  % (t, self.ent_metrics[i][1], self.ent_metrics[i + 1][1]))
            out.w("  prefer %s over %s" % (self.ent_objectives[i],
                                           self.ent_objectives[i + 1]))
            out.w("  decided_by %s  until %s" % (self.exec_forum, UNTIL))
            out.w("}")
            self.count("tradeoff")
        out.w()
        for base, t in DECISIONS[:4]:
            d = self.name("group_" + base)
            out.w('decision %s "Group: %s" {' % (d, t.lower()))
            out.w("  accountable %s" % self.ceo)
            resp = r.choice(self.execs)
            out.w("  responsible %s" % resp)
            out.w("  consulted %s" % self.exec_forum)
            out.w("  informed %s" % exec_unit)
            out.w("}")
            self.count("decision")
            self.c4_el(out, "decision", d, "Group: " + t.lower())
            self.c4_rel(out, self.ceo, "accountable", d)
            self.c4_rel(out, resp, "responsible", d)
            self.c4_rel(out, self.exec_forum, "consulted", d)
            self.c4_rel(out, exec_unit, "informed", d)
        self.exec_measured = self.measured()

    # -----------------------------------------------------------------------
    # Divisions
    # -----------------------------------------------------------------------

    def checks(self, out, divisions):
        """The group's check thresholds, written once the number of
        divisions is known: each division's director and board escalate to
        one of six executives."""
        per_exec = -(-2 * divisions // len(self.execs)) + 2
        out.w()
        out.w("// A group of %d divisions under %d executives, units nested up"
              % (divisions, len(self.execs)))
        out.w("// to five deep: escalation runs longer and lands on each")
        out.w("// executive more often than in one business unit.")
        out.w("checks {")
        out.w("  threshold escalation.too-deep 8")
        out.w("  threshold bottleneck.escalation-fan-in %d" % max(per_exec, 30))
        out.w("}")
        self.count("checks")

    def division(self, out, budget_bytes=None, budget_roles=None, index=0):
        """Writes one division (a top-level unit tree) and its top-level
        extras into `out`, growing it until the budget is used."""
        r = self.rng
        fn, fn_title = FUNCTIONS[index % len(FUNCTIONS)]
        sponsor = self.execs[index % len(self.execs)]
        start_bytes = out.size
        depth_max = r.randint(3, 5)

        # Plan the unit tree first (names only), growing it until its
        # estimated size reaches the budget, then render it. The estimates
        # per unit are running averages over the divisions written so far.
        est_unit_bytes = self.bytes_per_unit
        est_unit_roles = self.roles_per_unit
        root = self.plan_unit(fn, fn_title, 1)
        units = [root]
        def est_spent():
            if budget_roles is not None:
                return len(units) * est_unit_roles >= budget_roles
            return len(units) * est_unit_bytes >= budget_bytes
        # Guarantee the requested nesting depth along one path.
        node = root
        while node["depth"] < depth_max:
            child = self.plan_unit(fn, fn_title, node["depth"] + 1)
            node["children"].append(child)
            units.append(child)
            node = child
        fanout = 4  # children per unit; raised when a budget needs more
        while not est_spent():
            parents = [u for u in units if u["depth"] < depth_max and
                       len(u["children"]) < fanout]
            if not parents:
                fanout += 1
                continue
            # Prefer shallow parents so the tree fills out rather than deepens.
            parents.sort(key=lambda u: (len(u["children"]), u["depth"]))
            p = parents[0] if r.random() < 0.6 else r.choice(parents)
            child = self.plan_unit(fn, fn_title, p["depth"] + 1)
            p["children"].append(child)
            units.append(child)

        out.w("// " + "=" * 74)
        out.w("// %s division: %d units, nested %d deep. Sponsor: %s." %
              (fn_title, len(units), depth_max, sponsor))
        out.w("// " + "=" * 74)
        out.w()
        out.w("import std.raci")
        out.w()
        self.render_unit(out, root, parent_lead=sponsor, indent="")
        out.w()

        # Top-level extras: a cross-division handoff and a mode.
        if getattr(self, "prev_division", None):
            prev = self.prev_division
            h = self.name(fn + "_intake_from_" + prev["fn"])
            out.w("// Work arriving from the previous division.")
            out.w('handoff %s "%s intake" {' % (h, fn_title))
            out.w("  from %s  to %s" % (prev["staff"][0], root["staff"][0]))
            artifact = r.choice(HANDOFFS)
            out.w('  artifact "%s"' % artifact)
            self.c4_rel(out, prev["staff"][0], "handoff", root["staff"][0], artifact)
            out.w("  accepted_by %s  within %s" % (root["staff"][0], r.choice(DURATIONS_LONG)))
            out.w("}")
            self.count("handoff")
            out.w()
        self.prev_division = root

        # An incident mode per division (up to --max-modes): the division's
        # deputies take over a few decisions and hear the first escalations.
        # Writing it draws nothing from the random generator, so the rest of
        # the model is the same whatever the number of modes.
        self.modes_written = getattr(self, "modes_written", 0)
        if self.max_modes is None or self.modes_written < self.max_modes:
            self.modes_written += 1
            mode = self.name(fn + "_incident_mode")
            out.w('mode %s "%s: major incident" {' % (mode, fn_title))
            out.w('  trigger "A customer-impacting incident in %s"' % fn_title.lower())
            self.count("mode")
            for u in units[:6]:
                if u["decisions"]:
                    d = u["decisions"][0]
                    out.w("  decision %s {" % d)
                    out.w("    accountable %s" % u["deputy"])
                    # The deputy was consulted; in the mode the lead is.
                    out.w("    consulted %s" % u["lead"])
                    out.w("    escalates_to %s after 1h" % u["lead"])
                    out.w("  }")
                    self.count("override")
                if u["staff"]:
                    out.w("  role %s { escalates_to %s after 1h }" % (u["staff"][0], u["deputy"]))
                    self.count("override")
            out.w("}")
            out.w()
        # Calibrate the estimates for the next division.
        self.units_written += len(units)
        self.bytes_written += out.size - start_bytes
        self.bytes_per_unit = self.bytes_written / self.units_written
        self.roles_per_unit = (self.measured() - self.exec_measured) / self.units_written

    def plan_unit(self, fn, fn_title, depth):
        r = self.rng
        noun, lead_title = LEVELS[depth]
        focus = r.choice(FUNCTIONS)
        base = fn if depth == 1 else "%s_%s" % (fn, focus[0])
        u = {
            "fn": fn,
            "depth": depth,
            "name": self.name(base + "_" + noun),
            "title": "%s %s" % (fn_title if depth == 1 else focus[1], noun),
            "lead_title": "%s, %s" % (lead_title, fn_title if depth == 1 else focus[1]),
            "children": [],
        }
        u["lead"] = self.name(base + "_" + lead_title.lower().replace(" ", "_"))
        u["deputy"] = self.name(base + "_deputy")
        staff = r.sample(STAFF, r.randint(2, 5))
        u["staff"] = [self.name(base + "_" + s) for s, _ in staff]
        u["staff_titles"] = [t for _, t in staff]
        u["forum"] = self.name(base + "_" + noun + "_board")
        u["metrics"] = []
        for m in r.sample(METRICS, 2):
            u["metrics"].append((self.name(base + "_" + m[0]), m))
        u["objectives"] = [self.name(base + "_objective") for _ in range(2)]
        u["agent"] = self.name(base + "_assistant") if r.random() < 0.5 else None
        picked = r.sample(DECISIONS, r.randint(2, 4))
        u["decisions"] = [self.name(base + "_" + d) for d, _ in picked]
        u["decision_titles"] = [t for _, t in picked]
        u["terms"] = [(self.name(base + "_" + t[0]), t[1])
                      for t in r.sample(TERMS, r.randint(1, 2))]
        u["person"] = self.person_name() if depth <= 2 else None
        return u

    def render_unit(self, out, u, parent_lead, indent):
        r = self.rng
        i1 = indent + "  "
        i2 = indent + "    "
        self.count("unit")
        out.w('%sunit %s "%s" {' % (indent, u["name"], u["title"]))
        self.c4_stack.append(self.c4_el(out, "unit", u["name"], u["title"]))
        out.w("%slead %s" % (i1, u["lead"]))
        out.w()

        # Roles: the lead, a deputy who stands in, and the staff.
        out.w('%srole %s "%s" {' % (i1, u["lead"], u["lead_title"]))
        out.w("%sreports_to %s" % (i2, parent_lead))
        after = r.choice(DURATIONS_LONG)
        out.w("%sescalates_to %s after %s" % (i2, parent_lead, after))
        out.w("%sdeputy %s" % (i2, u["deputy"]))
        out.w("%s}" % i1)
        self.c4_el(out, "role", u["lead"], u["lead_title"])
        self.c4_rel(out, u["lead"], "reports_to", parent_lead)
        self.c4_rel(out, u["lead"], "escalates_to", parent_lead, "after " + after)
        after = r.choice(DURATIONS_SHORT)
        out.w('%srole %s "Deputy %s" { reports_to %s  escalates_to %s after %s }'
              % (i1, u["deputy"], u["lead_title"], u["lead"], u["lead"], after))
        self.c4_el(out, "role", u["deputy"], "Deputy " + u["lead_title"])
        self.c4_rel(out, u["deputy"], "reports_to", u["lead"])
        self.c4_rel(out, u["deputy"], "escalates_to", u["lead"], "after " + after)
        for s, t in zip(u["staff"], u["staff_titles"]):
            hc = r.choice([1, 2, 3, 4, 6, 8, 12, 20])
            out.w('%srole %s "%s" {' % (i1, s, t))
            if hc > 1:
                out.w("%sheadcount %d" % (i2, hc))
            if hc >= 8:
                out.w("%sfrontline" % i2)
            out.w("%sreports_to %s" % (i2, u["lead"]))
            after = r.choice(DURATIONS_SHORT)
            out.w("%sescalates_to %s after %s" % (i2, u["lead"], after))
            out.w("%s}" % i1)
            self.c4_el(out, "role", s, t)
            self.c4_rel(out, s, "reports_to", u["lead"])
            self.c4_rel(out, s, "escalates_to", u["lead"], "after " + after)
        n_roles = 2 + len(u["staff"])
        self.count("role", n_roles)
        self.roles += n_roles
        if u["person"]:
            first, last = u["person"].rsplit("_", 1)[0].split("_", 1)
            out.w('%sperson %s "%s %s" { holds %s }'
                  % (i1, u["person"], first.capitalize(), last.capitalize(), u["lead"]))
            self.count("person")
        out.w()

        # The unit's forum.
        out.w('%sforum %s "%s board" {' % (i1, u["forum"], u["title"]))
        out.w("%smembers %s" % (i2, ", ".join([u["lead"], u["deputy"]] + u["staff"][:3])))
        out.w("%schair %s" % (i2, u["lead"]))
        after = r.choice(DURATIONS_LONG)
        out.w("%sescalates_to %s after %s" % (i2, parent_lead, after))
        out.w("%s}" % i1)
        self.count("forum")
        self.c4_el(out, "forum", u["forum"], u["title"] + " board")
        self.c4_rel(out, u["forum"], "escalates_to", parent_lead, "after " + after)

        # Metrics and objectives. The unit's two objectives pull against each
        # other; the unit's lead settles that below.
        for m, (_, desc, kind, _) in u["metrics"]:
            out.w('%smetric %s "%s: %s" { kind %s }' % (i1, m, u["title"], desc, kind))
            self.count("metric")
        for k, o in enumerate(u["objectives"]):
            m, (_, desc, _, better) = u["metrics"][k]
            out.w('%sobjective %s "Improve %s" {' % (i1, o, desc))
            out.w("%s%s %s" % (i2, better, m))
            if k == 1:
                out.w("%stension %s" % (i2, u["objectives"][0]))
            out.w("%s}" % i1)
            self.count("objective")
        t = self.name(u["name"] + "_tradeoff")
        out.w('%stradeoff %s "%s before %s" {' % (i1, t, u["metrics"][0][1][1],
                                                  u["metrics"][1][1][1]))
        out.w("%sprefer %s over %s" % (i2, u["objectives"][0], u["objectives"][1]))
        out.w("%sdecided_by %s  until %s" % (i2, parent_lead, UNTIL))
        out.w("%s}" % i1)
        self.count("tradeoff")

        # An agent that drafts input for the first decision.
        if u["agent"]:
            out.w('%sagent %s "%s assistant" {' % (i1, u["agent"], u["title"]))
            out.w("%sautonomy %s" % (i2, r.choice(AUTONOMY)))
            out.w("%soverseen_by %s" % (i2, u["lead"]))
            out.w("%sfeeds %s" % (i2, u["decisions"][0]))
            out.w("%s}" % i1)
            self.count("agent")
            self.c4_el(out, "agent", u["agent"], u["title"] + " assistant")

        for term, definition in u["terms"]:
            out.w('%sterm %s "%s"' % (i1, term, definition))
            self.count("term")
        out.w()

        # Decisions: one owner, someone doing the work, a few consulted.
        out.w("%s// Decisions of the %s." % (i1, u["title"].lower()))
        for k, (d, dt) in enumerate(zip(u["decisions"], u["decision_titles"])):
            out.w('%sdecision %s "%s: %s" {' % (i1, d, u["title"], dt.lower()))
            self.c4_el(out, "decision", d, "%s: %s" % (u["title"], dt.lower()))
            owner = u["lead"] if k % 2 == 0 else u["forum"]
            out.w("%saccountable %s" % (i2, owner))
            resp = r.sample(u["staff"], min(len(u["staff"]), r.randint(1, 2)))
            if u["agent"] and k == 0:
                resp.append(u["agent"])
            out.w("%sresponsible %s" % (i2, ", ".join(resp)))
            cons = [u["deputy"]] + [s for s in u["staff"] if s not in resp][:1]
            out.w("%sconsulted %s" % (i2, ", ".join(cons)))
            # Everyone else on the team hears of it, so no role is idle.
            rest = [s for s in u["staff"] if s not in resp and s not in cons]
            out.w("%sinformed %s" % (i2, ", ".join(rest + [parent_lead])))
            for right, holders in (("accountable", [owner]), ("responsible", resp),
                                   ("consulted", cons), ("informed", rest + [parent_lead])):
                for h in holders:
                    self.c4_rel(out, h, right, d)
            if k == 0:
                after = r.choice(DURATIONS_LONG)
                out.w("%sescalates_to %s after %s" % (i2, u["forum"], after))
                self.c4_rel(out, d, "escalates_to", u["forum"], "after " + after)
            if k == 1 and r.random() < 0.5:
                out.w('%swithin "Up to %d per case"' % (i2, r.choice([500, 2000, 10000, 50000])))
            if k == 2 and r.random() < 0.3:
                out.w("%scritical" % i2)
            out.w("%s}" % i1)
            self.count("decision")

        # Children, then what passes between them.
        for c in u["children"]:
            out.w()
            self.render_unit(out, c, parent_lead=u["lead"], indent=i1)
        kids = u["children"]
        if len(kids) >= 2:
            out.w()
            out.w("%s/* Seams between the %s's teams: each handoff is acknowledged" % (i1, u["title"].lower()))
            out.w("%s   and has a service level. */" % i1)
            for a, b in zip(kids, kids[1:]):
                h = self.name(b["name"] + "_handoff")
                out.w('%shandoff %s "%s to %s" {' % (i1, h, a["title"], b["title"]))
                src = a["staff"][0]
                dst = b["staff"][0] if r.random() < 0.7 else b["name"]
                out.w("%sfrom %s  to %s" % (i2, src, dst))
                artifact = r.choice(HANDOFFS)
                out.w('%sartifact "%s"' % (i2, artifact))
                self.c4_rel(out, src, "handoff", dst, artifact)
                out.w("%saccepted_by %s  within %s" % (i2, b["lead"] if dst == b["name"] else dst,
                                                       r.choice(DURATIONS_LONG)))
                out.w("%s}" % i1)
                self.count("handoff")
            # Objectives of sibling units pull against each other; the parent
            # lead, who has authority over both, settles it.
            a, b = kids[0], kids[1]
            t = self.name(u["name"] + "_balance")
            out.w('%stradeoff %s "%s before %s" {  // settled by the parent'
                  % (i1, t, a["title"], b["title"].lower()))
            out.w("%sprefer %s over %s" % (i2, a["objectives"][0], b["objectives"][0]))
            out.w("%sdecided_by %s  until %s" % (i2, u["lead"], UNTIL))
            out.w("%s}" % i1)
            self.count("tradeoff")
        out.w("%s}" % indent)
        self.c4_stack.pop()


C4_ELEMENTS = ["unit", "role", "forum", "agent", "decision"]
C4_RELATIONSHIPS = ["accountable", "responsible", "consulted", "informed",
                    "escalates_to", "reports_to", "handoff"]


def write_likec4(out_dir, names, outputs):
    """Writes the LikeC4 model recorded beside the Remit text: spec.c4 (the
    element and relationship kinds) and one NAME.c4 per Remit file with the
    same elements, nested the same way. Each relationship is written as
    LikeC4 users write it, inside its source element (`-[kind]-> target`),
    with the target named as LikeC4 resolves it from there: the path below
    the nearest unit the two share (`sibling`, `other_team.role`), in full
    only when they share none. Names are unique model-wide, so no name
    hides another. Returns the counts for the manifest."""
    os.makedirs(out_dir, exist_ok=True)
    for f in os.listdir(out_dir):
        if f.endswith(".c4"):
            os.remove(os.path.join(out_dir, f))
    path, node_of = {}, {}
    elements = {k: 0 for k in C4_ELEMENTS}

    def index(node, prefix):
        path[node["name"]] = prefix + [node["name"]]
        node_of[node["name"]] = node
        node["rels"] = []
        elements[node["kind"]] += 1
        for c in node["children"]:
            index(c, path[node["name"]])
    for o in outputs:
        for node in o.c4:
            index(node, [])
    relationships = {k: 0 for k in C4_RELATIONSHIPS}
    for o in outputs:
        for src, kind, dst, title in o.rels:
            node_of[src]["rels"].append((kind, dst, title))
            relationships[kind] += 1

    def ref(src, dst):
        a, b = path[src], path[dst]
        k = 0
        while k < len(a) and k < len(b) - 1 and a[k] == b[k]:
            k += 1
        return ".".join(b[k:])

    lines = ["// Element and relationship kinds of the LikeC4 model that",
             "// bench/gen_model.py --likec4 writes beside a Remit model.",
             "specification {"]
    lines += ["  element %s" % k for k in C4_ELEMENTS]
    lines += ["  relationship %s" % k for k in C4_RELATIONSHIPS]
    lines.append("}")
    total = 0
    with open(os.path.join(out_dir, "spec.c4"), "w") as fh:
        text = "\n".join(lines) + "\n"
        fh.write(text)
        total += len(text.encode("utf-8"))

    for n, o in zip(names, outputs):
        lines = ["// The LikeC4 equivalent of %s (bench/gen_model.py --likec4)." % n,
                 "model {"]

        def render(node, indent):
            block = node["children"] or node["rels"]
            lines.append('%s%s %s "%s"%s' % (indent, node["kind"], node["name"],
                                              node["title"], " {" if block else ""))
            if block:
                for kind, dst, title in node["rels"]:
                    lines.append("%s  -[%s]-> %s%s" % (indent, kind, ref(node["name"], dst),
                                                      ' "%s"' % title if title else ""))
                for c in node["children"]:
                    render(c, indent + "  ")
                lines.append(indent + "}")
        for node in o.c4:
            render(node, "  ")
        lines.append("}")
        text = "\n".join(lines) + "\n"
        with open(os.path.join(out_dir, n[:-len(".remit")] + ".c4"), "w") as fh:
            fh.write(text)
        total += len(text.encode("utf-8"))
    return {
        "files": len(outputs) + 1,
        "bytes": total,
        "elements": sum(elements.values()),
        "relationships": sum(relationships.values()),
        "elements_by_kind": elements,
        "relationships_by_kind": relationships,
    }


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--size-mb", type=float, help="approximate total size in MiB")
    g.add_argument("--roles", type=int, help="approximate number of roles")
    g.add_argument("--roles-decisions", type=int,
                   help="approximate number of roles plus decisions")
    ap.add_argument("--files", type=int, default=None,
                    help="number of files (default: one per ~100 KiB)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-modes", type=int, default=MAX_MODES,
                    help="at most this many incident modes (default: one "
                         "per division)")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--likec4", metavar="DIR",
                    help="also write the equivalent LikeC4 model (*.c4) to DIR")
    args = ap.parse_args(argv)

    count_target = None  # a --roles or --roles-decisions target
    if args.size_mb is not None:
        target = int(args.size_mb * (1 << 20))
        est_total = target
    elif args.roles is not None:
        target = None
        count_target = args.roles
        est_total = args.roles * 780  # ~780 bytes of model per role
    else:
        target = None
        count_target = args.roles_decisions
        est_total = args.roles_decisions * 500  # ~1.55 roles+decisions per role
    if (args.size_mb is not None and args.size_mb <= 0) or \
            (count_target is not None and count_target < 1):
        ap.error("the size must be positive")
    if args.max_modes is not None and args.max_modes < 0:
        ap.error("--max-modes must not be negative")
    if args.files is not None and args.files < 1:
        ap.error("--files must be at least 1")
    files = args.files or max(1, round(est_total / (100 << 10)))
    # One division per ~100 KiB, and at least one per part file.
    parts = max(files - 1, 1)
    divisions = max(parts, round(est_total / (100 << 10)), 1)

    gen = Gen(args.seed, args.max_modes)
    if args.roles_decisions is not None:
        gen.with_decisions = True
        gen.roles_per_unit = 8.5  # 5.5 roles and 3 decisions per unit
    os.makedirs(args.out, exist_ok=True)
    for f in os.listdir(args.out):
        if f.endswith(".remit"):
            os.remove(os.path.join(args.out, f))

    # model.remit holds the header; with one file it holds everything, else
    # the divisions go to part_NNN.remit in contiguous, even groups.
    head = Out()
    gen.header(head)
    if files == 1:
        outputs = [head]
        bodies = [head] * divisions
    else:
        outputs = [head] + [Out() for _ in range(parts)]
        bodies = [outputs[1 + i * parts // divisions] for i in range(divisions)]

    def written():
        return sum(o.size for o in outputs)

    for i in range(divisions):
        if target is not None:
            budget = max((target - written()) // (divisions - i), 2000)
            gen.division(bodies[i], budget_bytes=budget, index=i)
        else:
            budget = max((count_target - gen.measured()) // (divisions - i), 5)
            gen.division(bodies[i], budget_roles=budget, index=i)
    # The estimates are averages: top up with small divisions in the last
    # file until the target is reached.
    while True:
        if target is not None and written() < target:
            gen.division(bodies[-1], budget_bytes=target - written(), index=divisions)
        elif target is None and gen.measured() < count_target:
            gen.division(bodies[-1], budget_roles=count_target - gen.measured(),
                         index=divisions)
        else:
            break
        divisions += 1

    gen.checks(head, divisions)

    names = ["model.remit"] + ["part_%03d.remit" % k for k in range(1, len(outputs))]
    total = 0
    for n, o in zip(names, outputs):
        data = o.text().encode("utf-8")
        total += len(data)
        with open(os.path.join(args.out, n), "wb") as fh:
            fh.write(data)

    decls = sum(v for k, v in gen.counts.items() if k != "override")
    manifest = {
        "seed": args.seed,
        "files": len(outputs),
        "bytes": total,
        "roles": gen.roles,
        "decisions": gen.decisions,
        "roles_decisions": gen.roles + gen.decisions,
        "divisions": divisions,
        "declarations": decls,
        "mode_overrides": gen.counts.get("override", 0),
        "by_kind": dict(sorted(gen.counts.items())),
    }
    if args.likec4:
        manifest["likec4"] = write_likec4(args.likec4, names, outputs)
    with open(os.path.join(args.out, "manifest.json"), "w") as fh:
        json.dump(manifest, fh, indent=2)
        fh.write("\n")
    print(json.dumps(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
