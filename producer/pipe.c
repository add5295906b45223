/*
 * producer/pipe.c - the sending half of `pipe`: read() the source into a private buffer, then
 * write() the buffer into the pipe.  Two CPU copies per chunk (page cache -> buffer in read,
 * buffer -> pipe pages in write) and two system calls.  The read/write baseline of the 2014 study.
 */
#include <errno.h>

#include "method/method.h"
#include "transfer/half_helpers.h"

static int pipe_producer_transfer(struct half_ctx *ctx)
{
	return half_send_loop(ctx, ctx->chan_fd, "write(pipe)");
}

const struct half_ops producer_pipe = {
	.name = "pipe",
	.channel = CHANNEL_PIPE,
	.does = "read(src) into a buffer, write() it into the pipe",
	.cpu_copies = 2,
	.syscalls_per_chunk = 2,
	.path = "src page cache -(CPU: read)-> user buffer -(CPU: write)-> pipe buffer",
	.from_memory = 1,
	.prepare = half_buffer_prepare,
	.transfer = pipe_producer_transfer,
	.release = half_buffer_release,
};
