/*
 * producer/pipe.c - the sending half of `pipe`: read() the source into a private buffer, then
 * write() the buffer into the pipe.  Two CPU copies per chunk (page cache -> buffer in read,
 * buffer -> pipe pages in write) and two system calls.  This is the read/write baseline of the
 * 2014 study.
 */
#include "half.h"
#include "io_util.h"
#include "methods.h"

#include <errno.h>
#include <stdlib.h>

static int pipe_producer_prepare(struct half_ctx *ctx)
{
	/* Page aligned so the copy into it runs at full speed whatever the chunk size. */
	if (posix_memalign(&ctx->priv, 4096, ctx->chunk) != 0)
		return half_fail(ctx, "posix_memalign(buffer)", ENOMEM);
	return 0;
}

static int pipe_producer_transfer(struct half_ctx *ctx)
{
	while (ctx->bytes_done < ctx->size) {
		size_t want = (size_t)io_min_u64(ctx->chunk, ctx->size - ctx->bytes_done);
		ssize_t got = io_read_full(ctx->file_fd, ctx->priv, want, &ctx->syscalls);
		if (got < 0)
			return half_fail(ctx, "read(src)", (int)-got);
		if (got == 0)
			return half_fail(ctx, "read(src): source shrank", EIO);
		int rc = io_write_all(ctx->chan_fd, ctx->priv, (size_t)got, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "write(pipe)", -rc);
		ctx->bytes_done += (uint64_t)got;
	}
	return 0;
}

static void pipe_producer_release(struct half_ctx *ctx)
{
	free(ctx->priv);
	ctx->priv = NULL;
}

const struct half_ops producer_pipe = {
	.name = "pipe",
	.channel = CHANNEL_PIPE,
	.does = "read(src) into a buffer, write() it into the pipe",
	.prepare = pipe_producer_prepare,
	.transfer = pipe_producer_transfer,
	.release = pipe_producer_release,
};
