/*
 * report_model_section.c - report.md's appendix: the cost model fitted to the runs (the fit is
 * the job's facts'), its split of the study's differences, and the fit judged against the
 * profile, side by side in shares of each study side's CPU time.
 */
#include "analysis/markdown/report_model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/facts/facts.h"
#include "analysis/facts/study_profile.h"
#include "analysis/judge/study.h"
#include "analysis/markdown/report_profile.h"
#include "analysis/profile/profile_out.h"
#include "record/names.h"

/* ---- the model beside the profile ---------------------------------------------------- */

/* The profile's groups are the fit's terms (calls, copies, page refs, faults, wake-ups), with
 * everything else beside the fixed cost. */
#define NGROUPS MODEL_NTERMS
static const char *const group_names[NGROUPS] = { "calls", "copies", "page refs", "faults",
						  "wake-ups", "fixed + residual" };

static void measured_groups(const struct profile_row *row, double g[NGROUPS])
{
	memset(g, 0, NGROUPS * sizeof(g[0]));
	double t = row->total ? (double)row->total : 1;
	for (int c = 0; c < CAT_COUNT; c++)
		g[facts_term_of(c)] += (double)row->samples[c] / t;
}

static void model_groups(const double shares[MODEL_NTERMS + 1], double g[NGROUPS])
{
	for (int t = 0; t < MODEL_NTERMS; t++)
		g[t] = shares[t];
	g[TERM_FIXED] += shares[MODEL_NTERMS];	/* the residual beside the fixed cost */
}

static void print_beside_profile(FILE *f, const struct run_record *r, size_t n,
				 const struct profile_set *set, const struct side_models *model)
{
	if (!set || set->n == 0)
		return;
	fprintf(f, "\n#### The fitted model beside the profile\n\n");
	if (!model) {
		fprintf(f, "No model was fitted: nothing to compare.\n\n");
		return;
	}
	fprintf(f, "Shares of each study side's CPU time: the model's split of its median run "
		"(model) and the profile's (measured). Where they differ by more than %.0f points, the "
		"model is what is wrong: it is fitted to counts and cannot see a cost no count "
		"follows.\n\n| method | side |", 100 * PROFILE_MODEL_GAP);
	for (int g = 0; g < NGROUPS; g++)
		fprintf(f, " %s: model / measured |", group_names[g]);
	fprintf(f, "\n|---|---|");
	for (int g = 0; g < NGROUPS; g++)
		fprintf(f, "---:|");
	fputc('\n', f);
	char wrong[2048] = "";
	size_t wl = 0;
	const struct study_row *all[STUDY_NROWS + 1];
	study_rows_and_ring(all);
	for (size_t i = 0; i < STUDY_NROWS + 1; i++)
		for (int producer = 1; producer >= 0; producer--) {
			const struct side_profile *p = facts_study_side(set, all[i]->method, producer);
			double shares[MODEL_NTERMS + 1], mg[NGROUPS], pg[NGROUPS];
			if (!p || !report_model_shares(r, n, model, PHASE_STUDY, all[i]->method,
						       study_chunk_of(all[i]->method),
						       producer ? SIDE_SENDER : SIDE_RECEIVER, shares))
				continue;
			struct profile_row row;
			profile_row_of(p, &row);
			measured_groups(&row, pg);
			model_groups(shares, mg);
			fprintf(f, "| %s | %s |", study_display_name(all[i]->method),
				producer ? "sender" : "receiver");
			for (int g = 0; g < NGROUPS; g++) {
				int off = fabs(mg[g] - pg[g]) > PROFILE_MODEL_GAP;
				fprintf(f, " %s%.0f%% / %.0f%%%s |", off ? "**" : "", 100 * mg[g],
					100 * pg[g], off ? "**" : "");
				if (off && wl < sizeof(wrong) - 200)
					wl += (size_t)snprintf(wrong + wl, sizeof(wrong) - wl,
							       "- %s %s, %s: the model gives %.0f%%, the "
							       "profile measures %.0f%%: the model is "
							       "wrong here.\n", all[i]->method,
							       producer ? "sender" : "receiver",
							       group_names[g], 100 * mg[g], 100 * pg[g]);
			}
			fputc('\n', f);
		}
	fprintf(f, "\n%s\n", wl ? wrong : "The model and the profile agree within 10 points "
		"everywhere.\n");
}

int report_model_section(FILE *f, const struct job_facts *facts)
{
	const struct job_context *ctx = facts->ctx;
	struct model_checks checks = { ctx ? ctx->primitives : NULL,
				       ctx && ctx->limits ? ctx->limits->memcpy_gib_s : 0,
				       &facts->claims, job_facts_profiles(facts),
				       facts->study_differences };
	if (report_model_print(f, "Appendix: a cost model fitted to the runs", facts->records,
			       facts->n, &checks, facts->fitted ? &facts->model : NULL) != 0)
		return 0;
	/* the fit judged against what was measured: here, not in the main text */
	print_beside_profile(f, facts->records, facts->n, job_facts_profiles(facts), &facts->model);
	return 0;
}
