#!/usr/bin/env bash
# uring_vs_rw.sh [SIZE] [RUNS] [OUT_DIR] - io_uring's pipe path beside read/write's, at the same
# chunks, interleaved in one sweep: what each side's CPU per GiB costs with `uring` against
# `pipe`, file to file and memory to memory.
#
# Two sweeps of `--method pipe,uring --chunk 4K,64K,1M` (runs interleaved, a new random order
# each round): file to file (--workdir on disk, the methods' own halves at both ends), and
# memory to memory (--src memory --dst memory: uring's linked writes from the source and linked
# reads into the kept destination against write() and read(); nothing but the pipe path in
# either).  Each sweep's uring rows are renamed pipe in a copy, so `bulkxfer compare` sets each
# chunk's uring group against its pipe group and gives uring / pipe for GiB/s and each side's
# CPU seconds with the 95% interval its verdicts use.  A CPU ratio below 1 is uring using less;
# a GiB/s ratio above 1 is uring moving more.
#
# Environment: BULKXFER_BIN, BENCH_DISK (file to file's workdir, default TMPDIR or /tmp),
# BENCH_SHM (memory to memory's, default /dev/shm), DEPTH (uring's --queue-depth, default
# bulkxfer's: its buffers are DEPTH chunks, so at 1M chunks DEPTH sets the working set), PIPE
# (both methods' --pipe-size, default the kernel's: io_uring reads and writes a pipe without
# blocking, so a chunk larger than the pipe moves a pipe's worth per round trip).
set -euo pipefail
size=${1:-256M}
runs=${2:-11}
here=$(cd "$(dirname "$0")/.." && pwd)
out=${3:-$here/results/uring-vs-rw-$(date -u +%Y%m%d-%H%M%S)}
bin=${BULKXFER_BIN:-$here/bulkxfer}
options=()
if [ -n "${DEPTH:-}" ]; then
	options=(--queue-depth "$DEPTH")
fi
if [ -n "${PIPE:-}" ]; then
	options+=(--pipe-size "$PIPE")
fi
if ! [[ "$runs" =~ ^[0-9]+$ ]] || [ "$runs" -lt 5 ]; then
	echo "uring_vs_rw.sh: RUNS $runs: at least 5, or the intervals say nothing" >&2
	exit 2
fi
disk="" shm=""
trap 'rm -rf ${disk:+"$disk"} ${shm:+"$shm"}' EXIT	# set first: a failed second mktemp leaves nothing
disk=$(mktemp -d "${BENCH_DISK:-${TMPDIR:-/tmp}}/bulkxfer-bench-XXXXXX")
shm=$(mktemp -d "${BENCH_SHM:-/dev/shm}/bulkxfer-bench-XXXXXX")
mkdir -p "$out"

for path in file memory; do
	if [ "$path" = file ]; then
		where=(--workdir "$disk")
	else
		where=(--workdir "$shm" --src memory --dst memory)
	fi
	rm -rf "$out/$path.csv" "$out/$path-compare"	# --csv appends: no earlier rows
	"$bin" sweep --method pipe,uring --chunk 4K,64K,1M --size "$size" --runs "$runs" \
		"${where[@]}" ${options[@]+"${options[@]}"} --csv "$out/$path.csv" > /dev/null
	head -1 "$out/$path.csv" | tee "$out/$path-pipe.csv" > "$out/$path-uring.csv"
	awk -F, 'NR > 1 && $3 == "pipe"' "$out/$path.csv" >> "$out/$path-pipe.csv"
	# method, producer and consumer: uring's halves (or its keeping sink) named as pipe's
	awk -F, -v OFS=, 'NR > 1 && $3 == "uring" { $3 = "pipe"; $4 = "pipe";
		if ($5 == "uring") $5 = "pipe"; print }' "$out/$path.csv" >> "$out/$path-uring.csv"
	"$bin" compare "$out/$path-pipe.csv" "$out/$path-uring.csv" --out "$out/$path-compare" \
		> /dev/null || [ -s "$out/$path-compare/compare.csv" ]
done

echo "uring / pipe, $runs interleaved runs of $size each${DEPTH:+, uring at queue depth $DEPTH}${PIPE:+, pipes of $PIPE}," \
	"median ratio [95% interval]:"
for path in file memory; do
	echo "  $([ "$path" = file ] && echo "file to file" || echo "memory to memory"):"
	awk -F, '
		NR == 1 { for (c = 1; c <= NF; c++) col[$c] = c; next }
		{
			k = $col["chunk"] / 1024
			name = (k >= 1024) ? (k / 1024 "M") : (k "K")
			printf "    %5s: GiB/s %.2f [%.2f, %.2f]; CPU sender %.2f [%.2f, %.2f], " \
			       "receiver %.2f [%.2f, %.2f]\n", name,
			       $col["gib_per_s_ratio"], $col["gib_per_s_ci_low"],
			       $col["gib_per_s_ci_high"], $col["sender_cpu_s_ratio"],
			       $col["sender_cpu_s_ci_low"], $col["sender_cpu_s_ci_high"],
			       $col["receiver_cpu_s_ratio"], $col["receiver_cpu_s_ci_low"],
			       $col["receiver_cpu_s_ci_high"]
		}' "$out/$path-compare/compare.csv"
done
echo "rows: $out/file.csv, $out/memory.csv"
