/*
 * html_answer.c - report.html's first section, "What this job found" (see html_answer.h): the
 * job's findings in the sentences report.md and the terminal use, and the "Which method for
 * ..." table.
 */
#include "analysis/html/html_answer.h"

#include <string.h>

#include "analysis/html/html_text.h"
#include "analysis/judge/groups.h"
#include "analysis/judge/study.h"
#include "analysis/words/sentences.h"
#include "analysis/words/unit_words.h"

/* The ordering's sentence, its verdict word marked for the eye and for the browser test. */
static void ordering_line(FILE *f, const struct findings *x)
{
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
}

/* Each claim with its interval and 2014 value, the measured why, the unit costs and how far to
 * trust them: the same sentences as report.md's. */
static void finding_list(FILE *f, const struct findings *x)
{
	char text[512];
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
}

/* "Which method for ...": the best group for each use, and the methods not run. */
static void which_table(FILE *f, const struct findings *x)
{
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
	fprintf(f, "</tbody></table>\n");
}

int html_answer_write(FILE *f, const struct job_facts *facts)
{
	fprintf(f, "<section id=\"answer\"><h2>What this job found</h2>\n");
	ordering_line(f, &facts->findings);
	finding_list(f, &facts->findings);
	which_table(f, &facts->findings);
	fprintf(f, "</section>\n");
	return 0;
}

