/*
 * uring.c - rings, fixed buffers and counted enters for the io_uring halves (see uring.h).
 */
#include "transfer/uring.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/injected_errno.h"
#include "base/io_util.h"
#include "transfer/half_helpers.h"

/* "io_uring_queue_init (kernel.io_uring_disabled = 2)" or the bare call, into buf. */
static const char *refusal(char *buf, size_t len)
{
	FILE *f = fopen("/proc/sys/kernel/io_uring_disabled", "r");
	int v = -1;
	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	if (v > 0)
		snprintf(buf, len, "io_uring_queue_init (kernel.io_uring_disabled = %d)", v);
	else
		snprintf(buf, len, "io_uring_queue_init");
	return buf;
}

/* io_uring_queue_init, or the refusal injected with URING_FAIL_ENV.  The ring is asked to run
 * its completions' task work only when this task waits for them (DEFER_TASKRUN, with the
 * SINGLE_ISSUER it needs: each side's ring is made and used by that side's one thread, after
 * the fork).  Without it, every pipe write or read that had to wait for room or data is
 * finished by task work that interrupts the side wherever it is: a wake-up and a switch per
 * chunk.  A kernel older than 6.1 refuses the flags (EINVAL); the ring is then made without. */
static int queue_init(unsigned entries, struct io_uring *ring)
{
	int injected = injected_errno(URING_FAIL_ENV);
	if (injected)
		return -injected;
	struct io_uring_params params = {
		.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN,
	};
	int rc = io_uring_queue_init_params(entries, ring, &params);
	return rc == -EINVAL ? io_uring_queue_init(entries, ring, 0) : rc;
}

int uring_probe(char *why, size_t len)
{
	struct io_uring ring;
	int rc = queue_init(1, &ring);
	if (rc < 0) {
		char call[96];
		snprintf(why, len, "%s: %s", refusal(call, sizeof(call)), strerror(-rc));
		return rc;
	}
	io_uring_queue_exit(&ring);
	why[0] = '\0';
	return 0;
}

unsigned uring_queue_depth(uint64_t asked, uint64_t chunk)
{
	if (asked)
		return (unsigned)asked;
	uint64_t fit = chunk ? URING_DEFAULT_BUFFERS / chunk : URING_DEFAULT_DEPTH;
	return fit >= URING_DEFAULT_DEPTH ? URING_DEFAULT_DEPTH : fit < 2 ? 2 : (unsigned)fit;
}

struct uring_chain uring_chain_for(int fd, uint64_t chunk, unsigned depth)
{
	int capacity = fcntl(fd, F_GETPIPE_SZ);
	if (capacity <= 0 || chunk == 0)
		return (struct uring_chain){ chunk, depth };	/* not a pipe: nothing caps it */
	uint64_t cap = (uint64_t)capacity;
	if (chunk > cap) {
		uint64_t pieces = (chunk + cap - 1) / cap;
		return (struct uring_chain){ cap, pieces > URING_MAX_CHAIN ? URING_MAX_CHAIN
									   : (unsigned)pieces };
	}
	uint64_t whole = cap / chunk;
	return (struct uring_chain){ chunk, whole > depth ? depth : (unsigned)whole };
}

