/*
 * channel_shm.c - the shared-memory ring (see channel_shm.h).
 *
 * Layout of the object: a header (two sem_t, the geometry, an abort flag, the byte count of each
 * slot), padded to a page, then nslots slots of slot_size bytes.
 *
 * Why the object has no name: both halves get the mapping by fork() inheriting it, so a name is
 * never needed.  A POSIX object from shm_open() has one from creation until shm_unlink(), and a
 * SIGKILL in that window (the reliability tests hit it) leaves it in /dev/shm for good.  So the
 * object is made with memfd_create(): the same shared, tmpfs-backed memory, never named.  Where
 * memfd_create() is missing, shm_open() + an immediate shm_unlink() is the fallback.
 *
 * Why posix_fallocate: /dev/shm is a tmpfs with a size limit.  ftruncate() alone succeeds past
 * it and the first touch of a missing page then raises SIGBUS in the middle of a transfer;
 * fallocate reserves the pages up front and fails cleanly with ENOSPC instead.
 *
 * Why sem posts are not counted as system calls: glibc's sem_post only enters the kernel (a
 * futex wake) when the other side is asleep in a wait, which the poster cannot see.  Waits that
 * have to sleep are counted; those are exactly the futex waits.
 */
#include "channel/channel_shm.h"

#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/io_util.h"
#include "base/measure.h"

struct shm_ring_header {
	sem_t empty;		/* counts slots the producer may fill */
	sem_t full;		/* counts slots the consumer may empty */
	atomic_int aborted;	/* set by a side that gave up */
	_Atomic uint64_t published;	/* the whole-file region: bytes the producer has written */
	atomic_int waiting;	/* the whole-file region: the consumer is about to sleep on full */
	uint64_t lens[];	/* bytes held by each slot */
};

/* ---- creation ------------------------------------------------------------------------ */

static size_t page_round_up(size_t n)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	return (n + page - 1) / page * page;
}

/* A new shared-memory object: nameless when the kernel allows, else under a name no other run
 * (in this or another process) can be using, unlinked at once.  hugetlb asks for a memfd on
 * hugetlbfs (fails without reserved huge pages). */
static int open_unique_object(int hugetlb, int *is_memfd)
{
	*is_memfd = 1;
	if (hugetlb) {
		int fd = memfd_create("bulkxfer-ring", MFD_CLOEXEC | MFD_HUGETLB);
		return fd >= 0 ? fd : -errno;
	}
	int memfd = getenv(SHM_FORCE_NAMED_ENV) ? -1 : memfd_create("bulkxfer-ring", MFD_CLOEXEC);
	if (memfd >= 0)
		return memfd;
	*is_memfd = 0;
	static unsigned counter;
	for (int attempt = 0; attempt < 100; attempt++) {
		char name[64];
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		snprintf(name, sizeof(name), SHM_RING_NAME_PREFIX "%ld-%u-%lx", (long)getpid(),
			 counter++, (unsigned long)ts.tv_nsec);
		int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd >= 0) {
			shm_unlink(name);	/* see the header comment */
			return fd;
		}
		if (errno != EEXIST)
			return -errno;
	}
	return -EEXIST;
}

#define HUGE_PAGE (2UL << 20)

/* fresh: leave a memfd's pages unallocated (see shm_region_create); a named object on /dev/shm
 * is reserved whatever fresh says, since only that makes its size limit fail cleanly. */
static int create_ring(struct shm_ring *ring, size_t slot_size, uint32_t nslots,
		       enum ring_pages pages, int fresh)
{
	memset(ring, 0, sizeof(*ring));
	if (slot_size == 0 || nslots == 0 || nslots > SHM_RING_MAX_SLOTS ||
	    (uint64_t)slot_size * nslots > SHM_RING_MAX_BYTES)
		return -EINVAL;

