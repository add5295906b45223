/*
 * consumer/uring.c - the receiving halves that use io_uring (issue 23).
 *
 * `uring`: read the pipe into one registered buffer at a time with IORING_OP_READ_FIXED (reads
 * of one pipe must run in order), and write each filled buffer to its place in the destination
 * with IORING_OP_WRITE_FIXED: up to --queue-depth - 1 writes in flight at their own offsets
 * beside the next read, one io_uring_enter submitting and reaping them together.  Two CPU
 * copies per chunk, as pipe's read/write.
 *
 * `uring-splice`: IORING_OP_SPLICE pipe -> destination at its offset, --queue-depth chunks
 * linked per submission (uring_splice_chain, transfer/uring.c).  No CPU copy.
 */
#include <errno.h>
#include <string.h>

#include "base/io_util.h"
#include "method/method.h"
#include "transfer/half_helpers.h"
#include "transfer/uring.h"

#define OP_READ 1ULL
#define OP_WRITE 2ULL
#define TAG(op, b) (((op) << 56) | (uint64_t)(b))
#define TAG_OP(d) ((d) >> 56)
#define TAG_BUF(d) ((unsigned)((d) & 0xffffffffULL))

struct buffer_state {
	int busy;		/* a read or a write uses it */
	uint64_t off;		/* where its bytes go in the destination */
	uint64_t len;		/* how many it holds */
	uint64_t written;	/* of them, already written */
};

static int queue_write(struct uring_side *u, struct half_ctx *ctx, struct buffer_state *b,
		       unsigned i)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
	if (!sqe)
		return half_fail(ctx, "io_uring_get_sqe", EBUSY);
	io_uring_prep_write_fixed(sqe, ctx->file_fd, uring_buf(u, i) + b->written,
				  (unsigned)(b->len - b->written), b->off + b->written, (int)i);
	io_uring_sqe_set_data64(sqe, TAG(OP_WRITE, i));
	return 0;
}

static int uring_consumer_transfer(struct half_ctx *ctx)
{
	struct uring_side *u = ctx->priv;
	struct buffer_state st[URING_MAX_DEPTH];
	memset(st, 0, sizeof(st));
	uint64_t received = 0;	/* bytes read from the pipe (the next one's offset) */
	int reading = 0;
	unsigned in_flight = 0;
	while (ctx->bytes_done < ctx->size) {
		if (!reading && received < ctx->size) {
			unsigned i = 0;
			while (i < u->depth && st[i].busy)
				i++;
			if (i < u->depth) {
				struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
				if (!sqe)
					return half_fail(ctx, "io_uring_get_sqe", EBUSY);
				uint64_t len = io_min_u64(ctx->size - received, u->buf_size);
				st[i] = (struct buffer_state){ 1, received, 0, 0 };
				io_uring_prep_read_fixed(sqe, ctx->chan_fd, uring_buf(u, i),
							 (unsigned)len, 0, (int)i);
				io_uring_sqe_set_data64(sqe, TAG(OP_READ, i));
				reading = 1;
				in_flight++;
			}
		}
		int rc = uring_enter(ctx, u, 1);
		if (rc < 0)
			return half_fail(ctx, "io_uring_enter", -rc);
		struct io_uring_cqe *cqe;
		while (io_uring_peek_cqe(&u->ring, &cqe) == 0) {
			uint64_t d = io_uring_cqe_get_data64(cqe);
			int res = cqe->res;
			io_uring_cqe_seen(&u->ring, cqe);
			unsigned i = TAG_BUF(d);
			if (TAG_OP(d) == OP_READ) {
				reading = 0;
				if (res < 0)
					return half_fail(ctx, "io_uring read_fixed(pipe)", -res);
				if (res == 0)
					return half_fail(ctx, "read(pipe): producer hung up early", EPIPE);
				st[i].len = (uint64_t)res;
				received += (uint64_t)res;
				if ((rc = queue_write(u, ctx, &st[i], i)) < 0)
					return rc;
				continue;
			}
			if (res < 0)
				return half_fail(ctx, "io_uring write_fixed(dst)", -res);
			st[i].written += (uint64_t)res;
			if (st[i].written < st[i].len) {	/* short: write the rest */
				if ((rc = queue_write(u, ctx, &st[i], i)) < 0)
					return rc;
				continue;
			}
			st[i].busy = 0;
			in_flight--;
			if ((rc = half_advance(ctx, st[i].len, "io_uring write_fixed(dst)")) < 0)
				return rc;
		}
	}
	(void)in_flight;
	return 0;
}

static int uring_splice_consumer_transfer(struct half_ctx *ctx)
{
	return uring_splice_chain(ctx, ctx->chan_fd, 0, ctx->file_fd, 1,
				  "io_uring splice(pipe -> dst)");
}

const struct half_ops consumer_uring = {
	.name = "uring",
	.channel = CHANNEL_PIPE,
	.does = "io_uring read_fixed(pipe) into registered buffers, write_fixed() them to dst",
	.cpu_copies = 2,
	.syscalls_per_chunk = 1,
	.path = "pipe buffer -(CPU: io_uring read_fixed)-> registered buffer -(CPU: io_uring "
		"write_fixed)-> dst page cache",
	.uses_uring = 1,
	.usable = uring_probe,
	.prepare = uring_prepare_buffers,
	.transfer = uring_consumer_transfer,
	.release = uring_release,
};

const struct half_ops consumer_uring_splice = {
	.name = "uring-splice",
	.channel = CHANNEL_PIPE,
	.does = "io_uring splice(pipe -> dst), --queue-depth chunks linked per submission",
	/* The same splice into a regular file as consumer_splice: iter_file_splice_write copies
	 * the pipe's pages into the page cache (seen in its profile, in the io-wq worker). */
	.cpu_copies = 1,
	.syscalls_per_chunk = 1,
	.path = "pipe buffer -(CPU, in kernel: io_uring splice)-> dst page cache",
	.uses_uring = 1,
	.usable = uring_probe,
	.prepare = uring_prepare_ring,
	.transfer = uring_splice_consumer_transfer,
	.release = uring_release,
};
