#!/usr/bin/env bash
# make-deb.sh - bulkxfer as a Debian package, checked end to end (`make deb`):
#   1. installs what building needs (build-essential, debhelper, devscripts, lintian and the
#      Build-Depends of debian/control) when run as root, else says what is missing;
#   2. builds the committed tree (a fresh clone of HEAD: uncommitted changes are not packaged)
#      with dpkg-buildpackage -us -uc -b, which runs the suite (dh_auto_test);
#   3. lintian --pedantic on the .changes (so the .deb and the -dbgsym .deb too): any error or
#      warning fails; hardening-check on the packaged binary;
#   4. builds the same commit again in another directory (nocheck: the suite does not change
#      the binary) and compares the .deb files byte for byte;
#   5. installs the .deb with apt-get, runs list, a 16 MiB run, a report with its graphs,
#      --version and man from another directory with the source tree out of reach, purges it
#      and compares the machine's file list with the one before.
# The packages and the build logs stay in build-deb/ (a failed build's log too).  Needs a git
# clone (it packages HEAD); as root it installs its tools, which stay installed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# `sudo make deb` in a clone owned by someone else: git would refuse it as dubious
export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0="$here"
out="$here/build-deb"
export DEBIAN_FRONTEND=noninteractive
say() { printf 'deb: %s\n' "$*"; }
fail() { printf 'deb: %s\n' "$*" >&2; exit 1; }

# ---- 1. tools ---------------------------------------------------------------------------------
need=()
for tool in dpkg-buildpackage:build-essential dh:debhelper lintian:lintian \
	    hardening-check:devscripts gcc:build-essential make:make git:git; do
	command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool##*:}")
done
cd "$here"
if command -v dpkg-checkbuilddeps >/dev/null 2>&1; then
	# "Unmet build dependencies: debhelper-compat (= 13) libcunit1-dev ..." -> package names
	# (it exits 1 when something is unmet: that is the answer, not a failure)
	unmet=$({ dpkg-checkbuilddeps 2>&1 || true; } | sed -n 's/.*Unmet build dependencies: //p' |
		sed 's/([^)]*)//g; s/<[^>]*>//g; s/debhelper-compat/debhelper/g')
	need+=($unmet)
else
	need+=(dpkg-dev debhelper libcunit1-dev liburing-dev libxxhash-dev gnuplot-nox groff-base \
	       mandoc python3-jsonschema libc6-dbg)
