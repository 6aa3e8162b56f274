#!/usr/bin/env python3
"""check_outputs.py REMITC MODEL_DIR... - renders every view and report of
each model and checks the files themselves: DOT is byte-identical across two
runs, SVG parses as XML with no script, event handler or javascript: link,
PNG and PDF start with their magic bytes, the RACI HTML parses with no script
or event handler, and the model JSON parses with the documented schema id."""
import html.parser
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

VIEWS = ["org", "decisions", "escalation", "handoffs", "objectives"]
failures = []


def run(args, expect_ok=True):
    p = subprocess.run(args, capture_output=True)
    if p.returncode not in (0, 1):
        failures.append("%s: exit %d: %s" % (" ".join(args), p.returncode,
                                              p.stderr.decode(errors="replace")))
    return p


def check_svg(path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        failures.append("%s: not XML: %s" % (path, e))
        return
    for el in root.iter():
        tag = el.tag.split("}")[-1].lower()
        if tag in ("script", "foreignobject"):
            failures.append("%s: <%s> element" % (path, tag))
        for k, v in el.attrib.items():
            name = k.split("}")[-1].lower()
            if name.startswith("on"):
                failures.append("%s: event handler %s" % (path, name))
            if name == "href" and v.strip().lower().startswith("javascript:"):
                failures.append("%s: javascript: link" % path)


class HTMLCheck(html.parser.HTMLParser):
    def __init__(self, path):
        super().__init__()
        self.path, self.rows = path, 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "img", "svg"):
            failures.append("%s: <%s> element" % (self.path, tag))
        for k, v in attrs:
            if k.startswith("on") or (v or "").lower().startswith("javascript:"):
                failures.append("%s: attribute %s=%r" % (self.path, k, v))
        if tag == "tr":
            self.rows += 1


def magic(path, prefix):
    with open(path, "rb") as f:
        head = f.read(len(prefix))
    if os.path.getsize(path) < 100 or head != prefix:
        failures.append("%s: not a %r file" % (path, prefix))


def main():
    remitc, models = sys.argv[1], sys.argv[2:]
    with tempfile.TemporaryDirectory() as out:
        for model in models:
            tag = os.path.basename(os.path.normpath(model))
            for view in VIEWS:
                base = os.path.join(out, "%s-%s" % (tag, view))
                args = [remitc, "graph", model, "--view", view, "-o"]
                run(args + [base + ".dot"])
                run(args + [base + ".2.dot"])
                if open(base + ".dot", "rb").read() != open(base + ".2.dot", "rb").read():
                    failures.append("%s: DOT differs between runs" % base)
                run(args + [base + ".svg"])
                check_svg(base + ".svg")
            # One view per model in the raster and print formats.
            png, pdf = os.path.join(out, tag + ".png"), os.path.join(out, tag + ".pdf")
            run([remitc, "graph", model, "--view", "decisions", "-o", png])
            run([remitc, "graph", model, "--view", "org", "-o", pdf])
            magic(png, b"\x89PNG\r\n\x1a\n")
            magic(pdf, b"%PDF-")
            page = os.path.join(out, tag + ".html")
            run([remitc, "report", "raci", model, "--format", "html", "-o", page])
            checker = HTMLCheck(page)
            checker.feed(open(page, encoding="utf-8").read())
            checker.close()
            if checker.rows < 2:
                failures.append("%s: no table rows" % page)
            doc = os.path.join(out, tag + ".json")
            run([remitc, "build", model, "--emit", "json", "-o", doc])
            if json.load(open(doc, encoding="utf-8")).get("schema") != "remit.model/1":
                failures.append("%s: wrong schema id" % doc)
    for f in failures:
        print("FAIL:", f)
    print("%d models checked, %d failures" % (len(models), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
