/*
 * html_copies.c - the teacher's table in report.html (see html_copies.h).
 */
#include "analysis/html/html_copies.h"

#include <string.h>

#include "analysis/html/html_text.h"
#include "analysis/words/copies_rows.h"
#include "base/syscall_count.h"
#include "base/units.h"

#define MAX_ROWS 64

/* Markdown's *emphasis* and **strong** of the shared words, as HTML. */
static void paragraph(FILE *f, const char *md)
{
	fprintf(f, "<p>");
	int strong = 0, em = 0;
	for (const char *p = md; *p; p++) {
		if (p[0] == '*' && p[1] == '*') {
			fputs(strong ? "</strong>" : "<strong>", f);
			strong = !strong;
			p++;
		} else if (*p == '*') {
			fputs(em ? "</em>" : "<em>", f);
			em = !em;
		} else {
			char one[2] = { *p, '\0' };
			html_text(f, one);
		}
	}
	fprintf(f, "</p>\n");
}

int html_copies_write(FILE *f, const struct job_facts *facts)
{
	struct copies_row rows[MAX_ROWS];
	size_t k = report_copies_rows(facts->groups, facts->ngroups, job_facts_profiles(facts),
				      job_facts_units(facts), rows, MAX_ROWS);
	if (k == 0)
		return 0;
	fprintf(f, "<section id=\"copies\"><h2>Where the copies go: the lesson, this setting, the "
		"counts</h2>\n");
	for (int i = 0; i < 3; i++)
		paragraph(f, report_copies_intro[i]);
	fprintf(f, "<p>The kernel's count here: ");
	html_text(f, syscall_counter_words(syscall_counter_from_id(facts->groups[0].kernel_syscalls_by)));
	fprintf(f, ".</p>\n<table id=\"teacher\"><thead><tr><th>method</th><th>side</th><th>the "
		"lesson (both sides)</th><th>a call's bytes</th><th>CPU copies: theory here</th>"
		"<th>copy time, as copies (measured)</th><th>system calls: theory / harness / kernel "
		"(counted)</th><th>page faults (counted)</th><th>mode switches (counted)</th>"
		"<th>context switches (counted)</th><th>CPU s per GiB (measured)</th></tr></thead>"
		"<tbody>\n");
	for (size_t i = 0; i < k; i++) {
		const struct copies_row *r = &rows[i];
		fprintf(f, "<tr><td>");
		if (r->producer)
			html_text(f, r->method);
		fprintf(f, "</td><td>%s</td><td>", r->producer ? "sender" : "receiver");
		if (r->producer)
			html_text(f, r->lesson ? r->lesson : "-");
		char bytes[32];
		fprintf(f, "</td><td class=\"num\">%s</td><td class=\"num\">%u</td><td "
			"class=\"num\">", units_format_size(r->call_bytes, bytes, sizeof(bytes)),
			r->theory_copies);
		if (r->copies >= 0)
			fprintf(f, "%.2f", r->copies);
		else
			fprintf(f, "-");
		fprintf(f, "</td><td class=\"num\">%u / %.2f / ", r->theory_calls, r->calls_harness);
		if (r->calls_kernel >= 0)
			fprintf(f, "%.2f%s", r->calls_kernel,
				r->kernel_rw_only ? " (its reads and writes)" : "");
		else
			fprintf(f, "n/c");
		fprintf(f, "</td><td class=\"num\">%.2f</td><td class=\"num\">%.2f (%s)</td>"
			"<td class=\"num\">%.2f</td><td class=\"num\">%.3f</td></tr>\n", r->faults,
			r->mode_switches, r->modes_by_kernel ? "kernel" : "harness",
			r->context_switches, r->cpu_s_per_gib);
	}
	fprintf(f, "</tbody></table>\n");
	paragraph(f, report_copies_after);
	fprintf(f, "</section>\n");
	return 0;
}
