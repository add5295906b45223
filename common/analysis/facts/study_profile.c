/*
 * study_profile.c - the study's profiled sides added up (see study_profile.h).
 */
#include "analysis/facts/study_profile.h"

#include <math.h>
#include <string.h>

#include "analysis/judge/study.h"
#include "analysis/profile/profile_out.h"
#include "record/names.h"

#define STUDY_PROFILE PHASE_STUDY PROFILE_SERIES_SUFFIX

const struct side_profile *facts_study_side(const struct profile_set *set, const char *method,
					    int producer)
{
	return profile_set_find(set, STUDY_PROFILE, method, study_chunk_of(method), producer);
}

double facts_study_cpu(const struct profile_set *set, const char *method, double cat[CAT_COUNT])
{
	memset(cat, 0, CAT_COUNT * sizeof(cat[0]));
	double total = 0;
	for (int producer = 0; producer < 2; producer++) {
		const struct side_profile *p = facts_study_side(set, method, producer);
		if (!p)
			return -1;
		struct profile_row row;
		profile_row_of(p, &row);
		for (int c = 0; c < CAT_COUNT; c++) {
			cat[c] += row.cpu_s[c];
			total += row.cpu_s[c];
		}
	}
	return total;
}

int facts_term_of(int category)
{
	switch (category) {
	case CAT_SYSCALL: return TERM_CALL;
	case CAT_COPY_KERNEL: case CAT_COPY_IN_KERNEL: case CAT_COPY_USER: return TERM_COPY;
	case CAT_PIPE_SPLICE: return TERM_PAGE_REF;
	case CAT_PAGE_FAULT: case CAT_ZERO_PAGES: return TERM_FAULT;
	case CAT_SLEEP_WAKE: case CAT_SCHED: case CAT_LOCK_SPIN: return TERM_WAKEUP;
	default: return TERM_FIXED;
	}
}

double facts_study_terms(const struct profile_set *set, const char *method,
			 double t[MODEL_NTERMS])
{
	double cat[CAT_COUNT];
	double total = facts_study_cpu(set, method, cat);
	memset(t, 0, MODEL_NTERMS * sizeof(t[0]));
	if (total < 0)
		return -1;
	for (int c = 0; c < CAT_COUNT; c++)
		t[facts_term_of(c)] += cat[c];
	return total;
}

static int copy_category(int c)
{
	return c == CAT_COPY_KERNEL || c == CAT_COPY_IN_KERNEL || c == CAT_COPY_USER;
}

void facts_profile_difference(const struct profile_set *set, const char *method,
			      const char *against, struct profile_difference *out)
{
	memset(out, 0, sizeof(*out));
	out->method = method;
	out->against = against;
	double a[CAT_COUNT], b[CAT_COUNT];
	if (!set || set->n == 0 || !method || !against)
		return;
	out->cpu_s = facts_study_cpu(set, method, a);
	out->against_cpu_s = facts_study_cpu(set, against, b);
	if (out->cpu_s < 0 || out->against_cpu_s < 0)
		return;
	out->known = 1;
	out->largest_not_copy = -1;
	for (int c = 0; c < CAT_COUNT; c++) {
		double d = a[c] - b[c];
		out->by_category[c] = d;
		out->by_term[facts_term_of(c)] += d;
		if (fabs(d) > fabs(out->by_category[out->largest]))
			out->largest = c;
		if (copy_category(c))
			out->copies += d;
		else if (out->largest_not_copy < 0 ||
			 fabs(d) > fabs(out->by_category[out->largest_not_copy]))
			out->largest_not_copy = c;
	}
	for (int t = 1; t < MODEL_NTERMS; t++)
		if (fabs(out->by_term[t]) > fabs(out->by_term[out->largest_term]))
			out->largest_term = t;
}

void facts_judge_explanation(struct profile_difference *d, const struct claim_set *claims)
{
	if (!d->known)
		return;
	double diff = d->cpu_s - d->against_cpu_s;
	d->claim = claims ? study_find(claims, PHASE_STUDY, CLAIM_RATIO, METRIC_NAME_CPU_SUM,
				       d->method, d->against) : NULL;
	int by_verdict = d->claim && d->claim->r.valid;
	d->cheaper = by_verdict ? d->claim->direction < 0 : diff < 0;
	d->costlier = by_verdict ? d->claim->direction > 0 : diff > 0;
	d->explanation_holds = d->cheaper && diff < 0 && d->copies < 0 && -d->copies >= -diff / 2;
}
