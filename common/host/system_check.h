/*
 * system_check.h - `bulkxfer system` (after pyperf's `system show`): what on this machine moves a
 * transfer's numbers, each finding with its value, what it does to a transfer and what a user
 * can do about it.  Read-only: it reads /proc and /sys (under a root that tests point at a fake
 * tree) and changes nothing.
 */
#ifndef BX_SYSTEM_CHECK_H
#define BX_SYSTEM_CHECK_H

#include <stddef.h>
#include <stdio.h>

#define SYSTEM_MAX_FINDINGS 16
#define SYSTEM_WINDOW_S 1.0	/* steal and busy processes: measured over this many seconds */

struct finding {
	char name[40];		/* "free page reporting" */
	char value[640];	/* what this machine has: "on, blocks of 2 MiB (order 9)" */
	char effect[320];	/* what it does to a transfer */
	char advice[320];	/* what a user can do about it */
	int moves;		/* 1 when it moves the numbers here (the text marks it) */
};

struct system_findings {
	struct finding f[SYSTEM_MAX_FINDINGS];
	size_t n;
};

/* Look at the machine: /proc and /sys under root ("" or NULL: the real ones), the filesystem
 * holding workdir (matched against root's proc/self/mountinfo), CPU steal and busy processes
 * over window_s seconds (0: the counters are read twice at once, so both read as zero).  Fills
 * *out; every finding is there, saying "not exposed here" for what the machine does not show. */
void system_check(const char *root, const char *workdir, double window_s,
		  struct system_findings *out);

/* The findings as text for a terminal (report.md's section is analysis/report/report_tables.h's). */
void system_print_text(FILE *f, const struct system_findings *s);

#endif
