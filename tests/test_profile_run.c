/*
 * test_profile_run.c - --profile from the outside: run --profile writes folded files that read
 * back to profile.csv's and runs.csv's totals and leaves nothing behind (also when a run fails),
 * a refused perf_event_open is exit 2 naming the setting (the refusal injected, never skipped),
 * the report's section judges the explanation as its rule says, and explain shows a profile.
 */
#include <CUnit/CUnit.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "analysis/markdown/report_profile.h"
#include "analysis/markdown/report_profile_runs.h"
#include "analysis/profile/categories.h"
#include "analysis/profile/profile_out.h"
#include "base/units.h"
#include "record/results.h"
#include "record/stack_counts.h"
#include "sampling/sampler.h"
#include "test_support.h"

/* ---- the command --------------------------------------------------------------------- */

static int count_profile_leftovers(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "ls -a '%s' | grep -c '^\\.bulkxfer-profile' ", dir);
	return ts_command_int(cmd);
}

static void test_run_profile_writes_what_csv_says(void)
{
	char why[256];
	if (sampler_probe(why, sizeof(why)) < 0) {
		ts_skip("profile/run", why);
		return;
	}
	char dir[256], csv[512], pdir[512], path[700];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(csv, sizeof(csv), "%s/r.csv", dir);
	snprintf(pdir, sizeof(pdir), "%s/r-profile", dir);
	const char *argv[] = { "bulkxfer", "run", "--method", "pipe,shm-whole", "--size", "24M",
			       "--runs", "2", "--warmup", "1", "--profile", "--workdir", dir,
			       "--csv", csv, NULL };
	struct ts_result r;
	CU_ASSERT_EQUAL_FATAL(ts_run_bulkxfer(&r, argv), 0);
	CU_ASSERT_EQUAL(r.status, 0);
	/* one line for the profile, the answer within 15 lines of 80 columns but for paths */
	CU_ASSERT_TRUE(strstr(r.out, "profile: 4 sides, ") != NULL);
	CU_ASSERT_TRUE(strstr(r.out, "sender ") == NULL);	/* no line per side without --verbose */
	int lines = 0;
	for (const char *p = r.out, *nl; (nl = strchr(p, '\n')); p = nl + 1) {
		lines++;
		const char *path_at = strstr(p, dir);
		CU_ASSERT_TRUE(nl - p <= 80 || (path_at && path_at < nl));
	}
	CU_ASSERT_TRUE(lines <= 15);
	struct profile_row *rows = NULL;
	size_t n = 0;
	struct bx_error err;
	snprintf(path, sizeof(path), "%s/profile.csv", pdir);
	CU_ASSERT_EQUAL_FATAL(profile_read_csv(path, &rows, &n, &err), 0);
	CU_ASSERT_EQUAL(n, 4);	/* two methods, two sides; warm-ups not profiled */
	uint64_t all_samples = 0;
	for (size_t i = 0; i < n; i++) {
		struct side_profile p;
		memset(&p, 0, sizeof(p));
		snprintf(p.series, sizeof(p.series), "%s", rows[i].series);
		snprintf(p.method, sizeof(p.method), "%s", rows[i].method);
		p.chunk = rows[i].chunk;
		p.producer = rows[i].producer;
		char base[160];
		profile_base_name(&p, base, sizeof(base));
		snprintf(path, sizeof(path), "%s/%s.folded", pdir, base);
		CU_ASSERT_EQUAL(stack_counts_read(&p.stacks, path, NULL), 0);
		uint64_t counts[CAT_COUNT];
		profile_categorize(&p.stacks, counts);
		for (int c = 0; c < CAT_COUNT; c++)
			CU_ASSERT_EQUAL(counts[c], rows[i].samples[c]);
		CU_ASSERT_EQUAL(p.stacks.total, rows[i].total);
		/* a side can use less CPU than one sampling period on a fast host: its profile may
		 * be empty; the sides together are not */
		all_samples += rows[i].total;
		stack_counts_free(&p.stacks);
		snprintf(path, sizeof(path), "%s/%s.svg", pdir, base);
		CU_ASSERT_TRUE(ts_file_contains(path, "<svg"));
	}
	CU_ASSERT_TRUE(all_samples > 0);
	/* The rows of runs.csv hold the samples the folded files hold. */
	struct run_record *recs = NULL;
	size_t nrec = 0, cap = 0;
	CU_ASSERT_EQUAL(results_read_csv(csv, &recs, &nrec, &cap, &err), 0);
	CU_ASSERT_EQUAL(nrec, 4);
	for (size_t i = 0; i < n; i++) {
		uint64_t in_rows = 0, runs = 0;
		double sampled = 0, cpu = 0;
		for (size_t k = 0; k < nrec; k++)
			if (strcmp(recs[k].method, rows[i].method) == 0) {
				const struct half_figures *fig = rows[i].producer ? &recs[k].producer_fig :
									 &recs[k].consumer_fig;
				in_rows += fig->samples;
				sampled += fig->sampled_s;
				runs++;
			}
		CU_ASSERT_EQUAL(in_rows, rows[i].total);
		/* cpu_s is per run: the categories add up to one run's sampled seconds */
		for (int c = 0; c < CAT_COUNT; c++)
			cpu += rows[i].cpu_s[c];
		CU_ASSERT_EQUAL(runs, 2);
		CU_ASSERT_DOUBLE_EQUAL(cpu, sampled / (double)runs, 1e-4 + 1e-3 * cpu);
	}
	free(recs);
	free(rows);
	CU_ASSERT_EQUAL(count_profile_leftovers(dir), 0);
	ts_remove_tree(dir);
}

