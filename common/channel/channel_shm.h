/*
 * channel_shm.h - the shared-memory channel: a nameless shared-memory file (memfd, else a POSIX
 * object unlinked at once) holding a ring of fixed-size slots and two process-shared semaphores,
 * one counting empty slots and one counting full ones; or one slot as large as the file (the
 * 2014 study's whole region).  The producer fills slots in order, the consumer empties them in the same order.
 *
 * A wait may first poll the semaphore for a while (shm_ring_set_spin): a sleeping side has to be
 * woken by a futex call, and on a VM that wake-up crosses the hypervisor.  Waits are timed
 * (SHM_RING_POLL_MS) so that a side whose peer died, or gave up and called
 * shm_ring_abort(), stops waiting within a fraction of a second instead of hanging forever.
 */
#ifndef BX_CHANNEL_SHM_H
#define BX_CHANNEL_SHM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define SHM_RING_NAME_PREFIX "/bulkxfer-"
/* A testing aid: when this variable is set, rings are made as if memfd_create were missing
 * (shm_open + shm_unlink), so the fallback's cleanup can be tested where memfd works. */
#define SHM_FORCE_NAMED_ENV "BULKXFER_SHM_NAMED"
#define SHM_RING_POLL_MS 100	/* a dead peer is noticed within this */
#define SHM_RING_MAX_SLOTS 4096U
#define SHM_RING_MAX_BYTES (16ULL << 30)
#define SHM_RING_MAX_SPIN_US 100000U

struct shm_ring_header;

/* What backs a ring's memory. */
enum ring_pages { RING_PAGES_NORMAL, RING_PAGES_THP, RING_PAGES_HUGETLB };

struct shm_ring {
	struct shm_ring_header *hdr;	/* start of the shared mapping */
	unsigned char *slots;		/* first slot, page aligned */
	size_t slot_size;
	uint32_t nslots;
	size_t map_len;
	uint32_t next;			/* index of the next slot this process uses */
	pid_t peer;			/* the other side, for the liveness check; 0 = unknown */
	double spin_s;			/* how long a wait polls before it sleeps; 0 = sleeps at once */
	enum ring_pages pages;		/* what it got */
	int fresh;			/* its pages were left unallocated (shm_region_create) */
	uint64_t polls;			/* this process's polls of a semaphore before it slept or took
					 * it (ring_spin): what the tests see of the spin, by event */
};

/* Create, size, map and initialise a ring of nslots slots of slot_size bytes, asking for huge
 * pages when huge (a hugetlbfs-backed memfd where huge pages are reserved, else transparent huge
 * pages advised; ring->pages says what it got).  The object has no name in /dev/shm (see the .c
 * file for why), so no exit path, SIGKILL included, can leak it.  Returns 0, or -errno (ENOSPC
 * when the memory cannot be reserved) with nothing left behind. */
int shm_ring_create(struct shm_ring *ring, size_t slot_size, uint32_t nslots, int huge);

/* The whole-file region: a ring of one slot of size bytes.  fresh leaves its pages unallocated,
 * as the 2014 study's new SysV segment was: the first touch of each page, inside the timed loop,
 * allocates and zeroes it (one fault per 4 KiB page without huge pages).  Else the pages are
 * reserved up front like a ring's.  A memfd has no size limit but memory, so leaving it
 * unreserved cannot end in SIGBUS on a full /dev/shm; the named fallback and hugetlbfs are
 * always reserved (ring->fresh says which happened).  Returns 0 or -errno. */
int shm_region_create(struct shm_ring *ring, size_t size, int huge, int fresh);

/* Fault the whole ring into this process's page tables and write each page once from user
 * space without changing its contents (outside the timed region: a forked child does not
 * inherit the page tables of a shared mapping, and a hypervisor may fill a page in only on the
 * process's own first access).  Safe while the other side prefaults too. */
void shm_ring_prefault(struct shm_ring *ring);

/* "normal", "thp" or "hugetlb". */
const char *shm_ring_pages_name(enum ring_pages pages);

/* Make this process's waits poll for up to spin_us microseconds before they sleep (0: sleep at
 * once).  Only worth it when the peer runs on another CPU meanwhile: the caller decides. */
void shm_ring_set_spin(struct shm_ring *ring, uint32_t spin_us);

/* Tell this process's copy of the ring which process is on the other side. */
void shm_ring_set_peer(struct shm_ring *ring, pid_t peer);

/* Producer: wait for an empty slot and return it in *slot.  Returns 0, or -EPIPE when the
 * consumer died or aborted.  *syscalls is bumped once for every wait that had to sleep. */
int shm_ring_get_empty(struct shm_ring *ring, void **slot, uint64_t *syscalls);

/* Producer: publish the slot from shm_ring_get_empty() holding len bytes. */
void shm_ring_put_full(struct shm_ring *ring, uint64_t len);

/* Consumer: wait for the next full slot; *slot and *len describe its bytes.  Returns 0 or
 * -EPIPE when the producer died or aborted. */
int shm_ring_get_full(struct shm_ring *ring, const void **slot, uint64_t *len, uint64_t *syscalls);

/* Consumer: hand the slot from shm_ring_get_full() back to the producer. */
void shm_ring_put_empty(struct shm_ring *ring);

/* The whole-file region (CHANNEL_SHM_WHOLE: one slot as large as the file).  The producer
 * writes it front to back and publishes how far it got; the consumer copies out only what has
 * been published, so it never reads a byte not yet written, and sleeps only when it catches up.
 * shm_region_base: the region's first byte, in this process. */
void *shm_region_base(struct shm_ring *ring);

/* Producer: bytes (a running total) of the region are written.  An atomic store, and a futex
 * wake only when the consumer sleeps. */
void shm_region_publish(struct shm_ring *ring, uint64_t bytes);

/* Consumer: wait until at least bytes of the region are published (polling first as
 * shm_ring_set_spin says, then sleeping).  Returns 0, or -EPIPE when the producer died or
 * aborted.  *syscalls is bumped once for every wait that had to sleep. */
int shm_region_wait(struct shm_ring *ring, uint64_t bytes, uint64_t *syscalls);

/* Mark the ring dead and wake the peer, so it stops waiting: used by a side that fails. */
void shm_ring_abort(struct shm_ring *ring);

/* Unmap this process's view.  Safe on a zeroed or already destroyed ring. */
void shm_ring_destroy(struct shm_ring *ring);

#endif
