/*
 * memory_to_memory.c - "The IPC alone" as facts (see memory_to_memory.h).
 */
#include "analysis/facts/memory_to_memory.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/units.h"
#include "record/names.h"

int mem_is_memory_to_memory(const struct group *g)
{
	return strncmp(g->source, "memory", 6) == 0 && strcmp(g->sink_by, "-") != 0 &&
	       g->sink_by[0] != '\0';
}

static int is_file_to_file(const struct group *g)
{
	return (g->source[0] == '\0' || strcmp(g->source, "file") == 0) &&
	       (g->sink_by[0] == '\0' || strcmp(g->sink_by, "-") == 0) && g->busy_poll == 0;
}

double mem_memcpy_reference(const struct unit_costs *units, const struct group *g, int *keeps)
{
	*keeps = sink_by_name_keeps(g->sink_by);
	if (!units)
		return 0;
	if (*keeps)
		return units->memcpy_gib_s;
	for (size_t i = 0; i < REUSED_BUFFERS; i++)
		if (floor_reused_bytes[i] == g->chunk)
			return units->memcpy_reused_gib_s[i];
	return 0;
}

const struct group *mem_file_twin(const struct group *g, const struct group *groups,
					 size_t n)
{
	const struct group *best = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct group *t = &groups[i];
		if (!is_file_to_file(t) || strcmp(t->method, g->method) != 0 || t->chunk != g->chunk ||
		    strstr(t->series, "profile"))
			continue;
		if (!best || t->n > best->n || (t->n == best->n && t->bytes > best->bytes))
			best = t;
	}
	return best;
}

/* Each run of group g's CPU seconds per GiB (both sides) into v; how many. */
static size_t cpu_per_gib(const struct group *g, const struct run_record *r, size_t n, double *v)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (groups_holds(g, &r[i]) && r[i].bytes > 0)
			v[k++] = groups_run_cpu_per_gib(&r[i]);
	return k;
}

/* Whether groups a and b ran in the same span of time (their runs' timestamps overlap). */
static int overlapping(const struct group *a, const struct group *b, const struct run_record *r,
		       size_t n)
{
	char a_lo[32] = "~", a_hi[32] = "", b_lo[32] = "~", b_hi[32] = "";
	for (size_t i = 0; i < n; i++) {
		char *lo = groups_holds(a, &r[i]) ? a_lo : groups_holds(b, &r[i]) ? b_lo : NULL;
		char *hi = lo == a_lo ? a_hi : b_hi;
		if (!lo)
			continue;
		if (strcmp(r[i].timestamp, lo) < 0)
			snprintf(lo, 32, "%s", r[i].timestamp);
		if (strcmp(r[i].timestamp, hi) > 0)
			snprintf(hi, 32, "%s", r[i].timestamp);
	}
	return strcmp(a_lo, b_hi) <= 0 && strcmp(b_lo, a_hi) <= 0;
}

/* The memory-to-memory group of each (method, sink, polling) with the fastest median, in
 * first-seen order, into best[]; how many. */
static size_t best_settings(const struct group *g, size_t ng, const struct group **best)
{
	size_t nb = 0;
	for (size_t i = 0; i < ng; i++) {
		if (!mem_is_memory_to_memory(&g[i]) || strstr(g[i].series, "profile") ||
		    strstr(g[i].series, "placed"))	/* the placement pair: its own subsection */
			continue;
		size_t k = 0;
		while (k < nb && !(strcmp(best[k]->method, g[i].method) == 0 &&
				   strcmp(best[k]->sink_by, g[i].sink_by) == 0 &&
				   best[k]->busy_poll == g[i].busy_poll))
			k++;
		if (k == nb)
			best[nb++] = &g[i];
		else if (g[i].gib.median > best[k]->gib.median)
			best[k] = &g[i];
	}
	return nb;
}

int memory_to_memory_of(const struct run_record *records, size_t nrec, const struct group *g,
			size_t ng, struct memory_to_memory *out)
{
	memset(out, 0, sizeof(*out));
	const struct group **best = malloc((ng + 1) * sizeof(*best));
	double *a = malloc((nrec + 1) * sizeof(*a)), *b = malloc((nrec + 1) * sizeof(*b));
	size_t nb = best && a && b ? best_settings(g, ng, best) : 0;
	out->v = nb ? calloc(nb, sizeof(*out->v)) : NULL;
	int rc = best && a && b && (nb == 0 || out->v) ? 0 : -ENOMEM;
	for (size_t i = 0; rc == 0 && i < nb; i++) {
		struct memory_row *row = &out->v[out->n++];
		const struct group *m = best[i];
		row->memory = m;
		if (!out->fastest || m->gib.median > out->fastest->gib.median)
			out->fastest = m;
		row->twin = mem_file_twin(m, g, ng);
		if (!row->twin)
			continue;
		size_t na = cpu_per_gib(m, records, nrec, a), nf = cpu_per_gib(row->twin, records, nrec, b);
		row->share_valid = verdict_ratio(a, na, b, nf, &row->share) == 0 && row->share.valid;
		if (!row->share_valid)
			row->share.estimate = row->twin->cpu_per_gib.median > 0 ?
					      m->cpu_per_gib.median / row->twin->cpu_per_gib.median : 0;
		row->apart = !overlapping(m, row->twin, records, nrec);
		out->any_apart |= row->apart;
	}
	free(best), free(a), free(b);
	if (rc < 0)
		memory_to_memory_free(out);
	return rc;
}

void memory_to_memory_free(struct memory_to_memory *m)
{
	free(m->v);
	memset(m, 0, sizeof(*m));
}
