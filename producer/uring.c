/*
 * producer/uring.c - the sending halves that use io_uring (issue 23).
 *
 * `uring`: read the source into --queue-depth registered buffers with IORING_OP_READ_FIXED,
 * several reads in flight at their own offsets, and write each filled buffer into the pipe with
 * IORING_OP_WRITE_FIXED, in order: the chunks whose reads are in are written in one chain of
 * linked writes (IOSQE_IO_LINK), as many as the pipe holds whole, or a chunk larger than the pipe
 * in pipe-sized pieces (uring_chain_for), so one io_uring_enter submits them all and they land in
 * order (two unlinked writes on one pipe could land either way).  A short write breaks the chain
 * (the kernel cancels the rest); the next chain starts where its bytes stopped.  Two CPU copies
 * per chunk, as pipe's read/write; the system calls are the io_uring_enter calls made, each
 * submitting and reaping several operations.
 *
 * `uring-splice`: the study's splice path, issued as IORING_OP_SPLICE source -> pipe, up to
 * --queue-depth chunks (no more than the pipe holds whole, or a larger chunk in pipe-sized
 * pieces: uring_chain_for) linked (IOSQE_IO_LINK) into one chain per submission, so they run in
 * order and one io_uring_enter moves them all.  A short splice breaks the chain (the kernel
 * cancels the rest); the next chain starts where the bytes stopped (uring_splice_chain in
 * transfer/uring.c, which the consumer shares).  No CPU copy.
 */
#include <errno.h>
#include <string.h>

#include "base/io_util.h"
#include "method/method.h"
#include "transfer/half_helpers.h"
#include "transfer/uring.h"

/* user_data: the operation's kind in the top bits, its chunk's sequence number below. */
#define OP_READ 1ULL
#define OP_WRITE 2ULL
#define TAG(op, seq) (((op) << 56) | (uint64_t)(seq))
#define TAG_OP(d) ((d) >> 56)
#define TAG_SEQ(d) ((d) & ((1ULL << 56) - 1))

struct chunk_state {
	uint64_t len;		/* bytes the read asked for (the chunk) */
	uint64_t filled;	/* bytes the read brought (== len when done) */
	uint64_t written;	/* bytes of it already in the pipe */
};

/* Queue one chain of linked writes: the chunks from write_seq on whose reads are in, in order,
 * each from where its bytes stopped, in operations of at most u->chain.op bytes, at most
 * u->chain.links of them.  Returns how many were queued. */
static unsigned queue_write_chain(struct uring_side *u, struct half_ctx *ctx,
				  struct chunk_state *st, uint64_t write_seq, uint64_t read_seq)
{
	unsigned n = 0;
	struct io_uring_sqe *last = NULL;
	for (uint64_t seq = write_seq; seq < read_seq && n < u->chain.links; seq++) {
		unsigned b = (unsigned)(seq % u->depth);
		if (st[b].filled != st[b].len)
			break;	/* not in yet: the chain stops before it */
		for (uint64_t off = st[b].written; off < st[b].len && n < u->chain.links;) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
			if (!sqe)
				return n;
			unsigned len = (unsigned)io_min_u64(st[b].len - off, u->chain.op);
			io_uring_prep_write_fixed(sqe, ctx->chan_fd, uring_buf(u, b) + off, len, 0, 0);
			io_uring_sqe_set_data64(sqe, TAG(OP_WRITE, seq));
			uring_link(&last, sqe);
			off += len;
			n++;
		}
	}
	return n;
}

static int uring_producer_transfer(struct half_ctx *ctx)
{
	struct uring_side *u = ctx->priv;
	struct chunk_state st[URING_MAX_DEPTH];
	memset(st, 0, sizeof(st));
	uint64_t read_seq = 0, read_off = 0, write_seq = 0;
	unsigned writes_in_flight = 0;
	while (ctx->bytes_done < ctx->size) {
		/* reads into the buffers the next depth chunks use */
		while (read_seq < write_seq + u->depth && read_off < ctx->size) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
			if (!sqe)
				break;
			unsigned b = (unsigned)(read_seq % u->depth);
			uint64_t len = io_min_u64(ctx->size - read_off, u->buf_size);
			st[b] = (struct chunk_state){ len, 0, 0 };
			io_uring_prep_read_fixed(sqe, ctx->file_fd, uring_buf(u, b), (unsigned)len,
						 read_off, 0);
			io_uring_sqe_set_data64(sqe, TAG(OP_READ, read_seq));
			read_seq++;
			read_off += len;
		}
		/* the writes of every chunk that is in, one linked chain at a time: two chains
		 * on one pipe could run side by side and land out of order */
		if (writes_in_flight == 0)
			writes_in_flight = queue_write_chain(u, ctx, st, write_seq, read_seq);
		/* the whole chain (or a read) before this side runs again */
		int rc = uring_enter(ctx, u, writes_in_flight ? writes_in_flight : 1);
		if (rc < 0)
			return half_fail(ctx, "io_uring_enter", -rc);
		uint64_t d;
		int res;
		while (uring_take(u, &d, &res)) {
			unsigned b = (unsigned)(TAG_SEQ(d) % u->depth);
			if (TAG_OP(d) == OP_READ) {
				if (res < 0)
					return half_fail(ctx, "io_uring read_fixed(src)", -res);
				if ((uint64_t)res != st[b].len)	/* page cache reads are whole */
					return half_fail(ctx, "read(src): source shrank", EIO);
				st[b].filled = (uint64_t)res;
				continue;
			}
			writes_in_flight--;
			if (res == -ECANCELED)
				continue;	/* after a short write: the next chain writes it */
			if (res < 0)
				return half_fail(ctx, "io_uring write_fixed(pipe)", -res);
			st[b].written += (uint64_t)res;
			if (st[b].written < st[b].len)
				continue;	/* its next piece, or short: the next chain writes on */
			write_seq++;
			if ((rc = half_advance(ctx, st[b].len, "io_uring write_fixed(pipe)")) < 0)
				return rc;
		}
	}
	return 0;
}

