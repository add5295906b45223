#!/usr/bin/env bash
# ipc_vs_handwritten.sh [SIZE] [ROUNDS] [OUT_DIR] - bulkxfer memory to memory beside hand-written
# loops that have no harness at all (bench/handwritten/), interleaved in one run.
#
# Four pairs, each bulkxfer setting beside the minimal program that does the same thing, with
# its buffers placed alike (where a buffer sits in its page can halve a copy's speed on some
# CPUs, host/alignment.h; both sides of a pair place them the same way):
#   rw        bulkxfer pipe --src memory --sink-by read      | pipe_rw SIZE BUF PIPE
#             (every buffer page-aligned on both sides)
#   rw@16     the same with --buffer-offset 16                | pipe_rw ... offset=16
#             (every buffer 16 bytes past a page start, where glibc's malloc() puts it)
#   vmsplice  bulkxfer vmsplice --src memory --huge --sink    | vmsplice_splice SIZE BUF PIPE
#   gift+poll bulkxfer vmsplice-gift ... --sink --busy-poll   | vmsplice_splice ... gift nonblock
# BUF (default 256K) is bulkxfer's --chunk and the programs' buffer, PIPE (default 1M) the pipe
# capacity of both.  Each round runs the six in a new random order (shuf); bulkxfer runs one
# recorded run after its warm-up, which is its check run (the setting verified byte for byte
# into a file on tmpfs: --workdir is under /dev/shm, so no disk writeback lands in a later run).
#
# The hand-written rows are written with the key columns of bulkxfer's row of the same setting,
# so `bulkxfer compare` matches them group by group and gives bulkxfer / hand-written for
# GiB/s and each side's CPU with the 95% interval the report's verdicts use.  Targets, by that
# interval: every pair at least 0.97x, the harness costing at most 3% (met: the interval's low end
# at or above it; missed: its high end below; else undecided).
#
# Environment: BUF, PIPE, BULKXFER_BIN, CC, BENCH_SHM (where bulkxfer's destinations go, default
# /dev/shm: a tmpfs; the test suite gives its own temp directory, so no other run's census of
# /dev/shm can take it away mid-run).
set -euo pipefail
size=${1:-1G}
rounds=${2:-7}
here=$(cd "$(dirname "$0")/.." && pwd)
out=${3:-$here/results/ipc-vs-handwritten-$(date -u +%Y%m%d-%H%M%S)}
bin=${BULKXFER_BIN:-$here/bulkxfer}
buf=${BUF:-256K}
pipe=${PIPE:-1M}
cc=${CC:-cc}
if [ "$rounds" -lt 5 ]; then
	echo "ipc_vs_handwritten.sh: ROUNDS $rounds: at least 5, or the intervals say nothing" >&2
	exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/bulkxfer-bench-XXXXXX")
shm=$(mktemp -d "${BENCH_SHM:-/dev/shm}/bulkxfer-bench-XXXXXX")
trap 'rm -rf "$work" "$shm"' EXIT
mkdir -p "$out"

for prog in pipe_rw vmsplice_splice; do
	"$cc" -O2 -Wall -Wextra -o "$work/$prog" "$here/bench/handwritten/$prog.c"
done

# name | bulkxfer's options | the hand-written command | target
settings=(
	"rw|--method pipe --sink-by read|$work/pipe_rw $size $buf $pipe|0.97"
	"rw@16|--method pipe --sink-by read --buffer-offset 16|$work/pipe_rw $size $buf $pipe offset=16|0.97"
	"vmsplice|--method vmsplice --huge --sink|$work/vmsplice_splice $size $buf $pipe|0.97"
	"gift+poll|--method vmsplice-gift --huge --sink --busy-poll|$work/vmsplice_splice $size $buf $pipe gift nonblock|0.97"
)

