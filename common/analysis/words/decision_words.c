/*
 * decision_words.c - the words of the decision table (see decision_words.h).
 */
#include "analysis/words/decision_words.h"

#include <stdio.h>

#include "analysis/judge/study.h"
#include "analysis/words/sentences.h"
#include "base/units.h"

/* "2.41 [2.10, 2.60]", "2.41 (1 run)", or with the interval's level when below 95%. */
static void value_text(double median, double low, double high, double level, size_t n,
		       int precise, char *buf, size_t len)
{
	const char *fmt = precise ? "%.3f" : "%.2f";
	char m[24], lo[24], hi[24];
	snprintf(m, sizeof(m), fmt, median);
	snprintf(lo, sizeof(lo), fmt, low);
	snprintf(hi, sizeof(hi), fmt, high);
	if (n < 2 || level <= 0)
		snprintf(buf, len, "%s (%zu run)", m, n);
	else if (level < 0.95)
		snprintf(buf, len, "%s [%s, %s] (a %.0f%% interval)", m, lo, hi, 100 * level);
	else
		snprintf(buf, len, "%s [%s, %s]", m, lo, hi);
}

void decision_figures_of(const struct group *g, struct decision_figures *out)
{
	struct decision_side s, r;
	decision_side_cpu(g, 1, &s);
	decision_side_cpu(g, 0, &r);
	value_text(g->gib.median, g->gib.median_ci_low, g->gib.median_ci_high,
		   g->gib.median_ci_level, g->n, 0, out->gib, sizeof(out->gib));
	value_text(s.median, s.low, s.high, s.level, g->n, 1, out->sender, sizeof(out->sender));
	value_text(r.median, r.low, r.high, r.level, g->n, 1, out->receiver,
		   sizeof(out->receiver));
}

const char *decision_row_words(const struct decision_row *r, int short_form, char *buf,
			       size_t len)
{
	char size[32], file[32];
	units_format_size(r->size, size, sizeof(size));
	units_format_size(r->bytes, file, sizeof(file));
	switch (r->kind) {
	case DECISION_MESSAGES:
		if (short_form)
			snprintf(buf, len, "%s calls", size);
		else
			snprintf(buf, len, "a %s file in %s calls (chunk sweep: a stream of %s "
				 "messages)", file, size, size);
		break;
	case DECISION_FILE:
		snprintf(buf, len, short_form ? "%s file" : "a %s file (size sweep)", size);
		break;
	case DECISION_JOB_FILE:
		snprintf(buf, len, short_form ? "%s file" :
			 "a %s file, the job's size (tuned and study runs)", size);
		break;
	case DECISION_MEMORY:
		snprintf(buf, len, short_form ? "%s kept" :
			 "%s memory to memory, kept (memory-to-memory phase)", size);
		break;
	}
	return buf;
}

const char *decision_pick_words(const struct decision_row *r, int fastest)
{
	if (r->least_cpu.g == r->fastest.g)
		return "least CPU and fastest";
	return fastest ? "fastest" : "least CPU";
}

const char *decision_setting_words(const struct decision_row *r, int fastest, char *buf,
				   size_t len)
{
	const struct decision_pick *p = fastest ? &r->fastest : &r->least_cpu;
	int both = r->least_cpu.g == r->fastest.g;
	char chunk[64];
	size_t used = (size_t)snprintf(buf, len, "%s, %s", study_display_name(p->g->method),
				       answer_chunk_words(p->g, chunk, sizeof(chunk)));
	/* a line that states both picks names each one's tie */
	const struct group *cpu_rival = !fastest || both ? r->least_cpu.rival : NULL;
	const struct group *gib_rival = fastest || both ? r->fastest.rival : NULL;
	if (cpu_rival && used < len)
		used += (size_t)snprintf(buf + used, len - used, "; tied in CPU with %s",
					 study_display_name(cpu_rival->method));
	if (gib_rival && used < len)
		snprintf(buf + used, len - used, "; tied in GiB/s with %s",
			 study_display_name(gib_rival->method));
	return buf;
}

const char *decision_outcome_words(const struct decision_method *d)
{
	return !d->ran ? "not run in this job" : d->verified ? "worked: every run verified" :
	       "ran; not every run verified (--no-verify)";
}
