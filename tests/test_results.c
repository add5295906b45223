/*
 * test_results.c - the CSV header holds the promised columns, a row has as many fields as the
 * header and the values in the right places, text with commas is quoted, the results file
 * gets its header once, and bad results files are refused; an output file is written whole or
 * not at all, and never through a link.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/output_file.h"
#include "base/units.h"
#include "record/results.h"
#include "test_support.h"

static const char *required_columns[] = {
	"timestamp", "method", "bytes", "chunk", "run", "wall_s", "producer_wall_s",
	"consumer_wall_s", "producer_user_s", "producer_sys_s", "consumer_user_s", "consumer_sys_s",
	"producer_vcsw", "producer_ivcsw", "consumer_vcsw", "consumer_ivcsw", "producer_minflt",
	"consumer_minflt", "producer_syscalls", "consumer_syscalls", "gib_per_s", "verified",
	"kernel", "cpu_model", "src_fs", "dst_fs",
};

/* Index of name among the comma-separated fields of header, or -1. */
static int column_index(const char *header, const char *name)
{
	char copy[4096];
	snprintf(copy, sizeof(copy), "%s", header);
	int i = 0;
	for (char *save, *f = strtok_r(copy, ",", &save); f; f = strtok_r(NULL, ",", &save), i++)
		if (strcmp(f, name) == 0)
			return i;
	return -1;
}

/* Split a CSV line (with RFC 4180 quotes) into fields; returns the count. */
static int split_csv(const char *line, char fields[][160], int max)
{
	int n = 0;
	const char *p = line;
	while (n < max) {
		size_t len = 0;
		if (*p == '"') {
			p++;
			while (*p && !(*p == '"' && p[1] != '"')) {
				if (*p == '"')
					p++;
				if (len < 159)
					fields[n][len++] = *p;
				p++;
			}
			if (*p == '"')
				p++;
		} else {
			while (*p && *p != ',' && *p != '\n') {
				if (len < 159)
					fields[n][len++] = *p;
				p++;
			}
		}
		fields[n++][len] = '\0';
		if (*p != ',')
			break;
		p++;
	}
	return n;
}

static void sample_record(struct run_record *r)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->timestamp, sizeof(r->timestamp), "2026-11-22T00:00:00Z");
	snprintf(r->method, sizeof(r->method), "splice");
	snprintf(r->producer, sizeof(r->producer), "splice");
	snprintf(r->consumer, sizeof(r->consumer), "splice");
	r->bytes = 1503238554ULL;
	r->chunk = 4096;
	r->run = 3;
	r->wall_s = 0.5;
	r->producer_fig.sys_s = 0.25;
	r->consumer_fig.minflt = 42;
	r->consumer_fig.syscalls = 367002;
	r->gib_per_s = 2.8;
	r->verified = 1;
	r->cpu_model = "Acme \"Fast\" CPU, 2 cores";
	r->kernel = "6.1.0";
}

static void test_header_has_columns(void)
{
	const char *h = results_csv_header();
	for (size_t i = 0; i < sizeof(required_columns) / sizeof(required_columns[0]); i++) {
		CU_ASSERT_TRUE(column_index(h, required_columns[i]) >= 0);
	}
	CU_ASSERT_EQUAL(column_index(h, "no_such_column"), -1);
}

static void test_row_fields(void)
{
	struct run_record r;
	sample_record(&r);
	char line[4096];
	static char fields[96][160];
	CU_ASSERT_TRUE_FATAL(results_format_csv(&r, line, sizeof(line)) > 0);
	CU_ASSERT_EQUAL(line[strlen(line) - 1], '\n');
	int n = split_csv(line, fields, 96);
	CU_ASSERT_EQUAL(n, (int)results_column_count());
	const char *h = results_csv_header();
	CU_ASSERT_STRING_EQUAL(fields[column_index(h, "method")], "splice");
	CU_ASSERT_STRING_EQUAL(fields[column_index(h, "bytes")], "1503238554");
	CU_ASSERT_STRING_EQUAL(fields[column_index(h, "run")], "3");
	CU_ASSERT_DOUBLE_EQUAL(atof(fields[column_index(h, "wall_s")]), 0.5, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(atof(fields[column_index(h, "producer_sys_s")]), 0.25, 1e-9);
	CU_ASSERT_STRING_EQUAL(fields[column_index(h, "consumer_minflt")], "42");
	CU_ASSERT_STRING_EQUAL(fields[column_index(h, "consumer_syscalls")], "367002");
	CU_ASSERT_STRING_EQUAL(fields[column_index(h, "verified")], "1");
	CU_ASSERT_STRING_EQUAL(fields[column_index(h, "cpu_model")], "Acme \"Fast\" CPU, 2 cores");
	CU_ASSERT_EQUAL(results_format_csv(&r, line, 10), -1);	/* too small: refused, not cut */
}

static void test_json(void)
{
	struct run_record r;
	sample_record(&r);
	char buf[8192];
	CU_ASSERT_TRUE_FATAL(results_format_json(&r, buf, sizeof(buf)) > 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\"method\": \"splice\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\"bytes\": 1503238554"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\"cpu_model\": \"Acme \\\"Fast\\\" CPU, 2 cores\""));
	CU_ASSERT_EQUAL(buf[0], '{');
	CU_ASSERT_EQUAL(buf[strlen(buf) - 1], '}');
}

