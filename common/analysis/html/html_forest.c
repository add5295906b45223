/*
 * html_forest.c - the forest plot of every claim (html_forest.h).  The axis is log-scaled so
 * a ratio and its inverse sit equally far from 1x; colours are Okabe-Ito's (safe for the common
 * colour-blindnesses) and every verdict is also written in words, so no colour carries meaning
 * alone.
 */
#include "analysis/html/html_forest.h"

#include <math.h>
#include <string.h>

#include "analysis/facts/facts.h"
#include "analysis/html/html_text.h"
#include "analysis/judge/study.h"
#include "analysis/judge/verdict.h"
#include "analysis/words/sentences.h"

#define ROW_H 26
#define LABEL_W 330
#define PLOT_W 420
#define VERDICT_W 170
#define TOP 34
#define AXIS_MIN 0.05
#define AXIS_MAX 20.0

/* The verdict's colour: better for a in blue (a ratio of CPU or time decided below 1, a target
 * met), worse in vermillion (decided above 1, missed), nothing decided in grey. */
static const char *verdict_colour(const struct claim *x)
{
	if (x->direction == 0)
		return "#6b6b6b";
	int blue = strcmp(x->claim, "ratio") == 0 ? x->direction < 0 : x->direction > 0;
	return blue ? "#0072B2" : "#D55E00";
}

/* 1 when method is one of the study's three rows (the ring is not: 2014 did not run it). */
static int study_method(const char *method)
{
	for (int i = 0; i < STUDY_NROWS; i++)
		if (strcmp(study_rows[i].method, method) == 0)
			return 1;
	return 0;
}

/* What the 2014 code measured for a study ratio claim, 0 for none. */
static double then_of(const struct claim *x)
{
	if (strcmp(x->phase, "study") != 0 || strcmp(x->claim, "ratio") != 0 ||
	    !study_method(x->a) || !study_method(x->b))
		return 0;
	enum study_metric m = strcmp(x->metric, "sender_cpu") == 0 ? METRIC_SENDER_CPU :
			      strcmp(x->metric, "receiver_cpu") == 0 ? METRIC_RECEIVER_CPU :
			      strcmp(x->metric, "cpu_sum") == 0 ? METRIC_CPU_SUM : METRIC_WALL;
	return study_2014_ratio(x->a, x->b, m);
}

static int drawable(const struct claim *x)
{
	return x->r.valid && x->r.low > 0 && x->r.high > 0;
}

/* The label of a claim: "splice / read/write, CPU sum (study)"; a target's is its throughput
 * ratio and what it must reach: "target: splice / read/write throughput >= 2.5x (tuned)". */
static void label_of(const struct claim *x, char *buf, size_t len)
{
	static const struct { const char *id, *words; } metrics[] = {
		{ "cpu_sum", "CPU sum" }, { "sender_cpu", "sender CPU" },
		{ "receiver_cpu", "receiver CPU" }, { "wall", "wall time" },
	};
	const char *m = x->metric;
	for (size_t i = 0; i < sizeof(metrics) / sizeof(metrics[0]); i++)
		if (strcmp(metrics[i].id, x->metric) == 0)
			m = metrics[i].words;
	double target = study_target_of(x->claim);
	if (target > 0)
		snprintf(buf, len, "target: %s / %s throughput >= %.2gx (%s)",
			 study_display_name(x->a), study_display_name(x->b), target, x->phase);
	else
		snprintf(buf, len, "%s / %s, %s (%s)", study_display_name(x->a),
			 study_display_name(x->b), m, x->phase);
}

static double x_of(double ratio, double lo, double hi)
{
	if (ratio < lo)
		ratio = lo;
	if (ratio > hi)
		ratio = hi;
	return LABEL_W + PLOT_W * (log(ratio) - log(lo)) / (log(hi) - log(lo));
}

/* The axis every row shares: from the smallest to the largest of the intervals, the 2014
 * values, the targets and the noise band, with a margin; how many rows are drawn. */
