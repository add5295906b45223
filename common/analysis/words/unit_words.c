/*
 * unit_words.c - the claims told with this machine's unit costs (see unit_words.h).
 */
#include "analysis/words/unit_words.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/words/sentences.h"

const char *answer_unit_costs_text(const struct unit_costs *u, char *buf, size_t len)
{
	if (!unit_costs_known(u))
		return NULL;
	snprintf(buf, len, "a fault on fresh memory %.2f us, a system call %.2f us, a pipe wake-up "
		 "%.2f us; copying 1 GiB %.3f s (memcpy), %.3f s (the kernel)", u->fault_s * 1e6,
		 u->syscall_s * 1e6, u->wakeup_s * 1e6,
		 u->memcpy_gib_s > 0 ? 1 / u->memcpy_gib_s : 0,
		 u->kernel_copy_gib_s > 0 ? 1 / u->kernel_copy_gib_s : 0);
	return buf;
}

const char *answer_unit_value(enum unit_term t, double seconds, char *buf, size_t len)
{
	if (t == UNIT_COPIES)
		snprintf(buf, len, "%.3f s", seconds);
	else
		snprintf(buf, len, "%.2f us", seconds * 1e6);
	return buf;
}

/* The unit's name in the plural, for "where faults are cheaper". */
static const char *plural(enum unit_term t)
{
	static const char *const names[UNIT_NTERMS] = {
		[UNIT_FAULTS] = "faults", [UNIT_CALLS] = "system calls",
		[UNIT_COPIES] = "copies", [UNIT_SWITCHES] = "wake-ups",
	};
	return names[t];
}

const char *answer_units_sentence(const struct finding_pair *fp, char *buf, size_t len)
{
	if (!fp->explained)
		return NULL;
	const struct unit_explanation *x = &fp->units;
	int d = x->deciding;
	if (d < 0) {
		snprintf(buf, len, "%s against %s: the unit costs measured here account for none of "
			 "its %+.3f s per GiB.", fp->a_name, fp->b_name, x->delta_cpu_s);
		return buf;
	}
	char unit[32], cross[32];
	answer_unit_value(d, x->unit[d], unit, sizeof(unit));
	if (x->profile_agrees == 0) {
		char seen[32] = "";
		if (x->delta_count[d] != 0 && x->profile_s / x->delta_count[d] > 0)
			answer_unit_value(d, x->profile_s / x->delta_count[d], seen, sizeof(seen));
		snprintf(buf, len, "%s against %s: the counts put the difference on %s (%+.3f s per GiB "
			 "at %s each, as measured alone), but the profile's categories for them differ "
			 "by %+.3f s per GiB%s%s%s, so it is not explained here by that cost.",
			 fp->a_name, fp->b_name, plural(d), x->delta_s[d], unit, x->profile_s,
			 seen[0] ? " (" : "", seen, seen[0] ? " each in these runs)" : "");
		return buf;
	}
	size_t used = (size_t)snprintf(buf, len, "%s against %s: %+.3f s CPU per GiB, of which %s "
				       "account for %+.3f s at %s each%s.", fp->a_name, fp->b_name,
				       x->delta_cpu_s, plural(d), x->delta_s[d], unit,
				       x->profile_agrees == 1 ? " (the profile agrees)" : "");
	if (!fp->flips || used >= len)
		return buf;
	if (x->crossover_high <= 0)
		snprintf(buf + used, len - used, " No cost of %s would restore the 2014 order: even "
			 "free, the claim's interval leaves %s %s.", plural(d), fp->a_name,
			 x->delta_cpu_s > 0 ? "costlier" : "cheaper");
	else
		snprintf(buf + used, len - used, " %s would cost %s than %s here only if %s cost "
			 "under %s (at most: the end of the claim's interval); it costs %s. The "
			 "2014 order holds where %s are that cheap.", fp->a_name,
			 x->delta_cpu_s > 0 ? "less" : "more", fp->b_name, unit_term_name(d),
			 answer_unit_value(d, x->crossover_high, cross, sizeof(cross)), unit,
			 plural(d));
	return buf;
}
