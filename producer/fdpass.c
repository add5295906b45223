/*
 * producer/fdpass.c - the sending half of `fdpass`: send the source's file descriptor over an
 * AF_UNIX socket (SCM_RIGHTS) and be done.  No byte of the file moves through IPC at all: the
 * consumer reads the same open file itself.  One system call per transfer, none per chunk.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "method/method.h"
#include "transfer/half_helpers.h"

static int fdpass_producer_transfer(struct half_ctx *ctx)
{
	char byte = 'f';
	struct iovec iov = { &byte, 1 };
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int))];
	} control;
	memset(&control, 0, sizeof(control));
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf,
			      .msg_controllen = sizeof(control.buf) };
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &ctx->file_fd, sizeof(int));
	ssize_t n;
	do {
		n = sendmsg(ctx->chan_fd, &msg, MSG_NOSIGNAL);
		ctx->syscalls++;
	} while (n < 0 && errno == EINTR);
	if (n != 1)
		return half_fail(ctx, "sendmsg(SCM_RIGHTS)", n < 0 ? errno : EIO);
	/* All of it is now the consumer's to read. */
	return half_advance(ctx, ctx->size, "sendmsg(SCM_RIGHTS)");
}

const struct half_ops producer_fdpass = {
	.name = "fdpass",
	.channel = CHANNEL_FDPASS,
	.does = "send the source's descriptor over SCM_RIGHTS: no bytes through IPC",
	.cpu_copies = 0,
	.syscalls_per_chunk = 0,
	.path = "src file -(descriptor: SCM_RIGHTS)-> src page cache",
	.takes_rest = 1,
	.needs_file = "passes the source file's descriptor",
	.transfer = fdpass_producer_transfer,
};
