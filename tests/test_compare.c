/*
 * test_compare.c - `bulkxfer compare` on results with a known answer: a group twice as fast with
 * half the sender's CPU on the new machine is improved / improved / no clear difference, the
 * other way round regressed; a group only one machine ran is left out; a reproduce directory
 * reads like its runs.csv; three machines come side by side with their kernels; inputs with no
 * group in common, one input alone, or a missing one are usage errors (exit 2, one line); groups
 * of thousands of runs are judged on all of them, not the first (or the fastest) thousand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "record/results.h"
#include "test_support.h"

#define RUNS 5

/* RUNS runs of method (study, 1 GiB, 4 KiB) with these medians, 1% apart, on kernel; again
 * 1: the same spread in another order and on another day, the same machine measured again. */
static void add_runs(const char *csv, const char *kernel, const char *method, double gib,
		     double sender_cpu, double receiver_cpu, int again)
{
	for (int i = 0; i < RUNS; i++) {
		struct run_record r;
		memset(&r, 0, sizeof(r));
		int step = again ? (i * 3) % RUNS : i;
		double k = 1 + 0.01 * (step - RUNS / 2);
		snprintf(r.timestamp, sizeof(r.timestamp), "2026-12-0%dT10:00:0%dZ", again ? 2 : 1, i);
		snprintf(r.series, sizeof(r.series), "study");
		snprintf(r.method, sizeof(r.method), "%s", method);
		snprintf(r.producer, sizeof(r.producer), "%s", method);
		snprintf(r.consumer, sizeof(r.consumer), "%s", method);
		r.kernel = kernel;
		r.cpu_model = "Fixture CPU";
		r.bytes = 1ULL << 30;
		r.chunk = 4096;
		r.run = (uint64_t)i + 1;
		r.gib_per_s = gib * k;
		r.wall_s = 1 / r.gib_per_s;
		r.producer_fig.sys_s = sender_cpu * k;
		r.consumer_fig.sys_s = receiver_cpu * k;
		r.verified = 1;
		struct bx_error err;
		CU_ASSERT_EQUAL_FATAL(results_append_csv(csv, &r, &err), 0);
	}
}

static void add_group(const char *csv, const char *kernel, const char *method, double gib,
		      double sender_cpu, double receiver_cpu)
{
	add_runs(csv, kernel, method, gib, sender_cpu, receiver_cpu, 0);
}

static void compare(struct ts_result *r, const char *a, const char *b, const char *c,
		    const char *out)
{
	const char *argv[] = { "bulkxfer", "compare", a, b, c ? c : "--out", c ? "--out" : out,
			       c ? out : NULL, NULL };
	CU_ASSERT_EQUAL_FATAL(ts_run_bulkxfer(r, argv), 0);
}

