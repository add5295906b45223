/*
 * test_model.c - the cost model on data with a known answer: runs built from known costs per
 * call, per GiB copied, per page reference, per fault and per wake-up are fitted back exactly,
 * each side to its own costs; with noise, every 95% interval holds the true cost; a term no run
 * varies is not identified, and one the data make clearly negative is left out; the fit weighs
 * relative errors, so one huge run does not decide it; model.csv reads back what was written,
 * and an older one with side "both" serves both sides.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/judge/study.h"
#include "analysis/markdown/report_model.h"
#include "analysis/markdown/report_model_prose.h"
#include "analysis/model/model.h"
#include "catalog/methods.h"
#include "record/profile_set.h"
#include "test_support.h"

/* The receiver's costs are the sender's times RECEIVER_FACTOR: each side must get its own. */
static const double truth[MODEL_NTERMS] = { 1.5e-6, 0.25, 0.2e-6, 2.0e-6, 6.0e-6, 1.0e-3 };
#define RECEIVER_FACTOR 1.6

static double true_cost(enum model_side side, int t)
{
	return truth[t] * (side == SIDE_RECEIVER ? RECEIVER_FACTOR : 1);
}

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
			cpu += true_cost((enum model_side)s, t) * c.x[t];
		f[s]->sys_s = cpu * (1 + noise * (((i * 13 + s * 5) % 7) - 3) / 3.0);
	}
	return r;
}

static void fit_of(double noise, struct side_models *m, size_t *n_out)
{
	/* unix-sendfile's receiver splices socket -> pipe: page references on the receiving side */
	static const char *const methods[] = { "pipe", "splice", "shm", "vmsplice", "shm-rw",
					       "unix-sendfile" };
	struct run_record r[120];
	size_t n = 0;
	for (int i = 0; i < 20; i++)
		for (int k = 0; k < 6; k++)
			r[n++] = synthetic(methods[k], i * 6 + k, noise);
	CU_ASSERT_EQUAL_FATAL(model_fit_sides(r, n, NULL, m), 0);
	*n_out = n;
}

static void test_exact_fit(void)
{
	struct side_models ms;
	size_t n;
	fit_of(0, &ms, &n);
	for (int s = 0; s < MODEL_NSIDES; s++) {
		const struct cost_model *m = &ms.of[s];
		CU_ASSERT_EQUAL(m->n, n);
		for (int t = 0; t < MODEL_NTERMS; t++) {
			CU_ASSERT_TRUE(m->identified[t]);
			CU_ASSERT_DOUBLE_EQUAL(m->coef[t] / true_cost((enum model_side)s, t), 1, 1e-6);
		}
		CU_ASSERT_DOUBLE_EQUAL(m->r2, 1, 1e-9);
	}
	CU_ASSERT_DOUBLE_EQUAL(model_readable(TERM_CALL, ms.of[SIDE_SENDER].coef[TERM_CALL]), 1.5,
			       1e-5);
	CU_ASSERT_STRING_EQUAL(model_readable_unit(TERM_CALL), "us per call");
}

