/*
 * consumer/shm_rw.c - the receiving half of `shm-rw`: write() each full slot of the ring straight
 * to the destination.  One CPU copy (slot -> page cache, in the kernel's write) and one system
 * call per chunk; the destination is never mapped, so no page faults on it.
 */
#include <errno.h>

#include "base/io_util.h"
#include "channel/channel_shm.h"
#include "method/method.h"
#include "transfer/half_helpers.h"

static int shm_rw_consumer_transfer(struct half_ctx *ctx)
{
	while (ctx->bytes_done < ctx->size) {
		const void *slot;
		uint64_t len;
		int rc = half_ring_take(ctx, &slot, &len);
		if (rc < 0)
			return rc;
		rc = io_write_all(ctx->file_fd, slot, (size_t)len, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "write(dst) from slot", -rc);
		shm_ring_put_empty(ctx->ring);
		if ((rc = half_advance(ctx, len, "write(dst) from slot")) < 0)
			return rc;
	}
	return 0;
}

const struct half_ops consumer_shm_rw = {
	.name = "shm-rw",
	.channel = CHANNEL_SHM,
	.does = "write(dst) straight from each full slot",
	.cpu_copies = 1,
	.syscalls_per_chunk = 1,
	.path = "ring slot -(CPU: write)-> dst page cache",
	.transfer = shm_rw_consumer_transfer,
};
