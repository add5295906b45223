/*
 * report_copies.c - report.md's "Where the copies go": the teacher's table (words/copies_rows.h)
 * as markdown.
 */
#include "analysis/markdown/report_copies.h"

#include "analysis/words/copies_rows.h"
#include "base/syscall_count.h"
#include "base/units.h"

#define MAX_ROWS 64

int report_copies_print(FILE *f, const struct job_facts *facts)
{
	const struct group *g = facts->groups;
	size_t n = facts->ngroups;
	const struct profile_set *profiles = job_facts_profiles(facts);
	const struct unit_costs *units = job_facts_units(facts);
	struct copies_row rows[MAX_ROWS];
	size_t k = report_copies_rows(g, n, profiles, units, rows, MAX_ROWS);
	fprintf(f, "\n## Where the copies go: theory beside measurement\n\n%s\n\n%s\n\n%s The "
		"kernel's count here: %s.\n\n", report_copies_intro[0], report_copies_intro[1],
		report_copies_intro[2],
		n ? syscall_counter_words(syscall_counter_from_id(g[0].kernel_syscalls_by)) :
		    "none");
	fprintf(f, "| method | side | the lesson (both sides) | a call's bytes | CPU copies: theory "
		"here | copy time, as copies (measured) | system calls: theory / harness / kernel "
		"(counted) | page faults (counted) | mode switches (counted) | context switches "
		"(counted) | CPU s per GiB (measured) |\n"
		"|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < k; i++) {
		const struct copies_row *r = &rows[i];
		char copies[32] = "-", kernel[32] = "n/c";
		if (r->copies >= 0)
			snprintf(copies, sizeof(copies), "%.2f", r->copies);
		if (r->calls_kernel >= 0)
			snprintf(kernel, sizeof(kernel), "%.2f%s", r->calls_kernel,
				 r->kernel_rw_only ? " (its reads and writes)" : "");
		char bytes[32];
		fprintf(f, "| %s | %s | %s | %s | %u | %s | %u / %.2f / %s | %.2f | %.2f (%s) | "
			"%.2f | %.3f |\n", r->producer ? r->method : "",
			r->producer ? "sender" : "receiver",
			r->producer ? (r->lesson ? r->lesson : "-") : "",
			units_format_size(r->call_bytes, bytes, sizeof(bytes)), r->theory_copies, copies,
			r->theory_calls, r->calls_harness, kernel, r->faults, r->mode_switches,
			r->modes_by_kernel ? "kernel" : "harness", r->context_switches,
			r->cpu_s_per_gib);
	}
	fprintf(f, "\n%s\n", report_copies_after);
	return 0;
}
