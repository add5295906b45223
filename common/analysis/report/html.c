/*
 * html.c - report.html (html.h).  The page follows report.md's table of sections
 * (report_sections.h): what was found first, each section in the page's own view where it has
 * one (the claims as a forest plot, each method's runs, the flame graphs, the host's timeline),
 * its graphs after it, and report.md in full last.  Graphs are the PNGs gnuplot drew beside
 * report.md, embedded as data: URIs, each with its title as the text alternative; nothing on
 * the page is fetched.
 */
#include "analysis/report/html.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/html/html_text.h"
#include "analysis/report/report_sections.h"
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

/* One graph gnuplot drew beside report.md, as a figure with its title and reading. */
static void write_figure(FILE *f, const char *out_dir, enum report_graph_id id)
{
	const struct report_graph_kind *gr = report_graph_kind(id);
	char path[PATH_LEN];
	snprintf(path, sizeof(path), "%s/%s.png", out_dir, gr->script);
	FILE *png = fopen(path, "rb");
	if (!png)
		return;
	fprintf(f, "<figure><img alt=\"");
	html_text(f, gr->title);
	fprintf(f, " (its numbers are in report.md's tables)\" src=\"data:image/png;base64,");
	base64_file(f, png);
	fclose(png);
	fprintf(f, "\"><figcaption><strong>");
	html_text(f, gr->title);
	fprintf(f, ".</strong> ");
	html_text(f, gr->reading);
	fprintf(f, "</figcaption></figure>\n");
}

/* Section sec's graphs that were drawn; a section with no view of its own on the page gets a
 * heading of its title (its text is in the appendix). */
static void write_section_graphs(FILE *f, const struct report_section *sec, const char *out_dir,
				 const int drawn[NGRAPHS])
{
	int any = 0;
	for (size_t k = 0; k < REPORT_SECTION_GRAPHS && sec->graphs[k] != NO_GRAPH; k++) {
		if (!drawn[sec->graphs[k]])
			continue;
		if (!any++) {
			fprintf(f, "<section id=\"graphs-%s\" class=\"graphs\">", sec->id);
			if (!sec->html) {
				fprintf(f, "<h2>");
				html_text(f, sec->title);
				fprintf(f, "</h2>");
			}
			fputc('\n', f);
		}
		write_figure(f, out_dir, sec->graphs[k]);
	}
	if (any)
		fprintf(f, "</section>\n");
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

static int write_page(FILE *f, const struct job_facts *facts, const char *out_dir,
		      const int drawn[NGRAPHS])
{
	const struct run_record *r = facts->records;
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
		facts->n, r[0].timestamp, r[facts->n - 1].timestamp);
	/* report.md's sections in its order, each in the page's own view where it has one */
	for (size_t i = 0; i < report_sections_count(); i++) {
		const struct report_section *sec = report_section_at(i);
		int rc = sec->html ? sec->html(f, facts) : 0;
		if (rc < 0)
			return rc;
		write_section_graphs(f, sec, out_dir, drawn);
	}
	write_appendix(f, out_dir);
	write_verdicts_json(f, &facts->claims);
	fprintf(f, "</main></body></html>\n");
	return 0;
}

int html_write(const struct job_facts *facts, const char *out_dir, const int drawn[NGRAPHS],
	       struct bx_error *err)
{
	char path[PATH_LEN];
	snprintf(path, sizeof(path), "%s/report.html", out_dir);
	struct output_file out;
	FILE *f = output_file_open(&out, path);
	if (!f)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path,
			       io_open_error(errno));
	int rc = write_page(f, facts, out_dir, drawn);
	int c = output_file_close(&out, rc == 0);
	if (rc < 0 || c < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path,
			       strerror(rc < 0 ? -rc : -c));
	return 0;
}
