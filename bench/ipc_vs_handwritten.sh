#!/usr/bin/env bash
# ipc_vs_handwritten.sh [SIZE] [ROUNDS] [OUT_DIR] - bulkxfer memory to memory beside hand-written
# loops that have no harness at all (bench/handwritten/), interleaved in one run.
#
# Five pairs, each bulkxfer setting beside the minimal program that does the same thing, with
# its buffers placed alike (where a buffer sits in its page can halve a copy's speed on some
# CPUs, host/alignment.h; both sides of a pair place them the same way):
#   rw        bulkxfer pipe --src memory --sink-by read      | pipe_rw SIZE BUF PIPE
#             (every buffer page-aligned on both sides)
#   rw@16     the same with --buffer-offset 16                | pipe_rw ... offset=16
#             (every buffer 16 bytes past a page start, where glibc's malloc() puts it)
#   vmsplice  bulkxfer vmsplice --src memory --huge --sink    | vmsplice_splice SIZE BUF PIPE
#   gift+poll bulkxfer vmsplice-gift ... --sink --busy-poll   | vmsplice_splice ... gift nonblock
#   shm       bulkxfer shm --src memory --sink-by read        | shm_ring SIZE BUF 8
#             --prefault
#             (a ring of 8 slots of BUF bytes, two process-shared semaphores, mapped into both
#             sides' page tables before the clock in both: on a paravirtualised guest each
#             side's first touch of each ring page is a fault that cost bulkxfer's sender a
#             fifth more CPU than the program's, whose ring the sender had written before fork)
# BUF (default 256K) is bulkxfer's --chunk and the programs' buffer, PIPE (default 1M) the pipe
# capacity of both.  bulkxfer runs RUNS recorded runs (below) after its check run (the setting
# verified byte for byte into a file on tmpfs: --workdir is under /dev/shm, so no disk writeback
# lands in a later run) and one warm-up run, as the program makes one untimed transfer.
#
# Paired rounds: each round takes the pairs in a new random order (shuf), and runs a pair's two
# members back to back, which one first drawn at random; so each round gives each pair one
# ratio, bulkxfer / hand-written GiB/s, of runs the host treated alike (what the host
# does moves both; on these VMs it moves single runs 2-6x).  The ratio stated is the median of
# the rounds' ratios with its distribution-free 95% interval (order statistics of the binomial
# sign test); the target, every pair at least 0.97x (the harness costing at most 3%): met when
# the interval's low end is at or above it, missed when its high end is below, else undecided.
# RUNS (default 1): each member of a pair runs RUNS times in its turn, and the round's ratio is
# of the two members' median GiB/s.  bulkxfer runs --runs RUNS after its check run and warm-up;
# the program likewise makes RUNS timed transfers after one untimed one, in one process from one
# source (its runs=RUNS), so neither member's timed transfers are a fresh process's first
# (doc/details.md has what that changed); the public peer and pipe_rw's reuse run RUNS times
# each, a process a run, as the peer can only run.  A run of a few tens of
# milliseconds moves by a few percent from one to the next on these VMs (beside the host's
# rarer swings, which the pairing is for); a median of several is not moved by one disturbed
# run, where a single run is.
# Each side's CPU ratio comes from `bulkxfer compare` of the same rows (unpaired, its 95%
# interval): the hand-written rows are written with the key columns of bulkxfer's row of the
# same setting, so compare matches them group by group.
#
# PEER: a checkout of the public hand-written pipe benchmark (bitonic/pipes-speed-test, e.g. a
# `fetch` snapshot); when set, its write | read (built with CXX -O3) runs in the rw@16 pair's
# block of every round with the same buffer and pipe sizes, beside `pipe_rw ... offset=16
# reuse`, which does what the peer does: one malloc-placed BUF-byte buffer written over and
# over (a source that stays in the cache, where the pairs send SIZE bytes of memory).  The
# script states the peer's median and the paired ratio pipe_rw (reuse) / peer.
#
# Environment: BUF, PIPE, BULKXFER_BIN, CC, CXX, PEER, RUNS, PAIRS (the names of the pairs to
# run, default all), BENCH_SHM (where bulkxfer's destinations go, default /dev/shm: a tmpfs;
# the test suite gives its own temp directory, so no other run's census of /dev/shm can take
# it away mid-run).
set -euo pipefail
size=${1:-1G}
rounds=${2:-7}
repeat=${RUNS:-1}
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/paired_stats.sh"
out=${3:-$here/results/ipc-vs-handwritten-$(date -u +%Y%m%d-%H%M%S)}
bin=${BULKXFER_BIN:-$here/bulkxfer}
buf=${BUF:-256K}
pipe=${PIPE:-1M}
cc=${CC:-cc}
cxx=${CXX:-c++}
peer=${PEER:-}
paired_check_counts ipc_vs_handwritten.sh "$rounds" "$repeat"
work="" shm=""
trap 'rm -rf ${work:+"$work"} ${shm:+"$shm"}' EXIT	# set first: a failed second mktemp leaves nothing
work=$(mktemp -d "${TMPDIR:-/tmp}/bulkxfer-bench-XXXXXX")
shm=$(mktemp -d "${BENCH_SHM:-/dev/shm}/bulkxfer-bench-XXXXXX")
mkdir -p "$out"

