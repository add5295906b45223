/*
 * test_syscall_count.c - the kernel's own count of system calls (base/syscall_count.h): on
 * calls made here, and beside the harness's count in a real run, where both count the same
 * calls (read/write through a pipe).  Which counter this machine allows is the host's: with none
 * the tests say so and skip.
 */
#include <CUnit/CUnit.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/syscall_count.h"
#include "record/results.h"
#include "test_support.h"

/* 1000 one-byte reads of /dev/zero are 1000 calls by either counter, and the counter's own
 * calls are not among them. */
static void test_counts_calls_made_here(void)
{
	struct syscall_count c;
	syscall_count_open(&c, 1);
	if (c.by == SYSCALL_COUNTER_NONE) {
		ts_skip("syscall_count", "the kernel counts no system calls here (no tracefs, no "
			"/proc/self/io)");
		syscall_count_close(&c);
		return;
	}
	int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	CU_ASSERT_FATAL(fd >= 0);
	char byte;
	syscall_count_start(&c);
	for (int i = 0; i < 1000; i++)
		CU_ASSERT_EQUAL(read(fd, &byte, 1), 1);
	int64_t n = syscall_count_stop(&c);
	syscall_count_close(&c);
	close(fd);
	CU_ASSERT_EQUAL(n, 1000);
	if (n != 1000)
		fprintf(stderr, "\n  %s counted %lld\n", syscall_counter_id(c.by), (long long)n);
	CU_ASSERT_EQUAL(syscall_counter_from_id(syscall_counter_id(c.by)), c.by);
	CU_ASSERT_EQUAL(syscall_counter_from_id("nonsense"), SYSCALL_COUNTER_NONE);
}

/* read/write through a pipe, 4 KiB a call: the kernel's count of each side is the harness's
 * within 2% (the difference is the harness's own few calls around the loop), and a measured
 * (unprofiled) run never counts with the tracepoint. */
static void test_kernel_count_matches_the_harness(void)
{
	char dir[256], csv[512], line[1024];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(csv, sizeof(csv), "%s/k.csv", dir);
	snprintf(line, sizeof(line), "run --method pipe --size 16M --chunk 4K --runs 1 --warmup 0 "
		 "--workdir %s --csv %s", dir, csv);
	struct ts_result *r = malloc(sizeof(*r));
	struct run_record *recs = NULL;
	size_t n = ts_run_rows(r, line, csv, &recs);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	if (strcmp(recs[0].kernel_syscalls_by, "-") == 0) {
		ts_skip("syscall_count", "the kernel counted no system calls in the run here");
	} else {
		/* a measured run: never the tracepoint, whose handler runs inside each call */
		CU_ASSERT_STRING_NOT_EQUAL(recs[0].kernel_syscalls_by, "tracepoint");
		const struct half_figures *side[2] = { &recs[0].producer_fig, &recs[0].consumer_fig };
		for (int s = 0; s < 2; s++) {
			double h = (double)side[s]->syscalls, k = (double)side[s]->kernel_syscalls;
			CU_ASSERT_TRUE(h >= 8192);	/* 4096 chunks a side, 2 calls each at least */
			CU_ASSERT_TRUE(k >= h && k <= h * 1.02);
			if (!(k >= h && k <= h * 1.02))
				fprintf(stderr, "\n  side %d: harness %.0f, kernel %.0f (%s)\n", s, h, k,
					recs[0].kernel_syscalls_by);
		}
	}
	free(recs);
	free(r);
	ts_remove_tree(dir);
}

int register_syscall_count_suite(void)
{
	static const struct test_case cases[] = {
		{ "counts_calls_made_here", test_counts_calls_made_here },
		{ "kernel_count_matches_the_harness", test_kernel_count_matches_the_harness },
	};
	return TS_ADD_SUITE("syscall_count", cases);
}