/* --src memory: the source's bytes written into the pipe from where they are, in chains of up
 * to u->chain.links linked writes of a chunk each, or of a pipe's worth where the chunk is
 * larger (no reads, no registered buffers).  A short write breaks the chain; the next starts
 * where the bytes stopped. */
static int uring_memory_transfer(struct half_ctx *ctx)
{
	struct uring_side *u = ctx->priv;
	/* a chunk or a pipe's worth (uring_chain_for); --chunk rest: 1 GiB a write */
	uint64_t chunk = io_min_u64(u->chain.op, 1ULL << 30);
	unsigned writes_in_flight = 0;
	while (ctx->bytes_done < ctx->size) {
		/* one chain at a time: two on one pipe could run side by side */
		struct io_uring_sqe *last = NULL;
		uint64_t pos = ctx->bytes_done;
		while (writes_in_flight == 0 || last) {
			if (pos >= ctx->size || writes_in_flight >= u->chain.links)
				break;
			struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
			if (!sqe)
				break;
			uint64_t len = io_min_u64(chunk, ctx->size - pos);
			io_uring_prep_write(sqe, ctx->chan_fd, ctx->src_mem + pos, (unsigned)len, 0);
			io_uring_sqe_set_data64(sqe, TAG(OP_WRITE, pos));
			uring_link(&last, sqe);
			pos += len;
			writes_in_flight++;
		}
		int rc = uring_enter(ctx, u, writes_in_flight);	/* the whole chain */
		if (rc < 0)
			return half_fail(ctx, "io_uring_enter", -rc);
		uint64_t d;
		int res;
		while (uring_take(u, &d, &res)) {
			writes_in_flight--;
			if (res == -ECANCELED)
				continue;	/* after a short write: the next chain writes it */
			if (res <= 0)
				return half_fail(ctx, "io_uring write(pipe, source)", res ? -res : EPIPE);
			if (TAG_SEQ(d) != ctx->bytes_done)	/* a write ran past a short one */
				return half_fail(ctx, "io_uring write(pipe, source): out of order",
						 EPROTO);
			if ((rc = half_advance(ctx, (uint64_t)res, "io_uring write(pipe, source)")) < 0)
				return rc;
		}
	}
	return 0;
}

static int uring_any_producer_transfer(struct half_ctx *ctx)
{
	return ctx->src_mem ? uring_memory_transfer(ctx) : uring_producer_transfer(ctx);
}

/* A ring, with registered buffers unless the source is in memory (nothing to read into). */
static int uring_any_prepare(struct half_ctx *ctx)
{
	return uring_prepare(ctx, ctx->src_mem == NULL);
}

static int uring_splice_producer_transfer(struct half_ctx *ctx)
{
	return uring_splice_chain(ctx, ctx->file_fd, 1, ctx->chan_fd, 0,
				  "io_uring splice(src -> pipe)");
}

const struct half_ops producer_uring = {
	.name = "uring",
	.channel = CHANNEL_PIPE,
	.does = "io_uring read_fixed(src) into registered buffers, write_fixed() them into the pipe",
	.cpu_copies = 2,
	.syscalls_per_chunk = 1,	/* at most; a call submits and reaps several */
	.path = "src page cache -(CPU: io_uring read_fixed)-> registered buffer -(CPU: io_uring "
		"write_fixed)-> pipe buffer",
	.uses_uring = 1,
	.from_memory = 1,	/* linked io_uring writes from the source itself */
	.usable = uring_probe,
	.prepare = uring_any_prepare,
	.transfer = uring_any_producer_transfer,
	.release = uring_release,
};

const struct half_ops producer_uring_splice = {
	.name = "uring-splice",
	.channel = CHANNEL_PIPE,
	.does = "io_uring splice(src -> pipe), chunks linked per submission (as many as the pipe holds)",
	.cpu_copies = 0,
	.syscalls_per_chunk = 1,	/* at most: one enter per chain */
	.path = "src page cache -(page refs: io_uring splice)-> pipe buffer",
	.page_refs = 1,
	.needs_file = "splices from the source file",
	.uses_uring = 1,
	.usable = uring_probe,
	.prepare = uring_prepare_ring,
	.transfer = uring_splice_producer_transfer,
	.release = uring_release,
};