ours="$out/bulkxfer.csv"
rm -f "$ours" "$work/hand.txt"
for round in $(seq 1 "$rounds"); do
	for entry in $(for i in "${!settings[@]}"; do echo "b$i"; echo "h$i"; done | shuf); do
		i=${entry#?}
		IFS='|' read -r name opts hand target <<< "${settings[$i]}"
		if [ "${entry:0:1}" = b ]; then
			# shellcheck disable=SC2086 # opts is a list of options
			"$bin" run --src memory --size "$size" --chunk "$buf" --pipe-size "$pipe" $opts \
				--runs 1 --warmup 1 --no-prime --workdir "$shm" --csv "$work/b$i.csv" \
				> /dev/null
		else
			# shellcheck disable=SC2086 # hand is a command line
			echo "$i $round $($hand)" >> "$work/hand.txt"
		fi
		printf '\r\033[Kround %s/%s: %-10s %s' "$round" "$rounds" "$name" \
			"$([ "${entry:0:1}" = b ] && echo bulkxfer || echo hand-written)" >&2
	done
done
echo >&2

# bulkxfer's rows, one file; the hand-written rows: bulkxfer's row of the same setting with
# the measured columns replaced by the program's figures.  Each pair's rows carry its name as
# their series, so compare keeps rw apart from rw@16 (the same method and chunk).
head -1 "$work/b0.csv" > "$ours"
hand_csv="$out/handwritten.csv"
head -1 "$work/b0.csv" > "$hand_csv"
for i in "${!settings[@]}"; do
	IFS='|' read -r name _ <<< "${settings[$i]}"
	tail -n +2 "$work/b$i.csv" | awk -F, -v OFS=, -v s="$name" '{ $2 = s; print }' >> "$ours"
	template=$(sed -n 2p "$work/b$i.csv" | awk -F, -v OFS=, -v s="$name" '{ $2 = s; print }')
	awk -v i="$i" -v header="$(head -1 "$work/b0.csv")" -v template="$template" '
		BEGIN {
			nh = split(header, names, ",")
			split(template, row, ",")
			for (c = 1; c <= nh; c++) col[names[c]] = c
		}
		$1 == i {
			r[col["run"]] = $2
			wall = $3
			for (c = 1; c <= nh; c++) r[c] = row[c]
			r[col["run"]] = $2
			r[col["wall_s"]] = wall
			r[col["producer_wall_s"]] = wall
			r[col["consumer_wall_s"]] = wall
			r[col["gib_per_s"]] = r[col["bytes"]] / 1073741824 / wall
			r[col["producer_user_s"]] = $4
			r[col["producer_sys_s"]] = $5
			r[col["consumer_user_s"]] = $6
			r[col["consumer_sys_s"]] = $7
			r[col["verified"]] = 0
			r[col["verify_by"]] = "-"
			r[col["producer_syscalls"]] = 0
			r[col["consumer_syscalls"]] = 0
			line = r[1]
			for (c = 2; c <= nh; c++) line = line "," r[c]
			print line
		}' "$work/hand.txt" >> "$hand_csv"
done

# The numbers are in compare.csv; a graph gnuplot could not draw (a binary away from its plots/)
# is said on stderr and is no reason to lose them.
"$bin" compare "$hand_csv" "$ours" --out "$out/compare" > /dev/null || [ -s "$out/compare/compare.csv" ]

# One line per pair: the GiB/s ratio bulkxfer / hand-written with its interval, and the target.
echo "bulkxfer / hand-written, GiB/s, $rounds interleaved rounds of $size (buffer $buf, pipe $pipe):"
for i in "${!settings[@]}"; do
	IFS='|' read -r name opts hand target <<< "${settings[$i]}"
	awk -F, -v name="$name" -v target="$target" '
		NR == 1 { for (c = 1; c <= NF; c++) col[$c] = c; next }
		$col["series"] == name {
			lo = $col["gib_per_s_ci_low"]; hi = $col["gib_per_s_ci_high"]
			word = lo >= target ? "met" : hi < target ? "missed" : "undecided"
			printf "  %-10s %7.3f -> %7.3f GiB/s: %.3f [%.3f, %.3f]  target >= %s: %s;" \
			       "  CPU sender %.2f, receiver %.2f\n", name, $col["old_gib_per_s"],
			       $col["new_gib_per_s"], $col["gib_per_s_ratio"], lo, hi, target, word,
			       $col["sender_cpu_s_ratio"], $col["receiver_cpu_s_ratio"]
		}' "$out/compare/compare.csv"
done
echo "rows: $ours, $hand_csv; comparison: $out/compare/compare.md"
