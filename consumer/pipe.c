/*
 * consumer/pipe.c - the receiving half of `pipe`: read() the pipe into a private buffer, then
 * write() the buffer to the destination.  Two CPU copies per chunk, two system calls (more when
 * the pipe hands over less than a chunk at a time, which it does whenever the chunk exceeds the
 * pipe's capacity).
 */
#include "half.h"
#include "io_util.h"
#include "methods.h"

#include <errno.h>
#include <stdlib.h>

static int pipe_consumer_prepare(struct half_ctx *ctx)
{
	if (posix_memalign(&ctx->priv, 4096, ctx->chunk) != 0)
		return half_fail(ctx, "posix_memalign(buffer)", ENOMEM);
	return 0;
}

static int pipe_consumer_transfer(struct half_ctx *ctx)
{
	while (ctx->bytes_done < ctx->size) {
		size_t want = (size_t)io_min_u64(ctx->chunk, ctx->size - ctx->bytes_done);
		ssize_t got = io_read_full(ctx->chan_fd, ctx->priv, want, &ctx->syscalls);
		if (got < 0)
			return half_fail(ctx, "read(pipe)", (int)-got);
		if (got == 0)	/* the producer closed the pipe early: it died or failed */
			return half_fail(ctx, "read(pipe): producer hung up early", EPIPE);
		int rc = io_write_all(ctx->file_fd, ctx->priv, (size_t)got, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "write(dst)", -rc);
		ctx->bytes_done += (uint64_t)got;
	}
	return 0;
}

static void pipe_consumer_release(struct half_ctx *ctx)
{
	free(ctx->priv);
	ctx->priv = NULL;
}

const struct half_ops consumer_pipe = {
	.name = "pipe",
	.channel = CHANNEL_PIPE,
	.does = "read() the pipe into a buffer, write(dst)",
	.prepare = pipe_consumer_prepare,
	.transfer = pipe_consumer_transfer,
	.release = pipe_consumer_release,
};
