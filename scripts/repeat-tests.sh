#!/usr/bin/env bash
# repeat-tests.sh N RUNNER [ARGS...] - run the test runner N times in a row, stopping at the first
# failure; after each run, one line with its number and how long it took, so flakiness and the
# suite's time are measured, not guessed.  Exits with the failing run's status, else 0.
set -u
n=$1
shift
case "$n" in '' | *[!0-9]* | 0) echo "repeat-tests: REPEAT must be a whole number above 0, not '$n'" >&2; exit 2 ;; esac
for ((i = 1; i <= n; i++)); do
	start=${EPOCHREALTIME/./}	# microseconds, from bash itself: nothing to install
	"$@"
	rc=$?
	ms=$(((${EPOCHREALTIME/./} - start) / 1000))
	secs=$(printf '%d.%01d' $((ms / 1000)) $((ms % 1000 / 100)))
	if [ "$rc" -ne 0 ]; then
		echo "repeat-tests: run $i of $n FAILED (exit $rc) after $secs s"
		exit "$rc"
	fi
	echo "repeat-tests: run $i of $n passed in $secs s"
done
