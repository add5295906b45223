/*
 * consumer/cma.c - the receiving half of `cma`: for each token, process_vm_readv() the chunk
 * straight out of the producer's memory into a private buffer, write() it to the destination
 * and ack it.  Two CPU copies (producer's buffer -> ours, ours -> page cache) and four system
 * calls per chunk (token, process_vm_readv, write, ack).
 */
#include <errno.h>
#include <sys/uio.h>

#include "base/io_util.h"
#include "channel/cma_token.h"
#include "method/method.h"
#include "transfer/half_helpers.h"

static int cma_consumer_transfer(struct half_ctx *ctx)
{
	while (ctx->bytes_done < ctx->size) {
		struct cma_token token;
		int rc = half_cma_take(ctx, &token);
		if (rc < 0)
			return rc;
		rc = io_write_all(ctx->file_fd, ctx->priv, (size_t)token.len, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "write(dst)", -rc);
		char ack = 'a';
		rc = io_write_all(ctx->back_fd, &ack, 1, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "write(ack pipe)", -rc);
		if ((rc = half_advance(ctx, token.len, "write(dst)")) < 0)
			return rc;
	}
	return 0;
}

const struct half_ops consumer_cma = {
	.name = "cma",
	.channel = CHANNEL_CMA,
	.does = "process_vm_readv() each chunk from the producer's memory, write(dst), ack",
	.cpu_copies = 2,
	.syscalls_per_chunk = 4,
	.path = "producer's buffer -(CPU: process_vm_readv)-> user buffer -(CPU: write)-> dst page cache",
	.prepare = half_buffer_prepare,
	.transfer = cma_consumer_transfer,
	.release = half_buffer_release,
};
