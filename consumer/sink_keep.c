/*
 * consumer/sink_keep.c - the keeping sinks (sink.h, --dst memory): receive every chunk into a
 * destination the size of the transfer in the consumer's own memory, at its offset, as a
 * production receiver that keeps what it receives would.  One CPU copy on this side (channel
 * -> destination) and, on a pipe or socket, one read() per chunk.  Unlike the read sinks,
 * whose reused chunk buffer stays in the cache, every byte lands in memory the size of the
 * transfer: the working set of a memcpy from DRAM to DRAM.
 *
 * The destination is mapped before the clock; "keep" touches every page of it there too, so
 * the loop times the copies alone, "keep-fresh" leaves it untouched, so the loop also pays the
 * first touch of each page.  The harness hashes it after the clock (harness_side.c).
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/io_util.h"
#include "channel/channel_shm.h"
#include "channel/cma_token.h"
#include "consumer/sink.h"
#include "transfer/half_helpers.h"

#define PAGE 4096

/* The mapping behind ctx->priv: the destination starts buffer_offset bytes into it. */
static size_t mapping_bytes(const struct half_ctx *ctx)
{
	return (size_t)ctx->size + PAGE;
}

int sink_keep_prepare(struct half_ctx *ctx)
{
	ctx->priv = NULL;
	ctx->kept = NULL;
	if (ctx->size > SIZE_MAX - 2 * PAGE)
		return half_fail(ctx, "mmap(destination in memory)", ENOMEM);
	unsigned char *base = mmap(NULL, mapping_bytes(ctx), PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		return half_fail(ctx, "mmap(destination in memory)", errno);
#ifdef MADV_HUGEPAGE
	if (ctx->dst_huge)	/* a request: without THP the mapping stays in 4 KiB pages */
		(void)madvise(base, mapping_bytes(ctx), MADV_HUGEPAGE);
#endif
	if (!ctx->dst_fresh) {
		/* Present before the clock, to this process and to its kernel: one user write a
		 * page, then the kernel writing every byte (io_kernel_write says why: a user
		 * touch alone left read() into the destination several times slower than a read
		 * sink on a paravirtualised guest). */
		io_user_touch(base, mapping_bytes(ctx));
		int rc = io_kernel_write(base, mapping_bytes(ctx));
		if (rc < 0) {
			munmap(base, mapping_bytes(ctx));
			return half_fail(ctx, "read(/dev/zero) to touch the destination", -rc);
		}
	}
	ctx->priv = base + ctx->buffer_offset;
	ctx->copy_buffer = ctx->priv;
	ctx->kept = ctx->priv;
	return 0;
}

void sink_keep_release(struct half_ctx *ctx)
{
	if (ctx->priv)
		munmap((unsigned char *)ctx->priv - ctx->buffer_offset, mapping_bytes(ctx));
	ctx->priv = NULL;
	ctx->kept = NULL;
}

/* Where the next byte lands. */
static unsigned char *next_byte(struct half_ctx *ctx)
{
	return (unsigned char *)ctx->priv + ctx->bytes_done;
}

/* Pipes and sockets: read() each chunk straight to its place in the destination. */
static int keep_fd_transfer(struct half_ctx *ctx)
{
	while (ctx->bytes_done < ctx->size) {
		ssize_t n = read(ctx->chan_fd, next_byte(ctx), half_next_chunk(ctx));
		ctx->syscalls++;
		if (n < 0 && io_retry(errno))
			continue;
		if (n < 0)
			return half_fail(ctx, "read(channel) into the destination", errno);
		if (n == 0)
			return half_fail(ctx, "read(channel): producer hung up early", EPIPE);
		int rc = half_advance(ctx, (size_t)n, "read(channel) into the destination");
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The ring: copy each full slot to its place and hand the slot back. */
static int keep_ring_transfer(struct half_ctx *ctx)
{
	while (ctx->bytes_done < ctx->size) {
		const void *slot;
		uint64_t len;
		int rc = half_ring_take(ctx, &slot, &len);
		if (rc < 0)
			return rc;
		memcpy(next_byte(ctx), slot, (size_t)len);
		shm_ring_put_empty(ctx->ring);
		if ((rc = half_advance(ctx, (size_t)len, "memcpy(destination, slot)")) < 0)
			return rc;
	}
	return 0;
}

/* The file-sized region: copy each published chunk to its place, behind the producer. */
static int keep_region_transfer(struct half_ctx *ctx)
{
	const unsigned char *region = shm_region_base(ctx->ring);
	while (ctx->bytes_done < ctx->size) {
		size_t n = half_next_chunk(ctx);
		int rc = shm_region_wait(ctx->ring, ctx->bytes_done + n, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "waiting for the region: producer gone", -rc);
		memcpy(next_byte(ctx), region + ctx->bytes_done, n);
		if ((rc = half_advance(ctx, n, "memcpy(destination, region + off)")) < 0)
			return rc;
	}
	return 0;
}

/* cma: copy each token's chunk out of the producer to its place, ack it. */
static int keep_cma_transfer(struct half_ctx *ctx)
{
	while (ctx->bytes_done < ctx->size) {
		struct cma_token token;
		int rc = half_cma_take_into(ctx, &token, next_byte(ctx));
		if (rc < 0)
			return rc;
		char ack = 'a';
		rc = io_write_all(ctx->back_fd, &ack, 1, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "write(ack pipe)", -rc);
		if ((rc = half_advance(ctx, (size_t)token.len, "process_vm_readv(producer)")) < 0)
			return rc;
	}
	return 0;
}

#define SINK_KEEP_HALF(var, kind, transfer_fn, what, copy_path, calls)                          \
	const struct half_ops var = {                                                           \
		.name = "sink-keep",                                                            \
		.channel = kind,                                                                \
		.does = what,                                                                   \
		.cpu_copies = 1,                                                                \
		.keeps_in_memory = 1,                                                           \
		.syscalls_per_chunk = calls,                                                    \
		.path = copy_path,                                                              \
		.prepare = sink_keep_prepare,                                                        \
		.transfer = transfer_fn,                                                        \
		.release = sink_keep_release,                                                        \
	}

SINK_KEEP_HALF(sink_keep_pipe, CHANNEL_PIPE, keep_fd_transfer,
	       "read() the pipe into a destination the size of the transfer, and keep it",
	       "pipe buffer -(CPU: read)-> destination in memory", 1);
SINK_KEEP_HALF(sink_keep_unix, CHANNEL_UNIX, keep_fd_transfer,
	       "read() the socket into a destination the size of the transfer, and keep it",
	       "socket buffer -(CPU: read)-> destination in memory", 1);
SINK_KEEP_HALF(sink_keep_tcp, CHANNEL_TCP, keep_fd_transfer,
	       "read() the socket into a destination the size of the transfer, and keep it",
	       "socket buffer -(CPU: read)-> destination in memory", 1);
SINK_KEEP_HALF(sink_keep_ring, CHANNEL_SHM, keep_ring_transfer,
	       "memcpy() each full slot into a destination the size of the transfer",
	       "ring slot -(CPU: memcpy)-> destination in memory", 0);
SINK_KEEP_HALF(sink_keep_region, CHANNEL_SHM_WHOLE, keep_region_transfer,
	       "memcpy() the region, --chunk at a time, into a destination of its size",
	       "whole-file region -(CPU: memcpy)-> destination in memory", 0);
SINK_KEEP_HALF(sink_keep_cma, CHANNEL_CMA, keep_cma_transfer,
	       "process_vm_readv() each chunk into a destination the size of the transfer, ack",
	       "producer's memory -(CPU: process_vm_readv)-> destination in memory", 3);
