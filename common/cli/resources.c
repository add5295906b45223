/*
 * resources.c - room on disk and in memory for a run (see resources.h).
 */
#include "cli/resources.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "base/units.h"
#include "channel/channel_shm.h"
#include "consumer/sink.h"
#include "host/sysinfo.h"

#define SHM_DIR "/dev/shm"

/* One filesystem and what the run will put on it. */
struct fs_need {
	const char *dir;	/* a directory on it, for messages */
	dev_t dev;
	uint64_t need;		/* bytes */
	uint64_t freed;		/* bytes the run frees first (a --dst that is truncated) */
	const char *what;	/* "source and destination", ... */
};

/* The largest file of the run; with --keep, every size's files stay, so their sum. */
static uint64_t largest_size(const struct run_options *o)
{
	if (o->src) {
		struct stat st;
		return stat(o->src, &st) == 0 ? (uint64_t)st.st_size : 0;
	}
	uint64_t max = 0, sum = 0;
	for (size_t i = 0; i < o->sizes.n; i++) {
		max = o->sizes.v[i] > max ? o->sizes.v[i] : max;
		sum = sum + o->sizes.v[i] < sum ? UINT64_MAX : sum + o->sizes.v[i];
	}
	return o->keep ? sum : max;
}

/* A regular file can be made in dir: as bulkxfer makes them (O_TMPFILE, else a named one). */
static int check_can_create(const char *dir, struct bx_error *err)
{
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/bulkxfer-check-XXXXXX", dir);
	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0)
		return bx_fail(err, BX_EXIT_USAGE, "workdir '%s': no file can be created there: %s",
			       dir, strerror(errno));
	struct stat st;
	int regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	close(fd);
	unlink(path);
	if (!regular)
		return bx_fail(err, BX_EXIT_USAGE, "workdir '%s': what is created there is not a "
			       "regular file", dir);
	return 0;
}

static void add_need(struct fs_need *fs, size_t *n, const char *dir, uint64_t bytes,
		     const char *what)
{
	struct stat st;
	if (bytes == 0 || stat(dir, &st) < 0)
		return;
	for (size_t i = 0; i < *n; i++)
		if (fs[i].dev == st.st_dev) {
			fs[i].need = fs[i].need + bytes < fs[i].need ? UINT64_MAX : fs[i].need + bytes;
			fs[i].what = "source and destination";
			return;
		}
	fs[*n] = (struct fs_need){ dir, st.st_dev, bytes, 0, what };
	(*n)++;
}

static int check_fs(const struct fs_need *fs, uint64_t size, struct bx_error *err)
{
	struct statvfs v;
	if (statvfs(fs->dir, &v) < 0)
		return 0;	/* cannot tell: the run's own errors will say */
	uint64_t free_bytes = (uint64_t)v.f_bavail * (uint64_t)v.f_frsize + fs->freed;
	if (fs->need <= free_bytes)
		return 0;
	char need[32], have[32], file[32], fsname[32];
	sysinfo_fs_name(fs->dir, fsname, sizeof(fsname));
	return bx_fail(err, BX_EXIT_USAGE,
		       "not enough disk space: the %s of a %s run need %s in '%s' (%s), which has "
		       "%s free", fs->what, units_format_size(size, file, sizeof(file)),
		       units_format_size(fs->need, need, sizeof(need)), fs->dir, fsname,
		       units_format_size(free_bytes, have, sizeof(have)));
}

static int whole_file_in_memory(const struct run_options *o)
{
	if (o->command == CMD_REPRODUCE)
		return 1;	/* its study phase runs shm-whole whatever --method says */
	for (size_t i = 0; i < o->nmethods; i++)
		if (o->methods[i]->producer->channel == CHANNEL_SHM_WHOLE)
			return 1;
	return 0;
}

/* Where a memfd can be made, the region is one (shmem, not bound by /dev/shm's size);
 * elsewhere it is a POSIX object in /dev/shm (channel_shm.c). */