static void test_profile_failed_run_leaves_nothing(void)
{
	char why[256];
	if (sampler_probe(why, sizeof(why)) < 0) {
		ts_skip("profile/failed", why);
		return;
	}
	char dir[256], csv[512], log[600];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(csv, sizeof(csv), "%s/r.csv", dir);
	snprintf(log, sizeof(log), "%s/log", dir);
	const char *argv[] = { "bulkxfer", "run", "--method", "pipe", "--size", "4M", "--runs",
			       "1", "--warmup", "0", "--profile", "--workdir", dir, "--csv", csv,
			       NULL };
	pid_t pid = ts_spawn_bulkxfer_fault(argv, log, "consumer:end:eio");
	CU_ASSERT_TRUE_FATAL(pid > 0);
	int status = 0;
	CU_ASSERT_TRUE(ts_wait_for(pid, 60, &status));
	CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	CU_ASSERT_EQUAL(ts_reap_orphans(2), 0);
	CU_ASSERT_EQUAL(count_profile_leftovers(dir), 0);
	ts_remove_tree(dir);
}

static void test_profile_refused_is_usage_error(void)
{
	static const struct { const char *err, *says; } cases[] = {
		{ "EACCES", "perf_event_paranoid" },
		{ "EPERM", "perf_event_paranoid" },
		{ "ENOSYS", "no perf events" },
		{ "ENOENT", "no perf events" },
	};
	char dir[256], csv[512];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(csv, sizeof(csv), "%s/r.csv", dir);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		setenv(SAMPLER_FAIL_ENV, cases[i].err, 1);
		const char *argv[] = { "bulkxfer", "run", "--method", "pipe", "--size", "1M",
				       "--profile", "--workdir", dir, "--csv", csv, NULL };
		struct ts_result r;
		CU_ASSERT_EQUAL_FATAL(ts_run_bulkxfer(&r, argv), 0);
		unsetenv(SAMPLER_FAIL_ENV);
		CU_ASSERT_EQUAL(r.status, 2);
		CU_ASSERT_TRUE(strncmp(r.err, "bulkxfer: --profile: ", 21) == 0);
		CU_ASSERT_TRUE(strstr(r.err, cases[i].says) != NULL);
		CU_ASSERT_PTR_NULL(strchr(r.err, '\n') ? strchr(strchr(r.err, '\n') + 1, '\n') : NULL);
		CU_ASSERT_FALSE(ts_exists(csv));	/* nothing ran */
	}
	/* Without --profile the same environment changes nothing. */
	setenv(SAMPLER_FAIL_ENV, "EACCES", 1);
	const char *argv[] = { "bulkxfer", "run", "--method", "pipe", "--size", "1M", "--runs", "1",
			       "--warmup", "0", "--workdir", dir, "--csv", csv, NULL };
	struct ts_result r;
	CU_ASSERT_EQUAL(ts_run_bulkxfer(&r, argv), 0);
	unsetenv(SAMPLER_FAIL_ENV);
	CU_ASSERT_EQUAL(r.status, 0);
	ts_remove_tree(dir);
}

/* ---- the report's section ------------------------------------------------------------ */

