/*
 * profile_out.c - profile.csv, folded files, flame graphs and the category graph (see
 * profile_out.h).
 */
#include "analysis/profile/profile_out.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/profile/first_touch.h"
#include "analysis/profile/flamegraph.h"
#include "base/output_file.h"
#include "base/plots.h"
#include "base/units.h"

void profile_categorize(const struct stack_counts *sc, uint64_t counts[CAT_COUNT])
{
	memset(counts, 0, CAT_COUNT * sizeof(counts[0]));
	for (size_t i = 0; i < sc->n; i++)
		counts[category_of_stack(sc->items[i].stack)] += sc->items[i].count;
}

void profile_row_of(const struct side_profile *p, struct profile_row *row)
{
	memset(row, 0, sizeof(*row));
	snprintf(row->series, sizeof(row->series), "%s", p->series);
	snprintf(row->method, sizeof(row->method), "%s", p->method);
	row->chunk = p->chunk;
	row->producer = p->producer;
	profile_categorize(&p->stacks, row->samples);
	for (int c = 0; c < CAT_COUNT; c++)
		row->total += row->samples[c];
	double per_run = p->runs ? p->sampled_s / (double)p->runs : 0;
	for (int c = 0; c < CAT_COUNT && row->total; c++)
		row->cpu_s[c] = per_run * (double)row->samples[c] / (double)row->total;
	struct copy_bytes copied = first_touch_side_bytes(p);
	first_touch_split(row, &copied, &p->rates);
}

/* A chunk as a file name wants it: 4K, 1M, 1G, rest, or bytes. */
static void chunk_word(uint64_t chunk, char *buf, size_t len)
{
	if (chunk == CHUNK_REST)
		snprintf(buf, len, "rest");
	else if (chunk % (1ull << 30) == 0)
		snprintf(buf, len, "%lluG", (unsigned long long)(chunk >> 30));
	else if (chunk % (1ull << 20) == 0)
		snprintf(buf, len, "%lluM", (unsigned long long)(chunk >> 20));
	else if (chunk % 1024 == 0)
		snprintf(buf, len, "%lluK", (unsigned long long)(chunk >> 10));
	else
		snprintf(buf, len, "%llu", (unsigned long long)chunk);
}

void profile_base_name(const struct side_profile *p, char *buf, size_t len)
{
	char chunk[32];
	chunk_word(p->chunk, chunk, sizeof(chunk));
	snprintf(buf, len, "%s-%s-%s-%s", p->series, p->method, chunk,
		 p->producer ? "producer" : "consumer");
}

static int write_csv(const char *dir, const struct profile_set *set)
{
	char path[4096];
	struct output_file out;
	snprintf(path, sizeof(path), "%s/profile.csv", dir);
	FILE *f = output_file_open(&out, path);
	if (!f)
		return -errno;
	fprintf(f, "%s\n", PROFILE_CSV_HEADER);
	for (size_t i = 0; i < set->n; i++) {
		struct profile_row row;
		profile_row_of(&set->items[i], &row);
		for (int c = 0; c < CAT_COUNT; c++)
			fprintf(f, "%s,%s,%llu,%s,%s,%llu,%.6f,%.6f\n", row.series, row.method,
				(unsigned long long)(row.chunk == CHUNK_REST ? 0 : row.chunk), row.producer ? "producer" : "consumer",
				category_id((enum category)c), (unsigned long long)row.samples[c],
				row.total ? (double)row.samples[c] / (double)row.total : 0.0,
				row.cpu_s[c]);
	}
	return output_file_close(&out, 1);
}

