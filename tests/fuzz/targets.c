/*
 * targets.c - the readers of outside input, each behind a function of arbitrary bytes (see
 * targets.h).  A file reader gets the bytes as a file: an anonymous memfd opened by its
 * /proc/self/fd path, so the reader's own fopen runs and nothing is left on disk.  The /proc and
 * /sys readers get a directory tree of files made from the bytes.
 */
#include "targets.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/model/model.h"
#include "analysis/profile/categories.h"
#include "analysis/profile/profile_out.h"
#include "host/unit_costs.h"
#include "base/errors.h"
#include "base/units.h"
#include "cli/options.h"
#include "host/sysinfo.h"
#include "host/system_check.h"
#include "record/results.h"
#include "record/stack_counts.h"
#include "sampling/symbols.h"

/* A rule of the readers broke: abort, which libFuzzer reports as a crash with the input. */
#define PROMISE(cond) PROMISE_SAYING(cond, "")
#define PROMISE_SAYING(cond, text)                                                               \
	do {                                                                                     \
		if (!(cond)) {                                                                   \
			fprintf(stderr, "fuzz: broken promise: %s (%s:%d) [%s]\n", #cond,        \
				__FILE__, __LINE__, (text));                                     \
			abort();                                                                 \
		}                                                                                \
	} while (0)

/* ---- bytes as a file ----------------------------------------------------------------- */

static int input_fd = -1;

/* The bytes as a file; its path into path[len].  Returns 0 or -1. */
static int as_file(const uint8_t *data, size_t size, char *path, size_t len)
{
	if (input_fd < 0)
		input_fd = memfd_create("bulkxfer-fuzz-input", MFD_CLOEXEC);
	if (input_fd < 0 || ftruncate(input_fd, 0) < 0)
		return -1;
	size_t done = 0;
	while (done < size) {
		ssize_t w = pwrite(input_fd, data + done, size - done, (off_t)done);
		if (w <= 0)
			return -1;
		done += (size_t)w;
	}
	snprintf(path, len, "/proc/self/fd/%d", input_fd);
	return 0;
}

/* A refusal is one line that names the file, with a usage or failure exit. */
static void check_refusal(const struct bx_error *err, const char *path)
{
	PROMISE_SAYING(err->code == BX_EXIT_USAGE || err->code == BX_EXIT_FAILURE, err->msg);
	PROMISE_SAYING(err->msg[0] != '\0', err->msg);
	PROMISE_SAYING(strchr(err->msg, '\n') == NULL, err->msg);
	PROMISE_SAYING(strstr(err->msg, path) != NULL, err->msg);
}

/* ---- the file readers ---------------------------------------------------------------- */

/* results_read_csv: runs.csv from any machine (report, compare, explain). */
static int fuzz_runs_csv(const uint8_t *data, size_t size)
{
	char path[64];
	if (as_file(data, size, path, sizeof(path)) < 0)
		return 0;
	struct run_record *recs = NULL;
	size_t n = 0, cap = 0;
	struct bx_error err = { 0 };
	if (results_read_csv(path, &recs, &n, &cap, &err) != 0) {
		check_refusal(&err, path);
	} else {
		/* Whatever was read must be writable again as a row. */
		char row[16384];
		for (size_t i = 0; i < n; i++)
			PROMISE(results_format_csv(&recs[i], row, sizeof(row)) > 0);
	}
	free(recs);
	return 0;
}

/* model_read_csv: a model.csv given to explain --model. */
static int fuzz_model_csv(const uint8_t *data, size_t size)
{
	char path[64];
	if (as_file(data, size, path, sizeof(path)) < 0)
		return 0;
	struct side_models ms;
	int rc = model_read_csv(path, &ms);
	PROMISE(rc == 0 || rc < 0);
	return 0;
}

/* stack_counts_read: a folded-stacks file of a reproduce directory read back, then sorted into
 * the profile's categories as the report does. */
