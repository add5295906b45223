/*
 * report_sections.c - the report's one table of sections (see report_sections.h).
 */
#include "analysis/report/report_sections.h"

#include "analysis/html/html_answer.h"
#include "analysis/html/html_copies.h"
#include "analysis/html/html_decision.h"
#include "analysis/html/html_flame.h"
#include "analysis/html/html_forest.h"
#include "analysis/html/html_methods.h"
#include "analysis/html/html_placement.h"
#include "analysis/html/html_timeline.h"
#include "analysis/markdown/findings.h"
#include "analysis/markdown/report_copies.h"
#include "analysis/markdown/report_decision.h"
#include "analysis/markdown/report_ipc.h"
#include "analysis/markdown/report_model.h"
#include "analysis/markdown/report_profile.h"
#include "analysis/markdown/report_study.h"
#include "analysis/markdown/report_tables.h"
#include "analysis/markdown/report_uring.h"


static const struct report_graph_kind graph_kinds[NGRAPHS] = {
	[GRAPH_CPU] = { "cpu", "CPU seconds per GiB of sender and receiver, beside the 2014 code's",
			"Each bar is one side's median over its group's runs, its error bar the "
			"median's interval (95%, or the next level its runs allow: \"Every group of "
			"runs\" gives each); a diamond is what the 2014 code measured on its own "
			"machine, per GiB of its file. Lower is cheaper." },
	[GRAPH_THROUGHPUT] = { "throughput", "End-to-end throughput", "Each bar is a group's "
			       "median GiB/s, from the start barrier to the receiver's last byte, "
			       "its error bar the median's interval (95%, or the next level its runs "
			       "allow). Higher is faster." },
	[GRAPH_CHUNK] = { "chunk", "Throughput and CPU per GiB against chunk size", "The chunk "
			  "sweep: each point the median of its three runs, the bars their smallest "
			  "and largest; the tuned phase runs each method at its fastest chunk "
			  "here." },
	[GRAPH_SIZE] = { "size", "Throughput against file size", "One run a point below the full "
			 "file, whose point is the tuned phase's median: small files pay the fixed "
			 "cost of a transfer." },
	[GRAPH_CPU_PER_GIB] = { "cpu_per_gib", "User vs system CPU seconds per GiB", "Each side's "
				"median CPU per GiB (the bar of the first graph), split into user "
				"and system time as their medians split it: the copies inside the "
				"kernel count as system time." },
	[GRAPH_COPIES] = { "copies", "Measured CPU cost against theoretical CPU copies", "A point "
			   "per method: if copies were the cost, the points would climb with the "
			   "copies." },
	[GRAPH_BREAKDOWN] = { "breakdown", "Where each side's CPU time goes (cost model)", "A "
			      "fit, not a measurement: \"The fitted model beside the profile\" says "
			      "where it is wrong." },
	[GRAPH_CALLS] = { "calls", "CPU seconds per GiB against system calls per GiB (cost "
			  "model)", "Each run a point, the fit's line beside them: a fit, not a "
			  "measurement." },
};

/* report.md, in order, each section's graphs drawn right after it; report.html in the same
 * order, its own view of a section where it has one. */
static const struct report_section sections[] = {
	{ "machine", "the machine and the runs", report_machine_print, NULL, { NO_GRAPH } },
	{ "findings", "what this job found", answer_write_findings, html_answer_write,
	  { NO_GRAPH } },
	{ "decision", "which method, by size and side", report_decision_print, html_decision_write,
	  { NO_GRAPH } },
	{ "against-study", "against the 2014 study", report_study_section, html_claims_section,
	  { GRAPH_CPU, GRAPH_THROUGHPUT, NO_GRAPH } },
	{ "best-chunk", "each method at its best chunk size", report_tuned_print,
	  html_methods_write, { GRAPH_CHUNK, GRAPH_SIZE, GRAPH_CPU_PER_GIB } },
	{ "targets", "the floor and the targets", report_targets_print, NULL, { NO_GRAPH } },
	{ "uring", "io_uring beside the classic calls", report_uring_print, NULL, { NO_GRAPH } },
	{ "ipc", "the IPC alone", report_ipc_print, html_placement_write, { NO_GRAPH } },
	{ "copies", "where the copies go", report_copies_print, html_copies_write,
	  { GRAPH_COPIES, NO_GRAPH } },
	{ "profile", "where the CPU time goes, measured", report_profile_print,
	  html_flames_section, { NO_GRAPH } },
	{ "system", "what on this machine moves the numbers", report_system_print,
	  html_timeline_section, { NO_GRAPH } },
	{ "groups", "every group of runs", report_groups_print, NULL, { NO_GRAPH } },
	{ "glossary", "what the words mean", report_glossary_print, NULL, { NO_GRAPH } },
	{ "model", "appendix: a cost model fitted to the runs", report_model_section, NULL,
	  { GRAPH_BREAKDOWN, GRAPH_CALLS, NO_GRAPH } },
};
#define NSECTIONS (sizeof(sections) / sizeof(sections[0]))

size_t report_sections_count(void)
{
	return NSECTIONS;
}

const struct report_section *report_section_at(size_t i)
{
	return i < NSECTIONS ? &sections[i] : NULL;
}

const char *report_section_title(size_t i)
{
	return i < NSECTIONS ? sections[i].title : NULL;
}

const struct report_graph_kind *report_graph_kind(enum report_graph_id id)
{
	return id < NGRAPHS ? &graph_kinds[id] : NULL;
}
