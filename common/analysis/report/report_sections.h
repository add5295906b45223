/*
 * report_sections.h - the report's one table of sections, which report.md and report.html both
 * follow: each section has an id, the title the README and the man page list it by, its
 * markdown writer, its HTML writer (none: the page shows its graphs, and its text is in the
 * page's appendix), and the graphs that draw its numbers.  Every writer reads the job's facts
 * and nothing else.  Adding a section is its writers, one line here, and its title in the
 * README's and the man page's lists of sections (tests hold the three together); a number it
 * states that no other view has yet is worked out in facts/ first.
 */
#ifndef BX_REPORT_SECTIONS_H
#define BX_REPORT_SECTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "analysis/facts/facts.h"

/* The graphs gnuplot draws (plots/<script>.gp), in the order the report shows them. */
enum report_graph_id {
	GRAPH_CPU, GRAPH_THROUGHPUT, GRAPH_CHUNK, GRAPH_SIZE, GRAPH_CPU_PER_GIB, GRAPH_COPIES,
	GRAPH_BREAKDOWN, GRAPH_CALLS, NGRAPHS
};
#define NO_GRAPH NGRAPHS
#define REPORT_SECTION_GRAPHS 3

/* A graph: its script, its title, and how to read it (what a mark is, which way is better). */
struct report_graph_kind {
	const char *script, *title, *reading;
};

/* A section writer: writes its part of report.md or report.html from the facts into f.
 * Returns 0, or -errno when it could not (out of memory). */
typedef int (*report_section_writer)(FILE *f, const struct job_facts *facts);

struct report_section {
	const char *id;		/* a short name, for tests and for linking */
	const char *title;	/* what the README and the man page call it, and how its heading
				 * in report.md begins (tests hold the three together) */
	report_section_writer markdown;
	report_section_writer html;	/* NULL: the page shows its graphs only */
	enum report_graph_id graphs[REPORT_SECTION_GRAPHS];	/* NO_GRAPH ends them */
};

/* The sections in order: how many, the i-th (NULL past the end), and its title. */
size_t report_sections_count(void);
const struct report_section *report_section_at(size_t i);
const char *report_section_title(size_t i);

/* Graph id's script, title and reading. */
const struct report_graph_kind *report_graph_kind(enum report_graph_id id);

#endif
