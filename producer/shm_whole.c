/*
 * producer/shm_whole.c - the sending half of `shm-whole`, the 2014 study's mmap+memcpy: one
 * shared region as large as the file; memcpy() the mapped source into it --chunk bytes at a
 * time (the study: 4 KiB), publishing after each step how far it got, so the consumer copies out
 * behind it.  One CPU copy, and memory that grows with the file: the reasons the ring (`shm`)
 * exists.  --chunk rest copies the whole file in one step and publishes once.
 */
#include <errno.h>
#include <string.h>

#include "channel/channel_shm.h"
#include "method/method.h"
#include "transfer/half_helpers.h"

static int shm_whole_producer_transfer(struct half_ctx *ctx)
{
	unsigned char *region = shm_region_base(ctx->ring);
	const unsigned char *src = ctx->priv;
	while (ctx->bytes_done < ctx->size) {
		size_t n = half_next_chunk(ctx);
		memcpy(region + ctx->bytes_done, src + ctx->bytes_done, n);
		shm_region_publish(ctx->ring, ctx->bytes_done + n);
		int rc = half_advance(ctx, n, "memcpy(region + off, mmap(src) + off)");
		if (rc < 0)
			return rc;
	}
	return 0;
}

const struct half_ops producer_shm_whole = {
	.name = "shm-whole",
	.channel = CHANNEL_SHM_WHOLE,
	.does = "mmap(src), memcpy() --chunk at a time into a file-sized region, publishing progress",
	.cpu_copies = 1,
	.syscalls_per_chunk = 0,
	.path = "src page cache -(mapped: mmap)-> src mapping -(CPU: memcpy)-> whole-file region",
	.takes_rest = 1,
	.from_memory = 1,
	.prepare = half_map_source,
	.transfer = shm_whole_producer_transfer,
	.release = half_unmap,
};
