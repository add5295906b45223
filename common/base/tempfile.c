/*
 * tempfile.c - temporary files that cannot leak (see tempfile.h).
 */
#include "base/tempfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/io_util.h"
#include "base/measure.h"
#include "base/source.h"

int temp_file_create(struct temp_file *tf, const char *dir, const char *what, int keep,
		     struct bx_error *err)
{
	memset(tf, 0, sizeof(*tf));
	tf->fd = -1;
	if (!keep) {
		tf->fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
		if (tf->fd >= 0) {
			snprintf(tf->path, sizeof(tf->path), "/proc/self/fd/%d", tf->fd);
			return 0;
		}
	}
	snprintf(tf->path, sizeof(tf->path), "%s/bulkxfer-%s-XXXXXX", dir, what);
	tf->fd = mkostemp(tf->path, O_CLOEXEC);
	if (tf->fd < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot create a temporary file in '%s': %s", dir,
			       strerror(errno));
	tf->named = 1;
	cleanup_add_path(tf->path);
	return 0;
}

void temp_file_release(struct temp_file *tf, int keep)
{
	if (tf->named) {
		if (keep)
			fprintf(stderr, "bulkxfer: kept %s\n", tf->path);
		else
			unlink(tf->path);
		cleanup_forget_path(tf->path);
	}
	if (tf->fd >= 0)
		close(tf->fd);
	memset(tf, 0, sizeof(*tf));
	tf->fd = -1;
}

#define DROPPED_CHUNK (1UL << 20)

int temp_file_write_dropped(const char *dir, uint64_t size, double *seconds)
{
	*seconds = 0;
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	char *buf = malloc(DROPPED_CHUNK);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	source_fill(buf, DROPPED_CHUNK, 0, SOURCE_DEFAULT_SEED);
	int rc = 0;
	double t = measure_now();
	for (uint64_t done = 0; done < size && rc == 0; done += DROPPED_CHUNK)
		rc = io_write_all(fd, buf, (size_t)io_min_u64(DROPPED_CHUNK, size - done), NULL);
	*seconds = measure_now() - t;
	free(buf);
	close(fd);	/* unnamed: its blocks and pages are freed here */
	return rc;
}
