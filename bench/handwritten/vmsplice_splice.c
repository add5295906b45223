/*
 * bench/handwritten/vmsplice_splice.c - vmsplice() -> splice() to /dev/null, by hand.
 *
 *   vmsplice_splice SIZE BUF PIPE [gift] [nonblock] [runs=N]
 *
 * The sender vmsplice()s BUF bytes at a time of a SIZE-byte buffer (huge pages asked for with
 * madvise, as the "how fast are Linux pipes" experiments did) into a pipe of PIPE bytes; the
 * receiver splice()s the pipe to /dev/null.  gift: SPLICE_F_GIFT; nonblock: both ends
 * O_NONBLOCK, calls that would wait made again at once.  Prints one line (common.h), or with
 * runs=N a line for each of N transfers after an untimed one.  The loop
 * bulkxfer's `vmsplice` / `vmsplice-gift --src memory --huge --sink` runs.
 */
#include "common.h"	/* first: it defines _GNU_SOURCE */

#include <sys/uio.h>

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: vmsplice_splice SIZE BUF PIPE [gift] [nonblock] [runs=N]\n");
		return 2;
	}
	size_t size = parse_size(argv[1]), buf = parse_size(argv[2]), psize = parse_size(argv[3]);
	unsigned flags = 0;
	int nonblock = 0;
	for (int i = 4; i < argc; i++) {
		if (strcmp(argv[i], "gift") == 0)
			flags |= SPLICE_F_GIFT;
		if (strcmp(argv[i], "nonblock") == 0)
			nonblock = 1;
	}
	unsigned char *src = source_buffer(size, 1);
	int runs = timed_runs(argc, argv, 4);
	for (int run = 0; run < transfers_to_make(runs); run++) {
		int p[2], ready[2], back[2];
		open_channel_pipe(p, psize, nonblock);
		if (pipe(ready) < 0 || pipe(back) < 0)
			die("pipe");
		pid_t child = fork_receiver(ready, back);
		if (child == 0) {
			close(p[1]);
			int null = open("/dev/null", O_WRONLY);
			if (null < 0)
				die("open(/dev/null)");
			struct usage u0;
			receiver_ready(ready[1], &u0);
			size_t got = 0;
			while (got < size) {
				ssize_t n = splice(p[0], NULL, null, NULL, buf, 0);
				if (n < 0 && (errno == EAGAIN || errno == EINTR))
					continue;
				if (n <= 0)
					die("splice(pipe -> /dev/null)");
				got += (size_t)n;
			}
			receiver_done(back[1], &u0);
		}
		close(p[0]);
		struct usage u0;
		double t0 = sender_start(ready[0], &u0);
		size_t sent = 0;
		while (sent < size) {
			struct iovec iov = { src + sent, size - sent < buf ? size - sent : buf };
			ssize_t n = vmsplice(p[1], &iov, 1, flags);
			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			if (n <= 0)
				die("vmsplice(pipe)");
			sent += (size_t)n;
		}
		sender_done(back[0], child, t0, &u0, transfer_is_timed(runs, run));
		close(p[1]);
		close(ready[0]);
		close(back[0]);
	}
	return 0;
}
