/*
 * producer/vmsplice.c - the sending half of `vmsplice`: map the source and vmsplice() the mapped
 * pages into the pipe.  The pipe then references the source's page-cache pages through the
 * mapping: no CPU copy and one system call per chunk.  (Without SPLICE_F_GIFT the pages are
 * only referenced, never stolen, so the source stays untouched.)
 *
 * `vmsplice-gift` passes SPLICE_F_GIFT: the pages are promised to the kernel, never to be
 * written again (bulkxfer never writes a source), which lets a reader that splices them on
 * move instead of copy where the kernel still can; the fastest pipe benchmarks use it.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/uio.h>

#include "base/io_util.h"
#include "method/method.h"
#include "transfer/half_helpers.h"

static int vmsplice_loop(struct half_ctx *ctx, unsigned flags)
{
	char *src = ctx->priv;
	while (ctx->bytes_done < ctx->size) {
		struct iovec iov = { src + ctx->bytes_done, half_next_chunk(ctx) };
		ssize_t n = vmsplice(ctx->chan_fd, &iov, 1, flags);
		ctx->syscalls++;
		if (n < 0) {
			if (io_retry(errno))
				continue;
			return half_fail(ctx, "vmsplice(pipe, mmap(src) + off)", errno);
		}
		int rc = half_advance(ctx, (uint64_t)n, "vmsplice(pipe, mmap(src) + off)");
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int vmsplice_transfer(struct half_ctx *ctx)
{
	return vmsplice_loop(ctx, 0);
}

static int vmsplice_gift_transfer(struct half_ctx *ctx)
{
	return vmsplice_loop(ctx, SPLICE_F_GIFT);
}

const struct half_ops producer_vmsplice = {
	.name = "vmsplice",
	.channel = CHANNEL_PIPE,
	.does = "vmsplice() the mmap'd source pages into the pipe: no CPU copy",
	.cpu_copies = 0,
	.syscalls_per_chunk = 1,
	.path = "src page cache -(mapped: mmap)-> src mapping -(page refs: vmsplice)-> pipe buffer",
	.page_refs = 1,
	.takes_rest = 1,
	.from_memory = 1,
	.prepare = half_map_source,
	.transfer = vmsplice_transfer,
	.release = half_unmap,
};

const struct half_ops producer_vmsplice_gift = {
	.name = "vmsplice-gift",
	.channel = CHANNEL_PIPE,
	.does = "vmsplice(SPLICE_F_GIFT) the mmap'd source pages into the pipe: no CPU copy",
	.cpu_copies = 0,
	.syscalls_per_chunk = 1,
	.path = "src page cache -(mapped: mmap)-> src mapping -(page refs, gifted: vmsplice)-> "
		"pipe buffer",
	.page_refs = 1,
	.takes_rest = 1,
	.from_memory = 1,
	.prepare = half_map_source,
	.transfer = vmsplice_gift_transfer,
	.release = half_unmap,
};
