/*
 * sink.h - the receiving halves of a memory sink (--sink-by): the consumer discards what it
 * receives, and how it does so is the setting a row records.
 *
 *   --sink             the method's own receiving half, its destination /dev/null ("method")
 *   --sink-by read     read the channel into a private buffer and drop it: the receive copy
 *                      is counted, no write call is ("read"); pipes, sockets, rings, cma
 *   --sink-by splice   splice the channel to /dev/null: no copy at all ("splice"); pipes and
 *                      sockets (socket -> pipe -> /dev/null)
 *
 * In the check run that verifies a sink setting (runner.c) the destination is a real file and
 * a read sink also writes what it read there (half_ctx.keep_received), so the bytes received
 * can be hashed; the recorded runs never do.
 */
#ifndef BX_SINK_H
#define BX_SINK_H

#include "method/half.h"

enum sink_by { SINK_NONE, SINK_METHOD, SINK_READ, SINK_SPLICE };

/* The name a row gives the setting: "-", "method", "read", "splice". */
const char *sink_by_name(enum sink_by by);

/* Parse --sink-by's value ("read" or "splice"); returns 0 or -1. */
int sink_by_parse(const char *text, enum sink_by *by);

/* The receiving half for channel when sinking by `by` (SINK_METHOD: method_consumer itself), or
 * NULL with *why saying why that channel cannot (e.g. splice from shared memory). */
const struct half_ops *sink_half_for(enum sink_by by, enum channel_kind channel,
				     const struct half_ops *method_consumer, const char **why);

#endif
