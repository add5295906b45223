/*
 * stack_counts.h - a count per call stack, keyed by the stack's folded text
 * ("outermost;...;innermost", the format flamegraph.pl, inferno and speedscope read, one
 * "stack count" per line).  The sampler fills one per profiled side; the runner adds the runs
 * of a setting together; analysis reads them back from folded files.
 */
#ifndef BX_STACK_COUNTS_H
#define BX_STACK_COUNTS_H

#include <stddef.h>
#include <stdint.h>

struct stack_count {
	char *stack;		/* owned */
	uint64_t count;
};

struct stack_counts {
	struct stack_count *items;	/* in first-seen order */
	size_t n, cap;
	size_t *slots;			/* open-addressing hash of items indices + 1; 0 = empty */
	size_t nslots;
	uint64_t total;			/* sum of the counts */
};

/* Add count to stack (copied), creating it at 0 when new.  Returns 0 or -ENOMEM. */
int stack_counts_add(struct stack_counts *sc, const char *stack, uint64_t count);

/* Add every stack of src to *dst.  Returns 0 or -ENOMEM. */
int stack_counts_merge(struct stack_counts *dst, const struct stack_counts *src);

/* Write sc to path as folded lines, sorted by stack so equal inputs give equal files; the file
 * appears whole or not at all (temp file + rename).  Returns 0 or -errno. */
int stack_counts_write(const struct stack_counts *sc, const char *path);

/* Add the folded lines of path to *sc.  Returns 0, -errno, or -EINVAL for a line that is not
 * "stack count" (line number in *bad_line when non-NULL). */
int stack_counts_read(struct stack_counts *sc, const char *path, size_t *bad_line);

/* Release everything; *sc is empty again. */
void stack_counts_free(struct stack_counts *sc);

#endif
