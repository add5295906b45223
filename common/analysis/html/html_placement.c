/*
 * html_placement.c - report.html's "Where a buffer sits in its page" (see html_placement.h).
 */
#include "analysis/html/html_placement.h"

#include "analysis/html/html_text.h"
#include "analysis/words/placement_words.h"

int html_placement_write(FILE *f, const struct job_facts *facts)
{
	char text[2048];
	if (!placement_paragraph(&facts->placement, facts->ctx ? facts->ctx->copy_placement : NULL,
				 text, sizeof(text)))
		return 0;
	fprintf(f, "<section id=\"placement\"><h2>Where a buffer sits in its page</h2><p>");
	html_text(f, text);
	fprintf(f, "</p></section>\n");
	return 0;
}
