/*
 * test_system.c - `bulkxfer system` against fake /proc and /sys trees (--root): each finding
 * reads what the tree holds and says whether it moves the numbers; an empty tree gives "off" or
 * "not exposed" everywhere; the command prints the findings, changes nothing in the tree, and
 * the reproduce report carries the same section (test_cli's reproduce checks report.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "host/system_check.h"
#include "test_support.h"

/* Write text into root/rel, making its folders. */
static void put(const char *root, const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s%s", root, rel);
	for (char *p = path + strlen(root) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	FILE *f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
}

/* A machine with every finding switched to the side that moves the numbers. */
static void noisy_machine(const char *root)
{
	put(root, "/sys/module/page_reporting/parameters/page_reporting_order", "9\n");
	put(root, "/sys/module/page_reporting/parameters/reported_kib", "2097152\n");
	put(root, "/sys/kernel/mm/damon/admin/kdamonds/nr_kdamonds", "1\n");
	put(root, "/sys/kernel/mm/damon/admin/kdamonds/0/state", "on\n");
	put(root, "/sys/kernel/mm/damon/admin/kdamonds/0/contexts/0/schemes/0/action", "pageout\n");
	put(root, "/sys/kernel/mm/damon/admin/kdamonds/0/contexts/0/schemes/0/access_pattern/age/min",
	    "12\n");
	put(root, "/sys/kernel/mm/damon/admin/kdamonds/0/contexts/0/monitoring_attrs/intervals/aggr_us",
	    "5000000\n");
	put(root, "/proc/stat", "cpu  300 0 300 300 0 0 0 100 0 0\ncpu0 1 2 3\n");
	put(root, "/proc/4242/stat", "4242 (hog (x) proc) R 1 1 1 0 -1 4194304 10 0 0 0 500 300 0 0 "
	    "20 0 1 0 100 1000 10\n");
	put(root, "/proc/4343/stat", "4343 (idle) S 1 1 1 0 -1 4194304 10 0 0 0 1 1 0 0 20 0 1 0 "
	    "100 1000 10\n");
	put(root, "/sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never\n");
	put(root, "/sys/kernel/mm/transparent_hugepage/defrag", "always defer [madvise] never\n");
	put(root, "/sys/kernel/mm/transparent_hugepage/shmem_enabled", "always [within_size] never\n");
	put(root, "/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "powersave\n");
	put(root, "/sys/devices/system/cpu/cpufreq/boost", "1\n");
	put(root, "/proc/swaps", "Filename\tType\tSize\tUsed\tPriority\n/swapfile file 2097152 0 -2\n");
	put(root, "/proc/sys/vm/swappiness", "60\n");
	put(root, "/proc/sys/vm/dirty_ratio", "20\n");
	put(root, "/proc/sys/vm/dirty_background_ratio", "10\n");
	put(root, "/proc/sys/vm/dirty_bytes", "268435456\n");
	put(root, "/proc/sys/vm/dirty_background_bytes", "0\n");
	put(root, "/proc/sys/vm/dirty_expire_centisecs", "3000\n");
	put(root, "/proc/meminfo", "MemTotal: 8000000 kB\nMemAvailable: 4000000 kB\n");
	put(root, "/proc/sys/fs/pipe-max-size", "65536\n");
	put(root, "/proc/self/mountinfo",
	    "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard\n"
	    "30 25 0:27 / /scratch rw,nosuid - tmpfs tmpfs rw,size=100k\n"
	    "31 25 0:28 / /scratchpad rw - xfs /dev/vdb rw\n");
}

static const struct finding *find(const struct system_findings *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->f[i].name, name) == 0)
			return &s->f[i];
	return NULL;
}

/* The finding called name says text (in its value) and moves the numbers or not. */
static void expect(const struct system_findings *s, const char *name, const char *text, int moves)
{
	const struct finding *f = find(s, name);
	CU_ASSERT_PTR_NOT_NULL(f);
	if (!f)
		return;
	CU_ASSERT_PTR_NOT_NULL(strstr(f->value, text));
	CU_ASSERT_EQUAL(f->moves, moves);
	if (!strstr(f->value, text) || f->moves != moves)
		fprintf(stderr, "\n  %s: '%s' (moves %d), wanted '%s' (moves %d)\n", name, f->value,
			f->moves, text, moves);
	CU_ASSERT_TRUE(f->effect[0] && f->advice[0]);
}

