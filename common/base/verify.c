/*
 * verify.c - XXH3-64 of a file (see verify.h).  XXH3 runs at tens of GB/s, so hashing costs far
 * less than the transfer it checks; reading the file back from the page cache is the real cost.
 */
#include "base/verify.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <xxhash.h>

#define VERIFY_BUFFER_BYTES (4UL << 20)

int verify_hash_fd(int fd, uint64_t *hash, uint64_t *bytes)
{
	void *buf = NULL;
	XXH3_state_t *state = XXH3_createState();
	if (!state || posix_memalign(&buf, 4096, VERIFY_BUFFER_BYTES) != 0) {
		XXH3_freeState(state);
		return -ENOMEM;
	}
	XXH3_64bits_reset(state);
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	int rc = 0;
	off_t off = 0;
	for (;;) {
		ssize_t n = pread(fd, buf, VERIFY_BUFFER_BYTES, off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = -errno;
			break;
		}
		if (n == 0)
			break;
		XXH3_64bits_update(state, buf, (size_t)n);
		off += n;
	}
	if (rc == 0) {
		*hash = XXH3_64bits_digest(state);
		if (bytes)
			*bytes = (uint64_t)off;
	}
	free(buf);
	XXH3_freeState(state);
	return rc;
}

int verify_hash_path(const char *path, uint64_t *hash, uint64_t *bytes)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	int rc = verify_hash_fd(fd, hash, bytes);
	close(fd);
	return rc;
}

uint64_t verify_hash_memory(const void *p, uint64_t len)
{
	return XXH3_64bits(p, (size_t)len);
}
