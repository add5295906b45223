#!/usr/bin/env bash
# fuzz.sh BUILD SECONDS MIN_EXECS TARGET... - run each libFuzzer target of BUILD/fuzz/ for
# SECONDS, two at a time (the machine's two cores), from its corpus in BUILD/corpus/<target>
# (grown run after run) and its seeds in tests/fuzz/seeds/<target>, with the dictionary
# tests/fuzz/dict/<target>.dict when there is one.  Prints a line per target (inputs run, rate,
# coverage libFuzzer counted, corpus) and the total; fails when a target found something (a
# crash, leak, timeout or sanitizer report: the input is in BUILD/findings/<target>/ and the
# report in BUILD/logs/<target>.log) or when the total is below MIN_EXECS.
set -uo pipefail
build=$1 secs=$2 min_execs=$3
shift 3
[ $# -gt 0 ] || { echo "fuzz: no targets" >&2; exit 2; }
mkdir -p "$build/logs"
# A finding of an earlier run was either fixed (its input now in tests/fuzz/found/) or will be
# found again: start each run with none.
for t in "$@"; do rm -rf "$build/findings/$t" "$build/logs/$t.rc"; done

run_one() {
	local t=$1 build=$2 secs=$3
	local corpus="$build/corpus/$t" found="$build/findings/$t" log="$build/logs/$t.log"
	mkdir -p "$corpus" "$found"
	local dict=()
	[ -f "tests/fuzz/dict/$t.dict" ] && dict=(-dict="tests/fuzz/dict/$t.dict")
	# -close_fd_mask=1: the readers' stdout is noise; their reports go to stderr.  TMPDIR of
	# its own: a target that crashes cannot remove its scratch files (proc_root's tree), so
	# they go where this removes them.
	local scratch="$build/tmp/$t"
	mkdir -p "$scratch"
	TMPDIR="$scratch" "$build/fuzz/$t" "$corpus" "tests/fuzz/seeds/$t" "${dict[@]}" \
		-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
		-use_value_profile=1 -print_final_stats=1 -close_fd_mask=1 \
		-artifact_prefix="$found/" >"$log" 2>&1
	echo $? >"$build/logs/$t.rc"
	rm -rf "$scratch"
}
export -f run_one
printf '%s\n' "$@" | xargs -P 2 -I{} bash -c 'run_one "$@"' _ {} "$build" "$secs"

total=0 failed=0
printf '%-12s %12s %9s %7s %7s %7s\n' target inputs "per s" cov ft corpus
for t in "$@"; do
	log="$build/logs/$t.log"
	execs=$(awk '/stat::number_of_executed_units:/ { print $2 }' "$log" | tail -1)
	rate=$(awk '/stat::average_exec_per_sec:/ { print $2 }' "$log" | tail -1)
	last=$(grep -E '^#[0-9]+' "$log" | tail -1)
	cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
	ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
	corp=$(sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p' <<<"$last")
	rc=$(cat "$build/logs/$t.rc" 2>/dev/null || echo 1)
	printf '%-12s %12s %9s %7s %7s %7s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
		"${corp:-?}"
	total=$((total + ${execs:-0}))
	if [ "$rc" != 0 ] || [ -n "$(ls -A "$build/findings/$t" 2>/dev/null)" ]; then
		echo "fuzz: $t found a bug (exit $rc): input in $build/findings/$t/, report in $log" >&2
		grep -m 3 -E 'ERROR|runtime error|broken promise|SUMMARY' "$log" >&2
		failed=1
	fi
done
echo "fuzz: $total inputs over $# targets, ${secs} s each"
if [ "$total" -lt "$min_execs" ]; then
	echo "fuzz: fewer inputs than the $min_execs asked for (FUZZ_MIN_EXECS)" >&2
	failed=1
fi
exit $failed
