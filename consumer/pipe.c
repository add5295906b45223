/*
 * consumer/pipe.c - the receiving half of `pipe`: read() the pipe into a private buffer, then
 * write() the buffer to the destination.  Two CPU copies per chunk and two system calls (more
 * when the pipe hands over less than a chunk at a time, which it does whenever the chunk exceeds
 * the pipe's capacity).
 */
#include <errno.h>

#include "method/method.h"
#include "transfer/half_helpers.h"

static int pipe_consumer_transfer(struct half_ctx *ctx)
{
	return half_read_write_loop(ctx, ctx->chan_fd, ctx->file_fd, "read(pipe)", "write(dst)",
				    EPIPE, "read(pipe): producer hung up early");
}

const struct half_ops consumer_pipe = {
	.name = "pipe",
	.channel = CHANNEL_PIPE,
	.does = "read() the pipe into a buffer, write(dst)",
	.cpu_copies = 2,
	.syscalls_per_chunk = 2,
	.path = "pipe buffer -(CPU: read)-> user buffer -(CPU: write)-> dst page cache",
	.prepare = half_buffer_prepare,
	.transfer = pipe_consumer_transfer,
	.release = half_buffer_release,
};
