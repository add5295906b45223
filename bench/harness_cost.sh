#!/usr/bin/env bash
# harness_cost.sh [SIZE] [RUNS] [OUT.csv] - does the harness cost anything?
#
# Times bulkxfer's `pipe` method with 64 KiB buffers (its recorded wall_s: barrier release to the
# receiver's last byte) against the whole wall time of the two-process shell pipeline
# `dd if=SRC bs=64K | dd of=DST bs=64K` on the same warm file, RUNS times each, interleaved, and
# writes one CSV row per pair.  Target: bulkxfer's median at most 1.05x the pipeline's.
# Both sides get the same preparation (sync, warm source), and bulkxfer runs with --no-prime
# --no-settle so neither gets help the other lacks.
set -euo pipefail
size=${1:-1G}
runs=${2:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
out=${3:-$here/results/harness_cost.csv}
bin=${BULKXFER_BIN:-$here/bulkxfer}
work=$(mktemp -d "${TMPDIR:-/tmp}/bulkxfer-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

bytes=$(numfmt --from=iec "$size")
head -c "$bytes" /dev/urandom > "$work/src"
mkdir -p "$(dirname "$out")"
echo "run,bytes,bulkxfer_pipe_wall_s,dd_pipeline_wall_s,ratio" > "$out"

for run in $(seq 1 "$runs"); do
	sync; cat "$work/src" > /dev/null
	"$bin" run --method pipe --src "$work/src" --dst "$work/dst" --chunk 64K --runs 1 \
		--warmup 0 --no-prime --no-settle --csv "$work/b.csv" > /dev/null
	rm -f "$work/dst"
	# wall_s of the row just written, found by its column name in the header
	ours=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "wall_s") c = i; next }
		{ v = $c } END { print v }' "$work/b.csv")
	sync; cat "$work/src" > /dev/null
	start=$(date +%s.%N)
	dd if="$work/src" bs=64K status=none | dd of="$work/dst" bs=64K status=none
	end=$(date +%s.%N)
	rm -f "$work/dst"
	awk -v r="$run" -v b="$bytes" -v o="$ours" -v s="$start" -v e="$end" \
		'BEGIN { t = e - s; printf "%s,%s,%.6f,%.6f,%.4f\n", r, b, o, t, o / t }' >> "$out"
done

# Medians of both columns and their ratio.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ours=$(tail -n +2 "$out" | cut -d, -f3 | median)
theirs=$(tail -n +2 "$out" | cut -d, -f4 | median)
awk -v o="$ours" -v t="$theirs" 'BEGIN {
	r = o / t
	printf "bulkxfer pipe (64 KiB): median %.3f s; dd | dd: median %.3f s; ratio %.3f (target <= 1.05: %s)\n",
	       o, t, r, (r <= 1.05) ? "met" : "missed" }'
echo "rows: $out"
