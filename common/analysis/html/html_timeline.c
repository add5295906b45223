/*
 * html_timeline.c - the job's runs on one time axis (see html_timeline.h).
 *
 * Why start plus wall time: a run's timestamp is when it started, to the second, and its wall
 * time is what it took; the gaps between bars are the harness's own work (hashing, settling,
 * a fresh destination).
 */
#include "analysis/html/html_timeline.h"

#include <string.h>
#include <time.h>

#include "analysis/facts/facts.h"
#include "analysis/html/html_text.h"
#include "analysis/judge/groups.h"
#include "analysis/judge/study.h"
#include "analysis/words/sentences.h"
#include "base/units.h"

#define MAX_LANES 16
#define WIDTH 1000.0
#define LEFT 140.0	/* the lanes' labels */
#define LANE_H 22.0
#define TOP 8.0
#define AXIS_H 34.0
#define TIMELINE_MAX_RUNS 5000	/* a reproduce job has a few hundred */

enum html_host_state html_host_state_of(const struct run_record *r)
{
	if (groups_run_host_took(r))
		return HOST_TOOK_MEMORY;
	return groups_run_host_stole(r) ? HOST_STOLE_CPU : HOST_LEFT_ALONE;
}

const char *html_host_colour(enum html_host_state s)
{
	static const char *const colours[HOST_NSTATES] = { "#0072B2", "#E69F00", "#D55E00" };
	return colours[s < HOST_NSTATES ? s : 0];
}

const char *html_host_words(enum html_host_state s)
{
	static const char *const words[HOST_NSTATES] = { "the host left it alone",
							 "the host stole CPU",
							 "the host took memory back" };
	return words[s < HOST_NSTATES ? s : 0];
}

/* Seconds since the epoch of an ISO 8601 UTC timestamp ("2026-12-03T13:35:42Z"); -1 when it is
 * not one. */
static double seconds_of(const char *stamp)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	const char *end = strptime(stamp, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!end || (*end != 'Z' && *end != '\0'))
		return -1;
	return (double)timegm(&tm);
}

/* The lane of series name among lanes[0..*n), added when new; -1 when there is no room. */
static int lane_of(const char **lanes, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(lanes[i], name) == 0)
			return (int)i;
	if (*n == MAX_LANES)
		return -1;
	lanes[*n] = name;
	return (int)(*n)++;
}

/* The lanes (one per series) and the span of runs r[0..n) in time; 0 when no run has a time. */
struct timeline {
	const char *lanes[MAX_LANES];
	size_t nlanes;
	double t0, span, plot_w;
};

static int timeline_of(const struct run_record *r, size_t n, struct timeline *tl)
{
	double t0 = -1, t1 = 0;
	tl->nlanes = 0;
	for (size_t i = 0; i < n; i++) {
		double t = seconds_of(r[i].timestamp);
		if (t < 0 || lane_of(tl->lanes, &tl->nlanes, r[i].series) < 0)
			continue;
		if (t0 < 0 || t < t0)
			t0 = t;
		if (t + r[i].wall_s > t1)
			t1 = t + r[i].wall_s;
	}
	tl->t0 = t0;
	tl->span = t1 - t0 > 1 ? t1 - t0 : 1;
	tl->plot_w = WIDTH - LEFT - 28;
	return t0 >= 0;
}

/* One bar per run with a time, coloured by what the host did; counts each state in count[]
 * and returns the bars drawn. */
static size_t draw_runs(FILE *f, const struct run_record *r, size_t n, struct timeline *tl,
			size_t count[HOST_NSTATES])
{
	size_t drawn = 0;
	for (size_t i = 0; i < n; i++) {
		double t = seconds_of(r[i].timestamp);
		int lane = t < 0 ? -1 : lane_of(tl->lanes, &tl->nlanes, r[i].series);
		if (lane < 0)
			continue;
		enum html_host_state st = html_host_state_of(&r[i]);
		count[st]++;
		drawn++;
		double x = LEFT + (t - tl->t0) / tl->span * tl->plot_w;
		double w = r[i].wall_s / tl->span * tl->plot_w;
		char chunk[32];
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
			"<title>", x, TOP + LANE_H * lane + 3, w > 1.5 ? w : 1.5, LANE_H - 6,
			html_host_colour(st));
		html_text(f, r[i].series);
		fprintf(f, ", ");
		html_text(f, study_display_name(r[i].method));
		fprintf(f, " %s, run %llu: %.2f s at +%.0f s; %s</title></rect>",
			units_format_chunk(r[i].chunk, chunk, sizeof(chunk)),
			(unsigned long long)r[i].run, r[i].wall_s, t - tl->t0, html_host_words(st));
	}
	return drawn;
}

