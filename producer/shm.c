/*
 * producer/shm.c - the sending half of `shm`: mmap() the source and memcpy() each chunk from the
 * mapping into the next empty slot of the shared-memory ring.  One CPU copy per chunk on this
 * side; no system call at all unless the ring is full and the producer has to sleep.
 *
 * Mapping the source means its page faults land inside the timed loop: they are part of what
 * mmap costs, and they show up in the minflt column.
 */
#include <string.h>

#include "channel/channel_shm.h"
#include "method/method.h"
#include "transfer/half_helpers.h"

static int shm_producer_transfer(struct half_ctx *ctx)
{
	const unsigned char *src = ctx->priv;
	while (ctx->bytes_done < ctx->size) {
		void *slot;
		int rc = shm_ring_get_empty(ctx->ring, &slot, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "sem_wait(empty slot): consumer gone", -rc);
		size_t n = half_next_chunk(ctx);
		memcpy(slot, src + ctx->bytes_done, n);
		shm_ring_put_full(ctx->ring, n);
		if ((rc = half_advance(ctx, n, "memcpy(slot, mmap(src) + off)")) < 0)
			return rc;
	}
	return 0;
}

const struct half_ops producer_shm = {
	.name = "shm",
	.channel = CHANNEL_SHM,
	.does = "mmap(src), memcpy() each chunk into a shared-memory slot",
	.cpu_copies = 1,
	.syscalls_per_chunk = 0,
	.path = "src page cache -(mapped: mmap)-> src mapping -(CPU: memcpy)-> ring slot",
	.from_memory = 1,
	.prepare = half_map_source,
	.transfer = shm_producer_transfer,
	.release = half_unmap,
};
