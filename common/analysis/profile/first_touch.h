/*
 * first_touch.h - a copy told apart from the memory it first touches.  A sample inside memcpy
 * or the kernel's copy routines is counted as a copy by the frame table, but when the copy
 * writes (or reads) a page for the first time the work of bringing that page in lands under
 * the copy's own instructions: on bare metal a fault is taken and shows as one, but on a
 * paravirtualised guest the hypervisor fills the page in while the guest's instruction waits.
 * So a side's copy samples are split: the bytes that side copies, at this machine's warm copy
 * rate (measured in the same job, the pages already present), are the copy; what its samples
 * hold beyond that is CAT_FIRST_TOUCH, "memory brought in under the copy".
 */
#ifndef BX_FIRST_TOUCH_H
#define BX_FIRST_TOUCH_H

#include <stdint.h>

#include "analysis/profile/profile_out.h"
#include "record/profile_set.h"

/* Bytes one run of a side copies, by who copies them. */
struct copy_bytes {
	double user;	/* copied by the half's own memcpy in user space */
	double kernel;	/* copied by the kernel (read, write, splice into a file, ...) */
};

/* The bytes one run of side p copies: its bytes per run times the copies its half makes
 * (half_ops.cpu_copies), the ones made by memcpy in user space told apart.  Zero both when
 * the half is not known (a profile of another build's halves). */
struct copy_bytes first_touch_side_bytes(const struct side_profile *p);

/* Split row's copy categories with b (bytes a run copies) and r (warm rates, GiB/s): of
 * CAT_COPY_USER's CPU seconds, b->user / r->user_gib_s stay a copy; of CAT_COPY_KERNEL and
 * CAT_COPY_IN_KERNEL together, b->kernel / r->kernel_gib_s do (taken from both in proportion);
 * the rest of each moves into CAT_FIRST_TOUCH, and samples move in the same proportion as the
 * seconds.  A rate of 0 (not measured), or no bytes of that kind in the half's theory, leaves
 * its categories whole; a copy faster than the warm rate (cache-resident) keeps all its samples
 * as copy. */
void first_touch_split(struct profile_row *row, const struct copy_bytes *b,
		       const struct copy_rates *r);

#endif
