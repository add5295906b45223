/*
 * profile_set.c - a series' profiles, added run by run (see profile_set.h).
 */
#include "record/profile_set.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int profile_set_folded_path(const char *prefix, int producer, char *path, size_t len)
{
	int n = snprintf(path, len, "%s.%s.folded", prefix, producer ? "producer" : "consumer");
	return n > 0 && (size_t)n < len ? 0 : -1;
}


const struct side_profile *profile_set_find(const struct profile_set *set, const char *series,
					    const char *method, uint64_t chunk, int producer)
{
	for (size_t i = 0; i < set->n; i++) {
		const struct side_profile *p = &set->items[i];
		if (p->chunk == chunk && p->producer == producer && strcmp(p->series, series) == 0 &&
		    strcmp(p->method, method) == 0)
			return p;
	}
	return NULL;
}

static struct side_profile *find_or_add(struct profile_set *set, const struct run_record *rec,
					int producer)
{
	struct side_profile *p = (struct side_profile *)profile_set_find(set, rec->series,
									 rec->method, rec->chunk,
									 producer);
	if (p)
		return p;
	if (set->n == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 8;
		struct side_profile *items = realloc(set->items, cap * sizeof(*items));
		if (!items)
			return NULL;
		set->items = items;
		set->cap = cap;
	}
	p = &set->items[set->n++];
	memset(p, 0, sizeof(*p));
	snprintf(p->series, sizeof(p->series), "%s", rec->series);
	snprintf(p->method, sizeof(p->method), "%s", rec->method);
	p->chunk = rec->chunk;
	p->producer = producer;
	snprintf(p->half, sizeof(p->half), "%s", producer ? rec->producer : rec->consumer);
	p->rates = set->rates;
	return p;
}

void profile_set_discard_run(const char *prefix)
{
	char path[4096];
	for (int producer = 0; producer < 2; producer++)
		if (profile_set_folded_path(prefix, producer, path, sizeof(path)) == 0)
			unlink(path);
}

int profile_set_add_run(struct profile_set *set, const struct run_record *rec,
			const char *prefix)
{
	int rc = 0;
	for (int producer = 1; producer >= 0 && rc == 0; producer--) {
		const struct half_figures *fig = producer ? &rec->producer_fig : &rec->consumer_fig;
		char path[4096];
		struct side_profile *p = find_or_add(set, rec, producer);
		if (!p)
			rc = -ENOMEM;
		else if (profile_set_folded_path(prefix, producer, path, sizeof(path)) < 0)
			rc = -ENAMETOOLONG;
		else
			rc = stack_counts_read(&p->stacks, path, NULL);
		if (rc < 0)
			break;
		p->runs++;
		p->bytes += rec->bytes;
		p->samples += fig->samples;
		p->lost += fig->lost;
		p->sampled_s += fig->sampled_s;
		p->cpu_s += fig->user_s + fig->sys_s;
	}
	profile_set_discard_run(prefix);
	return rc;
}

void profile_set_free(struct profile_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		stack_counts_free(&set->items[i].stacks);
	free(set->items);
	memset(set, 0, sizeof(*set));
}
