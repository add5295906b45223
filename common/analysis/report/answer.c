/*
 * answer.c - what a job found (answer.h): gathered once, then told in the terminal and in
 * report.md.  Every terminal line is made to fit ANSWER_COLUMNS; a line that would not is cut
 * with "..." rather than wrapped, so the answer stays one screen whatever the names.
 */
#include "analysis/report/answer.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/judge/groups.h"
#include "analysis/judge/study.h"
#include "analysis/profile/categories.h"
#include "analysis/report/answer_units.h"
#include "analysis/facts/study_profile.h"
#include "analysis/report/report_profile.h"
#include "base/units.h"
#include "catalog/methods.h"
#include "record/names.h"

/* ---- gathering ------------------------------------------------------------------------- */

const char *answer_chunk_words(const struct group *g, char *buf, size_t len)
{
	char chunk[32], moved[32];
	units_format_chunk(g->chunk, chunk, sizeof(chunk));
	if (g->pipe_size > 0 && g->pipe_size < g->chunk)
		snprintf(buf, len, "chunk %s (%s a call)", chunk,
			 units_format_size(g->pipe_size, moved, sizeof(moved)));
	else
		snprintf(buf, len, "chunk %s", chunk);
	return buf;
}

/* pairs ("shm-whole vs pipe, splice vs pipe") with the study's names: "mmap+memcpy vs
 * read/write, ...". */
static void display_pairs(const char *pairs, char *buf, size_t len)
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

/* ---- the terminal ----------------------------------------------------------------------- */

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

struct answer {
	FILE *out;
	int lines;
};

/* One line of the answer, cut to ANSWER_COLUMNS; nothing past ANSWER_MAX_LINES. */
static void say(struct answer *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct answer *a, const char *fmt, ...)
{
	if (a->lines >= ANSWER_MAX_LINES)
		return;
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	answer_fit_line(line, ANSWER_COLUMNS);
	fprintf(a->out, "%s\n", line);
	a->lines++;
}

static void say_ordering(struct answer *a, const struct findings *f)
{
	const struct claim *o = f->ordering;
	if (!o)
		return;
	say(a, "2014 ordering (splice < mmap+memcpy < read/write, by CPU): %s", o->verdict);
	char pairs[256];
	if (o->ruled_out_pairs[0]) {
		display_pairs(o->ruled_out_pairs, pairs, sizeof(pairs));
		say(a, "  the 2014 saving is ruled out: %s", pairs);
	} else if (o->undecided_pairs[0]) {
		display_pairs(o->undecided_pairs, pairs, sizeof(pairs));
		say(a, "  not decided: %s", pairs);
	}
}

/* The ordering's three CPU-sum claims, each against the ratio the 2014 code measured. */
static void say_claims(struct answer *a, const struct findings *f)
{
	for (size_t p = 0; p < f->npairs; p++) {
		const struct finding_pair *fp = &f->pairs[p];
		char size[32];
		if (p == 0)	/* the job's size: a 256 MiB job is no 1.4 GiB one */
			say(a, "CPU to move %s, sender + receiver (ratio [interval], 2014's ratio):",
			    units_format_size(f->study_bytes, size, sizeof(size)));
		char names[64], now[48];
		snprintf(names, sizeof(names), "%s / %s", fp->a_name, fp->b_name);
		if (fp->x->r.valid)
			snprintf(now, sizeof(now), "%.2fx [%.2f, %.2f]", fp->x->r.estimate,
				 fp->x->r.low, fp->x->r.high);
		else
			snprintf(now, sizeof(now), "%.2fx (no interval)", fp->x->r.estimate);
		say(a, "  %-24s  %-18s  2014 %.2fx  %s", names, now, fp->then, fp->x->verdict);
	}
}

static void say_why(struct answer *a, const struct findings *f)
{
	if (f->why_category < 0)
		return;
	say(a, "why, measured (profiled runs): against read/write, %s spends",
	    study_display_name(f->why_method));
	say(a, "  %.3f s %s CPU per run on %s", fabs(f->why_s), f->why_s >= 0 ? "more" : "less",
	    category_label((enum category)f->why_category));
}

