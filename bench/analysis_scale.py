#!/usr/bin/env python3
"""analysis_scale.py [ROWS...] - how the analysis side scales with the rows of a runs.csv.

For each ROWS (default 1000 10000 100000 1000000) it makes a synthetic fleet file with
bench/make_runs_csv.py (kept in $TMPDIR/bulkxfer-scale/ between runs: the 1M file takes a
minute to make), then times `bulkxfer report`, `bulkxfer compare` (the file against the 1000-row
one), `bulkxfer explain` (which fits the cost model) and `bulkxfer explain --model` (with the
model.csv the report wrote), each run once
on an otherwise idle machine: wall seconds and peak memory (getrusage's ru_maxrss of the
finished child).  Prints a table with the growth between sizes (the exponent k of
time ~ rows^k: 1 is linear, n log n reads a little above 1, 2 is quadratic) and writes
results/analysis-scale.csv.  Goal (issue 32): 1M rows reported in under 30 s and 1 GiB.
"""
import os
import resource
import subprocess
import sys
import time
import math

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BIN = os.environ.get("BULKXFER_BIN", os.path.join(ROOT, "bulkxfer"))
WORK = os.path.join(os.environ.get("TMPDIR", "/tmp"), "bulkxfer-scale")


def measure(argv):
    """Run argv; return (wall seconds, its peak RSS in MiB).  Each child is waited for alone,
    so RUSAGE_CHILDREN's ru_maxrss after it is its own peak only if it is the largest so far:
    run each command in a fresh python child that reports its one child's peak instead."""
    probe = ("import resource,subprocess,sys,time;t=time.monotonic();"
             "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE);"
             "w=time.monotonic()-t;"
             "print(r.returncode,w,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
             "sys.stderr.write(r.stderr.decode()[-400:])")
    out = subprocess.run([sys.executable, "-c", probe] + argv, capture_output=True, text=True)
    rc, wall, rss_kib = out.stdout.split()
    if int(rc) != 0:
        sys.exit("analysis_scale: %s failed (exit %s): %s" % (" ".join(argv), rc, out.stderr))
    return float(wall), int(rss_kib) / 1024.0


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000, 100000, 1000000]
    os.makedirs(WORK, exist_ok=True)
    base = os.path.join(WORK, "runs-1000.csv")
    rows = []
    for n in sorted(set(sizes + [1000])):
        path = os.path.join(WORK, "runs-%d.csv" % n)
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(HERE, "make_runs_csv.py"), str(n),
                            path], check=True)
        if n not in sizes:
            continue
        out = os.path.join(WORK, "out-%d" % n)
        subprocess.run(["rm", "-rf", out], check=True)
        os.makedirs(out)
        cmds = {
            "report": [BIN, "report", "--csv", path, "--out", out + "/report"],
            "compare": [BIN, "compare", base, path, "--out", out + "/compare"],
            "explain-fit": [BIN, "explain", "--csv", path, "--out", out + "/explain"],
        }
        for what, argv in cmds.items():
            wall, rss = measure(argv)
            rows.append((what, n, wall, rss))
            print("%-12s %9d rows  %8.2f s  %8.1f MiB" % (what, n, wall, rss), flush=True)
        model = os.path.join(out, "report", "model.csv")
        if os.path.exists(model):
            wall, rss = measure([BIN, "explain", "--csv", path, "--model", model, "--out",
                                 out + "/explain-model"])
            rows.append(("explain-model", n, wall, rss))
            print("%-12s %9d rows  %8.2f s  %8.1f MiB" % ("explain-model", n, wall, rss),
                  flush=True)
    print("\ngrowth (time ~ rows^k between successive sizes):")
    for what in dict.fromkeys(r[0] for r in rows):
        mine = [r for r in rows if r[0] == what]
        ks = []
        for a, b in zip(mine, mine[1:]):
            if a[2] > 0.05:
                ks.append("%d->%d: k=%.2f" % (a[1], b[1], math.log(b[2] / a[2]) /
                                             math.log(b[1] / a[1])))
        print("  %-13s %s" % (what, ", ".join(ks) or "too fast to tell"))
    os.makedirs(os.path.join(ROOT, "results"), exist_ok=True)
    with open(os.path.join(ROOT, "results", "analysis-scale.csv"), "w") as f:
        f.write("command,rows,wall_s,maxrss_mib\n")
        for r in rows:
            f.write("%s,%d,%.3f,%.1f\n" % r)


if __name__ == "__main__":
    main()
