/*
 * study_profile.h - the study's profiled sides added up: where each of its three methods spends
 * its CPU, by the profile's categories and by the cost model's terms.  Worked out here once, so
 * the answer, the profile section and the model's appendix read the same sums.
 */
#ifndef BX_FACTS_STUDY_PROFILE_H
#define BX_FACTS_STUDY_PROFILE_H

#include "analysis/judge/study.h"
#include "analysis/model/model.h"
#include "analysis/profile/categories.h"
#include "record/profile_set.h"

/* The study phase's profile of method's sending (producer 1) or receiving (0) side at the
 * study's chunk, or NULL when it was not profiled. */
const struct side_profile *facts_study_side(const struct profile_set *set, const char *method,
					    int producer);

/* The CPU seconds per run of each category, both sides of method's study-profile runs added,
 * into cat[CAT_COUNT]; returns their total, or -1 when either side was not profiled. */
double facts_study_cpu(const struct profile_set *set, const char *method, double cat[CAT_COUNT]);

/* The fit's term a category's time belongs to: calls = system call entry and exit, copies =
 * the three copy categories, page refs = pipe and splice bookkeeping, faults = page-fault
 * handling and zeroing, wake-ups = sleeps and scheduling, TERM_FIXED for the rest. */
int facts_term_of(int category);

/* facts_study_cpu in the fitted model's terms (facts_term_of), into t[MODEL_NTERMS]; returns
 * the total, or -1 when either side was not profiled. */
double facts_study_terms(const struct profile_set *set, const char *method,
			 double t[MODEL_NTERMS]);

/* The profile's difference between method and against (read/write), both sides added, per
 * profiled run: worked out once, so every view that states it states the same value. */
struct profile_difference {
	int known;			/* 1: both methods' sides were profiled */
	const char *method, *against;
	double cpu_s, against_cpu_s;	/* CPU seconds per run, both sides */
	double by_category[CAT_COUNT];	/* method's minus against's */
	int largest;			/* the category whose difference is largest in size */
	int largest_not_copy;		/* the same among the categories that are not copies */
	double copies;			/* the three copy categories' differences together */
	double by_term[MODEL_NTERMS];	/* the differences in the fit's terms (facts_term_of) */
	int largest_term;		/* the term whose difference is largest in size */
	/* The study's explanation judged (facts_judge_explanation): whether the method takes less
	 * CPU is its CPU-sum claim over every round (claim; NULL or no interval: the profiled
	 * runs alone); the explanation holds when it does and the copies make at least half of
	 * what it saved. */
	const struct claim *claim;
	int cheaper, costlier;
	int explanation_holds;
};

/* method's profile against against's, into *out (out->known 0 when either was not profiled or
 * set is NULL). */
void facts_profile_difference(const struct profile_set *set, const char *method,
			      const char *against, struct profile_difference *out);

/* Judge the study's explanation ("fewer copies, less CPU") for *d from its CPU-sum claim
 * among claims (NULL: none, the profiled runs decide): fills d->claim, cheaper, costlier and
 * explanation_holds.  Nothing when d is not known. */
struct claim_set;
void facts_judge_explanation(struct profile_difference *d, const struct claim_set *claims);

#endif
