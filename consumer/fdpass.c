/*
 * consumer/fdpass.c - the receiving half of `fdpass`: receive the source's descriptor, then
 * copy_file_range() it into the destination, chunk by chunk.  The copy stays in the kernel (one
 * CPU copy between page caches; none on a filesystem that can share extents, like btrfs or XFS
 * with reflink).  Where copy_file_range is refused (EXDEV across some filesystems on older
 * kernels, ENOSYS, EINVAL, EOPNOTSUPP) it falls back to sendfile(dst, src), also in-kernel.
 *
 * The descriptor shares its file offset with the producer's, so both calls use explicit offsets.
 */
#include <errno.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

#include "method/method.h"
#include "transfer/half_helpers.h"

static int receive_fd(struct half_ctx *ctx, int *fd)
{
	char byte;
	struct iovec iov = { &byte, 1 };
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int))];
	} control;
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf,
			      .msg_controllen = sizeof(control.buf) };
	ssize_t n;
	do {
		n = recvmsg(ctx->chan_fd, &msg, MSG_CMSG_CLOEXEC);
		ctx->syscalls++;
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return half_fail(ctx, "recvmsg(SCM_RIGHTS)", errno);
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
	if (n == 0 || !cmsg || cmsg->cmsg_type != SCM_RIGHTS)
		return half_fail(ctx, "recvmsg(SCM_RIGHTS): no descriptor, producer hung up", EPIPE);
	memcpy(fd, CMSG_DATA(cmsg), sizeof(int));
	return 0;
}

static int fallback_worthy(int err)
{
	return err == EXDEV || err == ENOSYS || err == EINVAL || err == EOPNOTSUPP;
}

static int fdpass_consumer_transfer(struct half_ctx *ctx)
{
	int src = -1;
	int rc = receive_fd(ctx, &src);
	if (rc < 0 || ctx->size == 0) {
		if (rc == 0)
			close(src);
		return rc;
	}
	loff_t in_off = 0, out_off = 0;
	int use_sendfile = 0;
	while (ctx->bytes_done < ctx->size) {
		ssize_t n;
		if (!use_sendfile) {
			n = copy_file_range(src, &in_off, ctx->file_fd, &out_off, half_next_chunk(ctx), 0);
		} else {
			off_t off = (off_t)in_off;
			n = sendfile(ctx->file_fd, src, &off, half_next_chunk(ctx));
			if (n > 0)
				in_off = off;
		}
		ctx->syscalls++;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && !use_sendfile && ctx->bytes_done == 0 && fallback_worthy(errno)) {
			use_sendfile = 1;
			continue;
		}
		if (n <= 0) {
			int err = n < 0 ? errno : EIO;
			close(src);
			return half_fail(ctx, use_sendfile ? "sendfile(dst, src)" : "copy_file_range(src, dst)",
					 err);
		}
		rc = half_advance(ctx, (uint64_t)n, use_sendfile ? "sendfile(dst, src)" : "copy_file_range(src, dst)");
		if (rc < 0) {
			close(src);
			return rc;
		}
	}
	close(src);
	return 0;
}

const struct half_ops consumer_fdpass = {
	.name = "fdpass",
	.channel = CHANNEL_FDPASS,
	.does = "receive the descriptor, copy_file_range() (or sendfile) into dst",
	.cpu_copies = 1,
	.syscalls_per_chunk = 1,
	.path = "src page cache -(CPU, in kernel: copy_file_range)-> dst page cache",
	.takes_rest = 1,
	.transfer = fdpass_consumer_transfer,
};
