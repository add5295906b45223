/*
 * series.h - the records of a series of runs as they land: every verified run in the order it
 * ran, and with --profile each setting's sampled stacks.  The runner fills one; the summary,
 * the reports and reproduce read it.
 */
#ifndef BX_SERIES_H
#define BX_SERIES_H

#include <stddef.h>

#include "record/profile_set.h"
#include "record/results.h"

struct series {
	struct run_record *records;	/* recorded runs, in the order they ran */
	size_t n, cap;
	size_t nskipped;		/* methods skipped as unsupported */
	struct profile_set profiles;	/* with o->profile: each setting's recorded runs, sampled */
};

/* Append a copy of *rec to s.  Returns 0, or -ENOMEM with s unchanged. */
int series_add(struct series *s, const struct run_record *rec);

/* Free the records and profiles of a series and zero it. */
void series_free(struct series *s);

#endif