/* plot-profile.csv: one bar per side (label, then each category's CPU seconds per run). */
static int write_plot_data(const char *dir, const struct profile_set *set, char *path,
			   size_t len)
{
	struct output_file out;
	snprintf(path, len, "%s/plot-profile.csv", dir);
	FILE *f = output_file_open(&out, path);
	if (!f)
		return -errno;
	fputs("side", f);
	for (int c = 0; c < CAT_COUNT; c++)
		fprintf(f, ",%s", category_label((enum category)c));
	fputc('\n', f);
	for (size_t i = 0; i < set->n; i++) {
		struct profile_row row;
		char chunk[32];
		profile_row_of(&set->items[i], &row);
		chunk_word(row.chunk, chunk, sizeof(chunk));
		/* short labels, so twenty bars stay readable: "study pipe 4K send" */
		size_t len = strlen(row.series), sl = strlen("-profile");
		if (len > sl && strcmp(row.series + len - sl, "-profile") == 0)
			len -= sl;
		fprintf(f, "%.*s %s %s %s", (int)len, row.series, row.method, chunk,
			row.producer ? "send" : "recv");
		for (int c = 0; c < CAT_COUNT; c++)
			fprintf(f, ",%.6f", row.cpu_s[c]);
		fputc('\n', f);
	}
	return output_file_close(&out, 1);
}

int profile_write_outputs(const char *dir, const struct profile_set *set, struct bx_error *err)
{
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot create profile directory '%s': %s", dir,
			       strerror(errno));
	int rc = write_csv(dir, set);
	for (size_t i = 0; rc == 0 && i < set->n; i++) {
		const struct side_profile *p = &set->items[i];
		char base[160], path[4096], title[256], chunk[32];
		profile_base_name(p, base, sizeof(base));
		snprintf(path, sizeof(path), "%s/%s.folded", dir, base);
		rc = stack_counts_write(&p->stacks, path);
		snprintf(path, sizeof(path), "%s/%s.svg", dir, base);
		snprintf(title, sizeof(title), "%s, %s chunk %s: %s side, %llu run(s)", p->series,
			 p->method, units_format_chunk(p->chunk, chunk, sizeof(chunk)),
			 p->producer ? "sending (producer)" : "receiving (consumer)",
			 (unsigned long long)p->runs);
		if (rc == 0)
			rc = flamegraph_write_svg(&p->stacks, title, path);
	}
	char data[4096];
	if (rc == 0)
		rc = write_plot_data(dir, set, data, sizeof(data));
	if (rc < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "writing the profile into '%s' failed: %s", dir,
			       strerror(-rc));
	char out[4096], log[4096];
	struct bx_error perr;
	snprintf(out, sizeof(out), "%s/profile", dir);
	snprintf(log, sizeof(log), "%s/gnuplot.log", dir);
	if (plots_render("profile", data, out, log, &perr) != 0)
		bx_print_error("%s (the profile graph is skipped; profile.csv has its numbers)",
			       perr.msg);
	return 0;
}

/* ---- reading profile.csv back -------------------------------------------------------- */

static struct profile_row *row_for(struct profile_row **rows, size_t *n, size_t *cap,
				   const char *series, const char *method, uint64_t chunk,
				   int producer)
{
	for (size_t i = 0; i < *n; i++) {
		struct profile_row *r = &(*rows)[i];
		if (r->chunk == chunk && r->producer == producer && strcmp(r->series, series) == 0 &&
		    strcmp(r->method, method) == 0)
			return r;
	}
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		struct profile_row *g = realloc(*rows, c * sizeof(*g));
		if (!g)
			return NULL;
		*rows = g;
		*cap = c;
	}
	struct profile_row *r = &(*rows)[(*n)++];
	memset(r, 0, sizeof(*r));
	snprintf(r->series, sizeof(r->series), "%s", series);
	snprintf(r->method, sizeof(r->method), "%s", method);
	r->chunk = chunk;
	r->producer = producer;
	return r;
}