static char *section_of(const struct profile_set *set, const char *why)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	/* the facts a job without runs of its own would have: the profile and its differences */
	struct job_context ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.profiles = set;
	snprintf(ctx.profile_why, sizeof(ctx.profile_why), "%s", why ? why : "");
	struct job_facts *facts = calloc(1, sizeof(*facts));
	facts->ctx = &ctx;
	for (size_t i = 1; i < STUDY_NROWS; i++) {
		facts_profile_difference(set, study_rows[i].method, study_rows[0].method,
					 &facts->study_differences[i]);
		facts_judge_explanation(&facts->study_differences[i], NULL);
	}
	report_profile_print(f, facts);
	free(facts);
	fclose(f);
	return buf;
}

#define COPY_K "main;read;entry_SYSCALL_64_[k];_copy_to_iter_[k]"
#define FAULT "main;__memmove_avx_unaligned_erms;asm_exc_page_fault_[k]"
#define ZERO FAULT ";clear_page_erms_[k]"

#define SYSCALL_ONLY "main;getppid;entry_SYSCALL_64_[k];do_syscall_64_[k]"
#define USER_COPY "main;__memmove_avx_unaligned_erms"

static void test_report_section_judges_the_explanation(void)
{
	struct profile_set set;
	memset(&set, 0, sizeof(set));
	/* read/write: 2 s a side, half copying, half system calls (4 s, 2 s of copies) */
	ts_profile_add_side(&set, "study-profile", "pipe", 4096, 1, COPY_K, 1000, 2.0);
	ts_profile_add_side(&set, "study-profile", "pipe", 4096, 0, COPY_K, 1000, 2.0);
	stack_counts_add(&set.items[0].stacks, SYSCALL_ONLY, 1000);
	stack_counts_add(&set.items[1].stacks, SYSCALL_ONLY, 1000);
	/* mmap+memcpy: cheaper (2.4 s), but it copies more (2.4 s): not by copying less */
	ts_profile_add_side(&set, "study-profile", "shm-whole", 4096, 1, USER_COPY, 1200, 1.2);
	ts_profile_add_side(&set, "study-profile", "shm-whole", 4096, 0, USER_COPY, 1200, 1.2);
	/* splice: 0.3 s, its copies 0.1 s: 1.9 of the 3.7 s saved, more than half: holds */
	ts_profile_add_side(&set, "study-profile", "splice", CHUNK_REST, 1, "main;splice;pipe_write_[k]",
		 200, 0.2);
	ts_profile_add_side(&set, "study-profile", "splice", CHUNK_REST, 0, COPY_K, 100, 0.1);
	char *s = section_of(&set, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_TRUE(strstr(s, "\n## Where the CPU time goes, measured\n") != NULL);
	if (getenv("BULKXFER_TEST_VERBOSE"))
		fprintf(stderr, "%s\n", s);
	/* the largest difference first (the answer's "why" states the same), then the copies */
	CU_ASSERT_TRUE(strstr(s, "its profiled runs took 2.400 s a run against 4.000 s of CPU, both sides "
			      "(-1.600 s). The largest difference between their profiles is copy in "
			      "user space (memcpy/memmove) (+2.400 s); the copy categories together "
			      "account for "
			      "+0.400 s, and outside them the largest is system call entry and exit "
			      "(-2.000 s).") != NULL);
	CU_ASSERT_TRUE(strstr(s, "It takes less CPU, but not mainly by copying less") != NULL);
	CU_ASSERT_TRUE(strstr(s, "its profiled runs took 0.300 s a run against 4.000 s of CPU, both sides "
			      "(-3.700 s). The largest difference between their profiles is ") != NULL);
	CU_ASSERT_TRUE(strstr(s, "the copy categories together account for -1.900 s") != NULL);
	CU_ASSERT_TRUE(strstr(s, "the explanation holds here") != NULL);
	CU_ASSERT_TRUE(strstr(s, "bears out only in part the study's explanation (1 of 2") != NULL);
	CU_ASSERT_TRUE(strstr(s, "| zeroing new pages |") != NULL);
	free(s);
	/* Costlier, and copying less: the other wording. */
	profile_set_free(&set);
	ts_profile_add_side(&set, "study-profile", "pipe", 4096, 1, COPY_K, 1000, 1.0);
	ts_profile_add_side(&set, "study-profile", "pipe", 4096, 0, COPY_K, 1000, 1.0);
	ts_profile_add_side(&set, "study-profile", "shm-whole", 4096, 1, ZERO, 1500, 1.5);
	ts_profile_add_side(&set, "study-profile", "shm-whole", 4096, 0, FAULT, 1500, 1.5);
	s = section_of(&set, NULL);
	CU_ASSERT_TRUE(strstr(s, "It takes more CPU, not less: the explanation does not hold "
			      "here (it copies less, and pays as much or more elsewhere)") != NULL);
	CU_ASSERT_TRUE(strstr(s, "does not bear out the study's explanation (0 of 1") != NULL);
	free(s);
	s = section_of(NULL, "perf_event_open refused: kernel.perf_event_paranoid is 3");
	CU_ASSERT_TRUE(strstr(s, "No profile was taken: perf_event_open refused: "
			      "kernel.perf_event_paranoid is 3") != NULL);
	free(s);
	profile_set_free(&set);
}

/* A run of setting (series, method, 4 KiB) whose two sides took cpu_s of CPU in all. */
static struct run_record placed_run(const char *series, const char *method, double cpu_s)
{
	struct run_record r;
	memset(&r, 0, sizeof(r));
	snprintf(r.series, sizeof(r.series), "%s", series);
	snprintf(r.method, sizeof(r.method), "%s", method);
	r.chunk = 4096;
	r.producer_fig.sys_s = cpu_s / 2;
	r.consumer_fig.sys_s = cpu_s / 2;
	return r;
}

/* What report_profile_runs_print writes for r[0..n), as a malloc'ed string. */
static char *placement_text(const struct run_record *r, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	report_profile_runs_print(f, r, n);
	fclose(f);
	return buf;
}

/* Each profiled run is placed among its own setting's measured runs (not another phase's or
 * method's), and the middle half is counted from those places. */
static void test_profiled_runs_are_placed(void)
{
	struct run_record r[16];
	size_t n = 0;
	for (int i = 1; i <= 8; i++)
		r[n++] = placed_run("study", "pipe", i);
	r[n++] = placed_run("tuned", "pipe", 100);	/* another phase: not pipe's study group */
	r[n++] = placed_run("study", "splice", 50);	/* another method */
	r[n++] = placed_run("study-profile", "pipe", 4.5);
	r[n++] = placed_run("study-profile", "pipe", 0.5);
	r[n++] = placed_run("study-profile", "pipe", 8.5);
	char *buf = placement_text(r, n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "| study | read/write | 4 KiB | 8 | 4.500 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "| 4.500 (above 4 of 8), 0.500 (above 0 of 8), 8.500 "
				      "(above 8 of 8) | 1.00x | sender: 0 samples, too few to share "
				      "out; receiver: 0 samples, too few to share out |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "1 of the 3 profiled runs fell in the middle half of "
				      "their setting's measured runs, 1 below it and 1 above it."));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "What profiling cost: 3 profiled runs beside measured "
				      "ones, too few for an interval."));
	free(buf);
}