static int fuzz_folded(const uint8_t *data, size_t size)
{
	char path[64];
	if (as_file(data, size, path, sizeof(path)) < 0)
		return 0;
	struct stack_counts sc = { 0 };
	size_t bad_line = 0;
	int rc = stack_counts_read(&sc, path, &bad_line);
	PROMISE(rc == 0 || rc < 0);
	if (rc == 0) {
		uint64_t counts[CAT_COUNT];
		profile_categorize(&sc, counts);
		uint64_t sum = 0;
		for (int c = 0; c < CAT_COUNT; c++)
			sum += counts[c];
		PROMISE(sum == sc.total);	/* every sample lands in exactly one category */
	}
	stack_counts_free(&sc);
	return 0;
}

/* profile_read_csv: a profile.csv given to explain --profile or read back with its job. */
static int fuzz_profile_csv(const uint8_t *data, size_t size)
{
	char path[64];
	if (as_file(data, size, path, sizeof(path)) < 0)
		return 0;
	struct profile_row *rows = NULL;
	size_t n = 0;
	struct bx_error err = { 0 };
	if (profile_read_csv(path, &rows, &n, &err) != 0)
		check_refusal(&err, path);
	free(rows);
	return 0;
}

/* unit_costs_read: a job's unit-costs.csv read back by `report`. */
static int fuzz_unit_costs(const uint8_t *data, size_t size)
{
	char path[64];
	if (as_file(data, size, path, sizeof(path)) < 0)
		return 0;
	struct unit_costs u;
	struct bx_error err = { 0 };
	int rc = unit_costs_read(path, &u, &err);
	if (rc > 0)
		check_refusal(&err, path);
	else if (rc == 0)	/* what it read is what a job could have measured */
		PROMISE(u.fault_s >= 0 && u.syscall_s >= 0 && u.wakeup_s >= 0 &&
			u.memcpy_gib_s >= 0 && u.kernel_copy_gib_s >= 0);
	return 0;
}

/* ---- ELF images ---------------------------------------------------------------------- */

/* The ELF symbol reader on bytes that claim to be an ELF file: an exact-size copy, so the
 * address sanitizer sees any read outside them.  The first 8 bytes (when there are more) are an
 * address to look up as a sampled one would be. */
static int fuzz_elf(const uint8_t *data, size_t size)
{
	uint64_t probe = 0;
	if (size > 8) {
		memcpy(&probe, data, 8);
		data += 8;
		size -= 8;
	}
	/* An mmap'ed file starts on a page; an 8-aligned copy is the strictest alignment a file's
	 * start could give the reader. */
	void *image = malloc(size ? size : 1);
	if (!image)
		return 0;
	memcpy(image, data, size);
	struct symbol_table *t = symbol_table_of_image(image, size);
	if (t) {
		const char *name = symbol_table_name(t, probe);
		if (name)
			PROMISE(strlen(name) < size);	/* a name lies inside the image */
		uint64_t v = symbol_table_vaddr_of(t, probe);
		if (v)
			(void)symbol_table_name(t, v);
		symbol_table_free(t);
	}
	free(image);
	return 0;
}

/* /proc/kallsyms's format, read the way the kernel's table is. */
static int fuzz_kallsyms(const uint8_t *data, size_t size)
{
	char path[64];
	if (as_file(data, size, path, sizeof(path)) < 0)
		return 0;
	struct symbol_table *t = symbol_table_of_kallsyms(path);
	if (t) {
		PROMISE(symbol_table_count(t) > 0);
		(void)symbol_table_name(t, 0xffffffff81000000ull);
		symbol_table_free(t);
	}
	return 0;
}

/* ---- /proc and /sys under a root ----------------------------------------------------- */

/* The files `bulkxfer system --root` and the machine description read.  The input is split at
 * NUL bytes; part i becomes file i, an empty part (or a missing one) leaves it absent. */