static void test_append_writes_header_once(void)
{
	char dir[64], path[128];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/r.csv", dir);
	struct run_record r;
	sample_record(&r);
	struct bx_error err;
	CU_ASSERT_EQUAL(results_check_csv(path, &err), 0);
	CU_ASSERT_FALSE(ts_exists(path));	/* checking touches nothing */
	for (int i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(results_append_csv(path, &r, &err), 0);
	CU_ASSERT_EQUAL(ts_count_lines(path), 4);
	CU_ASSERT_EQUAL(results_check_csv(path, &err), 0);	/* our own file is fine */
	FILE *f = fopen(path, "r");
	char first[4096] = "";
	CU_ASSERT_PTR_NOT_NULL_FATAL(fgets(first, sizeof(first), f));
	fclose(f);
	first[strcspn(first, "\n")] = '\0';
	CU_ASSERT_STRING_EQUAL(first, results_csv_header());
	ts_remove_tree(dir);
}

static void test_bad_results_files(void)
{
	char dir[64], path[128];
	struct bx_error err;
	ts_make_tempdir(dir, sizeof(dir));
	CU_ASSERT_EQUAL(results_check_csv(dir, &err), BX_EXIT_USAGE);	/* a directory */
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "is a directory"));
	snprintf(path, sizeof(path), "%s/missing/r.csv", dir);
	CU_ASSERT_EQUAL(results_check_csv(path, &err), BX_EXIT_USAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "does not exist"));
	snprintf(path, sizeof(path), "%s/other.csv", dir);
	FILE *f = fopen(path, "w");
	fputs("a,b,c\n1,2,3\n", f);
	fclose(f);
	CU_ASSERT_EQUAL(results_check_csv(path, &err), BX_EXIT_USAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "other columns"));
	ts_remove_tree(dir);
}

/* A file written before a measurement had its column reads that measurement as not known (-1),
 * never as a measured 0; the columns it has still read. */