/* The unit costs measured here and, for the first claim that flips the 2014 order where the
 * profile bears its unit out, the cost at which it would not. */
static void say_units(struct answer *a, const struct findings *f)
{
	const struct unit_costs *u = &f->unit_costs;
	if (!unit_costs_known(u))
		return;
	for (size_t p = 0; p < f->npairs; p++) {
		const struct finding_pair *fp = &f->pairs[p];
		const struct unit_explanation *x = &fp->units;
		if (!fp->explained || !fp->flips || x->deciding < 0 || x->profile_agrees == 0)
			continue;
		char unit[32], cross[32];
		const char *beat = x->delta_cpu_s > 0 ? "beat" : "lose to";
		say(a, "%s costs %s here: %s would %s %s", unit_term_name(x->deciding),
		    answer_unit_value(x->deciding, x->unit[x->deciding], unit, sizeof(unit)),
		    fp->a_name, beat, fp->b_name);
		if (x->crossover_high > 0)
			say(a, "  only if it cost under %s (the interval's end: 2014's order there)",
			    answer_unit_value(x->deciding, x->crossover_high, cross, sizeof(cross)));
		else
			say(a, "  not even if it cost nothing (within the claim's interval)");
		return;
	}
	say(a, "unit costs here: a fault %.2f us, a system call %.2f us, a wake-up %.2f us",
	    u->fault_s * 1e6, u->syscall_s * 1e6, u->wakeup_s * 1e6);
}

/* The fastest file to file and memory to memory (the least CPU is report.md's). */
static void say_fastest(struct answer *a, const struct findings *f)
{
	int header = 0;
	double marked = 0;
	for (size_t u = 0; u < 3; u++) {
		const struct group *b = f->uses[u].g;
		if (!b || f->uses[u].by_cpu)
			continue;
		if (!header++)
			say(a, "Fastest, end to end (GiB/s, median [interval]):");
		char setting[128], chunks[64], level[16] = "";
		snprintf(setting, sizeof(setting), "%s, %s", study_display_name(b->method),
			 answer_chunk_words(b, chunks, sizeof(chunks)));
		const char *what = f->uses[u].what + strlen("the fastest, ");
		if (b->n < 2) {	/* one run has no interval */
			say(a, "  %-17s %-34s %.2f (1 run)", what, setting, b->gib.median);
			continue;
		}
		/* an interval below 95% is marked, its level said below: a level after a rate
		 * would read as a share */
		if (b->gib.median_ci_level < 0.95) {
			snprintf(level, sizeof(level), "*");
			marked = b->gib.median_ci_level;
		}
		say(a, "  %-17s %-34s %.2f [%.2f, %.2f]%s", what, setting, b->gib.median,
		    b->gib.median_ci_low, b->gib.median_ci_high, level);
	}
	if (marked > 0)
		say(a, "  * a %.0f%% interval: its runs are too few for a 95%% one", 100 * marked);
	/* each use where another method's interval overlaps the best's: both named, as a tie */
	char rivals[200] = "";
	size_t used = 0;
	for (size_t u = 0; u < 3; u++) {
		const struct finding_use *x = &f->uses[u];
		if (!x->g || x->by_cpu || !x->rival || used >= sizeof(rivals))
			continue;
		used += (size_t)snprintf(rivals + used, sizeof(rivals) - used, "%s%s: %s or %s",
					 used ? "; " : "",
					 strstr(x->what, "memory to memory") ? "memory" : "file",
					 study_display_name(x->g->method),
					 study_display_name(x->rival->method));
	}
	if (used)
		say(a, "  tied (intervals overlap): %s", rivals);
}

static void say_caution(struct answer *a, const struct findings *f)
{
	if (f->host_took && f->host_stole)
		say(a, "caution: the host took memory back in %zu and stole CPU in %zu of %zu runs",
		    f->host_took, f->host_stole, f->runs);
	else if (f->host_took || f->host_stole)
		say(a, "caution: the host %s in %zu of %zu runs",
		    f->host_took ? "took memory back" : "stole CPU",
		    f->host_took ? f->host_took : f->host_stole, f->runs);
}

