/*
 * consumer/splice.c - the receiving half of `splice`: splice(pipe -> dst).
 *
 * The pipe buffers reference pages (the source's page cache when the producer spliced too);
 * splicing them into a regular file still copies them into the destination's page cache inside
 * the kernel (one CPU copy), but no byte crosses into user space.
 */
#define _GNU_SOURCE
#include "half.h"
#include "io_util.h"
#include "methods.h"

#include <errno.h>
#include <fcntl.h>

static int splice_consumer_transfer(struct half_ctx *ctx)
{
	loff_t off = 0;
	while (ctx->bytes_done < ctx->size) {
		size_t want = (size_t)io_min_u64(ctx->chunk, ctx->size - ctx->bytes_done);
		ssize_t n = splice(ctx->chan_fd, NULL, ctx->file_fd, &off, want, SPLICE_F_MOVE);
		ctx->syscalls++;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return half_fail(ctx, "splice(pipe -> dst)", errno);
		}
		if (n == 0)
			return half_fail(ctx, "splice(pipe -> dst): producer hung up early", EPIPE);
		ctx->bytes_done += (uint64_t)n;
	}
	return 0;
}

const struct half_ops consumer_splice = {
	.name = "splice",
	.channel = CHANNEL_PIPE,
	.does = "splice(pipe -> dst): no copy through user space",
	.transfer = splice_consumer_transfer,
};
