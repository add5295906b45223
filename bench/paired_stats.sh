# shellcheck shell=bash
# bench/paired_stats.sh - the statistics of the paired benches, sourced by them (not run):
# the check of a bench's round and run counts, a median of per-round ratios with its
# distribution-free 95% interval, and each round's median of a member's runs.  A paired bench runs its members back to back in each round, in a new
# random order, so what the host does in a round moves both; a ratio a round is then the unit.

# The median of the ratios on stdin (one a line) and its distribution-free 95% interval: the
# order statistics x(j+1) and x(n-j) for the largest j with P(Bin(n, 1/2) <= j) <= 0.025.
paired_median() {
	sort -g | awk '
		{ x[++n] = $1 }
		END {
			if (n < 6) { print "paired_median: " n " paired rounds, fewer than 6" > "/dev/stderr"; exit 1 }
			med = n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
			p = 0.5 ^ n; cdf = 0; j = -1
			for (k = 0; k < n; k++) {
				if (cdf + p > 0.025) break
				cdf += p; j = k
				p = p * (n - k) / (k + 1)
			}
			printf "%.3f %.3f %.3f %d\n", med, x[j + 1], x[n - j], n
		}'
}

# "round value" lines on stdin: each round's median value, one a line, in the rounds' order.
round_medians() {
	sort -k1,1n -k2,2g | awk '
		function flush() { if (n) print (n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2) }
		$1 != r { flush(); n = 0; r = $1 }
		{ x[++n] = $2 }
		END { flush() }'
}

# paired_check_counts SCRIPT ROUNDS RUNS: exits 2, saying why in SCRIPT's name, unless ROUNDS is a
# whole number of at least 6 (the fewest whose order statistics give a median a 95% interval,
# as paired_median needs) and RUNS one of at least 1.
paired_check_counts() {
	if ! [[ "$2" =~ ^[0-9]+$ ]] || [ "$2" -lt 6 ]; then
		echo "$1: ROUNDS $2: at least 6, the fewest whose order statistics give a median a" \
			"95% interval" >&2
		exit 2
	fi
	if ! [[ "$3" =~ ^[0-9]+$ ]] || [ "$3" -lt 1 ]; then
		echo "$1: RUNS $3: a whole number of runs, at least 1" >&2
		exit 2
	fi
}
