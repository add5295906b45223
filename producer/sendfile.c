/*
 * producer/sendfile.c - the sending halves built on sendfile(out, src): into a pipe (`sendfile`),
 * into an AF_UNIX socket (`unix-sendfile`) and into a loopback TCP socket (`tcp`).  One loop,
 * three channels, so three ops tables in one file.
 *
 * Why no CPU copy: since Linux 2.6.23 sendfile is splice underneath; into a pipe it hands over
 * page references, and since 6.5 sockets take spliced pages too (MSG_SPLICE_PAGES), so the
 * socket buffer points at the source's page cache.  Older kernels copy once into the socket
 * buffer (the classic table's "1 CPU copy, 0 with gather DMA").
 */
#include <errno.h>
#include <sys/sendfile.h>

#include "base/io_util.h"
#include "method/method.h"
#include "transfer/half_helpers.h"

static int sendfile_transfer(struct half_ctx *ctx)
{
	off_t off = 0;
	while (ctx->bytes_done < ctx->size) {
		ssize_t n = sendfile(ctx->chan_fd, ctx->file_fd, &off, half_next_chunk(ctx));
		ctx->syscalls++;
		if (n < 0) {
			if (io_retry(errno))
				continue;
			return half_fail(ctx, "sendfile(channel, src)", errno);
		}
		if (n == 0)
			return half_fail(ctx, "sendfile(channel, src): source shrank", EIO);
		int rc = half_advance(ctx, (uint64_t)n, "sendfile(channel, src)");
		if (rc < 0)
			return rc;
	}
	return 0;
}

const struct half_ops producer_sendfile = {
	.name = "sendfile",
	.channel = CHANNEL_PIPE,
	.does = "sendfile(pipe, src): page references, no CPU copy",
	.cpu_copies = 0,
	.syscalls_per_chunk = 1,
	.path = "src page cache -(page refs: sendfile)-> pipe buffer",
	.page_refs = 1,
	.takes_rest = 1,
	.needs_file = "sendfile()s from the source file",
	.transfer = sendfile_transfer,
};

const struct half_ops producer_unix_sendfile = {
	.name = "unix-sendfile",
	.channel = CHANNEL_UNIX,
	.does = "sendfile(AF_UNIX socket, src): spliced pages (kernel >= 6.5)",
	.cpu_copies = 0,
	.syscalls_per_chunk = 1,
	.path = "src page cache -(page refs: sendfile)-> socket buffer",
	.page_refs = 1,
	.takes_rest = 1,
	.needs_file = "sendfile()s from the source file",
	.transfer = sendfile_transfer,
};

const struct half_ops producer_tcp_sendfile = {
	.name = "tcp-sendfile",
	.channel = CHANNEL_TCP,
	.does = "sendfile(TCP socket on 127.0.0.1, src): spliced pages (kernel >= 6.5)",
	.cpu_copies = 0,
	.syscalls_per_chunk = 1,
	.path = "src page cache -(page refs: sendfile)-> socket buffer",
	.page_refs = 1,
	.takes_rest = 1,
	.needs_file = "sendfile()s from the source file",
	.transfer = sendfile_transfer,
};
