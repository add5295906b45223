/*
 * report_decision.c - "Which method, by size and side" (see report_decision.h).
 */
#include "analysis/markdown/report_decision.h"

#include <string.h>

#include "analysis/words/decision_words.h"
#include "catalog/methods.h"

/* One line of the table: row r's least-CPU pick (fastest 0) or fastest (1), or both. */
static void pick_line(FILE *f, const char *transfer, const struct decision_row *r, int fastest)
{
	const struct group *g = fastest ? r->fastest.g : r->least_cpu.g;
	struct decision_figures fig;
	char setting[192];
	decision_figures_of(g, &fig);
	fprintf(f, "| %s | %s | %s | %s | %s | %s |\n", transfer, decision_pick_words(r, fastest),
		decision_setting_words(r, fastest, setting, sizeof(setting)), fig.gib, fig.sender,
		fig.receiver);
}

static void print_needs(FILE *f, const struct decision_table *t)
{
	fprintf(f, "\nWhat each method needs of a machine, and whether it worked in this job:\n\n"
		"| method | needs | here |\n|---|---|---|\n");
	for (size_t i = 0; i < t->nmethods; i++) {
		const struct decision_method *d = &t->methods[i];
		char needs[512];
		fprintf(f, "| %s | %s | %s |\n", d->m->name, methods_needs(d->m, needs, sizeof(needs)),
			decision_outcome_words(d));
	}
}

int report_decision_print(FILE *f, const struct job_facts *facts)
{
	const struct decision_table *t = &facts->decision;
	if (t->n == 0)
		return 0;
	fprintf(f, "\n## Which method, by size and side\n\n"
		"For each size of transfer this job measured: the method that used the least CPU "
		"(both sides together, per GiB) and the fastest (end to end), each with its "
		"throughput and each side's CPU seconds per GiB: medians with their 95%% intervals "
		"(a lower level in brackets where the runs are too few for 95%%; one run, none). "
		"A row ranks only the methods that ran in it; \"tied\" names another method "
		"whose interval overlaps the pick's.\n\n"
		"| transfer | for | method, setting | GiB/s | sender CPU s/GiB | receiver CPU s/GiB |\n"
		"|---|---|---|---:|---:|---:|\n");
	for (size_t i = 0; i < t->n; i++) {
		const struct decision_row *r = &t->rows[i];
		char words[128], transfer[160];
		snprintf(transfer, sizeof(transfer), "%s, %zu method%s",
			 decision_row_words(r, 0, words, sizeof(words)), r->methods,
			 r->methods == 1 ? "" : "s");
		pick_line(f, transfer, r, r->least_cpu.g == r->fastest.g);
		if (r->least_cpu.g != r->fastest.g)
			pick_line(f, "", r, 1);
	}
	const struct findings *fi = &facts->findings;
	if (fi->nmissing) {
		fprintf(f, "\nNot run in this job, so in no row: ");
		for (size_t k = 0; k < fi->nmissing; k++)
			fprintf(f, "%s%s", k ? ", " : "", fi->missing[k]);
		fprintf(f, ". `bulkxfer reproduce --all` runs every method in every phase and "
			"fills every row.\n");
	}
	print_needs(f, t);
	return 0;
}
