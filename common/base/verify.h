/*
 * verify.h - byte-exact verification: the XXH3 64-bit hash of a whole file.
 */
#ifndef BX_VERIFY_H
#define BX_VERIFY_H

#include <stdint.h>

/* Hash everything in fd from offset 0 to end of file (pread, so the file offset is untouched).
 * Streams through a fixed buffer, so files larger than memory work.  Stores the hash and the
 * number of bytes hashed.  Returns 0 or -errno. */
int verify_hash_fd(int fd, uint64_t *hash, uint64_t *bytes);

/* The XXH3 of bytes in memory: the same hash a file holding them has. */
uint64_t verify_hash_memory(const void *p, uint64_t len);

/* Same for a path.  Returns 0 or -errno (open or read failure). */
int verify_hash_path(const char *path, uint64_t *hash, uint64_t *bytes);

#endif
