/*
 * channel.c - make every kind of channel (see channel.h).  Each kind is one opener in the
 * table at the bottom.
 */
#include "channel/channel.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "channel/channel_pipe.h"

typedef int (*channel_opener)(struct channel *c, const struct channel_params *p,
			      const char **failed_call);

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* ---- openers ------------------------------------------------------------------------- */

static int open_pipe(struct channel *c, const struct channel_params *p, const char **failed)
{
	int fds[2];
	int rc = channel_pipe_open(fds, p->pipe_size, &c->pipe_capacity);
	if (rc < 0) {
		*failed = p->pipe_size ? "pipe + F_SETPIPE_SZ" : "pipe";
		return rc;
	}
	c->consumer_fd = fds[0];
	c->producer_fd = fds[1];
	return 0;
}

static int open_ring(struct channel *c, const struct channel_params *p, const char **failed)
{
	int rc = shm_ring_create(&c->ring, p->chunk, p->slots, p->huge);
	if (rc < 0)
		*failed = "memfd_create + fallocate + mmap (ring)";
	return rc;
}

static int open_whole(struct channel *c, const struct channel_params *p, const char **failed)
{
	/* One slot the size of the file: the 2014 layout, memory grows with the file. */
	size_t size = p->file_size ? (size_t)p->file_size : 1;
	if ((uint64_t)size != p->file_size && p->file_size)
		return *failed = "region size", -EFBIG;
	int rc = shm_region_create(&c->ring, size, p->huge, !p->prefault);
	if (rc < 0)
		*failed = "memfd_create + mmap (whole-file region)";
	return rc;
}

static int open_socketpair(struct channel *c, const struct channel_params *p,
			   const char **failed)
{
	(void)p;
	int fds[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) < 0)
		return *failed = "socketpair(AF_UNIX)", -errno;
	c->producer_fd = fds[0];
	c->consumer_fd = fds[1];
	return 0;
}

static int open_tcp(struct channel *c, const struct channel_params *p, const char **failed)
{
	(void)p;
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = 0,
				    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(addr);
	int rc = 0;
	int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (listener < 0)
		return *failed = "socket(AF_INET)", -errno;
	if (bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		rc = -errno, *failed = "bind(127.0.0.1:0)";
	else if (listen(listener, 1) < 0 || getsockname(listener, (struct sockaddr *)&addr, &len) < 0)
		rc = -errno, *failed = "listen(127.0.0.1)";
	if (rc == 0) {
		c->producer_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (c->producer_fd < 0 ||
		    connect(c->producer_fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
			rc = -errno, *failed = "connect(127.0.0.1)";
	}
	if (rc == 0) {
		/* The connection is queued in the backlog, so accept() returns at once. */
		c->consumer_fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
		if (c->consumer_fd < 0)
			rc = -errno, *failed = "accept(127.0.0.1)";
	}
	close(listener);
	if (rc < 0) {
		close_fd(&c->producer_fd);
		close_fd(&c->consumer_fd);
	}
	return rc;
}

static int open_cma(struct channel *c, const struct channel_params *p, const char **failed)
{
	(void)p;
	int tokens[2], acks[2];
	if (pipe2(tokens, O_CLOEXEC) < 0)
		return *failed = "pipe(tokens)", -errno;
	if (pipe2(acks, O_CLOEXEC) < 0) {
		int err = errno;
		close(tokens[0]);
		close(tokens[1]);
		return *failed = "pipe(acks)", -err;
	}
	c->producer_fd = tokens[1];
	c->consumer_fd = tokens[0];
	c->consumer_back_fd = acks[1];
	c->producer_back_fd = acks[0];
	return 0;
}

static const struct {
	enum channel_kind kind;
	const char *name;
	channel_opener open;
} channel_table[] = {
#define BX_CHANNEL_ROW(kind, name, opener) { CHANNEL_##kind, name, opener },
	BX_CHANNELS(BX_CHANNEL_ROW)
#undef BX_CHANNEL_ROW
};
#define NCHANNELS (sizeof(channel_table) / sizeof(channel_table[0]))

/* ---- public -------------------------------------------------------------------------- */

const char *channel_name(enum channel_kind kind)
{
	for (size_t i = 0; i < NCHANNELS; i++)
		if (channel_table[i].kind == kind)
			return channel_table[i].name;
	return "unknown channel";
}

int channel_open(struct channel *c, enum channel_kind kind, const struct channel_params *p,
		 const char **failed_call)
{
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->producer_fd = c->consumer_fd = c->producer_back_fd = c->consumer_back_fd = -1;
	for (size_t i = 0; i < NCHANNELS; i++)
		if (channel_table[i].kind == kind)
			return channel_table[i].open(c, p, failed_call);
	*failed_call = "channel kind";
	return -EINVAL;
}

void channel_keep_side(struct channel *c, enum channel_side side)
{
	if (side == CHANNEL_PRODUCER_SIDE) {
		close_fd(&c->consumer_fd);
		close_fd(&c->consumer_back_fd);
	} else {
		close_fd(&c->producer_fd);
		close_fd(&c->producer_back_fd);
	}
}

void channel_hang_up(struct channel *c, enum channel_side side)
{
	close_fd(side == CHANNEL_PRODUCER_SIDE ? &c->producer_fd : &c->consumer_fd);
}

void channel_close(struct channel *c)
{
	close_fd(&c->producer_fd);
	close_fd(&c->consumer_fd);
	close_fd(&c->producer_back_fd);
	close_fd(&c->consumer_back_fd);
	shm_ring_destroy(&c->ring);
}
