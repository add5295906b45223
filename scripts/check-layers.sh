#!/usr/bin/env bash
# check-layers.sh [SRC] - the layers of src/ (or of SRC) include only what lies below them.  Each folder of src/ is
# a layer; the table below says which folders a file in it may include (its own is always
# allowed).  Prints every include that breaks the table, as "FILE:LINE: includes X (LAYER may
# include only ...)", and exits 1 if there is one; `make test` runs it first.  The table is the
# picture of doc/details.md ("Layout"): change both together.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "${1:-$top/src}" || exit 2

# layer -> the layers it may include, lowest first.
declare -A may=(
	[base]=""
	[record]="base"
	[host]="base record"
	[channel]="base"
	[method]="base channel"
	[sampling]="base record"
	[transfer]="base record host channel method sampling"
	[producer]="base channel method transfer"
	[consumer]="base channel method transfer"
	[analysis/judge]="base record"
	[analysis/model]="base record host channel method analysis/judge analysis/profile"
	[analysis/profile]="base record channel method analysis/judge"
	[analysis/report]="base record host channel method analysis/judge analysis/model analysis/profile"
	[run]="base record host channel method sampling transfer producer consumer analysis/judge analysis/model analysis/profile analysis/report"
	[cli]="base record host channel method sampling transfer producer consumer analysis/judge analysis/model analysis/profile analysis/report run"
)

# Lists are read from command substitutions, not process substitutions: bash does not wait for a
# process substitution, so its last process could outlive the script, and the test suite (a
# child subreaper) would rightly count it as a process left behind.
bad=0
files=$(find . -name '*.[ch]' | sed 's|^\./||' | sort)
while IFS= read -r file; do
	[ -n "$file" ] || continue
	layer=$(dirname "$file")
	if [ -z "${may[$layer]+set}" ]; then
		echo "check-layers: $file: folder $layer is not in the table of layers"
		bad=1
		continue
	fi
	includes=$(grep -n '^#include "' "$file" | sed 's/^\([0-9]*\):#include "\([^"]*\)".*/\1:\2/')
	while IFS=: read -r line inc; do
		[ -n "$line" ] || continue
		target=$(dirname "$inc")
		[ "$target" = "$layer" ] && continue
		ok=0
		for l in ${may[$layer]}; do [ "$l" = "$target" ] && ok=1; done
		if [ "$ok" = 0 ]; then
			echo "check-layers: src/$file:$line: includes \"$inc\" ($layer may include only: ${may[$layer]:-nothing else})"
			bad=1
		fi
	done <<< "$includes"
done <<< "$files"
[ "$bad" = 0 ] && echo "check-layers: every include of src/ goes down the layers"
exit "$bad"
