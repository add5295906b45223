/*
 * producer/shm_rw.c - the sending half of `shm-rw`: read() the source straight into the next
 * empty slot of the shared-memory ring.  One CPU copy (page cache -> slot, in the kernel's read)
 * and one system call per chunk; no mapping of the source, so no page faults on it either.
 */
#include <errno.h>
#include <string.h>

#include "base/io_util.h"
#include "channel/channel_shm.h"
#include "method/method.h"
#include "transfer/half_helpers.h"

static int shm_rw_producer_transfer(struct half_ctx *ctx)
{
	while (ctx->bytes_done < ctx->size) {
		void *slot;
		int rc = shm_ring_get_empty(ctx->ring, &slot, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "sem_wait(empty slot): consumer gone", -rc);
		ssize_t got = (ssize_t)half_next_chunk(ctx);
		if (ctx->src_mem)	/* --src memory: the one copy is a memcpy */
			memcpy(slot, ctx->src_mem + ctx->bytes_done, (size_t)got);
		else
			got = io_read_full(ctx->file_fd, slot, (size_t)got, &ctx->syscalls);
		if (got < 0)
			return half_fail(ctx, "read(src) into slot", (int)-got);
		if (got == 0)
			return half_fail(ctx, "read(src): source shrank", EIO);
		shm_ring_put_full(ctx->ring, (uint64_t)got);
		if ((rc = half_advance(ctx, (uint64_t)got, "read(src) into slot")) < 0)
			return rc;
	}
	return 0;
}

const struct half_ops producer_shm_rw = {
	.name = "shm-rw",
	.channel = CHANNEL_SHM,
	.does = "read(src) straight into a shared-memory slot",
	.cpu_copies = 1,
	.syscalls_per_chunk = 1,
	.path = "src page cache -(CPU: read)-> ring slot",
	.from_memory = 1,
	.transfer = shm_rw_producer_transfer,
};