fi
if ((${#need[@]})); then
	[ "$(id -u)" = 0 ] || fail "missing: ${need[*]}; install them with: sudo apt-get install ${need[*]}"
	say "installing ${need[*]}"
	apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 ||
		{ apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; }
fi
if ! command -v man >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	apt-get install -y -qq man-db >/dev/null || true	# for the installed man page's check
fi

version=$(sed -n 's/^#define BULKXFER_VERSION "\(.*\)"/\1/p' common/base/version.h)
package_version=$(dpkg-parsechangelog -S Version)
[ "$version" = "$package_version" ] ||
	fail "debian/changelog says $package_version, common/base/version.h says $version: make them one"
commit=$(git rev-parse --short=12 HEAD)
arch=$(dpkg --print-architecture)
deb="bulkxfer_${version}_${arch}.deb"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	say "the tree has uncommitted changes: they are not in the package (it is built from HEAD, $commit)"

work=$(mktemp -d "${TMPDIR:-/tmp}/bulkxfer-deb-XXXXXX")
trap 'rm -rf "$work"' EXIT
rm -rf "$out" && mkdir -p "$out"

# ---- 2. build -----------------------------------------------------------------------------------
build() {	# build DIR [DEB_BUILD_OPTIONS]: a fresh clone of HEAD in DIR/bulkxfer, built
	mkdir -p "$1"
	git clone -q --no-local "$here" "$1/bulkxfer"
	if ! (cd "$1/bulkxfer" && DEB_BUILD_OPTIONS="${2:-}" dpkg-buildpackage -us -uc -b) \
		>"$1/build.log" 2>&1; then
		cp "$1/build.log" "$out/failed-build.log"
		# the suite's own words on what failed can sit far above the tail
		grep -E -A2 'left behind|\.\.\.FAILED|^run_tests: ' "$1/build.log" | head -60 >&2
		tail -30 "$1/build.log" >&2
		fail "dpkg-buildpackage failed ($out/failed-build.log)"
	fi
}
say "building $deb from $commit (the suite runs inside: a few minutes)"
build "$work/a"
cp "$work/a/build.log" "$out/build.log"
cp "$work/a"/*.deb "$work/a"/*.changes "$work/a"/*.buildinfo "$out/"
# what the suite could not do inside the build, as it listed it (nothing when it did all)
sed -n '/^run_tests: .* skipped for a missing precondition/,/^$/p' "$work/a/build.log"
say "built: $(cd "$out" && ls ./*.deb | tr '\n' ' ')"

# ---- 3. lintian and hardening -------------------------------------------------------------------
changes=$(ls "$out"/*.changes)
lintian --pedantic --info --display-experimental --fail-on error,warning "$changes" |
	tee "$out/lintian.log" || fail "lintian found errors or warnings ($out/lintian.log)"
say "lintian --pedantic: no error, no warning ($(grep -c . "$out/lintian.log" || true) other lines)"
dpkg-deb -x "$out/$deb" "$work/x"
# The five hardening=+all gives on Debian 12 (its dpkg has no -fcf-protection feature yet):
# hardening-check fails when one of them is missing.
hardening-check --nocfprotection "$work/x/usr/bin/bulkxfer" | tee "$out/hardening.log" ||
	fail "hardening-check: a protection is missing ($out/hardening.log)"

# ---- 4. the same bytes twice --------------------------------------------------------------------
say "building again elsewhere (nocheck) to compare the bytes"
build "$work/elsewhere/b" nocheck
for f in "$work/a"/*.deb; do
	if ! cmp -s "$f" "$work/elsewhere/b/$(basename "$f")"; then
		mkdir -p "$out/second-build"
		cp "$work/elsewhere/b"/*.deb "$out/second-build/"
		fail "$(basename "$f") differs between two builds of $commit (diffoscope $out/$(basename "$f") $out/second-build/$(basename "$f") tells where)"
	fi
done
say "two builds of $commit in two directories: byte-identical .deb files"

# ---- 5. installed -------------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || { say "not root: the install test is skipped (apt-get install needs root)"; exit 0; }
dpkg -s bulkxfer >/dev/null 2>&1 &&
	fail "bulkxfer is installed already: the install test needs a machine without it (apt-get remove --purge bulkxfer)"
snapshot() {
	find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /tmp \
		-o -path /var/tmp -o -path /var/cache -o -path /var/log -o -path /var/lib/apt \
		-o -path /var/lib/dpkg -o -path /var/lib/man-db -o -path "$here" -o -path /root \
		-o -path /home -o -path /work \) -prune -o -print | sort
}
snapshot >"$work/before"
away=$(mktemp -d /var/tmp/bulkxfer-installed-XXXXXX)
# a failure from here on must not leave the package installed or the folder behind
# (an `if`, not `&&`: under set -e a trap's last failing command would become the exit status)
trap 'rm -rf "$work" "$away"; if dpkg -s bulkxfer >/dev/null 2>&1; then apt-get remove -y -qq --purge bulkxfer >/dev/null; fi' EXIT
apt-get install -y -qq "$out/$deb" >/dev/null || fail "apt-get install ./$deb failed"
chmod 755 "$away"
in_away() { (cd "$away" && env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$away" TMPDIR="$away" "$@"); }
in_away bulkxfer list >"$away/list.txt" || fail "installed bulkxfer list failed"
got=$(in_away bulkxfer --version)
[ "$got" = "bulkxfer $version (commit $commit)" ] || fail "--version says '$got'"
in_away bulkxfer run --method pipe,splice --size 16M --runs 2 --warmup 0 --workdir "$away" \
	--csv "$away/runs.csv" >/dev/null || fail "installed bulkxfer run failed"
in_away bulkxfer report --csv "$away/runs.csv" --out "$away/report" >/dev/null ||
	fail "installed bulkxfer report failed"
for f in report.md report.html throughput.png cpu.png; do
	[ -s "$away/report/$f" ] || fail "the installed report has no $f"
done
grep -q "bulkxfer $version (commit $commit)" "$away/report/report.md" ||
	fail "the report's provenance does not name $version and $commit"
if [ -f /usr/share/man/man1/bulkxfer.1.gz ]; then
	in_away man -P cat bulkxfer 2>/dev/null | grep -q "buffer-offset" || fail "man bulkxfer shows no page"
else	# minimal images tell dpkg to leave man pages out (/etc/dpkg/dpkg.cfg.d/excludes)
	say "this machine's dpkg installs no man pages: the man check is skipped"
fi
rm -rf "$away"
say "installed: list, --version, a 16 MiB run, a report with its graphs and man work from $away"
apt-get remove -y -qq --purge bulkxfer >/dev/null
snapshot >"$work/after"
if ! diff "$work/before" "$work/after" >"$out/left-behind.txt"; then
	cat "$out/left-behind.txt" >&2
	fail "the file list changed between before install and after purge"
fi
say "apt-get remove --purge left no file of it behind"
