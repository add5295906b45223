/*
 * html_methods.c - one view per method in report.html (see html_methods.h).
 *
 * Why points, not bars: a median hides the runs the host slowed; each run as a point, coloured
 * by the host's part in it, shows a reader whether a group's spread is the method's or the
 * host's, and where the profiled runs sat among them.
 */
#include "analysis/html/html_methods.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/html/html_text.h"
#include "analysis/html/html_timeline.h"
#include "analysis/judge/groups.h"
#include "analysis/judge/study.h"
#include "analysis/markdown/report_profile.h"
#include "analysis/profile/categories.h"
#include "analysis/profile/profile_out.h"
#include "analysis/words/sentences.h"
#include "base/units.h"
#include "catalog/methods.h"
#include "record/names.h"

#define STRIP_MAX_POINTS 500	/* runs drawn on one setting's row, at most */
#define MAX_ROWS 16	/* settings of one method on its strip chart */
#define W 900.0
#define LEFT 170.0
#define ROW_H 26.0

static double cpu_per_gib(const struct run_record *r)
{
	double gib = r->bytes ? (double)r->bytes / GIB_BYTES : 1;
	return groups_run_cpu_s(r) / gib;
}

/* Whether run x belongs to group g's setting (series too when series is NULL: g's own). */
static int same_setting(const struct run_record *x, const struct group *g, const char *series)
{
	/* the numbers first: most runs of a pooled file differ there, and cheaply */
	return x->chunk == g->chunk && x->bytes == g->bytes && strcmp(x->method, g->method) == 0 &&
	       strcmp(x->series, series ? series : g->series) == 0;
}

/* The profiled series of g's ("study" -> "study-profile"). */
static void profiled_series(const struct group *g, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", g->series, PROFILE_SERIES_SUFFIX);
}

/* The largest CPU per GiB of any run of the settings rows[0..k), measured or profiled. */
static double strip_max(const struct run_record *r, size_t n, const struct group **rows, size_t k)
{
	double max = 0;
	char profs[MAX_ROWS][48];
	for (size_t j = 0; j < k; j++)
		profiled_series(rows[j], profs[j], sizeof(profs[j]));
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < k; j++)
			if ((same_setting(&r[i], rows[j], NULL) || same_setting(&r[i], rows[j], profs[j])) &&
			    cpu_per_gib(&r[i]) > max)
				max = cpu_per_gib(&r[i]);
	return max;
}

/* Every run of the method's settings (rows[0..k)) as a point on CPU seconds per GiB, on an
 * axis from 0 to max shared by every method's strip, so strips compare at a glance. */
static void strip_chart(FILE *f, const struct run_record *r, size_t n, const struct group **rows,
			size_t k, double max)
{
	char prof[48];
	if (max <= 0)
		return;
	double plot_w = W - LEFT - 20, h = ROW_H * (double)k + 50;
	size_t thinned = 1;	/* the largest stride of any row */
	fprintf(f, "<svg class=\"strip\" viewBox=\"0 0 %.0f %.0f\" role=\"img\"><title>Every run: "
		"CPU seconds per GiB, both sides</title>", W, h);
	for (size_t j = 0; j < k; j++) {
		const struct group *g = rows[j];
		double y = ROW_H * (double)j + ROW_H / 2 + 4;
		char chunk[32];
		fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", LEFT - 8, y + 4);
		html_text(f, g->series);
		fprintf(f, ", %s</text><line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"#eee\"/>", units_format_chunk(g->chunk, chunk, sizeof(chunk)), LEFT,
			W - 20, y, y);
		double med = LEFT + g->cpu_per_gib.median / max * plot_w;
		fprintf(f, "<line class=\"median\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"#000\" stroke-width=\"2\"><title>median %.3f s per GiB</title></line>",
			med, med, y - 9, y + 9, g->cpu_per_gib.median);
		profiled_series(g, prof, sizeof(prof));
		/* A pooled file's setting may have tens of thousands of runs: past STRIP_MAX_POINTS
		 * every stride-th is drawn (the median line is of them all). */
		size_t m = 0, seen = 0;
		for (size_t i = 0; i < n; i++)
			m += same_setting(&r[i], g, NULL) || same_setting(&r[i], g, prof);
		size_t stride = m > STRIP_MAX_POINTS ? (m + STRIP_MAX_POINTS - 1) / STRIP_MAX_POINTS : 1;
		thinned = thinned > stride ? thinned : stride;
		for (size_t i = 0; i < n; i++) {
			int measured = same_setting(&r[i], g, NULL), profiled = same_setting(&r[i], g, prof);
			if (!measured && !profiled)
				continue;
			if (seen++ % stride != 0)
				continue;
			double x = LEFT + cpu_per_gib(&r[i]) / max * plot_w;
			enum html_host_state st = html_host_state_of(&r[i]);
			if (measured)
				fprintf(f, "<circle class=\"run\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" "
					"fill=\"%s\" fill-opacity=\"0.8\">", x, y - 3, html_host_colour(st));
			else
				/* a hollow triangle: the diamond is the 2014 code's, in every
				 * graph of the report */
				fprintf(f, "<path class=\"profiled\" d=\"M%.1f %.1fl5.5 9h-11z\" "
					"fill=\"none\" stroke=\"#000\">", x, y + 1);
			fprintf(f, "<title>%s run %llu: %.3f s per GiB, %.2f GiB/s; %s</title>%s",
				profiled ? "profiled" : "measured", (unsigned long long)r[i].run,
				cpu_per_gib(&r[i]), r[i].gib_per_s, html_host_words(st),
				measured ? "</circle>" : "</path>");
		}
	}
	double axis_y = ROW_H * (double)k + 22;
	for (int t = 0; t <= 4; t++)
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.2f</text>",
			LEFT + plot_w * t / 4, axis_y, max * t / 4);
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"note\">CPU "
		"seconds per GiB, sender + receiver", LEFT + plot_w / 2, axis_y + 14);
	if (thinned > 1)
		fprintf(f, " (a row of more than %d runs shows one run in %zu)", STRIP_MAX_POINTS,
			thinned);
	fprintf(f, "</text>");
	fprintf(f, "</svg>\n");
}

