/*
 * uring_pairs.c - each io_uring method beside its classic counterpart, as facts (see
 * uring_pairs.h).
 */
#include "analysis/facts/uring_pairs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "record/names.h"

static const struct {
	const char *uring, *classic;
} pairs[] = {
	{ "uring", "pipe" }, { "uring-splice", "splice" }, { "uring-zc", "tcp" },
};
#define NPAIRS (sizeof(pairs) / sizeof(pairs[0]))

const char *uring_counterpart(const char *method)
{
	for (size_t i = 0; i < NPAIRS; i++)
		if (strcmp(pairs[i].uring, method) == 0)
			return pairs[i].classic;
	return NULL;
}

/* A plain file-to-file group of method in series at chunk (0: any, the fastest) moving bytes
 * (0: any size), or NULL. */
static const struct group *find(const struct group *g, size_t ng, const char *series,
				const char *method, uint64_t chunk, uint64_t bytes)
{
	const struct group *best = NULL;
	for (size_t i = 0; i < ng; i++) {
		const struct group *x = &g[i];
		if (strcmp(x->series, series) != 0 || strcmp(x->method, method) != 0 ||
		    (chunk && x->chunk != chunk) || (bytes && x->bytes != bytes) ||
		    strncmp(x->source, "memory", 6) == 0 ||
		    x->busy_poll || (x->sink_by[0] && strcmp(x->sink_by, "-") != 0))
			continue;
		if (!best || x->gib.median > best->gib.median)
			best = x;
	}
	return best;
}

/* Each run of group x's figure (wall: wall_s; else both sides' CPU seconds) into v. */
static size_t values(const struct group *x, const struct run_record *r, size_t n, int wall,
		     double *v)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (groups_holds(x, &r[i]))
			v[k++] = wall ? r[i].wall_s : groups_run_cpu_s(&r[i]);
	return k;
}

/* a / b of each run's figure (wall or CPU) into *ci; 1 when it has an interval. */
static int ratio_of(const struct group *a, const struct group *b, const struct run_record *r,
		    size_t n, int wall, double *va, double *vb, struct ratio_ci *ci)
{
	size_t na = values(a, r, n, wall, va), nb = values(b, r, n, wall, vb);
	memset(ci, 0, sizeof(*ci));
	if (verdict_ratio(va, na, vb, nb, ci) < 0 || !ci->valid) {
		ci->estimate = ci->median_ratio > 0 ? ci->median_ratio : 0;
		return 0;
	}
	return 1;
}

static int add_pair(struct uring_pairs *out, size_t *cap, const struct group *a,
		    const struct group *b, const struct run_record *r, size_t n, double *va,
		    double *vb)
{
	if (out->n == *cap) {
		size_t grown_cap = *cap ? 2 * *cap : 8;
		struct uring_pair *grown = realloc(out->v, grown_cap * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		out->v = grown;
		*cap = grown_cap;
	}
	struct uring_pair *p = &out->v[out->n++];
	p->uring = a;
	p->classic = b;
	p->cpu_valid = ratio_of(a, b, r, n, 0, va, vb, &p->cpu);
	p->wall_valid = ratio_of(a, b, r, n, 1, va, vb, &p->wall);
	return 0;
}

int uring_pairs_of(const struct run_record *records, size_t nrec, const struct group *g,
		   size_t ng, struct uring_pairs *out)
{
	memset(out, 0, sizeof(*out));
	size_t cap = 0;
	double *va = malloc((nrec + 1) * sizeof(double)), *vb = malloc((nrec + 1) * sizeof(double));
	int rc = va && vb ? 0 : -ENOMEM;
	for (size_t s = 0; rc == 0 && s < ng; s++) {
		const char *series = g[s].series;
		int first = 1;	/* each series once, at its first group */
		for (size_t k = 0; k < s && first; k++)
			first = strcmp(g[k].series, series) != 0;
		if (!first || strstr(series, "profile") || strcmp(series, PHASE_STUDY) == 0)
			continue;
		for (size_t p = 0; rc == 0 && p < NPAIRS; p++) {
			int tuned = strcmp(series, PHASE_TUNED) == 0, sweep = groups_is_sweep(series);
			const struct group *u = find(g, ng, series, pairs[p].uring, 0, 0);
			if (!u)
				continue;
			for (size_t i = 0; rc == 0 && i < ng; i++) {
				const struct group *a = &g[i];
				if (strcmp(a->series, series) != 0 || strcmp(a->method, pairs[p].uring) ||
				    ((tuned || sweep) && a != u) ||
				    a != find(g, ng, series, a->method, a->chunk, a->bytes))
					continue;
				/* the same size always; the same chunk but in the tuned phase */
				const struct group *b = find(g, ng, series, pairs[p].classic,
							     tuned ? 0 : a->chunk, a->bytes);
				if (b)
					rc = add_pair(out, &cap, a, b, records, nrec, va, vb);
			}
		}
	}
	free(va);
	free(vb);
	if (rc < 0)
		uring_pairs_free(out);
	return rc;
}

void uring_pairs_free(struct uring_pairs *p)
{
	free(p->v);
	p->v = NULL;
	p->n = 0;
}
