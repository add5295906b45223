/*
 * results.c - CSV and JSON writers for run records (see results.h).
 */
#include "record/results.h"
#include "base/hash.h"
#include "base/units.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/io_util.h"

#define CSV_HEADER_MAX 2048
#define CSV_ROW_MAX 4096

/* COL_CHUNK: a chunk size, with --chunk rest (CHUNK_REST) written as 0, a size no chunk has. */
/* COL_SHARED: text kept once per process (results_intern), the field a pointer to it. */
enum column_type { COL_TEXT, COL_SHARED, COL_U64, COL_I64, COL_F64, COL_CHUNK };

struct column {
	const char *name;
	enum column_type type;
	size_t offset;	/* of the field inside struct run_record */
	size_t size;	/* of the field, so text can be read back without overflowing it */
};

#define FIELD_AT(field) offsetof(struct run_record, field), sizeof(((struct run_record *)0)->field)
#define TEXT(name, field) { name, COL_TEXT, FIELD_AT(field) }
#define SHARED(name, field) { name, COL_SHARED, FIELD_AT(field) }
#define U64(name, field) { name, COL_U64, FIELD_AT(field) }
#define I64(name, field) { name, COL_I64, FIELD_AT(field) }
#define F64(name, field) { name, COL_F64, FIELD_AT(field) }

static const struct column columns[] = {
	TEXT("timestamp", timestamp),
	TEXT("series", series),
	TEXT("method", method),
	TEXT("producer", producer),
	TEXT("consumer", consumer),
	U64("bytes", bytes),
	{ "chunk", COL_CHUNK, FIELD_AT(chunk) },
	U64("slots", slots),
	U64("pipe_size", pipe_size),
	U64("run", run),
	F64("wall_s", wall_s),
	F64("producer_wall_s", producer_fig.wall_s),
	F64("consumer_wall_s", consumer_fig.wall_s),
	F64("producer_user_s", producer_fig.user_s),
	F64("producer_sys_s", producer_fig.sys_s),
	F64("consumer_user_s", consumer_fig.user_s),
	F64("consumer_sys_s", consumer_fig.sys_s),
	I64("producer_vcsw", producer_fig.vcsw),
	I64("producer_ivcsw", producer_fig.ivcsw),
	I64("consumer_vcsw", consumer_fig.vcsw),
	I64("consumer_ivcsw", consumer_fig.ivcsw),
	I64("producer_minflt", producer_fig.minflt),
	I64("producer_majflt", producer_fig.majflt),
	I64("consumer_minflt", consumer_fig.minflt),
	I64("consumer_majflt", consumer_fig.majflt),
	U64("producer_syscalls", producer_fig.syscalls),
	U64("consumer_syscalls", consumer_fig.syscalls),
	I64("producer_kernel_syscalls", producer_fig.kernel_syscalls),
	I64("consumer_kernel_syscalls", consumer_fig.kernel_syscalls),
	TEXT("kernel_syscalls_by", kernel_syscalls_by),
	F64("gib_per_s", gib_per_s),
	U64("verified", verified),
	F64("floor_gib_per_s", floor_gib_per_s),
	F64("pct_of_floor", pct_of_floor),
	F64("src_resident_pct", src_resident_pct),
	F64("prime_s", prime_s),
	F64("settle_s", settle_s),
	U64("cold", cold),
	U64("fsync", fsync),
	U64("sink", sink),
	TEXT("source", source),
	TEXT("sink_by", sink_by),
	TEXT("verify_by", verify_by),
	U64("busy_poll", busy_poll),
	U64("queue_depth", queue_depth),
	U64("producer_zc_notifs", producer_fig.zc_notifs),
	U64("producer_zc_copied", producer_fig.zc_copied),
	I64("cpu_producer", cpu_producer),
	I64("cpu_consumer", cpu_consumer),
	I64("producer_maxrss_kb", producer_fig.maxrss_kb),
	I64("consumer_maxrss_kb", consumer_fig.maxrss_kb),
	TEXT("ring_pages", ring_pages),
	U64("spin_us", spin_us),
	U64("prefault", prefault),
	U64("page_reporting", page_reporting),
	F64("steal_s", steal_s),
	F64("reported_mib", reported_mib),
	U64("producer_samples", producer_fig.samples),
	U64("consumer_samples", consumer_fig.samples),
	F64("producer_sampled_s", producer_fig.sampled_s),
	F64("consumer_sampled_s", consumer_fig.sampled_s),
	I64("producer_buffer_offset", producer_fig.buffer_offset),
	I64("consumer_buffer_offset", consumer_fig.buffer_offset),
	SHARED("kernel", kernel),
	SHARED("cpu_model", cpu_model),
	SHARED("src_fs", src_fs),
	SHARED("dst_fs", dst_fs),
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

/* ---- formatting ---------------------------------------------------------------------- */

/* A bounded string builder: appends fail softly and remember that they overflowed. */
struct builder {
	char *buf;
	size_t len, cap;
	int overflow;
};

static void put(struct builder *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct builder *b, const char *fmt, ...)
{
	if (b->overflow)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= b->cap - b->len)
		b->overflow = 1;
	else
		b->len += (size_t)n;
}

