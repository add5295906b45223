/*
 * half.h - the contract between the harness and a method's two halves.
 *
 * A half knows nothing about timing, forking or paths.  It gets a context with its own file
 * (the source for the producer, the destination for the consumer), its end of the channel, the
 * sizes, and a counter to bump for every system call its loop makes.  Every function returns 0
 * or -errno; on failure it also points failed_call at a short name of the call that failed
 * ("splice(src -> pipe)") so the harness can report it once.
 */
#ifndef BX_HALF_H
#define BX_HALF_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct shm_ring;

enum channel_kind {
	CHANNEL_PIPE,	/* an anonymous pipe: the producer holds the write end, the consumer the read end */
	CHANNEL_SHM,	/* a POSIX shared-memory ring of slots (channel_shm.h) */
};

struct half_ctx {
	int file_fd;		/* producer: source, O_RDONLY; consumer: destination, O_RDWR, empty */
	uint64_t size;		/* bytes to move; the consumer stops after exactly this many */
	size_t chunk;		/* bytes per read/write/splice/slot */
	int pipe_fd;		/* CHANNEL_PIPE: this side's end */
	struct shm_ring *ring;	/* CHANNEL_SHM: the ring, mapped in both processes */
	uint64_t syscalls;	/* bumped by the half for every system call its loop issues */
	uint64_t bytes_done;	/* bytes the half has moved so far */
	void *priv;		/* the half's private state, owned by prepare/release */
	const char *failed_call;	/* set on failure: which call failed */
};

/* One side of a method.  prepare and release run outside the timed region and may be NULL. */
struct half_ops {
	const char *name;		/* "pipe", "shm", "splice" */
	enum channel_kind channel;	/* the channel this half speaks */
	const char *does;		/* one line: what this side does with the bytes */
	int (*prepare)(struct half_ctx *ctx);	/* buffers, mappings */
	int (*transfer)(struct half_ctx *ctx);	/* the timed loop: move ctx->size bytes */
	void (*release)(struct half_ctx *ctx);	/* undo prepare; must cope with a failed prepare */
};

/* Record the failing call and return -err: `return half_fail(ctx, "read(src)", errno);`. */
static inline int half_fail(struct half_ctx *ctx, const char *call, int err)
{
	ctx->failed_call = call;
	return -err;
}

#endif
