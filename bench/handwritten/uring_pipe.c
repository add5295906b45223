/*
 * bench/handwritten/uring_pipe.c - io_uring or write()/read() through a pipe, memory to kept
 * memory, by hand.
 *
 *   uring_pipe SIZE CHUNK PIPE uring|rw [runs=N]
 *
 * rw: the sender write()s CHUNK bytes at a time from a SIZE-byte source into a pipe of PIPE
 * bytes; the receiver read()s at most CHUNK bytes at a time into a SIZE-byte destination, which
 * it keeps.  uring: the same bytes through one io_uring a side, in the chains bulkxfer's uring
 * uses (transfer/uring.c, uring_chain_for and uring_queue_depth): a chunk larger than the pipe
 * in pipe-sized operations, one linked chain (IOSQE_IO_LINK) per chunk, at most 64; a smaller
 * one whole, as many linked as the pipe holds, at most the queue depth (8, or as many chunks
 * as fit in 2 MiB above 256 KiB, at least 2).  Each side submits a chain and waits for all of
 * it in one io_uring_enter; a short operation breaks the chain (the kernel cancels the rest)
 * and the next chain starts where the bytes stopped.  So the two modes differ only in the
 * calls, and bench/uring_vs_handwritten.sh can tell what io_uring itself costs on a pipe from
 * what bulkxfer adds.  The destination is in the receiver's page tables and written once by
 * its kernel before the clock, as bulkxfer's --dst memory (consumer/sink_keep.c).  Prints one
 * line (common.h), or with runs=N a line for each of N transfers after an untimed one.  The
 * loops bulkxfer's `uring` and `pipe` run with `--src memory --dst memory`.
 */
#include "common.h"

#include <liburing.h>

#define MAX_CHAIN 64u	/* bulkxfer's URING_MAX_CHAIN */

/* One side's io_uring loop over size bytes at base: chains of at most links operations of at
 * most op bytes, each chain waited for whole.  write_side: writes from base into fd, else
 * reads from fd into base. */
static void uring_loop(struct io_uring *ring, int fd, unsigned char *base, size_t size,
		       size_t op, unsigned links, int write_side)
{
	size_t done = 0;
	while (done < size) {
		struct io_uring_sqe *last = NULL;
		unsigned queued = 0;
		for (size_t pos = done; queued < links && pos < size; queued++) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
			size_t len = size - pos < op ? size - pos : op;
			if (write_side)
				io_uring_prep_write(sqe, fd, base + pos, (unsigned)len, 0);
			else
				io_uring_prep_read(sqe, fd, base + pos, (unsigned)len, 0);
			io_uring_sqe_set_data64(sqe, pos);
			if (last)
				last->flags |= IOSQE_IO_LINK;
			last = sqe;
			pos += len;
		}
		int rc = io_uring_submit_and_wait(ring, queued);
		if (rc < 0) {
			errno = -rc;
			die("io_uring_submit_and_wait");
		}
		for (unsigned i = 0; i < queued; i++) {
			struct io_uring_cqe *cqe;
			if ((rc = io_uring_wait_cqe(ring, &cqe)) < 0) {
				errno = -rc;
				die("io_uring_wait_cqe");
			}
			int res = cqe->res;
			uint64_t at = cqe->user_data;
			io_uring_cqe_seen(ring, cqe);
			if (res == -ECANCELED)
				continue;	/* after a short one: the next chain goes on */
			if (res <= 0) {
				errno = res ? -res : EPIPE;
				die(write_side ? "io_uring write(pipe)" : "io_uring read(pipe)");
			}
			if (at != done) {
				fprintf(stderr, "uring_pipe: an operation ran past a short one\n");
				exit(1);
			}
			done += (size_t)res;
		}
	}
}

/* A ring for chains of links operations (room to spare), or the program's end. */
static void ring_init(struct io_uring *ring, unsigned links)
{
	int rc = io_uring_queue_init(2 * links, ring, 0);
	if (rc < 0) {
		errno = -rc;
		die("io_uring_queue_init");
	}
}

/* The receiver's destination: size bytes, in its page tables and written once by its kernel
 * (read() from /dev/zero), so neither first touch is inside the clock. */
static unsigned char *kept_destination(size_t size)
{
	unsigned char *dst = placed_buffer(size, 0);
	memset(dst, 0, size);
	int zero = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	if (zero < 0)
		die("open(/dev/zero)");
	for (size_t off = 0; off < size; off += 1 << 20) {
		size_t n = size - off < (1u << 20) ? size - off : (1u << 20);
		if (read(zero, dst + off, n) != (ssize_t)n)
			die("read(/dev/zero)");
	}
	close(zero);
	return dst;
}

int main(int argc, char **argv)
{
	if (argc < 5 || (strcmp(argv[4], "uring") != 0 && strcmp(argv[4], "rw") != 0)) {
		fprintf(stderr, "usage: uring_pipe SIZE CHUNK PIPE uring|rw [runs=N]\n");
		return 2;
	}
	size_t size = parse_size(argv[1]), chunk = parse_size(argv[2]), psize = parse_size(argv[3]);
	int uring = strcmp(argv[4], "uring") == 0;
	if (size == 0 || chunk == 0 || psize == 0) {
		fprintf(stderr, "uring_pipe: SIZE, CHUNK and PIPE above 0\n");
		return 2;
	}
	unsigned depth = chunk > (256u << 10) ? (unsigned)((2u << 20) / chunk) : 8;
	depth = depth < 2 ? 2 : depth;
	size_t op = chunk;
	unsigned links;
	if (chunk > psize) {
		op = psize;
		size_t pieces = (chunk + psize - 1) / psize;
		links = pieces > MAX_CHAIN ? MAX_CHAIN : (unsigned)pieces;
	} else {
		links = psize / chunk > depth ? depth : (unsigned)(psize / chunk);
	}
	unsigned char *src = source_buffer(size, 0);
	int runs = timed_runs(argc, argv, 5);
	for (int run = 0; run < transfers_to_make(runs); run++) {
		int p[2], ready[2], back[2];
		open_channel_pipe(p, psize, 0);
		if (pipe(ready) < 0 || pipe(back) < 0)
			die("pipe");
		struct io_uring ring;
		pid_t child = fork_receiver(ready, back);
		if (child == 0) {
			close(p[1]);
			unsigned char *dst = kept_destination(size);
			if (uring)
				ring_init(&ring, links);
			struct usage u0;
			receiver_ready(ready[1], &u0);
			if (uring)
				uring_loop(&ring, p[0], dst, size, op, links, 0);
			for (size_t got = 0; !uring && got < size;) {
				ssize_t n = read(p[0], dst + got, size - got < chunk ? size - got : chunk);
				if (n < 0 && errno == EINTR)
					continue;
				if (n <= 0)
					die("read(pipe)");
				got += (size_t)n;
			}
			receiver_done(back[1], &u0);
		}
		close(p[0]);
		if (uring)
			ring_init(&ring, links);
		struct usage u0;
		double t0 = sender_start(ready[0], &u0);
		if (uring)
			uring_loop(&ring, p[1], src, size, op, links, 1);
		for (size_t sent = 0; !uring && sent < size;) {
			size_t n = size - sent < chunk ? size - sent : chunk;
			ssize_t w = write(p[1], src + sent, n);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				die("write(pipe)");
			sent += (size_t)w;
		}
		sender_done(back[0], child, t0, &u0, transfer_is_timed(runs, run));
		if (uring)
			io_uring_queue_exit(&ring);
		close(p[1]);
		close(ready[0]);
		close(back[0]);
	}
	return 0;
}
