/*
 * uring.h - what the io_uring halves share (issue 23): a ring per side, --queue-depth buffers
 * of --chunk bytes registered with it (fixed buffers: pinned once, outside the timed loop), and
 * a submit-and-wait that counts the io_uring_enter calls it really makes, which is what those
 * halves report as their system calls.
 *
 * Why liburing (Debian's liburing-dev): the ring's memory layout, barriers and opcodes are the
 * kernel's ABI, which liburing keeps in step with each kernel; doing it by hand would be a few
 * hundred lines of exactly the code liburing's maintainers (the io_uring authors) already keep.
 */
#ifndef BX_URING_H
#define BX_URING_H

#include <liburing.h>
#include <stddef.h>
#include <stdint.h>

#include "method/half.h"

/* The default queue depth (uring_queue_depth): 8 chunks, fewer where they would hold more than
 * URING_DEFAULT_BUFFERS bytes, at least 2. */
#define URING_DEFAULT_DEPTH 8
#define URING_DEFAULT_BUFFERS (2ULL << 20)
/* Testing aids (injected_errno): the refusal io_uring_queue_init gives, and the one a
 * zero-copy send gives, as a sysctl, a seccomp filter or an old kernel would. */
#define URING_FAIL_ENV "BULKXFER_URING_FAIL"
#define URING_ZC_FAIL_ENV "BULKXFER_URING_ZC_FAIL"
#define URING_MAX_DEPTH 256
/* The most operations one chain holds where a chunk is cut into pipe-sized pieces. */
#define URING_MAX_CHAIN 64

/* How one linked chain of reads or writes on fd is cut: op, the most bytes one operation asks
 * for, and links, the most operations one chain holds. */
struct uring_chain {
	uint64_t op;
	unsigned links;
};

struct uring_side {
	struct io_uring ring;
	int ring_ok;		/* io_uring_queue_init succeeded */
	unsigned char *bufs;	/* depth buffers of buf_size bytes side by side in a mapping of
				 * their own, registered as one (buffer index 0) when registered */
	size_t buf_size;
	unsigned depth;
	struct uring_chain chain;	/* how a linked chain on the channel is cut:
					 * uring_chain_for */
	int registered;
};

/* The cut for chunks of chunk bytes on fd, the ring's buffers depth chunks.  io_uring reads and
 * writes a pipe without blocking: an operation that finds the pipe full (or empty) waits for it
 * inside the kernel and is tried again, but one that asks for more than the pipe holds comes
 * back short, and a short one fails its link (the kernel cancels every operation linked after
 * it).  So:
 *  - a chunk the pipe holds: an operation is a chunk, and a chain holds as many chunks as the
 *    pipe holds whole, at least 1 and at most depth;
 *  - a chunk larger than the pipe: an operation is a pipe's worth, and a chain is the chunk's
 *    operations, one after another (at most URING_MAX_CHAIN), so one io_uring_enter moves the
 *    chunk as one write() or read() does, waiting inside the kernel between its pieces;
 *  - not a pipe: an operation is a chunk, a chain depth of them. */
struct uring_chain uring_chain_for(int fd, uint64_t chunk, unsigned depth);

/* The queue depth a side uses for chunks of chunk bytes: asked (--queue-depth) where it is not
 * 0; else URING_DEFAULT_DEPTH, or as many chunks as fit in URING_DEFAULT_BUFFERS where that is
 * fewer, at least 2 (a read in flight while a chunk is written).  The ring, the side's context
 * and the row all take it from here, so the depth recorded is the depth used.  Why the default
 * falls with the chunk: a side's registered buffers are depth chunks, where read() and write()
 * reuse one; at 1 MiB chunks a depth of 8 gave the file sender 8 MiB of buffers to cycle
 * through, and it spent more CPU per GiB than at depth 2 (doc/details.md).  Smaller chunks keep
 * 8: a chain holds no more operations than the depth. */
unsigned uring_queue_depth(uint64_t asked, uint64_t chunk);

