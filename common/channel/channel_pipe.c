/*
 * channel_pipe.c - make and size the pipe that `pipe` and `splice` move bytes through.
 *
 * Why size it: a pipe holds 16 pages (64 KiB) by default, so each side sleeps and wakes the other
 * every 64 KiB.  A larger pipe (up to /proc/sys/fs/pipe-max-size for unprivileged users) lets a
 * splice move more pages per call and halves context switches per doubling.
 */
#include "channel/channel_pipe.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int channel_pipe_open(int fds[2], size_t want_size, size_t *actual)
{
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	if (want_size > 0 && fcntl(fds[1], F_SETPIPE_SZ, (int)want_size) < 0) {
		int err = errno;
		close(fds[0]);
		close(fds[1]);
		return -err;
	}
	if (actual) {
		int cap = fcntl(fds[1], F_GETPIPE_SZ);
		*actual = cap > 0 ? (size_t)cap : 0;
	}
	return 0;
}

size_t channel_pipe_max_size(void)
{
	unsigned long max = 0;
	FILE *f = fopen("/proc/sys/fs/pipe-max-size", "r");
	if (f) {
		if (fscanf(f, "%lu", &max) != 1)
			max = 0;
		fclose(f);
	}
	return (size_t)max;
}