/* Profiling's cost per setting: its profiled runs' median against its measured median, and a
 * flag where every profiled run sat above (or below) every measured one; a side with enough
 * samples is not flagged, one with too few is. */
static void test_profiled_setting_flagged(void)
{
	struct run_record r[16];
	size_t n = 0;
	for (int i = 1; i <= 6; i++)
		r[n++] = placed_run("study", "splice", i);
	for (int i = 0; i < 3; i++) {
		r[n] = placed_run("study-profile", "splice", 9 + i);
		r[n].producer_fig.samples = 40;	/* 120 in all: enough */
		r[n].consumer_fig.samples = 20;	/* 60: too few */
		n++;
	}
	char *buf = placement_text(r, n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	/* median 10 against 3.5 */
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "(above 6 of 6) | 2.86x | every profiled run above every "
				      "measured one; receiver: 60 samples, too few to share out |"));
	CU_ASSERT_PTR_NULL(strstr(buf, "sender: 120 samples"));
	free(buf);
	/* profiled runs spread among the measured ones, but their median 1.57x the measured
	 * median: flagged by the ratio */
	n = 0;
	for (int i = 1; i <= 6; i++)
		r[n++] = placed_run("study", "pipe", i);
	const double cpu[3] = { 6.5, 5.5, 0.5 };
	for (int i = 0; i < 3; i++) {
		r[n] = placed_run("study-profile", "pipe", cpu[i]);
		r[n].producer_fig.samples = r[n].consumer_fig.samples = 100;
		n++;
	}
	buf = placement_text(r, n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "(above 0 of 6) | 1.57x | its profiled runs far from "
				      "its measured ones |"));
	free(buf);
}

