/*
 * html_decision.c - report.html's "Which method, by size and side" (see html_decision.h).
 */
#include "analysis/html/html_decision.h"

#include "analysis/html/html_text.h"
#include "analysis/words/decision_words.h"
#include "catalog/methods.h"

/* One row of the table: r's least-CPU pick (fastest 0) or fastest (1), or both. */
static void pick_row(FILE *f, const struct decision_row *r, int fastest, int first, int span)
{
	const struct group *g = fastest ? r->fastest.g : r->least_cpu.g;
	struct decision_figures fig;
	char setting[192], words[128];
	decision_figures_of(g, &fig);
	fprintf(f, "<tr>");
	if (first) {
		fprintf(f, "<th scope=\"row\" rowspan=\"%d\">", span);
		html_text(f, decision_row_words(r, 0, words, sizeof(words)));
		fprintf(f, ", %zu method%s</th>", r->methods, r->methods == 1 ? "" : "s");
	}
	fprintf(f, "<td>%s</td><td>", decision_pick_words(r, fastest));
	html_text(f, decision_setting_words(r, fastest, setting, sizeof(setting)));
	fprintf(f, "</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s"
		"</td></tr>\n", fig.gib, fig.sender, fig.receiver);
}

int html_decision_write(FILE *f, const struct job_facts *facts)
{
	const struct decision_table *t = &facts->decision;
	if (t->n == 0)
		return 0;
	fprintf(f, "<section id=\"decision\"><h2>Which method, by size and side</h2>\n<p>For each "
		"size of transfer this job measured: the method that used the least CPU (both "
		"sides, per GiB) and the fastest, each with its throughput and each side's CPU "
		"seconds per GiB, medians with their 95%% intervals (a lower level in brackets "
		"where the runs are too few). A row ranks only the methods that ran in it.</p>\n"
		"<table id=\"decision-table\"><thead><tr><th>transfer</th><th>for</th><th>method, "
		"setting</th><th>GiB/s</th><th>sender CPU s/GiB</th><th>receiver CPU s/GiB</th>"
		"</tr></thead><tbody>\n");
	for (size_t i = 0; i < t->n; i++) {
		const struct decision_row *r = &t->rows[i];
		int both = r->least_cpu.g == r->fastest.g;
		pick_row(f, r, both, 1, both ? 1 : 2);
		if (!both)
			pick_row(f, r, 1, 0, 0);
	}
	fprintf(f, "</tbody></table>\n");
	const struct findings *fi = &facts->findings;
	if (fi->nmissing) {
		fprintf(f, "<p>Not run in this job, so in no row: ");
		for (size_t k = 0; k < fi->nmissing; k++) {
			fprintf(f, "%s", k ? ", " : "");
			html_text(f, fi->missing[k]);
		}
		fprintf(f, ". <code>bulkxfer reproduce --all</code> runs every method in every phase "
			"and fills every row.</p>\n");
	}
	fprintf(f, "<details><summary>What each method needs of a machine, and whether it worked "
		"here</summary><table id=\"needs\"><thead><tr><th>method</th><th>needs</th>"
		"<th>here</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < t->nmethods; i++) {
		const struct decision_method *d = &t->methods[i];
		char needs[512];
		fprintf(f, "<tr><td>");
		html_text(f, d->m->name);
		fprintf(f, "</td><td>");
		html_text(f, methods_needs(d->m, needs, sizeof(needs)));
		fprintf(f, "</td><td>%s</td></tr>\n", decision_outcome_words(d));
	}
	fprintf(f, "</tbody></table></details></section>\n");
	return 0;
}
