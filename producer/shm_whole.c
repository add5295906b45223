/*
 * producer/shm_whole.c - the sending half of `shm-whole`, the 2014 study's variant: one shared
 * region as large as the file; memcpy() the whole mapped source into it, then post the
 * semaphore once.  One CPU copy, no overlap with the consumer (it starts after the post), and
 * memory that grows with the file: the reasons the ring (`shm`) exists.
 */
#include <errno.h>
#include <string.h>

#include "channel_shm.h"
#include "half_helpers.h"
#include "methods.h"

static int shm_whole_producer_transfer(struct half_ctx *ctx)
{
	if (ctx->size == 0)
		return 0;
	void *region;
	int rc = shm_ring_get_empty(ctx->ring, &region, &ctx->syscalls);
	if (rc < 0)
		return half_fail(ctx, "sem_wait(region): consumer gone", -rc);
	memcpy(region, ctx->priv, ctx->size);
	shm_ring_put_full(ctx->ring, ctx->size);
	return half_advance(ctx, ctx->size, "memcpy(region, mmap(src))");
}

const struct half_ops producer_shm_whole = {
	.name = "shm-whole",
	.channel = CHANNEL_SHM_WHOLE,
	.does = "mmap(src), memcpy() all of it into a file-sized region, post once",
	.cpu_copies = 1,
	.syscalls_per_chunk = 0,
	.path = "src page cache -(mapped: mmap)-> src mapping -(CPU: memcpy)-> whole-file region",
	.prepare = half_map_source,
	.transfer = shm_whole_producer_transfer,
	.release = half_unmap,
};