for prog in pipe_rw vmsplice_splice shm_ring; do
	"$cc" -O2 -Wall -Wextra -o "$work/$prog" "$here/bench/handwritten/$prog.c" -lpthread
done
if [ -n "$peer" ]; then
	for prog in write read; do
		"$cxx" -std=c++17 -O3 -o "$work/peer-$prog" "$peer/$prog.cpp"
	done
fi

# name | bulkxfer's options | the hand-written command | target
settings=(
	"rw|--method pipe --sink-by read|$work/pipe_rw $size $buf $pipe|0.97"
	"rw@16|--method pipe --sink-by read --buffer-offset 16|$work/pipe_rw $size $buf $pipe offset=16|0.97"
	"vmsplice|--method vmsplice --huge --sink|$work/vmsplice_splice $size $buf $pipe|0.97"
	"gift+poll|--method vmsplice-gift --huge --sink --busy-poll|$work/vmsplice_splice $size $buf $pipe gift nonblock|0.97"
	"shm|--method shm --sink-by read --slots 8 --prefault|$work/shm_ring $size $buf 8|0.97"
)

# PAIRS (names, e.g. "vmsplice gift+poll"): only those pairs run; default all.
if [ -n "${PAIRS:-}" ]; then
	kept=()
	for want in $PAIRS; do
		found=0
		for entry in "${settings[@]}"; do
			if [ "${entry%%|*}" = "$want" ]; then
				found=1
				case " ${kept[*]+${kept[*]%%|*}} " in	# named twice: run once
				*" $want "*) ;;
				*) kept+=("$entry") ;;
				esac
			fi
		done
		if [ "$found" = 0 ]; then
			echo "ipc_vs_handwritten.sh: PAIRS '$want': not one of rw rw@16 vmsplice" \
				"gift+poll shm" >&2
			exit 2
		fi
	done
	settings=("${kept[@]}")
fi

ours="$out/bulkxfer.csv"
rm -f "$ours" "$work/hand.txt" "$work/peer.txt" "$work/reuse.txt" "$out/paired.txt"
rm -rf "$out/compare"
for round in $(seq 1 "$rounds"); do
	for i in $(shuf -e "${!settings[@]}"); do
		IFS='|' read -r name opts hand target <<< "${settings[$i]}"
		members="b h"
		[ -n "$peer" ] && [ "$name" = rw@16 ] && members="b h p q"
		# shellcheck disable=SC2086 # members is a list of words
		for who in $(shuf -e $members); do
			case $who in
			b)	# shellcheck disable=SC2086 # opts is a list of options
				"$bin" run --src memory --size "$size" --chunk "$buf" --pipe-size "$pipe" \
					$opts --runs "$repeat" --warmup 1 --no-prime --workdir "$shm" \
					--csv "$work/b$i.csv" > /dev/null ;;
			h)	# shellcheck disable=SC2086 # hand is a command line
				lines=$($hand runs="$repeat")
				[ "$(echo "$lines" | awk 'NF == 11' | wc -l)" = "$repeat" ] || {
					echo "ipc_vs_handwritten.sh: $hand: not $repeat lines of figures" >&2
					exit 1; }
				echo "$lines" | sed "s/^/$i $round /" >> "$work/hand.txt" ;;
			q)	for _ in $(seq "$repeat"); do
					echo "$round $("$work/pipe_rw" "$size" "$buf" "$pipe" offset=16 reuse)" \
						>> "$work/reuse.txt"
				done ;;
			p)	for _ in $(seq "$repeat"); do
					echo "$round $("$work/peer-write" --buf_size "$buf" --pipe_size "$pipe" |
						"$work/peer-read" --buf_size "$buf" --pipe_size "$pipe" \
							--bytes_to_pipe "$size" --csv | cut -d, -f1)" \
						>> "$work/peer.txt"
				done ;;
			esac
			printf '\r\033[Kround %s/%s: %-10s %s' "$round" "$rounds" "$name" "$who" >&2
		done
	done
