/*
 * fresh_touch.h - `bulkxfer limits` shows what a first touch costs here and where it lands: a
 * memset over fresh anonymous memory, sampled, its categories with the copy told apart from
 * first touch (analysis/profile/first_touch.h).  On bare metal most of it is page faults and
 * zeroing; on a guest whose hypervisor fills pages in under the memset's instructions, much of
 * it sits in the memset itself, and the split shows how much of that is no copy at all.
 */
#ifndef BX_FRESH_TOUCH_H
#define BX_FRESH_TOUCH_H

#include <stdio.h>

/* Memset FRESH_TOUCH_BYTES of fresh memory under the sampler and print the split into out,
 * judged against memcpy_gib_s (one core's warm memcpy; 0: not measured, no split).  Where the
 * kernel refuses sampling, prints the CPU time alone and why.  Returns 0, or -errno when the
 * memory cannot be had. */
int fresh_touch_print(FILE *out, double memcpy_gib_s);

#endif
