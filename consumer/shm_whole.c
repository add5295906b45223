/*
 * consumer/shm_whole.c - the receiving half of `shm-whole`: wait for the single post, then
 * memcpy() the whole region into the mapped destination.  One CPU copy.
 */
#include <errno.h>
#include <string.h>

#include "channel_shm.h"
#include "half_helpers.h"
#include "methods.h"

static int shm_whole_consumer_transfer(struct half_ctx *ctx)
{
	if (ctx->size == 0)
		return 0;
	const void *region;
	uint64_t len;
	int rc = shm_ring_get_full(ctx->ring, &region, &len, &ctx->syscalls);
	if (rc < 0)
		return half_fail(ctx, "sem_wait(region): producer gone", -rc);
	if (len != ctx->size)
		return half_fail(ctx, "region: length differs from the file", EPROTO);
	memcpy(ctx->priv, region, ctx->size);
	shm_ring_put_empty(ctx->ring);
	return half_advance(ctx, ctx->size, "memcpy(mmap(dst), region)");
}

const struct half_ops consumer_shm_whole = {
	.name = "shm-whole",
	.channel = CHANNEL_SHM_WHOLE,
	.does = "after the post, memcpy() the whole region into mmap(dst)",
	.cpu_copies = 1,
	.syscalls_per_chunk = 0,
	.path = "whole-file region -(CPU: memcpy into mmap(dst))-> dst page cache",
	.prepare = half_map_destination,
	.transfer = shm_whole_consumer_transfer,
	.release = half_unmap,
};
