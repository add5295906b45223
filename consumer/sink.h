/*
 * sink.h - the receiving halves of a memory sink (--sink-by): the consumer discards what it
 * receives, and how it does so is the setting a row records.
 *
 *   --sink             the method's own receiving half, its destination /dev/null ("method")
 *   --sink-by read     read the channel into a private buffer and drop it: the receive copy
 *                      is counted, no write call is ("read"); pipes, sockets, rings, cma
 *   --sink-by splice   splice the channel to /dev/null: no copy at all ("splice"); pipes and
 *                      sockets (socket -> pipe -> /dev/null)
 *   --dst memory       keep: receive into a destination of the transfer's size in the
 *                      consumer's memory, touched before the clock ("keep"); --sink-by
 *                      keep-fresh leaves it untouched, so its page faults are timed
 *                      ("keep-fresh").  Hashed after the clock in every run: no check run.
 *
 * In the check run that verifies a sink setting (runner.c) the destination is a real file and
 * a read sink also writes what it read there (half_ctx.keep_received), so the bytes received
 * can be hashed; the recorded runs never do.
 */
#ifndef BX_SINK_H
#define BX_SINK_H

#include "method/half.h"

/* SINK_KEEP and SINK_KEEP_FRESH are not discarding: the receiver keeps every byte in a
 * destination the size of the transfer in its own memory (sink_keep.c), so "memory to memory"
 * means it.  The others discard, and every view names them so. */
enum sink_by { SINK_NONE, SINK_METHOD, SINK_READ, SINK_SPLICE, SINK_KEEP, SINK_KEEP_FRESH };

/* by keeps what it receives (the keeping receiver, --dst memory). */
static inline int sink_by_keeps(enum sink_by by)
{
	return by == SINK_KEEP || by == SINK_KEEP_FRESH;
}


/* The name a row gives the setting: "-", "method", "read", "splice". */
const char *sink_by_name(enum sink_by by);

/* Parse --sink-by's value ("read", "splice", "keep" or "keep-fresh"); returns 0 or -1. */
int sink_by_parse(const char *text, enum sink_by *by);

/* The receiving half for channel when sinking by `by` (SINK_METHOD: method_consumer itself), or
 * NULL with *why saying why that channel cannot (e.g. splice from shared memory). */
const struct half_ops *sink_half_for(enum sink_by by, enum channel_kind channel,
				     const struct half_ops *method_consumer, const char **why);

/* The sinks' receiving halves, one per channel that carries bytes (sink_read.c, sink_keep.c);
 * sink_half_for() is how the rest of the program finds them. */
extern const struct half_ops sink_read_pipe, sink_read_unix, sink_read_tcp, sink_read_ring,
	sink_read_region, sink_read_cma;
extern const struct half_ops sink_keep_pipe, sink_keep_unix, sink_keep_tcp, sink_keep_ring,
	sink_keep_region, sink_keep_cma;
/* The io_uring methods' keeping receiver (consumer/uring.c): the pipe read with io_uring. */
extern const struct half_ops sink_keep_uring;

/* The keeping sinks' prepare and release, for a keeping half that adds its own state
 * (sink_keep_uring): prepare maps the destination (touched unless ctx->dst_fresh) at
 * ctx->priv and ctx->kept; release unmaps what ctx->priv points at.  0 or the half's
 * failure. */
int sink_keep_prepare(struct half_ctx *ctx);
void sink_keep_release(struct half_ctx *ctx);

#endif
