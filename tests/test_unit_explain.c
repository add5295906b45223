/*
 * test_unit_explain.c - a claim explained by the machine's unit costs, on synthetic counts and
 * costs whose answer is known (analysis/model/unit_explain.h, analysis/report/answer_units.h),
 * and unit-costs.csv written and read back (host/unit_costs.h).
 */
#include <CUnit/CUnit.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "analysis/model/unit_explain.h"
#include "analysis/words/unit_words.h"
#include "test_support.h"

static const struct unit_costs costs = {
	.fault_s = 10e-6, .syscall_s = 1e-6, .wakeup_s = 5e-6, .memcpy_gib_s = 10,
	.kernel_copy_gib_s = 5,
};

/* mmap+memcpy-like a against read/write-like b: a takes 300k more faults per GiB (3 s at 10 us)
 * and 1M fewer calls (1 s), and costs 1 s per GiB more: faults decide it, and a would cost
 * less below 10 - 1 / 300000 s = 6.67 us a fault. */
static void make_pair(struct method_counts *a, struct method_counts *b)
{
	memset(a, 0, sizeof(*a));
	memset(b, 0, sizeof(*b));
	a->cpu_s = 4.0;
	a->faults = 300000;
	a->user_copies = 2;
	b->cpu_s = 3.0;
	b->calls = 1000000;
	b->kernel_copies = 4;
}

static int near(double x, double y)
{
	return fabs(x - y) <= 1e-9 + 1e-6 * fabs(y);
}

static void test_deciding_unit_and_crossover(void)
{
	struct method_counts a, b;
	make_pair(&a, &b);
	struct unit_explanation x;
	unit_explain(&a, &b, &costs, NAN, NAN, NULL, NULL, &x);
	CU_ASSERT_EQUAL(x.deciding, UNIT_FAULTS);
	CU_ASSERT_TRUE(near(x.delta_cpu_s, 1.0));
	CU_ASSERT_TRUE(near(x.delta_s[UNIT_FAULTS], 3.0));
	CU_ASSERT_TRUE(near(x.delta_s[UNIT_CALLS], -1.0));
	/* copies: 2 GiB more at memcpy's 0.1 s, 4 fewer at the kernel's 0.2 s */
	CU_ASSERT_TRUE(near(x.delta_s[UNIT_COPIES], 0.2 - 0.8));
	CU_ASSERT_TRUE(near(x.crossover, 10e-6 - 1.0 / 300000));
	CU_ASSERT_TRUE(near(x.crossover_low, x.crossover) && near(x.crossover_high, x.crossover));
	CU_ASSERT_EQUAL(x.profile_agrees, -1);
	/* the claim's interval of the difference, [0.5, 2.5] s: the turn lies in
	 * [10 - 2.5/3e5, 10 - 0.5/3e5] us */
	unit_explain(&a, &b, &costs, 0.5, 2.5, NULL, NULL, &x);
	CU_ASSERT_TRUE(near(x.crossover_low, 10e-6 - 2.5 / 300000));
	CU_ASSERT_TRUE(near(x.crossover_high, 10e-6 - 0.5 / 300000));
	/* the deciding unit pulls the difference's way: calls saved by a (-2 s) are larger but
	 * pull the other way, so the faults (+0.5 s) decide a's +1 s */
	struct method_counts c = a, e = b;
	c.faults = 50000;
	c.user_copies = 0;
	e.kernel_copies = 0;
	unit_explain(&c, &e, &costs, NAN, NAN, NULL, NULL, &x);
	CU_ASSERT_TRUE(near(x.delta_s[UNIT_CALLS], -1.0) && near(x.delta_s[UNIT_FAULTS], 0.5));
	e.calls = 2000000;
	unit_explain(&c, &e, &costs, NAN, NAN, NULL, NULL, &x);
	CU_ASSERT_EQUAL(x.deciding, UNIT_FAULTS);
	/* a difference larger than all its faults cost: no fault cost turns it */
	a.cpu_s = 7.5;
	unit_explain(&a, &b, &costs, NAN, NAN, NULL, NULL, &x);
	CU_ASSERT_EQUAL(x.deciding, UNIT_FAULTS);
	CU_ASSERT_TRUE(x.crossover <= 0);
}

/* The profile checks the deciding unit: its fault categories' difference within a factor of 2
 * of the counts' agrees; one that says the opposite does not. */
