/*
 * consumer/sink_read.c - the read sinks (sink.h): receive each chunk into a private buffer, as
 * a real reader would, and drop it.  One CPU copy on this side (channel -> buffer) and, on a
 * pipe or socket, one read() per chunk; no destination is written (but in a check run, where
 * keep_received writes the bytes to the check file so they can be hashed).
 */
#include <errno.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "base/io_util.h"
#include "channel/channel_shm.h"
#include "channel/cma_token.h"
#include "consumer/sink.h"
#include "method/method.h"
#include "transfer/half_helpers.h"

/* Count n bytes received into buf; in a check run write them to the check file first. */
static int received(struct half_ctx *ctx, const void *buf, size_t n, const char *call)
{
	if (ctx->keep_received) {
		int rc = io_write_all(ctx->file_fd, buf, n, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "write(check file)", -rc);
	}
	return half_advance(ctx, n, call);
}

/* Pipes and sockets: one read() per call, whatever it hands over (at most a chunk). */
static int sink_read_fd_transfer(struct half_ctx *ctx)
{
	while (ctx->bytes_done < ctx->size) {
		ssize_t n = read(ctx->chan_fd, ctx->priv, half_next_chunk(ctx));
		ctx->syscalls++;
		if (n < 0 && io_retry(errno))
			continue;
		if (n < 0)
			return half_fail(ctx, "read(channel) into the sink's buffer", errno);
		if (n == 0)
			return half_fail(ctx, "read(channel): producer hung up early", EPIPE);
		int rc = received(ctx, ctx->priv, (size_t)n, "read(channel) into the sink's buffer");
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The ring: copy each full slot into the buffer and hand the slot back. */
static int sink_read_ring_transfer(struct half_ctx *ctx)
{
	while (ctx->bytes_done < ctx->size) {
		const void *slot;
		uint64_t len;
		int rc = half_ring_take(ctx, &slot, &len);
		if (rc < 0)
			return rc;
		if (len > ctx->chunk)
			return half_fail(ctx, "ring: slot longer than a chunk", EPROTO);
		memcpy(ctx->priv, slot, (size_t)len);
		shm_ring_put_empty(ctx->ring);
		if ((rc = received(ctx, ctx->priv, (size_t)len, "memcpy(buffer, slot)")) < 0)
			return rc;
	}
	return 0;
}

/* The file-sized region: copy each published chunk into the buffer, behind the producer. */
static int sink_read_region_transfer(struct half_ctx *ctx)
{
	const unsigned char *region = shm_region_base(ctx->ring);
	while (ctx->bytes_done < ctx->size) {
		size_t n = half_next_chunk(ctx);
		int rc = shm_region_wait(ctx->ring, ctx->bytes_done + n, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "waiting for the region: producer gone", -rc);
		memcpy(ctx->priv, region + ctx->bytes_done, n);
		if ((rc = received(ctx, ctx->priv, n, "memcpy(buffer, region + off)")) < 0)
			return rc;
	}
	return 0;
}

/* cma: copy each token's chunk out of the producer into the buffer, ack it. */
static int sink_read_cma_transfer(struct half_ctx *ctx)
{
	while (ctx->bytes_done < ctx->size) {
		struct cma_token token;
		int rc = half_cma_take(ctx, &token);
		if (rc < 0)
			return rc;
		char ack = 'a';
		rc = io_write_all(ctx->back_fd, &ack, 1, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "write(ack pipe)", -rc);
		if ((rc = received(ctx, ctx->priv, (size_t)token.len, "process_vm_readv(producer)")) < 0)
			return rc;
	}
	return 0;
}

#define SINK_READ(var, kind, transfer_fn, what, copy_path, calls)                               \
	const struct half_ops var = {                                                    \
		.name = "sink-read",                                                            \
		.channel = kind,                                                                \
		.does = what,                                                                   \
		.cpu_copies = 1,                                                                \
		.syscalls_per_chunk = calls,                                                    \
		.path = copy_path,                                                              \
		.prepare = half_buffer_prepare,                                                 \
		.transfer = transfer_fn,                                                        \
		.release = half_buffer_release,                                                 \
	}

SINK_READ(sink_read_pipe, CHANNEL_PIPE, sink_read_fd_transfer,
	  "read() the pipe into a buffer and drop it", "pipe buffer -(CPU: read)-> user buffer", 1);
SINK_READ(sink_read_unix, CHANNEL_UNIX, sink_read_fd_transfer,
	  "read() the socket into a buffer and drop it", "socket buffer -(CPU: read)-> user buffer",
	  1);
SINK_READ(sink_read_tcp, CHANNEL_TCP, sink_read_fd_transfer,
	  "read() the socket into a buffer and drop it", "socket buffer -(CPU: read)-> user buffer",
	  1);
SINK_READ(sink_read_ring, CHANNEL_SHM, sink_read_ring_transfer,
	  "memcpy() each full slot into a buffer and drop it", "ring slot -(CPU: memcpy)-> user buffer",
	  0);
SINK_READ(sink_read_region, CHANNEL_SHM_WHOLE, sink_read_region_transfer,
	  "memcpy() the region into a buffer, --chunk at a time, and drop it",
	  "whole-file region -(CPU: memcpy)-> user buffer", 0);
SINK_READ(sink_read_cma, CHANNEL_CMA, sink_read_cma_transfer,
	  "process_vm_readv() each chunk into a buffer, ack, drop it",
	  "producer's memory -(CPU: process_vm_readv)-> user buffer", 3);