static const char *const proc_files[] = {
	"/proc/meminfo",
	"/proc/stat",
	"/proc/cpuinfo",
	"/proc/self/mountinfo",
	"/proc/1/stat",
	"/proc/4242/stat",
	"/proc/sys/vm/swappiness",
	"/proc/sys/vm/dirty_ratio",
	"/proc/sys/vm/dirty_background_ratio",
	"/proc/sys/vm/dirty_bytes",
	"/proc/sys/vm/dirty_background_bytes",
	"/proc/sys/vm/dirty_expire_centisecs",
	"/proc/sys/fs/pipe-max-size",
	"/sys/module/page_reporting/parameters/page_reporting_order",
	"/sys/module/page_reporting/parameters/reported_kib",
	"/sys/kernel/mm/damon/admin/kdamonds/nr_kdamonds",
	"/sys/kernel/mm/damon/admin/kdamonds/0/state",
	"/sys/kernel/mm/damon/admin/kdamonds/0/contexts/0/schemes/0/action",
	"/sys/kernel/mm/damon/admin/kdamonds/0/contexts/0/schemes/0/access_pattern/age/min",
	"/sys/kernel/mm/damon/admin/kdamonds/0/contexts/0/monitoring_attrs/intervals/aggr_us",
	"/sys/module/damon_reclaim/parameters/enabled",
	"/sys/kernel/mm/transparent_hugepage/enabled",
	"/sys/kernel/mm/transparent_hugepage/defrag",
	"/sys/kernel/mm/transparent_hugepage/shmem_enabled",
	"/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor",
	"/sys/devices/system/cpu/cpufreq/boost",
};
#define NPROC_FILES (sizeof(proc_files) / sizeof(proc_files[0]))

static char proc_root[PATH_MAX];

static int make_parents(const char *path)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", path);
	for (char *p = dir + strlen(proc_root) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return 0;
}

static int proc_root_make(void)
{
	if (proc_root[0])
		return 0;
	const char *tmp = getenv("TMPDIR");
	snprintf(proc_root, sizeof(proc_root), "%s/bulkxfer-fuzz-root-XXXXXX",
		 tmp && tmp[0] ? tmp : "/tmp");
	if (!mkdtemp(proc_root)) {
		proc_root[0] = '\0';
		return -1;
	}
	for (size_t i = 0; i < NPROC_FILES; i++) {
		char path[PATH_MAX];
		snprintf(path, sizeof(path), "%s%s", proc_root, proc_files[i]);
		if (make_parents(path) < 0)
			return -1;
	}
	return 0;
}

/* What each file holds now (NULL: absent), so that an input rewrites only the files it changes:
 * creating and truncating two dozen files on disk for every input made this target 50 times
 * slower than the others. */
static uint8_t *proc_now[NPROC_FILES];
static size_t proc_now_len[NPROC_FILES];

/* Make file i hold text[0..len) (len 0: absent).  Returns 0 or -1. */
static int proc_file_put(size_t i, const uint8_t *text, size_t len)
{
	if ((len == 0 && !proc_now[i]) ||
	    (proc_now[i] && proc_now_len[i] == len && memcmp(proc_now[i], text, len) == 0))
		return 0;
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s%s", proc_root, proc_files[i]);
	free(proc_now[i]);
	proc_now[i] = NULL;
	if (len == 0)
		return unlink(path) < 0 && errno != ENOENT ? -1 : 0;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	ssize_t w = write(fd, text, len);
	close(fd);
	if (w != (ssize_t)len) {
		unlink(path);
		return -1;
	}
	proc_now[i] = malloc(len);
	if (proc_now[i]) {
		memcpy(proc_now[i], text, len);
		proc_now_len[i] = len;
	}
	return 0;
}

static int fuzz_proc_root(const uint8_t *data, size_t size)
{
	if (proc_root_make() < 0)
		return 0;
	size_t at = 0;
	for (size_t i = 0; i < NPROC_FILES; i++) {
		size_t end = at;
		while (end < size && data[end] != 0)
			end++;
		if (proc_file_put(i, data + at, end - at) < 0)
			return 0;
		at = end < size ? end + 1 : end;
	}
	struct system_findings findings;
	system_check(proc_root, proc_root, 0, &findings);
	PROMISE(findings.n <= SYSTEM_MAX_FINDINGS);
	for (size_t i = 0; i < findings.n; i++)
		PROMISE(memchr(findings.f[i].value, '\0', sizeof(findings.f[i].value)) != NULL);
	char model[128] = "";
	sysinfo_cpu_model_at(proc_root, model, sizeof(model));
	(void)sysinfo_steal_s_at(proc_root);
	(void)sysinfo_meminfo_bytes_at(proc_root, "Dirty");
	return 0;
}

/* ---- the command line ---------------------------------------------------------------- */

/* options_parse with the input as arguments (split at NUL bytes) of the command its first byte
 * picks: every size, count, list and chunk parser behind the options. */
