/*
 * first_touch.c - a side's copy samples split into the copy and first touch (first_touch.h).
 */
#include "analysis/profile/first_touch.h"

#include <math.h>
#include <string.h>

#include "base/units.h"
#include "catalog/methods.h"

struct copy_bytes first_touch_side_bytes(const struct side_profile *p)
{
	struct copy_bytes b = { 0, 0 };
	const struct half_ops *h = p->half[0] ? methods_find_half(p->half, p->producer) : NULL;
	if (!h || p->runs == 0)
		return b;
	double per_run = (double)p->bytes / (double)p->runs;
	b.user = per_run * half_user_copies(h);
	b.kernel = per_run * half_kernel_copies(h);
	return b;
}

/* Move the part of cats' seconds beyond warm_s into CAT_FIRST_TOUCH, from each in proportion. */
static void move_excess(struct profile_row *row, const enum category *cats, int n, double warm_s)
{
	double have = 0;
	for (int i = 0; i < n; i++)
		have += row->cpu_s[cats[i]];
	if (have <= 0 || warm_s >= have)
		return;
	double keep = warm_s / have;	/* the share of each that is the copy itself */
	for (int i = 0; i < n; i++) {
		enum category c = cats[i];
		double moved_s = row->cpu_s[c] * (1 - keep);
		uint64_t moved = (uint64_t)llround((double)row->samples[c] * (1 - keep));
		if (moved > row->samples[c])
			moved = row->samples[c];
		row->cpu_s[c] -= moved_s;
		row->cpu_s[CAT_FIRST_TOUCH] += moved_s;
		row->samples[c] -= moved;
		row->samples[CAT_FIRST_TOUCH] += moved;
	}
}

void first_touch_split(struct profile_row *row, const struct copy_bytes *b,
		       const struct copy_rates *r)
{
	static const enum category user[] = { CAT_COPY_USER };
	static const enum category kernel[] = { CAT_COPY_KERNEL, CAT_COPY_IN_KERNEL };
	/* A kind of copy the half's theory does not make is left alone: nothing says what it
	 * should cost. */
	if (r->user_gib_s > 0 && b->user > 0)
		move_excess(row, user, 1, b->user / GIB_BYTES / r->user_gib_s);
	if (r->kernel_gib_s > 0 && b->kernel > 0)
		move_excess(row, kernel, 2, b->kernel / GIB_BYTES / r->kernel_gib_s);
}