static int axis_range(const struct claim_set *c, double *lo_out, double *hi_out)
{
	double lo = 1 / (1 + VERDICT_NOISE), hi = 1 + VERDICT_NOISE;
	int rows = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct claim *x = &c->v[i];
		if (!drawable(x))
			continue;
		double then = then_of(x), target = study_target_of(x->claim);
		lo = fmin(lo, x->r.low);
		hi = fmax(hi, x->r.high);
		if (then > 0)
			lo = fmin(lo, then), hi = fmax(hi, then);
		if (target > 0)
			lo = fmin(lo, target), hi = fmax(hi, target);
		rows++;
	}
	*lo_out = fmax(AXIS_MIN, lo / 1.15);
	*hi_out = fmin(AXIS_MAX, hi * 1.15);
	return rows;
}

/* The noise band, the 1x line, the ticks and the column heads. */
static void draw_axis(FILE *f, int rows, double lo, double hi)
{
	double b0 = x_of(1 / (1 + VERDICT_NOISE), lo, hi), b1 = x_of(1 + VERDICT_NOISE, lo, hi);
	if (b1 - b0 < 8) {	/* 2% is a few pixels: drawn at least 8 wide so it can be seen */
		double mid = (b0 + b1) / 2;
		b0 = mid - 4;
		b1 = mid + 4;
	}
	fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#d9d9d9\"/>\n"
		"<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#444\"/>\n", b0, TOP - 6,
		b1 - b0 < 1 ? 1 : b1 - b0, rows * ROW_H + 6, x_of(1, lo, hi), x_of(1, lo, hi),
		TOP - 6, TOP + rows * ROW_H);
	static const double ticks[] = { 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20 };
	for (size_t t = 0; t < sizeof(ticks) / sizeof(ticks[0]); t++)
		if (ticks[t] >= lo && ticks[t] <= hi)
			fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
				"class=\"tick\">%gx</text>\n", x_of(ticks[t], lo, hi),
				TOP + rows * ROW_H + 20, ticks[t]);
	fprintf(f, "<text x=\"%d\" y=\"16\" class=\"head\">claim</text><text x=\"%d\" y=\"16\" "
		"class=\"head\">ratio a / b (log scale)</text><text x=\"%d\" y=\"16\" "
		"class=\"head\">verdict</text>\n", 4, LABEL_W, LABEL_W + PLOT_W + 10);
}

/* One claim's row at height y: its label, interval, estimate, target, 2014 value, verdict. */
static void draw_row(FILE *f, const struct claim *x, double y, double lo, double hi)
{
	char label[160];
	label_of(x, label, sizeof(label));
	const char *col = verdict_colour(x);
	fprintf(f, "<g><title>");
	html_text(f, label);
	fprintf(f, ": %.2f [%.2f, %.2f], %s</title><text x=\"4\" y=\"%.1f\">", x->r.estimate,
		x->r.low, x->r.high, x->verdict, y + 4);
	html_text(f, label);
	fprintf(f, "</text><line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
		"stroke=\"%s\" stroke-width=\"3\"/><circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" "
		"fill=\"%s\"/>", x_of(x->r.low, lo, hi), x_of(x->r.high, lo, hi), y, y, col,
		x_of(x->r.estimate, lo, hi), y, col);
	double target = study_target_of(x->claim);
	if (target > 0)	/* what the target must reach: a dashed mark across the row */
		fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"#000\" stroke-dasharray=\"3 2\"/>", x_of(target, lo, hi),
			x_of(target, lo, hi), y - 9, y + 9);
	double then = then_of(x);
	if (then > 0) {
		double tx = x_of(then, lo, hi);
		fprintf(f, "<path d=\"M%.1f %.1fl6 6l-6 6l-6 -6z\" fill=\"none\" "
			"stroke=\"#000\" stroke-width=\"1.5\"/>", tx, y - 6);
	}
	fprintf(f, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\" class=\"verdict\">", LABEL_W + PLOT_W +
		10, y + 4, col);
	html_text(f, x->verdict);
	fprintf(f, "</text></g>\n");
}

