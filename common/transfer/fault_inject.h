/*
 * fault_inject.h - a testing aid: stop, kill or fail one half of every transfer at a named point,
 * deterministically, so the fault tests never have to hit a moment by sleeping.
 *
 * Inert unless the environment variable BULKXFER_FAULT is set when bulkxfer starts:
 *
 *     BULKXFER_FAULT=SIDE:POINT:ACTION[:TRANSFER]
 *       SIDE    producer (the parent: bulkxfer itself) | consumer (the forked child)
 *       POINT   start     the half has prepared and is about to take the start barrier
 *               bytes=N   the half's byte count has just reached N (a size: 512K, 1M, ...)
 *               end       the half has moved its last byte and not yet reported its figures
 *       ACTION  kill      the half's process SIGKILLs itself (producer: bulkxfer dies)
 *               eio       the half's call there fails with EIO, reported as that call failing
 *               stop      the half's process SIGSTOPs itself and goes on after SIGCONT
 *       TRANSFER  N: only in the process's Nth transfer (1 the first, check runs and warm-ups
 *               counted), so a test can hold a series after its first rows are written
 *
 * Without TRANSFER the fault fires in every transfer the harness makes.  A byte point past the
 * end of the file never fires.  The halves see only half_advance() (half_helpers.h), one
 * comparison per chunk when inert.
 */
#ifndef BX_FAULT_INJECT_H
#define BX_FAULT_INJECT_H

#include <stdint.h>

#include "base/errors.h"
#include "channel/channel.h"
#include "method/half.h"

#define FAULT_INJECT_ENV "BULKXFER_FAULT"

enum fault_point { FAULT_POINT_START, FAULT_POINT_BYTES, FAULT_POINT_END };

/* Parse spec (the variable's value, NULL or "" = no fault) and arm it for this process and the
 * consumers it forks.  Returns 0, or BX_EXIT_USAGE with *err saying what is wrong (nothing is
 * armed then). */
int fault_inject_configure(const char *spec, struct bx_error *err);

/* The harness is beginning a transfer (in the parent, before its fork): the count TRANSFER
 * is matched against. */
void fault_inject_transfer_begins(void);

/* The byte count at which side's half must stop for a FAULT_POINT_BYTES fault, or UINT64_MAX
 * when none is armed for that side: the harness puts it in half_ctx.fault_at_bytes. */
uint64_t fault_inject_bytes_threshold(enum channel_side side);

/* The harness at point (start or end) of side's half, whose next (start) or last (end) call is
 * call.  Returns 0 when no fault is armed there, after a stop has been continued, or -EIO with
 * ctx->failed_call naming call as injected; a kill does not return. */
int fault_inject_point(enum fault_point point, enum channel_side side, struct half_ctx *ctx,
		       const char *call);

/* A half's byte count reached ctx->fault_at_bytes after call moved bytes: fire the armed byte
 * fault (once per half).  Same return convention as fault_inject_point. */
int fault_inject_fire_bytes(struct half_ctx *ctx, const char *call);


#endif