done
echo >&2

# bulkxfer's rows, one file; the hand-written rows: bulkxfer's row of the same setting with
# the measured columns replaced by the program's figures (wall time, each side's CPU, minor
# faults and context switches; its system calls are not counted, 0).  Each pair's rows carry
# its name as their series, so compare keeps rw apart from rw@16 (the same method and chunk).
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
			r[col["producer_minflt"]] = $8
			r[col["consumer_minflt"]] = $9
			r[col["producer_vcsw"]] = $10
			r[col["producer_ivcsw"]] = $11
			r[col["consumer_vcsw"]] = $12
			r[col["consumer_ivcsw"]] = $13
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

# Per pair, one ratio per round: the median of bulkxfer's runs / the median of the program's
# runs in the same round.
hand_gib() {	# hand_gib I: "round GiB/s" of pair I's program runs
	awk -v i="$1" -v bytes="$bytes" '$1 == i { print $2, bytes / 1073741824 / $3 }' \
		"$work/hand.txt"
}
bytes=$(awk -F, 'NR == 1 { for (c = 1; c <= NF; c++) if ($c == "bytes") b = c; next }
		 NR == 2 { print $b }' "$work/b0.csv")
each=""
[ "$repeat" -gt 1 ] && each=", each member the median of its $repeat runs"
echo "bulkxfer / hand-written, GiB/s, median of $rounds paired rounds of $size (buffer $buf," \
	"pipe $pipe$each) [95% interval]:"
for i in "${!settings[@]}"; do
	IFS='|' read -r name opts hand target <<< "${settings[$i]}"
	awk -F, -v repeat="$repeat" '
		NR == 1 { for (c = 1; c <= NF; c++) if ($c == "gib_per_s") g = c; next }
		{ print int((NR - 2) / repeat) + 1, $g }' "$work/b$i.csv" | round_medians \
		> "$work/ours.txt"
	hand_gib "$i" | round_medians > "$work/theirs.txt"
	# (files, not process substitution: its processes are left for whoever reaps orphans)
	read -r med lo hi n <<< "$(paste -d' ' "$work/ours.txt" "$work/theirs.txt" |
		awk '{ print $1 / $2 }' | paired_median)"
	word=$(awk -v lo="$lo" -v hi="$hi" -v t="$target" \
		'BEGIN { print (lo >= t ? "met" : hi < t ? "missed" : "undecided") }')
	cpu=$(awk -F, -v name="$name" '
		NR == 1 { for (c = 1; c <= NF; c++) col[$c] = c; next }
		$col["series"] == name {
			printf "CPU sender %.2f, receiver %.2f", $col["sender_cpu_s_ratio"],
			       $col["receiver_cpu_s_ratio"]
		}' "$out/compare/compare.csv")
	printf '  %-10s %.3f [%.3f, %.3f]  target >= %s: %s;  %s\n' "$name" "$med" "$lo" "$hi" \
		"$target" "$word" "$cpu"
	echo "$name $med $lo $hi $n $target $word" >> "$out/paired.txt"
done
if [ -s "$work/peer.txt" ]; then	# the peer ran beside the rw@16 pair
	awk -v bytes="$bytes" '{ print $1, bytes / 1073741824 / $2 }' "$work/reuse.txt" |
		round_medians > "$work/theirs.txt"
	round_medians < "$work/peer.txt" > "$work/peer_gib.txt"
	read -r med lo hi n <<< "$(paste -d' ' "$work/theirs.txt" "$work/peer_gib.txt" |
		awk '{ print $1 / $2 }' | paired_median)"
	peer_med=$(printf '%.3f' "$(awk '{ print 0, $2 }' "$work/peer.txt" | round_medians)")
	echo "the public peer (bitonic/pipes-speed-test write | read, one reused $buf source):" \
		"median $peer_med GiB/s; pipe_rw doing the same (offset=16 reuse) / peer" \
		"$med [$lo, $hi]"
	echo "peer $med $lo $hi $n - -" >> "$out/paired.txt"
fi
echo "rows: $ours, $hand_csv; paired ratios: $out/paired.txt; comparison: $out/compare/compare.md"
