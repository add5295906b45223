/*
 * report_model_prose.c - the cost model in sentences (see report_model_prose.h): how the fit
 * splits the study's differences of CPU into its terms, set beside the study's verdicts and the
 * profile's measured split, and which term dominates each study method at 4 KiB and at 1 MiB.
 * Every number is the fit's coefficients times the runs' median counts, a measured median, a
 * verdict's interval or a profile's seconds; none is typed in.
 *
 * Why this section judges the fit, not the explanation: a fit can put the difference on a term
 * the profile shows to be small (on the development VM it put most of mmap+memcpy's difference
 * on system calls, which the profile measured at a fraction of the page faults).  Whether a
 * method takes less CPU is its verdict; where the difference lies is the profile's.  Here the
 * fit's largest term is only checked against the profile's largest difference.
 */
#include <math.h>
#include <string.h>

#include "analysis/markdown/report_model_prose.h"
#include "analysis/judge/study.h"
#include "analysis/model/model_runs.h"
#include "base/units.h"
#include "record/names.h"

#define CHUNK_SMALL 4096
#define CHUNK_LARGE 1048576

/* Sender + receiver of the runs sel picks: each term's predicted seconds (the fit times the
 * median counts), their sum, the measured CPU and the GiB moved.  Returns 0 when no run. */
static int both_sides(const struct run_record *r, size_t n, const struct model_selection *sel,
		      const struct side_models *m, double parts[MODEL_NTERMS], double *measured,
		      double *gib)
{
	memset(parts, 0, MODEL_NTERMS * sizeof(double));
	*measured = 0;
	*gib = 0;
	for (int s = 0; s < MODEL_NSIDES; s++) {
		struct model_counts med;
		double predicted, side_parts[MODEL_NTERMS];
		if (model_runs_medians(r, n, sel, (enum model_side)s, &m->of[s], &med, &predicted) == 0)
			return 0;
		model_predict(&m->of[s], &med, side_parts);
		for (int t = 0; t < MODEL_NTERMS; t++)
			parts[t] += side_parts[t];
		*measured += med.cpu_s;
	}
	for (size_t i = 0; i < n; i++)
		if (model_runs_selects(sel, &r[i])) {
			*gib = (double)r[i].bytes / GIB_BYTES;
			break;
		}
	return 1;
}

static const char *term_words(enum model_term t)
{
	static const char *const words[MODEL_NTERMS] = { "system calls", "copies", "page references",
							 "page faults", "wake-ups", "the fixed cost" };
	return words[t];
}

/* The term of d[] (a difference per term) largest in size. */
static int largest_term(const double d[MODEL_NTERMS])
{
	int largest = 0;
	for (int t = 1; t < MODEL_NTERMS; t++)
		if (fabs(d[t]) > fabs(d[largest]))
			largest = t;
	return largest;
}

/* read/write against a study row that copies less: the measured difference and its verdict,
 * the fit's split of it, and whether the fit's largest term is the profile's.  Returns 1 when
 * they agree, 0 when not, -1 when there is no profile to judge by, -2 when either has no runs
 * (nothing printed). */
static int explain_pair(FILE *f, const struct run_record *r, size_t n, const struct side_models *m,
			const struct claim_set *claims, const struct profile_difference *d,
			const struct study_row *rw, const struct study_row *other)
{
	struct model_selection a = { rw->method, PHASE_STUDY, 0, 0, 1 };
	struct model_selection b = { other->method, PHASE_STUDY, 0, 0, 1 };
	double pa[MODEL_NTERMS], pb[MODEL_NTERMS], ma, mb, ga, gb, fit[MODEL_NTERMS];
	if (!both_sides(r, n, &a, m, pa, &ma, &ga) || !both_sides(r, n, &b, m, pb, &mb, &gb))
		return -2;
	for (int t = 0; t < MODEL_NTERMS; t++)
		fit[t] = pb[t] - pa[t];
	fprintf(f, "- %s against %s: %.2f s against %.2f s of CPU (sender + receiver medians, "
		"%+.2f s)", other->label, rw->label, mb, ma, mb - ma);
	const struct claim *x = claims ? study_find(claims, PHASE_STUDY, CLAIM_RATIO,
						    METRIC_NAME_CPU_SUM, other->method,
						    rw->method) : NULL;
	if (x && x->r.valid)
		fprintf(f, "; over every round %s (CPU sum %.2f [%.2f, %.2f])", x->verdict,
			x->r.estimate, x->r.low, x->r.high);
	int fit_top = largest_term(fit);
	fprintf(f, ". The fit splits the difference of the medians: copies %+.2f s, system calls "
		"%+.2f s, page references %+.2f s, page faults %+.2f s, wake-ups %+.2f s, the fixed "
		"cost %+.2f s; its largest term is %s", fit[TERM_COPY], fit[TERM_CALL],
		fit[TERM_PAGE_REF], fit[TERM_FAULT], fit[TERM_WAKEUP], fit[TERM_FIXED],
		term_words((enum model_term)fit_top));
	if (!d || !d->known) {
		fprintf(f, ". No profile of both to judge the split by.\n");
		return -1;
	}
	int top = d->largest_term;
	/* The profile's rest (page cache, allocation, ...) is no count the fit has.  The terms
	 * gather the profile's categories (the faults term is page-fault handling and zeroing
	 * together), so they are named as terms, not as the categories report.md states apart. */
	fprintf(f, "; the profile's largest difference in the fit's terms is %s (%+.2f s a run): "
		"%s.\n", top == TERM_FIXED ? "in what no term of the fit counts (page cache, page "
		"allocation and the rest)" : top == TERM_FAULT ? "the faults term (page-fault handling "
		"and zeroing the new pages together)" : term_words((enum model_term)top),
		d->by_term[top], top == fit_top ? "the fit agrees with the profile here" :
		"the fit is wrong here");
	return top == fit_top;
}

