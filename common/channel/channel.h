/*
 * channel.h - set up the connection between the halves, whatever its kind: the descriptors each
 * side uses (and, for CHANNEL_CMA, the ack path back), or the shared-memory ring.  Made in the
 * parent before fork(); each process then keeps its own side and closes the other's.
 */
#ifndef BX_CHANNEL_H
#define BX_CHANNEL_H

#include <stddef.h>
#include <stdint.h>

#include "base/errors.h"
#include "channel/channel_kind.h"
#include "channel/channel_shm.h"

struct channel_params {
	size_t chunk;		/* slot size of the ring */
	uint32_t slots;		/* ring length */
	size_t pipe_size;	/* F_SETPIPE_SZ for pipes carrying the bytes; 0 = kernel default */
	uint64_t file_size;	/* CHANNEL_SHM_WHOLE makes one slot this large */
	int huge;		/* rings: ask for huge pages */
	int prefault;		/* CHANNEL_SHM_WHOLE: reserve the region's pages (else fresh) */
};

struct channel {
	enum channel_kind kind;
	int producer_fd, consumer_fd;		/* the byte (or token) path; -1 when none */
	int producer_back_fd, consumer_back_fd;	/* CHANNEL_CMA: acks from consumer to producer */
	struct shm_ring ring;			/* CHANNEL_SHM, CHANNEL_SHM_WHOLE */
	size_t pipe_capacity;			/* of the byte pipe, 0 when there is none */
};

enum channel_side { CHANNEL_PRODUCER_SIDE, CHANNEL_CONSUMER_SIDE };

/* Make a channel of kind.  Returns 0, or -errno with *failed_call naming what failed and nothing
 * left open. */
int channel_open(struct channel *c, enum channel_kind kind, const struct channel_params *p,
		 const char **failed_call);

/* After fork(): close the descriptors of the other side. */
void channel_keep_side(struct channel *c, enum channel_side side);

/* Close this side's byte path (EOF for the peer); idempotent. */
void channel_hang_up(struct channel *c, enum channel_side side);

/* Close everything that is still open and unmap the ring. */
void channel_close(struct channel *c);

/* The channel's name for messages ("pipe", "AF_UNIX socketpair", ...). */
const char *channel_name(enum channel_kind kind);

#endif
