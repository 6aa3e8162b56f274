#!/usr/bin/env python3
"""summarize.py - one Markdown table row from `/usr/bin/time -f '%e %M %U %S'`
samples of `remitc check` on a generated model.

usage: summarize.py case|scaling MANIFEST LABEL SAMPLE...

Both run.sh (`case` rows) and scaling.sh (`scaling` rows) report the median
wall and CPU (user+sys) seconds and the largest peak RSS of the samples.
"""
import json
import statistics
import sys


def main():
    layout, manifest_path, label = sys.argv[1:4]
    manifest = json.load(open(manifest_path))
    runs = [tuple(map(float, s.split())) for s in sys.argv[4:]]
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[2] + r[3] for r in runs)
    rss_kib = max(r[1] for r in runs)
    mib = manifest["bytes"] / (1 << 20)
    bytes_per_byte = rss_kib * 1024 / manifest["bytes"]
    if layout == "case":
        print("| %s | %.2f | %d | %d | %.2f | %.2f | %.1f | %.0f | %.1f | %s |" % (
            label, mib, manifest["files"], manifest["declarations"], wall, cpu,
            mib / wall if wall else float("inf"), rss_kib / 1024,
            bytes_per_byte, " ".join("%.2f" % r[0] for r in runs)))
    else:
        print("| %s | %.1f | %d | %.2f | %.2f | %.3f | %.0f | %.1f |" % (
            label, mib, manifest["files"], wall, cpu, cpu / mib,
            rss_kib / 1024, bytes_per_byte))


if __name__ == "__main__":
    main()
