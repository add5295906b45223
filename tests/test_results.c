/*
 * test_results.c - the CSV header holds the promised columns, a row has as many fields as the
 * header and the values in the right places, text with commas is quoted, the results file
 * gets its header once, and bad results files are refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "results.h"
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
	snprintf(r->cpu_model, sizeof(r->cpu_model), "Acme \"Fast\" CPU, 2 cores");
	snprintf(r->kernel, sizeof(r->kernel), "6.1.0");
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
	static char fields[64][160];
	CU_ASSERT_TRUE_FATAL(results_format_csv(&r, line, sizeof(line)) > 0);
	CU_ASSERT_EQUAL(line[strlen(line) - 1], '\n');
	int n = split_csv(line, fields, 64);
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
	free(recs);
	ts_remove_tree(dir);
}

int register_results_suite(void)
{
	static const struct test_case cases[] = {
		{ "header_has_columns", test_header_has_columns },
		{ "row_fields", test_row_fields },
		{ "json", test_json },
		{ "append_writes_header_once", test_append_writes_header_once },
		{ "bad_results_files", test_bad_results_files },
		{ "older_file_reads_missing_as_unknown", test_older_file_reads_missing_as_unknown },
	};
	return TS_ADD_SUITE("results", cases);
}
