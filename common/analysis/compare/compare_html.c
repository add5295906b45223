/*
 * compare_html.c - compare.html (see compare_html.h).  The axis is log-scaled, so a ratio and
 * its inverse sit equally far from 1x; each panel's colours say the verdict (Okabe-Ito: blue
 * improved, vermillion regressed, grey no clear difference) and the table beside says it in
 * words, so no colour carries meaning alone.
 */
#include "analysis/compare/compare_html.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "analysis/html/html_text.h"
#include "analysis/judge/verdict.h"
#include "base/io_util.h"
#include "base/output_file.h"
#include "base/version.h"

#define LABEL_W 300.0
#define PANEL_W 230.0
#define ROW_H 24.0
#define TOP 40.0

static const char *colour_of(const char *verdict)
{
	if (strcmp(verdict, "improved") == 0)
		return "#0072B2";
	return strcmp(verdict, "regressed") == 0 ? "#D55E00" : "#6b6b6b";
}

/* The log axis of a panel: [lo, hi] holding 1 and every drawn interval. */
static void panel_range(const struct compare_row *rows, size_t n, int m, double *lo, double *hi)
{
	*lo = 1 / (1 + 4 * VERDICT_NOISE);
	*hi = 1 + 4 * VERDICT_NOISE;
	for (size_t i = 0; i < n; i++) {
		double l = rows[i].m[m].valid ? rows[i].m[m].low : rows[i].m[m].ratio;
		double h = rows[i].m[m].valid ? rows[i].m[m].high : rows[i].m[m].ratio;
		if (l > 0 && l < *lo)
			*lo = l;
		if (h > *hi)
			*hi = h;
	}
	*lo /= 1.1;
	*hi *= 1.1;
}

static void write_forest(FILE *f, const struct compare_row *rows, size_t n,
			 const char *const titles[COMPARE_NMETRICS])
{
	double width = LABEL_W + PANEL_W * COMPARE_NMETRICS, height = TOP + ROW_H * (double)n + 30;
	fprintf(f, "<figure><svg class=\"forest\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
		"aria-labelledby=\"cmp-title\"><title id=\"cmp-title\">Every group's ratio new / old "
		"with its 95%% interval, one panel per measure</title>", width, height);
	for (int m = 0; m < COMPARE_NMETRICS; m++) {
		double lo, hi, x0 = LABEL_W + PANEL_W * m + 10, w = PANEL_W - 20;
		panel_range(rows, n, m, &lo, &hi);
		double span = log(hi) - log(lo);
#define X(v) (x0 + (log(v) - log(lo)) / span * w)
		fprintf(f, "<text class=\"head\" x=\"%.1f\" y=\"16\" text-anchor=\"middle\">",
			x0 + w / 2);
		html_text(f, titles[m]);
		fprintf(f, "</text><rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"%.1f\" "
			"fill=\"#e8e8e8\"/><line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.1f\" "
			"stroke=\"#000\"/>", X(1 / (1 + VERDICT_NOISE)), TOP - 8,
			X(1 + VERDICT_NOISE) - X(1 / (1 + VERDICT_NOISE)), ROW_H * (double)n + 8, X(1),
			X(1), TOP - 8, TOP + ROW_H * (double)n);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"start\">%.2fx</text>"
			"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">1x</text><text x=\"%.1f\" "
			"y=\"%.1f\" text-anchor=\"end\">%.2fx</text>", x0, TOP + ROW_H * (double)n + 18,
			lo, X(1), TOP + ROW_H * (double)n + 18, x0 + w, TOP + ROW_H * (double)n + 18, hi);
		for (size_t i = 0; i < n; i++) {
			double y = TOP + ROW_H * (double)i + ROW_H / 2;
			const char *c = colour_of(rows[i].m[m].verdict);
			if (rows[i].m[m].valid && rows[i].m[m].low > 0)
				fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
					"stroke=\"%s\" stroke-width=\"2.5\"/>", X(rows[i].m[m].low),
					X(rows[i].m[m].high), y, y, c);
			if (rows[i].m[m].ratio > 0) {
				fprintf(f, "<circle class=\"ratio\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" "
					"fill=\"%s\"><title>", X(rows[i].m[m].ratio), y, c);
				html_text(f, rows[i].label);
				fprintf(f, ", %s: %.2fx", titles[m], rows[i].m[m].ratio);
				if (rows[i].m[m].valid)
					fprintf(f, " [%.2f, %.2f]", rows[i].m[m].low, rows[i].m[m].high);
				fprintf(f, ", %s</title></circle>", rows[i].m[m].verdict);
			}
		}
#undef X
	}
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", LABEL_W - 6,
			TOP + ROW_H * (double)i + ROW_H / 2 + 4);
		html_text(f, rows[i].label);
		fprintf(f, "</text>");
	}
	fprintf(f, "</svg><figcaption>Each dot is new / old for one group of runs, the bar its 95%% "
		"interval; a verdict only where the whole interval leaves the grey band (%.0f%% "
		"either side of 1x). GiB/s: above 1x is better; CPU seconds: below 1x is better. "
		"Blue: improved, vermillion: regressed, grey: no clear difference (words in the table "
		"below).</figcaption></figure>\n", 100 * VERDICT_NOISE);
}

