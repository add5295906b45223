/*
 * consumer/unix.c - the receiving halves that read() a stream socket into a buffer and write()
 * it to the destination: `unix` (AF_UNIX) and `tcp-rw` (TCP over 127.0.0.1).  Two CPU copies
 * and at least two system calls per chunk (a socket hands over what has arrived, often less
 * than a chunk).
 */
#include <errno.h>

#include "method/method.h"
#include "transfer/half_helpers.h"

static int socket_rw_consumer_transfer(struct half_ctx *ctx)
{
	return half_read_write_loop(ctx, ctx->chan_fd, ctx->file_fd, "read(socket)", "write(dst)",
				    EPIPE, "read(socket): producer hung up early");
}

const struct half_ops consumer_unix = {
	.name = "unix",
	.channel = CHANNEL_UNIX,
	.does = "read() the AF_UNIX socket into a buffer, write(dst)",
	.cpu_copies = 2,
	.syscalls_per_chunk = 2,
	.path = "socket buffer -(CPU: read)-> user buffer -(CPU: write)-> dst page cache",
	.prepare = half_buffer_prepare,
	.transfer = socket_rw_consumer_transfer,
	.release = half_buffer_release,
};

const struct half_ops consumer_tcp_rw = {
	.name = "tcp-rw",
	.channel = CHANNEL_TCP,
	.does = "read() the TCP socket into a buffer, write(dst)",
	.cpu_copies = 2,
	.syscalls_per_chunk = 2,
	.path = "socket buffer -(CPU: read)-> user buffer -(CPU: write)-> dst page cache",
	.prepare = half_buffer_prepare,
	.transfer = socket_rw_consumer_transfer,
	.release = half_buffer_release,
};