/* Text quoted as RFC 4180 wants when it holds a comma, a quote or a line break. */
static void put_csv_text(struct builder *b, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		put(b, "%s", s);
		return;
	}
	put(b, "\"");
	for (; *s; s++) {
		if (*s == '"')
			put(b, "\"\"");
		else
			put(b, "%c", *s);
	}
	put(b, "\"");
}

static void put_json_text(struct builder *b, const char *s)
{
	put(b, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			put(b, "\\%c", c);
		else if (c < 0x20)
			put(b, "\\u%04x", c);
		else
			put(b, "%c", c);
	}
	put(b, "\"");
}

/* One field's value; text goes through the given quoting function. */
static void put_value(struct builder *b, const struct run_record *rec, const struct column *col,
		      void (*put_text)(struct builder *, const char *))
{
	const char *field = (const char *)rec + col->offset;
	switch (col->type) {
	case COL_TEXT:
		put_text(b, field);
		break;
	case COL_SHARED: {
		const char *text = *(const char *const *)field;
		put_text(b, text ? text : "");
		break;
	}
	case COL_U64:
		put(b, "%llu", (unsigned long long)*(const uint64_t *)field);
		break;
	case COL_CHUNK: {
		uint64_t chunk = *(const uint64_t *)field;
		put(b, "%llu", chunk == CHUNK_REST ? 0ULL : (unsigned long long)chunk);
		break;
	}
	case COL_I64:
		put(b, "%lld", (long long)*(const int64_t *)field);
		break;
	case COL_F64:
		put(b, "%.6f", *(const double *)field);
		break;
	}
}

const char *results_csv_header(void)
{
	static char header[CSV_HEADER_MAX];
	if (header[0] == '\0') {
		struct builder b = { header, 0, sizeof(header), 0 };
		for (size_t i = 0; i < NCOLUMNS; i++)
			put(&b, "%s%s", i ? "," : "", columns[i].name);
	}
	return header;
}

size_t results_column_count(void)
{
	return NCOLUMNS;
}

int results_format_csv(const struct run_record *rec, char *buf, size_t len)
{
	struct builder b = { buf, 0, len, 0 };
	for (size_t i = 0; i < NCOLUMNS; i++) {
		if (i)
			put(&b, ",");
		put_value(&b, rec, &columns[i], put_csv_text);
	}
	put(&b, "\n");
	return b.overflow ? -1 : (int)b.len;
}

int results_format_json(const struct run_record *rec, char *buf, size_t len)
{
	struct builder b = { buf, 0, len, 0 };
	put(&b, "{");
	for (size_t i = 0; i < NCOLUMNS; i++) {
		put(&b, "%s\"%s\": ", i ? ", " : "", columns[i].name);
		put_value(&b, rec, &columns[i], put_json_text);
	}
	put(&b, "}");
	return b.overflow ? -1 : (int)b.len;
}

/* ---- the results file ---------------------------------------------------------------- */