/* Profiling's cost speaks for every profiled run of a pooled file, not its first ones: the
 * first 1000 profiled runs cost what their setting's median does, the last 1000 twice as much,
 * so the whole file's ratio is sqrt(2) (the first ones alone would say 1, no clear difference),
 * and the sentence says the interval was taken on runs spread over the file.  The table's cell
 * lists the first few and counts the rest. */
static void test_profiling_cost_over_every_run(void)
{
	size_t cap = 8 + 2000, n = 0;
	struct run_record *r = calloc(cap, sizeof(*r));
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	for (int i = 1; i <= 8; i++)
		r[n++] = placed_run("study", "pipe", i);
	for (int i = 0; i < 2000; i++)
		r[n++] = placed_run("study-profile", "pipe", i < 1000 ? 4.5 : 9.0);
	char *buf = placement_text(r, n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "What profiling cost: each profiled run's CPU time "
				      "against its setting's measured median, over 2000 profiled "
				      "runs, the interval from 1000 of them spread evenly over the "
				      "file: ratio 1.414 [1.414, 1.414]"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "profiling costs CPU"));
	/* the setting's cell lists nine of its profiled runs and counts the rest; the middle-half
	 * count is over all 2000 */
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "4.500 (above 4 of 8) and 1991 more |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "1000 of the 2000 profiled runs fell in the middle half "
				      "of their setting's measured runs, 0 below it and 1000 above it."));
	free(buf);
	free(r);
}

static void test_explain_shows_a_profile(void)
{
	char dir[256], path[512];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/profile.csv", dir);
	FILE *f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fprintf(f, "%s\n", PROFILE_CSV_HEADER);
	for (int c = 0; c < CAT_COUNT; c++)
		fprintf(f, "run,pipe,1048576,producer,%s,%d,%.6f,%.6f\n", category_id(c),
			c == CAT_COPY_KERNEL ? 70 : c == CAT_SYSCALL ? 30 : 0,
			c == CAT_COPY_KERNEL ? 0.7 : c == CAT_SYSCALL ? 0.3 : 0,
			c == CAT_COPY_KERNEL ? 0.07 : c == CAT_SYSCALL ? 0.03 : 0);
	fclose(f);
	const char *argv[] = { "bulkxfer", "explain", "--method", "pipe", "--profile-csv", path,
			       NULL };
	struct ts_result r;
	CU_ASSERT_EQUAL_FATAL(ts_run_bulkxfer(&r, argv), 0);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_TRUE(strstr(r.out, "run, chunk 1 MiB, sender: 0.100 s a run, 100 samples: copy "
			      "between user and kernel 70% (0.070 s), system call entry and exit 30% "
			      "(0.030 s)") != NULL);
	const char *argv2[] = { "bulkxfer", "explain", "--method", "splice", "--profile-csv", path,
				NULL };
	CU_ASSERT_EQUAL_FATAL(ts_run_bulkxfer(&r, argv2), 0);
	CU_ASSERT_TRUE(strstr(r.out, "splice was not profiled") != NULL);
	f = fopen(path, "w");
	fputs("not,a,profile\n", f);
	fclose(f);
	CU_ASSERT_EQUAL_FATAL(ts_run_bulkxfer(&r, argv), 0);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_TRUE(strstr(r.err, "is not a profile.csv") != NULL);
	ts_remove_tree(dir);
}

/* Where perf is refused, reproduce goes on without the profiled runs and its report says why:
 * cli/reproduce_adaptive_rounds runs its job so. */

int register_profile_run_suite(void)
{
	static const struct test_case cases[] = {
		{ "run_profile_writes_what_csv_says", test_run_profile_writes_what_csv_says },
		{ "profile_failed_run_leaves_nothing", test_profile_failed_run_leaves_nothing },
		{ "profile_refused_is_usage_error", test_profile_refused_is_usage_error },
		{ "report_section_judges_the_explanation",
		  test_report_section_judges_the_explanation },
		{ "profiled_runs_are_placed", test_profiled_runs_are_placed },
		{ "profiled_setting_flagged", test_profiled_setting_flagged },
		{ "profiling_cost_over_every_run", test_profiling_cost_over_every_run },
		{ "explain_shows_a_profile", test_explain_shows_a_profile },
	};
	return TS_ADD_SUITE("profile-run", cases);
}
