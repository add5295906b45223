/*
 * results_json.c - results.json, the job's facts as JSON (see results_json.h).  A number JSON
 * cannot hold (an interval that does not exist, NaN) is written as null.
 */
#include "analysis/report/results_json.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/html/html_text.h"
#include "analysis/profile/categories.h"
#include "base/output_file.h"
#include "base/units.h"
#include "base/version.h"

/* A JSON number, or null when x is not finite (or when known is 0). */
static void number(FILE *f, double x, int known)
{
	if (known && isfinite(x))
		fprintf(f, "%.6g", x);
	else
		fputs("null", f);
}

/* "key": "text" (null for NULL), with a comma before it unless first. */
static void text_field(FILE *f, int first, const char *key, const char *text)
{
	fprintf(f, "%s\"%s\":", first ? "" : ",", key);
	if (text)
		html_json_string(f, text);
	else
		fputs("null", f);
}

/* A median with its interval: {"median", "low", "high", "level"}; the interval null with one
 * run. */
static void estimate(FILE *f, const char *key, const struct stats_summary *s)
{
	int ci = s->n >= 2;
	fprintf(f, ",\"%s\":{\"median\":", key);
	number(f, s->median, s->n > 0);
	fputs(",\"low\":", f);
	number(f, s->median_ci_low, ci);
	fputs(",\"high\":", f);
	number(f, s->median_ci_high, ci);
	fputs(",\"level\":", f);
	number(f, s->median_ci_level, ci);
	fputc('}', f);
}

static void provenance(FILE *f, const struct job_facts *facts)
{
	const struct run_record *r = facts->records;
	const struct job_context *ctx = facts->ctx;
	fputs("\"provenance\":{", f);
	text_field(f, 1, "runs_csv", facts->runs_csv);
	text_field(f, 0, "command", ctx ? ctx->command_line : NULL);
	fputs(",\"seed\":", f);
	number(f, ctx ? (double)ctx->seed : 0, ctx && ctx->command_line);
	fputs(",\"cpus\":", f);
	number(f, ctx ? (double)ctx->cpus : 0, ctx && ctx->cpus > 0);
	fputs(",\"memory_bytes\":", f);
	number(f, ctx ? (double)ctx->mem_bytes : 0, ctx && ctx->mem_bytes > 0);
	text_field(f, 0, "cpu_model", r[0].cpu_model);
	text_field(f, 0, "kernel", r[0].kernel);
	fprintf(f, ",\"runs\":%zu", facts->n);
	text_field(f, 0, "first_run", r[0].timestamp);
	text_field(f, 0, "last_run", r[facts->n - 1].timestamp);
	fputc('}', f);
}

static void groups(FILE *f, const struct job_facts *facts)
{
	fputs(",\"groups\":[", f);
	for (size_t i = 0; i < facts->ngroups; i++) {
		const struct group *g = &facts->groups[i];
		fputs(i ? ",{" : "{", f);
		text_field(f, 1, "series", g->series);
		text_field(f, 0, "method", g->method);
		text_field(f, 0, "producer", g->producer);
		text_field(f, 0, "consumer", g->consumer);
		text_field(f, 0, "source", g->source[0] ? g->source : "file");
		text_field(f, 0, "sink_by", g->sink_by[0] ? g->sink_by : "-");
		fprintf(f, ",\"bytes\":%llu,\"chunk\":%llu,\"pipe_size\":%llu,\"slots\":%llu,"
			"\"busy_poll\":%llu,\"spin_us\":%llu,\"runs\":%zu,\"host_took\":%zu,"
			"\"host_stole\":%zu", (unsigned long long)g->bytes,
			(unsigned long long)(g->chunk == CHUNK_REST ? 0 : g->chunk),
			(unsigned long long)g->pipe_size, (unsigned long long)g->slots,
			(unsigned long long)g->busy_poll, (unsigned long long)g->spin_us, g->n,
			g->host_took, g->host_stole);
		estimate(f, "gib_per_s", &g->gib);
		estimate(f, "cpu_s_per_gib", &g->cpu_per_gib);
		estimate(f, "sender_cpu_s", &g->sender_cpu);
		estimate(f, "receiver_cpu_s", &g->receiver_cpu);
		fputc('}', f);
	}
	fputc(']', f);
}