static int fuzz_options(const uint8_t *data, size_t size)
{
	static const enum command_kind commands[] = { CMD_RUN,	   CMD_SWEEP,  CMD_REPRODUCE,
						      CMD_REPORT,  CMD_EXPLAIN, CMD_LIST,
						      CMD_LIMITS,  CMD_SYSTEM, CMD_COMPARE };
	if (size == 0 || size > 4096)
		return 0;
	enum command_kind command = commands[data[0] % (sizeof(commands) / sizeof(commands[0]))];
	char *text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	char *argv[64];
	int argc = 0;
	argv[argc++] = "fuzz";
	for (char *p = text; p < text + size - 1 && argc < 63; p += strlen(p) + 1)
		if (strcmp(p, "--help") != 0 && strcmp(p, "-h") != 0)	/* help prints, and only */
			argv[argc++] = p;
	argv[argc] = NULL;
	struct run_options o;
	options_defaults(&o, command);
	struct bx_error err = { 0 };
	int rc = options_parse(argc, argv, &o, &err);
	if (rc != 0 && rc != OPTIONS_HELP) {
		PROMISE_SAYING(rc == BX_EXIT_USAGE, err.msg);
		PROMISE_SAYING(err.msg[0] != '\0' && strchr(err.msg, '\n') == NULL, err.msg);
	}
	free(text);
	return 0;
}

/* units_parse_size and units_parse_count alone, on the input as one string. */
static int fuzz_units(const uint8_t *data, size_t size)
{
	char text[256];
	if (size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	uint64_t v = 0;
	if (units_parse_size(text, &v) == 0) {
		char back[64];
		units_format_size(v, back, sizeof(back));	/* whatever is accepted prints */
	}
	(void)units_parse_count(text, UINT64_MAX, &v);
	(void)units_parse_count(text, 100, &v);
	return 0;
}

/* ---- the table ----------------------------------------------------------------------- */

static const struct fuzz_target targets[] = {
	{ "runs_csv", fuzz_runs_csv, "results_read_csv (runs.csv for report, compare, explain)" },
	{ "model_csv", fuzz_model_csv, "model_read_csv (explain --model)" },
	{ "folded", fuzz_folded, "stack_counts_read and the profile's categories" },
	{ "profile_csv", fuzz_profile_csv, "profile_read_csv (explain --profile, a job read back)" },
	{ "elf", fuzz_elf, "the ELF symbol reader (symbol_table_of_image)" },
	{ "kallsyms", fuzz_kallsyms, "the /proc/kallsyms reader" },
	{ "proc_root", fuzz_proc_root, "system --root's /proc and /sys readers, sysinfo's" },
	{ "options", fuzz_options, "options_parse: every option of every command" },
	{ "units", fuzz_units, "units_parse_size, units_parse_count" },
	{ "unit_costs", fuzz_unit_costs, "unit_costs_read (a job's unit-costs.csv for report)" },
};

const struct fuzz_target *fuzz_targets(size_t *n)
{
	*n = sizeof(targets) / sizeof(targets[0]);
	return targets;
}

const struct fuzz_target *fuzz_target_find(const char *name)
{
	for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
		if (strcmp(targets[i].name, name) == 0)
			return &targets[i];
	return NULL;
}

static int remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return -1;
	if (S_ISDIR(st.st_mode)) {
		/* The tree is ours and shallow: rebuild the list of its files from the table. */
		for (size_t i = NPROC_FILES; i-- > 0;) {
			char p[PATH_MAX];
			snprintf(p, sizeof(p), "%s%s", path, proc_files[i]);
			unlink(p);
			for (char *slash; (slash = strrchr(p, '/')) != NULL && slash > p + strlen(path);) {
				*slash = '\0';
				rmdir(p);	/* fails while not yet empty: a later file empties it */
			}
		}
		return rmdir(path);
	}
	return unlink(path);
}

void fuzz_cleanup(void)
{
	if (input_fd >= 0) {
		close(input_fd);
		input_fd = -1;
	}
	if (proc_root[0]) {
		remove_tree(proc_root);
		proc_root[0] = '\0';
	}
	for (size_t i = 0; i < NPROC_FILES; i++) {
		free(proc_now[i]);
		proc_now[i] = NULL;
	}
}
