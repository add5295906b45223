/*
 * html_placement.c - report.html's "Where a buffer sits in its page" (see html_placement.h).
 */
#include "analysis/html/html_placement.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/html/html_text.h"
#include "analysis/markdown/report_placement.h"

/* report.md's subsection (report_placement.h) as a section of the page, when the job ran the
 * pair: the same sentences, one source. */
int html_placement_write(FILE *f, const struct job_facts *facts)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return -errno;
	report_placement_print(m, facts->records, facts->n,
			       facts->ctx ? facts->ctx->copy_placement : NULL);
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
	return 0;
}
