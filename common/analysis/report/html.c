/*
 * html.c - report.html (html.h).  The page is written in the order a reader asks: what was
 * found, how sure, the pictures, where the time went, and the full text last.  Graphs are the
 * PNGs gnuplot drew beside report.md, embedded as data: URIs, each with its title as the text
 * alternative; nothing on the page is fetched.
 */
#include "analysis/report/html.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/judge/groups.h"
#include "analysis/judge/study.h"
#include "analysis/profile/categories.h"
#include "analysis/report/answer.h"
#include "analysis/report/answer_units.h"
#include "analysis/report/html_copies.h"
#include "analysis/report/html_flame.h"
#include "analysis/report/html_forest.h"
#include "analysis/report/html_methods.h"
#include "analysis/report/html_text.h"
#include "analysis/report/html_timeline.h"
#include "analysis/report/report_placement.h"
#include "base/io_util.h"
#include "base/output_file.h"
#include "base/version.h"

#define PATH_LEN 4096

static const char style[] =
	"<style>\n"
	"body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1180px;padding:0 18px;"
	"color:#1a1a1a}\n"
	"h1{font-size:1.6em;margin:.8em 0 .2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}\n"
	".prov{color:#555;font-size:.9em;margin:0 0 1em}\n"
	".verdict-line{font-size:1.25em;padding:.5em .8em;border-left:6px solid #6b6b6b;"
	"background:#f4f4f4}\n"
	".v-reproduced{border-color:#0072B2}.v-contradicted{border-color:#D55E00}\n"
	"table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;padding:.25em .5em;"
	"text-align:left}caption{text-align:left;font-weight:600;padding:.3em 0}\n"
	"svg.forest{max-width:100%;height:auto;font-size:12px}svg.forest .head{font-weight:600}\n"
	"svg.timeline,svg.strip{width:100%;height:auto;font-size:12px}\n"
	"svg.chunk{width:460px;max-width:100%;height:auto;font-size:11px;float:right;"
	"margin:0 0 .5em 1em}svg .note{fill:#555;font-size:10px}\n"
	"article.method{border-top:1px solid #ddd;padding-top:.4em;overflow:auto}\n"
	"table.theory td:nth-child(n+2){text-align:right}td.num{text-align:right}\n"
	"figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid #ddd}\n"
	"figcaption{color:#333;font-size:.95em}\n"
	".flame{position:relative;width:100%;border:1px solid #ccc;overflow:hidden;"
	"font:11px/17px monospace}\n"
	".frame{position:absolute;height:17px;overflow:hidden;white-space:nowrap;box-sizing:border-box;"
	"border:1px solid #fff;padding:0 2px;cursor:pointer}\n"
	".frame.dark{color:#fff}.frame.hit{outline:2px solid #000;outline-offset:-2px}\n"
	".frame:focus{outline:3px solid #000}\n"
	".legend .key{display:inline-block;margin-right:1em;font-size:.85em}\n"
	".legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;"
	"vertical-align:middle;border:1px solid #888}\n"
	"details pre{white-space:pre-wrap;font-size:.8em;background:#fafafa;padding:1em}\n"
	"@media print{.flame-controls,#flames{display:none}details{display:block}"
	"details pre{display:block}}\n"
	"</style>\n";

/* ---- the answer ------------------------------------------------------------------------- */

