/*
 * output_file.c - an output file written whole or not at all (see output_file.h).
 */
#include "base/output_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *output_file_open(struct output_file *o, const char *path)
{
	o->f = NULL;
	o->tmp[0] = '\0';
	if (snprintf(o->path, sizeof(o->path), "%s", path) >= (int)sizeof(o->path) ||
	    snprintf(o->tmp, sizeof(o->tmp), "%s.tmp-XXXXXX", path) >= (int)sizeof(o->tmp)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		errno = ELOOP;
		return NULL;
	}
	int fd = mkostemp(o->tmp, O_CLOEXEC);
	if (fd < 0)
		return NULL;
	/* mkostemp makes the file 0600; an output is read by others as a plain file is. */
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0644 & ~mask) < 0 || !(o->f = fdopen(fd, "w"))) {
		int e = errno;
		close(fd);
		unlink(o->tmp);
		errno = e;
		return NULL;
	}
	return o->f;
}

int output_file_close(struct output_file *o, int ok)
{
	if (!o->f)
		return 0;
	int rc = ferror(o->f) ? -EIO : 0;
	if (fclose(o->f) != 0 && rc == 0)
		rc = errno ? -errno : -EIO;
	o->f = NULL;
	if (rc == 0 && !ok)
		rc = -ECANCELED;
	if (rc == 0 && rename(o->tmp, o->path) < 0)
		rc = -errno;
	if (rc < 0)
		unlink(o->tmp);
	return rc;
}