/* 1 when the first line of fd equals our header, 0 when it differs, -errno on read failure. */
static int file_has_our_header(int fd)
{
	const char *header = results_csv_header();
	size_t hlen = strlen(header);
	char line[CSV_HEADER_MAX + 2];
	ssize_t n = pread(fd, line, hlen + 1, 0);
	if (n < 0)
		return -errno;
	return (size_t)n == hlen + 1 && memcmp(line, header, hlen) == 0 &&
	       (line[hlen] == '\n' || line[hlen] == '\r');
}

/* A new results file can be created as a regular file: a scratch file beside it is made and
 * removed again at once.  Never the results path itself: another run starting at the same
 * moment would find it, then lose it. */
static int check_can_create(const char *path, struct bx_error *err)
{
	char probe[4096 + 32];
	snprintf(probe, sizeof(probe), "%s.check-XXXXXX", path);
	int fd = mkostemp(probe, O_CLOEXEC);
	if (fd < 0)
		return bx_fail(err, BX_EXIT_USAGE, "results file '%s': cannot create it: %s", path,
			       strerror(errno));
	struct stat st;
	int regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	close(fd);
	unlink(probe);
	if (!regular)
		return bx_fail(err, BX_EXIT_USAGE, "results file '%s': what is created there is not "
			       "a regular file", path);
	return 0;
}

int results_check_csv(const char *path, struct bx_error *err)
{
	char copy[4096];
	snprintf(copy, sizeof(copy), "%s", path);
	const char *dir = dirname(copy);
	struct stat st;
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return bx_fail(err, BX_EXIT_USAGE, "results file '%s': folder '%s' does not exist",
			       path, dir);
	if (access(dir, W_OK | X_OK) < 0 && stat(path, &st) < 0)
		return bx_fail(err, BX_EXIT_USAGE, "results file '%s': cannot create it in '%s': %s",
			       path, dir, strerror(errno));
	if (lstat(path, &st) < 0)
		return check_can_create(path, err);	/* created with a header on the first row */
	/* Rows are appended only to a file of the user's own: never through a link someone
	 * could have planted, never into another user's file. */
	if (S_ISLNK(st.st_mode))
		return bx_fail(err, BX_EXIT_USAGE, "results file '%s' is a symbolic link: give the file "
			       "itself (a link could point anywhere)", path);
	if (S_ISREG(st.st_mode) && st.st_uid != geteuid())
		return bx_fail(err, BX_EXIT_USAGE, "results file '%s' belongs to uid %u, not to you "
			       "(uid %u): give a file of your own", path, (unsigned)st.st_uid,
			       (unsigned)geteuid());
	if (S_ISDIR(st.st_mode))
		return bx_fail(err, BX_EXIT_USAGE, "results file '%s' is a directory", path);
	if (!S_ISREG(st.st_mode))
		return bx_fail(err, BX_EXIT_USAGE, "results file '%s' is not a regular file", path);
	int fd = open(path, O_RDWR | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return bx_fail(err, BX_EXIT_USAGE, "results file '%s': cannot append: %s", path,
			       strerror(errno));
	/* A kernel file (/proc/version) says it is regular and empty, then reads back data, and
	 * takes no append: only a file that stores what is written is a results file. */
	char byte;
	if (st.st_size == 0 && pread(fd, &byte, 1, 0) != 0) {
		close(fd);
		return bx_fail(err, BX_EXIT_USAGE, "results file '%s' is not a file that stores data "
			       "(it has no size yet reads back bytes: a kernel file)", path);
	}
	int ours = st.st_size == 0 ? 1 : file_has_our_header(fd);
	close(fd);
	if (ours != 1)
		return bx_fail(err, BX_EXIT_USAGE,
			       "results file '%s' has other columns than this version writes: "
			       "give a new --csv file", path);
	return 0;
}

int results_append_csv(const char *path, const struct run_record *rec, struct bx_error *err)
{
	char row[CSV_HEADER_MAX + CSV_ROW_MAX];
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "results file '%s': cannot open: %s", path,
			       strerror(errno));
	/* The lock makes "empty? then header" and the append one step for concurrent runs. */
	flock(fd, LOCK_EX);
	struct stat st;
	int rc = fstat(fd, &st) < 0 ? -errno : 0;
	if (rc == 0) {
		size_t len = 0;
		if (st.st_size == 0)
			len = (size_t)snprintf(row, sizeof(row), "%s\n", results_csv_header());
		int n = results_format_csv(rec, row + len, sizeof(row) - len);
		rc = n < 0 ? -EOVERFLOW : io_write_all(fd, row, len + (size_t)n, NULL);
		/* Never leave half a row behind (a full disk can take part of a write). */
		if (rc < 0 && ftruncate(fd, st.st_size) < 0)
			rc = -errno;
	}
	flock(fd, LOCK_UN);
	close(fd);
	if (rc < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "results file '%s': cannot append a row: %s",
			       path, strerror(-rc));
	return 0;
}

