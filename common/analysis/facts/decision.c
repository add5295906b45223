/*
 * decision.c - "Which method, by size and side" (see decision.h).
 */
#include "analysis/facts/decision.h"

#include <string.h>

#include "base/units.h"
#include "catalog/methods.h"
#include "record/names.h"

/* Whether g belongs to row kind at size: its series, its source and what is fixed. */
static int in_row(const struct group *g, enum decision_kind kind, uint64_t size)
{
	int memory = strncmp(g->source, "memory", 6) == 0;
	int plain_sink = g->sink_by[0] == '\0' || strcmp(g->sink_by, "-") == 0;
	if (g->n == 0 || g->busy_poll)
		return 0;
	switch (kind) {
	case DECISION_MESSAGES:
		return strcmp(g->series, PHASE_CHUNK_SWEEP) == 0 && !memory && plain_sink &&
		       g->chunk == size;
	case DECISION_FILE:
		return strcmp(g->series, PHASE_SIZE_SWEEP) == 0 && !memory && plain_sink &&
		       g->bytes == size;
	case DECISION_JOB_FILE:
		return (strcmp(g->series, PHASE_TUNED) == 0 || strcmp(g->series, PHASE_STUDY) == 0) &&
		       !memory && plain_sink && g->bytes == size;
	case DECISION_MEMORY:
		return strcmp(g->series, PHASE_IPC_SWEEP) == 0 && memory &&
		       sink_by_name_keeps(g->sink_by) && g->bytes == size;
	}
	return 0;
}

static double value_of(const struct group *g, int by_cpu)
{
	return by_cpu ? g->cpu_per_gib.median : g->gib.median;
}

/* The best group of the row (least CPU per GiB, or fastest) and a rival of another method whose
 * interval overlaps it; how many methods ran in the row into *methods. */
static struct decision_pick pick(const struct group *g, size_t ng, enum decision_kind kind,
				 uint64_t size, int by_cpu, size_t *methods)
{
	struct decision_pick p = { NULL, NULL };
	*methods = 0;
	for (size_t i = 0; i < ng; i++) {
		if (!in_row(&g[i], kind, size))
			continue;
		int seen = 0;	/* a method counted once, whatever its chunks */
		for (size_t k = 0; k < i && !seen; k++)
			seen = in_row(&g[k], kind, size) && strcmp(g[k].method, g[i].method) == 0;
		*methods += !seen;
		double v = value_of(&g[i], by_cpu);
		if (!p.g || (by_cpu ? v < value_of(p.g, 1) : v > value_of(p.g, 0)))
			p.g = &g[i];
	}
	for (size_t i = 0; p.g && i < ng; i++) {
		const struct group *x = &g[i];
		if (!in_row(x, kind, size) || strcmp(x->method, p.g->method) == 0 || x->n < 2 ||
		    p.g->n < 2)
			continue;
		int overlaps = by_cpu ? x->cpu_per_gib.median_ci_low <= p.g->cpu_per_gib.median_ci_high :
				       x->gib.median_ci_high >= p.g->gib.median_ci_low;
		if (overlaps && (!p.rival || (by_cpu ? value_of(x, 1) < value_of(p.rival, 1) :
						       value_of(x, 0) > value_of(p.rival, 0))))
			p.rival = x;
	}
	return p;
}

static void add_row(const struct group *g, size_t ng, enum decision_kind kind, uint64_t size,
		    const char *series, struct decision_table *out)
{
	if (out->n >= DECISION_MAX_ROWS)
		return;
	for (size_t i = 0; i < out->n; i++)
		if (out->rows[i].kind == kind && out->rows[i].size == size)
			return;
	struct decision_row *r = &out->rows[out->n];
	r->kind = kind;
	r->size = size;
	r->series = series;
	size_t methods;
	r->least_cpu = pick(g, ng, kind, size, 1, &methods);
	r->fastest = pick(g, ng, kind, size, 0, &r->methods);
	if (r->fastest.g) {
		r->bytes = r->fastest.g->bytes;
		out->n++;
	}
}

/* The distinct sizes of kind's groups, ascending, as rows. */
static void add_sizes(const struct group *g, size_t ng, enum decision_kind kind,
		      const char *series, struct decision_table *out)
{
	for (;;) {
		uint64_t next = 0;
		for (size_t i = 0; i < ng; i++) {
			uint64_t size = kind == DECISION_MESSAGES ? g[i].chunk : g[i].bytes;
			int done = 0;
			for (size_t k = 0; k < out->n && !done; k++)
				done = out->rows[k].kind == kind && out->rows[k].size == size;
			if (!done && in_row(&g[i], kind, size) && (next == 0 || size < next))
				next = size;
		}
		size_t before = out->n;
		if (next == 0)
			return;
		add_row(g, ng, kind, next, series, out);
		if (out->n == before)
			return;
	}
}

void decision_table_of(const struct run_record *r, size_t n, const struct group *g, size_t ng,
		       struct decision_table *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < methods_count() && out->nmethods < DECISION_MAX_METHODS; i++) {
		struct decision_method *d = &out->methods[out->nmethods++];
		d->m = methods_at(i);
		d->verified = 1;
		for (size_t k = 0; k < n; k++)
			if (strcmp(r[k].method, d->m->name) == 0) {
				d->ran = 1;
				d->verified &= r[k].verified == 1;
			}
	}
	static const uint64_t messages[] = DECISION_MESSAGE_SIZES;
	for (size_t i = 0; i < sizeof(messages) / sizeof(messages[0]); i++)
		add_row(g, ng, DECISION_MESSAGES, messages[i], PHASE_CHUNK_SWEEP, out);
	add_sizes(g, ng, DECISION_FILE, PHASE_SIZE_SWEEP, out);
	add_sizes(g, ng, DECISION_JOB_FILE, PHASE_TUNED, out);
	add_sizes(g, ng, DECISION_MEMORY, PHASE_IPC_SWEEP, out);
	/* a size sweep's point at the job's own size: the job's row, with its many runs, says it */
	size_t kept = 0;
	for (size_t i = 0; i < out->n; i++) {
		int dup = 0;
		for (size_t k = 0; k < out->n && out->rows[i].kind == DECISION_FILE; k++)
			dup |= out->rows[k].kind == DECISION_JOB_FILE &&
			       out->rows[k].size == out->rows[i].size;
		if (!dup)
			out->rows[kept++] = out->rows[i];
	}
	out->n = kept;
}

void decision_side_cpu(const struct group *g, int producer, struct decision_side *out)
{
	const struct stats_summary *s = producer ? &g->sender_cpu : &g->receiver_cpu;
	double gib = (double)g->bytes / GIB_BYTES;
	memset(out, 0, sizeof(*out));
	if (gib <= 0)
		return;
	out->median = groups_side_cpu_per_gib(g, producer);	/* the one every view states */
	out->has_interval = g->n >= 2 && s->median_ci_level > 0;
	out->low = s->median_ci_low / gib;
	out->high = s->median_ci_high / gib;
	out->level = s->median_ci_level;
}