static void test_noisy_fit_covers_truth(void)
{
	struct side_models ms;
	size_t n;
	fit_of(0.05, &ms, &n);
	for (int s = 0; s < MODEL_NSIDES; s++) {
		const struct cost_model *m = &ms.of[s];
		for (int t = 0; t < MODEL_NTERMS; t++) {
			double want = true_cost((enum model_side)s, t);
			CU_ASSERT_TRUE(m->low[t] <= want && want <= m->high[t]);
			if (!(m->low[t] <= want && want <= m->high[t]))
				fprintf(stderr, "\n  %s %s: [%g, %g] misses %g\n",
					model_side_name((enum model_side)s),
					model_term_name((enum model_term)t), m->low[t], m->high[t], want);
		}
		CU_ASSERT_TRUE(m->r2 > 0.9 && m->r2 < 1);
	}
	/* The breakdown adds up to the prediction. */
	struct run_record r = synthetic("pipe", 3, 0);
	struct model_counts c;
	model_counts_of(&r, SIDE_RECEIVER, &c);
	double parts[MODEL_NTERMS], sum = 0;
	double whole = model_predict(&ms.of[SIDE_RECEIVER], &c, parts);
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
	CU_ASSERT_EQUAL_FATAL(model_fit(r, 60, NULL, SIDE_SENDER, &m), 0);
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
	struct side_models m;
	CU_ASSERT_EQUAL_FATAL(model_fit_sides(r, 40, NULL, &m), 0);
	CU_ASSERT_FALSE(m.of[SIDE_SENDER].identified[TERM_PAGE_REF]);
	CU_ASSERT_TRUE(m.of[SIDE_SENDER].identified[TERM_CALL]);
	/* Excluding a series leaves its runs out. */
	struct cost_model without;
	CU_ASSERT_EQUAL(model_fit(r, 40, "study", SIDE_RECEIVER, &without), 0);
	CU_ASSERT_EQUAL(without.n, 30);
	char dir[64], path[128];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/model.csv", dir);
	CU_ASSERT_EQUAL(model_write_csv(path, &m), 0);
	struct side_models back;
	CU_ASSERT_EQUAL(model_read_csv(path, &back), 0);
	for (int s = 0; s < MODEL_NSIDES; s++)
		for (int t = 0; t < MODEL_NTERMS; t++) {
			CU_ASSERT_EQUAL(back.of[s].identified[t], m.of[s].identified[t]);
			if (m.of[s].identified[t])
				CU_ASSERT_DOUBLE_EQUAL(back.of[s].coef[t] / m.of[s].coef[t], 1, 1e-5);
		}
	FILE *f = fopen(path, "r");
	char line[128] = "";
	CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof(line), f));
	CU_ASSERT_STRING_EQUAL(line, "side,term,coefficient,ci_low,ci_high,unit\n");
	CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof(line), f));
	CU_ASSERT_EQUAL(strncmp(line, "sender,call,", 12), 0);
	fclose(f);
	/* An older model.csv: one "both" row per term serves the two sides. */
	f = fopen(path, "w");
	fprintf(f, "side,term,coefficient,ci_low,ci_high,unit\nboth,call,1e-06,9e-07,1.1e-06,s/call\n"
		"both,copy,0.25,0.2,0.3,s/GiB\nboth,page_ref,,,,s/page\nboth,fault,,,,s/fault\n"
		"both,wakeup,,,,s/wakeup\nboth,fixed,0.001,0,0.002,s/transfer\n");
	fclose(f);
	CU_ASSERT_EQUAL(model_read_csv(path, &back), 0);
	CU_ASSERT_DOUBLE_EQUAL(back.of[SIDE_RECEIVER].coef[TERM_COPY], 0.25, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(back.of[SIDE_SENDER].coef[TERM_COPY], 0.25, 1e-12);
	CU_ASSERT_FALSE(back.of[SIDE_SENDER].identified[TERM_FAULT]);
	/* A term the fit made negative: written as 0 with no interval (the report's "0 (the fit
	 * made it negative ...)"), never as the empty cells of a term not identified. */
	struct side_models z;
	memset(&z, 0, sizeof(z));
	z.of[SIDE_SENDER].zeroed[TERM_WAKEUP] = 1;
	z.of[SIDE_SENDER].identified[TERM_COPY] = 1;
	z.of[SIDE_SENDER].coef[TERM_COPY] = 0.25;
	CU_ASSERT_EQUAL(model_write_csv(path, &z), 0);
	f = fopen(path, "r");
	int zero_rows = 0, empty_rows = 0;
	while (fgets(line, sizeof(line), f)) {
		zero_rows += strcmp(line, "sender,wakeup,0,,,s/wakeup\n") == 0;
		empty_rows += strstr(line, "sender,wakeup,,") != NULL;
	}
	fclose(f);
	CU_ASSERT_EQUAL(zero_rows, 1);
	CU_ASSERT_EQUAL(empty_rows, 0);
	CU_ASSERT_EQUAL(model_read_csv(path, &back), 0);
	CU_ASSERT_TRUE(back.of[SIDE_SENDER].zeroed[TERM_WAKEUP]);
	CU_ASSERT_FALSE(back.of[SIDE_SENDER].identified[TERM_WAKEUP]);
	CU_ASSERT_FALSE(back.of[SIDE_SENDER].zeroed[TERM_FAULT]);
	/* A side with a term missing is not a model. */
	f = fopen(path, "w");
	fprintf(f, "side,term,coefficient,ci_low,ci_high,unit\nsender,call,1e-06,9e-07,1.1e-06,s/call\n");
	fclose(f);
	CU_ASSERT_EQUAL(model_read_csv(path, &back), -EINVAL);
	/* Too few runs for six terms. */
	CU_ASSERT_EQUAL(model_fit_sides(r, 2, NULL, &m), -1);
	ts_remove_tree(dir);
}