static void test_older_file_reads_missing_as_unknown(void)
{
	char dir[64], path[128];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/old.csv", dir);
	FILE *f = fopen(path, "w");
	fputs("timestamp,method,bytes,gib_per_s\n2026-11-01T00:00:00Z,pipe,1048576,1.5\n", f);
	fclose(f);
	struct run_record *recs = NULL;
	size_t n = 0, cap = 0;
	struct bx_error err;
	CU_ASSERT_EQUAL_FATAL(results_read_csv(path, &recs, &n, &cap, &err), 0);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT_DOUBLE_EQUAL(recs[0].gib_per_s, 1.5, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(recs[0].reported_mib, -1, 0);
	CU_ASSERT_DOUBLE_EQUAL(recs[0].steal_s, -1, 0);
	CU_ASSERT_STRING_EQUAL(recs[0].source, "file");	/* no memory source before the column */
	CU_ASSERT_STRING_EQUAL(recs[0].sink_by, "-");
	CU_ASSERT_STRING_EQUAL(recs[0].verify_by, "-");
	free(recs);
	ts_remove_tree(dir);
}

/* Every column, by name, from an independent reading of the header: a record with a distinct
 * value in every field is written, and each named column must hold that field's value (a writer
 * that swapped two columns, or wrote a field into the wrong one, fails here even though its own
 * reader would agree with it).  Then read back through results_read_csv, the same values. */
static void test_every_column_by_name(void)
{
	struct run_record r;
	memset(&r, 0, sizeof(r));
	snprintf(r.timestamp, sizeof(r.timestamp), "2026-12-02T07:00:00Z");
	snprintf(r.series, sizeof(r.series), "series-x");
	snprintf(r.method, sizeof(r.method), "method-x");
	snprintf(r.producer, sizeof(r.producer), "producer-x");
	snprintf(r.consumer, sizeof(r.consumer), "consumer-x");
	snprintf(r.ring_pages, sizeof(r.ring_pages), "pages-x");
	r.kernel = "kernel-x";
	r.cpu_model = "cpu-x";
	r.src_fs = "srcfs-x";
	r.dst_fs = "dstfs-x";
	snprintf(r.source, sizeof(r.source), "source-x");
	snprintf(r.sink_by, sizeof(r.sink_by), "sink-x");
	snprintf(r.verify_by, sizeof(r.verify_by), "vby-x");
	/* Numbers: each field its own value, none a multiple of another's digits. */
	struct { const char *name; double *d; uint64_t *u; int64_t *i; double value; } nums[] = {
		{ "bytes", NULL, &r.bytes, NULL, 101 },
		{ "chunk", NULL, &r.chunk, NULL, 102 },
		{ "slots", NULL, &r.slots, NULL, 103 },
		{ "pipe_size", NULL, &r.pipe_size, NULL, 104 },
		{ "run", NULL, &r.run, NULL, 105 },
		{ "wall_s", &r.wall_s, NULL, NULL, 1.25 },
		{ "producer_wall_s", &r.producer_fig.wall_s, NULL, NULL, 2.25 },
		{ "consumer_wall_s", &r.consumer_fig.wall_s, NULL, NULL, 3.25 },
		{ "producer_user_s", &r.producer_fig.user_s, NULL, NULL, 4.25 },
		{ "producer_sys_s", &r.producer_fig.sys_s, NULL, NULL, 5.25 },
		{ "consumer_user_s", &r.consumer_fig.user_s, NULL, NULL, 6.25 },
		{ "consumer_sys_s", &r.consumer_fig.sys_s, NULL, NULL, 7.25 },
		{ "producer_vcsw", NULL, NULL, &r.producer_fig.vcsw, 106 },
		{ "producer_ivcsw", NULL, NULL, &r.producer_fig.ivcsw, 107 },
		{ "consumer_vcsw", NULL, NULL, &r.consumer_fig.vcsw, 108 },
		{ "consumer_ivcsw", NULL, NULL, &r.consumer_fig.ivcsw, 109 },
		{ "producer_minflt", NULL, NULL, &r.producer_fig.minflt, 110 },
		{ "producer_majflt", NULL, NULL, &r.producer_fig.majflt, 111 },
		{ "consumer_minflt", NULL, NULL, &r.consumer_fig.minflt, 112 },
		{ "consumer_majflt", NULL, NULL, &r.consumer_fig.majflt, 113 },
		{ "producer_syscalls", NULL, &r.producer_fig.syscalls, NULL, 114 },
		{ "consumer_syscalls", NULL, &r.consumer_fig.syscalls, NULL, 115 },
		{ "gib_per_s", &r.gib_per_s, NULL, NULL, 8.25 },
		{ "verified", NULL, &r.verified, NULL, 1 },
		{ "floor_gib_per_s", &r.floor_gib_per_s, NULL, NULL, 9.25 },
		{ "pct_of_floor", &r.pct_of_floor, NULL, NULL, 10.25 },
		{ "src_resident_pct", &r.src_resident_pct, NULL, NULL, 11.25 },
		{ "prime_s", &r.prime_s, NULL, NULL, 12.25 },
		{ "settle_s", &r.settle_s, NULL, NULL, 13.25 },
		{ "cold", NULL, &r.cold, NULL, 116 },
		{ "fsync", NULL, &r.fsync, NULL, 117 },
		{ "sink", NULL, &r.sink, NULL, 118 },
		{ "cpu_producer", NULL, NULL, &r.cpu_producer, 119 },
		{ "cpu_consumer", NULL, NULL, &r.cpu_consumer, 120 },
		{ "producer_maxrss_kb", NULL, NULL, &r.producer_fig.maxrss_kb, 121 },
		{ "consumer_maxrss_kb", NULL, NULL, &r.consumer_fig.maxrss_kb, 122 },
		{ "spin_us", NULL, &r.spin_us, NULL, 123 },
		{ "prefault", NULL, &r.prefault, NULL, 124 },
		{ "page_reporting", NULL, &r.page_reporting, NULL, 125 },
		{ "steal_s", &r.steal_s, NULL, NULL, 14.25 },
		{ "reported_mib", &r.reported_mib, NULL, NULL, 15.25 },
		{ "producer_samples", NULL, &r.producer_fig.samples, NULL, 126 },
		{ "consumer_samples", NULL, &r.consumer_fig.samples, NULL, 127 },
		{ "producer_sampled_s", &r.producer_fig.sampled_s, NULL, NULL, 16.25 },
		{ "consumer_sampled_s", &r.consumer_fig.sampled_s, NULL, NULL, 17.25 },
		{ "busy_poll", NULL, &r.busy_poll, NULL, 128 },
		{ "queue_depth", NULL, &r.queue_depth, NULL, 129 },
		{ "producer_zc_notifs", NULL, &r.producer_fig.zc_notifs, NULL, 130 },
		{ "producer_zc_copied", NULL, &r.producer_fig.zc_copied, NULL, 131 },
		{ "producer_buffer_offset", NULL, NULL, &r.producer_fig.buffer_offset, 132 },
		{ "consumer_buffer_offset", NULL, NULL, &r.consumer_fig.buffer_offset, 133 },
		{ "producer_kernel_syscalls", NULL, NULL, &r.producer_fig.kernel_syscalls, 134 },
		{ "consumer_kernel_syscalls", NULL, NULL, &r.consumer_fig.kernel_syscalls, 135 },
	};
	const size_t nnums = sizeof(nums) / sizeof(nums[0]);
	for (size_t k = 0; k < nnums; k++) {
		if (nums[k].d)
			*nums[k].d = nums[k].value;
		else if (nums[k].u)
			*nums[k].u = (uint64_t)nums[k].value;
		else
			*nums[k].i = (int64_t)nums[k].value;
	}
	const struct { const char *name; const char *value; } texts[] = {
		{ "timestamp", r.timestamp }, { "series", r.series }, { "method", r.method },
		{ "producer", r.producer }, { "consumer", r.consumer }, { "ring_pages", r.ring_pages },
		{ "kernel", r.kernel }, { "cpu_model", r.cpu_model }, { "src_fs", r.src_fs },
		{ "dst_fs", r.dst_fs }, { "source", r.source }, { "sink_by", r.sink_by },
		{ "verify_by", r.verify_by }, { "kernel_syscalls_by", r.kernel_syscalls_by },
	};
	const size_t ntexts = sizeof(texts) / sizeof(texts[0]);
	char line[4096];
	CU_ASSERT_TRUE_FATAL(results_format_csv(&r, line, sizeof(line)) > 0);
	static char fields[96][160], names[96][160];
	int nf = split_csv(line, fields, 96);
	int nh = split_csv(results_csv_header(), names, 96);
	CU_ASSERT_EQUAL(nf, nh);
	CU_ASSERT_EQUAL((size_t)nh, nnums + ntexts);	/* every column is checked below */
	size_t checked = 0;
	for (int c = 0; c < nh; c++) {
		for (size_t k = 0; k < nnums; k++)
			if (strcmp(names[c], nums[k].name) == 0) {
				checked++;
				CU_ASSERT_DOUBLE_EQUAL(strtod(fields[c], NULL), nums[k].value, 1e-9);
				if (strtod(fields[c], NULL) != nums[k].value)
					fprintf(stderr, "\n  column %s holds %s, not %g\n", names[c],
						fields[c], nums[k].value);
			}
		for (size_t k = 0; k < ntexts; k++)
			if (strcmp(names[c], texts[k].name) == 0) {
				checked++;
				CU_ASSERT_STRING_EQUAL(fields[c], texts[k].value);
			}
	}
	CU_ASSERT_EQUAL(checked, nnums + ntexts);
	/* --chunk rest is written as 0 and read back as rest. */
	r.chunk = CHUNK_REST;
	CU_ASSERT_TRUE_FATAL(results_format_csv(&r, line, sizeof(line)) > 0);
	split_csv(line, fields, 96);
	CU_ASSERT_STRING_EQUAL(fields[column_index(results_csv_header(), "chunk")], "0");
	/* And the reader takes every column back by name. */
	char dir[64], path[128];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/all.csv", dir);
	r.chunk = 102;
	struct bx_error err;
	CU_ASSERT_EQUAL_FATAL(results_append_csv(path, &r, &err), 0);
	struct run_record *back = NULL;
	size_t n = 0, cap = 0;
	CU_ASSERT_EQUAL_FATAL(results_read_csv(path, &back, &n, &cap, &err), 0);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	/* the machine's texts are kept once (results_intern): equal texts, not equal pointers */
	CU_ASSERT_STRING_EQUAL(back->kernel, r.kernel);
	CU_ASSERT_STRING_EQUAL(back->cpu_model, r.cpu_model);
	CU_ASSERT_STRING_EQUAL(back->src_fs, r.src_fs);
	CU_ASSERT_STRING_EQUAL(back->dst_fs, r.dst_fs);
	CU_ASSERT_PTR_EQUAL(back->kernel, results_intern("kernel-x"));
	back->kernel = r.kernel;
	back->cpu_model = r.cpu_model;
	back->src_fs = r.src_fs;
	back->dst_fs = r.dst_fs;
	CU_ASSERT_EQUAL(memcmp(back, &r, sizeof(r)), 0);
	free(back);
	ts_remove_tree(dir);
}

/* How many entries dir holds besides . and .. (a sibling left behind shows here). */
static int entries_in(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	if (!d)
		return -1;
	for (struct dirent *e; (e = readdir(d));)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
}

/* In a child whose files may grow to 4 KiB only: a 64 KiB output fails part way (EFBIG), and
 * its close must say so and leave path as it was.  Written line by line, the failure shows
 * again in the close's flush; in one fwrite, only in the stream's error flag (the close
 * itself succeeds).  Exits 0 when both were refused. */
static int write_past_the_limit(const char *path)
{
	struct rlimit lim = { 4096, 4096 };
	static char block[65536];
	signal(SIGXFSZ, SIG_IGN);
	if (setrlimit(RLIMIT_FSIZE, &lim) < 0)
		return 3;
	for (int way = 0; way < 2; way++) {
		struct output_file out;
		FILE *f = output_file_open(&out, path);
		if (!f)
			return 4;
		if (way == 0)
			for (int i = 0; i < 65536 / 8; i++)
				fputs("partial\n", f);
		else
			fwrite(memset(block, 'x', sizeof(block)), 1, sizeof(block), f);
		if (output_file_close(&out, 1) == 0)
			return 5 + way;
	}
	return 0;
}

/* An output is whole or not there: what was written lands at the name only when it is all
 * written; a caller's failure, or a write that failed (a file-size limit makes one), leaves
 * the old file as it was and no sibling behind; a link at the name is refused with ELOOP and
 * what it points at is untouched; the file is readable by others (0644 less the umask). */
static void test_output_whole_or_not_at_all(void)
{
	char dir[256], path[320], victim[320], link[320];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/report.md", dir);
	write_text(path, "old\n");
	struct output_file out;
	FILE *f = output_file_open(&out, path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("half", f);
	CU_ASSERT_EQUAL(output_file_close(&out, 0), -ECANCELED);
	char *text = ts_read_file(path, NULL);
	CU_ASSERT_STRING_EQUAL(text ? text : "", "old\n");
	free(text);
	CU_ASSERT_EQUAL(entries_in(dir), 1);

	pid_t pid = fork();
	CU_ASSERT_TRUE_FATAL(pid >= 0);
	if (pid == 0)
		_exit(write_past_the_limit(path));
	int status = -1;
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	text = ts_read_file(path, NULL);
	CU_ASSERT_STRING_EQUAL(text ? text : "", "old\n");
	free(text);
	CU_ASSERT_EQUAL(entries_in(dir), 1);

	mode_t mask = umask(022);
	f = output_file_open(&out, path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("new\n", f);
	CU_ASSERT_EQUAL(output_file_close(&out, 1), 0);
	umask(mask);
	text = ts_read_file(path, NULL);
	CU_ASSERT_STRING_EQUAL(text ? text : "", "new\n");
	free(text);
	struct stat st;
	CU_ASSERT_TRUE(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644);
	CU_ASSERT_EQUAL(entries_in(dir), 1);

	snprintf(victim, sizeof(victim), "%s/victim", dir);
	snprintf(link, sizeof(link), "%s/linked.csv", dir);
	write_text(victim, "precious\n");
	CU_ASSERT_EQUAL(symlink(victim, link), 0);
	errno = 0;
	CU_ASSERT_PTR_NULL(output_file_open(&out, link));
	CU_ASSERT_EQUAL(errno, ELOOP);
	CU_ASSERT_EQUAL(output_file_close(&out, 1), 0);	/* never opened: nothing to do */
	text = ts_read_file(victim, NULL);
	CU_ASSERT_STRING_EQUAL(text ? text : "", "precious\n");
	free(text);
	CU_ASSERT_EQUAL(entries_in(dir), 3);
	ts_remove_tree(dir);
}

int register_results_suite(void)
{
	static const struct test_case cases[] = {
		{ "header_has_columns", test_header_has_columns },
		{ "every_column_by_name", test_every_column_by_name },
		{ "row_fields", test_row_fields },
		{ "json", test_json },
		{ "append_writes_header_once", test_append_writes_header_once },
		{ "bad_results_files", test_bad_results_files },
		{ "older_file_reads_missing_as_unknown", test_older_file_reads_missing_as_unknown },
		{ "output_whole_or_not_at_all", test_output_whole_or_not_at_all },
	};
	return TS_ADD_SUITE("results", cases);
}