static void test_improved_regressed_and_left_out(void)
{
	char dir[64], old[128], newdir[128], new[160], out[128], path[200];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(old, sizeof(old), "%s/old.csv", dir);
	snprintf(newdir, sizeof(newdir), "%s/new-host", dir);
	snprintf(new, sizeof(new), "%s/runs.csv", newdir);
	mkdir(newdir, 0755);
	add_group(old, "6.1-old", "pipe", 1.0, 1.0, 2.0);
	add_group(old, "6.1-old", "splice", 2.0, 0.4, 1.0);	/* only the old machine ran it */
	add_group(new, "6.18-new", "pipe", 2.0, 0.5, 2.0);
	struct ts_result *r = malloc(sizeof(*r));
	snprintf(out, sizeof(out), "%s/cmp", dir);
	compare(r, old, newdir, NULL, out);	/* a reproduce directory reads as its runs.csv */
	CU_ASSERT_EQUAL(r->status, 0);
	if (r->status)
		fprintf(stderr, "\n  compare: %s\n", r->err);
	snprintf(path, sizeof(path), "%s/compare.csv", out);
	CU_ASSERT_EQUAL(ts_count_lines(path), 2);	/* header + pipe; splice left out */
	CU_ASSERT_TRUE(ts_file_contains(path, "study,pipe,pipe,pipe,1073741824,4096,"));
	FILE *f = fopen(path, "r");
	char line[2048] = "";
	CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof(line), f));
	CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof(line), f));
	fclose(f);
	/* GiB/s doubled: improved; sender CPU halved: improved; receiver the same: no change */
	CU_ASSERT_PTR_NOT_NULL(strstr(line, ",1,2,2,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(line, ",improved,1,0.5,0.5,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(line, ",improved,2,2,1,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(line, ",no clear difference\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "6.18-new"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "| read/write study 1 GiB 4 KiB | 1 -> 2 | 2.00 ["));
	snprintf(path, sizeof(path), "%s/compare.png", out);
	CU_ASSERT_TRUE(ts_exists(path));
	snprintf(path, sizeof(path), "%s/compare.md", out);
	CU_ASSERT_TRUE(ts_file_contains(path, "| 2 | `"));
	/* compare.html: the same answer on one page, fetching nothing: a dot per measure of the
	 * one group in common, coloured by its verdict (two improved, one unchanged) */
	snprintf(path, sizeof(path), "%s/compare.html", out);
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, "Of 3 measures over 1 group of runs in "
						 "common, 2 improved, 0 regressed and 1 show no "
						 "clear difference."));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, "<circle class=\"ratio\" "));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, "fill=\"#0072B2\"><title>read/write study 1 GiB "
						 "4 KiB, GiB/s: 2.00x"));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, "</main></body></html>"));
	CU_ASSERT_FALSE(ts_file_contains_anywhere(path, "http"));
	/* The other way round: regressed twice. */
	snprintf(out, sizeof(out), "%s/back", dir);
	compare(r, newdir, old, NULL, out);
	CU_ASSERT_EQUAL(r->status, 0);
	snprintf(path, sizeof(path), "%s/compare.csv", out);
	f = fopen(path, "r");
	CU_ASSERT_PTR_NOT_NULL(f && fgets(line, sizeof(line), f) && fgets(line, sizeof(line), f));
	if (f)
		fclose(f);
	CU_ASSERT_PTR_NOT_NULL(strstr(line, ",regressed,0.5,1,2,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(line, ",regressed,2,2,1,"));
	free(r);
	ts_remove_tree(dir);
}

/* n runs of pipe (study, 1 GiB, 4 KiB) into csv: GiB/s low for the first n_low, high after
 * them, each 0.1% apart; sender and receiver CPU 1 s throughout. */
static void add_many(const char *csv, size_t n, size_t n_low, double low, double high)
{
	FILE *f = NULL;
	for (size_t i = 0; i < n; i++) {
		struct run_record r;
		memset(&r, 0, sizeof(r));
		snprintf(r.timestamp, sizeof(r.timestamp), "2026-12-01T10:00:00Z");
		snprintf(r.series, sizeof(r.series), "study");
		snprintf(r.method, sizeof(r.method), "pipe");
		snprintf(r.producer, sizeof(r.producer), "pipe");
		snprintf(r.consumer, sizeof(r.consumer), "pipe");
		r.kernel = "6.1-fixture";
		r.cpu_model = "Fixture CPU";
		r.bytes = 1ULL << 30;
		r.chunk = 4096;
		r.run = (uint64_t)i + 1;
		r.gib_per_s = (i < n_low ? low : high) * (1 + 0.001 * (double)(i % 7));
		r.wall_s = 1 / r.gib_per_s;
		r.producer_fig.sys_s = 1;
		r.consumer_fig.sys_s = 1;
		r.verified = 1;
		if (i == 0) {	/* the header and the first row as bulkxfer writes them */
			struct bx_error err;
			CU_ASSERT_EQUAL_FATAL(results_append_csv(csv, &r, &err), 0);
			f = fopen(csv, "a");
			CU_ASSERT_PTR_NOT_NULL_FATAL(f);
			continue;
		}
		char line[8192];
		CU_ASSERT_FATAL(results_format_csv(&r, line, sizeof(line)) >= 0);
		fprintf(f, "%s\n", line);
	}
	fclose(f);
}

/* Groups of thousands of runs are judged on all of them: a new machine whose first 900 of 2000
 * runs are as fast as the old and whose other 1100 are twice as fast has improved (the median
 * is 2).  The first 1000 runs alone, or the 1000 slowest, would show no clear difference. */
static void test_large_groups_judged_on_all_runs(void)
{
	char dir[64], old[128], new[128], out[128], path[200];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(old, sizeof(old), "%s/old.csv", dir);
	snprintf(new, sizeof(new), "%s/new.csv", dir);
	snprintf(out, sizeof(out), "%s/cmp", dir);
	add_many(old, 2000, 2000, 1.0, 1.0);
	add_many(new, 2000, 900, 1.0, 2.0);
	struct ts_result *r = malloc(sizeof(*r));
	compare(r, old, new, NULL, out);
	CU_ASSERT_EQUAL(r->status, 0);
	if (r->status)
		fprintf(stderr, "\n  compare: %s\n", r->err);
	snprintf(path, sizeof(path), "%s/compare.csv", out);
	FILE *f = fopen(path, "r");
	char line[2048] = "";
	CU_ASSERT_PTR_NOT_NULL(f && fgets(line, sizeof(line), f) && fgets(line, sizeof(line), f));
	if (f)
		fclose(f);
	/* old_runs, new_runs: every run; GiB/s: medians 1 -> 2, improved */
	CU_ASSERT_PTR_NOT_NULL(strstr(line, ",2000,2000,1.00"));
	CU_ASSERT_PTR_NOT_NULL(strstr(line, ",improved,"));
	double old_med = 0, new_med = 0, ratio = 0;
	const char *p = strstr(line, ",2000,2000,");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(sscanf(p, ",2000,2000,%lf,%lf,%lf", &old_med, &new_med, &ratio), 3);
	CU_ASSERT(new_med > 1.9 && new_med < 2.1);
	CU_ASSERT(ratio > 1.9 && ratio < 2.1);
	free(r);
	ts_remove_tree(dir);
}

static void test_three_machines_side_by_side(void)
{
	char dir[64], csv[3][128], out[128], path[200];
	ts_make_tempdir(dir, sizeof(dir));
	static const char *const kernels[] = { "6.1-a", "6.6-b", "6.18-c" };
	for (int i = 0; i < 3; i++) {
		snprintf(csv[i], sizeof(csv[i]), "%s/m%d.csv", dir, i);
		add_group(csv[i], kernels[i], "pipe", 1.0 + i, 1.0, 2.0);
		if (i != 1)
			add_group(csv[i], kernels[i], "shm", 3.0, 0.5, 0.5);	/* not on all three */
	}
	snprintf(out, sizeof(out), "%s/three", dir);
	struct ts_result *r = malloc(sizeof(*r));
	compare(r, csv[0], csv[1], csv[2], out);
	CU_ASSERT_EQUAL(r->status, 0);
	for (int i = 0; i < 3; i++)
		CU_ASSERT_PTR_NOT_NULL(strstr(r->out, kernels[i]));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "| read/write study 1 GiB 4 KiB | 1.000 | 3.000 | 2.000 | "
				      "3.000 | 3.000 | 3.000 |"));
	snprintf(path, sizeof(path), "%s/compare.html", out);	/* the medians, on the page */
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, "<details id=\"appendix\" open>"));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, "| read/write study 1 GiB 4 KiB | 1.000 |"));
	CU_ASSERT_PTR_NULL(strstr(r->out, "| shm study"));
	snprintf(path, sizeof(path), "%s/compare.csv", out);
	CU_ASSERT_EQUAL(ts_count_lines(path), 1 + 3);	/* pipe on each machine */
	free(r);
	ts_remove_tree(dir);
}

