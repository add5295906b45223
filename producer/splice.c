/*
 * producer/splice.c - the sending half of `splice`: splice(src -> pipe).
 *
 * Why a pipe: splice(2) moves page references between a file and a pipe and needs a pipe on at
 * least one side; the pipe's buffers then point at the source's page-cache pages, so no CPU copy
 * is made on this side.  SPLICE_F_MOVE is only a hint and has been a no-op since Linux 2.6.21;
 * it is passed for fidelity with the 2014 study.  SPLICE_F_MORE says more data follows.
 */
#include <errno.h>

#include "method/method.h"
#include "transfer/half_helpers.h"

static int splice_producer_transfer(struct half_ctx *ctx)
{
	loff_t off = 0;
	return half_splice_loop(ctx, ctx->file_fd, &off, ctx->chan_fd, NULL,
				SPLICE_F_MOVE | SPLICE_F_MORE, "splice(src -> pipe)", EIO,
				"splice(src -> pipe): source shrank");
}

const struct half_ops producer_splice = {
	.name = "splice",
	.channel = CHANNEL_PIPE,
	.does = "splice(src -> pipe): page references, no CPU copy",
	.cpu_copies = 0,
	.syscalls_per_chunk = 1,
	.path = "src page cache -(page refs: splice)-> pipe buffer",
	.page_refs = 1,
	.takes_rest = 1,
	.needs_file = "splices from the source file",
	.transfer = splice_producer_transfer,
};
