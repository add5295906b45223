/*
 * producer/uring_zc.c - the sending half of `uring-zc` (issue 23): read the source into
 * --queue-depth registered buffers with IORING_OP_READ_FIXED (several in flight), and send each
 * into the TCP connection with IORING_OP_SEND_ZC from its registered buffer, in order, one send
 * at a time (two sends in flight on one stream could interleave).  A zero-copy send completes
 * twice: once with the bytes it queued, and once more, flagged IORING_CQE_F_NOTIF, when the
 * kernel no longer needs the buffer; a buffer is read into again only after that notification.
 * Every notification is counted (producer_zc_notifs), and so is each the kernel reports as
 * copied after all (producer_zc_copied: on loopback the receiving socket gets a copy).
 *
 * Where the kernel refuses zero-copy on the socket (EOPNOTSUPP: AF_UNIX, or a kernel without
 * it) nothing is sent: the half fails unsupported before its first byte, so `list` says so and
 * a run skips it, never falling back to a copying send.  One CPU copy on this side (the read).
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "base/injected_errno.h"
#include "base/io_util.h"
#include "method/method.h"
#include "transfer/half_helpers.h"
#include "transfer/uring.h"

/* From kernel 6.2's uapi, newer than the liburing headers Debian 12 ships. */
#ifndef IORING_SEND_ZC_REPORT_USAGE
#define IORING_SEND_ZC_REPORT_USAGE (1U << 3)
#endif
#ifndef IORING_NOTIF_USAGE_ZC_COPIED
#define IORING_NOTIF_USAGE_ZC_COPIED (1U << 31)
#endif

#define OP_READ 1ULL
#define OP_SEND 2ULL
#define TAG(op, seq) (((op) << 56) | (uint64_t)(seq))
#define TAG_OP(d) ((d) >> 56)
#define TAG_SEQ(d) ((d) & ((1ULL << 56) - 1))

struct zc_buffer {
	uint64_t len, filled, sent;
	unsigned notifs_due;	/* sends of it whose notification has not come yet */
	int reading;
};

static int uring_zc_transfer(struct half_ctx *ctx)
{
	struct uring_side *u = ctx->priv;
	int refused = injected_errno(URING_ZC_FAIL_ENV);
	if (refused)	/* as the kernel's first send would: before any byte moves */
		return half_fail(ctx, "io_uring send_zc(socket)", refused);
	struct zc_buffer st[URING_MAX_DEPTH];
	memset(st, 0, sizeof(st));
	uint64_t read_seq = 0, read_off = 0, send_seq = 0;
	int sending = 0;
	unsigned due = 0;	/* notifications still to come, all buffers */
	while (ctx->bytes_done < ctx->size || due > 0) {
		/* reads into buffers the kernel has let go of */
		while (read_seq < send_seq + u->depth && read_off < ctx->size) {
			unsigned b = (unsigned)(read_seq % u->depth);
			if (st[b].notifs_due || st[b].reading)
				break;
			struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
			if (!sqe)
				break;
			uint64_t len = io_min_u64(ctx->size - read_off, u->buf_size);
			st[b] = (struct zc_buffer){ len, 0, 0, 0, 1 };
			io_uring_prep_read_fixed(sqe, ctx->file_fd, uring_buf(u, b), (unsigned)len,
						 read_off, 0);
			io_uring_sqe_set_data64(sqe, TAG(OP_READ, read_seq));
			read_seq++;
			read_off += len;
		}
		unsigned sb = (unsigned)(send_seq % u->depth);
		if (!sending && send_seq < read_seq && !st[sb].reading && st[sb].filled == st[sb].len) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
			if (sqe) {
				io_uring_prep_send_zc_fixed(sqe, ctx->chan_fd,
							    uring_buf(u, sb) + st[sb].sent,
							    st[sb].len - st[sb].sent, MSG_WAITALL,
							    IORING_SEND_ZC_REPORT_USAGE, 0);
				io_uring_sqe_set_data64(sqe, TAG(OP_SEND, send_seq));
				sending = 1;
			}
		}
		int rc = uring_enter(ctx, u, 1);
		if (rc < 0)
			return half_fail(ctx, "io_uring_enter", -rc);
		uint64_t d;
		int res;
		unsigned flags;
		while (uring_take_flags(u, &d, &res, &flags)) {
			unsigned b = (unsigned)(TAG_SEQ(d) % u->depth);
			if (TAG_OP(d) == OP_READ) {
				st[b].reading = 0;
				if (res < 0)
					return half_fail(ctx, "io_uring read_fixed(src)", -res);
				if ((uint64_t)res != st[b].len)
					return half_fail(ctx, "read(src): source shrank", EIO);
				st[b].filled = (uint64_t)res;
				continue;
			}
			if (flags & IORING_CQE_F_NOTIF) {	/* the kernel is done with the buffer */
				st[b].notifs_due--;
				due--;
				ctx->zc_notifs++;
				if ((unsigned)res & IORING_NOTIF_USAGE_ZC_COPIED)
					ctx->zc_copied++;
				continue;
			}
			sending = 0;
			if (flags & IORING_CQE_F_MORE) {
				st[b].notifs_due++;
				due++;
			}
			if (res < 0)
				return half_fail(ctx, "io_uring send_zc(socket)", -res);
			st[b].sent += (uint64_t)res;
			if (st[b].sent < st[b].len)
				continue;	/* short: the rest goes next */
			send_seq++;
			if ((rc = half_advance(ctx, st[b].len, "io_uring send_zc(socket)")) < 0)
				return rc;
		}
	}
	return 0;
}

const struct half_ops producer_uring_zc = {
	.name = "uring-zc",
	.channel = CHANNEL_TCP,
	.does = "io_uring read_fixed(src) into registered buffers, send_zc() them into a TCP socket",
	.cpu_copies = 1,
	.syscalls_per_chunk = 1,
	.path = "src page cache -(CPU: io_uring read_fixed)-> registered buffer -(page refs: "
		"io_uring send_zc)-> socket buffer",
	.page_refs = 1,
	.needs_file = "reads the source file with io_uring",
	.uses_uring = 1,
	.usable = uring_zc_probe,
	.prepare = uring_prepare_buffers,
	.transfer = uring_zc_transfer,
	.release = uring_release,
};
