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
#include <string.h>
#include <sys/types.h>

#include "base/units.h"
#include "channel/channel_kind.h"

struct shm_ring;


/* CHUNK_REST (units.h): --chunk rest; only halves with takes_rest accept it. */

struct half_ctx {
	int file_fd;		/* producer: source, O_RDONLY (-1 with src_mem); consumer:
				 * destination, O_RDWR, empty */
	const unsigned char *src_mem;	/* producer, --src memory: the size source bytes in this
					 * process's memory, else NULL (only halves with
					 * from_memory are given one) */
	int keep_received;	/* the sink halves (sink.h): also write what they receive to
				 * file_fd, the check run's destination, so it can be hashed */
	int dst_fresh;		/* the keeping sinks (sink.h): leave the destination untouched
				 * before the clock, so its first touch is timed */
	int dst_huge;		/* the keeping sinks: ask for transparent huge pages */
	const unsigned char *kept;	/* set by a keeping sink's prepare: the size bytes it
					 * receives into, hashed after the clock; else NULL */
	uint64_t size;		/* bytes to move; the consumer stops after exactly this many */
	size_t chunk;		/* bytes per read/write/splice/slot; CHUNK_REST: all that is left */
	uint32_t slots;		/* ring length, or buffers in flight for CHANNEL_CMA */
	uint32_t queue_depth;	/* io_uring halves: operations and registered buffers in flight
				 * (--queue-depth); 0 elsewhere */
	int chan_fd;		/* this side's end of a pipe or socket channel, else -1 */
	int back_fd;		/* CHANNEL_CMA: this side's end of the ack pipe, else -1 */
	struct shm_ring *ring;	/* CHANNEL_SHM(_WHOLE): the ring, mapped in both processes */
	pid_t peer;		/* the other half's process */
	uint64_t syscalls;	/* bumped by the half for every system call its loop issues */
	uint64_t zc_notifs;	/* zero-copy senders: notification completions reaped */
	uint64_t zc_copied;	/* of them, the sends the kernel says it copied after all */
	uint64_t bytes_done;	/* bytes the half has moved so far: count them with half_advance() */
	uint64_t fault_at_bytes;	/* an injected fault fires when bytes_done reaches this
					 * (fault_inject.h); UINT64_MAX when none is armed */
	const char *last_call;	/* the call that moved the latest bytes (set by half_advance) */
	void *priv;		/* the half's private state, owned by prepare/release */
	uint32_t buffer_offset;	/* --buffer-offset: bytes past a page start at which a buffer the
				 * half copies through begins (half_buffer_prepare honours it) */
	const void *copy_buffer;	/* set by prepare: the buffer the half copies through (its
					 * address is recorded, as bytes past a page start); NULL:
					 * none of its own */
	const char *failed_call;	/* set on failure: which call failed */
};

/* One side of a method.  prepare and release run outside the timed region and may be NULL.
 * The theory fields describe one chunk on a warm page cache (no DMA): how many times the CPU
 * copies its bytes and how many system calls (two user/kernel switches each) this side makes;
 * `path` is the bytes' route through this side, "from -(how)-> to ...", starting (producer) or
 * ending (consumer) at the channel's buffer, which `bulkxfer explain` joins into one chain. */
struct half_ops {
	const char *name;		/* unique among its side: "pipe", "splice", ... */
	enum channel_kind channel;	/* the channel this half speaks */
	const char *does;		/* one line: what this side does with the bytes */
	unsigned cpu_copies;		/* CPU copies of each byte on this side */
	unsigned syscalls_per_chunk;	/* in the steady state; switches are twice this */
	const char *path;		/* e.g. "src page cache -(CPU: read)-> user buffer" */
	int takes_rest;			/* can ask for every byte left per call (--chunk rest) */
	int page_refs;			/* hands page references over instead of copying (splice,
					 * vmsplice, sendfile into a pipe or socket): one per page */
	int from_memory;		/* producers: can send from ctx->src_mem (--src memory) */
	int uses_uring;			/* works through io_uring: ctx->queue_depth applies */
	int keeps_in_memory;		/* consumers: receive into memory of the transfer's size
					 * (ctx->kept), which the harness hashes; no file */
	int (*usable)(char *why, size_t len);	/* NULL, or whether this kernel and sandbox let
						 * the half work at all (0), else -errno and why */
	const char *needs_file;		/* producers that cannot: what in them needs the file */
	int (*prepare)(struct half_ctx *ctx);	/* buffers, mappings */
	int (*transfer)(struct half_ctx *ctx);	/* the timed loop: move ctx->size bytes */
	void (*release)(struct half_ctx *ctx);	/* undo prepare; must cope with a failed prepare */
};

/* Of h's cpu_copies, those its own code makes with memcpy in user space: the "(CPU: memcpy"
 * steps of its path, so the path stays the one place that says so. */
static inline unsigned half_user_copies(const struct half_ops *h)
{
	unsigned n = 0;
	for (const char *p = h->path; p && (p = strstr(p, "(CPU: memcpy")); p++)
		n++;
	return n < h->cpu_copies ? n : h->cpu_copies;
}

/* Of h's cpu_copies, those the kernel makes (read, write, splice into a file, ...). */
static inline unsigned half_kernel_copies(const struct half_ops *h)
{
	return h->cpu_copies - half_user_copies(h);
}

/* Record the failing call and return -err: `return half_fail(ctx, "read(src)", errno);`. */
static inline int half_fail(struct half_ctx *ctx, const char *call, int err)
{
	ctx->failed_call = call;
	return -err;
}

#endif