/* Relative errors: ten runs of about 0.2 s that follow the costs exactly and one a thousand times
 * longer that took twice its cost.  Plain least squares bends the costs toward the big run (a
 * small run then comes out 2.4% off); weighted by 1 / CPU seconds the fit stays with the many
 * (0.3%), as the check by prediction, which judges relative errors, needs. */
static void test_fit_weighs_relative_errors(void)
{
	struct run_record r[11];
	for (int i = 0; i < 11; i++) {
		r[i] = synthetic(i % 2 ? "pipe" : "splice", i, 0);
		if (i == 10) {
			r[i].bytes *= 1000;	/* a run a thousand times longer, twice over */
			r[i].producer_fig.syscalls *= 1000;
			r[i].producer_fig.minflt *= 1000;
			r[i].producer_fig.vcsw *= 1000;
			struct model_counts c;
			model_counts_of(&r[i], SIDE_SENDER, &c);
			double cpu = 0;
			for (int t = 0; t < MODEL_NTERMS; t++)
				cpu += truth[t] * c.x[t];
			r[i].producer_fig.sys_s = 2 * cpu;
		}
	}
	struct cost_model m;
	CU_ASSERT_EQUAL_FATAL(model_fit(r, 11, NULL, SIDE_SENDER, &m), 0);
	struct model_counts c;
	model_counts_of(&r[1], SIDE_SENDER, &c);
	double predicted = model_predict(&m, &c, NULL);
	CU_ASSERT_DOUBLE_EQUAL(predicted / c.cpu_s, 1, 0.01);
	if (fabs(predicted / c.cpu_s - 1) > 0.01)
		fprintf(stderr, "\n  a small run predicted %g s, measured %g s\n", predicted, c.cpu_s);
}

/* A run of method at chunk on 1 GiB whose CPU is calls x call_s + GiB copied x copy_s on each
 * side, the calls from the method's theory: the prose's data with a known answer. */
static struct run_record costed(const char *method, const char *series, uint64_t chunk,
				double call_s, double copy_s)
{
	struct run_record r;
	memset(&r, 0, sizeof(r));
	snprintf(r.series, sizeof(r.series), "%s", series);
	snprintf(r.method, sizeof(r.method), "%s", method);
	r.bytes = 1ULL << 30;
	r.chunk = chunk;
	const struct method *m = methods_find(method);
	const struct half_ops *h[2] = { m->producer, m->consumer };
	struct half_figures *f[2] = { &r.producer_fig, &r.consumer_fig };
	for (int s = 0; s < 2; s++) {
		f[s]->syscalls = (r.bytes / chunk) * h[s]->syscalls_per_chunk;
		f[s]->sys_s = (double)f[s]->syscalls * call_s + h[s]->cpu_copies * copy_s;
	}
	return r;
}

#define PROSE_SYSCALLS "main;getppid;entry_SYSCALL_64_[k];do_syscall_64_[k]"
#define PROSE_COPY_K "main;read;entry_SYSCALL_64_[k];_copy_to_iter_[k]"
#define PROSE_FAULT "main;__memmove_avx_unaligned_erms;asm_exc_page_fault_[k]"

/* A study profile with a known answer: read/write spends 2 s a side in system calls and 1 s
 * copying; mmap+memcpy and splice spend 1 s a side in `other_stack`. */
static void prose_profiles(struct profile_set *set, const char *other_stack)
{
	memset(set, 0, sizeof(*set));
	for (int side = 0; side < 2; side++) {
		ts_profile_add_side(set, "study-profile", "pipe", 4096, side, PROSE_SYSCALLS, 2000, 3.0);
		stack_counts_add(&set->items[set->n - 1].stacks, PROSE_COPY_K, 1000);
		ts_profile_add_side(set, "study-profile", "shm-whole", 4096, side, other_stack, 1000,
				    1.0);
		ts_profile_add_side(set, "study-profile", "splice", CHUNK_REST, side, other_stack, 1000,
				    1.0);
	}
}

