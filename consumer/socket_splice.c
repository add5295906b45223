/*
 * consumer/socket_splice.c - the receiving halves that splice a stream socket into the
 * destination: `unix-splice` (AF_UNIX) and `tcp-splice` (TCP over 127.0.0.1).
 *
 * Why a private pipe: splice needs a pipe on one side, and neither a socket nor a file is one,
 * so the bytes go socket -> pipe (page references to the socket buffer's pages) -> file (one
 * CPU copy into the destination's page cache, in the kernel).  Two system calls per chunk.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/io_util.h"
#include "channel/channel_pipe.h"
#include "method/method.h"
#include "transfer/half_helpers.h"

/* The private pipe, held in ctx->priv. */
struct relay {
	int fds[2];
};

static int socket_splice_prepare(struct half_ctx *ctx)
{
	struct relay *r = malloc(sizeof(*r));
	if (!r)
		return half_fail(ctx, "malloc(relay)", ENOMEM);
	/* As large as a chunk where the kernel allows it, so one splice moves a whole chunk; with
	 * --chunk rest, the kernel's default pipe, like the channel's. */
	size_t want = ctx->chunk < PIPE_SIZE_MIN ? PIPE_SIZE_MIN : ctx->chunk;
	if (ctx->chunk == CHUNK_REST)
		want = 0;
	int rc = channel_pipe_open(r->fds, want, NULL);
	if (rc < 0)
		rc = channel_pipe_open(r->fds, 0, NULL);
	if (rc < 0) {
		free(r);
		return half_fail(ctx, "pipe(relay)", -rc);
	}
	ctx->priv = r;
	return 0;
}

static int socket_splice_transfer(struct half_ctx *ctx)
{
	struct relay *r = ctx->priv;
	loff_t out_off = 0;
	while (ctx->bytes_done < ctx->size) {
		ssize_t in = splice(ctx->chan_fd, NULL, r->fds[1], NULL, half_next_chunk(ctx),
				    SPLICE_F_MOVE | SPLICE_F_MORE);
		ctx->syscalls++;
		if (in < 0) {
			if (io_retry(errno))
				continue;
			return half_fail(ctx, "splice(socket -> pipe)", errno);
		}
		if (in == 0)
			return half_fail(ctx, "splice(socket -> pipe): producer hung up early", EPIPE);
		while (in > 0) {
			ssize_t out = splice(r->fds[0], NULL, ctx->file_fd, &out_off, (size_t)in,
					     SPLICE_F_MOVE);
			ctx->syscalls++;
			if (out < 0 && io_retry(errno))
				continue;
			if (out <= 0)
				return half_fail(ctx, "splice(pipe -> dst)", out < 0 ? errno : EIO);
			in -= out;
			int rc = half_advance(ctx, (uint64_t)out, "splice(pipe -> dst)");
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

static void socket_splice_release(struct half_ctx *ctx)
{
	struct relay *r = ctx->priv;
	if (r) {
		close(r->fds[0]);
		close(r->fds[1]);
		free(r);
	}
	ctx->priv = NULL;
}

const struct half_ops consumer_unix_splice = {
	.name = "unix-splice",
	.channel = CHANNEL_UNIX,
	.does = "splice(AF_UNIX socket -> pipe -> dst)",
	.cpu_copies = 1,
	.syscalls_per_chunk = 2,
	.path = "socket buffer -(page refs: splice)-> relay pipe -(CPU, in kernel: splice)-> dst page cache",
	.page_refs = 1,
	.takes_rest = 1,
	.prepare = socket_splice_prepare,
	.transfer = socket_splice_transfer,
	.release = socket_splice_release,
};

const struct half_ops consumer_tcp_splice = {
	.name = "tcp-splice",
	.channel = CHANNEL_TCP,
	.does = "splice(TCP socket -> pipe -> dst)",
	.cpu_copies = 1,
	.syscalls_per_chunk = 2,
	.path = "socket buffer -(page refs: splice)-> relay pipe -(CPU, in kernel: splice)-> dst page cache",
	.page_refs = 1,
	.takes_rest = 1,
	.prepare = socket_splice_prepare,
	.transfer = socket_splice_transfer,
	.release = socket_splice_release,
};
