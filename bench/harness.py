#!/usr/bin/env python3
"""harness.py - issue 9's benchmark harness: every section, one Markdown report.

usage: harness.py --remitc PATH --lsp PATH --scanner PATH --likec4 PATH
                  --out FILE [--smoke] [--runs N] [--seed S] [--keep]
                  [--sections likec4,throughput,parallel,lsp,diagrams]

bench/all.sh is the command to run; it finds or builds the tools and installs
LikeC4 first, then calls this script. Sections (bench/README.md):

  likec4      `remitc check` beside `likec4 validate --skip-layout` on the same
              generated model (gen_model.py --roles-decisions N --likec4 DIR) at
              100, 1,000, 10,000 and 50,000 roles+decisions, runs alternating;
              the element and relationship counts of both models are counted
              by the tools themselves (`remitc build --emit json`, `likec4
              export json`) and must match each other and the generator's
  throughput  `remitc check --jobs 1` in MiB/s and peak RSS per input byte on
              1, 5, 10 and 50 MiB, beside the byte-scanning tokenizer
              (remit-bench-scan) on the same files, runs alternating
  linearity   time(10x input) / time(input) from the throughput runs
  parallel    time(--jobs 1) / time(--jobs 2) on the 10 MiB, 102-file model
  lsp         bench/lsp/run.sh (edit -> diagnostics, hover, completion)
  diagrams    `remitc graph --view V -o FILE.svg` for every view at 1,000 and
              10,000 roles

--smoke runs every section at its smallest size (LikeC4 at 100 roles and
decisions, throughput at 0.1 and 1 MiB, diagrams at 1,000 roles, the LSP
benchmark's --smoke) once, in well under a minute on an idle machine.

Timing: each run is one process, timed with time.perf_counter() around
`/usr/bin/time -f '%e %M %U %S'` (wall, peak RSS, CPU); the 1-minute load
average is read before each run and reported per table, because the machine
is shared. Every sample goes to FILE's directory as samples.tsv.

Exit status: 0 when every section ran (whether or not the targets were met),
1 when something failed to run or gave a wrong answer (a crash, a non-zero
exit, a finding in a model that must be clean, an invalid LikeC4 model,
counts that differ), 2 on bad usage.
"""

import argparse
import collections
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GEN = os.path.join(HERE, "gen_model.py")
MIB = 1 << 20

VIEWS = ["org", "decisions", "escalation", "handoffs", "objectives", "modes"]

# The targets of issue 9.
T_LIKEC4_SPEED = 20.0     # remitc check at least 20x faster than likec4 validate
T_LIKEC4_MEMORY = 0.25    # ... with at most a quarter of its peak RSS
T_MIBPS = 5.0             # end to end, single-threaded
T_BYTES_PER_BYTE = 30.0   # peak RSS per input byte
T_PARALLEL = 1.7          # time(--jobs 1) / time(--jobs 2)
T_LINEAR = 11.0           # time(10x input) / time(input)
T_LSP_EDIT_P95 = 25.0     # ms
T_LSP_REQUEST_P95 = 10.0  # ms


class Failure(Exception):
    """Something did not run, or gave a wrong answer."""


def loadavg():
    with open("/proc/loadavg") as fh:
        return float(fh.read().split()[0])


def fmt_s(x):
    return "%.3f" % x if x < 1 else "%.2f" % x


def fmt_range(xs):
    lo, hi = "%.1f" % min(xs), "%.1f" % max(xs)
    return lo if lo == hi else "%s–%s" % (lo, hi)


def status(ok, gap=""):
    return "met" if ok else "**missed**" + (" (%s)" % gap if gap else "")


class Sample:
    def __init__(self, wall, rss_kib, cpu, load, rc, out, err):
        self.wall, self.rss_kib, self.cpu = wall, rss_kib, cpu
        self.load, self.rc, self.out, self.err = load, rc, out, err

    @property
    def rss_mib(self):
        return self.rss_kib / 1024