static void claims(FILE *f, const struct claim_set *c)
{
	fputs(",\"claims\":[", f);
	for (size_t i = 0; i < c->n; i++) {
		const struct claim *x = &c->v[i];
		fputs(i ? ",{" : "{", f);
		text_field(f, 1, "phase", x->phase);
		text_field(f, 0, "claim", x->claim);
		text_field(f, 0, "metric", x->metric);
		text_field(f, 0, "a", x->a);
		text_field(f, 0, "b", x->b);
		fputs(",\"estimate\":", f);
		number(f, x->r.estimate, x->r.valid || x->r.estimate > 0);
		fputs(",\"low\":", f);
		number(f, x->r.low, x->r.valid);
		fputs(",\"high\":", f);
		number(f, x->r.high, x->r.valid);
		fputs(",\"level\":", f);
		number(f, x->level > 0 ? x->level : 0.95, x->r.valid);
		text_field(f, 0, "verdict", x->verdict);
		fputc('}', f);
	}
	fputc(']', f);
}

static void findings(FILE *f, const struct findings *x)
{
	fputs(",\"findings\":{", f);
	text_field(f, 1, "ordering", x->ordering ? x->ordering->verdict : NULL);
	fputs(",\"why\":", f);
	if (x->why_category >= 0) {
		fputc('{', f);
		text_field(f, 1, "method", x->why_method);
		text_field(f, 0, "against", "pipe");
		text_field(f, 0, "category", category_label((enum category)x->why_category));
		fputs(",\"cpu_s_per_run\":", f);
		number(f, x->why_s, 1);
		fputc('}', f);
	} else {
		fputs("null", f);
	}
	fputs(",\"uses\":[", f);
	int first = 1;
	for (size_t u = 0; u < FINDING_USES; u++) {
		const struct group *g = x->uses[u].g;
		if (!g)
			continue;
		fputs(first ? "{" : ",{", f);
		first = 0;
		text_field(f, 1, "what", x->uses[u].what);
		text_field(f, 0, "method", g->method);
		text_field(f, 0, "series", g->series);
		fprintf(f, ",\"chunk\":%llu", (unsigned long long)(g->chunk == CHUNK_REST ? 0 : g->chunk));
		text_field(f, 0, "by", x->uses[u].by_cpu ? "cpu_s_per_gib" : "gib_per_s");
		estimate(f, "value", x->uses[u].by_cpu ? &g->cpu_per_gib : &g->gib);
		fprintf(f, ",\"clearly_ahead\":%s", x->uses[u].rival ? "false" : "true");
		fputc('}', f);
	}
	fputs("],\"not_run\":[", f);
	for (size_t k = 0; k < x->nmissing; k++) {
		if (k)
			fputc(',', f);
		html_json_string(f, x->missing[k]);
	}
	fputs("]}", f);
}

int results_json_write(const char *path, const struct job_facts *facts)
{
	struct output_file out;
	FILE *f = output_file_open(&out, path);
	if (!f)
		return -errno;
	fputc('{', f);
	text_field(f, 1, "schema", RESULTS_JSON_SCHEMA_ID);
	fputs(",\"bulkxfer\":{", f);
	text_field(f, 1, "version", bulkxfer_version());
	text_field(f, 0, "commit", bulkxfer_commit());
	fputs("},", f);
	provenance(f, facts);
	groups(f, facts);
	claims(f, &facts->claims);
	findings(f, &facts->findings);
	fputs("}\n", f);
	return output_file_close(&out, 1);
}
