/*
 * runner.c - a series of runs (see runner.h).
 */
#define _GNU_SOURCE
#include "runner.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanup.h"
#include "harness.h"
#include "source.h"
#include "sysinfo.h"
#include "units.h"
#include "verify.h"

/* Paths and facts shared by every run of the series. */
struct series_files {
	char src[PATH_MAX];
	char dst[PATH_MAX];
	int src_is_temp, dst_is_temp;
	uint64_t src_hash;
	struct machine_desc machine;
	char src_fs[32], dst_fs[32];
};

static int series_add(struct series *s, const struct run_record *rec)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct run_record *grown = realloc(s->records, cap * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		s->records = grown;
		s->cap = cap;
	}
	s->records[s->n++] = *rec;
	return 0;
}

void series_free(struct series *s)
{
	free(s->records);
	memset(s, 0, sizeof(*s));
}

/* mkstemp() a file named bulkxfer-<what>-XXXXXX in dir, registered for cleanup; fd returned. */
static int make_temp_file(const char *dir, const char *what, char *path, size_t len,
			  struct bx_error *err)
{
	snprintf(path, len, "%s/bulkxfer-%s-XXXXXX", dir, what);
	int fd = mkstemp(path);
	if (fd < 0)
		return -bx_fail(err, BX_EXIT_FAILURE, "cannot create a temporary file in '%s': %s", dir,
				strerror(errno));
	cleanup_add_path(path);
	return fd;
}

static int prepare_source(const struct run_options *o, struct series_files *f,
			  struct bx_error *err)
{
	if (o->src) {
		snprintf(f->src, sizeof(f->src), "%s", o->src);
	} else {
		int fd = make_temp_file(o->workdir, "src", f->src, sizeof(f->src), err);
		if (fd < 0)
			return -fd;
		f->src_is_temp = 1;
		double t = measure_now();
		int rc = source_write(fd, o->size, o->seed);
		close(fd);
		if (rc < 0)
			return bx_fail(err, BX_EXIT_FAILURE, "cannot write the source '%s': %s", f->src,
				       strerror(-rc));
		if (isatty(STDERR_FILENO)) {
			char human[32];
			fprintf(stderr, "generated a %s source in %.2f s\n",
				units_format_size(o->size, human, sizeof(human)), measure_now() - t);
		}
	}
	if (o->verify) {
		int rc = verify_hash_path(f->src, &f->src_hash, NULL);
		if (rc < 0)
			return bx_fail(err, BX_EXIT_FAILURE, "cannot hash the source '%s': %s", f->src,
				       strerror(-rc));
	}
	return 0;
}

static int prepare_destination(const struct run_options *o, struct series_files *f,
			       struct bx_error *err)
{
	if (o->dst) {
		snprintf(f->dst, sizeof(f->dst), "%s", o->dst);
		return 0;
	}
	int fd = make_temp_file(o->workdir, "dst", f->dst, sizeof(f->dst), err);
	if (fd < 0)
		return -fd;
	close(fd);
	f->dst_is_temp = 1;
	return 0;
}

static void remove_temp_files(const struct run_options *o, struct series_files *f)
{
	const char *paths[] = { f->src, f->dst };
	int temps[] = { f->src_is_temp, f->dst_is_temp };
	for (int i = 0; i < 2; i++) {
		if (!temps[i])
			continue;
		if (o->keep) {
			fprintf(stderr, "bulkxfer: kept %s\n", paths[i]);
		} else {
			unlink(paths[i]);
		}
		cleanup_forget_path(paths[i]);
	}
}

static void describe_series(struct series_files *f)
{
	char dir[PATH_MAX];
	sysinfo_describe(&f->machine);
	sysinfo_fs_name(f->src, f->src_fs, sizeof(f->src_fs));
	snprintf(dir, sizeof(dir), "%s", f->dst);
	sysinfo_fs_name(dirname(dir), f->dst_fs, sizeof(f->dst_fs));
}

static void show_progress(size_t done, size_t total, const struct run_record *rec)
{
	if (!isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "\r[%zu/%zu] %-10s %8.3f GiB/s", done, total, rec->method, rec->gib_per_s);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

static void fill_series_fields(struct run_record *rec, const struct series_files *f, uint64_t run)
{
	rec->run = run;
	snprintf(rec->kernel, sizeof(rec->kernel), "%s", f->machine.kernel);
	snprintf(rec->cpu_model, sizeof(rec->cpu_model), "%s", f->machine.cpu_model);
	snprintf(rec->src_fs, sizeof(rec->src_fs), "%s", f->src_fs);
	snprintf(rec->dst_fs, sizeof(rec->dst_fs), "%s", f->dst_fs);
}

/* All rounds: each round runs every still-supported method once. */
static int run_rounds(const struct run_options *o, struct series_files *f, struct series *out,
		      struct bx_error *err)
{
	int skipped[MAX_METHODS] = { 0 };
	uint64_t rounds = o->warmup + o->runs;
	size_t total = (size_t)(rounds * o->nmethods), done = 0;
	for (uint64_t round = 0; round < rounds; round++) {
		for (size_t m = 0; m < o->nmethods; m++) {
			if (skipped[m])
				continue;
			struct transfer_spec spec = {
				.method = o->methods[m], .src_path = f->src, .dst_path = f->dst,
				.chunk = (size_t)o->chunk, .slots = (uint32_t)o->slots,
				.pipe_size = (size_t)o->pipe_size, .verify = o->verify,
				.src_hash = f->src_hash,
			};
			struct run_record rec;
			int rc = harness_transfer(&spec, &rec, err);
			if (f->dst_is_temp && !o->keep)
				unlink(f->dst);	/* the next run starts from a new file */
			if (rc == HARNESS_UNSUPPORTED) {
				bx_print_error("%s: unsupported here, skipped", err->msg);
				skipped[m] = 1;
				out->nskipped++;
				continue;
			}
			if (rc)
				return rc;
			done++;
			show_progress(done, total, &rec);
			if (round < o->warmup)
				continue;
			fill_series_fields(&rec, f, round - o->warmup + 1);
			rc = results_append_csv(o->csv, &rec, err);
			if (rc)
				return rc;
			if (series_add(out, &rec) < 0)
				return bx_fail(err, BX_EXIT_FAILURE, "out of memory for records");
		}
	}
	if (out->n == 0 && out->nskipped > 0)
		return bx_fail(err, BX_EXIT_FAILURE, "no method could run on this kernel and filesystem");
	return 0;
}

int runner_execute(const struct run_options *o, struct series *out, struct bx_error *err)
{
	struct series_files f;
	memset(&f, 0, sizeof(f));
	int rc = prepare_source(o, &f, err);
	if (rc == 0)
		rc = prepare_destination(o, &f, err);
	if (rc == 0) {
		describe_series(&f);
		rc = run_rounds(o, &f, out, err);
	}
	remove_temp_files(o, &f);
	return rc;
}