/* The time axis: the first step of these that makes at most eight ticks. */
static void draw_time_axis(FILE *f, const struct timeline *tl)
{
	static const double steps[] = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600 };
	double step = steps[0], axis_y = TOP + LANE_H * (double)tl->nlanes;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]) && tl->span / step > 8; i++)
		step = steps[i];
	for (double s = 0; s <= tl->span; s += step)
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.0f s</text>",
			LEFT + s / tl->span * tl->plot_w, axis_y + 16, s);
}

size_t html_timeline_write(FILE *f, const struct run_record *r, size_t n)
{
	/* A file pooled from months of jobs would draw a bar per run, unreadably thin, in a page
	 * of hundreds of megabytes: past TIMELINE_MAX_RUNS only the file's last runs (the latest
	 * job's, rows being appended as runs end) are drawn, and the caption says so. */
	size_t in_file = n;
	if (n > TIMELINE_MAX_RUNS) {
		r += n - TIMELINE_MAX_RUNS;
		n = TIMELINE_MAX_RUNS;
	}
	struct timeline tl;
	if (!timeline_of(r, n, &tl))
		return 0;
	double height = TOP + LANE_H * (double)tl.nlanes + AXIS_H;
	fprintf(f, "<figure id=\"timeline\"><svg class=\"timeline\" viewBox=\"0 0 %.0f %.0f\" "
		"role=\"img\" aria-labelledby=\"timeline-title timeline-desc\">"
		"<title id=\"timeline-title\">The job's runs in time, one lane per series</title>",
		WIDTH, height);
	for (size_t l = 0; l < tl.nlanes; l++) {
		double y = TOP + LANE_H * (double)l;
		fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", LEFT - 8,
			y + LANE_H * 0.65);
		html_text(f, tl.lanes[l]);
		fprintf(f, "</text><line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"#eee\"/>", LEFT, WIDTH - 10, y + LANE_H, y + LANE_H);
	}
	size_t count[HOST_NSTATES] = { 0 };
	size_t drawn = draw_runs(f, r, n, &tl, count);
	draw_time_axis(f, &tl);
	fprintf(f, "<desc id=\"timeline-desc\">%zu runs over %.0f s in %zu series: %zu while %s, "
		"%zu while %s, %zu while %s.</desc></svg>\n<p class=\"legend\">", drawn, tl.span,
		tl.nlanes, count[HOST_LEFT_ALONE], html_host_words(HOST_LEFT_ALONE),
		count[HOST_STOLE_CPU], html_host_words(HOST_STOLE_CPU), count[HOST_TOOK_MEMORY],
		html_host_words(HOST_TOOK_MEMORY));
	for (int s = 0; s < HOST_NSTATES; s++)
		fprintf(f, "<span class=\"key\"><i style=\"background:%s\"></i>%s</span>",
			html_host_colour((enum html_host_state)s),
			html_host_words((enum html_host_state)s));
	size_t stole = 0;	/* every run it stole CPU during, taking memory or not */
	for (size_t i = 0; i < n; i++)
		stole += seconds_of(r[i].timestamp) >= 0 && groups_run_host_stole(&r[i]);
	fprintf(f, "</p><figcaption>");
	if (in_file > n)
		fprintf(f, "The last %zu of the file's %zu runs (a timeline of them all would be too "
			"thin to read), each where it fell in time", n, in_file);
	else
		fprintf(f, "Every run of the job where it fell in time");
	fprintf(f, " (bar: its wall time; a run the host both took memory and stole CPU during is "
		"drawn as taken). The host took memory back during %zu of the %zu runs and stole CPU "
		"during %zu: compare methods within one job, interleaved, as the phases do, and read "
		"a group's spread beside them.</figcaption></figure>\n", count[HOST_TOOK_MEMORY],
		drawn, stole);
	return drawn;
}

int html_timeline_section(FILE *f, const struct job_facts *facts)
{
	fprintf(f, "<section id=\"when\"><h2>When the host stepped in</h2>\n");
	if (html_timeline_write(f, facts->records, facts->n) == 0)
		fprintf(f, "<p>No run has a timestamp to place it by.</p>\n");
	fprintf(f, "</section>\n");
	return 0;
}