static int memfd_works(void)
{
	int fd = memfd_create("bulkxfer-check", MFD_CLOEXEC);
	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

static int check_memory(const struct run_options *o, uint64_t size, struct bx_error *err)
{
	if (!whole_file_in_memory(o))
		return 0;
	/* reproduce's study runs shm-whole whatever --method says: only the file can change. */
	const char *fix = o->command == CMD_REPRODUCE ? "use a smaller --size or --src" :
			  "leave shm-whole out, or use a smaller file";
	char file[32], have[32];
	if (size > SHM_RING_MAX_BYTES)
		return bx_fail(err, BX_EXIT_USAGE,
			       "shm-whole keeps the whole file in one shared-memory region of at most "
			       "%llu GiB; this file is %s (%s)",
			       (unsigned long long)(SHM_RING_MAX_BYTES >> 30),
			       units_format_size(size, file, sizeof(file)), fix);
	struct statvfs v;
	if (!memfd_works() && statvfs(SHM_DIR, &v) == 0) {
		uint64_t shm_free = (uint64_t)v.f_bavail * (uint64_t)v.f_frsize;
		if (size > shm_free)
			return bx_fail(err, BX_EXIT_USAGE,
				       "not enough shared memory: shm-whole keeps the whole %s file in "
				       "one region in %s, which has %s free (%s)",
				       units_format_size(size, file, sizeof(file)), SHM_DIR,
				       units_format_size(shm_free, have, sizeof(have)), fix);
	}
	uint64_t avail = sysinfo_meminfo_bytes("MemAvailable");
	if (avail > 0 && size > avail)
		return bx_fail(err, BX_EXIT_USAGE,
			       "not enough memory: shm-whole keeps the whole %s file in shared "
			       "memory, and MemAvailable is %s (%s)",
			       units_format_size(size, file, sizeof(file)),
			       units_format_size(avail, have, sizeof(have)), fix);
	return 0;
}

/* --src memory and --dst memory: the producer's buffer, the consumer's destination and
 * shm-whole's region beside them, in MemAvailable. */
static int check_memory_ends(const struct run_options *o, uint64_t size, struct bx_error *err)
{
	int keeps = sink_by_keeps(o->sink_by);
	if (!o->src_memory && !keeps)
		return 0;
	uint64_t need = (o->src_memory ? size : 0) + (keeps ? size : 0) +
			(whole_file_in_memory(o) ? size : 0);
	uint64_t avail = sysinfo_meminfo_bytes("MemAvailable");
	char file[32], needs[32], have[32];
	if (avail > 0 && need > avail)
		return bx_fail(err, BX_EXIT_USAGE,
			       "not enough memory: %s the %s transfer in memory%s (%s), and "
			       "MemAvailable is %s (use a smaller --size)",
			       o->src_memory && keeps ? "--src memory and --dst memory each keep" :
			       o->src_memory ? "--src memory keeps" : "--dst memory keeps",
			       units_format_size(size, file, sizeof(file)),
			       whole_file_in_memory(o) ? ", and shm-whole a region as large" : "",
			       units_format_size(need, needs, sizeof(needs)),
			       units_format_size(avail, have, sizeof(have)));
	return 0;
}

int resources_check(const struct run_options *o, struct bx_error *err)
{
	int rc = 0;
	if (!o->src || !o->dst)
		rc = check_can_create(o->workdir, err);
	if (rc)
		return rc;
	uint64_t size = largest_size(o);
	rc = check_memory(o, size, err);
	if (rc == 0)
		rc = check_memory_ends(o, size, err);
	if (rc)
		return rc;
	struct fs_need fs[2];
	size_t n = 0;
	if (!o->src && !o->src_memory)
		add_need(fs, &n, o->workdir, size, "source");
	char copy[PATH_MAX];
	const char *dst_dir = o->workdir;
	if (o->dst) {
		snprintf(copy, sizeof(copy), "%s", o->dst);
		dst_dir = dirname(copy);
	}
	/* With --sink there is no destination, but priming writes a scratch file in the workdir. */
	add_need(fs, &n, dst_dir, size, o->sink ? "scratch file" : "destination");
	struct stat st;
	if (o->dst && stat(o->dst, &st) == 0 && S_ISREG(st.st_mode) && n > 0 &&
	    st.st_dev == fs[n - 1].dev)
		fs[n - 1].freed = (uint64_t)st.st_blocks * 512;	/* truncated before the run */
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = check_fs(&fs[i], size, err);
	return rc;
}
