/*
 * summary.c - the human table and the JSON dump (see summary.h).
 */
#include "summary.h"

#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "units.h"

#define JSON_RECORD_MAX 8192

/* Values of one method's records, pulled out for the statistics. */
struct method_columns {
	double *gib, *sender_cpu, *receiver_cpu;
	size_t n;
};

static int collect(const struct series *s, const char *method, struct method_columns *c)
{
	memset(c, 0, sizeof(*c));
	c->gib = calloc(s->n ? s->n : 1, sizeof(double));
	c->sender_cpu = calloc(s->n ? s->n : 1, sizeof(double));
	c->receiver_cpu = calloc(s->n ? s->n : 1, sizeof(double));
	if (!c->gib || !c->sender_cpu || !c->receiver_cpu)
		return -1;
	for (size_t i = 0; i < s->n; i++) {
		const struct run_record *r = &s->records[i];
		if (strcmp(r->method, method) != 0)
			continue;
		c->gib[c->n] = r->gib_per_s;
		c->sender_cpu[c->n] = r->producer_fig.user_s + r->producer_fig.sys_s;
		c->receiver_cpu[c->n] = r->consumer_fig.user_s + r->consumer_fig.sys_s;
		c->n++;
	}
	return 0;
}

static void release(struct method_columns *c)
{
	free(c->gib);
	free(c->sender_cpu);
	free(c->receiver_cpu);
}

void summary_print_table(FILE *out, const struct run_options *o, const struct series *s)
{
	if (s->n == 0)
		return;
	char size[32], chunk[32];
	fprintf(out, "%s per run, chunk %s%s, end-to-end throughput in GiB/s (2^30 bytes/s)\n",
		units_format_size(s->records[0].bytes, size, sizeof(size)),
		units_format_size(o->chunk, chunk, sizeof(chunk)),
		o->verify ? ", every run verified with XXH3" : ", NOT verified (--no-verify)");
	fprintf(out, "%-10s %4s %8s %8s %8s %8s %8s   %10s %12s\n", "method", "runs", "median", "mean",
		"min", "max", "stddev", "sender_cpu", "receiver_cpu");
	for (size_t m = 0; m < o->nmethods; m++) {
		struct method_columns c;
		if (collect(s, o->methods[m]->name, &c) == 0 && c.n > 0) {
			struct stats_summary g, sc, rc;
			stats_summarize(c.gib, c.n, &g);
			stats_summarize(c.sender_cpu, c.n, &sc);
			stats_summarize(c.receiver_cpu, c.n, &rc);
			fprintf(out, "%-10s %4zu %8.3f %8.3f %8.3f %8.3f %8.3f   %9.3fs %11.3fs%s\n",
				o->methods[m]->name, c.n, g.median, g.mean, g.min, g.max, g.stddev,
				sc.median, rc.median, stats_is_noisy(&g) ? "  noisy (max/min > 1.5)" : "");
		}
		release(&c);
	}
}

void summary_print_json(FILE *out, const struct series *s)
{
	char buf[JSON_RECORD_MAX];
	fputs("[\n", out);
	for (size_t i = 0; i < s->n; i++) {
		if (results_format_json(&s->records[i], buf, sizeof(buf)) < 0)
			continue;
		fprintf(out, "  %s%s\n", buf, i + 1 < s->n ? "," : "");
	}
	fputs("]\n", out);
}
