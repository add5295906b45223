/*
 * series.c - a series' records, grown as runs land (series.h).
 */
#include "record/series.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int series_add(struct series *s, const struct run_record *rec)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct run_record *grown = realloc(s->records, cap * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		s->records = grown;
		s->cap = cap;
	}
	s->records[s->n++] = *rec;
	return 0;
}

void series_free(struct series *s)
{
	free(s->records);
	profile_set_free(&s->profiles);
	memset(s, 0, sizeof(*s));
}
