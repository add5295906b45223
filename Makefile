# bulkxfer - build the program, run its tests, reproduce the 2014 comparison.
CFLAGS  ?= -O2 -g
# Flags the code needs whatever CFLAGS the user gives (a command-line CFLAGS replaces ours).
# Frame pointers: --profile walks user stacks by them (sampler.c), so bulkxfer's own frames
# appear in its flame graphs; the cost is one register, far below the run-to-run noise.
BXFLAGS := -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -Icommon -I. -MMD -MP \
	   -fno-omit-frame-pointer
LDLIBS  := -lxxhash -luring -lrt -lpthread -lm
BUILD   ?= build
BIN     ?= bulkxfer

# The halves live in producer/ and consumer/; common/ holds one folder per layer below and above
# them (doc/details.md, "Layout"; scripts/check-layers.sh checks that each includes, and links
# against, only the layers below it); common/analysis/ has folders of its own.  Includes name
# their folder ("base/measure.h", "producer/..."), found through -Icommon and -I.
LIB_SRC  := $(filter-out common/cli/main.c,$(wildcard producer/*.c consumer/*.c common/*/*.c \
	    common/analysis/*/*.c))
TEST_SRC := $(wildcard tests/*.c) tests/fuzz/targets.c
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)
SANITIZE := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# Where `make install` puts things, the way Debian packaging expects: PREFIX (default /usr/local)
# and DESTDIR (a staging root) are honoured; an installed binary finds its gnuplot scripts in
# PREFIX/share/bulkxfer/plots, beside its own bin/ (common/base/plots.c).
PREFIX  ?= /usr/local
DESTDIR ?=
INSTALL ?= install
bindir  := $(PREFIX)/bin
plotdir := $(PREFIX)/share/bulkxfer/plots
man1dir := $(PREFIX)/share/man/man1
compdir := $(PREFIX)/share/bash-completion/completions
PLOT_SCRIPTS := $(notdir $(wildcard plots/*.gp))

.PHONY: all deps test soak big sanitize valgrind browser fuzz fuzzers fuzz-coverage deb check mutate \
	reproduce plots clean install uninstall
all: $(BIN)

# Checks (and installs, where it can) libcunit1-dev, libxxhash-dev and gnuplot-nox first;
# ENSURE_DEPS=true skips it (a Debian package build, whose Build-Depends are the check).
ENSURE_DEPS ?= scripts/ensure-deps.sh
deps:
	@$(ENSURE_DEPS)

# CPPFLAGS and LDFLAGS from the environment are honoured (dpkg-buildflags sets them).
$(BUILD)/%.o: %.c Makefile | deps
	@mkdir -p $(dir $@)
	$(CC) $(BXFLAGS) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# The commit the binary is built from, for --version and the reports' provenance; the stamp
# changes only when the commit does, so only version.o is rebuilt then.
BULKXFER_COMMIT ?= $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
COMMIT_STAMP := $(BUILD)/commit.stamp
$(shell mkdir -p $(BUILD) && (echo '$(BULKXFER_COMMIT)' | cmp -s - $(COMMIT_STAMP) || \
	echo '$(BULKXFER_COMMIT)' > $(COMMIT_STAMP)))
$(BUILD)/common/base/version.o: $(COMMIT_STAMP)
$(BUILD)/common/base/version.o: CPPFLAGS += -DBULKXFER_COMMIT='"$(BULKXFER_COMMIT)"'

$(BIN): $(LIB_OBJ) $(BUILD)/common/cli/main.o
	$(CC) $(BXFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/run_tests: $(LIB_OBJ) $(TEST_OBJ)
	$(CC) $(BXFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcunit

# The layers' direction (scripts/check-layers.sh), then the test suite, minus the 4 GiB suite
# ("big") and the soak.  SUITE=name (and TEST=name) runs
# one suite (or one test) instead; REPEAT=N runs it N times in a row, stopping at the first
# failure, and says how long each run took.
# The build goes first, on every core (JOBS): the suite's two minutes include it.
TESTARGS ?= $(if $(SUITE),$(SUITE) $(TEST),--skip big,soak)
REPEAT   ?= 1
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
test:
	@$(MAKE) --no-print-directory -j$(JOBS) $(BIN) $(BUILD)/run_tests
	@scripts/check-layers.sh --objects $(BUILD)
	@BULKXFER_BIN=./$(BIN) scripts/repeat-tests.sh $(REPEAT) $(BUILD)/run_tests $(TESTARGS)

# Kills at random moments, 40 per method and kind (SOAK_TRIALS=N to change): minutes, not
# part of `make test`.
SOAK_TRIALS ?= 40
soak: $(BIN) $(BUILD)/run_tests
	BULKXFER_BIN=./$(BIN) BULKXFER_SOAK_TRIALS=$(SOAK_TRIALS) $(BUILD)/run_tests soak

# 64-bit sizes: every method moves a file past 4 GiB (about two minutes, 12 GiB of memory).
big: $(BIN) $(BUILD)/run_tests
	BULKXFER_BIN=./$(BIN) $(BUILD)/run_tests big

# The suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize:
	$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/bulkxfer CFLAGS="$(SANITIZE)" test

# One transfer of every method under valgrind memcheck: any error fails.
valgrind: $(BIN)
	@scripts/ensure-deps.sh valgrind
	d=$$(mktemp -d) && valgrind -q --error-exitcode=99 --leak-check=full \
	  --errors-for-leak-kinds=definite ./$(BIN) run --method all --size 1M --runs 1 --warmup 0 \
	  --workdir $$d --csv $$d/valgrind.csv >/dev/null; rc=$$?; rm -rf $$d; \
	  if [ $$rc -ne 0 ]; then echo "valgrind found errors (exit $$rc)"; exit 1; fi; \
	  echo "valgrind: every method ran clean"

# report.html in a real browser (headless Chromium through chromedriver, tests/browser/): a
# small reproduce job's page loads with no console error and no network request, shows
# verdicts.csv's ordering, zooms a flame graph on a click and reports a search's share.
# Screenshots stay in $(BUILD)/browser/ for a person to look at.  About a minute.
BROWSER_DIR := $(BUILD)/browser
browser: $(BIN)
	@scripts/ensure-deps.sh browser
	@rm -rf $(BROWSER_DIR) && mkdir -p $(BROWSER_DIR)
	./$(BIN) reproduce --size 16M --out $(BROWSER_DIR)/job --workdir $(BROWSER_DIR) >/dev/null
	/usr/bin/python3 tests/browser/check_report.py $(BROWSER_DIR)/job $(BROWSER_DIR)/screenshots

# Every reader of outside input under libFuzzer (tests/fuzz/: one target per reader, built with
# clang from the same sources, AddressSanitizer and UndefinedBehaviorSanitizer on), FUZZ_S
# seconds each, two at a time; the corpora grow in build-fuzz/corpus/ from the seeds in
# tests/fuzz/seeds/.  Fails on any finding (its input is kept in build-fuzz/findings/: add it to
# tests/fuzz/found/<target>/ with the fix) or when all targets together ran fewer than
# FUZZ_MIN_EXECS inputs.  fuzz-coverage (after make fuzz): the lines and branches of each
# target's reader functions its corpus reaches.
FUZZ_S         ?= 60
FUZZ_MIN_EXECS ?= 0
FUZZ_BUILD     := build-fuzz
FUZZ_FLAGS     := -O1 -g -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all \
		  -fno-omit-frame-pointer
FUZZ_NAMES     := $(notdir $(wildcard tests/fuzz/seeds/*))
fuzz:
	@scripts/ensure-deps.sh fuzz
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang CFLAGS="$(FUZZ_FLAGS)" fuzzers
	@scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_S) $(FUZZ_MIN_EXECS) $(FUZZ_NAMES)
fuzzers: $(addprefix $(BUILD)/fuzz/,$(FUZZ_NAMES))
$(BUILD)/fuzz/%: tests/fuzz/entry.c $(LIB_OBJ) $(BUILD)/tests/fuzz/targets.o
	@mkdir -p $(dir $@)
	@echo "  LINK fuzzer $*"
	@$(CC) $(BXFLAGS) $(CFLAGS) -fsanitize=fuzzer -DFUZZ_TARGET_NAME='"$*"' -o $@ $< \
	  $(LIB_OBJ) $(BUILD)/tests/fuzz/targets.o $(LDLIBS)
fuzz-coverage:
	@scripts/ensure-deps.sh fuzz
	@$(MAKE) --no-print-directory BUILD=build-fuzzcov CC=clang \
	  CFLAGS="-O1 -g -fsanitize=fuzzer-no-link -fprofile-instr-generate -fcoverage-mapping" \
	  fuzzers
	@scripts/fuzz-coverage.sh build-fuzzcov $(FUZZ_BUILD)/corpus $(FUZZ_NAMES)

# bulkxfer as a Debian package (debian/): built from a fresh clone of HEAD with
# dpkg-buildpackage (the suite runs inside), lintian --pedantic clean, hardened, byte-identical
# when built twice, installed with apt-get, used from elsewhere and purged without a trace
# (scripts/make-deb.sh; the packages stay in build-deb/).  Installs its tools when run as root.
deb:
	@scripts/make-deb.sh

# How strong the suite is: each bug of tests/mutations.txt put into a scratch copy of the tree,
# built, and the suites it names run; prints the score and every survivor (minutes; not part of
# `make test` or CI).  MUTATIONS="name ..." runs only those.
MUTATIONS ?=
mutate:
	@scripts/ensure-deps.sh
	scripts/mutate.sh $(MUTATIONS)

# Everything: the suite, the 4 GiB suite, the sanitizers, valgrind, the browser and the fuzzers.
check: test big sanitize valgrind browser fuzz

# The main job: the 2014 comparison on a 1.4 GiB file; writes results/reproduce-<time>/.
reproduce: $(BIN)
	./$(BIN) reproduce $(ARGS)

# Report and graphs from any results CSV: make plots CSV=results/mine.csv [OUT=plots]
CSV ?= results/runs.csv
OUT ?= plots
plots: $(BIN)
	./$(BIN) report --csv $(CSV) --out $(OUT)

install: $(BIN)
	$(INSTALL) -d $(DESTDIR)$(bindir) $(DESTDIR)$(plotdir) $(DESTDIR)$(man1dir) $(DESTDIR)$(compdir)
	$(INSTALL) -m 0755 $(BIN) $(DESTDIR)$(bindir)/bulkxfer
	$(INSTALL) -m 0644 $(addprefix plots/,$(PLOT_SCRIPTS)) $(DESTDIR)$(plotdir)
	$(INSTALL) -m 0644 doc/bulkxfer.1 $(DESTDIR)$(man1dir)/bulkxfer.1
	$(INSTALL) -m 0644 completions/bulkxfer $(DESTDIR)$(compdir)/bulkxfer

# Exactly what install put there; the directories only when that leaves them empty.
uninstall:
	rm -f $(DESTDIR)$(bindir)/bulkxfer $(DESTDIR)$(man1dir)/bulkxfer.1 \
	      $(DESTDIR)$(compdir)/bulkxfer $(addprefix $(DESTDIR)$(plotdir)/,$(PLOT_SCRIPTS))
	-rmdir $(DESTDIR)$(plotdir) $(DESTDIR)$(PREFIX)/share/bulkxfer 2>/dev/null

clean:
	rm -rf build build-asan build-fuzz build-fuzzcov build-deb bulkxfer

-include $(LIB_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BUILD)/common/cli/main.d
