/*
 * channel_kind.h - the registry of channels: every kind of connection between a method's two
 * halves, listed once in BX_CHANNELS.  The enum, channel.c's table of openers and names, and
 * `bulkxfer list --halves` are all made from this list.  A new kind is a line here and its
 * opener in channel.c (and, for --sink-by read, a sink half in consumer/sink_read.c's list);
 * a kind that needs new descriptors or mappings also adds them to struct channel and half_ctx
 * and hands them over in transfer/harness_side.c.  Kept apart from channel.h (which sets
 * channels up) so that the halves' contract (method/half.h) can name a kind without seeing how
 * a channel is made.
 */
#ifndef BX_CHANNEL_KIND_H
#define BX_CHANNEL_KIND_H

#include <stddef.h>

/* X(KIND, name for messages, channel.c's opener): the kinds, in the order `list` shows them.
 *   PIPE        a pipe: producer holds the write end, consumer the read end
 *   SHM         a shared-memory ring of --slots slots of --chunk bytes
 *   SHM_WHOLE   the same object as one slot as large as the file (2014 style)
 *   UNIX        an AF_UNIX stream socketpair
 *   TCP         a TCP connection over 127.0.0.1
 *   CMA         a pipe of tokens (where the bytes are) and a pipe of acks back
 *   FDPASS      an AF_UNIX socketpair that carries a file descriptor */
#define BX_CHANNELS(X) \
	X(PIPE, "pipe", open_pipe) \
	X(SHM, "shared-memory ring", open_ring) \
	X(SHM_WHOLE, "whole-file shared-memory region", open_whole) \
	X(UNIX, "AF_UNIX socketpair", open_socketpair) \
	X(TCP, "TCP over 127.0.0.1", open_tcp) \
	X(CMA, "token pipe + process_vm_readv", open_cma) \
	X(FDPASS, "AF_UNIX socketpair carrying SCM_RIGHTS", open_socketpair)

/* How the two halves are connected (channel.h sets each up). */
enum channel_kind {
#define BX_CHANNEL_ENUM(kind, name, opener) CHANNEL_##kind,
	BX_CHANNELS(BX_CHANNEL_ENUM)
#undef BX_CHANNEL_ENUM
	CHANNEL_KINDS	/* how many there are */
};

#endif
