/*
 * bench/handwritten/shm_ring.c - memcpy() through a ring of slots in shared memory, memory to
 * memory, by hand.
 *
 *   shm_ring SIZE BUF SLOTS [runs=N]
 *
 * A shared anonymous mapping holds two process-shared semaphores (empty slots, full slots), a
 * length per slot and SLOTS slots of BUF bytes, page-aligned.  The sender waits for an empty
 * slot (sem_wait), memcpy()s the next BUF bytes of its SIZE-byte source into it and posts it
 * full; the receiver waits for a full slot, memcpy()s it into a BUF-byte buffer, drops it and
 * posts the slot empty.  Both sides have the whole ring in their page tables before the clock
 * (the sender writes it before fork, the receiver populates its own view before it says
 * ready), as bulkxfer's --prefault does: a new ring each transfer, as bulkxfer's.  Prints one
 * line (common.h), or with runs=N a line for each of N transfers after an untimed one.  The
 * loop bulkxfer's `shm --src memory --sink-by read --slots SLOTS --prefault` runs.
 */
#include "common.h"

#include <semaphore.h>

struct ring {
	sem_t empty, full;
	size_t len[4096];
};

/* The mapping's pages into this process's page tables (MADV_POPULATE_WRITE where the kernel
 * has it), then each page written once from user space without changing its contents: on a
 * paravirtualised guest the process's own first access to a page the kernel mapped is still a
 * fault the host fills in, which the receiver paid inside the clock without it (its sender
 * waited on a full ring for the first pass).  bulkxfer's --prefault does the same
 * (channel_shm.c). */
static void populate(unsigned char *map, size_t len)
{
#ifdef MADV_POPULATE_WRITE
	(void)madvise(map, len, MADV_POPULATE_WRITE);
#endif
	for (size_t off = 0; off < len; off += 4096)
		__atomic_fetch_or((volatile unsigned char *)map + off, 0, __ATOMIC_RELAXED);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: shm_ring SIZE BUF SLOTS [runs=N]\n");
		return 2;
	}
	size_t size = parse_size(argv[1]), buf = parse_size(argv[2]);
	size_t nslots = (size_t)strtoul(argv[3], NULL, 10);
	if (nslots < 1 || nslots > 4096) {
		fprintf(stderr, "shm_ring: SLOTS from 1 to 4096\n");
		return 2;
	}
	unsigned char *src = source_buffer(size, 0);
	int runs = timed_runs(argc, argv, 4);
	for (int run = 0; run < transfers_to_make(runs); run++) {
		size_t head = (sizeof(struct ring) + 4095) & ~(size_t)4095;
		unsigned char *map = mmap(NULL, head + nslots * buf, PROT_READ | PROT_WRITE,
					  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (map == MAP_FAILED)
			die("mmap(ring)");
		memset(map + head, 0, nslots * buf);	/* every slot's page in, before the clock */
		struct ring *r = (struct ring *)map;
		unsigned char *slots = map + head;
		if (sem_init(&r->empty, 1, (unsigned)nslots) < 0 || sem_init(&r->full, 1, 0) < 0)
			die("sem_init");
		int ready[2], back[2];
		if (pipe(ready) < 0 || pipe(back) < 0)
			die("pipe");
		pid_t child = fork_receiver(ready, back);
		if (child == 0) {
			/* a shared mapping's page tables are not copied at fork: the child's own first
			 * touches would fault inside its clock */
			populate(map, head + nslots * buf);
			unsigned char *dst = placed_buffer(buf, 0);
			memset(dst, 0, buf);
			struct usage u0;
			receiver_ready(ready[1], &u0);
			size_t got = 0, slot = 0;
			while (got < size) {
				while (sem_wait(&r->full) < 0)
					if (errno != EINTR)
						die("sem_wait(full)");
				size_t n = r->len[slot];
				memcpy(dst, slots + slot * buf, n);
				sem_post(&r->empty);
				got += n;
				slot = (slot + 1) % nslots;
			}
			receiver_done(back[1], &u0);
		}
		struct usage u0;
		double t0 = sender_start(ready[0], &u0);
		size_t sent = 0, slot = 0;
		while (sent < size) {
			size_t n = size - sent < buf ? size - sent : buf;
			while (sem_wait(&r->empty) < 0)
				if (errno != EINTR)
					die("sem_wait(empty)");
			memcpy(slots + slot * buf, src + sent, n);
			r->len[slot] = n;
			sem_post(&r->full);	/* a release: the slot's bytes are visible first */
			sent += n;
			slot = (slot + 1) % nslots;
		}
		sender_done(back[0], child, t0, &u0, transfer_is_timed(runs, run));
		close(ready[0]);
		close(back[0]);
		munmap(map, head + nslots * buf);
	}
	return 0;
}
