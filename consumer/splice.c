/*
 * consumer/splice.c - the receiving half of `splice` (and of every method whose producer fills
 * a pipe: mmap-write, sendfile, vmsplice): splice(pipe -> dst).
 *
 * The pipe buffers reference pages (the source's page cache when the producer spliced);
 * splicing them into a regular file still copies them into the destination's page cache inside
 * the kernel (one CPU copy), but no byte crosses into user space.
 */
#include <errno.h>

#include "method/method.h"
#include "transfer/half_helpers.h"

static int splice_consumer_transfer(struct half_ctx *ctx)
{
	loff_t off = 0;
	return half_splice_loop(ctx, ctx->chan_fd, NULL, ctx->file_fd, &off, SPLICE_F_MOVE,
				"splice(pipe -> dst)", EPIPE,
				"splice(pipe -> dst): producer hung up early");
}

const struct half_ops consumer_splice = {
	.name = "splice",
	.channel = CHANNEL_PIPE,
	.does = "splice(pipe -> dst): no copy through user space",
	.cpu_copies = 1,
	.syscalls_per_chunk = 1,
	.path = "pipe buffer -(CPU, in kernel: splice)-> dst page cache",
	.takes_rest = 1,
	.transfer = splice_consumer_transfer,
};
