#!/usr/bin/env bash
# fuzz-coverage.sh COVBUILD CORPORA TARGET... - how much of its reader each fuzz target's corpus
# reaches: runs every input of CORPORA/<target> and tests/fuzz/seeds/<target> once through the
# target built with clang's source-based coverage (COVBUILD/fuzz/<target>), and prints, per
# target, the lines and branches of the files holding its readers that ran (llvm-cov report).
# A file also holds code no target is for (results.c writes rows too), so a file's share is a
# floor on the reader's own.  For doc/details.md's table; run after `make fuzz`.
set -euo pipefail
build=$1 corpora=$2
shift 2
files_of() {
	case $1 in
	runs_csv) echo src/record/results.c ;;
	model_csv) echo src/analysis/model/model.c ;;
	folded) echo src/record/stack_counts.c src/analysis/profile/categories.c ;;
	profile_csv) echo src/analysis/profile/profile_out.c ;;
	elf | kallsyms) echo src/sampling/symbols.c ;;
	proc_root) echo src/host/system_check.c src/host/sysinfo.c ;;
	options) echo src/cli/options.c src/cli/options_check.c ;;
	units) echo src/base/units.c ;;
	*) echo "fuzz-coverage: no files named for target $1" >&2; exit 2 ;;
	esac
}
mkdir -p "$build/prof"
printf '| target | file | lines run | branches run |\n|---|---|---|---|\n'
for t in "$@"; do
	rm -f "$build/prof/$t".*
	dirs=("tests/fuzz/seeds/$t")
	[ -d "$corpora/$t" ] && dirs+=("$corpora/$t")
	LLVM_PROFILE_FILE="$build/prof/$t.profraw" "$build/fuzz/$t" -runs=0 -close_fd_mask=3 \
		"${dirs[@]}" >/dev/null 2>&1
	llvm-profdata merge -sparse "$build/prof/$t.profraw" -o "$build/prof/$t.profdata"
	for f in $(files_of "$t"); do
		# TOTAL row: regions, missed, cover, functions, missed, cover, lines, missed, cover,
		# branches, missed, cover
		llvm-cov report "$build/fuzz/$t" -instr-profile="$build/prof/$t.profdata" "$f" |
			awk -v t="$t" -v f="$f" '$1 == "TOTAL" {
				printf "| %s | %s | %s of %d | %s of %d |\n", t, f, $10, $8, $13, $11 }'
	done
done
