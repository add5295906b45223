#!/bin/sh
# ensure-deps.sh [valgrind] - check that bulkxfer's Debian packages are installed (libcunit1-dev,
# libxxhash-dev, liburing-dev, gnuplot-nox, groff-base and mandoc for the man page's test,
# python3-jsonschema for results.json's schema check, libc6-dbg for the
# profile's names of libc's frames); install the
# missing ones when apt-get can be run (as root), otherwise print the exact command and fail.
# Checks files rather than dpkg records, so a library built by hand counts as present too.
# With "valgrind", checks for valgrind (used by `make valgrind`) instead; with "browser", for
# Debian's chromium, chromium-driver and python3-selenium (used by `make browser`); with "fuzz",
# for clang with libFuzzer and llvm's coverage tools (used by `make fuzz`).
set -u

missing=""
if [ "${1:-}" = valgrind ]; then
	command -v valgrind >/dev/null 2>&1 || missing=" valgrind"
elif [ "${1:-}" = browser ]; then
	[ -x /usr/bin/chromium ] || missing="$missing chromium"
	[ -x /usr/bin/chromedriver ] || missing="$missing chromium-driver"
	/usr/bin/python3 -c 'import selenium' >/dev/null 2>&1 || missing="$missing python3-selenium"
elif [ "${1:-}" = fuzz ]; then
	command -v clang >/dev/null 2>&1 || missing="$missing clang"
	# libFuzzer's runtime: Debian ships it in libclang-rt-dev (clang only recommends it)
	ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 ||
		missing="$missing libclang-rt-dev"
	command -v llvm-cov >/dev/null 2>&1 || missing="$missing llvm"
	# the sanitized fuzzers link the same libraries as bulkxfer
	[ -f /usr/include/xxhash.h ] || missing="$missing libxxhash-dev"
	[ -f /usr/include/liburing.h ] || missing="$missing liburing-dev"
else
	[ -f /usr/include/CUnit/Basic.h ] || missing="$missing libcunit1-dev"
	[ -f /usr/include/xxhash.h ] || missing="$missing libxxhash-dev"
	# liburing: the io_uring methods (uring, uring-splice, uring-zc)
	[ -f /usr/include/liburing.h ] || missing="$missing liburing-dev"
	command -v gnuplot >/dev/null 2>&1 || missing="$missing gnuplot-nox"
	# groff and mandoc: the suite renders and lints the man page (doc/bulkxfer.1)
	command -v groff >/dev/null 2>&1 || missing="$missing groff-base"
	command -v mandoc >/dev/null 2>&1 || missing="$missing mandoc"
	# python3-jsonschema: the suite validates results.json against doc/results.schema.json
	/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1 || missing="$missing python3-jsonschema"
	# libc6-dbg: --profile names the frames inside the stripped libc (memcpy's
	# __memmove_avx_unaligned_erms) from its debug file, found by build id
	libc=$(ldd /bin/sh 2>/dev/null | awk '/libc\.so/ { print $3 }')
	id=$(readelf -n "${libc:-/nonexistent}" 2>/dev/null | awk '/Build ID/ { print $3 }')
	dbg="/usr/lib/debug/.build-id/$(printf %s "$id" | cut -c1-2)/$(printf %s "$id" | cut -c3-).debug"
	[ -n "$id" ] && [ -f "$dbg" ] || missing="$missing libc6-dbg"
fi
[ -n "$missing" ] || exit 0

cmd="apt-get install -y$missing"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "bulkxfer: installing missing packages:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	# A fresh machine may have no package lists yet; refresh them once before installing.
	if apt-get install -y -qq $missing >/dev/null 2>&1 ||
	   { apt-get update -qq && apt-get install -y -qq $missing; }; then
		exit 0
	fi
	echo "bulkxfer: could not install the packages; try: $cmd" >&2
	exit 1
fi
echo "bulkxfer: missing packages:$missing" >&2
echo "bulkxfer: install them with: sudo apt-get update && sudo $cmd" >&2
exit 1