static void write_answer(FILE *f, const struct findings *x)
{
	fprintf(f, "<section id=\"answer\"><h2>What this job found</h2>\n");
	const struct claim *o = x->ordering;
	char text[512];
	if (o) {
		/* the sentence, its verdict word marked for the eye and for the browser test */
		answer_ordering_sentence(x, text, sizeof(text));
		char word[64];
		snprintf(word, sizeof(word), " is %s here", o->verdict);
		char *at = strstr(text, word);
		fprintf(f, "<p id=\"ordering-verdict\" class=\"verdict-line v-%s\">", o->verdict);
		if (at) {
			*at = '\0';
			html_text(f, text);
			fprintf(f, " is <strong id=\"ordering-word\">");
			html_text(f, o->verdict);
			fprintf(f, "</strong> here");
			html_text(f, at + strlen(word));
		} else {
			html_text(f, text);
		}
		fprintf(f, "</p>\n");
	}
	fprintf(f, "<ul>\n");
	for (size_t p = 0; p < x->npairs; p++) {
		const struct finding_pair *fp = &x->pairs[p];
		fprintf(f, "<li>");
		html_text(f, fp->a_name);
		fprintf(f, " used <strong>%.2fx</strong> ", fp->x->r.estimate);
		if (fp->x->r.valid)
			fprintf(f, "[%.2f, %.2f] ", fp->x->r.low, fp->x->r.high);
		fprintf(f, "the CPU of ");
		html_text(f, fp->b_name);
		fprintf(f, " (2014: %.2fx): <span class=\"word\">", fp->then);
		html_text(f, fp->x->verdict);
		fprintf(f, "</span>.</li>\n");
	}
	if (answer_why_sentence(x, text, sizeof(text))) {
		fprintf(f, "<li>");
		html_text(f, text);
		fprintf(f, "</li>\n");
	}
	char units[640];
	if (answer_unit_costs_text(&x->unit_costs, units, sizeof(units))) {
		fprintf(f, "<li>This machine's unit costs, measured in this job: ");
		html_text(f, units);
		fprintf(f, ".<ul>\n");
		for (size_t p = 0; p < x->npairs; p++)
			if (answer_units_sentence(&x->pairs[p], units, sizeof(units))) {
				fprintf(f, "<li>");
				html_text(f, units);
				fprintf(f, "</li>\n");
			}
		fprintf(f, "</ul></li>\n");
	}
	fprintf(f, "<li>");
	html_text(f, answer_trust_sentence(x, text, sizeof(text)));
	fprintf(f, "</li>\n</ul>\n");
	fprintf(f, "<table id=\"which\"><caption>Which method for ...</caption><thead><tr><th>for"
		"</th><th>method</th><th>setting</th><th>measured (median [interval])</th>"
		"<th>clearly ahead?</th></tr>"
		"</thead><tbody>\n");
	for (size_t u = 0; u < 3; u++) {
		const struct group *b = x->uses[u].g;
		if (!b)
			continue;
		const struct stats_summary *s = x->uses[u].by_cpu ? &b->cpu_per_gib : &b->gib;
		char chunks[64];
		fprintf(f, "<tr><td>%s</td><td>", x->uses[u].what);
		html_text(f, study_display_name(b->method));
		fprintf(f, "</td><td>");
		html_text(f, answer_chunk_words(b, chunks, sizeof(chunks)));
		fprintf(f, "</td><td>%.2f", s->median);
		if (s->n >= 2)
			fprintf(f, " [%.2f, %.2f]", s->median_ci_low, s->median_ci_high);
		if (s->n >= 2 && s->median_ci_level < 0.95)
			fprintf(f, " (%.0f%% interval)", 100 * s->median_ci_level);
		fprintf(f, " %s</td><td>%s", x->uses[u].by_cpu ? "CPU s per GiB" : "GiB/s",
			x->uses[u].rival ? "no: its interval overlaps " : "yes");
		if (x->uses[u].rival)
			html_text(f, study_display_name(x->uses[u].rival->method));
		fprintf(f, "</td></tr>\n");
	}
	if (x->nmissing) {
		fprintf(f, "<tr class=\"not-run\"><td><em>not run here</em></td><td><em>");
		for (size_t k = 0; k < x->nmissing; k++) {
			fprintf(f, "%s", k ? ", " : "");
			html_text(f, x->missing[k]);
		}
		fprintf(f, "</em></td><td colspan=\"3\"><code>bulkxfer reproduce --all</code> runs "
			"them</td></tr>\n");
	}
	fprintf(f, "</tbody></table>\n</section>\n");
}

/* ---- the graphs: gnuplot's PNGs as data: URIs ----------------------------------------------- */

static void base64_file(FILE *out, FILE *in)
{
	static const char abc[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char b[3];
	size_t n;
	while ((n = fread(b, 1, 3, in)) > 0) {
		unsigned v = (unsigned)b[0] << 16 | (n > 1 ? (unsigned)b[1] << 8 : 0) |
			     (n > 2 ? b[2] : 0);
		fputc(abc[v >> 18 & 63], out);
		fputc(abc[v >> 12 & 63], out);
		fputc(n > 1 ? abc[v >> 6 & 63] : '=', out);
		fputc(n > 2 ? abc[v & 63] : '=', out);
	}
}

static void write_graphs(FILE *f, const struct html_input *in)
{
	int any = 0;
	for (size_t i = 0; i < in->ngraphs; i++) {
		char path[PATH_LEN];
		snprintf(path, sizeof(path), "%s/%s.png", in->out_dir, in->graphs[i]);
		FILE *png = fopen(path, "rb");
		if (!png)
			continue;
		if (!any++)
			fprintf(f, "<section id=\"graphs\"><h2>Graphs</h2>\n");
		fprintf(f, "<figure><img alt=\"");
		html_text(f, in->graph_titles[i]);
		fprintf(f, " (its numbers are in report.md's tables)\" src=\"data:image/png;base64,");
		base64_file(f, png);
		fclose(png);
		fprintf(f, "\"><figcaption><strong>");
		html_text(f, in->graph_titles[i]);
		fprintf(f, ".</strong> ");
		html_text(f, in->graph_readings[i]);
		fprintf(f, "</figcaption></figure>\n");
	}
	if (any)
		fprintf(f, "</section>\n");
}

/* ---- where a buffer sits in its page ------------------------------------------------------ */

/* report.md's subsection (report_placement.h) as a section of the page, when the job ran the
 * pair: the same sentences, one source. */
static void write_placement(FILE *f, const struct html_input *in)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return;
	report_placement_print(m, in->records, in->n, in->copy_placement);
	fclose(m);
	const char *body = text ? strstr(text, "\n\n") : NULL;
	if (body && len > 0) {
		fprintf(f, "<section id=\"placement\"><h2>Where a buffer sits in its page</h2><p>");
		char *end = strstr(body + 2, "\n\n");
		if (end)
			*end = '\0';
		html_text(f, body + 2);
		fprintf(f, "</p></section>\n");
	}
	free(text);
}