/* prepare: a ring with room for depth reads beside a whole chain; depth buffers of ctx->chunk
 * bytes, side by side and registered as one (index 0; none when with_buffers is 0); and the
 * chain's cut uring_chain_for gives for the channel; into a uring_side in ctx->priv.  The depth
 * is uring_queue_depth's for ctx->queue_depth.  A kernel or sandbox that refuses io_uring
 * fails with its errno (ENOSYS, EPERM: the harness skips the method) and a failed_call that
 * says why (kernel.io_uring_disabled's value where it is set). */
int uring_prepare(struct half_ctx *ctx, int with_buffers);

/* prepare for the halves: a ring with registered buffers (read/write, send_zc), or a ring
 * alone (splice). */
int uring_prepare_buffers(struct half_ctx *ctx);
int uring_prepare_ring(struct half_ctx *ctx);

/* release for uring_prepare (copes with a failed one): waits for nothing, the kernel cancels
 * what is still in flight when the ring is closed. */
void uring_release(struct half_ctx *ctx);

/* Submit what is queued and wait for at least wait_nr completions: one io_uring_enter, counted
 * in ctx->syscalls (none when nothing is queued and a completion is already there).  Returns
 * 0 or -errno. */
int uring_enter(struct half_ctx *ctx, struct uring_side *u, unsigned wait_nr);

/* The splice path of the `uring-splice` halves, either side: chains of up to u->chain.links
 * chunks (pipe-sized pieces where the chunk is larger than the pipe) of
 * IORING_OP_SPLICE from in_fd to out_fd, linked (IOSQE_IO_LINK) so they run in order and one
 * io_uring_enter moves them all, until ctx->size bytes have moved.  A file end is read or
 * written at the chunk's offset, a pipe end at its own position.  A short splice breaks the
 * chain (the kernel cancels the rest; the next chain starts where the bytes stopped).  Returns
 * 0, or the half's failure with `call` named. */
int uring_splice_chain(struct half_ctx *ctx, int in_fd, int in_is_file, int out_fd,
		       int out_is_file, const char *call);

/* Take the next completion already in the ring: its user data into *tag, its result into *res,
 * its flags into *flags (when not NULL: a zero-copy send's notification and "more" bits).
 * 1 when there was one (it is marked seen), 0 when none is waiting. */
static inline int uring_take_flags(struct uring_side *u, uint64_t *tag, int *res,
				   unsigned *flags)
{
	struct io_uring_cqe *cqe;
	if (io_uring_peek_cqe(&u->ring, &cqe) != 0)
		return 0;
	*tag = io_uring_cqe_get_data64(cqe);
	*res = cqe->res;
	if (flags)
		*flags = cqe->flags;
	io_uring_cqe_seen(&u->ring, cqe);
	return 1;
}

/* uring_take_flags without the flags. */
static inline int uring_take(struct uring_side *u, uint64_t *tag, int *res)
{
	return uring_take_flags(u, tag, res, NULL);
}

/* Add sqe to a chain whose last operation so far is *last (NULL: sqe starts the chain): the
 * one before is linked to it (IOSQE_IO_LINK), so the kernel starts sqe only when that one
 * completed whole, and cancels it when that one came back short.  *last becomes sqe. */
static inline void uring_link(struct io_uring_sqe **last, struct io_uring_sqe *sqe)
{
	if (*last)
		(*last)->flags |= IOSQE_IO_LINK;
	*last = sqe;
}

/* Buffer i's first byte. */
static inline unsigned char *uring_buf(struct uring_side *u, unsigned i)
{
	return u->bufs + (size_t)i * u->buf_size;
}

/* Whether a zero-copy send (IORING_OP_SEND_ZC) works on a loopback TCP socket here: io_uring
 * usable, and one byte sent and received that way.  Returns 0, or -errno with why (e.g. the
 * kernel refusing zero-copy: EOPNOTSUPP / EINVAL). */
int uring_zc_probe(char *why, size_t len);

/* Why io_uring cannot be used here, into why (""when it can): probed once with a ring of one
 * entry.  Returns 0 when usable, else -errno. */
int uring_probe(char *why, size_t len);

#endif