int uring_prepare(struct half_ctx *ctx, int with_buffers)
{
	static char call[96];	/* failed_call must outlive prepare */
	struct uring_side *u = calloc(1, sizeof(*u));
	ctx->priv = u;
	if (!u)
		return half_fail(ctx, "calloc(uring)", ENOMEM);
	u->depth = uring_queue_depth(ctx->queue_depth, ctx->chunk);
	u->chain = uring_chain_for(ctx->chan_fd, ctx->chunk, u->depth);
	/* room for depth reads in flight beside a whole chain */
	int rc = queue_init(u->depth + (u->chain.links > u->depth ? u->chain.links : u->depth),
			    &u->ring);
	if (rc < 0)
		return half_fail(ctx, refusal(call, sizeof(call)), -rc);
	u->ring_ok = 1;
	if (!with_buffers)
		return 0;
	u->buf_size = ctx->chunk;
	/* a mapping of their own, not the heap: a read the kernel still has in flight into the
	 * pinned pages when a failed transfer closes the ring must not land in memory malloc has
	 * handed out again (unmapped, the pinned pages stay the kernel's until it lets go) */
	void *bufs = mmap(NULL, u->buf_size * u->depth, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (bufs == MAP_FAILED)
		return half_fail(ctx, "mmap(io_uring buffers)", errno);
	u->bufs = bufs;
	memset(u->bufs, 0, u->buf_size * u->depth);	/* faulted in before the clock */
	ctx->copy_buffer = u->bufs;	/* recorded: registered buffers stay page-aligned */
	/* one registered buffer over all of them (index 0): an operation may then cover
	 * neighbouring buffers at once, as the consumer's batched writes do */
	struct iovec iov = { .iov_base = u->bufs, .iov_len = u->buf_size * u->depth };
	rc = io_uring_register_buffers(&u->ring, &iov, 1);
	if (rc < 0)
		return half_fail(ctx, "io_uring_register_buffers", -rc);
	u->registered = 1;
	return 0;
}

int uring_prepare_buffers(struct half_ctx *ctx)
{
	return uring_prepare(ctx, 1);
}

int uring_prepare_ring(struct half_ctx *ctx)
{
	return uring_prepare(ctx, 0);
}

void uring_release(struct half_ctx *ctx)
{
	struct uring_side *u = ctx->priv;
	if (!u)
		return;
	if (u->ring_ok)
		io_uring_queue_exit(&u->ring);	/* unregisters the buffers, cancels the rest */
	if (u->bufs)
		munmap(u->bufs, u->buf_size * u->depth);
	free(u);
	ctx->priv = NULL;
}

int uring_enter(struct half_ctx *ctx, struct uring_side *u, unsigned wait_nr)
{
	struct io_uring_cqe *cqe;
	if (io_uring_sq_ready(&u->ring) == 0 && wait_nr <= 1 &&
	    io_uring_peek_cqe(&u->ring, &cqe) == 0)
		return 0;	/* a completion is there and nothing to submit: no call */
	int rc;
	do {
		ctx->syscalls++;
		rc = io_uring_submit_and_wait(&u->ring, wait_nr);
	} while (rc == -EINTR);
	return rc < 0 ? rc : 0;
}

int uring_splice_chain(struct half_ctx *ctx, int in_fd, int in_is_file, int out_fd,
		       int out_is_file, const char *call)
{
	struct uring_side *u = ctx->priv;
	while (ctx->bytes_done < ctx->size) {
		uint64_t off = ctx->bytes_done;
		unsigned n = 0;
		struct io_uring_sqe *last = NULL;
		while (n < u->chain.links && off < ctx->size) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
			if (!sqe)
				break;
			uint64_t len = io_min_u64(io_min_u64(half_next_chunk(ctx), u->chain.op),
						  ctx->size - off);
			io_uring_prep_splice(sqe, in_fd, in_is_file ? (int64_t)off : -1, out_fd,
					     out_is_file ? (int64_t)off : -1, (unsigned)len,
					     SPLICE_F_MOVE);
			io_uring_sqe_set_data64(sqe, len);
			uring_link(&last, sqe);
			off += len;
			n++;
		}
		int rc = uring_enter(ctx, u, n);
		if (rc < 0)
			return half_fail(ctx, "io_uring_enter", -rc);
		for (unsigned seen = 0; seen < n;) {
			uint64_t tag;
			int res;
			if (!uring_take(u, &tag, &res)) {
				if ((rc = uring_enter(ctx, u, 1)) < 0)
					return half_fail(ctx, "io_uring_enter", -rc);
				continue;
			}
			seen++;
			if (res == -ECANCELED)
				continue;	/* after a short one: the next chain redoes it */
			if (res < 0)
				return half_fail(ctx, call, -res);
			if (res == 0)
				return half_fail(ctx, call, in_is_file ? EIO : EPIPE);
			if ((rc = half_advance(ctx, (uint64_t)res, call)) < 0)
				return rc;
		}
	}
	return 0;
}

/* A connected pair of loopback TCP sockets in fds; 0 or -errno. */
static int tcp_pair(int fds[2])
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	fds[0] = fds[1] = -1;
	if (l < 0)
		return -errno;
	int rc = 0;
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(l, 1) < 0 ||
	    getsockname(l, (struct sockaddr *)&a, &alen) < 0)
		rc = -errno;
	if (rc == 0 && ((fds[0] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
			connect(fds[0], (struct sockaddr *)&a, sizeof(a)) < 0))
		rc = -errno;
	if (rc == 0 && (fds[1] = accept4(l, NULL, NULL, SOCK_CLOEXEC)) < 0)
		rc = -errno;
	close(l);
	if (rc < 0) {
		if (fds[0] >= 0)
			close(fds[0]);
		fds[0] = fds[1] = -1;
	}
	return rc;
}

int uring_zc_probe(char *why, size_t len)
{
	int rc = uring_probe(why, len);
	if (rc < 0)
		return rc;
	int injected = injected_errno(URING_ZC_FAIL_ENV);
	if (injected) {
		snprintf(why, len, "the kernel refuses io_uring zero-copy sends on TCP sockets "
			 "(IORING_OP_SEND_ZC: %s)", strerror(injected));
		return -injected;
	}
	int fds[2];
	if ((rc = tcp_pair(fds)) < 0) {
		snprintf(why, len, "a loopback TCP connection: %s", strerror(-rc));
		return rc;
	}
	struct io_uring ring;
	if ((rc = io_uring_queue_init(4, &ring, 0)) < 0) {
		snprintf(why, len, "io_uring_queue_init: %s", strerror(-rc));
		close(fds[0]), close(fds[1]);
		return rc;
	}
	static const char byte = 'z';
	struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
	io_uring_prep_send_zc(sqe, fds[0], &byte, 1, 0, 0);
	int res = 0, seen = 0, more = 1;
	while (more && rc >= 0) {	/* the send's completion, then its notification */
		struct io_uring_cqe *cqe;
		rc = io_uring_submit_and_wait(&ring, 1);
		if (rc >= 0 && (rc = io_uring_wait_cqe(&ring, &cqe)) == 0) {
			if (!(cqe->flags & IORING_CQE_F_NOTIF)) {
				res = cqe->res;
				more = (cqe->flags & IORING_CQE_F_MORE) != 0;
			} else {
				more = 0;
			}
			seen++;
			io_uring_cqe_seen(&ring, cqe);
		}
	}
	io_uring_queue_exit(&ring);
	char got;
	if (rc >= 0 && res == 1 && recv(fds[1], &got, 1, 0) != 1)
		res = -EIO;
	close(fds[0]), close(fds[1]);
	if (rc < 0 || res < 0) {
		int e = rc < 0 ? rc : res;
		snprintf(why, len, "the kernel refuses io_uring zero-copy sends on TCP sockets "
			 "(IORING_OP_SEND_ZC: %s)", strerror(-e));
		return e;
	}
	(void)seen;
	why[0] = '\0';
	return 0;
}
