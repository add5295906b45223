/*
 * report_placement.c - report.md's "Where a buffer sits in its page" (see report_placement.h):
 * the placement pair's facts (facts/placement.h) in the paragraph report.html prints too.
 */
#include "analysis/markdown/report_placement.h"

#include "analysis/words/placement_words.h"

int report_placement_print(FILE *f, const struct job_facts *facts)
{
	char text[2048];
	if (!placement_paragraph(&facts->placement, facts->ctx ? facts->ctx->copy_placement : NULL,
				 text, sizeof(text)))
		return 0;
	fprintf(f, "\n### Where a buffer sits in its page\n\n%s\n\n", text);
	return 0;
}