	size_t header_len = page_round_up(sizeof(struct shm_ring_header) + nslots * sizeof(uint64_t));
	size_t map_len = header_len + page_round_up(slot_size * (size_t)nslots);
	if (pages == RING_PAGES_HUGETLB)	/* hugetlbfs sizes are whole huge pages */
		map_len = (map_len + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;

	int is_memfd;
	int fd = open_unique_object(pages == RING_PAGES_HUGETLB, &is_memfd);
	if (fd < 0)
		return fd;
	int err = 0;
	if (ftruncate(fd, (off_t)map_len) < 0)
		err = errno;
	else if (!fresh || !is_memfd || pages == RING_PAGES_HUGETLB)
		err = posix_fallocate(fd, 0, (off_t)map_len);
	void *map = MAP_FAILED;
	if (err == 0) {
		map = mmap(NULL, map_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (map == MAP_FAILED)
			err = errno;
	}
	close(fd);
	if (err)
		return -err;
	if (pages == RING_PAGES_THP && madvise(map, map_len, MADV_HUGEPAGE) < 0)
		pages = RING_PAGES_NORMAL;

	struct shm_ring_header *hdr = map;
	if (sem_init(&hdr->empty, 1, nslots) < 0 || sem_init(&hdr->full, 1, 0) < 0) {
		err = errno;
		munmap(map, map_len);
		return -err;
	}
	atomic_init(&hdr->aborted, 0);
	atomic_init(&hdr->published, 0);
	atomic_init(&hdr->waiting, 0);
	ring->hdr = hdr;
	ring->slots = (unsigned char *)map + header_len;
	ring->slot_size = slot_size;
	ring->nslots = nslots;
	ring->map_len = map_len;
	ring->pages = pages;
	ring->fresh = fresh && is_memfd && pages != RING_PAGES_HUGETLB;
	return 0;
}

static int create_with_pages(struct shm_ring *ring, size_t slot_size, uint32_t nslots, int huge,
			     int fresh)
{
	if (huge && create_ring(ring, slot_size, nslots, RING_PAGES_HUGETLB, fresh) == 0)
		return 0;
	return create_ring(ring, slot_size, nslots, huge ? RING_PAGES_THP : RING_PAGES_NORMAL,
			   fresh);
}

int shm_ring_create(struct shm_ring *ring, size_t slot_size, uint32_t nslots, int huge)
{
	return create_with_pages(ring, slot_size, nslots, huge, 0);
}

int shm_region_create(struct shm_ring *ring, size_t size, int huge, int fresh)
{
	return create_with_pages(ring, size, 1, huge, fresh);
}

void shm_ring_prefault(struct shm_ring *ring)
{
	if (!ring->hdr)
		return;
#ifdef MADV_POPULATE_WRITE
	/* every page into the page tables in one call; where missing, the touches below fault
	 * each one in */
	(void)madvise(ring->hdr, ring->map_len, MADV_POPULATE_WRITE);
#endif
	/* The page tables are not the whole of it.  On a paravirtualised guest (the host keeps
	 * its own shadow of each process's page tables) a process's first access of its own to a
	 * page the kernel mapped for it is still a fault the host fills in, several microseconds
	 * a page and invisible to the minor-fault count: without these touches the sender paid
	 * it for every ring page inside the clock, as a hand-written loop that memset() its ring
	 * first does not (bench/ipc_vs_handwritten.sh, doc/details.md). */
	io_user_touch(ring->hdr, ring->map_len);
}

const char *shm_ring_pages_name(enum ring_pages pages)
{
	static const char *names[] = { "normal", "thp", "hugetlb" };
	return names[pages];
}

void shm_ring_set_peer(struct shm_ring *ring, pid_t peer)
{
	ring->peer = peer;
}

void shm_ring_destroy(struct shm_ring *ring)
{
	if (ring->hdr)
		munmap(ring->hdr, ring->map_len);
	memset(ring, 0, sizeof(*ring));
}

/* ---- waiting ------------------------------------------------------------------------- */

/* True unless pid is known to be gone: no such process, or a zombie nobody has reaped yet
 * (kill(pid, 0) still succeeds on those, so /proc has to be asked). */
static int peer_alive(pid_t pid)
{
	if (pid <= 0)
		return 1;
	if (kill(pid, 0) < 0 && errno == ESRCH)
		return 0;
	char path[64], buf[256];
	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno != ENOENT;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 1;
	buf[n] = '\0';
	const char *paren = strrchr(buf, ')');	/* the command name may hold spaces and ')' */
	if (!paren || paren[1] == '\0' || paren[2] == '\0')
		return 1;
	return paren[2] != 'Z' && paren[2] != 'X';
}

/* Poll sem for up to ring->spin_s.  1 when it was taken meanwhile. */
static int ring_spin(struct shm_ring *ring, sem_t *sem)
{
	if (ring->spin_s <= 0)
		return 0;
	double deadline = measure_now() + ring->spin_s;
	do {
		for (int i = 0; i < 64; i++) {	/* the clock is read once per 64 polls */
			ring->polls++;
			if (sem_trywait(sem) == 0)
				return 1;
#if defined(__x86_64__) || defined(__i386__)
			__builtin_ia32_pause();	/* spare the sibling hyperthread */
#endif
		}
	} while (measure_now() < deadline);
	return 0;
}

static int ring_wait(struct shm_ring *ring, sem_t *sem, uint64_t *syscalls)
{
	if (sem_trywait(sem) != 0 && !ring_spin(ring, sem)) {
		for (;;) {
			struct timespec deadline;
			clock_gettime(CLOCK_MONOTONIC, &deadline);
			deadline.tv_nsec += SHM_RING_POLL_MS * 1000000L;
			deadline.tv_sec += deadline.tv_nsec / 1000000000L;
			deadline.tv_nsec %= 1000000000L;
			if (syscalls)
				(*syscalls)++;
			if (sem_clockwait(sem, CLOCK_MONOTONIC, &deadline) == 0)
				break;
			if (errno == EINTR)
				continue;
			if (errno != ETIMEDOUT)
				return -errno;
			if (atomic_load(&ring->hdr->aborted) || !peer_alive(ring->peer))
				return -EPIPE;
		}
	}
	/* An aborting peer posts to wake us: a successful wait is not yet a slot. */
	return atomic_load_explicit(&ring->hdr->aborted, memory_order_relaxed) ? -EPIPE : 0;
}

/* ---- the four ring operations --------------------------------------------------------- */

int shm_ring_get_empty(struct shm_ring *ring, void **slot, uint64_t *syscalls)
{
	int rc = ring_wait(ring, &ring->hdr->empty, syscalls);
	if (rc == 0)
		*slot = ring->slots + (size_t)ring->next * ring->slot_size;
	return rc;
}

void shm_ring_put_full(struct shm_ring *ring, uint64_t len)
{
	ring->hdr->lens[ring->next] = len;
	ring->next = (ring->next + 1) % ring->nslots;
	sem_post(&ring->hdr->full);	/* a release barrier: the slot's bytes are visible first */
}

int shm_ring_get_full(struct shm_ring *ring, const void **slot, uint64_t *len, uint64_t *syscalls)
{
	int rc = ring_wait(ring, &ring->hdr->full, syscalls);
	if (rc == 0) {
		*slot = ring->slots + (size_t)ring->next * ring->slot_size;
		*len = ring->hdr->lens[ring->next];
	}
	return rc;
}

void shm_ring_put_empty(struct shm_ring *ring)
{
	ring->next = (ring->next + 1) % ring->nslots;
	sem_post(&ring->hdr->empty);
}

/* ---- the whole-file region ----------------------------------------------------------------
 *
 * Why no wake-up is lost: the consumer stores waiting = 1 and then reads published; the
 * producer stores published and then reads waiting, all sequentially consistent.  In any order
 * of those four, either the consumer sees the new count or the producer sees it waiting and
 * posts.  A post nobody needed only makes a later wait return at once and look again. */

void *shm_region_base(struct shm_ring *ring)
{
	return ring->slots;
}

void shm_region_publish(struct shm_ring *ring, uint64_t bytes)
{
	atomic_store(&ring->hdr->published, bytes);	/* the bytes are visible first */
	if (atomic_load(&ring->hdr->waiting))
		sem_post(&ring->hdr->full);
}

int shm_region_wait(struct shm_ring *ring, uint64_t bytes, uint64_t *syscalls)
{
	struct shm_ring_header *h = ring->hdr;
	while (atomic_load_explicit(&h->published, memory_order_acquire) < bytes) {
		atomic_store(&h->waiting, 1);
		if (atomic_load(&h->published) >= bytes) {
			atomic_store(&h->waiting, 0);
			break;
		}
		int rc = ring_wait(ring, &h->full, syscalls);
		atomic_store(&h->waiting, 0);
		if (rc < 0)
			return rc;
	}
	return atomic_load_explicit(&h->aborted, memory_order_relaxed) ? -EPIPE : 0;
}

void shm_ring_set_spin(struct shm_ring *ring, uint32_t spin_us)
{
	ring->spin_s = spin_us / 1e6;
}

void shm_ring_abort(struct shm_ring *ring)
{
	if (!ring->hdr)
		return;
	atomic_store(&ring->hdr->aborted, 1);
	sem_post(&ring->hdr->empty);
	sem_post(&ring->hdr->full);
}
