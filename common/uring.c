/*
 * uring.c - rings, fixed buffers and counted enters for the io_uring halves (see uring.h).
 */
#include "uring.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "half_helpers.h"

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

int uring_probe(char *why, size_t len)
{
	struct io_uring ring;
	int rc = io_uring_queue_init(1, &ring, 0);
	if (rc < 0) {
		char call[96];
		snprintf(why, len, "%s: %s", refusal(call, sizeof(call)), strerror(-rc));
		return rc;
	}
	io_uring_queue_exit(&ring);
	why[0] = '\0';
	return 0;
}

int uring_prepare(struct half_ctx *ctx, int with_buffers)
{
	static char call[96];	/* failed_call must outlive prepare */
	struct uring_side *u = calloc(1, sizeof(*u));
	ctx->priv = u;
	if (!u)
		return half_fail(ctx, "calloc(uring)", ENOMEM);
	u->depth = ctx->queue_depth ? ctx->queue_depth : URING_DEFAULT_DEPTH;
	int rc = io_uring_queue_init(2 * u->depth, &u->ring, 0);
	if (rc < 0)
		return half_fail(ctx, refusal(call, sizeof(call)), -rc);
	u->ring_ok = 1;
	if (!with_buffers)
		return 0;
	u->buf_size = ctx->chunk;
	if (posix_memalign((void **)&u->bufs, 4096, u->buf_size * u->depth) != 0) {
		u->bufs = NULL;
		return half_fail(ctx, "posix_memalign(io_uring buffers)", ENOMEM);
	}
	memset(u->bufs, 0, u->buf_size * u->depth);	/* faulted in before the clock */
	struct iovec *iov = calloc(u->depth, sizeof(*iov));
	if (!iov)
		return half_fail(ctx, "calloc(iovecs)", ENOMEM);
	for (unsigned i = 0; i < u->depth; i++) {
		iov[i].iov_base = uring_buf(u, i);
		iov[i].iov_len = u->buf_size;
	}
	rc = io_uring_register_buffers(&u->ring, iov, u->depth);
	free(iov);
	if (rc < 0)
		return half_fail(ctx, "io_uring_register_buffers", -rc);
	u->registered = 1;
	return 0;
}

void uring_release(struct half_ctx *ctx)
{
	struct uring_side *u = ctx->priv;
	if (!u)
		return;
	if (u->ring_ok)
		io_uring_queue_exit(&u->ring);	/* unregisters the buffers, cancels the rest */
	free(u->bufs);
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
