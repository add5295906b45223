#!/usr/bin/env bash
# check-layers.sh [--objects BUILD] [TOP] - the layers of the tree (TOP, default this project)
# include, and link against, only what lies below them.  A layer is a folder: producer/ (the
# sending halves), consumer/ (the receiving halves), and each folder of common/ (common/analysis/
# has folders of its own); the table below says which layers a file in it may include (its own is
# always allowed).  Prints every include that breaks the table, as "FILE:LINE: includes X (LAYER
# may include only ...)".  With --objects, it reads the built objects under BUILD too (nm): each
# may use only symbols defined in its own layer or one it may include ("FILE uses SYMBOL, defined
# in FILE2 ..."), and no files may use each other in a loop ("FILE -> FILE2 -> FILE").  Exits 1
# if anything breaks; `make test` runs it first.  The table is the picture of doc/details.md
# ("Layout"): change both together.
set -u
objects=""
if [ "${1:-}" = "--objects" ]; then
	objects=$2
	shift 2
fi
top=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-$top}
[ -n "$objects" ] && objects=$(cd "$objects" && pwd)
cd "$root" || exit 2

# layer -> the layers it may include, lowest first.  catalog (the table of methods) names the
# halves, so it sits above producer and consumer; the halves and the transfer core know a
# method only by method/method.h.
declare -A may=(
	[base]=""
	[record]="base"
	[host]="base record"
	[channel]="base"
	[method]="base channel"
	[sampling]="base record"
	[transfer]="base record host channel method sampling"
	[producer]="base channel method transfer"
	[consumer]="base record channel method transfer"
	[catalog]="base channel method producer consumer"
	[analysis/judge]="base record"
	[analysis/model]="base record host channel method catalog analysis/judge analysis/profile"
	[analysis/profile]="base record channel method catalog analysis/judge"
	[analysis/facts]="base record host channel method catalog analysis/judge analysis/model analysis/profile"
	[analysis/words]="base record host channel method catalog analysis/judge analysis/model analysis/profile analysis/facts"
	[analysis/plots]="base record host channel method catalog analysis/judge analysis/model analysis/profile analysis/facts analysis/words"
	[analysis/terminal]="base record host channel method catalog analysis/judge analysis/model analysis/profile analysis/facts analysis/words analysis/plots"
	[analysis/markdown]="base record host channel method catalog analysis/judge analysis/model analysis/profile analysis/facts analysis/words analysis/plots"
	[analysis/html]="base record host channel method catalog analysis/judge analysis/model analysis/profile analysis/facts analysis/words analysis/plots analysis/markdown"
	[analysis/compare]="base record host channel method catalog analysis/judge analysis/model analysis/profile analysis/facts analysis/words analysis/html"
	[analysis/report]="base record host channel method catalog analysis/judge analysis/model analysis/profile analysis/facts analysis/words analysis/plots analysis/terminal analysis/markdown analysis/html"
	[run]="base record host channel method catalog sampling transfer producer consumer analysis/judge analysis/model analysis/profile analysis/facts analysis/words analysis/plots analysis/terminal analysis/markdown analysis/html analysis/compare analysis/report"
	[cli]="base record host channel method catalog sampling transfer producer consumer analysis/judge analysis/model analysis/profile analysis/facts analysis/words analysis/plots analysis/terminal analysis/markdown analysis/html analysis/compare analysis/report run"
)