/* The appendix's sentences on the fit: the fit's largest term for each study difference
 * (copies when copies dominate the runs' costs, system calls when calls do), checked against
 * the profile's largest difference: agreeing when the profile saved most on the same term,
 * wrong when the profile's largest difference is elsewhere, and no judgement without a
 * profile; the table names the dominant term at 4 KiB and at 1 MiB. */
static void test_prose_judges_the_fit_by_the_profile(void)
{
	static const char *const methods[] = { "pipe", "shm-whole", "splice", "shm" };
	static const uint64_t chunks[] = { 4096, 65536, 1048576 };
	static const struct {
		double call_s, copy_s;
		const char *fit_top, *pipe_small, *pipe_large;
	} cases[] = {
		{ 0.1e-6, 1.0, "its largest term is copies", "| read/write (`pipe`) | copies (",
		  "| copies (" },
		{ 20e-6, 0.2, "its largest term is system calls", "| read/write (`pipe`) | system calls (",
		  "| copies (" },
	};
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct run_record r[64];
		size_t n = 0;
		for (size_t m = 0; m < 4; m++) {
			for (int run = 0; run < 3; run++)
				r[n++] = costed(methods[m], "study", 4096, cases[c].call_s, cases[c].copy_s);
			for (size_t k = 0; k < 3; k++)
				r[n++] = costed(methods[m], "chunk-sweep", chunks[k], cases[c].call_s,
						cases[c].copy_s);
		}
		struct side_models fit;
		CU_ASSERT_EQUAL_FATAL(model_fit_sides(r, n, NULL, &fit), 0);
		/* the other methods' 1 s a side is page faults: the profile's largest difference is
		 * read/write's system calls it does not make (-4 s), whichever the fit says */
		struct profile_set set;
		prose_profiles(&set, PROSE_FAULT);
		struct profile_difference d[STUDY_NROWS];
		for (size_t i = 1; i < STUDY_NROWS; i++)
			facts_profile_difference(&set, study_rows[i].method, study_rows[0].method,
						 &d[i]);
		for (int with = 0; with < 2; with++) {
			char *text = NULL;
			size_t len = 0;
			FILE *f = open_memstream(&text, &len);
			report_model_prose(f, r, n, &fit, NULL, with ? d : NULL);
			fclose(f);
			CU_ASSERT_PTR_NOT_NULL(strstr(text, cases[c].fit_top));
			CU_ASSERT_PTR_NOT_NULL(strstr(text, cases[c].pipe_small));
			const char *row = strstr(text, "| read/write (`pipe`) |");
			CU_ASSERT_PTR_NOT_NULL(row && strstr(strstr(row, " | ") + 3, cases[c].pipe_large));
			const char *judged = !with ? "No profile of both to judge the split by." :
					     c == 0 ? "the profile's largest difference in the fit's terms is "
						      "system calls (-4.00 s a run): the fit is wrong here." :
						      "the profile's largest difference in the fit's terms is "
						      "system calls (-4.00 s a run): the fit agrees with the "
						      "profile here.";
			CU_ASSERT_PTR_NOT_NULL(strstr(text, judged));
			CU_ASSERT_PTR_NOT_NULL(strstr(text, !with ? "" : c == 0 ?
				"largest difference in 0 of 2 comparisons." :
				"largest difference in 2 of 2 comparisons."));
			if (!strstr(text, judged) || !strstr(text, cases[c].fit_top))
				fprintf(stderr, "\n  prose: %s\n", text);
			free(text);
		}
		profile_set_free(&set);
	}
}

int register_model_suite(void)
{
	static const struct test_case cases[] = {
		{ "exact_fit", test_exact_fit },
		{ "noisy_fit_covers_truth", test_noisy_fit_covers_truth },
		{ "unvaried_term_and_csv", test_unvaried_term_and_csv },
		{ "negative_term_is_zeroed", test_negative_term_is_zeroed },
		{ "fit_weighs_relative_errors", test_fit_weighs_relative_errors },
		{ "prose_judges_the_fit_by_the_profile", test_prose_judges_the_fit_by_the_profile },
	};
	return TS_ADD_SUITE("model", cases);
}
