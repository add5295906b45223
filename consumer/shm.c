/*
 * consumer/shm.c - the receiving half of `shm`: ftruncate() the destination to the final size,
 * mmap() it, and memcpy() each full slot of the ring into its place.  One CPU copy per chunk;
 * the destination's page faults (allocating its page cache) land in the timed loop.
 */
#include "channel_shm.h"
#include "half.h"
#include "methods.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int shm_consumer_prepare(struct half_ctx *ctx)
{
	ctx->priv = NULL;
	if (ftruncate(ctx->file_fd, (off_t)ctx->size) < 0)
		return half_fail(ctx, "ftruncate(dst)", errno);
	if (ctx->size == 0)
		return 0;
	void *map = mmap(NULL, ctx->size, PROT_READ | PROT_WRITE, MAP_SHARED, ctx->file_fd, 0);
	if (map == MAP_FAILED)
		return half_fail(ctx, "mmap(dst)", errno);
	ctx->priv = map;
	return 0;
}

static int shm_consumer_transfer(struct half_ctx *ctx)
{
	unsigned char *dst = ctx->priv;
	while (ctx->bytes_done < ctx->size) {
		const void *slot;
		uint64_t len;
		int rc = shm_ring_get_full(ctx->ring, &slot, &len, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "sem_wait(full slot): producer gone", -rc);
		if (len == 0 || len > ctx->size - ctx->bytes_done)
			return half_fail(ctx, "ring: slot length out of range", EPROTO);
		memcpy(dst + ctx->bytes_done, slot, (size_t)len);
		shm_ring_put_empty(ctx->ring);
		ctx->bytes_done += len;
	}
	return 0;
}

static void shm_consumer_release(struct half_ctx *ctx)
{
	if (ctx->priv)
		munmap(ctx->priv, ctx->size);
	ctx->priv = NULL;
}

const struct half_ops consumer_shm = {
	.name = "shm",
	.channel = CHANNEL_SHM,
	.does = "mmap(dst), memcpy() each full slot into it",
	.prepare = shm_consumer_prepare,
	.transfer = shm_consumer_transfer,
	.release = shm_consumer_release,
};