static void write_table(FILE *f, const struct compare_row *rows, size_t n,
			const char *const titles[COMPARE_NMETRICS])
{
	fprintf(f, "<table id=\"ratios\"><thead><tr><th>group</th>");
	for (int m = 0; m < COMPARE_NMETRICS; m++) {
		fprintf(f, "<th>");
		html_text(f, titles[m]);
		fprintf(f, " old &rarr; new</th><th>ratio [95%%]</th><th>verdict</th>");
	}
	fprintf(f, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "<tr><td>");
		html_text(f, rows[i].label);
		fprintf(f, "</td>");
		for (int m = 0; m < COMPARE_NMETRICS; m++) {
			fprintf(f, "<td>%.4g &rarr; %.4g</td><td>%.2f", rows[i].m[m].old_median,
				rows[i].m[m].new_median, rows[i].m[m].ratio);
			if (rows[i].m[m].valid)
				fprintf(f, " [%.2f, %.2f]", rows[i].m[m].low, rows[i].m[m].high);
			fprintf(f, "</td><td class=\"verdict\">");
			html_text(f, rows[i].m[m].verdict);
			fprintf(f, "</td>");
		}
		fprintf(f, "</tr>\n");
	}
	fprintf(f, "</tbody></table>\n");
}

static void write_md(FILE *f, const char *md_path, int open)
{
	FILE *md = fopen(md_path, "r");
	if (!md)
		return;
	fprintf(f, "<details id=\"appendix\"%s><summary>compare.md in full</summary><pre>",
		open ? " open" : "");
	char buf[4096];
	while (fgets(buf, sizeof(buf), md))
		html_text(f, buf);
	fclose(md);
	fprintf(f, "</pre></details>\n");
}

static void write_page(FILE *f, const struct compare_source *src, size_t n,
		       const struct compare_row *rows, size_t nrows,
		       const char *const titles[COMPARE_NMETRICS], const char *md_path)
{
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
		"<title>bulkxfer: results compared</title>\n<style>\n"
		"body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1180px;"
		"padding:0 18px;color:#1a1a1a}\n"
		"table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;"
		"padding:.25em .5em;text-align:left}\n"
		"svg.forest{max-width:100%%;height:auto;font-size:12px}svg .head{font-weight:600}\n"
		"figcaption{color:#333;font-size:.95em}.prov{color:#555;font-size:.9em}\n"
		"details pre{white-space:pre-wrap;font-size:.8em;background:#fafafa;padding:1em}\n"
		"@media print{details{display:block}}\n</style></head><body>\n<header><h1>bulkxfer: "
		"results compared</h1><p class=\"prov\">written by bulkxfer %s (commit %s)</p>"
		"</header>\n<main>\n<section id=\"inputs\"><h2>What is compared</h2><table><thead>"
		"<tr><th></th><th>results</th><th>runs</th><th>kernel</th><th>CPU</th></tr></thead>"
		"<tbody>\n", bulkxfer_version(), bulkxfer_commit());
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "<tr><td>%s</td><td><code>", n == 2 ? (i ? "new" : "old") : "");
		html_text(f, src[i].path);
		fprintf(f, "</code></td><td>%zu</td><td>", src[i].runs);
		html_text(f, src[i].kernel);
		fprintf(f, "</td><td>");
		html_text(f, src[i].cpu_model);
		fprintf(f, "</td></tr>\n");
	}
	fprintf(f, "</tbody></table></section>\n");
	if (rows) {
		size_t better = 0, worse = 0;
		for (size_t i = 0; i < nrows; i++)
			for (int m = 0; m < COMPARE_NMETRICS; m++) {
				better += strcmp(rows[i].m[m].verdict, "improved") == 0;
				worse += strcmp(rows[i].m[m].verdict, "regressed") == 0;
			}
		fprintf(f, "<section id=\"answer\"><h2>What changed</h2><p id=\"compare-summary\">"
			"Of %zu measures over %zu group%s of runs in common, %zu improved, %zu "
			"regressed and %zu show no clear difference.</p>\n", nrows * COMPARE_NMETRICS,
			nrows, nrows == 1 ? "" : "s", better, worse,
			nrows * COMPARE_NMETRICS - better - worse);
		write_forest(f, rows, nrows, titles);
		write_table(f, rows, nrows, titles);
		fprintf(f, "</section>\n");
	}
	write_md(f, md_path, rows == NULL);
	fprintf(f, "</main></body></html>\n");
}

int compare_html_write(const char *path, const struct compare_source *sources, size_t n,
		       const struct compare_row *rows, size_t nrows,
		       const char *const titles[COMPARE_NMETRICS], const char *md_path,
		       struct bx_error *err)
{
	struct output_file out;
	FILE *f = output_file_open(&out, path);
	if (!f)
		return bx_fail(err, BX_EXIT_FAILURE, "compare: cannot write '%s': %s", path,
			       io_open_error(errno));
	write_page(f, sources, n, rows, nrows, titles, md_path);
	int c = output_file_close(&out, 1);
	if (c < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "compare: cannot write '%s': %s", path,
			       strerror(-c));
	return 0;
}
