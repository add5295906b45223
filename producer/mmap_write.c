/*
 * producer/mmap_write.c - the sending half of `mmap-write`: write() each chunk straight from a
 * mapping of the source into the pipe.  Compared with read+write this drops the copy into a
 * private buffer: one CPU copy (mapped page cache -> pipe pages) and one system call per chunk,
 * the "mmap + write" row of the classic zero-copy table.
 */
#include <errno.h>

#include "base/io_util.h"
#include "method/method.h"
#include "transfer/half_helpers.h"

static int mmap_write_transfer(struct half_ctx *ctx)
{
	const char *src = ctx->priv;
	while (ctx->bytes_done < ctx->size) {
		size_t n = half_next_chunk(ctx);
		int rc = io_write_all(ctx->chan_fd, src + ctx->bytes_done, n, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, "write(pipe, mmap(src) + off)", -rc);
		if ((rc = half_advance(ctx, n, "write(pipe, mmap(src) + off)")) < 0)
			return rc;
	}
	return 0;
}

const struct half_ops producer_mmap_write = {
	.name = "mmap-write",
	.channel = CHANNEL_PIPE,
	.does = "write(pipe, mmap(src) + off, n): no private buffer",
	.cpu_copies = 1,
	.syscalls_per_chunk = 1,
	.path = "src page cache -(mapped: mmap)-> src mapping -(CPU: write)-> pipe buffer",
	.takes_rest = 1,
	.prepare = half_map_source,
	.needs_file = "writes from a mapping of the source file",
	.transfer = mmap_write_transfer,
	.release = half_unmap,
};
