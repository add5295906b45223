/*
 * findings.c - report.md's first section, "What this job found" (see findings.h): the job's
 * findings in the sentences the terminal and report.html use, and what decides each claim here
 * (which method for what is the next section's, report_decision.c).
 */
#include "analysis/markdown/findings.h"

#include <math.h>
#include <string.h>

#include "analysis/judge/study.h"
#include "analysis/words/sentences.h"
#include "analysis/words/unit_words.h"
#include "base/units.h"

static void answer_units_write(FILE *md, const struct findings *f)
{
	int any = 0;
	for (size_t p = 0; p < f->npairs; p++)
		any |= f->pairs[p].explained;
	char text[640];
	if (!any || !answer_unit_costs_text(&f->unit_costs, text, sizeof(text)))
		return;
	fprintf(md, "\n### What decides each claim here\n\nThis machine's unit costs, measured in "
		"this job, each the best of 3 passes: %s. A fault is the first write to a fresh 4 KiB "
		"page of private memory (allocating and zeroing it, and the host's part on a guest, "
		"included), a system call getppid() in and out, a wake-up half a pipe round trip "
		"between two processes, a copy one core's between present buffers. Each pair's "
		"counts per GiB (the study phase's medians; copies from the halves' theory) at those "
		"costs, against the CPU per GiB measured; *rest* is what the units do not account "
		"for:\n\n"
		"| pair | measured | faults | system calls | copies | wake-ups | rest |\n"
		"|---|---:|---:|---:|---:|---:|---:|\n", text);
	for (size_t p = 0; p < f->npairs; p++) {
		const struct finding_pair *fp = &f->pairs[p];
		if (!fp->explained)
			continue;
		fprintf(md, "| %s / %s | %+.3f s |", fp->a_name, fp->b_name, fp->units.delta_cpu_s);
		double rest = fp->units.delta_cpu_s;
		for (int t = 0; t < UNIT_NTERMS; t++) {
			fprintf(md, " %s%+.3f s (%+.3g)%s |", t == fp->units.deciding ? "**" : "",
				fp->units.delta_s[t], fp->units.delta_count[t],
				t == fp->units.deciding ? "**" : "");
			rest -= fp->units.delta_s[t];
		}
		fprintf(md, " %+.3f s |\n", rest);
	}
	fprintf(md, "\nIn each cell: CPU seconds per GiB at this machine's cost (the difference in "
		"count per GiB; copies in GiB copied); **bold**, the unit that accounts for most of "
		"the difference on its side. The counts are the kernel's (faults, context switches) "
		"and the harness's (system calls).\n\n");
	for (size_t p = 0; p < f->npairs; p++)
		if (answer_units_sentence(&f->pairs[p], text, sizeof(text)))
			fprintf(md, "- %s\n", text);
}

int answer_write_findings(FILE *md, const struct job_facts *facts)
{
	const struct findings *f = &facts->findings;
	fprintf(md, "\n## What this job found\n\n");
	char text[512];
	if (f->ordering)
		fprintf(md, "- **%s**\n", answer_ordering_sentence(f, text, sizeof(text)));
	for (size_t p = 0; p < f->npairs; p++) {
		const struct finding_pair *fp = &f->pairs[p];
		fprintf(md, "- %s used **%.2fx** ", fp->a_name, fp->x->r.estimate);
		if (fp->x->r.valid)
			fprintf(md, "[%.2f, %.2f] ", fp->x->r.low, fp->x->r.high);
		fprintf(md, "the CPU of %s (2014: %.2fx): %s.\n", fp->b_name, fp->then,
			fp->x->verdict);
	}
	if (answer_why_sentence(f, text, sizeof(text)))
		fprintf(md, "- %s\n", text);
	fprintf(md, "- %s\n", answer_trust_sentence(f, text, sizeof(text)));

	answer_units_write(md, f);
	return 0;
}
