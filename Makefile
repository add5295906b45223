# bulkxfer - build the program, run its tests, reproduce the 2014 comparison.
CFLAGS  ?= -O2 -g
# Flags the code needs whatever CFLAGS the user gives (a command-line CFLAGS replaces ours).
BXFLAGS := -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -Icommon -MMD -MP -DBX_PLOTS_DIR='"$(CURDIR)/plots"'
LDLIBS  := -lxxhash -lrt -lpthread -lm
BUILD   ?= build
BIN     ?= bulkxfer

LIB_SRC  := $(filter-out common/main.c,$(wildcard common/*.c)) $(wildcard producer/*.c consumer/*.c)
TEST_SRC := $(wildcard tests/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)
SANITIZE := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all deps test check reproduce plots clean
all: $(BIN)

# Checks (and installs, where it can) libcunit1-dev, libxxhash-dev and gnuplot-nox first.
deps:
	@scripts/ensure-deps.sh

$(BUILD)/%.o: %.c Makefile | deps
	@mkdir -p $(dir $@)
	$(CC) $(BXFLAGS) $(CFLAGS) -c $< -o $@

$(BIN): $(LIB_OBJ) $(BUILD)/common/main.o
	$(CC) $(BXFLAGS) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/run_tests: $(LIB_OBJ) $(TEST_OBJ)
	$(CC) $(BXFLAGS) $(CFLAGS) -o $@ $^ $(LDLIBS) -lcunit

# SUITE=name (and TEST=name) runs one suite (or one test) of the CUnit runner.
test: $(BIN) $(BUILD)/run_tests
	BULKXFER_BIN=./$(BIN) $(BUILD)/run_tests $(SUITE) $(TEST)

# The whole suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer.
check: test
	$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/bulkxfer CFLAGS="$(SANITIZE)" test

# The main job: the 2014 comparison on a 1.4 GiB file; writes results/reproduce-<time>/.
reproduce: $(BIN)
	./$(BIN) reproduce $(ARGS)

# Report and graphs from any results CSV: make plots CSV=results/mine.csv [OUT=plots]
CSV ?= results/runs.csv
OUT ?= plots
plots: $(BIN)
	./$(BIN) report --csv $(CSV) --out $(OUT)

clean:
	rm -rf build build-asan bulkxfer

-include $(LIB_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BUILD)/common/main.d