/* The chunk sweep's medians of the method against the chunk, each labelled with the bytes a
 * call actually moved when the pipe held less than the chunk. */
static void chunk_curve(FILE *f, const struct group *g, size_t ng, const char *method)
{
	const struct group *pts[MAX_ROWS];
	size_t k = 0;
	double max = 0;
	for (size_t i = 0; i < ng && k < MAX_ROWS; i++)
		if (strcmp(g[i].series, PHASE_CHUNK_SWEEP) == 0 && strcmp(g[i].method, method) == 0 &&
		    g[i].chunk != CHUNK_REST) {
			pts[k++] = &g[i];
			if (g[i].gib.median > max)
				max = g[i].gib.median;
		}
	if (k < 2 || max <= 0)
		return;
	for (size_t a = 1; a < k; a++)	/* by chunk */
		for (size_t b = a; b > 0 && pts[b]->chunk < pts[b - 1]->chunk; b--) {
			const struct group *t = pts[b];
			pts[b] = pts[b - 1];
			pts[b - 1] = t;
		}
	double lo = log2((double)pts[0]->chunk), hi = log2((double)pts[k - 1]->chunk);
	double w = 420, h = 196, left = 50, bottom = 150, top = 14;
	fprintf(f, "<svg class=\"chunk\" viewBox=\"0 0 %.0f %.0f\" role=\"img\"><title>The chunk "
		"sweep: median GiB/s against chunk size</title><polyline fill=\"none\" "
		"stroke=\"#0072B2\" stroke-width=\"2\" points=\"", w, h);
	for (size_t j = 0; j < k; j++)
		fprintf(f, "%.1f,%.1f ", left + (log2((double)pts[j]->chunk) - lo) / (hi - lo) *
			(w - left - 30), bottom - pts[j]->gib.median / max * (bottom - top));
	fprintf(f, "\"/>");
	for (size_t j = 0; j < k; j++) {
		double x = left + (log2((double)pts[j]->chunk) - lo) / (hi - lo) * (w - left - 30);
		double y = bottom - pts[j]->gib.median / max * (bottom - top);
		char chunk[32], moved[64];
		units_format_chunk(pts[j]->chunk, chunk, sizeof(chunk));
		answer_chunk_words(pts[j], moved, sizeof(moved));
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#0072B2\"><title>%s: %.2f "
			"GiB/s</title></circle><text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%s"
			"</text>", x, y, moved, pts[j]->gib.median, x, bottom + 16, chunk);
		if (groups_pipe_cuts_chunk(pts[j])) {
			char call[32];
			fprintf(f, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"%s\" "
				"class=\"note\">(%s a call)</text>", x, bottom + 30,
				j + 1 == k ? "end" : "middle",
				units_format_size(pts[j]->pipe_size, call, sizeof(call)));
		}
	}
	fprintf(f, "<text x=\"4\" y=\"%.0f\">%.1f</text><text x=\"4\" y=\"%.0f\">0</text>"
		"<text x=\"4\" y=\"%.0f\" class=\"note\">GiB/s</text><text x=\"%.0f\" y=\"%.0f\" "
		"text-anchor=\"middle\" class=\"note\">the chunk sweep: median GiB/s at each chunk "
		"size</text></svg>\n", top + 4, max, bottom, top + 18, left + (w - left - 30) / 2,
		h - 2);
}

