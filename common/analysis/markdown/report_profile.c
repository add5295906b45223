/*
 * report_profile.c - "Where the CPU time goes, measured" (see report_profile.h).
 *
 * The profiled runs are three rounds of each phase's settings, spread among its measured rounds;
 * each figure here is a setting's samples summed over its profiled runs, per run: this section
 * says where a method's CPU time goes, the verdicts above say which method is cheaper.  The model comparison maps the profile's categories onto the fit's
 * terms: calls = system call entry and exit; copies = both copy categories; page refs = pipe and
 * splice bookkeeping; faults = page-fault handling and zeroing new pages; wake-ups = sleeps and
 * wake-ups and scheduling; fixed + residual = the rest.
 */
#include "analysis/markdown/report_profile.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/facts/study_profile.h"
#include "analysis/judge/sequential.h"
#include "analysis/judge/stats.h"
#include "analysis/judge/study.h"
#include "analysis/judge/verdict.h"
#include "analysis/markdown/report_profile_runs.h"
#include "analysis/profile/categories.h"
#include "analysis/profile/profile_out.h"
#include "analysis/words/sentences.h"
#include "base/units.h"
#include "record/names.h"

#define STUDY_PROFILE PHASE_STUDY PROFILE_SERIES_SUFFIX
#define TUNED_PROFILE PHASE_TUNED PROFILE_SERIES_SUFFIX

/* ---- agreement with getrusage ------------------------------------------------------- */

static void print_agreement(FILE *f, const struct profile_set *set)
{
	struct stats_values ratio = { 0 };
	int failed = 0;
	uint64_t samples = 0, lost = 0;
	for (size_t i = 0; i < set->n; i++) {
		const struct side_profile *p = &set->items[i];
		samples += p->samples;
		lost += p->lost;
		if (p->cpu_s > 0 && p->sampled_s > 0)
			failed |= stats_values_push(&ratio, p->sampled_s / p->cpu_s) < 0;
	}
	size_t k = ratio.n;
	if (k > 0 && !failed) {
		double *v = ratio.v;
		double med = stats_median_inplace(v, k);	/* sorts v: v[0], v[k - 1] the ends */
		fprintf(f, "The profiles hold %llu samples of %zu sides (%llu lost for want of ring "
			"space). The time they stand for against each side's own getrusage CPU "
			"seconds: median %.1f%%, from %.1f%% to %.1f%% (target: within 10%%): %s.\n\n",
			(unsigned long long)samples, k, (unsigned long long)lost, 100 * med,
			100 * v[0], 100 * v[k - 1], fabs(med - 1) <= 0.10 ? "met" : "missed");
	}
	stats_values_free(&ratio);
}

/* ---- the study sides ----------------------------------------------------------------- */

static void print_study_table(FILE *f, const struct profile_set *set)
{
	struct profile_row rows[2 * (STUDY_NROWS + 1)];
	const char *head[2 * (STUDY_NROWS + 1)];
	size_t k = 0;
	const struct study_row *all[STUDY_NROWS + 1];
	study_rows_and_ring(all);
	for (size_t i = 0; i < STUDY_NROWS + 1; i++)
		for (int producer = 1; producer >= 0; producer--) {
			const struct side_profile *p = facts_study_side(set, all[i]->method, producer);
			if (!p)
				continue;
			profile_row_of(p, &rows[k]);
			head[k++] = study_display_name(all[i]->method);
		}
	if (k == 0) {
		fprintf(f, "No study method was profiled.\n\n");
		return;
	}
	fprintf(f, "Each study side at the study's chunk: CPU seconds per profiled run (share of "
		"the side's samples, summed over its profiled runs).\n\n| category |");
	for (size_t i = 0; i < k; i++)
		fprintf(f, " %s %s |", head[i], rows[i].producer ? "sender" : "receiver");
	fprintf(f, "\n|---|");
	for (size_t i = 0; i < k; i++)
		fprintf(f, "---:|");
	fputc('\n', f);
	for (int c = 0; c < CAT_COUNT; c++) {
		fprintf(f, "| %s |", category_label((enum category)c));
		for (size_t i = 0; i < k; i++)
			fprintf(f, " %.3f (%.0f%%) |", rows[i].cpu_s[c],
				rows[i].total ? 100.0 * (double)rows[i].samples[c] /
						(double)rows[i].total : 0.0);
		fputc('\n', f);
	}
	fprintf(f, "| **all (samples)** |");
	for (size_t i = 0; i < k; i++) {
		double sum = 0;
		for (int c = 0; c < CAT_COUNT; c++)
			sum += rows[i].cpu_s[c];
		fprintf(f, " **%.3f** (%llu) |", sum, (unsigned long long)rows[i].total);
	}
	fprintf(f, "\n\n");
}

