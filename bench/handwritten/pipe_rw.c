/*
 * bench/handwritten/pipe_rw.c - write() -> read() through a pipe, memory to memory, by hand.
 *
 *   pipe_rw SIZE BUF PIPE [nonblock] [offset=N] [reuse] [runs=N]
 *
 * The sender write()s BUF bytes at a time from a SIZE-byte buffer in its memory into a pipe of
 * PIPE bytes (F_SETPIPE_SZ); the receiver read()s into a BUF-byte buffer and drops it.  Both
 * buffers start N bytes past a page start (default 0, page-aligned: bulkxfer's placement; 16 is
 * where glibc's malloc() puts a buffer of 128 KiB or more).  With nonblock both ends are
 * O_NONBLOCK and a call that would wait is made again at once.  With reuse the sender writes one
 * BUF-byte buffer over and over instead of SIZE bytes of memory: the public peer's loop
 * (bitonic/pipes-speed-test's write | read, whose malloc'd buffers sit 16 bytes past a page
 * start), so the bench can show this program as fast as the peer when it does the same.
 * Prints one line (common.h), or with runs=N a line for each of N transfers after an untimed
 * one.  Without reuse, the loop bulkxfer's
 * `pipe --src memory --sink-by read --buffer-offset N` runs.
 */
#include "common.h"

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: pipe_rw SIZE BUF PIPE [nonblock] [offset=N] [reuse] "
			"[runs=N]\n");
		return 2;
	}
	size_t size = parse_size(argv[1]), buf = parse_size(argv[2]), psize = parse_size(argv[3]);
	int nonblock = 0, reuse = 0;
	size_t offset = 0;
	for (int i = 4; i < argc; i++) {
		if (strcmp(argv[i], "nonblock") == 0)
			nonblock = 1;
		else if (strcmp(argv[i], "reuse") == 0)
			reuse = 1;
		else if (strncmp(argv[i], "offset=", 7) == 0)
			offset = (size_t)strtoul(argv[i] + 7, NULL, 10) & 4095;
	}
	size_t span = reuse ? buf : size;	/* the bytes the sender writes from */
	unsigned char *src = placed_source_buffer(span, 0, offset);
	int runs = timed_runs(argc, argv, 4);
	for (int run = 0; run < transfers_to_make(runs); run++) {
		int p[2], ready[2], back[2];
		open_channel_pipe(p, psize, nonblock);
		if (pipe(ready) < 0 || pipe(back) < 0)
			die("pipe");
		pid_t child = fork_receiver(ready, back);
		if (child == 0) {
			close(p[1]);
			unsigned char *dst = placed_buffer(buf, offset);
			/* said on stderr: where the buffers sit, as bulkxfer's CSV records its own */
			fprintf(stderr, "pipe_rw: receiver's buffer %zu bytes past a page start\n",
				(size_t)((uintptr_t)dst & 4095));
			memset(dst, 0, buf);
			struct usage u0;
			receiver_ready(ready[1], &u0);
			size_t got = 0;
			while (got < size) {
				ssize_t n = read(p[0], dst, buf);
				if (n < 0 && (errno == EAGAIN || errno == EINTR))
					continue;
				if (n <= 0)
					die("read(pipe)");
				got += (size_t)n;
			}
			receiver_done(back[1], &u0);
		}
		close(p[0]);
		fprintf(stderr, "pipe_rw: sender's source %zu bytes past a page start\n",
			(size_t)((uintptr_t)src & 4095));
		struct usage u0;
		double t0 = sender_start(ready[0], &u0);
		size_t sent = 0;
		while (sent < size) {
			size_t at = sent % span, len = span - at < buf ? span - at : buf;
			if (len > size - sent)
				len = size - sent;
			ssize_t n = write(p[1], src + at, len);
			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			if (n <= 0)
				die("write(pipe)");
			sent += (size_t)n;
		}
		sender_done(back[0], child, t0, &u0, transfer_is_timed(runs, run));
		close(p[1]);
		close(ready[0]);
		close(back[0]);
	}
	return 0;
}
