/*
 * html_answer.c - report.html's first section, "What this job found" (see html_answer.h): the
 * job's findings in the sentences report.md and the terminal use (which method for what is the
 * next section's, html_decision.c).
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

int html_answer_write(FILE *f, const struct job_facts *facts)
{
	fprintf(f, "<section id=\"answer\"><h2>What this job found</h2>\n");
	ordering_line(f, &facts->findings);
	finding_list(f, &facts->findings);
	fprintf(f, "</section>\n");
	return 0;
}

