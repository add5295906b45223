/*
 * report_model_prose.c - the cost model in sentences (see report_model_prose.h): does this machine bear
 * out the study's explanation, "fewer copies, less CPU", and which term dominates each study
 * method at 4 KiB and at 1 MiB.  Every number is the fit's coefficients times the runs' median
 * counts, or a measured median; none is typed in.
 *
 * How "bears out" is decided: for read/write against each method that copies less (mmap+memcpy,
 * splice), the measured difference of their CPU (sender + receiver medians) is split by the fit
 * into its terms.  The explanation holds for a pair when the method with fewer copies took less
 * CPU and the copy term is the largest share of the difference; it is borne out when it holds
 * for both pairs, in part for one, and not for none.
 */
#include <math.h>
#include <string.h>

#include "analysis/judge/study.h"
#include "analysis/model/model_runs.h"
#include "analysis/report/report_model_prose.h"
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

/* read/write against a study row that copies less: one sentence, and whether it holds. */
static int explain_pair(FILE *f, const struct run_record *r, size_t n, const struct side_models *m,
			const struct study_row *rw, const struct study_row *other)
{
	struct model_selection a = { rw->method, PHASE_STUDY, 0, 0, 1 };
	struct model_selection b = { other->method, PHASE_STUDY, 0, 0, 1 };
	double pa[MODEL_NTERMS], pb[MODEL_NTERMS], ma, mb, ga, gb;
	if (!both_sides(r, n, &a, m, pa, &ma, &ga) || !both_sides(r, n, &b, m, pb, &mb, &gb))
		return -1;
	int largest = 0;
	for (int t = 1; t < MODEL_NTERMS; t++)
		if (pa[t] - pb[t] > pa[largest] - pb[largest])
			largest = t;
	double copies = pa[TERM_COPY] - pb[TERM_COPY];
	int cheaper = mb < ma, holds = cheaper && largest == TERM_COPY;
	fprintf(f, "- %s took %.2f s of CPU (sender + receiver medians) against %s's %.2f s: %s. "
		"The fit puts %+.2f s of the difference on copies, %+.2f s on system calls, %+.2f s "
		"on page references, %+.2f s on page faults and %+.2f s on wake-ups; the largest "
		"part is %s, so here the explanation %s.\n", other->label, mb, rw->label, ma,
		cheaper ? "fewer copies, less CPU" : "fewer copies, yet no less CPU", -copies,
		-(pa[TERM_CALL] - pb[TERM_CALL]), -(pa[TERM_PAGE_REF] - pb[TERM_PAGE_REF]),
		-(pa[TERM_FAULT] - pb[TERM_FAULT]), -(pa[TERM_WAKEUP] - pb[TERM_WAKEUP]),
		term_words((enum model_term)largest),
		holds ? "holds" : cheaper ? "holds for the total but not for its reason" :
		"does not hold");
	return holds;
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

void report_model_prose(FILE *f, const struct run_record *r, size_t n, const struct side_models *m)
{
	fprintf(f, "\n#### What the fit says about the study's explanation\n\n"
		"The study explained its ordering by copies: fewer copies, less CPU. Each difference "
		"below is split by the fitted costs into its terms (their sum is the model's "
		"prediction of the difference, not the measured one):\n\n");
	int pairs = 0, held = 0;
	for (size_t i = 1; i < STUDY_NROWS; i++) {
		int h = explain_pair(f, r, n, m, &study_rows[0], &study_rows[i]);
		if (h >= 0) {
			pairs++;
			held += h;
		}
	}
	if (pairs == 0)
		fprintf(f, "- no study phase in these runs: nothing to say.\n");
	else
		fprintf(f, "\nBy the fit alone, this machine %s the study's explanation (%d of %d "
			"comparisons). That is the fit's guess, not a finding: where a profile was taken, "
			"\"Where the CPU time goes, measured\" judges the explanation from measured "
			"categories.\n", study_explanation_word(held, pairs), held, pairs);
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
