/*
 * targets.h - one function per reader of outside input, each taking arbitrary bytes: the
 * libFuzzer targets (tests/fuzz/entry.c, `make fuzz`) call them, and the suite's fuzz_inputs
 * tests (tests/test_fuzz_inputs.c) feed them every seed and every input a fuzzer ever found a
 * bug with, so a fixed bug stays fixed under `make test` and `make sanitize`.
 *
 * Each reads the bytes the way bulkxfer reads them (the same functions, no copies of the
 * parsers) and checks what the rules promise: never a crash or a read past a buffer (the
 * sanitizers see those), and a refusal is one line naming the file.  A broken promise aborts,
 * which a fuzzer reports as a finding.
 */
#ifndef BX_FUZZ_TARGETS_H
#define BX_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

typedef int (*fuzz_target_fn)(const uint8_t *data, size_t size);

struct fuzz_target {
	const char *name;	/* its folders tests/fuzz/seeds/<name>/ and tests/fuzz/found/<name>/ */
	fuzz_target_fn run;
	const char *reads;	/* what it feeds the bytes to, for the docs and the listing */
};

/* Every target, in the order `make fuzz` runs them; *n is their number. */
const struct fuzz_target *fuzz_targets(size_t *n);

/* The target called name, or NULL. */
const struct fuzz_target *fuzz_target_find(const char *name);

/* Remove the scratch files the targets made (a memfd needs none; the /proc tree does).  The
 * fuzzers call it at exit, the suite after each test. */
void fuzz_cleanup(void);

#endif
