/*
 * producer/cma.c - the sending half of `cma` (cross-memory attach): read() the source into a
 * ring of --slots private buffers and send the consumer a token per chunk saying where it is;
 * the consumer copies it straight out of this process with process_vm_readv() and acks it.
 * One CPU copy on this side (the read), three system calls per chunk (read, token, ack).
 *
 * Why PR_SET_PTRACER: process_vm_readv needs ptrace rights over this process, and with Yama's
 * ptrace_scope = 1 a child may not trace its parent unless the parent names it.  Without Yama
 * the call fails with EINVAL and nothing changes.
 *
 * With --src memory the tokens point into the source itself: no read, no copy on this side.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/prctl.h>

#include "base/io_util.h"
#include "channel/cma_token.h"
#include "method/method.h"
#include "transfer/half_helpers.h"

static int cma_producer_prepare(struct half_ctx *ctx)
{
	prctl(PR_SET_PTRACER, (unsigned long)ctx->peer, 0, 0, 0);
	return half_buffer_prepare_n(ctx, ctx->chunk * ctx->slots);
}

/* Wait for one ack from the consumer: its buffer is free again. */
static int wait_ack(struct half_ctx *ctx)
{
	char ack;
	ssize_t n = io_read_full(ctx->back_fd, &ack, 1, &ctx->syscalls);
	if (n < 0)
		return half_fail(ctx, "read(ack pipe)", (int)-n);
	if (n == 0)
		return half_fail(ctx, "read(ack pipe): consumer gone", EPIPE);
	return 0;
}

static int cma_producer_transfer(struct half_ctx *ctx)
{
	char *buffers = ctx->priv;
	uint32_t in_flight = 0;
	uint64_t chunks = 0;
	int rc = 0;
	while (ctx->bytes_done < ctx->size && rc == 0) {
		if (in_flight == ctx->slots) {	/* acks come in token order: the oldest is free */
			if ((rc = wait_ack(ctx)) < 0)
				break;
			in_flight--;
		}
		const char *buf = buffers + (size_t)(chunks % ctx->slots) * ctx->chunk;
		ssize_t got;
		if (ctx->src_mem) {	/* the consumer copies straight out of the source */
			buf = (const char *)ctx->src_mem + ctx->bytes_done;
			got = (ssize_t)half_next_chunk(ctx);
		} else {
			got = io_read_full(ctx->file_fd, (char *)buf, half_next_chunk(ctx),
					   &ctx->syscalls);
		}
		if (got <= 0)
			return half_fail(ctx, got < 0 ? "read(src)" : "read(src): source shrank",
					 got < 0 ? (int)-got : EIO);
		struct cma_token token = { (uint64_t)(uintptr_t)buf, (uint64_t)got };
		rc = io_write_all(ctx->chan_fd, &token, sizeof(token), &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "write(token pipe)", -rc);
		in_flight++;
		chunks++;
		if ((rc = half_advance(ctx, (uint64_t)got, "write(token pipe)")) < 0)
			return rc;
	}
	/* The buffers must stay valid until the consumer has copied every chunk out of them. */
	while (rc == 0 && in_flight > 0) {
		rc = wait_ack(ctx);
		in_flight--;
	}
	return rc;
}

const struct half_ops producer_cma = {
	.name = "cma",
	.channel = CHANNEL_CMA,
	.does = "read(src) into private buffers, send a token (address, length) per chunk",
	.cpu_copies = 1,
	.syscalls_per_chunk = 3,
	.path = "src page cache -(CPU: read)-> producer's buffer",
	.from_memory = 1,
	.prepare = cma_producer_prepare,
	.transfer = cma_producer_transfer,
	.release = half_buffer_release,
};