/* ---- reading a results file back ------------------------------------------------------- */

#define CSV_MAX_FIELDS 128

/* Split one CSV line in place into fields (RFC 4180 quotes, "" for a quote).  Returns the
 * number of fields, or -1 for an unterminated quote or too many fields. */
static int split_csv_line(char *line, char **fields, int max)
{
	int n = 0;
	char *p = line;
	for (;;) {
		if (n == max)
			return -1;
		char *out = p;
		fields[n++] = p;
		if (*p == '"') {
			char *in = p + 1;
			for (;;) {
				if (*in == '\0')
					return -1;
				if (*in == '"' && in[1] == '"') {
					*out++ = '"';
					in += 2;
				} else if (*in == '"') {
					in++;
					break;
				} else {
					*out++ = *in++;
				}
			}
			p = in;
		} else {
			while (*p && *p != ',' && *p != '\n' && *p != '\r')
				*out++ = *p++;
		}
		char sep = *p;
		*out = '\0';
		if (sep != ',')
			return n;
		p++;
	}
}

/* Store text into the field of rec described by col.  Returns 0 or -1 if it is not a number. */
static int store_field(struct run_record *rec, const struct column *col, const char *text)
{
	char *field = (char *)rec + col->offset, *end = NULL;
	errno = 0;
	switch (col->type) {
	case COL_TEXT:
		snprintf(field, col->size, "%s", text);
		return 0;
	case COL_SHARED:
		*(const char **)field = results_intern(text);
		return *(const char **)field ? 0 : -1;
	case COL_U64:
		*(uint64_t *)field = strtoull(text, &end, 10);
		break;
	case COL_CHUNK:
		*(uint64_t *)field = strtoull(text, &end, 10);
		if (*(uint64_t *)field == 0)
			*(uint64_t *)field = CHUNK_REST;
		break;
	case COL_I64:
		*(int64_t *)field = strtoll(text, &end, 10);
		break;
	case COL_F64:
		*(double *)field = strtod(text, &end);
		break;
	}
	return (end == text || *end != '\0' || errno) ? -1 : 0;
}

/* Map each header field to its column (or NULL for a column this version does not know). */
static int map_header(char *header, const struct column **map, int *nfields)
{
	char *fields[CSV_MAX_FIELDS];
	int n = split_csv_line(header, fields, CSV_MAX_FIELDS);
	if (n < 0)
		return -1;
	int known = 0;
	for (int i = 0; i < n; i++) {
		map[i] = NULL;
		for (size_t c = 0; c < NCOLUMNS; c++)
			if (strcmp(fields[i], columns[c].name) == 0)
				map[i] = &columns[c];
		known += map[i] != NULL;
	}
	*nfields = n;
	return known > 0 ? 0 : -1;
}

static int grow_records(struct run_record **records, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t cap2 = *cap ? *cap * 2 : 64;
	struct run_record *grown = realloc(*records, cap2 * sizeof(**records));
	if (!grown)
		return -1;
	*records = grown;
	*cap = cap2;
	return 0;
}

/* The interned texts: an open-addressing set of strdup'ed strings, grown at half full.  They are
 * never freed (a process reads one file set, and every record may point at them). */
