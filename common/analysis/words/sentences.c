/*
 * sentences.c - the words every view of a job uses alike (see sentences.h): a setting's chunk,
 * the ordering, the measured why, how far to trust the rest, and a terminal line fitted to its
 * width without cutting a number.
 */
#include "analysis/words/sentences.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/facts/memory_to_memory.h"
#include "analysis/judge/study.h"
#include "analysis/profile/categories.h"
#include "base/units.h"

const char *answer_chunk_words(const struct group *g, char *buf, size_t len)
{
	char chunk[32], moved[32];
	units_format_chunk(g->chunk, chunk, sizeof(chunk));
	if (groups_pipe_cuts_chunk(g))
		snprintf(buf, len, "chunk %s (%s a call)", chunk,
			 units_format_size(g->pipe_size, moved, sizeof(moved)));
	else
		snprintf(buf, len, "chunk %s", chunk);
	return buf;
}

void display_pairs(const char *pairs, char *buf, size_t len)
{
	buf[0] = '\0';
	char copy[256];
	snprintf(copy, sizeof(copy), "%s", pairs);
	for (char *p = copy, *tok; (tok = strsep(&p, " "));) {
		size_t used = strlen(buf), n = strlen(tok);
		int comma = n > 0 && tok[n - 1] == ',';
		if (comma)
			tok[n - 1] = '\0';
		snprintf(buf + used, len - used, "%s%s%s", used ? " " : "",
			 strcmp(tok, "vs") == 0 ? "vs" : study_display_name(tok), comma ? "," : "");
	}
}

void answer_fit_line(char *line, size_t columns)
{
	size_t len = strlen(line);
	if (len <= columns || columns < 4)
		return;
	/* Cut between words, never inside one: a number cut short ("of 100000..." for 1000000)
	 * reads as another number.  A single word longer than the line is cut as it must be. */
	size_t cut = columns - 3;
	if (line[cut] != ' ') {
		size_t back = cut;
		while (back > 0 && line[back - 1] != ' ')
			back--;
		if (back > 0)
			cut = back;
	}
	while (cut > 0 && line[cut - 1] == ' ')
		cut--;
	memcpy(line + cut, "...", 4);
}

const char *words_cpu_time(double s, char *buf, size_t len)
{
	double a = fabs(s);
	if (a >= 0.1)
		snprintf(buf, len, "%.3f s", a);
	else
		snprintf(buf, len, "%.2f ms", a * 1e3);
	return buf;
}

const char *answer_ordering_sentence(const struct findings *f, char *buf, size_t len)
{
	const struct claim *o = f->ordering;
	char pairs[256] = "";
	if (!o) {
		snprintf(buf, len, "No study phase ran: there is no ordering to judge.");
		return buf;
	}
	if (o->ruled_out_pairs[0])
		display_pairs(o->ruled_out_pairs, pairs, sizeof(pairs));
	else if (o->undecided_pairs[0])
		display_pairs(o->undecided_pairs, pairs, sizeof(pairs));
	snprintf(buf, len, "The 2014 ordering (splice < mmap+memcpy < read/write, by the CPU time of "
		 "sender and receiver) is %s here%s%s%s.", o->verdict,
		 o->ruled_out_pairs[0] ? ": the saving the 2014 code measured is ruled out for " :
		 o->undecided_pairs[0] ? ": not decided for " : "", pairs,
		 o->ruled_out_pairs[0] ? " (its interval excludes the 2014 ratio)" : "");
	return buf;
}

const char *answer_why_sentence(const struct findings *f, char *buf, size_t len)
{
	if (f->why_category < 0)
		return NULL;
	char t[32];
	snprintf(buf, len, "Measured in the profiled runs (samples summed over each setting's runs, so "
		 "no interval): %s "
		 "spends %s %s CPU per run than read/write on %s, the largest difference between "
		 "their profiles.", study_display_name(f->why_method),
		 words_cpu_time(f->why_s, t, sizeof(t)),
		 f->why_s >= 0 ? "more" : "less", category_label((enum category)f->why_category));
	return buf;
}

const char *answer_trust_sentence(const struct findings *f, char *buf, size_t len)
{
	char host[200];
	if (f->host_took && f->host_stole)
		snprintf(host, sizeof(host), "the host took memory back during %zu and stole CPU "
			 "during %zu of the %zu runs (\"Every group of runs\" counts them apart)",
			 f->host_took, f->host_stole, f->runs);
	else if (f->host_took || f->host_stole)
		snprintf(host, sizeof(host), "the host %s during %zu of the %zu runs (\"Every group "
			 "of runs\" counts them apart)", f->host_took ? "took memory back" :
			 "stole CPU", f->host_took ? f->host_took : f->host_stole, f->runs);
	else
		snprintf(host, sizeof(host), "the host took neither memory nor CPU during any of the "
			 "%zu runs", f->runs);
	snprintf(buf, len, "How far to trust them: each claim's verdict holds at 95%% although the "
		 "job looked at its rounds up to three times before deciding (the error is shared "
		 "out between the looks, so each look's own interval is wider than 95%%: each claim's "
		 "row gives its level); the table's intervals are of a median, 95%% unless marked; "
		 "%s.", host);
	return buf;
}

void words_memcpy_reference(FILE *f, const struct unit_costs *units, const struct group *g)
{
	int keeps;
	double ref = mem_memcpy_reference(units, g, &keeps);
	char chunk[32];
	if (ref <= 0)
		return;
	if (keeps)
		fprintf(f, ", %.0f%% of one core's memcpy from DRAM to DRAM (%.2f GiB/s), the same "
			"working set", 100 * g->gib.median / ref, ref);
	else
		fprintf(f, ", %.0f%% of one core's memcpy into one reused %s buffer (%.2f GiB/s), "
			"the same working set: the reader keeps nothing, so its copies stay in the "
			"cache", 100 * g->gib.median / ref,
			units_format_chunk(g->chunk, chunk, sizeof(chunk)), ref);
	/* above one core's copy: the two sides' copies run on two cores at once */
	if (g->n >= 2 && g->gib.median_ci_low > ref)
		fprintf(f, "; above it by the whole interval [%.2f, %.2f]: the sender's and the "
			"receiver's copies ran on two cores at once", g->gib.median_ci_low,
			g->gib.median_ci_high);
}