int profile_read_csv(const char *path, struct profile_row **rows, size_t *n,
		     struct bx_error *err)
{
	*rows = NULL;
	*n = 0;
	FILE *f = fopen(path, "r");
	if (!f)
		return bx_fail(err, BX_EXIT_USAGE, "cannot read profile '%s': %s", path,
			       strerror(errno));
	char line[1024];
	size_t cap = 0, lineno = 0;
	int rc = 0;
	while (rc == 0 && fgets(line, sizeof(line), f)) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (lineno == 1) {
			if (strcmp(line, PROFILE_CSV_HEADER) != 0)
				rc = bx_fail(err, BX_EXIT_USAGE, "'%s' is not a profile.csv (its first "
					     "line is not \"%s\")", path, PROFILE_CSV_HEADER);
			continue;
		}
		char series[32], method[32], side[16], cat[32];
		unsigned long long chunk, samples;
		double share, cpu_s;
		int c = -1;
		if (sscanf(line, "%31[^,],%31[^,],%llu,%15[^,],%31[^,],%llu,%lf,%lf", series, method,
			   &chunk, side, cat, &samples, &share, &cpu_s) != 8 ||
		    (c = category_from_id(cat)) < 0 ||
		    (strcmp(side, "producer") != 0 && strcmp(side, "consumer") != 0)) {
			rc = bx_fail(err, BX_EXIT_USAGE, "%s:%zu: not a profile row: %s", path, lineno,
				     line);
			break;
		}
		struct profile_row *r = row_for(rows, n, &cap, series, method,
						chunk ? chunk : CHUNK_REST,
						strcmp(side, "producer") == 0);
		if (!r) {
			rc = bx_fail(err, BX_EXIT_FAILURE, "out of memory reading '%s'", path);
			break;
		}
		r->samples[c] = samples;
		r->cpu_s[c] = cpu_s;
		r->total += samples;
	}
	fclose(f);
	if (rc == 0 && lineno == 0)
		rc = bx_fail(err, BX_EXIT_USAGE, "profile '%s' is empty", path);
	if (rc) {
		free(*rows);
		*rows = NULL;
		*n = 0;
	}
	return rc;
}

/* ---- reading a profile directory back ------------------------------------------------ */

int profile_set_load(const char *dir, const struct run_record *records, size_t n,
		     struct profile_set *set, struct bx_error *err)
{
	char path[4096];
	struct profile_row *rows = NULL;
	size_t nrows = 0;
	snprintf(path, sizeof(path), "%s/profile.csv", dir);
	int rc = profile_read_csv(path, &rows, &nrows, err);
	for (size_t i = 0; rc == 0 && i < nrows; i++) {
		if (set->n == set->cap) {
			size_t cap = set->cap ? set->cap * 2 : 8;
			struct side_profile *items = realloc(set->items, cap * sizeof(*items));
			if (!items) {
				rc = bx_fail(err, BX_EXIT_FAILURE, "out of memory reading '%s'", dir);
				break;
			}
			set->items = items;
			set->cap = cap;
		}
		struct side_profile *p = &set->items[set->n++];
		memset(p, 0, sizeof(*p));
		snprintf(p->series, sizeof(p->series), "%s", rows[i].series);
		snprintf(p->method, sizeof(p->method), "%s", rows[i].method);
		p->chunk = rows[i].chunk;
		p->producer = rows[i].producer;
		p->rates = set->rates;
		char base[160];
		profile_base_name(p, base, sizeof(base));
		snprintf(path, sizeof(path), "%s/%s.folded", dir, base);
		int frc = stack_counts_read(&p->stacks, path, NULL);
		if (frc < 0) {
			rc = bx_fail(err, BX_EXIT_USAGE, "cannot read the profile's '%s': %s", path,
				     strerror(-frc));
			break;
		}
		for (size_t k = 0; k < n; k++) {
			const struct run_record *r = &records[k];
			const struct half_figures *fig = p->producer ? &r->producer_fig :
								       &r->consumer_fig;
			if (r->chunk != p->chunk || strcmp(r->series, p->series) != 0 ||
			    strcmp(r->method, p->method) != 0)
				continue;
			p->runs++;
			p->bytes += r->bytes;
			if (!p->half[0])
				snprintf(p->half, sizeof(p->half), "%s",
					 p->producer ? r->producer : r->consumer);
			p->samples += fig->samples;
			p->sampled_s += fig->sampled_s;
			p->cpu_s += fig->user_s + fig->sys_s;
		}
	}
	free(rows);
	return rc;
}
