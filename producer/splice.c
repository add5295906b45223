/*
 * producer/splice.c - the sending half of `splice`: splice(src -> pipe).
 *
 * Why a pipe: splice(2) moves page references between a file and a pipe and needs a pipe on at
 * least one side; the pipe's buffers then point at the source's page-cache pages, so no CPU copy
 * is made on this side.  SPLICE_F_MOVE is only a hint and has been a no-op since Linux 2.6.21;
 * it is passed for fidelity with the 2014 study.  SPLICE_F_MORE says more data follows.
 */
#define _GNU_SOURCE
#include "half.h"
#include "io_util.h"
#include "methods.h"

#include <errno.h>
#include <fcntl.h>

static int splice_producer_transfer(struct half_ctx *ctx)
{
	loff_t off = 0;
	while (ctx->bytes_done < ctx->size) {
		size_t want = (size_t)io_min_u64(ctx->chunk, ctx->size - ctx->bytes_done);
		ssize_t n = splice(ctx->file_fd, &off, ctx->chan_fd, NULL, want,
				   SPLICE_F_MOVE | SPLICE_F_MORE);
		ctx->syscalls++;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return half_fail(ctx, "splice(src -> pipe)", errno);
		}
		if (n == 0)
			return half_fail(ctx, "splice(src -> pipe): source shrank", EIO);
		ctx->bytes_done += (uint64_t)n;
	}
	return 0;
}

const struct half_ops producer_splice = {
	.name = "splice",
	.channel = CHANNEL_PIPE,
	.does = "splice(src -> pipe): page references, no CPU copy",
	.transfer = splice_producer_transfer,
};
