/*
 * compare_json.c - compare.json (see compare_json.h).  A number that does not exist (an
 * interval of too few runs) is null.
 */
#include "analysis/compare/compare_json.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/html/html_text.h"
#include "analysis/judge/groups.h"
#include "base/io_util.h"
#include "base/output_file.h"
#include "base/units.h"
#include "base/version.h"

static void number(FILE *f, double x, int known)
{
	if (known && isfinite(x))
		fprintf(f, "%.6g", x);
	else
		fputs("null", f);
}

static void source(FILE *f, const char *key, const struct compare_source *s)
{
	fprintf(f, "\"%s\":{\"path\":", key);
	html_json_string(f, s->path);
	fputs(",\"kernel\":", f);
	html_json_string(f, s->kernel);
	fputs(",\"cpu_model\":", f);
	html_json_string(f, s->cpu_model);
	fprintf(f, ",\"runs\":%zu}", s->runs);
}

static void row(FILE *f, const struct compare_row *r, const char *const names[],
		const int higher_is_better[], const struct compare_gate *gate)
{
	const struct group *g = r->old_group;
	fputs("{\"label\":", f);
	html_json_string(f, r->label);
	fputs(",\"series\":", f);
	html_json_string(f, g->series);
	fputs(",\"method\":", f);
	html_json_string(f, g->method);
	fputs(",\"producer\":", f);
	html_json_string(f, g->producer);
	fputs(",\"consumer\":", f);
	html_json_string(f, g->consumer);
	fprintf(f, ",\"bytes\":%llu,\"chunk\":%llu,\"pipe_size\":%llu,\"slots\":%llu,"
		"\"spin_us\":%llu,\"old_runs\":%zu,\"new_runs\":%zu,\"measures\":{",
		(unsigned long long)g->bytes,
		(unsigned long long)(g->chunk == CHUNK_REST ? 0 : g->chunk),
		(unsigned long long)g->pipe_size, (unsigned long long)g->slots,
		(unsigned long long)g->spin_us, r->old_runs, r->new_runs);
	for (int m = 0; m < COMPARE_NMETRICS; m++) {
		fprintf(f, "%s\"%s\":{\"higher_is_better\":%s,\"old_median\":", m ? "," : "",
			names[m], higher_is_better[m] ? "true" : "false");
		number(f, r->m[m].old_median, 1);
		fputs(",\"new_median\":", f);
		number(f, r->m[m].new_median, 1);
		fputs(",\"ratio\":", f);
		number(f, r->m[m].ratio, 1);
		fputs(",\"low\":", f);
		number(f, r->m[m].low, r->m[m].valid);
		fputs(",\"high\":", f);
		number(f, r->m[m].high, r->m[m].valid);
		fputs(",\"verdict\":", f);
		html_json_string(f, r->m[m].verdict);
		if (gate->mask & (1u << m)) {
			fputs(",\"gate\":{\"low\":", f);
			number(f, r->m[m].gate_low, r->m[m].gate_valid);
			fputs(",\"high\":", f);
			number(f, r->m[m].gate_high, r->m[m].gate_valid);
			fprintf(f, ",\"regressed\":%s}", r->m[m].gate_regressed ? "true" : "false");
		}
		fputc('}', f);
	}
	fputs("}}", f);
}

int compare_json_write(const char *path, const struct compare_source sources[2],
		       const struct compare_row *rows, size_t n,
		       const char *const names[COMPARE_NMETRICS],
		       const int higher_is_better[COMPARE_NMETRICS], const struct compare_gate *gate,
		       struct bx_error *err)
{
	struct output_file out;
	FILE *f = output_file_open(&out, path);
	if (!f)
		return bx_fail(err, BX_EXIT_FAILURE, "compare: cannot write '%s': %s", path,
			       io_open_error(errno));
	fprintf(f, "{\"schema\":\"%s\",\"bulkxfer\":{\"version\":", COMPARE_JSON_SCHEMA_ID);
	html_json_string(f, bulkxfer_version());
	fputs(",\"commit\":", f);
	html_json_string(f, bulkxfer_commit());
	fputs("},", f);
	source(f, "old", &sources[0]);
	fputc(',', f);
	source(f, "new", &sources[1]);
	fputs(",\"groups\":[", f);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",\n" : "\n", f);
		row(f, &rows[i], names, higher_is_better, gate);
	}
	fputs("\n],\"gate\":", f);
	if (!gate->mask) {
		fputs("null", f);
	} else {
		fputs("{\"measures\":[", f);
		int first = 1;
		for (int m = 0; m < COMPARE_NMETRICS; m++)
			if (gate->mask & (1u << m)) {
				fprintf(f, "%s\"%s\"", first ? "" : ",", names[m]);
				first = 0;
			}
		fputs("],\"level\":", f);
		number(f, gate->level, 1);
		fprintf(f, ",\"judged\":%zu,\"regressed\":%zu,\"undecided\":%zu,\"passed\":%s}",
			gate->judged, gate->regressed, gate->undecided,
			gate->regressed == 0 ? "true" : "false");
	}
	fputs("}\n", f);
	int rc = output_file_close(&out, 1);
	if (rc < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "compare: cannot write '%s': %s", path,
			       strerror(-rc));
	return 0;
}
