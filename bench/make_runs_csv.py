#!/usr/bin/env python3
"""make_runs_csv.py ROWS OUT [TEMPLATE] - a synthetic runs.csv of ROWS rows, as a lab that pools a
year of runs from many machines would have, for bench/analysis_scale.sh.

Machines take turns: each contributes the rows of one real reproduce job (TEMPLATE, default
bench/data/reproduce-job-runs.csv: its series, methods, chunks and sizes, so report finds a study
to judge), then as many rows again of `run` and `sweep` jobs over every method of the template's
ipc rows renamed to each of bulkxfer's methods, under one of 36 lab series ("lab-00".."lab-35"),
at five chunks.  Every number is the template's, scaled by a factor drawn per row around 1 (so
medians and intervals are not degenerate), with the machine's own kernel and CPU model and
timestamps a minute apart.  The same ROWS always give the same file (seeded).
"""
import csv
import random
import sys

METHODS = ("pipe shm splice mmap-write sendfile vmsplice vmsplice-gift shm-whole unix "
           "unix-sendfile tcp cma fdpass shm-rw uring uring-splice uring-zc").split()
CHUNKS = ("4096", "65536", "262144", "1048576", "4194304")
SCALED = ("wall_s producer_wall_s consumer_wall_s producer_user_s producer_sys_s consumer_user_s "
          "consumer_sys_s gib_per_s floor_gib_per_s pct_of_floor").split()


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: make_runs_csv.py ROWS OUT [TEMPLATE]")
    rows, out = int(sys.argv[1]), sys.argv[2]
    template = sys.argv[3] if len(sys.argv) > 3 else "bench/data/reproduce-job-runs.csv"
    with open(template, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        job = [r for r in reader if r]
    col = {name: i for i, name in enumerate(header)}
    ipc = [r for r in job if r[col["series"]] in ("ipc", "ipc-sweep")] or job
    rng = random.Random(rows)
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        written, machine = 0, 0
        while written < rows:
            kernel = "6.1.0-%d-cloud-amd64" % (machine % 40)
            cpu = "Lab CPU model %d @ %.1fGHz" % (machine % 12, 2.0 + (machine % 7) / 10)
            block = [list(r) for r in job]
            for k in range(len(job)):
                r = list(rng.choice(ipc))
                r[col["series"]] = "lab-%02d" % rng.randrange(36)
                r[col["method"]] = rng.choice(METHODS)
                r[col["producer"]] = r[col["consumer"]] = r[col["method"]]
                r[col["chunk"]] = rng.choice(CHUNKS)
                block.append(r)
            for r in block:
                if written == rows:
                    break
                factor = rng.lognormvariate(0, 0.15)
                for name in SCALED:
                    i = col.get(name)
                    if i is not None and r[i]:
                        v = float(r[i])
                        r[i] = "%.6g" % (v / factor if name.endswith("gib_per_s") or
                                         name == "pct_of_floor" else v * factor)
                r[col["kernel"]] = kernel
                r[col["cpu_model"]] = cpu
                minute = written
                r[col["timestamp"]] = "2026-%02d-%02dT%02d:%02d:00Z" % (
                    1 + minute // 40000 % 12, 1 + minute // 1440 % 28, minute // 60 % 24,
                    minute % 60)
                w.writerow(r)
                written += 1
            machine += 1


if __name__ == "__main__":
    main()
