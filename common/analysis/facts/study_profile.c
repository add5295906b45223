/*
 * study_profile.c - the study's profiled sides added up (see study_profile.h).
 */
#include "analysis/facts/study_profile.h"

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
