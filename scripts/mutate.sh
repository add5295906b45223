#!/usr/bin/env bash
# mutate.sh [NAME...] - how strong is the suite?  Puts each mutation of tests/mutations.txt (a
# small, realistic bug: a file, the exact code, its replacement, what a user would see) into a
# scratch copy of the tree, builds it, runs the suites the mutation names, and records whether
# they failed (killed) or passed (survived); the copy is thrown away at the end.  Prints each
# result, the score over the mutations not marked equivalent, and every survivor.  Exits 1
# when the score is below MUTATE_TARGET percent (default 90), 2 when a mutation no longer
# applies (its code is not found exactly once) or does not build: the list must follow the code.
# With NAMEs, only those mutations run; with --check, only whether each still applies (no build).
# Takes minutes; not part of `make test`.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
check_only=0
if [ "${1:-}" = "--check" ]; then
	check_only=1
	shift
fi
list="$top/tests/mutations.txt"
target=${MUTATE_TARGET:-90}
per_suite_timeout=${MUTATE_TIMEOUT:-300}

# Read the list first: a broken list should fail before minutes of building.
parse_list() {
	names=() files=() froms=() tos=() suites=() users=() equivs=()
	b_name=""
	while IFS= read -r line || [ -n "$line" ]; do
		case "$line" in
		'#'*) ;;
		'') add_block ;;
		name:*) b_name=${line#name: } ;;
		file:*) b_file=${line#file: } ;;
		from:*) b_from=${line#from: } ;;
		to:*) b_to=${line#to: } ;;
		suites:*) b_suites=${line#suites: } ;;
		user:*) b_user=${line#user: } ;;
		equivalent:*) b_equiv=${line#equivalent: } ;;
		*) echo "mutate: $list: cannot read '$line'"; exit 2 ;;
		esac
	done <"$list"
	add_block
}
add_block() {
	[ -n "${b_name:-}" ] || return 0
	names+=("$b_name") files+=("$b_file") froms+=("$b_from") tos+=("$b_to")
	suites+=("$b_suites") users+=("$b_user") equivs+=("${b_equiv:-}")
	b_name="" b_file="" b_from="" b_to="" b_suites="" b_user="" b_equiv=""
}
# How often mutation i's code occurs in its file under directory $1.
occurrences() {
	FROM=${froms[$2]} perl -0ne '$n = () = /\Q$ENV{FROM}\E/g; print $n' "$1/${files[$2]}" 2>/dev/null || echo 0
}
parse_list
bad=0
for i in "${!names[@]}"; do
	n=$(occurrences "$top" "$i")
	if [ "$n" != 1 ]; then
		printf 'mutate: %s: its code is found %s times in %s\n' "${names[$i]}" "$n" "${files[$i]}"
		bad=1
	fi
done
if [ "$check_only" = 1 ]; then
	[ "$bad" = 0 ] && echo "mutate: all ${#names[@]} mutations apply"
	exit $((bad * 2))
fi
[ "$bad" = 0 ] || exit 2

scratch=$(mktemp -d "${TMPDIR:-/tmp}/bulkxfer-mutate.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT
# The tracked files only: no build, no results.
(cd "$top" && git ls-files -z | tar --null -T - -cf -) | (cd "$scratch" && tar -xf -) || exit 2
cd "$scratch" || exit 2
echo "mutate: building the unmutated copy in $scratch"
if ! make -s -j2 bulkxfer build/run_tests >build.log 2>&1; then
	tail -n 20 build.log
	echo "mutate: the unmutated tree does not build"
	exit 2
fi

# wanted NAME [CHOSEN...]: NAME is among the chosen (all are when none is).
wanted() {
	[ $# -le 1 ] && return 0
	local n
	for n in "${@:2}"; do [ "$n" = "$1" ] && return 0; done
	return 1
}

killed=0 survived=0 equivalent=0 broken=0
survivors=()
for i in "${!names[@]}"; do
	name=${names[$i]} file=${files[$i]}
	if ! wanted "$name" "$@"; then
		continue
	fi
	if [ -n "${equivs[$i]}" ]; then
		equivalent=$((equivalent + 1))
		printf '%-34s equivalent: %s\n' "$name" "${equivs[$i]}"
		continue
	fi
	cp "$file" "$file.orig"
	FROM=${froms[$i]} TO=${tos[$i]} perl -0pi -e 's/\Q$ENV{FROM}\E/$ENV{TO}/' "$file"
	result=survived
	if ! make -s -j2 bulkxfer build/run_tests >build.log 2>&1; then
		result=broken
	else
		for suite in ${suites[$i]}; do
			if ! BULKXFER_BIN=./bulkxfer timeout "$per_suite_timeout" build/run_tests $suite \
				>"run-$name-$suite.log" 2>&1; then
				result=killed
				break
			fi
		done
	fi
	mv "$file.orig" "$file"
	touch "$file"	# newer than its object: the next build takes the original back
	case $result in
	killed) killed=$((killed + 1)); printf '%-34s killed (%s)\n' "$name" "$suite" ;;
	broken) broken=$((broken + 1)); printf '%-34s BROKEN: does not build\n' "$name"
		tail -n 5 build.log ;;
	*) survived=$((survived + 1)); survivors+=("$name: ${users[$i]}")
		printf '%-34s SURVIVED (%s)\n' "$name" "${suites[$i]}" ;;
	esac
done

judged=$((killed + survived))
score=0
[ "$judged" -gt 0 ] && score=$((100 * killed / judged))
echo
echo "mutate: $killed of $judged mutations killed ($score%), $equivalent equivalent, $broken broken"
for s in "${survivors[@]}"; do
	echo "  survived: $s"
done
[ "$broken" -gt 0 ] && exit 2
[ "$score" -lt "$target" ] && exit 1
exit 0
