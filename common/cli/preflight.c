/*
 * preflight.c - filesystem checks before a run (see preflight.h).
 */
#include "cli/preflight.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "channel/channel_pipe.h"
#include "cli/resources.h"
#include "record/results.h"
#include "sampling/sampler.h"

static const char *file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

static int check_source(const char *src, struct stat *st, struct bx_error *err)
{
	if (stat(src, st) < 0)
		return bx_fail(err, BX_EXIT_USAGE, "cannot read source '%s': %s", src, strerror(errno));
	if (!S_ISREG(st->st_mode))
		return bx_fail(err, BX_EXIT_USAGE, "source '%s' is %s: give a regular file", src,
			       file_kind(st->st_mode));
	int fd = open(src, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return bx_fail(err, BX_EXIT_USAGE, "cannot read source '%s': %s", src, strerror(errno));
	close(fd);
	return 0;
}

static int check_writable_dir(const char *what, const char *dir, struct bx_error *err)
{
	struct stat st;
	if (stat(dir, &st) < 0)
		return bx_fail(err, BX_EXIT_USAGE, "%s '%s' does not exist: %s", what, dir,
			       strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return bx_fail(err, BX_EXIT_USAGE, "%s '%s' is not a directory", what, dir);
	if (access(dir, W_OK | X_OK) < 0)
		return bx_fail(err, BX_EXIT_USAGE, "%s '%s' is not writable: %s", what, dir,
			       strerror(errno));
	return 0;
}

static int check_destination(const char *dst, const char *src, const struct stat *src_st,
			     struct bx_error *err)
{
	struct stat st;
	if (stat(dst, &st) == 0) {	/* follows symlinks: a link to the source is the source */
		if (S_ISDIR(st.st_mode))
			return bx_fail(err, BX_EXIT_USAGE, "destination '%s' is a directory", dst);
		if (src && st.st_dev == src_st->st_dev && st.st_ino == src_st->st_ino)
			return bx_fail(err, BX_EXIT_USAGE,
				       "destination '%s' is the source '%s': refusing to overwrite it",
				       dst, src);
		if (!S_ISREG(st.st_mode))
			return bx_fail(err, BX_EXIT_USAGE, "destination '%s' is %s", dst,
				       file_kind(st.st_mode));
	}
	char copy[PATH_MAX];
	snprintf(copy, sizeof(copy), "%s", dst);
	return check_writable_dir("destination directory", dirname(copy), err);
}

/* The default results folder is ours to create; a folder the user named must exist. */
static void make_default_results_dir(const char *csv)
{
	if (strcmp(csv, DEFAULT_CSV) != 0)
		return;
	char copy[PATH_MAX];
	snprintf(copy, sizeof(copy), "%s", csv);
	mkdir(dirname(copy), 0755);
}


/* An output directory is either an existing directory or a new one in a writable parent. */
static int check_output_dir(const char *out, struct bx_error *err)
{
	struct stat st;
	if (stat(out, &st) == 0)
		return S_ISDIR(st.st_mode) ? check_writable_dir("output directory", out, err)
					   : bx_fail(err, BX_EXIT_USAGE,
						     "output directory '%s' is not a directory", out);
	char copy[PATH_MAX];
	snprintf(copy, sizeof(copy), "%s", out);
	return check_writable_dir("parent of the output directory", dirname(copy), err);
}

static int check_pipe_size(uint64_t pipe_size, struct bx_error *err)
{
	if (pipe_size == 0)
		return 0;
	int fds[2];
	int rc = channel_pipe_open(fds, (size_t)pipe_size, NULL);
	if (rc < 0) {
		char limit[32] = "?";
		size_t max = channel_pipe_max_size();
		if (max)
			snprintf(limit, sizeof(limit), "%zu", max);
		return bx_fail(err, BX_EXIT_USAGE,
			       "--pipe-size %llu: the kernel refused it: %s (pipe-max-size is %s)",
			       (unsigned long long)pipe_size, strerror(-rc), limit);
	}
	close(fds[0]);
	close(fds[1]);
	return 0;
}

/* --profile needs perf_event_open with call chains: refused before the first byte, with the
 * setting that refuses it. */
static int check_profiling(struct bx_error *err)
{
	char why[256];
	if (sampler_probe(why, sizeof(why)) < 0)
		return bx_fail(err, BX_EXIT_USAGE, "--profile: %s", why);
	return 0;
}

/* Methods named on the command line must be able to run here: an io_uring half where io_uring
 * is refused (sysctl, seccomp, an old kernel), a zero-copy send where the kernel refuses it,
 * is a usage error before anything runs.  Left to 'all', they are skipped by the harness with
 * the same reason instead. */
static int check_methods_usable(const struct run_options *o, struct bx_error *err)
{
	if (!o->methods_given && !o->producer_half)
		return 0;
	for (size_t i = 0; i < o->nmethods; i++) {
		const struct half_ops *h[2] = { o->methods[i]->producer, o->methods[i]->consumer };
		for (int k = 0; k < 2; k++) {
			char why[256];
			if (h[k]->usable && h[k]->usable(why, sizeof(why)) < 0)
				return bx_fail(err, BX_EXIT_USAGE, "%s cannot run here: %s",
					       o->methods[i]->name, why);
		}
	}
	return 0;
}

int preflight_check(const struct run_options *o, struct bx_error *err)
{
	struct stat src_st;
	memset(&src_st, 0, sizeof(src_st));
	int rc = 0;
	if (o->src)
		rc = check_source(o->src, &src_st, err);
	if (rc == 0 && (!o->src || !o->dst))
		rc = check_writable_dir("workdir", o->workdir, err);
	if (rc == 0 && o->dst)
		rc = check_destination(o->dst, o->src, &src_st, err);
	if (rc == 0 && (o->command & (CMD_RUN | CMD_SWEEP))) {
		make_default_results_dir(o->csv);
		rc = results_check_csv(o->csv, err);
	}
	if (rc == 0 && o->out)
		rc = check_output_dir(o->out, err);
	if (rc == 0)
		rc = check_pipe_size(o->pipe_size, err);
	if (rc == 0 && (o->command & (CMD_RUN | CMD_SWEEP | CMD_REPRODUCE | CMD_LIMITS)))
		rc = resources_check(o, err);
	if (rc == 0 && o->profile)
		rc = check_profiling(err);
	if (rc == 0 && (o->command & (CMD_RUN | CMD_SWEEP)))
		rc = check_methods_usable(o, err);
	return rc;
}

int preflight_output_dir(const char *out, struct bx_error *err)
{
	return check_output_dir(out, err);
}
