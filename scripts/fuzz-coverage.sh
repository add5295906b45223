#!/usr/bin/env bash
# fuzz-coverage.sh COVBUILD CORPORA TARGET... - how much of its reader each fuzz target's corpus
# reaches: runs every input of CORPORA/<target> and tests/fuzz/seeds/<target> once through the
# target built with clang's source-based coverage (COVBUILD/fuzz/<target>), and prints, per
# target, the lines and branches of its reader functions that ran (llvm-cov's per-function
# report, summed over the functions readers_of names).  For doc/details.md's table; run after
# `make fuzz`.
set -euo pipefail
build=$1 corpora=$2
shift 2
# The functions each target is for, as "file regex": the readers and the helpers only they call
# (a file also holds writers no target is for, so a file's share would understate the reader's).
readers_of() {
	case $1 in
	runs_csv) echo "common/record/results.c ^(results_read_csv|results_intern|results\.c:(map_header|split_csv_line|grow_records|store_field|text_hash))$" ;;
	model_csv) echo "common/analysis/model/model.c ^model_read_csv$" ;;
	folded) echo "common/record/stack_counts.c ^(stack_counts_read|stack_counts_add|stack_counts_free|stack_counts\.c:(grow_slots|hash_text))$"
		echo "common/analysis/profile/categories.c ^(category_of_stack|category_of_frame|category_walk_start|category_walk_step|categories\.c:.*)$" ;;
	profile_csv) echo "common/analysis/profile/profile_out.c ^(profile_read_csv|profile_out\.c:row_for)$" ;;
	elf) echo "common/sampling/symbols.c ^(symbol_table_(of_image|name|vaddr_of|free)|symbols\.c:(table_find|table_free|load_image|is_elf64|aligned_in_image|in_image|add_functions|sections|debug_file_path|map_file|offset_to_vaddr|table_push|by_addr))$" ;;
	kallsyms) echo "common/sampling/symbols.c ^(symbol_table_of_kallsyms|symbols\.c:(load_kallsyms|table_push|by_addr))$" ;;
	proc_root) echo "common/host/system_check.c ^(system_check|system_check\.c:.*)$"
		echo "common/host/sysinfo.c ^(sysinfo_cpu_model_at|sysinfo_steal_s_at|sysinfo_meminfo_bytes_at)$" ;;
	options) echo "common/cli/options.c ^(options_parse|options_set_methods|options_defaults|options\.c:.*)$"
		echo "common/cli/options_check.c ."  ;;
	unit_costs) echo "common/host/unit_costs.c ^unit_costs_read$" ;;
	units) echo "common/base/units.c ^(units_parse_size|units_parse_count|units_format_size|units\.c:.*)$" ;;
	*) echo "fuzz-coverage: no readers named for target $1" >&2; exit 2 ;;
	esac
}
mkdir -p "$build/prof"
printf '| target | reader functions in | lines run | branches run |\n|---|---|---|---|\n'
for t in "$@"; do
	rm -f "$build/prof/$t".*
	dirs=("tests/fuzz/seeds/$t")
	[ -d "$corpora/$t" ] && dirs+=("$corpora/$t")
	LLVM_PROFILE_FILE="$build/prof/$t.profraw" "$build/fuzz/$t" -runs=0 -close_fd_mask=3 \
		"${dirs[@]}" >/dev/null 2>&1
	llvm-profdata merge -sparse "$build/prof/$t.profraw" -o "$build/prof/$t.profdata"
	readers_of "$t" | while read -r f re; do
		# per function: name, regions, missed, cover, lines, missed, cover, branches, ...
		llvm-cov report -show-functions "$build/fuzz/$t" -instr-profile="$build/prof/$t.profdata" \
			"$f" | awk -v t="$t" -v f="$f" -v re="$re" '
			NF >= 10 && $1 != "TOTAL" && $1 ~ re && $5 ~ /^[0-9]+$/ { lines += $5; lmiss += $6; br += $8; bmiss += $9; nf++ }
			END { printf "| %s | %s (%d functions) | %.0f%% of %d | %.0f%% of %d |\n", t, f, nf,
				lines ? 100 * (lines - lmiss) / lines : 0, lines,
				br ? 100 * (br - bmiss) / br : 0, br }'
	done
done