static void test_every_finding_on_a_noisy_machine(void)
{
	char root[64];
	ts_make_tempdir(root, sizeof(root));
	noisy_machine(root);
	static struct system_findings s;
	system_check(root, "/scratch/run", 0, &s);
	CU_ASSERT_EQUAL(s.n, 10);
	expect(&s, "free page reporting", "blocks of 2048 KiB (order 9); 2.0 GiB handed back", 1);
	expect(&s, "DAMON reclaim", "kdamond 0 on, scheme pageout memory idle for 60 s or more", 1);
	expect(&s, "CPU steal", "10.0% of all CPU time since boot", 1);
	expect(&s, "other busy processes", "1: hog (x) proc (pid 4242", 1);
	expect(&s, "transparent huge pages", "enabled always, defrag madvise, shmem within_size", 1);
	expect(&s, "CPU frequency", "governor powersave, boost on", 1);
	expect(&s, "swap", "1 device, 2.0 GiB; swappiness 60", 1);
	expect(&s, "writeback (vm.dirty_*)", "dirty_bytes 256 MiB (a writer is throttled past about "
	       "0.2 GiB)", 1);
	expect(&s, "pipe-max-size", "64 KiB", 1);
	/* the longest mount point that holds it: /scratch, not / and not /scratchpad */
	expect(&s, "work directory", "/scratch/run is on tmpfs (memory, never written back), "
	       "mounted at /scratch with rw,nosuid,rw,size=100k", 0);
	ts_remove_tree(root);
}

static void test_empty_tree_says_not_exposed(void)
{
	char root[64];
	ts_make_tempdir(root, sizeof(root));
	static struct system_findings s;
	system_check(root, "/tmp", 0, &s);
	CU_ASSERT_EQUAL(s.n, 10);
	/* Nothing under /sys at all: what cannot be read is unknown, never a confident off. */
	expect(&s, "free page reporting", "unknown (/sys/module/page_reporting cannot be read here)",
	       0);
	expect(&s, "DAMON reclaim", "unknown (/sys/kernel/mm/damon cannot be read here)", 0);
	expect(&s, "CPU steal", "not exposed here", 0);
	expect(&s, "other busy processes", "none", 0);
	expect(&s, "transparent huge pages", "not exposed here", 0);
	expect(&s, "CPU frequency", "not exposed here", 0);
	expect(&s, "swap", "none (no /proc/swaps)", 0);
	expect(&s, "writeback (vm.dirty_*)", "not exposed here", 0);
	expect(&s, "pipe-max-size", "not exposed here", 0);
	expect(&s, "work directory", "filesystem not found", 0);
	/* A readable /sys without the module and without DAMON: those are off. */
	put(root, "/sys/module/other/parameters/x", "1\n");
	put(root, "/sys/kernel/mm/transparent_hugepage/enabled", "[never]\n");
	system_check(root, "/tmp", 0, &s);
	expect(&s, "free page reporting", "off", 0);
	expect(&s, "DAMON reclaim", "off", 0);
	ts_remove_tree(root);
}

static void test_root_must_be_a_directory(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	const char *argv[] = { "bulkxfer", "system", "--root", "/nonexistent-bulkxfer-root", NULL };
	CU_ASSERT_EQUAL(ts_run_bulkxfer(r, argv), 0);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "bulkxfer: system: --root '/nonexistent-bulkxfer-root' "
				      "is not a directory"));
	CU_ASSERT_EQUAL(strchr(r->err, '\n') - r->err + 1, (long)strlen(r->err));	/* one line */
	CU_ASSERT_STRING_EQUAL(r->out, "");
	free(r);
}

static void test_command_prints_and_changes_nothing(void)
{
	char root[64], listing[2][4096];
	ts_make_tempdir(root, sizeof(root));
	noisy_machine(root);
	for (int pass = 0; pass < 2; pass++) {
		char cmd[256];
		snprintf(cmd, sizeof(cmd), "cd '%s' && find . -type f -exec md5sum {} + | sort", root);
		FILE *p = popen(cmd, "r");
		size_t n = p ? fread(listing[pass], 1, sizeof(listing[pass]) - 1, p) : 0;
		listing[pass][n] = '\0';
		if (p)
			pclose(p);
		if (pass == 1)
			break;
		struct ts_result *r = malloc(sizeof(*r));
		const char *argv[] = { "bulkxfer", "system", "--root", root, "--workdir", "/scratch",
				       NULL };
		CU_ASSERT_EQUAL(ts_run_bulkxfer(r, argv), 0);
		CU_ASSERT_EQUAL(r->status, 0);
		CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "* free page reporting: on"));
		CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "  work directory: /scratch is on tmpfs"));
		CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "you can: "));
		free(r);
	}
	CU_ASSERT_STRING_EQUAL(listing[0], listing[1]);	/* read-only */
	CU_ASSERT_TRUE(strlen(listing[0]) > 100);
	ts_remove_tree(root);
}

int register_system_suite(void)
{
	static const struct test_case cases[] = {
		{ "every_finding_on_a_noisy_machine", test_every_finding_on_a_noisy_machine },
		{ "empty_tree_says_not_exposed", test_empty_tree_says_not_exposed },
		{ "command_prints_and_changes_nothing", test_command_prints_and_changes_nothing },
		{ "root_must_be_a_directory", test_root_must_be_a_directory },
	};
	return TS_ADD_SUITE("system", cases);
}