/* The methods not run, as many named as fit, and how to run them. */
static void say_not_run(struct answer *a, const struct findings *f)
{
	if (f->nmissing == 0)
		return;
	char line[256];
	for (size_t shown = f->nmissing;; shown--) {
		char names[200] = "";
		for (size_t k = 0; k < shown; k++) {
			size_t len = strlen(names);
			snprintf(names + len, sizeof(names) - len, "%s%s", k ? ", " : "",
				 f->missing[k]);
		}
		snprintf(line, sizeof(line), "not run: %s%s ('reproduce --all' runs all %zu)", names,
			 shown < f->nmissing ? ", ..." : "", methods_count());
		if (strlen(line) <= ANSWER_COLUMNS || shown == 0)
			break;
	}
	say(a, "%s", line);
}

int answer_print_reproduce(FILE *out, const struct job_facts *facts, const char *report)
{
	struct answer a = { out, 0 };
	const struct findings *f = &facts->findings;
	say_ordering(&a, f);
	say_claims(&a, f);
	say_why(&a, f);
	say_units(&a, f);
	say_fastest(&a, f);
	say_caution(&a, f);
	say_not_run(&a, f);
	if (report && a.lines < ANSWER_MAX_LINES) {	/* a path is never cut */
		fprintf(out, "report: %s\n", report);
		a.lines++;
	}
	return a.lines;
}

/* ---- sentences report.md and report.html share --------------------------------------------- */

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
	snprintf(buf, len, "Measured in the profiled runs (samples summed over each setting's runs, so "
		 "no interval): %s "
		 "spends %.3f s %s CPU per run than read/write on %s, the largest difference between "
		 "their profiles.", study_display_name(f->why_method), fabs(f->why_s),
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

/* ---- report.md's first section ------------------------------------------------------- */

/* "median [low, high]" of s with its level where below 95%, or the lone value of one run. */
static const char *estimate_text(const struct stats_summary *s, char *buf, size_t len)
{
	if (s->n < 2)
		snprintf(buf, len, "%.2f (1 run)", s->median);
	else if (s->median_ci_level < 0.95)
		snprintf(buf, len, "%.2f [%.2f, %.2f] (%.0f%% interval)", s->median, s->median_ci_low,
			 s->median_ci_high, 100 * s->median_ci_level);
	else
		snprintf(buf, len, "%.2f [%.2f, %.2f]", s->median, s->median_ci_low,
			 s->median_ci_high);
	return buf;
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

	int rows = 0;
	for (size_t u = 0; u < 3; u++) {
		const struct group *b = f->uses[u].g;
		if (!b)
			continue;
		if (!rows++)
			fprintf(md, "\n### Which method for ...\n\nThe best median of the full-size "
				"runs (study and tuned phases; memory to memory: its own phase), and "
				"whether its interval clears every other method's.\n\n| for | method "
				"| setting | measured (median [interval]) | clearly ahead? |\n"
				"|---|---|---|---|---|\n");
		char chunks[64], est[96];
		fprintf(md, "| %s | %s | %s | %s %s | %s%s |\n", f->uses[u].what,
			study_display_name(b->method), answer_chunk_words(b, chunks, sizeof(chunks)),
			estimate_text(f->uses[u].by_cpu ? &b->cpu_per_gib : &b->gib, est, sizeof(est)),
			f->uses[u].by_cpu ? "CPU s per GiB" : "GiB/s",
			f->uses[u].rival ? "no: its interval overlaps " : "yes",
			f->uses[u].rival ? study_display_name(f->uses[u].rival->method) : "");
	}
	if (rows && f->nmissing) {
		fprintf(md, "| *not run here* | *");
		for (size_t k = 0; k < f->nmissing; k++)
			fprintf(md, "%s%s", k ? ", " : "", f->missing[k]);
		fprintf(md, "* | *`bulkxfer reproduce --all` runs them* | | |\n");
	}
	answer_units_write(md, f);
	return 0;
}