static struct {
	char **slot;
	size_t n, cap;
} shared;

const char *results_intern(const char *text)
{
	if ((shared.n + 1) * 2 > shared.cap) {
		size_t cap = shared.cap ? shared.cap * 2 : 64;
		char **slot = calloc(cap, sizeof(*slot));
		if (!slot)
			return NULL;
		for (size_t i = 0; i < shared.cap; i++) {
			if (!shared.slot[i])
				continue;
			size_t h = bx_hash_text(BX_HASH_SEED, shared.slot[i]) & (cap - 1);
			while (slot[h])
				h = (h + 1) & (cap - 1);
			slot[h] = shared.slot[i];
		}
		free(shared.slot);
		shared.slot = slot;
		shared.cap = cap;
	}
	size_t h = bx_hash_text(BX_HASH_SEED, text) & (shared.cap - 1);
	for (; shared.slot[h]; h = (h + 1) & (shared.cap - 1))
		if (strcmp(shared.slot[h], text) == 0)
			return shared.slot[h];
	shared.slot[h] = strdup(text);
	if (!shared.slot[h])
		return NULL;
	shared.n++;
	return shared.slot[h];
}

int results_read_csv(const char *path, struct run_record **records, size_t *n, size_t *cap,
		     struct bx_error *err)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return bx_fail(err, BX_EXIT_USAGE, "cannot read results file '%s': %s", path,
			       strerror(errno));
	char line[CSV_HEADER_MAX + CSV_ROW_MAX];
	const struct column *map[CSV_MAX_FIELDS];
	int nfields = 0, rc = 0;
	long lineno = 1;
	if (!fgets(line, sizeof(line), f) || map_header(line, map, &nfields) < 0)
		rc = bx_fail(err, BX_EXIT_USAGE, "results file '%s' has no bulkxfer header", path);
	while (rc == 0 && fgets(line, sizeof(line), f)) {
		lineno++;
		if (line[0] == '\n' || line[0] == '\0')
			continue;
		char *fields[CSV_MAX_FIELDS];
		int got = split_csv_line(line, fields, CSV_MAX_FIELDS);
		if (got != nfields) {
			rc = bx_fail(err, BX_EXIT_USAGE, "results file '%s', line %ld: %d fields, header has %d",
				     path, lineno, got, nfields);
			break;
		}
		if (grow_records(records, cap, *n + 1) < 0) {
			rc = bx_fail(err, BX_EXIT_FAILURE, "out of memory reading '%s'", path);
			break;
		}
		struct run_record *rec = &(*records)[*n];
		memset(rec, 0, sizeof(*rec));
		/* Measurements an older file has no column for read as not known, not as 0. */
		rec->steal_s = rec->reported_mib = -1;
		rec->producer_fig.kernel_syscalls = rec->consumer_fig.kernel_syscalls = -1;
		snprintf(rec->kernel_syscalls_by, sizeof(rec->kernel_syscalls_by), "-");
		rec->kernel = rec->cpu_model = rec->src_fs = rec->dst_fs = "";
		for (int i = 0; i < nfields && rc == 0; i++)
			if (map[i] && store_field(rec, map[i], fields[i]) < 0)
				rc = bx_fail(err, BX_EXIT_USAGE,
					     "results file '%s', line %ld: %s '%s' is not a number", path,
					     lineno, map[i]->name, fields[i]);
		/* Before --src memory and --sink-by every source was a file, every sink the method's
		 * own half, and only a destination was ever hashed. */
		if (!rec->source[0])
			snprintf(rec->source, sizeof(rec->source), "file");
		if (!rec->sink_by[0])
			snprintf(rec->sink_by, sizeof(rec->sink_by), "%s", rec->sink ? "method" : "-");
		if (!rec->verify_by[0])
			snprintf(rec->verify_by, sizeof(rec->verify_by), "%s", rec->verified ? "dst" : "-");
		if (rc == 0)
			(*n)++;
	}
	fclose(f);
	return rc;
}

int results_has_series(const struct run_record *records, size_t n, const char *series)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(records[i].series, series) == 0)
			return 1;
	return 0;
}
