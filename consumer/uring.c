/*
 * consumer/uring.c - the receiving halves that use io_uring (issue 23).
 *
 * `uring`: read the pipe with IORING_OP_READ_FIXED into the registered buffers, used as one ring
 * of --queue-depth x --chunk bytes: the bytes land one after another, and reads of a chunk each
 * go in one chain of linked reads (IOSQE_IO_LINK: they run in order; a short read breaks the
 * chain and the next starts where it stopped), as many as the pipe holds whole chunks, or a chunk
 * larger than the pipe in pipe-sized pieces (uring_chain_for).  Once a span's worth is in
 * (SPAN_BYTES, between a chunk and half the ring) and no write is in flight, one
 * IORING_OP_WRITE_FIXED writes all the received bytes to their place in the destination, while
 * the reads go on into the rest of the ring.  Why spans, not a write per read: a pipe read often
 * brings less than a chunk, and a file system without non-blocking buffered writes (ext4) has
 * io_uring hand every write to a worker thread, a wake-up and a switch each; a span pays that
 * once for all the reads it holds.  Two CPU copies per byte, as pipe's read/write.
 *
 * `uring-splice`: IORING_OP_SPLICE pipe -> destination at its offset, up to --queue-depth
 * chunks (no more than the pipe holds whole, or a larger chunk in pipe-sized pieces) linked per
 * submission (uring_splice_chain, transfer/uring.c).  No CPU copy.
 */
#include <errno.h>
#include <string.h>

#include "base/io_util.h"
#include "consumer/sink.h"
#include "method/method.h"
#include "transfer/half_helpers.h"
#include "transfer/uring.h"

/* The bytes the receiver lets pile up before one write takes them: SPAN_BYTES, but never less
 * than a chunk and never more than half its ring (at depth 1 the ring is a chunk, so a span is
 * the whole ring).  Measured on ext4, 256 MiB runs, receiver CPU: at 64K chunks, 256 KiB spans
 * took less than chunk-sized ones (io-wq's hand-off paid once per 256 KiB); at 1M chunks in a
 * 1 MiB pipe, half-ring (4 MiB) spans took more than chunk-sized ones (not profiled). */
#define SPAN_BYTES (256 * 1024ULL)

#define OP_READ 1ULL
#define OP_WRITE 2ULL
#define TAG(op, pos) (((op) << 56) | (uint64_t)(pos))
#define TAG_OP(d) ((d) >> 56)
#define TAG_POS(d) ((d) & ((1ULL << 56) - 1))

/* Where byte pos of the transfer sits in the area (the registered buffers used as a ring). */
static unsigned char *area_at(struct uring_side *u, uint64_t pos)
{
	return u->bufs + pos % (u->buf_size * u->depth);
}

/* Where the reads of a chain land: byte pos of the transfer at base + pos % wrap (wrap 0: at
 * base + pos), never past byte end, no read across a multiple of wrap; fixed: base is in the
 * registered buffer (index 0). */
struct landing {
	unsigned char *base;
	uint64_t end, wrap;
	int fixed;
};

/* Queue one chain of linked pipe reads from byte received on: up to u->chain.links reads of a
 * chunk each (a pipe's worth where the chunk is larger), each where the one before would end
 * if it were whole.  A short read breaks the chain (the kernel cancels the rest), so no read
 * lands past a gap.  Returns how many were queued (0: no room). */
static unsigned queue_read_chain(struct uring_side *u, struct half_ctx *ctx, uint64_t received,
				 const struct landing *at)
{
	/* a chunk or a pipe's worth, at most 1 GiB a read (the unsigned length io_uring takes) */
	uint64_t chunk = io_min_u64(u->chain.op, 1ULL << 30);
	uint64_t pos = received, end = io_min_u64(at->end, ctx->size);
	unsigned n = 0;
	struct io_uring_sqe *last = NULL;
	while (n < u->chain.links && pos < end) {
		uint64_t len = io_min_u64(chunk, end - pos);
		if (at->wrap)
			len = io_min_u64(len, at->wrap - pos % at->wrap);	/* no read wraps */
		unsigned char *to = at->base + (at->wrap ? pos % at->wrap : pos);
		struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
		if (!sqe)
			break;
		if (at->fixed)
			io_uring_prep_read_fixed(sqe, ctx->chan_fd, to, (unsigned)len, 0, 0);
		else
			io_uring_prep_read(sqe, ctx->chan_fd, to, (unsigned)len, 0);
		io_uring_sqe_set_data64(sqe, TAG(OP_READ, pos));
		uring_link(&last, sqe);
		pos += len;
		n++;
	}
	return n;
}

/* A read's completion, in the chain's order: the bytes it brought (> 0), 0 for one the kernel
 * cancelled after a short one, or the half's failure. */
static int read_done(struct half_ctx *ctx, uint64_t tag, int res, uint64_t received)
{
	if (res == -ECANCELED)
		return 0;	/* after a short read: the next chain reads on */
	if (res < 0)
		return half_fail(ctx, "io_uring read(pipe)", -res);
	if (res == 0)
		return half_fail(ctx, "read(pipe): producer hung up early", EPIPE);
	if (TAG_POS(tag) != received)	/* a read ran past a short one */
		return half_fail(ctx, "io_uring read(pipe): out of order", EPROTO);
	return res;
}

/* Queue the write of the received, unwritten bytes from ctx->bytes_done on, up to the area's
 * end (a span that wraps goes in two writes).  Returns the bytes it writes. */
