/*
 * unit_explain.c - a claim explained by the machine's unit costs (see unit_explain.h).
 */
#include "analysis/model/unit_explain.h"

#include <math.h>
#include <string.h>

#include "base/units.h"
#include "catalog/methods.h"

int unit_method_counts(const struct group *g, struct method_counts *out)
{
	memset(out, 0, sizeof(*out));
	const struct half_ops *p = methods_find_half(g->producer, 1);
	const struct half_ops *c = methods_find_half(g->consumer, 0);
	if (!p || !c)
		return -1;
	out->cpu_s = g->cpu_per_gib.median;
	out->faults = g->sender_faults_per_gib.median + g->receiver_faults_per_gib.median;
	out->calls = g->sender_syscalls_per_gib.median + g->receiver_syscalls_per_gib.median;
	out->switches = g->sender_csw_per_gib.median + g->receiver_csw_per_gib.median;
	out->user_copies = half_user_copies(p) + half_user_copies(c);
	out->kernel_copies = half_kernel_copies(p) + half_kernel_copies(c);
	return 0;
}

const enum category *unit_term_categories(enum unit_term t)
{
	static const enum category faults[] = { CAT_PAGE_FAULT, CAT_ZERO_PAGES, CAT_FIRST_TOUCH,
						CAT_COUNT };
	/* a system call's cost here includes the hypervisor's hooks it passes through */
	static const enum category calls[] = { CAT_SYSCALL, CAT_HYPERVISOR, CAT_COUNT };
	static const enum category copies[] = { CAT_COPY_KERNEL, CAT_COPY_IN_KERNEL, CAT_COPY_USER,
						CAT_COUNT };
	static const enum category switches[] = { CAT_SLEEP_WAKE, CAT_SCHED, CAT_LOCK_SPIN,
						  CAT_COUNT };
	static const enum category *const by_term[UNIT_NTERMS] = {
		[UNIT_FAULTS] = faults, [UNIT_CALLS] = calls, [UNIT_COPIES] = copies,
		[UNIT_SWITCHES] = switches,
	};
	return by_term[t];
}

const char *unit_term_name(enum unit_term t)
{
	static const char *const names[UNIT_NTERMS] = {
		[UNIT_FAULTS] = "a fault", [UNIT_CALLS] = "a system call",
		[UNIT_COPIES] = "copying 1 GiB", [UNIT_SWITCHES] = "a wake-up",
	};
	return names[t];
}

static double profile_term(const double *profile, enum unit_term t)
{
	double s = 0;
	for (const enum category *c = unit_term_categories(t); *c != CAT_COUNT; c++)
		s += profile[*c];
	return s;
}

void unit_explain(const struct method_counts *a, const struct method_counts *b,
		  const struct unit_costs *u, double delta_low, double delta_high,
		  const double *profile_a, const double *profile_b, struct unit_explanation *out)
{
	memset(out, 0, sizeof(*out));
	out->delta_cpu_s = a->cpu_s - b->cpu_s;
	out->delta_count[UNIT_FAULTS] = a->faults - b->faults;
	out->delta_count[UNIT_CALLS] = a->calls - b->calls;
	out->delta_count[UNIT_SWITCHES] = a->switches - b->switches;
	double du = a->user_copies - b->user_copies, dk = a->kernel_copies - b->kernel_copies;
	out->delta_count[UNIT_COPIES] = du + dk;
	out->unit[UNIT_FAULTS] = u->fault_s;
	out->unit[UNIT_CALLS] = u->syscall_s;
	out->unit[UNIT_SWITCHES] = u->wakeup_s;
	double copy_s = (u->memcpy_gib_s > 0 ? du / u->memcpy_gib_s : 0) +
			(u->kernel_copy_gib_s > 0 ? dk / u->kernel_copy_gib_s : 0);
	out->unit[UNIT_COPIES] = out->delta_count[UNIT_COPIES] != 0 ?
				 copy_s / out->delta_count[UNIT_COPIES] : 0;
	for (int t = 0; t < UNIT_NTERMS; t++)
		out->delta_s[t] = t == UNIT_COPIES ? copy_s : out->delta_count[t] * out->unit[t];
	/* The deciding unit: the largest share of the difference, on its side. */
	out->deciding = -1;
	for (int t = 0; t < UNIT_NTERMS; t++)
		if (out->delta_s[t] * out->delta_cpu_s > 0 &&
		    (out->deciding < 0 || fabs(out->delta_s[t]) > fabs(out->delta_s[out->deciding])))
			out->deciding = t;
	out->profile_s = NAN;
	out->profile_agrees = -1;
	if (out->deciding < 0)
		return;
	int d = out->deciding;
	/* At unit cost x the difference would be delta_cpu - delta_count (unit - x): zero at x. */
	out->crossover = out->unit[d] - out->delta_cpu_s / out->delta_count[d];
	out->crossover_low = out->crossover_high = out->crossover;
	if (!isnan(delta_low) && !isnan(delta_high)) {
		double x1 = out->unit[d] - delta_low / out->delta_count[d];
		double x2 = out->unit[d] - delta_high / out->delta_count[d];
		out->crossover_low = x1 < x2 ? x1 : x2;
		out->crossover_high = x1 < x2 ? x2 : x1;
	}
	if (profile_a && profile_b) {
		out->profile_s = profile_term(profile_a, d) - profile_term(profile_b, d);
		double ratio = out->delta_s[d] != 0 ? out->profile_s / out->delta_s[d] : 0;
		out->profile_agrees = ratio >= 0.5 && ratio <= 2.0;
	}
}