/* Theory beside measurement for the method's first measured setting g. */
static void theory_table(FILE *f, const struct group *g, const struct method *m,
			 const struct profile_set *profiles)
{
	double per_chunk = GIB_BYTES / (double)groups_bytes_per_call(g->chunk, g->pipe_size);
	double calls = g->sender_syscalls_per_gib.median + g->receiver_syscalls_per_gib.median;
	char chunk[32];
	fprintf(f, "<table class=\"theory\"><caption>Theory beside measurement (%s, ",
		g->series);
	html_text(f, units_format_chunk(g->chunk, chunk, sizeof(chunk)));
	fprintf(f, "; per GiB moved, both sides, medians)</caption><thead><tr><th></th><th>theory"
		"</th><th>measured</th></tr></thead><tbody>\n");
	fprintf(f, "<tr><td>CPU copies of each byte</td><td>%u</td><td>see the profile</td></tr>\n",
		methods_cpu_copies(m));
	fprintf(f, "<tr><td>system calls</td><td>%.0f</td><td>%.0f</td></tr>\n"
		"<tr><td>mode switches (two per call)</td><td>%.0f</td><td>%.0f</td></tr>\n",
		(m->producer->syscalls_per_chunk + m->consumer->syscalls_per_chunk) * per_chunk,
		calls, methods_switches(m) * per_chunk, 2 * calls);
	fprintf(f, "<tr><td>context switches (the scheduler)</td><td>-</td><td>%.0f</td></tr>\n"
		"<tr><td>page faults</td><td>-</td><td>%.0f</td></tr>\n",
		g->sender_csw_per_gib.median + g->receiver_csw_per_gib.median,
		g->sender_faults_per_gib.median + g->receiver_faults_per_gib.median);
	char prof[48];
	profiled_series(g, prof, sizeof(prof));
	double cat[CAT_COUNT] = { 0 }, total = 0;
	for (int producer = 0; producer < 2; producer++) {
		const struct side_profile *p = profiles ? profile_set_find(profiles, prof, g->method,
									   g->chunk, producer) : NULL;
		if (!p)
			continue;
		struct profile_row row;
		profile_row_of(p, &row);
		for (int c = 0; c < CAT_COUNT; c++) {
			cat[c] += row.cpu_s[c];
			total += row.cpu_s[c];
		}
	}
	if (total > 0) {
		fprintf(f, "<tr><td>where the CPU time went (profiled)</td><td>-</td><td>");
		for (int t = 0; t < 3; t++) {
			int best = 0;
			for (int c = 1; c < CAT_COUNT; c++)
				if (cat[c] > cat[best])
					best = c;
			fprintf(f, "%s%s %.0f%%", t ? "; " : "", category_label((enum category)best),
				100 * cat[best] / total);
			cat[best] = -1;
		}
		fprintf(f, "</td></tr>\n");
	}
	fprintf(f, "</tbody></table>\n");
}

/* The settings a method's strip shows: its groups outside the sweeps and profiles, file to
 * file, into rows[0..MAX_ROWS); returns how many. */
static size_t method_rows(const struct group *g, size_t ng, const char *method,
			  const struct group **rows)
{
	size_t k = 0;
	for (size_t i = 0; i < ng && k < MAX_ROWS; i++)
		if (strcmp(g[i].method, method) == 0 && !groups_is_sweep(g[i].series) &&
		    !groups_is_profile(g[i].series) && strncmp(g[i].source, "memory", 6) != 0)
			rows[k++] = &g[i];
	return k;
}

int html_methods_write(FILE *f, const struct job_facts *facts)
{
	const struct run_record *r = facts->records;
	size_t n = facts->n;
	const struct group *g = facts->groups;
	size_t ng = facts->ngroups;
	const struct profile_set *profiles = job_facts_profiles(facts);
	int written = 0;
	double axis_max = 0;	/* one axis for every method's strip */
	for (size_t mi = 0; mi < methods_count(); mi++) {
		const struct group *rows[MAX_ROWS];
		size_t k = method_rows(g, ng, methods_at(mi)->name, rows);
		double x = k ? strip_max(r, n, rows, k) : 0;
		axis_max = x > axis_max ? x : axis_max;
	}
	for (size_t mi = 0; mi < methods_count(); mi++) {
		const struct method *m = methods_at(mi);
		const struct group *rows[MAX_ROWS];
		size_t k = method_rows(g, ng, m->name, rows);
		if (k == 0)
			continue;
		if (written++ == 0)
			fprintf(f, "<section id=\"methods\"><h2>Each method</h2>\n<p>Every run of each "
				"setting as a point on CPU seconds per GiB (both sides): its colour says "
				"what the host did during it; the black line is the group's median; hollow "
				"triangles are the profiled runs of the same setting; every strip has the "
				"same axis. Then the chunk sweep "
				"and the method's theory beside what it measured.</p>\n<p class=\"legend\">");
		if (written == 1) {
			for (int s = 0; s < HOST_NSTATES; s++)
				fprintf(f, "<span class=\"key\"><i style=\"background:%s\"></i>%s</span>",
					html_host_colour((enum html_host_state)s),
					html_host_words((enum html_host_state)s));
			fprintf(f, "</p>\n");
		}
		fprintf(f, "<article class=\"method\" id=\"method-%s\"><h3>", m->name);
		html_text(f, study_display_name(m->name));
		fprintf(f, " <code>--method %s</code></h3>\n<p>", m->name);
		html_text(f, m->summary);
		fprintf(f, "</p>\n");
		strip_chart(f, r, n, rows, k, axis_max * 1.08);
		chunk_curve(f, g, ng, m->name);
		theory_table(f, rows[0], m, profiles);
		fprintf(f, "</article>\n");
	}
	if (written)
		fprintf(f, "</section>\n");
	return 0;
}