/* One study method against read/write: the profile's difference and the explanation's
 * verdict, both the job's facts (facts_profile_difference, facts_judge_explanation).  Returns 1
 * when the explanation holds, 0 when not, -1 when it cannot be judged. */
static int print_explanation_of(FILE *f, const struct profile_difference *d,
				const struct study_row *rw, const struct study_row *m)
{
	if (!d->known)
		return -1;
	double diff = d->cpu_s - d->against_cpu_s, copies = d->copies;
	/* The largest difference is the one the answer's "why" states when m is the claims'
	 * mmap+memcpy (shm-whole; a results file without it names shm there). */
	fprintf(f, "- %s (`%s`) against %s (`%s`): its profiled runs took %.3f s a run against %.3f s of "
		"CPU, both sides (%+.3f s). The largest difference between their profiles is %s "
		"(%+.3f s); the copy categories together account for %+.3f s", m->label, m->method,
		rw->label, rw->method, d->cpu_s, d->against_cpu_s, diff,
		category_label((enum category)d->largest), d->by_category[d->largest], copies);
	if (d->largest_not_copy >= 0 && d->largest_not_copy != d->largest)
		fprintf(f, ", and outside them the largest is %s (%+.3f s)",
			category_label((enum category)d->largest_not_copy),
			d->by_category[d->largest_not_copy]);
	fprintf(f, ". ");
	const struct claim *x = d->claim;
	if (x && x->r.valid)
		fprintf(f, "Over every round it is %s (CPU sum %.2f [%.2f, %.2f]). ",
			d->cheaper ? "cheaper" : d->costlier ? "costlier" : "no clearly different",
			x->r.estimate, x->r.low, x->r.high);
	if (d->explanation_holds)
		fprintf(f, "Fewer copies, less CPU: the explanation holds here, the copies make at "
			"least half of the saving.\n");
	else if (d->cheaper)
		fprintf(f, "It takes less CPU, but not mainly by copying less: the explanation does "
			"not account for it here.\n");
	else
		fprintf(f, "It takes %s: the explanation does not hold here%s.\n",
			d->costlier ? "more CPU, not less" : "no clearly less CPU",
			copies < 0 ? " (it copies less, and pays as much or more elsewhere)" : "");
	return d->explanation_holds;
}

static void print_explanation(FILE *f, const struct job_facts *facts)
{
	fprintf(f, "#### The study's explanation, judged from the profile\n\n"
		"The study explained its ordering by copies: fewer copies, less CPU. Whether a method "
		"takes less CPU is its verdict over every round (above); where the difference lies "
		"is measured in the profiled runs of each (CPU seconds per run):\n\n");
	int pairs = 0, held = 0;
	for (size_t i = 1; i < STUDY_NROWS; i++) {
		int h = print_explanation_of(f, &facts->study_differences[i], &study_rows[0],
					     &study_rows[i]);
		if (h >= 0) {
			pairs++;
			held += h;
		}
	}
	if (pairs == 0)
		fprintf(f, "- the study methods were not all profiled: nothing to judge.\n");
	else
		fprintf(f, "\nMeasured, this machine %s the study's explanation (%d of %d "
			"comparisons).\n", study_explanation_word(held, pairs), held, pairs);
	fputc('\n', f);
}

/* ---- the tuned methods --------------------------------------------------------------- */