class Bench:
    def __init__(self, args):
        self.args = args
        self.smoke = args.smoke
        self.work = tempfile.mkdtemp(prefix="remit-bench-all.")
        self.samples = []
        self.sections = []   # Markdown, in order
        self.targets = []    # (target, measured, status)
        self.failures = []
        self.jobs = self.has_jobs()

    # -- running things ------------------------------------------------------

    def log(self, msg):
        print("[all.sh %s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr,
              flush=True)

    def run(self, cmd, section, case, tool, record=True, env=None, cwd=None):
        """Runs \\p cmd once under GNU time; returns a Sample."""
        tf = os.path.join(self.work, "time.txt")
        load = loadavg()
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-o", tf, "-f", "%e %M %U %S"] + cmd,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=env, cwd=cwd)
        wall = time.perf_counter() - t0
        with open(tf) as fh:
            last = fh.read().strip().splitlines()[-1].split()
        s = Sample(wall, int(last[1]), float(last[2]) + float(last[3]), load,
                   p.returncode, p.stdout.decode("utf-8", "replace"),
                   p.stderr.decode("utf-8", "replace"))
        if record:
            self.samples.append((section, case, tool, s.wall, s.cpu, s.rss_kib,
                                 s.load, s.rc))
        return s

    def gen(self, out, *args, likec4=None):
        cmd = [sys.executable, GEN, "--seed", str(self.args.seed), "--out", out]
        cmd += [str(a) for a in args]
        if likec4:
            cmd += ["--likec4", likec4]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            raise Failure("gen_model.py %s failed: %s" % (" ".join(map(str, args)),
                                                          p.stderr.decode()[-2000:]))
        return json.loads(p.stdout)

    def has_jobs(self):
        p = subprocess.run([self.args.remitc, "check", "--help"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        return re.search(rb"--jobs\b", p.stdout) is not None

    def check_clean(self, model, werror=False):
        """`remitc check` must report nothing on a generated model."""
        cmd = [self.args.remitc, "check", "--color=never", model]
        if werror:
            cmd.insert(2, "--werror")
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0 or p.stdout.strip():
            raise Failure("remitc check %s exited %d with findings:\n%s%s" % (
                model, p.returncode, p.stdout.decode()[-3000:], p.stderr.decode()[-1000:]))

    def runs(self, full):
        if self.smoke:
            return 1
        return self.args.runs or full

    # -- the report ----------------------------------------------------------

    def header(self):
        cpu = "unknown CPU"
        try:
            with open("/proc/cpuinfo") as fh:
                for line in fh:
                    if line.startswith("model name"):
                        cpu = line.split(":", 1)[1].strip()
                        break
        except OSError:
            pass
        with open("/proc/meminfo") as fh:
            mem_kib = int(fh.readline().split()[1])
        build = os.path.join(os.path.dirname(self.args.remitc), "..", "CMakeCache.txt")
        build_type = ""
        if os.path.exists(build):
            with open(build) as fh:
                m = re.search(r"^CMAKE_BUILD_TYPE:STRING=(.*)$", fh.read(), re.M)
                build_type = m.group(1) if m else ""
        version = subprocess.run([self.args.remitc, "--version"], stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT).stdout.decode().strip()
        rev = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
                             ).stdout.decode().strip() or "unknown"
        node = subprocess.run(["node", "--version"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL).stdout.decode().strip()
        self.start_load = open("/proc/loadavg").read().split()[:3]
        self.meta = [
            ("date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
            ("machine", "%d cores (nproc), %s, %.0f GiB RAM, %s %s" % (
                os.cpu_count() or 0, cpu, mem_kib / 1048576, platform.system(),
                platform.release())),
            ("remitc", "%s (%s%s; tree %s)%s" % (
                self.args.remitc, version, ", " + build_type if build_type else "", rev,
                "" if self.jobs else "; no `--jobs`: single-threaded")),
            ("likec4", "likec4 %s on node %s" % (self.likec4_version(), node)),
            ("mode", "smoke (smallest sizes, 1 run each; the numbers mean little)"
             if self.smoke else "full"),
            ("seed", str(self.args.seed)),
        ]

    def likec4_version(self):
        p = subprocess.run([self.args.likec4, "--version"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL)
        return p.stdout.decode().strip().splitlines()[-1] if p.returncode == 0 else "?"

    def report(self):
        end_load = open("/proc/loadavg").read().split()[:3]
        lines = ["# Remit benchmarks (bench/all.sh%s)" % (" --smoke" if self.smoke else ""), ""]
        for k, v in self.meta:
            lines.append("- **%s:** %s" % (k, v))
        lines.append("- **load average (1, 5, 15 min):** %s at the start, %s at the end; "
                     "each table gives the 1-minute load read before each of its runs"
                     % (" ".join(self.start_load), " ".join(end_load)))
        lines.append("")
        lines.append("## Targets")
        lines.append("")
        lines.append("| target | measured | status |")
        lines.append("|---|---|---|")
        for t, m, s in self.targets:
            lines.append("| %s | %s | %s |" % (t, m, s))
        if self.failures:
            lines.append("")
            lines.append("**Failed to run:**")
            lines.append("")
            for f in self.failures:
                lines.append("- " + f.replace("\n", " ")[:600])
        lines.append("")
        for s in self.sections:
            lines.extend(s)
            lines.append("")
        return "\n".join(lines)

    # -- sections ------------------------------------------------------------

    def section(self, name, fn):
        self.log("section: " + name)
        try:
            fn()
        except Failure as e:
            self.failures.append("%s: %s" % (name, e))
            self.sections.append(["## %s" % name, "", "**failed:** %s" % e])
            self.log("FAILED: %s" % e)

    def likec4(self):
        sizes = [100] if self.smoke else [100, 1000, 10000, 50000]
        rows, speed_ok, mem_ok, worst_speed, worst_mem = [], True, True, None, None
        for n in sizes:
            self.log("likec4: %d roles+decisions" % n)
            d = os.path.join(self.work, "lc%d" % n)
            files = max(3, round(n * 500 / (100 << 10)))
            man = self.gen(d + "/remit", "--roles-decisions", n, "--files", files,
                           likec4=d + "/c4")
            self.check_clean(d + "/remit", werror=True)
            remit_counts = self.count_remit(d + "/remit")
            # The counts LikeC4 itself parsed (export json, which also warms
            # the page cache); every timed validation below must pass.
            # At 50,000 an export takes as long as two validations, so there
            # the LikeC4 side is the generator's count (checked against
            # LikeC4's at the smaller sizes), and the valid model says that
            # every relationship resolved.
            gen_counts = (man["likec4"]["elements"], man["likec4"]["relationships"],
                          {k: v for k, v in man["likec4"]["elements_by_kind"].items() if v},
                          {k: v for k, v in man["likec4"]["relationships_by_kind"].items() if v})
            counted_by = "likec4" if n <= 10000 else "generator"
            c4_counts = self.count_likec4(d + "/c4") if n <= 10000 else gen_counts
            if remit_counts != c4_counts or remit_counts != gen_counts:
                raise Failure("counts differ at %d: remitc %s, likec4 %s, generator %s" % (
                    n, remit_counts, c4_counts, gen_counts))
            self.run([self.args.remitc, "check", "--color=never", d + "/remit"],
                     "likec4", n, "remitc-warm", record=False)
            rem, lc = [], []
            runs = self.runs(3 if n >= 10000 else 5)
            for i in range(runs):
                order = [("likec4", lc), ("remitc", rem)]
                if i % 2:
                    order.reverse()
                for tool, acc in order:
                    if tool == "likec4":
                        cmd = [self.args.likec4, "validate", "--skip-layout", d + "/c4"]
                    else:
                        cmd = [self.args.remitc, "check", "--color=never", d + "/remit"]
                    s = self.run(cmd, "likec4", n, tool)
                    errors = [l for l in (s.out + s.err).splitlines()
                              if re.search(r"ERROR|WARN|Invalid|rror:", l)]
                    if s.rc != 0 or errors or (tool == "remitc" and s.out.strip()):
                        raise Failure("%s at %d roles+decisions exited %d: %s" % (
                            tool, n, s.rc, " / ".join(errors[:5]) or (s.out + s.err)[-1000:]))
                    acc.append(s)
            rw = statistics.median(s.wall for s in rem)
            lw = statistics.median(s.wall for s in lc)
            rm = statistics.median(s.rss_mib for s in rem)
            lm = statistics.median(s.rss_mib for s in lc)
            speed, mem = lw / rw, rm / lm
            cpu_speed = (statistics.median(s.cpu for s in lc) /
                         max(statistics.median(s.cpu for s in rem), 0.001))
            speed_ok &= speed >= T_LIKEC4_SPEED
            mem_ok &= mem <= T_LIKEC4_MEMORY
            worst_speed = speed if worst_speed is None else min(worst_speed, speed)
            worst_mem = mem if worst_mem is None else max(worst_mem, mem)
            mark = "" if counted_by == "likec4" else " ¹"
            rows.append("| %s | %d | %s%s | %s%s | %s | %s | %.0f | %s | %.0f | **%.1f×** | %.1f× | **%.2f** | %s |" % (
                "{:,}".format(man["roles_decisions"]), man["files"],
                "{:,}".format(remit_counts[0]), mark, "{:,}".format(remit_counts[1]), mark,
                "%.2f / %.2f" % (man["bytes"] / MIB, man["likec4"]["bytes"] / MIB),
                fmt_s(rw), rm, fmt_s(lw), lm, speed, cpu_speed, mem,
                fmt_range([s.load for s in rem + lc])))
        self.targets.append((
            "remitc check ≥ %d× faster than likec4 validate, every size" % T_LIKEC4_SPEED,
            "%.1f× at worst" % worst_speed,
            status(speed_ok, "by %.1f× at the worst size" % (T_LIKEC4_SPEED / worst_speed))))
        self.targets.append((
            "remitc check peak RSS ≤ ¼ of likec4's, every size",
            "%.2f at worst" % worst_mem,
            status(mem_ok, "%.2f > 0.25" % worst_mem)))
        self.sections.append([
            "## LikeC4 comparison",
            "",
            "`remitc check DIR` (default threads) beside `likec4 validate --skip-layout DIR` on "
            "the same model: `gen_model.py --roles-decisions N --likec4 DIR` writes the "
            "Remit model and its LikeC4 equivalent (units, roles, forums, agents and "
            "decisions as nested elements; rights, escalations, reporting lines and "
            "handoffs as relationships inside their source element). Elements and "
            "relationships are counted by each tool (`remitc build --emit json`, "
            "`likec4 export json`) and match. Runs alternate between the tools; medians. "
            "Targets: remitc ≥ %d× faster, ≤ ¼ of LikeC4's peak RSS." % T_LIKEC4_SPEED,
            "",
            "| roles+decisions | files | elements (both) | relationships (both) "
            "| input MiB (Remit / LikeC4) | remitc s | remitc RSS MiB | likec4 s "
            "| likec4 RSS MiB | likec4 / remitc time | likec4 / remitc CPU time "
            "| remitc / likec4 RSS | load |",
            "|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
        ] + rows + ([] if sizes[-1] <= 10000 else [
            "",
            "¹ Counted by `remitc build` and by the generator; `likec4 export json` "
            "(which counted the LikeC4 side at the smaller sizes) takes as long as two "
            "validations at this size, so it is skipped; every validation passed, so "
            "every relationship resolved."]))

    def count_remit(self, model):
        out = os.path.join(self.work, "model.json")
        p = subprocess.run([self.args.remitc, "build", model, "--emit", "json", "-o", out],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            raise Failure("remitc build %s exited %d: %s" % (model, p.returncode,
                                                             p.stderr.decode()[-1000:]))
        with open(out) as fh:
            m = json.load(fh)
        os.remove(out)
        el = {"unit": len(m["units"]), "role": len(m["roles"]),
              "forum": len(m["forums"]), "agent": len(m["agents"]),
              "decision": len(m["decisions"])}
        el = {k: v for k, v in el.items() if v}
        rel = collections.Counter()
        for d in m["decisions"]:
            for r in d["rights"]:
                rel[r["right"]] += len(r["holders"])
            rel["escalates_to"] += d["escalatesTo"] is not None
        for r in m["roles"]:
            rel["reports_to"] += r["reportsTo"] is not None
            rel["escalates_to"] += r["escalatesTo"] is not None
        for f in m["forums"]:
            rel["escalates_to"] += f["escalatesTo"] is not None
        rel["handoff"] += len(m["handoffs"])
        rel = {k: v for k, v in rel.items() if v}
        return (sum(el.values()), sum(rel.values()), el, rel)

    def count_likec4(self, c4dir):
        out = os.path.join(self.work, "likec4.json")
        p = subprocess.run([self.args.likec4, "export", "json", "-o", out, c4dir],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0 or not os.path.exists(out):
            raise Failure("likec4 export json exited %d: %s" % (
                p.returncode, (p.stdout + p.stderr).decode()[-1000:]))
        with open(out) as fh:
            m = json.load(fh)
        os.remove(out)
        el = collections.Counter(e["kind"] for e in m["elements"].values())
        rel = collections.Counter(r["kind"] for r in m["relations"].values())
        return (sum(el.values()), sum(rel.values()), dict(el), dict(rel))

    def throughput(self):
        sizes = [0.1, 1] if self.smoke else [1, 5, 10, 50]
        single = ["--jobs", "1"] if self.jobs else []
        rows, res = [], {}
        for mb in sizes:
            self.log("throughput: %g MiB" % mb)
            d = os.path.join(self.work, "tp%g" % mb)
            man = self.gen(d, "--size-mb", mb)
            self.check_clean(d)
            self.models_by_size = getattr(self, "models_by_size", {})
            self.models_by_size[mb] = (d, man)
            # warm the page cache, and check the floor's view of the files
            self.run([self.args.remitc, "check", "--color=never"] + single + [d],
                     "throughput", mb, "remitc-warm", record=False)
            sc = self.run([self.args.scanner, d], "throughput", mb, "scan-warm",
                          record=False)
            m = re.search(r"files=(\d+) bytes=(\d+) tokens=(\d+)", sc.out)
            if sc.rc != 0 or not m or int(m.group(2)) != man["bytes"]:
                raise Failure("remit-bench-scan on %g MiB: exit %d, %r" % (mb, sc.rc, sc.out))
            tokens = int(m.group(3))
            rem, scan = [], []
            runs = self.runs(3 if mb >= 50 else 5)
            for i in range(runs):
                order = [("remitc", rem), ("scan", scan)]
                if i % 2:
                    order.reverse()
                for tool, acc in order:
                    if tool == "remitc":
                        cmd = [self.args.remitc, "check", "--color=never"] + single + [d]
                    else:
                        cmd = [self.args.scanner, d]
                    s = self.run(cmd, "throughput", mb, tool)
                    if s.rc != 0:
                        raise Failure("%s exited %d on %g MiB: %s" % (tool, s.rc, mb,
                                                                      s.err[-1000:]))
                    acc.append(s)
            mib = man["bytes"] / MIB
            rw = statistics.median(s.wall for s in rem)
            rc = statistics.median(s.cpu for s in rem)
            rss = statistics.median(s.rss_kib for s in rem) * 1024
            sw = statistics.median(s.wall for s in scan)
            inner = statistics.median(
                float(re.search(r"seconds=([\d.]+)", s.out).group(1)) for s in scan)
            res[mb] = (rw, rc, mib / rw, rss / man["bytes"])
            rows.append("| %.1f | %d | %s | %s | %s | **%.1f** | %.1f | %.0f | **%.1f** | %s | %.0f | %.0f | %.0f× | %s |" % (
                mib, man["files"], "{:,}".format(tokens), fmt_s(rw), fmt_s(rc), mib / rw,
                mib / rc,
                rss / MIB, rss / man["bytes"], fmt_s(sw), mib / sw, mib / inner,
                (mib / sw) / (mib / rw), fmt_range([s.load for s in rem + scan])))
        self.tp = res
        judged = [mb for mb in sizes if mb >= 1]
        worst = min(res[mb][2] for mb in judged)
        worst_b = max(res[mb][3] for mb in judged)
        self.targets.append((
            "remitc check ≥ %g MiB/s end to end, single-threaded (%s MiB)" % (
                T_MIBPS, ", ".join("%g" % mb for mb in judged)),
            ", ".join("%.1f" % res[mb][2] for mb in judged) + " MiB/s",
            status(worst >= T_MIBPS, "by %.0f %% at the slowest size" % (
                100 * (1 - worst / T_MIBPS)))))
        self.targets.append((
            "peak RSS ≤ %g bytes per input byte" % T_BYTES_PER_BYTE,
            ", ".join("%.1f" % res[mb][3] for mb in judged),
            status(worst_b <= T_BYTES_PER_BYTE, "%.1f" % worst_b)))
        self.sections.append([
            "## Throughput and memory",
            "",
            "`remitc check --color=never%s DIR` on `gen_model.py --size-mb N` (one file per "
            "~100 KiB), beside `remit-bench-scan DIR`, a plain byte-scanning tokenizer "
            "over the same files (identifiers, numbers, strings, punctuation, comments; "
            "bench/scan_tokens.cpp): the floor for reading and touching every byte. Whole "
            "processes, runs alternating, medians, after one untimed run of each. MiB = "
            "2^20 bytes (the targets' MB read as MiB, the stricter reading). Targets: ≥ %g "
            "MiB/s, ≤ %g bytes of peak RSS per input byte."
            % (" --jobs 1" if self.jobs else "", T_MIBPS, T_BYTES_PER_BYTE),
            "",
            "| input MiB | files | tokens | remitc wall s | remitc CPU s | remitc MiB/s "
            "| remitc MiB per CPU s | peak RSS MiB | RSS bytes / input byte | scanner wall s "
            "| scanner MiB/s | scanner MiB/s, in process | floor / remitc | load |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ] + rows)
        self.linearity(sizes)

    def linearity(self, sizes):
        pairs = [(a, b) for a in sizes for b in sizes if abs(b / a - 10) < 1e-9]
        rows, worst = [], None
        for a, b in pairs:
            tw = self.tp[b][0] / self.tp[a][0]
            tc = self.tp[b][1] / self.tp[a][1]
            worst = tw if worst is None else max(worst, tw)
            rows.append("| %g → %g | %s → %s | **%.2f** | %.2f | %s |" % (
                a, b, fmt_s(self.tp[a][0]), fmt_s(self.tp[b][0]), tw, tc,
                status(tw <= T_LINEAR)))
        per_mib = " ".join("%g MiB: %.3f s;" % (mb, self.tp[mb][1] / (self.models_by_size[mb][1]["bytes"] / MIB))
                           for mb in sizes)
        self.targets.append((
            "linear: time(10× input) ≤ %g× time(input), %s" % (
                T_LINEAR, ", ".join("%g→%g MiB" % p for p in pairs)),
            ", ".join("%.2f×" % (self.tp[b][0] / self.tp[a][0]) for a, b in pairs),
            status(worst <= T_LINEAR, "%.2f×" % worst)))
        self.sections.append([
            "## Linearity",
            "",
            "From the throughput runs above (same models, single-threaded): median wall "
            "time of the 10× larger input over the smaller one's. Target: ≤ %g. CPU "
            "seconds per MiB: %s" % (T_LINEAR, per_mib.rstrip(";")),
            "",
            "| input MiB | median wall s | time ratio | CPU time ratio | target |",
            "|---|---|---:|---:|---|",
        ] + rows)

    def parallel(self):
        mb = 1 if self.smoke else 10
        if not self.jobs:
            self.targets.append(("parallel: --jobs 2 ≥ %g× faster than --jobs 1 on a "
                                 "many-file model" % T_PARALLEL,
                                 "n/a: remitc has no --jobs", "n/a"))
            self.sections.append(["## Parallel", "", "n/a: remitc has no --jobs "
                                  "(`remitc check --help` does not list it)."])
            return
        models = getattr(self, "models_by_size", {})
        if mb in models:
            d, man = models[mb]
        else:  # run without the throughput section: the same model, made here
            d = os.path.join(self.work, "tp%g" % mb)
            man = self.gen(d, "--size-mb", mb)
            self.check_clean(d)
        j1, j2 = [], []
        for i in range(self.runs(5)):
            order = [("1", j1), ("2", j2)]
            if i % 2:
                order.reverse()
            for jobs, acc in order:
                s = self.run([self.args.remitc, "check", "--color=never", "--jobs", jobs, d],
                             "parallel", mb, "jobs" + jobs)
                if s.rc != 0 or s.out.strip():
                    raise Failure("remitc check --jobs %s exited %d: %s" % (
                        jobs, s.rc, (s.out + s.err)[-1000:]))
                acc.append(s)
        w1 = statistics.median(s.wall for s in j1)
        w2 = statistics.median(s.wall for s in j2)
        c1 = statistics.median(s.cpu for s in j1)
        c2 = statistics.median(s.cpu for s in j2)
        r1 = statistics.median(s.rss_mib for s in j1)
        r2 = statistics.median(s.rss_mib for s in j2)
        speedup = w1 / w2
        self.targets.append((
            "parallel: --jobs 2 ≥ %g× faster than --jobs 1 (%.0f MiB, %d files)" % (
                T_PARALLEL, man["bytes"] / MIB, man["files"]),
            "%.2f×" % speedup,
            status(speedup >= T_PARALLEL, "by %.2f×" % (T_PARALLEL - speedup))))
        self.sections.append([
            "## Parallel",
            "",
            "`remitc check --jobs 1` and `--jobs 2` on the %.0f MiB, %d-file model, runs "
            "alternating, medians. Target: time(--jobs 1) / time(--jobs 2) ≥ %g on 2 cores."
            % (man["bytes"] / MIB, man["files"], T_PARALLEL),
            "",
            "| jobs | median wall s | median CPU s | peak RSS MiB | all runs, wall s | load |",
            "|---:|---:|---:|---:|---|---|",
            "| 1 | %s | %s | %.0f | %s | %s |" % (fmt_s(w1), fmt_s(c1), r1, " ".join(
                fmt_s(s.wall) for s in j1), fmt_range([s.load for s in j1])),
            "| 2 | %s | %s | %.0f | %s | %s |" % (fmt_s(w2), fmt_s(c2), r2, " ".join(
                fmt_s(s.wall) for s in j2), fmt_range([s.load for s in j2])),
            "",
            "Speed-up: **%.2f×**." % speedup,
        ])

    def lsp(self):
        out = os.path.join(self.work, "lsp.json")
        cmd = ["bash", os.path.join(HERE, "lsp", "run.sh")]
        if self.smoke:
            cmd.append("--smoke")
        cmd.append(self.args.lsp)
        if not self.smoke and self.args.runs:
            cmd.append(str(self.args.runs))
        env = dict(os.environ, LSP_BENCH_JSON=out, BENCH_SEED=str(self.args.seed))
        env.pop("BENCH_KEEP", None)
        load = loadavg()
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        if p.returncode != 0 or not os.path.exists(out):
            raise Failure("bench/lsp/run.sh exited %d: %s" % (
                p.returncode, (p.stdout + p.stderr).decode()[-1500:]))
        text = p.stdout.decode()
        with open(out) as fh:
            data = json.load(fh)
        runs = data["runs"]

        def med(get, k):
            return statistics.median(get(r)[k] for r in runs)
        ops = [("edit → publishDiagnostics", lambda r: r["edits"]["all"], T_LSP_EDIT_P95),
               ("hover", lambda r: r["requests"]["hover"], T_LSP_REQUEST_P95),
               ("completion", lambda r: r["requests"]["completion"], T_LSP_REQUEST_P95),
               ("definition (not a target)", lambda r: r["requests"]["definition"], None)]
        rows = []
        for name, get, bar in ops:
            p50, p95 = med(get, "p50"), med(get, "p95")
            each = ", ".join("%.1f" % get(r)["p95"] for r in runs)
            rows.append("| %s | %d | %.1f | **%.1f** | %s | %s |" % (
                name, get(runs[0])["n"], p50, p95, each,
                "≤ %g ms: %s" % (bar, status(p95 <= bar, "by %.1f ms" % (p95 - bar)))
                if bar else ""))
            if bar:
                self.targets.append(("LSP %s p95 ≤ %g ms" % (name, bar), "%.1f ms" % p95,
                                     status(p95 <= bar, "by %.1f ms" % (p95 - bar))))
        ws = "%d files, %d lines, %.1f MiB; open file `%s`" % (
            data["files"], data["totalLines"], data["totalBytes"] / MIB, data["file"])
        machine_lines = [l for l in text.splitlines() if l.startswith(("model:", "workspace:", "runs:", "startup:"))]
        self.sections.append([
            "## Language server",
            "",
            "`bench/lsp/run.sh%s` (a real LSP client, vscode-languageserver-protocol on "
            "node; bench/lsp/README.md): %s; %d run(s), each cell the median over runs. "
            "Load before: %.1f." % (" --smoke" if self.smoke else "", ws, len(runs), load),
            "",
            "| operation | n per run | p50 ms | p95 ms | p95 of each run | target |",
            "|---|---:|---:|---:|---|---|",
        ] + rows + [""] + ["    " + l for l in machine_lines])

    def diagrams(self):
        sizes = [1000] if self.smoke else [1000, 10000]
        rows = []
        for n in sizes:
            self.log("diagrams: %d roles" % n)
            d = os.path.join(self.work, "dg%d" % n)
            man = self.gen(d, "--roles", n)
            self.check_clean(d)
            mode = None
            for f in sorted(os.listdir(d)):
                if f.endswith(".remit"):
                    with open(os.path.join(d, f)) as fh:
                        m = re.search(r"^mode (\w+)", fh.read(), re.M)
                    if m:
                        mode = m.group(1)
                        break
            for view in VIEWS:
                svg = os.path.join(self.work, "view.svg")
                cmd = [self.args.remitc, "graph", d, "--view", view, "-o", svg]
                if view == "modes":
                    cmd += ["--mode", mode]
                acc = []
                for _ in range(self.runs(3)):
                    if os.path.exists(svg):
                        os.remove(svg)
                    s = self.run(cmd, "diagrams", "%d/%s" % (n, view), "remitc-graph")
                    if s.rc != 0 or not os.path.exists(svg):
                        raise Failure("remitc graph --view %s at %d roles exited %d: %s" % (
                            view, n, s.rc, s.err[-1000:]))
                    acc.append(s)
                err = acc[-1].err
                engine = re.search(r"laid out with `(\w+)`", err)
                nodes = re.search(r"view has (\d+) nodes", err)
                with open(svg, encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
                drawn = (text.count('class="node"'), text.count('class="edge"'),
                         text.count('class="cluster"'))
                notes = []
                if "too many to read" in err:
                    notes.append("warns the view is too large to read, suggests `--focus`")
                other = [l for l in err.splitlines()
                         if l.strip() and "too many to read" not in l and "laid out with" not in l]
                notes += [l.strip().replace("|", "\\|")[:160] for l in other]
                rows.append("| %s | %s | %s | %s | %s | %s | %.0f | %.1f | %s | %s |" % (
                    "{:,}".format(man["roles"]), view, nodes.group(1) if nodes else "",
                    engine.group(1) if engine else "dot (no note)",
                    "{:,} / {:,} / {:,}".format(*drawn),
                    fmt_s(statistics.median(s.wall for s in acc)),
                    statistics.median(s.rss_mib for s in acc), len(text.encode()) / MIB,
                    fmt_range([s.load for s in acc]), "; ".join(notes)))
        self.sections.append([
            "## Diagrams",
            "",
            "`remitc graph DIR --view V -o FILE.svg` (`--engine auto`; `--view modes` with "
            "`--mode` the model's first incident mode) on `gen_model.py --roles N`, whole "
            "process, median of the runs. No target was set. *View nodes* and *engine* are "
            "what `remitc` notes on standard error for a view over %d nodes (`--engine "
            "auto`: `dot` up to %d nodes, `sfdp` up to %d, else `patchwork`, which draws "
            "the clusters as a treemap and no edges); *SVG* counts what was drawn "
            "(legend included)." % (150, 150, 2000),
            "",
            "| roles | view | view nodes | engine | SVG nodes / edges / clusters | median wall s "
            "| peak RSS MiB | SVG MiB | load | remitc's notes |",
            "|---:|---|---:|---|---|---:|---:|---:|---|---|",
        ] + rows)

    def main(self):
        self.header()
        wanted = self.args.sections.split(",")
        for name, fn in [("likec4", self.likec4), ("throughput", self.throughput),
                         ("parallel", self.parallel), ("lsp", self.lsp),
                         ("diagrams", self.diagrams)]:
            if name in wanted:
                self.section(name, fn)
        text = self.report()
        os.makedirs(os.path.dirname(os.path.abspath(self.args.out)), exist_ok=True)
        with open(self.args.out, "w") as fh:
            fh.write(text + "\n")
        tsv = os.path.join(os.path.dirname(os.path.abspath(self.args.out)), "samples.tsv")
        with open(tsv, "w") as fh:
            fh.write("section\tcase\ttool\twall_s\tcpu_s\trss_kib\tload1\texit\n")
            for row in self.samples:
                fh.write("%s\t%s\t%s\t%.4f\t%.3f\t%d\t%.2f\t%d\n" % row)
        print(text)
        if self.args.keep:
            self.log("generated models kept in " + self.work)
        else:
            shutil.rmtree(self.work, ignore_errors=True)
        if self.failures:
            self.log("%d section(s) failed to run" % len(self.failures))
            return 1
        return 0


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--remitc", required=True)
    ap.add_argument("--lsp", required=True)
    ap.add_argument("--scanner", required=True)
    ap.add_argument("--likec4", required=True, help="the likec4 executable")
    ap.add_argument("--out", required=True, help="the Markdown report to write")
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--runs", type=int, default=0,
                    help="timed runs per case (default: 5, 3 at the largest sizes)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the generated models")
    ap.add_argument("--sections", default="likec4,throughput,parallel,lsp,diagrams")
    args = ap.parse_args(argv)
    for tool in (args.remitc, args.lsp, args.scanner, args.likec4):
        if not os.access(tool, os.X_OK):
            print("harness.py: %s is not executable" % tool, file=sys.stderr)
            return 2
    if not os.access("/usr/bin/time", os.X_OK):
        print("harness.py: /usr/bin/time is missing (Debian package `time`)",
              file=sys.stderr)
        return 2
    return Bench(args).main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
