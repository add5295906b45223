/*
 * channel_pipe.h - the pipe channel: an anonymous pipe, optionally resized with F_SETPIPE_SZ.
 */
#ifndef BX_CHANNEL_PIPE_H
#define BX_CHANNEL_PIPE_H

#include <stddef.h>

#define PIPE_SIZE_MIN 4096UL
#define PIPE_SIZE_MAX (1UL << 30)

/* Make a close-on-exec pipe in fds[0] (read) / fds[1] (write).  When want_size > 0 ask the kernel
 * for that capacity (it rounds up to a power-of-two number of pages).  *actual (may be NULL)
 * gets the capacity in force.  Returns 0, or -errno with no descriptor left open. */
int channel_pipe_open(int fds[2], size_t want_size, size_t *actual);

/* The largest capacity an unprivileged process may ask for (/proc/sys/fs/pipe-max-size), or 0
 * when it cannot be read. */
size_t channel_pipe_max_size(void);

#endif