static void print_tuned(FILE *f, const struct profile_set *set)
{
	int any = 0;
	for (size_t i = 0; i < set->n; i++) {
		const struct side_profile *p = &set->items[i];
		if (strcmp(p->series, TUNED_PROFILE) != 0)
			continue;
		if (!any)
			fprintf(f, "#### Each tuned method at its best chunk, measured\n\nRead/write "
				"at 4 KiB is the study's setting, profiled there.\n\n| method | "
				"chunk | side | CPU s | largest | second | third |\n"
				"|---|---:|---|---:|---|---|---|\n");
		any = 1;
		struct profile_row row;
		profile_row_of(p, &row);
		int top[3] = { -1, -1, -1 };
		for (int c = 0; c < CAT_COUNT; c++)
			for (int t = 0; t < 3; t++)
				if (top[t] < 0 || row.samples[c] > row.samples[top[t]]) {
					for (int u = 2; u > t; u--)
						top[u] = top[u - 1];
					top[t] = c;
					break;
				}
		double sum = 0;
		for (int c = 0; c < CAT_COUNT; c++)
			sum += row.cpu_s[c];
		char chunk[32];
		fprintf(f, "| %s | %s | %s | %.3f |", study_display_name(p->method),
			units_format_chunk(p->chunk, chunk, sizeof(chunk)),
			p->producer ? "sender" : "receiver", sum);
		for (int t = 0; t < 3; t++)
			fprintf(f, " %s %.0f%% |", category_label((enum category)top[t]),
				row.total ? 100.0 * (double)row.samples[top[t]] / (double)row.total : 0);
		fputc('\n', f);
	}
	if (any)
		fputc('\n', f);
}

/* ---- the section --------------------------------------------------------------------- */

int report_profile_print(FILE *f, const struct job_facts *facts)
{
	const struct job_context *ctx = facts->ctx;
	if (!ctx || (!ctx->profiles && !ctx->profile_why[0]))
		return 0;
	const struct run_record *r = facts->records;
	size_t n = facts->n;
	const struct profile_set *set = ctx->profiles;
	const char *why_none = ctx->profile_why;
	fprintf(f, "\n## Where the CPU time goes, measured\n\n");
	if (!set || set->n == 0) {
		fprintf(f, "No profile was taken: %s. The explanation of the costs above rests on "
			"the fitted model alone, which is a guess, not a measurement.\n\n",
			why_none && *why_none ? why_none : "none was asked for");
		return 0;
	}
	/* the profiled rounds of each phase: the highest run number of its profiled series */
	uint64_t study_rounds = 0, tuned_rounds = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t *at = strcmp(r[i].series, STUDY_PROFILE) == 0 ? &study_rounds :
			       strcmp(r[i].series, TUNED_PROFILE) == 0 ? &tuned_rounds : NULL;
		if (at && r[i].run > *at)
			*at = r[i].run;
	}
	if (study_rounds || tuned_rounds)
		fprintf(f, "The study's settings were profiled in %llu round%s of their own and the "
			"tuned settings in %llu, spread among each phase's first measured rounds "
			"(reproduce: after rounds 1, 3 and 5 of 6), so the profiled runs met the host's "
			"states the measured runs met; they enter no verdict, and \"The profiled runs "
			"beside the measured ones\" below says where each fell. ",
			(unsigned long long)study_rounds, study_rounds == 1 ? "" : "s",
			(unsigned long long)tuned_rounds);
	fprintf(f, "Each side sampled its own CPU time (perf_event_open, cpu-clock every %.0f ms of "
		"CPU, kernel and user call chains) from the start barrier to its last byte. "
		"Categories come from the frame table in `common/analysis/profile/categories.c`; the "
		"flame graphs and folded stacks are in `profile/`. One category is derived, not "
		"sampled: *first touch* is the part of a side's copy samples beyond what its bytes "
		"cost at this machine's warm copy rate (the half's copies per byte times the bytes, "
		"at the rate measured in this job): memory brought in under the copy, which on a "
		"guest whose hypervisor fills pages in lands under the copy's own instructions. A "
		"flame graph's copy frame holds both.\n\n",
		(double)PROFILE_PERIOD_NS / 1e6);
	print_agreement(f, set);
	print_study_table(f, set);
	fprintf(f, "![Where each side's CPU time goes, measured](profile/profile.png)\n\n"
		"Flame graphs of the study sides:");
	const struct study_row *all[STUDY_NROWS] = { &study_rows[0], &study_rows[1],
						     &study_rows[2] };
	for (size_t i = 0; i < STUDY_NROWS; i++)
		for (int producer = 1; producer >= 0; producer--) {
			const struct side_profile *p = facts_study_side(set, all[i]->method, producer);
			char base[160];
			if (!p)
				continue;
			profile_base_name(p, base, sizeof(base));
			fprintf(f, " [%s %s](profile/%s.svg)", study_display_name(all[i]->method),
				producer ? "sender" : "receiver", base);
		}
	fprintf(f, ".\n\n");
	print_explanation(f, facts);
	print_tuned(f, set);
	report_profile_runs_print(f, r, n);
	return 0;
}
