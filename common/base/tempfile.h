/*
 * tempfile.h - the generated source and the default destination: files that must not outlive
 * the run, not even a SIGKILL of bulkxfer.  Where the filesystem allows it they are O_TMPFILE
 * files that never have a name (the kernel frees them when the last descriptor closes) and are
 * reached through /proc/self/fd/N; elsewhere, and with --keep, named mkstemp() files that the
 * cleanup registry removes on every exit path it can see.
 */
#ifndef BX_TEMPFILE_H
#define BX_TEMPFILE_H

#include <limits.h>
#include <stdint.h>

#include "base/errors.h"

struct temp_file {
	char path[PATH_MAX];	/* what to open: "/proc/self/fd/N" or the named file */
	int fd;			/* held open for the file's life; -1 when none */
	int named;		/* 1 for an mkstemp() file, which must be unlinked */
};

/* Make an empty temporary file in dir, "bulkxfer-<what>-XXXXXX" when it must have a name
 * (keep, or no O_TMPFILE on that filesystem).  Returns 0, or BX_EXIT_FAILURE with *err filled. */
int temp_file_create(struct temp_file *tf, const char *dir, const char *what, int keep,
		     struct bx_error *err);

/* Release the file: close it, and unlink it unless keep (then say on stderr where it is). */
void temp_file_release(struct temp_file *tf, int keep);

/* Write size bytes of source data into a new unnamed file in dir, 1 MiB per call, and drop it
 * (its pages are freed at once and never written back).  *seconds gets the time the writes took.
 * The destination floor and the prime are this.  Returns 0 or -errno (no file could be made in
 * dir, or a write failed; the file is gone either way). */
int temp_file_write_dropped(const char *dir, uint64_t size, double *seconds);

#endif
