/*
 * consumer/shm_whole.c - the receiving half of `shm-whole`: copy the region into the mapped
 * destination --chunk bytes at a time, each step once the producer has published it (the 2014
 * code did not wait at all and could copy bytes not yet written; waiting on the progress count
 * costs an atomic load per step and a sleep only when it catches up).  One CPU copy.
 */
#include <errno.h>
#include <string.h>

#include "channel/channel_shm.h"
#include "method/method.h"
#include "transfer/half_helpers.h"

static int shm_whole_consumer_transfer(struct half_ctx *ctx)
{
	const unsigned char *region = shm_region_base(ctx->ring);
	unsigned char *dst = ctx->priv;
	while (ctx->bytes_done < ctx->size) {
		size_t n = half_next_chunk(ctx);
		int rc = shm_region_wait(ctx->ring, ctx->bytes_done + n, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "waiting for the region: producer gone", -rc);
		memcpy(dst + ctx->bytes_done, region + ctx->bytes_done, n);
		if ((rc = half_advance(ctx, n, "memcpy(mmap(dst) + off, region + off)")) < 0)
			return rc;
	}
	return 0;
}

const struct half_ops consumer_shm_whole = {
	.name = "shm-whole",
	.channel = CHANNEL_SHM_WHOLE,
	.does = "memcpy() --chunk at a time from the region into mmap(dst), behind the producer",
	.cpu_copies = 1,
	.syscalls_per_chunk = 0,
	.path = "whole-file region -(CPU: memcpy into mmap(dst))-> dst page cache",
	.takes_rest = 1,
	.prepare = half_map_destination,
	.transfer = shm_whole_consumer_transfer,
	.release = half_unmap,
};