/* ---- the page --------------------------------------------------------------------------- */

static void write_appendix(FILE *f, const char *out_dir)
{
	char path[PATH_LEN];
	snprintf(path, sizeof(path), "%s/report.md", out_dir);
	FILE *md = fopen(path, "r");
	if (!md)
		return;
	fprintf(f, "<details id=\"appendix\"><summary>Appendix: report.md in full (every table, "
		"the method notes, the fitted cost model)</summary><pre>");
	char buf[4096];
	while (fgets(buf, sizeof(buf), md))
		html_text(f, buf);
	fclose(md);
	fprintf(f, "</pre></details>\n");
}

static void write_verdicts_json(FILE *f, const struct claim_set *c)
{
	fprintf(f, "<script type=\"application/json\" id=\"bx-verdicts\">[");
	for (size_t i = 0; i < c->n; i++) {
		const struct claim *x = &c->v[i];
		const struct { const char *key, *value; } fields[] = {
			{ "phase", x->phase }, { "claim", x->claim }, { "metric", x->metric },
			{ "a", x->a }, { "b", x->b }, { "verdict", x->verdict },
		};
		fputs(i ? ",{" : "{", f);
		for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++) {
			fprintf(f, "%s\"%s\":", k ? "," : "", fields[k].key);
			html_json_string(f, fields[k].value);
		}
		fputc('}', f);
	}
	fprintf(f, "]</script>\n");
}

static int write_page(FILE *f, const struct html_input *in)
{
	const struct run_record *r = in->records;
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
		"<title>bulkxfer report: the 2014 pipe / mmap / splice comparison</title>\n%s"
		"</head><body>\n<header><h1>bulkxfer: the 2014 pipe / mmap / splice comparison, "
		"re-run</h1>\n<p class=\"prov\">written by bulkxfer %s (commit %s); CPU ", style,
		bulkxfer_version(), bulkxfer_commit());
	html_text(f, r[0].cpu_model);
	fprintf(f, ", kernel ");
	html_text(f, r[0].kernel);
	fprintf(f, "; %zu runs from %s to %s (UTC), every one verified unless report.md says "
		"otherwise. <a href=\"report.md\">report.md</a> has every table.</p></header>\n<main>\n",
		in->n, r[0].timestamp, r[in->n - 1].timestamp);
	write_answer(f, in->findings);
	html_copies_write(f, in);
	fprintf(f, "<section id=\"claims\"><h2>Every claim, with its interval</h2>\n<figure>\n");
	int drawn = html_forest_write(f, in->claims);
	fprintf(f, "<figcaption>%d claims, each a ratio a / b: the dot is the estimate, the bar its "
		"interval (at the level of the look that decided it, 95%% or wider: the table below "
		"gives each; over every look a verdict holds at 95%%), the diamond what the 2014 code "
		"measured. A claim is decided only where "
		"its whole interval leaves the grey noise band around 1x; blue: a less than b (or a "
		"target met), vermillion: more (or missed), grey: no clear difference.</figcaption>\n"
		"</figure></section>\n", drawn);
	fprintf(f, "<section id=\"when\"><h2>When the host stepped in</h2>\n");
	if (html_timeline_write(f, r, in->n) == 0)
		fprintf(f, "<p>No run has a timestamp to place it by.</p>\n");
	fprintf(f, "</section>\n");
	if (html_methods_write(f, r, in->n, in->profiles) < 0)
		return -ENOMEM;
	write_placement(f, in);
	write_graphs(f, in);
	fprintf(f, "<section id=\"flames\"><h2>Where the CPU time goes: flame graphs</h2>\n<p>Each "
		"profiled side's sampled stacks, the harness's own frames folded away; a frame's width "
		"is its share of the side's samples, its colour the category the tables count a "
		"sample there in. A copy routine's frame also holds the memory it first touched (on a "
		"guest whose hypervisor fills pages in under the copy, most of it): the tables split "
		"that out as first touch at this machine's warm copy rate; a frame cannot.</p>\n");
	int sides = html_flame_write(f, in->profiles, in->profile_why);
	fprintf(f, "</section>\n");
	write_appendix(f, in->out_dir);
	write_verdicts_json(f, in->claims);
	fprintf(f, "</main></body></html>\n");
	return sides < 0 ? sides : 0;
}

int html_write(const struct html_input *in, struct bx_error *err)
{
	char path[PATH_LEN];
	snprintf(path, sizeof(path), "%s/report.html", in->out_dir);
	struct output_file out;
	FILE *f = output_file_open(&out, path);
	if (!f)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path,
			       io_open_error(errno));
	int rc = write_page(f, in);
	int c = output_file_close(&out, rc == 0);
	if (rc < 0 || c < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path,
			       strerror(rc < 0 ? -rc : -c));
	return 0;
}
