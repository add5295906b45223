/*
 * output_file.h - an output file written whole or not at all, and never through a link.
 *
 * Every report, CSV, plot-data, profile and graph-source file bulkxfer writes goes through
 * here.  Why: a report, verdicts or summary file cut off by a full disk or a failed write would
 * read as a complete one, and bulkxfer, often run as root, writes into folders others can
 * write too.  The bytes go into a new sibling (created with O_EXCL, so never through a link
 * planted at its name) that is renamed over the final name only when every write succeeded;
 * on any failure the sibling is removed and the final name keeps what it had.
 */
#ifndef BX_OUTPUT_FILE_H
#define BX_OUTPUT_FILE_H

#include <limits.h>
#include <stdio.h>

struct output_file {
	FILE *f;			/* NULL when not open */
	char path[PATH_MAX];		/* the final name */
	char tmp[PATH_MAX + 16];	/* the sibling written first: path.tmp-XXXXXX */
};

/* Open an output for path: a new sibling beside it (mode 0644 less the umask), its stream
 * returned and kept in o->f.  Refuses, with errno ELOOP (io_open_error says why), a path that
 * is a symbolic link: someone could have planted it, and a link there is not what the user
 * named.  NULL with errno set; o->f is then NULL and output_file_close(o, ...) is a no-op. */
FILE *output_file_open(struct output_file *o, const char *path);

/* Finish o.  When ok is nonzero and every write reached the sibling (no stream error, the
 * flush and close succeeded), rename it over path; otherwise remove it, path keeping what it
 * held before.  Returns 0 (also for an o that was never opened), -errno of the step that
 * failed (-EIO for an earlier write), or -ECANCELED when ok was 0.  o->f is NULL after. */
int output_file_close(struct output_file *o, int ok);

#endif