static void test_profile_checks_the_unit(void)
{
	struct method_counts a, b;
	make_pair(&a, &b);
	double pa[CAT_COUNT] = { 0 }, pb[CAT_COUNT] = { 0 };
	pa[CAT_PAGE_FAULT] = 1.5;
	pa[CAT_FIRST_TOUCH] = 1.0;	/* first touch is the faults' too */
	struct unit_explanation x;
	unit_explain(&a, &b, &costs, NAN, NAN, pa, pb, &x);
	CU_ASSERT_EQUAL(x.profile_agrees, 1);
	CU_ASSERT_TRUE(near(x.profile_s, 2.5));
	pa[CAT_PAGE_FAULT] = 0;
	pa[CAT_FIRST_TOUCH] = 0;
	pb[CAT_PAGE_FAULT] = 0.5;
	unit_explain(&a, &b, &costs, NAN, NAN, pa, pb, &x);
	CU_ASSERT_EQUAL(x.profile_agrees, 0);
}

/* The sentences a reader gets: the crossover where the 2014 order flips, stated at the end of
 * the interval; nothing stated where the profile disagrees; none where nothing was explained. */
static void test_the_sentences(void)
{
	struct finding_pair fp;
	memset(&fp, 0, sizeof(fp));
	fp.a_name = "mmap+memcpy";
	fp.b_name = "read/write";
	fp.explained = 1;
	fp.flips = 1;
	struct method_counts a, b;
	make_pair(&a, &b);
	unit_explain(&a, &b, &costs, 0.5, 2.5, NULL, NULL, &fp.units);
	char text[640];
	CU_ASSERT_PTR_NOT_NULL_FATAL(answer_units_sentence(&fp, text, sizeof(text)));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "of which faults account for +3.000 s at 10.00 us each"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "mmap+memcpy would cost less than read/write here only "
				      "if a fault cost under 8.33 us"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "it costs 10.00 us"));
	fp.flips = 0;	/* the 2014 order holds: no crossover to state */
	answer_units_sentence(&fp, text, sizeof(text));
	CU_ASSERT_PTR_NULL(strstr(text, "only if"));
	fp.flips = 1;
	double pa[CAT_COUNT] = { 0 }, pb[CAT_COUNT] = { 0 };
	pb[CAT_PAGE_FAULT] = 0.5;
	unit_explain(&a, &b, &costs, 0.5, 2.5, pa, pb, &fp.units);
	answer_units_sentence(&fp, text, sizeof(text));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "it is not explained here"));
	CU_ASSERT_PTR_NULL(strstr(text, "only if"));
	fp.explained = 0;
	CU_ASSERT_PTR_NULL(answer_units_sentence(&fp, text, sizeof(text)));
	char u[400];
	CU_ASSERT_PTR_NOT_NULL(answer_unit_costs_text(&costs, u, sizeof(u)));
	CU_ASSERT_PTR_NOT_NULL(strstr(u, "a fault on fresh memory 10.00 us"));
	struct unit_costs none = { 0 };
	CU_ASSERT_PTR_NULL(answer_unit_costs_text(&none, u, sizeof(u)));
}

/* unit-costs.csv: what is written reads back; no file is ENOENT; a bad value is one line
 * naming the file and the line. */
static void test_unit_costs_file(void)
{
	char dir[256], path[512];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/" UNIT_COSTS_FILE, dir);
	struct unit_costs back;
	struct bx_error err = { 0, "" };
	CU_ASSERT_EQUAL(unit_costs_read(path, &back, &err), -ENOENT);
	CU_ASSERT_EQUAL(unit_costs_write(path, &costs), 0);
	CU_ASSERT_EQUAL(unit_costs_read(path, &back, &err), 0);
	CU_ASSERT_TRUE(near(back.fault_s, costs.fault_s) && near(back.syscall_s, costs.syscall_s) &&
		       near(back.wakeup_s, costs.wakeup_s) &&
		       near(back.memcpy_gib_s, costs.memcpy_gib_s) &&
		       near(back.kernel_copy_gib_s, costs.kernel_copy_gib_s));
	FILE *f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("quantity,value\nfault_s,1e-5\nnewer_quantity,3\nsyscall_s,-1\n", f);
	fclose(f);
	CU_ASSERT_EQUAL(unit_costs_read(path, &back, &err), BX_EXIT_USAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "line 4"));
	CU_ASSERT_PTR_NULL(strchr(err.msg, '\n'));
	unlink(path);
	ts_remove_tree(dir);
}

int register_unit_explain_suite(void)
{
	static const struct test_case cases[] = {
		{ "deciding_unit_and_crossover", test_deciding_unit_and_crossover },
		{ "profile_checks_the_unit", test_profile_checks_the_unit },
		{ "the_sentences", test_the_sentences },
		{ "unit_costs_file", test_unit_costs_file },
	};
	return TS_ADD_SUITE("unit_explain", cases);
}