static void test_usage_errors(void)
{
	char dir[64], a[128], b[128], out[128];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(a, sizeof(a), "%s/a.csv", dir);
	snprintf(b, sizeof(b), "%s/b.csv", dir);
	snprintf(out, sizeof(out), "%s/none", dir);
	add_group(a, "k", "pipe", 1, 1, 1);
	add_group(b, "k", "splice", 1, 1, 1);
	struct ts_result *r = malloc(sizeof(*r));
	compare(r, a, b, NULL, out);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "bulkxfer: compare: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "no group of runs in common"));
	CU_ASSERT_EQUAL(strchr(r->err, '\n') - r->err + 1, (long)strlen(r->err));	/* one line */
	CU_ASSERT_FALSE(ts_exists(out));	/* nothing half-said left behind */
	const char *alone[] = { "bulkxfer", "compare", a, NULL };
	CU_ASSERT_EQUAL(ts_run_bulkxfer(r, alone), 0);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "two or more"));
	char missing[160];
	snprintf(missing, sizeof(missing), "%s/no-such.csv", dir);
	compare(r, a, missing, NULL, out);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "no-such.csv"));
	free(r);
	ts_remove_tree(dir);
}

static void test_default_out_makes_results(void)
{
	/* Run where there is no results/ yet, as a new user would: compare makes it for its
	 * default output, as run does for its CSV. */
	char dir[64], a[128], b[128], results[128], bin[4096];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(a, sizeof(a), "%s/a.csv", dir);
	snprintf(b, sizeof(b), "%s/b.csv", dir);
	snprintf(results, sizeof(results), "%s/results", dir);
	add_group(a, "k1", "pipe", 1, 1, 1);
	add_group(b, "k2", "pipe", 2, 1, 1);
	const char *env = getenv("BULKXFER_BIN");
	CU_ASSERT_PTR_NOT_NULL_FATAL(realpath(env ? env : "./bulkxfer", bin));
	const char *argv[] = { bin, "compare", a, b, NULL };
	struct ts_result *r = malloc(sizeof(*r));
	CU_ASSERT_EQUAL_FATAL(ts_run_program(r, dir, argv), 0);
	CU_ASSERT_EQUAL(r->status, 0);
	if (r->status != 0)
		fprintf(stderr, "\n  compare: %s", r->err);
	CU_ASSERT_TRUE(ts_exists(results));
	free(r);
	ts_remove_tree(dir);
}