/* "calls (47% of 1.21 s per GiB)" for method at chunk, from the runs at that chunk (the chunk
 * sweep's, else any series'); "not measured" when none. */
static void dominant_at(const struct run_record *r, size_t n, const struct side_models *m,
			const char *method, uint64_t chunk, char *out, size_t len)
{
	struct model_selection sel = { method, PHASE_CHUNK_SWEEP, 0, chunk, 0 };
	double parts[MODEL_NTERMS], measured, gib;
	if (!both_sides(r, n, &sel, m, parts, &measured, &gib)) {
		sel.series = NULL;
		if (!both_sides(r, n, &sel, m, parts, &measured, &gib)) {
			snprintf(out, len, "not measured");
			return;
		}
	}
	double total = 0;
	int top = 0;
	for (int t = 0; t < MODEL_NTERMS; t++) {
		total += parts[t];
		if (parts[t] > parts[top])
			top = t;
	}
	if (total <= 0 || gib <= 0) {
		snprintf(out, len, "nothing predicted");
		return;
	}
	snprintf(out, len, "%s (%.0f%% of the predicted %.2f s per GiB)",
		 term_words((enum model_term)top), 100 * parts[top] / total, total / gib);
}

void report_model_prose(FILE *f, const struct run_record *r, size_t n, const struct side_models *m,
			const struct claim_set *claims, const struct profile_difference *differences)
{
	fprintf(f, "\n#### How the fit splits the study's differences\n\n"
		"The study explained its ordering by copies: fewer copies, less CPU. Whether a method "
		"takes less CPU is its verdict; where the difference lies is measured in \"Where the "
		"CPU time goes, measured\". Here the fit's split of each difference (its terms' sum "
		"is the model's prediction, not the measurement) is checked against the profile's:\n\n");
	int pairs = 0, agreed = 0, printed = 0;
	for (size_t i = 1; i < STUDY_NROWS; i++) {
		int h = explain_pair(f, r, n, m, claims, differences ? &differences[i] : NULL,
				     &study_rows[0], &study_rows[i]);
		printed += h != -2;
		if (h >= 0) {
			pairs++;
			agreed += h;
		}
	}
	if (pairs > 0)
		fprintf(f, "\nThe fit's largest term is the profile's largest difference in %d of %d "
			"comparisons.\n", agreed, pairs);
	else if (printed == 0)
		fprintf(f, "- no study phase in these runs: nothing to say.\n");
	fprintf(f, "\nWhich term dominates each study method, sender + receiver, at %s and at %s "
		"per call:\n\n| method | at 4 KiB | at 1 MiB |\n|---|---|---|\n", "4 KiB", "1 MiB");
	const struct study_row *rows[STUDY_NROWS + 1];
	for (size_t i = 0; i < STUDY_NROWS; i++)
		rows[i] = &study_rows[i];
	rows[STUDY_NROWS] = &study_ring;
	for (size_t i = 0; i < STUDY_NROWS + 1; i++) {
		char small[96], large[96];
		dominant_at(r, n, m, rows[i]->method, CHUNK_SMALL, small, sizeof(small));
		dominant_at(r, n, m, rows[i]->method, CHUNK_LARGE, large, sizeof(large));
		fprintf(f, "| %s (`%s`) | %s | %s |\n", rows[i]->label, rows[i]->method, small, large);
	}
}
