#!/usr/bin/env bash
# uring_vs_handwritten.sh [SIZE] [ROUNDS] [OUT_DIR] - is io_uring's extra CPU on a pipe its own,
# or bulkxfer's?  bulkxfer's uring and pipe beside a hand-written program doing the same calls
# (bench/handwritten/uring_pipe.c, in its uring and rw modes), memory to kept memory, in paired
# rounds.
#
# Each round runs three members, in a new random order (shuf): `uring_pipe SIZE CHUNK PIPE
# uring runs=RUNS`, `uring_pipe ... rw runs=RUNS` and `bulkxfer run --method pipe,uring --src
# memory --dst memory --runs RUNS` (its two methods' runs interleaved).  Each member's round
# value is the median of its RUNS runs; each ratio below is one a round, and the median of the
# rounds' ratios is given with its distribution-free 95% interval (bench/paired_stats.sh).  For
# wall time and each side's CPU seconds (user + system, from its start to its last byte):
#   program uring / program rw    what io_uring costs against read/write with no harness
#   bulkxfer uring / bulkxfer pipe  the same inside bulkxfer
#   bulkxfer uring / program uring  what bulkxfer adds to io_uring (below 1: less)
#   bulkxfer pipe / program rw      what bulkxfer adds to read/write
# CHUNK (default 1M) and PIPE (default 64K, the kernel's default pipe) set both: with a chunk
# larger than the pipe, io_uring moves a pipe's worth an operation, where a blocking write()
# waits for room inside the kernel.
#
# Environment: BULKXFER_BIN, CC, CHUNK, PIPE, RUNS (default 5), BENCH_SHM (bulkxfer's workdir,
# default /dev/shm).  Exits 3, saying why, when io_uring is not usable here (a kernel without
# it, or one that forbids it, as some containers do).
set -euo pipefail
size=${1:-256M}
rounds=${2:-15}
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/paired_stats.sh"
out=${3:-$here/results/uring-vs-handwritten-$(date -u +%Y%m%d-%H%M%S)}
bin=${BULKXFER_BIN:-$here/bulkxfer}
chunk=${CHUNK:-1M}
pipe=${PIPE:-64K}
repeat=${RUNS:-5}
cc=${CC:-cc}
paired_check_counts uring_vs_handwritten.sh "$rounds" "$repeat"
work="" shm=""
trap 'rm -rf ${work:+"$work"} ${shm:+"$shm"}' EXIT	# set first: a failed second mktemp leaves nothing
work=$(mktemp -d "${TMPDIR:-/tmp}/bulkxfer-bench-XXXXXX")
shm=$(mktemp -d "${BENCH_SHM:-/dev/shm}/bulkxfer-bench-XXXXXX")
mkdir -p "$out"
"$cc" -O2 -Wall -Wextra -o "$work/uring_pipe" "$here/bench/handwritten/uring_pipe.c" -luring
if ! why=$("$work/uring_pipe" 64K 4K 64K uring 2>&1 >/dev/null); then
	echo "uring_vs_handwritten.sh: io_uring is not usable here: $why" >&2
	exit 3
fi

ours="$out/bulkxfer.csv" hand="$out/handwritten.txt"
rm -f "$ours" "$hand"
for round in $(seq 1 "$rounds"); do
	for who in $(shuf -e uring rw bulkxfer); do
		if [ "$who" = bulkxfer ]; then
			"$bin" run --method pipe,uring --src memory --dst memory --size "$size" \
				--chunk "$chunk" --pipe-size "$pipe" --runs "$repeat" --no-prime \
				--workdir "$shm" --csv "$ours" > /dev/null
		else
			lines=$("$work/uring_pipe" "$size" "$chunk" "$pipe" "$who" runs="$repeat")
			[ "$(echo "$lines" | awk 'NF == 11' | wc -l)" = "$repeat" ] || {
				echo "uring_vs_handwritten.sh: uring_pipe $who: not $repeat lines" >&2
				exit 1; }
			echo "$lines" | sed "s/^/$round $who /" >> "$hand"
		fi
		printf '\r\033[Kround %s/%s: %s' "$round" "$rounds" "$who" >&2
	done
done
echo >&2
if [ "$(awk -F, 'NR > 1' "$ours" | wc -l)" != $((2 * repeat * rounds)) ]; then
	echo "uring_vs_handwritten.sh: bulkxfer did not record $((2 * repeat * rounds)) runs" \
		"(was uring skipped?): $ours" >&2
	exit 1
fi

# "round value" lines of one member and measure (wall, sender, receiver).
program_values() {	# program_values MODE MEASURE
	awk -v m="$1" -v k="$2" '$2 == m {
		print $1, (k == "wall" ? $3 : k == "sender" ? $4 + $5 : $6 + $7) }' "$hand"
}
bulkxfer_values() {	# bulkxfer_values METHOD MEASURE; a method's rows are in round order
	awk -F, -v m="$1" -v k="$2" -v repeat="$repeat" '
		NR == 1 { for (c = 1; c <= NF; c++) col[$c] = c; next }
		$col["method"] == m {
			v = k == "wall" ? $col["wall_s"] : k == "sender" ? \
			    $col["producer_user_s"] + $col["producer_sys_s"] : \
			    $col["consumer_user_s"] + $col["consumer_sys_s"]
			i = seen[m]++
			print int(i / repeat) + 1, v
		}' "$ours"
}
member() {	# member NAME MEASURE: the member's round medians, one a line
	case $1 in
	uring|rw) program_values "$1" "$2" ;;
	*) bulkxfer_values "${1#bulkxfer-}" "$2" ;;
	esac | round_medians
}

echo "$size in $chunk chunks through a $pipe pipe, memory to kept memory; the median of" \
	"$rounds paired rounds' ratios (each member the median of its $repeat runs) [95% interval]:"
rm -f "$out/paired.txt"
for measure in wall sender receiver; do
	echo "  $measure$([ "$measure" = wall ] && echo " time" || echo " CPU"):"
	for pair in "uring rw program uring / program rw" \
		    "bulkxfer-uring bulkxfer-pipe bulkxfer uring / bulkxfer pipe" \
		    "bulkxfer-uring uring bulkxfer uring / program uring" \
		    "bulkxfer-pipe rw bulkxfer pipe / program rw"; do
		read -r a b label <<< "$pair"
		member "$a" "$measure" > "$work/a.txt"
		member "$b" "$measure" > "$work/b.txt"
		read -r med lo hi n <<< "$(paste -d' ' "$work/a.txt" "$work/b.txt" |
			awk '{ print $1 / $2 }' | paired_median)"
		printf '    %-32s %.3f [%.3f, %.3f]\n' "$label" "$med" "$lo" "$hi"
		echo "$measure $a/$b $med $lo $hi $n" >> "$out/paired.txt"
	done
done
echo "rows: $ours, $hand; paired ratios: $out/paired.txt"