/* The same machine measured again: noise and nothing else. */
static void add_group_again(const char *csv, const char *method, double gib, double cpu)
{
	add_runs(csv, "k", method, gib, cpu, cpu, 1);
}

/* compare --fail-on, a CI's gate: a planted 30% throughput regression in one group exits 3
 * naming that group first; the same machine measured again (noise only) exits 0; a gate on the
 * CPU alone lets the throughput regression through; bad words and three inputs are usage
 * errors. */
/* json is valid against schema (tests/json/check_schema.py, Debian's python3-jsonschema). */
static int schema_holds(const char *schema, const char *json)
{
	struct ts_result *r = malloc(sizeof(*r));
	const char *check[] = { "/usr/bin/python3", "tests/json/check_schema.py", schema, json,
				NULL };
	int ok = r && ts_run_program(r, NULL, check) == 0 && r->status == 0;
	if (r && !ok)
		fprintf(stderr, "\n  %s%s\n", r->out, r->err);
	free(r);
	return ok;
}

static void test_fail_on_gates_a_regression(void)
{
	char dir[64], old[128], noise[128], slower[128], out[128];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(old, sizeof(old), "%s/old.csv", dir);
	snprintf(noise, sizeof(noise), "%s/noise.csv", dir);
	snprintf(slower, sizeof(slower), "%s/slower.csv", dir);
	snprintf(out, sizeof(out), "%s/out", dir);
	add_group(old, "k", "pipe", 2.0, 1.0, 1.0);
	add_group(old, "k", "splice", 3.0, 0.5, 0.5);
	add_group_again(noise, "pipe", 2.0, 1.0);
	add_group_again(noise, "splice", 3.0, 0.5);
	add_group_again(slower, "pipe", 2.0, 1.0);
	add_group_again(slower, "splice", 3.0 * 0.7, 0.5);	/* 30% slower, the same CPU */
	struct ts_result *r = malloc(sizeof(*r));
	const char *gate[] = { "bulkxfer", "compare", old, slower, "--out", out, "--fail-on",
			       "regressed", NULL };
	CU_ASSERT_EQUAL_FATAL(ts_run_bulkxfer(r, gate), 0);
	CU_ASSERT_EQUAL(r->status, 3);
	CU_ASSERT_EQUAL(strncmp(r->out, "regressed: ", 11), 0);	/* first, before the tables */
	const char *eol = strchr(r->out, '\n');
	CU_ASSERT_PTR_NOT_NULL_FATAL(eol);
	CU_ASSERT_PTR_NOT_NULL(memmem(r->out, (size_t)(eol - r->out), "splice", 6));
	CU_ASSERT_PTR_NOT_NULL(memmem(r->out, (size_t)(eol - r->out), "gib_per_s 0.70", 14));
	CU_ASSERT_EQUAL(strstr(r->out + 1, "\nregressed: "), NULL);	/* pipe did not regress */
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "--fail-on regressed: 1 measure regressed"));
	/* the six comparisons are judged together, each at 1 - 0.05 / 6 */
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "gate: 6 comparisons judged together, each interval at "
					      "99.17% so that all hold at 95%: 1 regressed"));
	CU_ASSERT_TRUE(ts_exists(out));	/* the comparison is written all the same */
	/* compare.json beside it holds the gate's answer, valid against its schema */
	char json[192];
	snprintf(json, sizeof(json), "%s/compare.json", out);
	CU_ASSERT_TRUE(ts_file_contains_anywhere(json, "\"passed\":false"));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(json, "\"regressed\":true"));
	CU_ASSERT_TRUE(schema_holds("doc/compare.schema.json", json));
	ts_remove_tree(out);
	/* noise only: no verdict of regression, exit 0 */
	/* --json FILE: the same JSON where the CI asks for it, the gate passed */
	char asked[192];
	snprintf(asked, sizeof(asked), "%s/ci.json", dir);
	const char *calm[] = { "bulkxfer", "compare", old, noise, "--out", out, "--fail-on",
			       "regressed", "--json", asked, NULL };
	CU_ASSERT_EQUAL_FATAL(ts_run_bulkxfer(r, calm), 0);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_PTR_NULL(strstr(r->out, "regressed: "));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(asked, "\"passed\":true"));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(asked, "\"schema\":\"bulkxfer-compare/1\""));
	CU_ASSERT_TRUE(schema_holds("doc/compare.schema.json", asked));
	unlink(asked);
	ts_remove_tree(out);
	const char *no_file[] = { "bulkxfer", "compare", old, noise, "--out", out, "--json", NULL };
	CU_ASSERT_EQUAL_FATAL(ts_run_bulkxfer(r, no_file), 0);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "compare --json: give the FILE"));
	/* more comparisons than five runs a side can judge together: said, with the runs needed */
	add_group(old, "k", "shm", 1.0, 1.0, 1.0);
	add_group_again(noise, "shm", 1.0, 1.0);
	CU_ASSERT_EQUAL_FATAL(ts_run_bulkxfer(r, calm), 0);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "gate: 9 comparisons judged together"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "have too few runs for an interval at that level; "
					      "give each side at least 6 runs"));
	ts_remove_tree(out);
	/* gated on the CPU only: the throughput regression is not its business */
	const char *cpu_only[] = { "bulkxfer", "compare", old, slower, "--out", out, "--fail-on",
				   "sender_cpu_s,receiver_cpu_s", NULL };
	CU_ASSERT_EQUAL_FATAL(ts_run_bulkxfer(r, cpu_only), 0);
	CU_ASSERT_EQUAL(r->status, 0);
	ts_remove_tree(out);
	/* without --fail-on compare says regressed in its table and exits 0, as before */
	const char *plain[] = { "bulkxfer", "compare", old, slower, "--out", out, NULL };
	CU_ASSERT_EQUAL_FATAL(ts_run_bulkxfer(r, plain), 0);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_PTR_NULL(strstr(r->out, "regressed: "));
	ts_remove_tree(out);
	const char *bad[] = { "bulkxfer", "compare", old, slower, "--out", out, "--fail-on",
			      "slower", NULL };
	CU_ASSERT_EQUAL_FATAL(ts_run_bulkxfer(r, bad), 0);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "--fail-on 'slower'"));
	const char *three[] = { "bulkxfer", "compare", old, noise, slower, "--out", out,
				"--fail-on", "regressed", NULL };
	CU_ASSERT_EQUAL_FATAL(ts_run_bulkxfer(r, three), 0);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_FALSE(ts_exists(out));
	/* the example CI job refuses what would decide nothing before it builds or runs anything
	 * (its full run takes minutes: run by hand, see doc/details.md) */
	const char *no_baseline[] = { "bash", "scripts/compare-gate.sh", NULL };
	CU_ASSERT_EQUAL_FATAL(ts_run_program(r, NULL, no_baseline), 0);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "usage: compare-gate.sh BASELINE"));
	const char *few[] = { "bash", "scripts/compare-gate.sh", "HEAD", "1M", "3", NULL };
	CU_ASSERT_EQUAL_FATAL(ts_run_program(r, NULL, few), 0);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "ROUNDS 3: at least 5"));
	free(r);
	ts_remove_tree(dir);
}

int register_compare_suite(void)
{
	static const struct test_case cases[] = {
		{ "improved_regressed_and_left_out", test_improved_regressed_and_left_out },
		{ "three_machines_side_by_side", test_three_machines_side_by_side },
		{ "large_groups_judged_on_all_runs", test_large_groups_judged_on_all_runs },
		{ "usage_errors", test_usage_errors },
		{ "default_out_makes_results", test_default_out_makes_results },
		{ "fail_on_gates_a_regression", test_fail_on_gates_a_regression },
	};
	return TS_ADD_SUITE("compare", cases);
}
