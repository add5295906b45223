# bulkxfer - build the program, run its tests, reproduce the 2014 comparison.
CC      ?= gcc
CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -Wall -Wextra -Werror -Icommon -MMD -MP
LDLIBS  := -lxxhash -lrt -lpthread -lm
BUILD   := build

LIB_SRC  := $(filter-out common/main.c,$(wildcard common/*.c)) $(wildcard producer/*.c consumer/*.c)
TEST_SRC := $(wildcard tests/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)

.PHONY: all deps test reproduce clean
all: bulkxfer

# Checks (and installs, where it can) libcunit1-dev, libxxhash-dev and gnuplot-nox first.
deps:
	@scripts/ensure-deps.sh

$(BUILD)/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

bulkxfer: $(LIB_OBJ) $(BUILD)/common/main.o
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/run_tests: $(LIB_OBJ) $(TEST_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS) -lcunit

# SUITE=name (and TEST=name) runs one suite (or one test) of the CUnit runner.
test: bulkxfer $(BUILD)/run_tests
	$(BUILD)/run_tests $(SUITE) $(TEST)

reproduce: bulkxfer
	./bulkxfer run --method pipe,shm,splice --size 1.4G --runs 5 --csv results/reproduce.csv

clean:
	rm -rf $(BUILD) bulkxfer

-include $(LIB_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BUILD)/common/main.d