/* The key, right under the axis at height ky. */
static void draw_key(FILE *f, double ky)
{
	fprintf(f, "<g class=\"key\"><circle cx=\"8\" cy=\"%.1f\" r=\"5\" fill=\"#0072B2\"/>"
		"<text x=\"18\" y=\"%.1f\">better for a (less CPU or time; target met)</text>"
		"<circle cx=\"300\" cy=\"%.1f\" r=\"5\" fill=\"#D55E00\"/><text x=\"310\" "
		"y=\"%.1f\">worse for a</text><circle cx=\"410\" cy=\"%.1f\" r=\"5\" "
		"fill=\"#6b6b6b\"/><text x=\"420\" y=\"%.1f\">no clear difference</text>"
		"<path d=\"M560 %.1fl6 6l-6 6l-6 -6z\" fill=\"none\" stroke=\"#000\"/><text x=\"572\" "
		"y=\"%.1f\">the 2014 code</text><line x1=\"680\" x2=\"680\" y1=\"%.1f\" y2=\"%.1f\" "
		"stroke=\"#000\" stroke-dasharray=\"3 2\"/><text x=\"688\" y=\"%.1f\">target</text>"
		"<rect x=\"760\" y=\"%.1f\" width=\"8\" height=\"12\" fill=\"#d9d9d9\"/><text "
		"x=\"774\" y=\"%.1f\">noise band (1x +- 2%%)</text></g>\n", ky - 4, ky,
		ky - 4, ky, ky - 4, ky, ky - 10, ky, ky - 10, ky + 2, ky, ky - 10, ky);
}

/* The same numbers as a table: the plot's text alternative. */
static void claims_table(FILE *f, const struct claim_set *c)
{
	fprintf(f, "<table class=\"claims\"><caption>Every claim with an interval</caption><thead>"
		"<tr><th>claim</th><th>estimate</th><th>interval</th><th>its level</th><th>2014</th>"
		"<th>verdict</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < c->n; i++) {
		const struct claim *x = &c->v[i];
		if (!drawable(x))
			continue;
		char label[160];
		label_of(x, label, sizeof(label));
		fprintf(f, "<tr><td>");
		html_text(f, label);
		/* each interval with its own level: a look's interval is wider than 95% so that the
		 * verdict, over every look, holds at 95% */
		fprintf(f, "</td><td>%.2f</td><td>[%.2f, %.2f]</td><td>%.1f%%</td><td>", x->r.estimate,
			x->r.low, x->r.high, 100 * (x->level > 0 ? x->level : 0.95));
		double then = then_of(x);
		if (then > 0)
			fprintf(f, "%.2f", then);
		fprintf(f, "</td><td>");
		html_text(f, x->verdict);
		fprintf(f, "</td></tr>\n");
	}
	fprintf(f, "</tbody></table>\n");
}

int html_forest_write(FILE *f, const struct claim_set *c)
{
	double lo, hi;
	int rows = axis_range(c, &lo, &hi);
	if (rows == 0) {
		fprintf(f, "<p>No claim has an interval yet: too few rounds ran both its sides.</p>\n");
		return 0;
	}
	int height = TOP + rows * ROW_H + 52, width = LABEL_W + PLOT_W + VERDICT_W;
	fprintf(f, "<svg class=\"forest\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		"role=\"img\" aria-labelledby=\"forest-title\" xmlns=\"http://www.w3.org/2000/svg\">\n"
		"<title id=\"forest-title\">Every claim: the ratio this machine measured with its "
		"interval, against 1x and the 2014 value</title>\n", width, height, width, height);
	draw_axis(f, rows, lo, hi);
	int k = 0;
	for (size_t i = 0; i < c->n; i++)
		if (drawable(&c->v[i]))
			draw_row(f, &c->v[i], TOP + k++ * ROW_H + ROW_H / 2.0, lo, hi);
	draw_key(f, TOP + rows * ROW_H + 42);
	fprintf(f, "</svg>\n");
	claims_table(f, c);
	return rows;
}

int html_claims_section(FILE *f, const struct job_facts *facts)
{
	fprintf(f, "<section id=\"claims\"><h2>Every claim, with its interval</h2>\n<figure>\n");
	int drawn = html_forest_write(f, &facts->claims);
	fprintf(f, "<figcaption>%d claims, each a ratio a / b: the dot is the estimate, the bar its "
		"interval (at the level of the look that decided it, 95%% or wider: the table below "
		"gives each; over every look a verdict holds at 95%%), the diamond what the 2014 code "
		"measured. A claim is decided only where "
		"its whole interval leaves the grey noise band around 1x; blue: a less than b (or a "
		"target met), vermillion: more (or missed), grey: no clear difference.</figcaption>\n"
		"</figure></section>\n", drawn);
	return 0;
}
