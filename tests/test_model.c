/*
 * test_model.c - the cost model on data with a known answer: runs built from known costs per
 * call, per GiB copied, per page reference, per fault and per wake-up are fitted back exactly;
 * with noise, every 95% interval holds the true cost; a term no run varies is not identified, and
 * one the data make clearly negative is left out;
 * model.csv reads back what was written.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "test_support.h"

static const double truth[MODEL_NTERMS] = { 1.5e-6, 0.25, 0.2e-6, 2.0e-6, 6.0e-6, 1.0e-3 };

/* A run of method with per-side counts varied by i, its CPU made from truth (+ noise). */
static struct run_record synthetic(const char *method, int i, double noise)
{
	struct run_record r;
	memset(&r, 0, sizeof(r));
	snprintf(r.series, sizeof(r.series), "%s", i % 4 == 0 ? "study" : "chunk-sweep");
	snprintf(r.method, sizeof(r.method), "%s", method);
	r.bytes = (uint64_t)(64 + 32 * (i % 5)) << 20;
	struct half_figures *f[2] = { &r.producer_fig, &r.consumer_fig };
	for (int s = 0; s < 2; s++) {
		f[s]->syscalls = (uint64_t)(1000 + 997 * ((i * 7 + s * 3) % 11)) * 16;
		f[s]->minflt = 100 + 37 * ((i * 5 + s) % 13);
		f[s]->vcsw = 10 + 11 * ((i * 3 + s * 2) % 17);
		struct model_counts c;
		model_counts_of(&r, (enum model_side)s, &c);	/* the copies and page refs */
		double cpu = 0;
		for (int t = 0; t < MODEL_NTERMS; t++)
			cpu += truth[t] * c.x[t];
		f[s]->sys_s = cpu * (1 + noise * (((i * 13 + s * 5) % 7) - 3) / 3.0);
	}
	return r;
}

static void fit_of(double noise, struct cost_model *m, size_t *n_out)
{
	static const char *const methods[] = { "pipe", "splice", "shm", "vmsplice", "shm-rw" };
	struct run_record r[100];
	size_t n = 0;
	for (int i = 0; i < 20; i++)
		for (int k = 0; k < 5; k++)
			r[n++] = synthetic(methods[k], i * 5 + k, noise);
	CU_ASSERT_EQUAL_FATAL(model_fit(r, n, NULL, m), 0);
	*n_out = n;
}

static void test_exact_fit(void)
{
	struct cost_model m;
	size_t n;
	fit_of(0, &m, &n);
	CU_ASSERT_EQUAL(m.n, 2 * n);
	for (int t = 0; t < MODEL_NTERMS; t++) {
		CU_ASSERT_TRUE(m.identified[t]);
		CU_ASSERT_DOUBLE_EQUAL(m.coef[t] / truth[t], 1, 1e-6);
	}
	CU_ASSERT_DOUBLE_EQUAL(m.r2, 1, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(model_readable(TERM_CALL, m.coef[TERM_CALL]), 1.5, 1e-5);
	CU_ASSERT_STRING_EQUAL(model_readable_unit(TERM_CALL), "us per call");
}

static void test_noisy_fit_covers_truth(void)
{
	struct cost_model m;
	size_t n;
	fit_of(0.05, &m, &n);
	for (int t = 0; t < MODEL_NTERMS; t++) {
		CU_ASSERT_TRUE(m.low[t] <= truth[t] && truth[t] <= m.high[t]);
		if (!(m.low[t] <= truth[t] && truth[t] <= m.high[t]))
			fprintf(stderr, "\n  %s: [%g, %g] misses %g\n", model_term_name((enum model_term)t),
				m.low[t], m.high[t], truth[t]);
	}
	CU_ASSERT_TRUE(m.r2 > 0.9 && m.r2 < 1);
	/* The breakdown adds up to the prediction. */
	struct run_record r = synthetic("pipe", 3, 0);
	struct model_counts c;
	model_counts_of(&r, SIDE_RECEIVER, &c);
	double parts[MODEL_NTERMS], sum = 0, whole = model_predict(&m, &c, parts);
	for (int t = 0; t < MODEL_NTERMS; t++)
		sum += parts[t];
	CU_ASSERT_DOUBLE_EQUAL(sum, whole, 1e-12);
}

/* A term the data make clearly negative is no cost: it is left out and said to be. */
static void test_negative_term_is_zeroed(void)
{
	struct run_record r[60];
	for (int i = 0; i < 60; i++) {
		r[i] = synthetic(i % 3 ? "pipe" : "splice", i, 0);
		/* Take 10 us per sleep off every side's CPU: a "negative wake-up cost". */
		r[i].producer_fig.sys_s -= 10e-6 * (double)r[i].producer_fig.vcsw;
		r[i].consumer_fig.sys_s -= 10e-6 * (double)r[i].consumer_fig.vcsw;
	}
	struct cost_model m;
	CU_ASSERT_EQUAL_FATAL(model_fit(r, 60, NULL, &m), 0);
	CU_ASSERT_FALSE(m.identified[TERM_WAKEUP]);
	CU_ASSERT_TRUE(m.zeroed[TERM_WAKEUP]);
	CU_ASSERT_TRUE(m.identified[TERM_CALL] && m.coef[TERM_CALL] > 0);
}

static void test_unvaried_term_and_csv(void)
{
	/* Only methods that hand no page references over: that term cannot be fitted. */
	struct run_record r[40];
	for (int i = 0; i < 40; i++)
		r[i] = synthetic(i % 2 ? "pipe" : "shm", i, 0);
	struct cost_model m;
	CU_ASSERT_EQUAL_FATAL(model_fit(r, 40, NULL, &m), 0);
	CU_ASSERT_FALSE(m.identified[TERM_PAGE_REF]);
	CU_ASSERT_TRUE(m.identified[TERM_CALL]);
	/* Excluding a series leaves its runs out. */
	struct cost_model without;
	CU_ASSERT_EQUAL(model_fit(r, 40, "study", &without), 0);
	CU_ASSERT_EQUAL(without.n, 2 * 30);
	char dir[64], path[128];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/model.csv", dir);
	CU_ASSERT_EQUAL(model_write_csv(path, &m), 0);
	struct cost_model back;
	CU_ASSERT_EQUAL(model_read_csv(path, &back), 0);
	for (int t = 0; t < MODEL_NTERMS; t++) {
		CU_ASSERT_EQUAL(back.identified[t], m.identified[t]);
		if (m.identified[t])
			CU_ASSERT_DOUBLE_EQUAL(back.coef[t] / m.coef[t], 1, 1e-5);
	}
	FILE *f = fopen(path, "r");
	char line[128] = "";
	CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof(line), f));
	CU_ASSERT_STRING_EQUAL(line, "side,term,coefficient,ci_low,ci_high,unit\n");
	fclose(f);
	/* Too few runs for six terms. */
	CU_ASSERT_EQUAL(model_fit(r, 2, NULL, &m), -1);
	ts_remove_tree(dir);
}

int register_model_suite(void)
{
	static const struct test_case cases[] = {
		{ "exact_fit", test_exact_fit },
		{ "noisy_fit_covers_truth", test_noisy_fit_covers_truth },
		{ "unvaried_term_and_csv", test_unvaried_term_and_csv },
		{ "negative_term_is_zeroed", test_negative_term_is_zeroed },
	};
	return TS_ADD_SUITE("model", cases);
}
