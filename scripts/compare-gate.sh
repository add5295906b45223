#!/usr/bin/env bash
# compare-gate.sh BASELINE [SIZE] [ROUNDS] - an example CI job: does HEAD move bytes slower, or
# burn more CPU, than BASELINE?  BASELINE is a git revision of this tree (built in a scratch
# worktree) or a bulkxfer binary already built.  Both binaries run the same memory-to-memory
# settings (--src memory --sink-by read: the channel alone, no disk, into a discarding reader,
# which every baseline binary understands; --dst memory, a receiver that keeps the data, needs
# a baseline that has it) in interleaved rounds, a
# round of each in turn, so a host that slows down mid-job slows both; then
# `bulkxfer compare BASELINE.csv HEAD.csv --fail-on regressed` judges every group with its
# interval and exits 3 when one regressed, naming it first.  The comparisons are judged together
# (each interval wider, so that all hold at 95%): three methods and three measures need six
# runs a side, hence seven rounds by default.  The exit status is compare's:
# 0 no regression, 3 a regression, anything else a failure to measure.
#
# Environment: METHODS (default pipe,shm,vmsplice), CHUNK (default 64K), OUT (where the CSVs
# and the comparison go; default a new results/gate-<time>), MAKEFLAGS for the builds.
#
# A kernel or library CI runs it the same way with the same binary twice across two kernels:
# each run's CSV is kept, and compare's --fail-on is the gate.
set -euo pipefail
if [ $# -lt 1 ]; then
	echo "usage: compare-gate.sh BASELINE [SIZE] [ROUNDS] (a git revision or a bulkxfer binary)" >&2
	exit 2
fi
baseline=$1
size=${2:-256M}
rounds=${3:-7}
methods=${METHODS:-pipe,shm,vmsplice}
chunk=${CHUNK:-64K}
top=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$top/results/gate-$(date -u +%Y%m%d-%H%M%S)}
if [ "$rounds" -lt 5 ]; then
	echo "compare-gate.sh: ROUNDS $rounds: at least 5, or the intervals decide nothing" >&2
	exit 2
fi
mkdir -p "$out"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/gate-XXXXXX")
trap 'git -C "$top" worktree remove --force "$scratch/base" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT

# The two binaries: HEAD's from this tree, the baseline's from its revision (or as given).
make -C "$top" --no-print-directory bulkxfer >/dev/null
head_bin=$top/bulkxfer
if [ -x "$baseline" ] && [ -f "$baseline" ]; then
	base_bin=$(cd "$(dirname "$baseline")" && pwd)/$(basename "$baseline")
else
	git -C "$top" worktree add --detach "$scratch/base" "$baseline" >/dev/null
	make -C "$scratch/base" --no-print-directory bulkxfer >/dev/null
	base_bin=$scratch/base/bulkxfer
fi

# Interleaved rounds: each binary one round of every setting in turn, the order alternating.
for round in $(seq 1 "$rounds"); do
	order="base head"
	[ $((round % 2)) -eq 0 ] && order="head base"
	for who in $order; do
		bin=$base_bin
		[ "$who" = head ] && bin=$head_bin
		"$bin" run --method "$methods" --src memory --sink-by read --size "$size" \
			--chunk "$chunk" --runs 1 --warmup 0 --workdir "$scratch" \
			--csv "$out/$who.csv" >/dev/null
		printf '\r\033[Kround %s/%s: %s' "$round" "$rounds" "$who" >&2
	done
done
echo >&2

status=0
"$head_bin" compare "$out/base.csv" "$out/head.csv" --out "$out/compare" --fail-on regressed ||
	status=$?
case $status in
0) echo "compare-gate: no group regressed against $baseline" ;;
3) echo "compare-gate: HEAD regressed against $baseline (the groups are listed first above)" ;;
*) echo "compare-gate: the comparison failed (exit $status)" >&2 ;;
esac
exit "$status"
