/*
 * producer/shm.c - the sending half of `shm`: mmap() the source and memcpy() each chunk from the
 * mapping into the next empty slot of the shared-memory ring.  One CPU copy per chunk on this
 * side; no system call at all unless the ring is full and the producer has to sleep.
 *
 * Mapping the source means its page faults land inside the timed loop: they are part of what
 * mmap costs, and they show up in the minflt column.
 */
#include "channel_shm.h"
#include "half.h"
#include "methods.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

static int shm_producer_prepare(struct half_ctx *ctx)
{
	ctx->priv = NULL;
	if (ctx->size == 0)
		return 0;	/* mmap() of length 0 is EINVAL, and there is nothing to map */
	void *map = mmap(NULL, ctx->size, PROT_READ, MAP_SHARED, ctx->file_fd, 0);
	if (map == MAP_FAILED)
		return half_fail(ctx, "mmap(src)", errno);
	ctx->priv = map;
	return 0;
}

static int shm_producer_transfer(struct half_ctx *ctx)
{
	const unsigned char *src = ctx->priv;
	while (ctx->bytes_done < ctx->size) {
		void *slot;
		int rc = shm_ring_get_empty(ctx->ring, &slot, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "sem_wait(empty slot): consumer gone", -rc);
		size_t n = ctx->chunk;
		if (ctx->size - ctx->bytes_done < n)
			n = (size_t)(ctx->size - ctx->bytes_done);
		memcpy(slot, src + ctx->bytes_done, n);
		shm_ring_put_full(ctx->ring, n);
		ctx->bytes_done += n;
	}
	return 0;
}

static void shm_producer_release(struct half_ctx *ctx)
{
	if (ctx->priv)
		munmap(ctx->priv, ctx->size);
	ctx->priv = NULL;
}

const struct half_ops producer_shm = {
	.name = "shm",
	.channel = CHANNEL_SHM,
	.does = "mmap(src), memcpy() each chunk into a shared-memory slot",
	.prepare = shm_producer_prepare,
	.transfer = shm_producer_transfer,
	.release = shm_producer_release,
};
