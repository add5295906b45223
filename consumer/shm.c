/*
 * consumer/shm.c - the receiving half of `shm`: ftruncate() the destination to the final size,
 * mmap() it, and memcpy() each full slot of the ring into its place.  One CPU copy per chunk;
 * the destination's page faults (allocating its page cache) land in the timed loop.
 */
#include <errno.h>
#include <string.h>

#include "channel/channel_shm.h"
#include "method/method.h"
#include "transfer/half_helpers.h"

static int shm_consumer_transfer(struct half_ctx *ctx)
{
	unsigned char *dst = ctx->priv;
	while (ctx->bytes_done < ctx->size) {
		const void *slot;
		uint64_t len;
		int rc = half_ring_take(ctx, &slot, &len);
		if (rc < 0)
			return rc;
		memcpy(dst + ctx->bytes_done, slot, (size_t)len);
		shm_ring_put_empty(ctx->ring);
		if ((rc = half_advance(ctx, len, "memcpy(mmap(dst) + off, slot)")) < 0)
			return rc;
	}
	return 0;
}

const struct half_ops consumer_shm = {
	.name = "shm",
	.channel = CHANNEL_SHM,
	.does = "mmap(dst), memcpy() each full slot into it",
	.cpu_copies = 1,
	.syscalls_per_chunk = 0,
	.path = "ring slot -(CPU: memcpy into mmap(dst))-> dst page cache",
	.prepare = half_map_destination,
	.transfer = shm_consumer_transfer,
	.release = half_unmap,
};