static uint64_t queue_write(struct uring_side *u, struct half_ctx *ctx, uint64_t received)
{
	uint64_t area = u->buf_size * u->depth, pos = ctx->bytes_done;
	uint64_t len = io_min_u64(received - pos, area - pos % area);
	struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
	if (!sqe)
		return 0;	/* the next turn queues it */
	io_uring_prep_write_fixed(sqe, ctx->file_fd, area_at(u, pos), (unsigned)len, pos, 0);
	io_uring_sqe_set_data64(sqe, TAG(OP_WRITE, pos));
	return len;
}

static int uring_consumer_transfer(struct half_ctx *ctx)
{
	struct uring_side *u = ctx->priv;
	uint64_t area = u->buf_size * u->depth;
	uint64_t span_min = io_max_u64(u->buf_size, io_min_u64(area / 2, SPAN_BYTES));
	uint64_t received = 0;	/* bytes read from the pipe: the next read's offset in dst */
	uint64_t writing = 0;	/* bytes the write in flight writes (0: none) */
	unsigned reads_in_flight = 0;
	while (ctx->bytes_done < ctx->size) {
		if (reads_in_flight == 0 && received < ctx->size) {
			/* the room: every byte already written to dst is free again */
			struct landing at = { u->bufs, ctx->bytes_done + area, area, 1 };
			reads_in_flight = queue_read_chain(u, ctx, received, &at);
		}
		/* a span held, or the last bytes in: one write takes them all, while the reads
		 * go on into the rest of the ring */
		uint64_t held = received - ctx->bytes_done;
		if (writing == 0 && held > 0 && (held >= span_min || received == ctx->size))
			writing = queue_write(u, ctx, received);
		/* the whole chain of reads (or the write) before this side runs again */
		int rc = uring_enter(ctx, u, reads_in_flight ? reads_in_flight : 1);
		if (rc < 0)
			return half_fail(ctx, "io_uring_enter", -rc);
		uint64_t d;
		int res;
		while (uring_take(u, &d, &res)) {
			if (TAG_OP(d) == OP_READ) {
				reads_in_flight--;
				if ((rc = read_done(ctx, d, res, received)) < 0)
					return rc;
				received += (uint64_t)rc;
				continue;
			}
			writing = 0;
			if (res < 0)
				return half_fail(ctx, "io_uring write_fixed(dst)", -res);
			if (res == 0)
				return half_fail(ctx, "io_uring write_fixed(dst)", EIO);
			/* a short write: the next turn writes the rest */
			if ((rc = half_advance(ctx, (uint64_t)res, "io_uring write_fixed(dst)")) < 0)
				return rc;
		}
	}
	return 0;
}

/* --dst memory: the pipe's bytes read straight to their place in the kept destination, in
 * chains of linked reads as above (no ring, no write). */
static int uring_keep_transfer(struct half_ctx *ctx)
{
	struct uring_side *u = ctx->priv;
	unsigned reads_in_flight = 0;
	while (ctx->bytes_done < ctx->size) {
		if (reads_in_flight == 0) {
			/* kept is const to the harness, which only hashes it; it is ours */
			struct landing at = { (unsigned char *)ctx->kept, ctx->size, 0, 0 };
			reads_in_flight = queue_read_chain(u, ctx, ctx->bytes_done, &at);
		}
		int rc = uring_enter(ctx, u, reads_in_flight);	/* the whole chain */
		if (rc < 0)
			return half_fail(ctx, "io_uring_enter", -rc);
		uint64_t d;
		int res;
		while (uring_take(u, &d, &res)) {
			reads_in_flight--;
			if ((rc = read_done(ctx, d, res, ctx->bytes_done)) < 0)
				return rc;
			if (rc > 0 && (rc = half_advance(ctx, (uint64_t)rc,
							 "io_uring read(pipe) into the destination")) < 0)
				return rc;
		}
	}
	return 0;
}

/* The kept destination (sink_keep_prepare), then a ring without buffers: ctx->priv is the
 * ring's, ctx->kept the destination. */
static int uring_keep_prepare(struct half_ctx *ctx)
{
	int rc = sink_keep_prepare(ctx);
	return rc < 0 ? rc : uring_prepare_ring(ctx);
}

static void uring_keep_release(struct half_ctx *ctx)
{
	uring_release(ctx);
	ctx->priv = (void *)ctx->kept;	/* what sink_keep_release unmaps */
	sink_keep_release(ctx);
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
	.does = "io_uring splice(pipe -> dst), chunks linked per submission (as many as the pipe holds)",
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

/* --dst memory for the io_uring methods (sink_half_for picks it): the pipe read with io_uring
 * into a destination the size of the transfer, which it keeps. */
const struct half_ops sink_keep_uring = {
	.name = "sink-keep",
	.channel = CHANNEL_PIPE,
	.does = "io_uring read() the pipe, chains of linked reads, into a destination the size of "
		"the transfer, and keep it",
	.cpu_copies = 1,
	.keeps_in_memory = 1,
	.syscalls_per_chunk = 1,	/* at most: one enter per chain */
	.path = "pipe buffer -(CPU: io_uring read)-> destination in memory",
	.uses_uring = 1,
	.usable = uring_probe,
	.prepare = uring_keep_prepare,
	.transfer = uring_keep_transfer,
	.release = uring_keep_release,
};