table=$(for l in "${!may[@]}"; do echo "may $l ${may[$l]}"; done)
# The rules both checks share: the layer of a path ("common/analysis/judge/stats.c" ->
# analysis/judge) and whether layer a may use layer b.
rules='
function layer(p,   d) { d = p; sub(/\/[^\/]*$/, "", d); sub(/^common\//, "", d); return d }
function ok(a, b,   i, n, l) {
	if (a == b) return 1
	n = split(may[a], l, " ")
	for (i = 1; i <= n; i++) if (l[i] == b) return 1
	return 0
}
$1 == "may" { l = $2; $1 = ""; $2 = ""; may[l] = substr($0, 3); known[l] = 1; next }'

# One grep and one awk over the whole tree: starting a process per file takes seconds on a VM.
# Lists are read from command substitutions, not process substitutions: bash does not wait for a
# process substitution, so its last process could outlive the script, and the test suite (a
# child subreaper) would rightly count it as a process left behind.
bad=0
files=$(find producer consumer common -name '*.[ch]' 2>/dev/null | sort)
includes=""
[ -n "$files" ] && includes=$(grep -Hn '^#include "' $files /dev/null)
broken=$(printf '%s\n%s\n%s\n' "$table" "$(printf '%s\n' "$files" | sed 's/^/file /')" "$includes" |
	awk "$rules"'
$1 == "file" { if (!(layer($2) in known)) print "check-layers: " $2 ": folder " layer($2) " is not in the table of layers"; next }
/:[0-9]+:#include "/ {
	split($0, p, ":"); inc = $0; sub(/^[^"]*"/, "", inc); sub(/".*/, "", inc)
	a = layer(p[1]); t = inc; sub(/\/[^\/]*$/, "", t)
	if ((a in known) && !ok(a, t))
		print "check-layers: " p[1] ":" p[2] ": includes \"" inc "\" (" a " may include only: " (may[a] == "" ? "nothing else" : may[a]) ")"
}')
if [ -n "$broken" ]; then
	echo "$broken"
	bad=1
else
	echo "check-layers: every include goes down the layers"
fi
[ -n "$objects" ] || exit "$bad"

# ---- the links: what each object uses, and where that is defined ----------------------------
objs=$(cd "$objects" && find producer consumer common -name '*.o' 2>/dev/null | sort)
if [ -z "$objs" ]; then
	echo "check-layers: no objects under $objects: build first"
	exit 1
fi
# "FILE.o:...": what each object defines and uses, from one nm call each; objects whose source
# is gone (a file moved since the last build) are left out.
objs=$(for o in $objs; do [ -f "${o%.o}.c" ] && echo "$o"; done)
symbols=$(cd "$objects" && nm -A --defined-only -g $objs | awk '{ split($1, f, ":"); sub(/\.o$/, ".c", f[1]); if (NF >= 3) print "def", f[1], $3 }'
	nm -A -u $objs | awk '{ split($1, f, ":"); sub(/\.o$/, ".c", f[1]); print "use", f[1], $NF }')
links=$(printf '%s\n%s\n' "$table" "$symbols" | awk "$rules"'
# Tarjan: every loop of files that use each other, printed once.
function visit(v,   i, w, c, loop) {
	index_of[v] = low[v] = ++counter
	stack[++top] = v; on[v] = 1
	for (i = 1; i <= nout[v]; i++) {
		w = out[v, i]
		if (!(w in index_of)) { visit(w); if (low[w] < low[v]) low[v] = low[w] }
		else if (on[w] && index_of[w] < low[v]) low[v] = index_of[w]
	}
	if (low[v] == index_of[v]) {
		c = 0; loop = ""
		do { w = stack[top--]; on[w] = 0; c++; loop = w (loop == "" ? "" : ", " loop) } while (w != v)
		if (c > 1) print "check-layers: files that use each other in a loop: " loop
	}
}
$1 == "def" { def[$3] = $2; next }
$1 == "use" { uses[++nuse] = $2 " " $3; next }
END {
	for (i = 1; i <= nuse; i++) {
		split(uses[i], u, " ")
		if (!(u[2] in def) || def[u[2]] == u[1]) continue
		a = layer(u[1]); b = layer(def[u[2]])
		if (!ok(a, b))
			print "check-layers: " u[1] " uses " u[2] ", defined in " def[u[2]] " (" a " may link only: " (may[a] == "" ? "nothing else" : may[a]) ")"
		if (!((u[1], def[u[2]]) in edge)) {
			edge[u[1], def[u[2]]] = 1
			out[u[1], ++nout[u[1]]] = def[u[2]]
			nodes[u[1]] = 1
		}
	}
	for (v in nodes) if (!(v in index_of)) visit(v)
}')
if [ -n "$links" ]; then
	echo "$links"
	bad=1
else
	echo "check-layers: every object links only down the layers, and no files use each other in a loop"
fi
exit "$bad"
