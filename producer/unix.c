/*
 * producer/unix.c - the sending halves that read() the source into a buffer and write() it into
 * a stream socket: `unix` (AF_UNIX socketpair) and `tcp-rw` (TCP over 127.0.0.1).  Two CPU
 * copies (page cache -> buffer, buffer -> socket buffer) and two system calls per chunk: the
 * read/write row of the classic table, on a socket instead of a pipe.
 */
#include <errno.h>

#include "method/method.h"
#include "transfer/half_helpers.h"

static int socket_rw_producer_transfer(struct half_ctx *ctx)
{
	return half_send_loop(ctx, ctx->chan_fd, "write(socket)");
}

const struct half_ops producer_unix = {
	.name = "unix",
	.channel = CHANNEL_UNIX,
	.does = "read(src) into a buffer, write() it into an AF_UNIX socket",
	.cpu_copies = 2,
	.syscalls_per_chunk = 2,
	.path = "src page cache -(CPU: read)-> user buffer -(CPU: write)-> socket buffer",
	.from_memory = 1,
	.prepare = half_buffer_prepare,
	.transfer = socket_rw_producer_transfer,
	.release = half_buffer_release,
};

const struct half_ops producer_tcp_rw = {
	.name = "tcp-rw",
	.channel = CHANNEL_TCP,
	.does = "read(src) into a buffer, write() it into a TCP socket on 127.0.0.1",
	.cpu_copies = 2,
	.syscalls_per_chunk = 2,
	.path = "src page cache -(CPU: read)-> user buffer -(CPU: write)-> socket buffer",
	.from_memory = 1,
	.prepare = half_buffer_prepare,
	.transfer = socket_rw_producer_transfer,
	.release = half_buffer_release,
};
