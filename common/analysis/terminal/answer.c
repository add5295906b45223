/*
 * answer.c - the terminal's answer to a reproduce job (see answer.h): the job's findings in at
 * most ANSWER_MAX_LINES lines.  Every line is made to fit ANSWER_COLUMNS; a line that would not
 * is cut with "..." rather than wrapped, so the answer stays one screen whatever the names.
 */
#include "analysis/terminal/answer.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "analysis/judge/study.h"
#include "analysis/profile/categories.h"
#include "analysis/words/sentences.h"
#include "analysis/words/decision_words.h"
#include "analysis/words/unit_words.h"
#include "base/units.h"
#include "catalog/methods.h"
#include "record/names.h"

struct answer {
	FILE *out;
	int lines;
	int max;	/* lines say() may print: ANSWER_MAX_LINES, less the report's path's */
};

/* One line of the answer, cut to ANSWER_COLUMNS; nothing past a->max lines. */
static void say(struct answer *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct answer *a, const char *fmt, ...)
{
	if (a->lines >= a->max)
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
	char t[32];
	say(a, "  %s %s CPU per run on %s", words_cpu_time(f->why_s, t, sizeof(t)),
	    f->why_s >= 0 ? "more" : "less",
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

/* Which method, by size and side (facts/decision.h), short: the message rows of 64 KiB and
 * more, the job's file and memory kept, each with its least-CPU and fastest method's medians;
 * report.md has every row with the intervals.  Then the ties, each named. */
static void say_decision(struct answer *a, const struct decision_table *t)
{
	int header = 0;
	char ties[DECISION_MAX_ROWS * 2][96];
	size_t nties = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct decision_row *r = &t->rows[i];
		if (r->kind == DECISION_FILE || (r->kind == DECISION_MESSAGES && r->size < 65536))
			continue;
		if (!header++)
			say(a, "Which method, by size (median GiB/s; CPU s/GiB, sender+receiver):");
		char words[64];
		decision_row_words(r, 1, words, sizeof(words));
		const struct group *c = r->least_cpu.g, *g = r->fastest.g;
		double cs = groups_side_cpu_per_gib(c, 1), cr = groups_side_cpu_per_gib(c, 0);
		if (c == g)
			say(a, "  %-16s %s: least CPU %.2f+%.2f, fastest %.2f", words,
			    study_display_name(c->method), cs, cr, g->gib.median);
		else
			say(a, "  %-16s least CPU %s %.2f+%.2f; fastest %s %.2f", words,
			    study_display_name(c->method), cs, cr, study_display_name(g->method),
			    g->gib.median);
		const struct decision_pick *p[2] = { &r->least_cpu, &r->fastest };
		int same = c == g && p[0]->rival == p[1]->rival;	/* one tie in both measures */
		for (int k = 0; k < 2; k++)
			if (p[k]->rival && !(k == 1 && same))
				snprintf(ties[nties++], sizeof(ties[0]), "%s %s (%s)", words,
					 study_display_name(p[k]->rival->method),
					 same ? "both" : k == 0 ? "CPU" : "GiB/s");
	}
	/* the ties, each with its measure, on at most two lines ("and more" past them: report.md's
	 * table names every one) */
	char line[ANSWER_COLUMNS + 1];
	size_t used = 0, shown = 0;
	int lines = 0;
	for (size_t k = 0; k < nties && lines < 2; k++) {
		const char *lead = used ? "; " : lines ? "    " :
				   "  tied with (intervals overlap): ";
		size_t need = strlen(lead) + strlen(ties[k]);
		if (used && used + need > ANSWER_COLUMNS - 1) {	/* room for the ";" */
			if (++lines == 2)
				break;
			snprintf(line + used, sizeof(line) - used, ";");
			say(a, "%s", line);
			used = 0;
			lead = "    ";
		}
		used += (size_t)snprintf(line + used, sizeof(line) - used, "%s%s", lead, ties[k]);
		shown++;
	}
	if (used && shown < nties && used + 12 <= ANSWER_COLUMNS)
		snprintf(line + used, sizeof(line) - used, "; and more");
	if (used)
		say(a, "%s", line);
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
	/* the report's path is the last line and never cut: its line is kept for it */
	struct answer a = { out, 0, ANSWER_MAX_LINES - (report ? 1 : 0) };
	const struct findings *f = &facts->findings;
	say_ordering(&a, f);
	say_claims(&a, f);
	say_why(&a, f);
	say_units(&a, f);
	say_decision(&a, &facts->decision);
	say_caution(&a, f);
	say_not_run(&a, f);
	if (report) {	/* a path is never cut: a.max left its line free */
		fprintf(out, "report: %s\n", report);
		a.lines++;
	}
	return a.lines;
}
