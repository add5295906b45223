/*
 * test_cli.c - the bulkxfer binary as a user meets it: a table of bad inputs, each giving one
 * "bulkxfer: ..." line on stderr, exit 2 and no file touched; and good runs that print the
 * table or JSON, append the promised CSV rows and leave no temp file or shared memory behind.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/terminal/answer.h"
#include "base/units.h"
#include "base/verify.h"
#include "base/version.h"
#include "catalog/methods.h"
#include "cli/options.h"
#include "record/results.h"
#include "sampling/sampler.h"
#include "test_support.h"

#define MAX_ARGS 32

static char workdir[64];

static int ro_mounted, tiny_mounted;

/* Make the fixture: a source, a FIFO, a symlink and a hard link to the source, and a read-only
 * directory "ro" (a read-only bind mount: root can write to any mode-0555 directory). */
static void make_fixture(void)
{
	char path[256], target[256];
	ts_make_tempdir(workdir, sizeof(workdir));
	snprintf(target, sizeof(target), "%s/ro", workdir);
	mkdir(target, 0555);
	ro_mounted = mount(target, target, NULL, MS_BIND, NULL) == 0 &&
		     mount(NULL, target, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL) == 0;
	/* "tiny": a 1 MiB filesystem, too small for the 4 MiB source "big". */
	snprintf(target, sizeof(target), "%s/tiny", workdir);
	mkdir(target, 0755);
	tiny_mounted = mount("bulkxfer-test", target, "tmpfs", 0, "size=1m") == 0;
	snprintf(path, sizeof(path), "%s/big", workdir);
	ts_write_file(path, 4 << 20, 6);
	snprintf(path, sizeof(path), "%s/src", workdir);
	ts_write_file(path, 100000, 5);
	snprintf(target, sizeof(target), "%s/fifo", workdir);
	mkfifo(target, 0600);
	snprintf(target, sizeof(target), "%s/link", workdir);
	if (symlink(path, target) < 0)
		perror("symlink");
	snprintf(target, sizeof(target), "%s/hard", workdir);
	if (link(path, target) < 0)
		perror("link");
}

/* Number of entries in dir (without . and ..). */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	if (d)
		closedir(d);
	return n;
}

/* Run bulkxfer with the words of line, "{D}" replaced by the fixture directory. */
/* Run "bulkxfer LINE" ({D} = the fixture directory), its files limited to fsize_limit bytes
 * (RLIMIT_FSIZE) when >= 0. */
static void run_line_limited(const char *line, struct ts_result *r, long fsize_limit)
{
	static char storage[4096];
	const char *argv[MAX_ARGS];
	size_t used = 0;
	int argc = 0;
	argv[argc++] = "bulkxfer";
	const char *p = line;
	while (*p && argc < MAX_ARGS - 1) {
		size_t len = strcspn(p, " ");
		char word[512];
		snprintf(word, sizeof(word), "%.*s", (int)len, p);
		char *d = strstr(word, "{D}");
		char expanded[768];
		if (d)
			snprintf(expanded, sizeof(expanded), "%.*s%s%s", (int)(d - word), word, workdir,
				 d + 3);
		else
			snprintf(expanded, sizeof(expanded), "%s", word);
		argv[argc++] = strcpy(storage + used, expanded);
		used += strlen(expanded) + 1;
		p += len;
		while (*p == ' ')
			p++;
	}
	argv[argc] = NULL;
	ts_run_bulkxfer_limited(r, argv, fsize_limit);
}

static void run_line(const char *line, struct ts_result *r)
{
	run_line_limited(line, r, -1);
}

/* What a refused line may write at most: nothing should be written before a refusal, so a
 * broken check (a disk check that lets 100T through) fails in seconds on this limit instead of
 * filling the disk. */
#define REFUSAL_FSIZE_LIMIT (64L << 20)

static void test_bad_inputs(void)
{
	static const struct {
		const char *line;
		const char *message;
	} cases[] = {
		{ "run --method nope --size 1M", "unknown method 'nope'" },
		{ "run --size 1M --bogus", "unknown option '--bogus'" },
		{ "run --size 1.4X", "not a size" },
		{ "run --size 0", "at least 1 byte" },
		{ "run --size -1", "not a size" },
		{ "run --size 1e3", "not a size" },
		{ "run --size 99999999999999999999", "too large" },
		{ "run --src {D}/missing", "cannot read source" },
		{ "run --src {D}", "is a directory" },
		{ "run --src {D}/fifo", "is a FIFO" },
		{ "run --src /dev/zero", "is a character device" },
		{ "run --src {D}/src --dst {D}/src", "is the source" },
		{ "run --src {D}/src --dst {D}/link", "is the source" },
		{ "run --src {D}/src --dst {D}/hard", "is the source" },
		{ "run --src {D}/link --dst {D}/hard", "is the source" },
		{ "run --src {D}/src --dst {D}", "is a directory" },
		{ "run --src {D}/src --dst {D}/nodir/out", "does not exist" },
		{ "run --src {D}/src --csv {D}", "is a directory" },
		{ "run --src {D}/src --csv {D}/nodir/r.csv", "does not exist" },
		{ "run --size 1M --workdir {D}/missing", "workdir" },
		{ "run --size 1M --src {D}/src", "not both" },
		{ "run", "nothing to transfer" },
		{ "run --size 1M --slots 0", "at least 1" },
		{ "run --size 1M --chunk 0", "at least 1 byte" },
		{ "frobnicate", "unknown command 'frobnicate'" },
		{ "list extra", "unexpected argument" },
		{ "reproduce --csv {D}/r.csv", "not for 'reproduce'" },
		{ "reproduce --src {D}/src --size 1M", "not both" },
		{ "reproduce --out {D}/src", "not a directory" },
		{ "reproduce --out {D}/nodir/deeper", "does not exist" },
		{ "sweep --chunk 4K,0 --size 1M", "at least 1 byte" },
		{ "report --size 1M", "not for 'report'" },
		{ "run --size 1M --producer pipe --consumer unix", "different channels" },
		{ "run --size 1M --producer teleport --consumer pipe", "unknown sending half" },
		{ "run --size 1M --producer pipe", "go together" },
		{ "run --size 1M --method pipe --producer pipe --consumer splice", "drop --method" },
		{ "explain --method nope", "unknown method 'nope'" },
		{ "explain --csv {D}/missing.csv", "cannot read results file" },
		{ "list --size 1M", "not for 'list'" },
		{ "run --size 1M --chunk 1G --slots 17", "larger than" },
		{ "run --size 1M --runs 0", "at least 1" },
		{ "run --size 1M --warmup -1", "not a whole number" },
		{ "run --size 1M --pipe-size 1K", "at least 4096" },
		{ "run --size 1M --seed x", "not a whole number" },
		{ "run --size 1.5", "not a size" },
		{ "run --size 1M --slots 1.5", "not a whole number" },
		{ "run --size 1M --keep=yes", "takes no value" },
		{ "run --size 1M --json=", "--json: empty path" },
		{ "run --size 1M --chunk", "needs a value" },
		{ "run --size 1M --method=", "empty" },
		{ "run --src {D}/src --dst {D}/fifo", "is a FIFO" },
		{ "run --src {D}/src --dst /dev/null", "is a character device" },
		{ "run --size 1M --workdir {D}/src", "not a directory" },
		{ "run --src {D}/src --csv {D}/src", "other columns" },	/* never append to the source */
		{ "run --src {D}/src --dst {D}/ro/out", "not writable" },
		/* Room: refused at once, before a source is generated towards a full disk. */
		{ "run --size 100T --method pipe --workdir {D}", "not enough disk space" },
		{ "sweep --size 1M,100T --method pipe --workdir {D}", "not enough disk space" },
		{ "reproduce --size 100T --workdir {D} --out {D}/rep", "use a smaller --size" },
		{ "run --size 9G,100T --method pipe --keep --workdir {D}", "not enough disk space" },
		/* --keep keeps every size's files: their sum (1.2 MiB) must fit, not the largest. */
		{ "run --size 300K,300K --method pipe --keep --workdir {D}/tiny/", "not enough disk space" },
		/* --chunk rest is for methods that keep no buffer. */
		{ "run --size 1M --method pipe --chunk rest", "--chunk rest: pipe moves its bytes" },
		{ "run --src {D}/big --dst {D}/tiny/out --method pipe", "not enough disk space" },
		{ "run --size 17G --method shm-whole --workdir {D}", "at most 16 GiB" },
		{ "run --size 1M --method pipe --buffer-offset 4096", "--buffer-offset '4096': too large "
		  "(at most 4095)" },
		{ "run --size 1M --workdir /proc", "no file can be created" },
		{ "run --size 1M --workdir {D} --csv /proc/version", "a kernel file" },
		{ "run --size 1M --workdir {D} --csv /proc/bulkxfer.csv", "cannot create it" },
		{ "explain --method pipe --size 1G", "predicts from a model" },
		{ "explain --method pipe --size 1G --model {D}/src", "not a model.csv" },
	};
	char src[256];
	snprintf(src, sizeof(src), "%s/src", workdir);
	uint64_t hash_before = 0, hash_after = 1;
	verify_hash_path(src, &hash_before, NULL);
	int entries_before = count_entries(workdir);
	CU_ASSERT_TRUE(sizeof(cases) / sizeof(cases[0]) >= 40);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (strstr(cases[i].line, "{D}/ro/") && !ro_mounted && geteuid() == 0) {
			/* root writes anywhere unless the filesystem is read-only */
			ts_skip("cli/bad_inputs", "no read-only bind mount could be made for a case");
			continue;
		}
		if (strstr(cases[i].line, "{D}/tiny/") && !tiny_mounted) {
			ts_skip("cli/bad_inputs", "no 1 MiB tmpfs could be mounted for a case");
			continue;
		}
		struct ts_result *r = malloc(sizeof(*r));
		run_line_limited(cases[i].line, r, REFUSAL_FSIZE_LIMIT);
		int one_line = strncmp(r->err, "bulkxfer: ", 10) == 0 &&
			       strchr(r->err, '\n') == r->err + strlen(r->err) - 1;
		int ok = r->exited && r->status == 2 && strstr(r->err, cases[i].message) && one_line;
		CU_ASSERT_TRUE(ok);
		if (!ok)
			fprintf(stderr, "\n  '%s' -> exit %d, stderr '%s'\n", cases[i].line, r->status,
				r->err);
		free(r);
	}
	verify_hash_path(src, &hash_after, NULL);
	CU_ASSERT_EQUAL(hash_after, hash_before);		/* the source is never touched */
	CU_ASSERT_EQUAL(count_entries(workdir), entries_before);	/* nor anything else */
}

/* --chunk rest end to end: splice's rows say rest (0 in the CSV, CHUNK_REST read back) and so
 * does the table; the usage cases above check that pipe refuses it. */
static void test_chunk_rest_end_to_end(void)
{
	char csv[256];
	snprintf(csv, sizeof(csv), "%s/rest.csv", workdir);
	unlink(csv);
	struct ts_result *r = malloc(sizeof(*r));
	run_line("run --method splice --chunk rest --size 1M --runs 2 --warmup 0 --workdir {D} "
		 "--csv {D}/rest.csv", r);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, " rest "));
	struct run_record *recs = NULL;
	size_t n = 0, cap = 0;
	struct bx_error err;
	CU_ASSERT_EQUAL_FATAL(results_read_csv(csv, &recs, &n, &cap, &err), 0);
	CU_ASSERT_EQUAL(n, 2);
	for (size_t i = 0; i < n; i++)
		CU_ASSERT_EQUAL(recs[i].chunk, CHUNK_REST);	/* not silently 4 KiB */
	free(recs);
	unlink(csv);
	free(r);
}

/* run ends with the answer: at most 15 lines of at most 80 columns (the rows' path aside), a
 * line per group, the highest median and the lowest CPU, how it verified; --verbose adds the
 * table of every statistic instead. */
static void test_run_ends_with_the_answer(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	run_line("run --method pipe,splice,shm --size 1M --runs 2 --warmup 0 --workdir {D} "
		 "--csv {D}/answer.csv", r);
	CU_ASSERT_EQUAL(r->status, 0);
	int lines = 0;
	for (const char *p = r->out; *p; lines++) {
		const char *nl = strchr(p, '\n');
		CU_ASSERT_PTR_NOT_NULL_FATAL(nl);
		CU_ASSERT_TRUE(nl - p <= 80 || strncmp(p, "rows: ", 6) == 0);
		p = nl + 1;
	}
	CU_ASSERT_TRUE(lines >= 6 && lines <= 15);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "\nsplice "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "\nhighest median: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "\nevery run verified with XXH3"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "/answer.csv (--verbose"));
	CU_ASSERT_PTR_NULL(strstr(r->out, "median's CI"));
	run_line("run --method pipe --size 1M --runs 2 --warmup 0 --workdir {D} --csv {D}/answer.csv "
		 "--verbose", r);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "median's CI"));
	CU_ASSERT_PTR_NULL(strstr(r->out, "highest median: "));
	char csv[256];
	snprintf(csv, sizeof(csv), "%s/answer.csv", workdir);
	unlink(csv);
	free(r);
}

static void test_run_writes_rows_and_cleans_up(void)
{
	char csv[256];
	snprintf(csv, sizeof(csv), "%s/r.csv", workdir);
	unlink(csv);
	int entries_before = count_entries(workdir), shm_before = ts_count_shm_objects();
	struct ts_result *r = malloc(sizeof(*r));
	run_line("run --method pipe,shm,splice --size 3M --runs 2 --warmup 1 --chunk 64K "
		 "--workdir {D} --csv {D}/r.csv", r);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_STRING_EQUAL(r->err, "");
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "median"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "\npipe "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "\nshm "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "\nsplice "));
	CU_ASSERT_EQUAL(ts_count_lines(csv), 1 + 3 * 2);	/* header + rows, warm-up not recorded */
	CU_ASSERT_EQUAL(count_entries(workdir), entries_before + 1);	/* only r.csv is new */
	CU_ASSERT_EQUAL(ts_count_shm_objects(), shm_before);

	/* A second run appends rows without a second header. */
	run_line("run --method splice --size 1M --runs 1 --warmup 0 --workdir {D} --csv {D}/r.csv "
		 "--no-verify", r);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_EQUAL(ts_count_lines(csv), 1 + 3 * 2 + 1);
	FILE *f = fopen(csv, "r");
	char line[4096], last[4096] = "";
	int headers = 0;
	while (f && fgets(line, sizeof(line), f)) {
		headers += strncmp(line, "timestamp,", 10) == 0;
		snprintf(last, sizeof(last), "%s", line);
	}
	if (f)
		fclose(f);
	CU_ASSERT_EQUAL(headers, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(last, ",splice,splice,splice,1048576,"));
	unlink(csv);
	free(r);
}

static void test_json_and_explicit_destination(void)
{
	char src[256], dst[256];
	snprintf(src, sizeof(src), "%s/src", workdir);
	snprintf(dst, sizeof(dst), "%s/out.bin", workdir);
	/* An existing, longer file there: its tail must not survive (the harness truncates only
	 * what is not empty, and a run's destination is deleted before the next). */
	CU_ASSERT_EQUAL_FATAL(ts_write_file(dst, 300000, 9), 0);
	struct ts_result *r = malloc(sizeof(*r));
	run_line("run --method splice,shm --src {D}/src --dst {D}/out.bin --runs 2 --warmup 0 "
		 "--json --csv {D}/j.csv", r);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_EQUAL(r->out[0], '[');
	int records = 0;
	for (const char *p = r->out; (p = strstr(p, "\"method\": ")); p++)
		records++;
	CU_ASSERT_EQUAL(records, 4);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "\"verified\": 1"));
	CU_ASSERT_TRUE(ts_files_equal(src, dst));	/* the user's destination is kept */
	unlink(dst);
	char csv[256];
	snprintf(csv, sizeof(csv), "%s/j.csv", workdir);
	unlink(csv);
	/* --json FILE: the table as usual, and the runs' groups as one JSON file, valid against
	 * results.json's schema (a dashboard reads run's and reproduce's alike) */
	char json[256];
	snprintf(json, sizeof(json), "%s/r.json", workdir);
	run_line("run --method splice,shm --src {D}/src --runs 2 --warmup 0 --json {D}/r.json "
		 "--csv {D}/j.csv", r);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_NOT_EQUAL(r->out[0], '[');
	CU_ASSERT_TRUE(ts_file_contains_anywhere(json, "\"schema\":\"bulkxfer-results/1\""));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(json, "\"method\":\"shm\""));
	const char *check[] = { "/usr/bin/python3", "tests/json/check_schema.py",
				"doc/results.schema.json", json, NULL };
	CU_ASSERT_EQUAL(ts_run_program(r, NULL, check), 0);
	CU_ASSERT_EQUAL(r->status, 0);
	if (r->status)
		fprintf(stderr, "\n  %s%s\n", r->out, r->err);
	unlink(json);
	unlink(csv);
	free(r);
}

static void test_list_and_help(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	run_line("list", r);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "pipe "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "shm "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "splice "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "sender (parent)"));
	run_line("run --help", r);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "--pipe-size"));
	run_line("help", r);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "usage: bulkxfer"));
	free(r);
}

static void test_reproduce_end_to_end(void)
{
	char path[256];
	int entries_before = count_entries(workdir), shm_before = ts_count_shm_objects();
	struct ts_result *r = malloc(sizeof(*r));
	run_line("reproduce --size 2M --runs 2 --warmup 0 --chunk 4K,64K --out {D}/rep "
		 "--workdir {D}", r);
	CU_ASSERT_EQUAL(r->status, 0);
	if (r->status != 0)
		fprintf(stderr, "\n  reproduce: %s\n", r->err);
	/* The job ends with the answer, no tables (those are report.md's, or --verbose's): at most
	 * ANSWER_MAX_LINES lines of at most 80 columns, the ordering first (two runs decide nothing), the
	 * report's path last. */
	CU_ASSERT_PTR_NULL(strstr(r->out, "| read/write | 0.942 | 1.324 | 2.266 |"));
	const char *answer = strstr(r->out, "2014 ordering (splice < mmap+memcpy < read/write, by "
				       "CPU): undecided\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(answer);
	int lines = 0;
	for (const char *p = answer; *p; lines++) {
		const char *nl = strchr(p, '\n');
		CU_ASSERT_PTR_NOT_NULL_FATAL(nl);
		CU_ASSERT_TRUE(nl - p <= 80 || strncmp(p, "report: ", 8) == 0);
		p = nl + 1;
	}
	CU_ASSERT_TRUE(lines <= ANSWER_MAX_LINES);
	CU_ASSERT_PTR_NOT_NULL(strstr(answer, "  splice / read/write  "));
	snprintf(path, sizeof(path), "report: %s/rep/report.md\n", workdir);
	CU_ASSERT_PTR_NOT_NULL(strstr(answer, path));
	CU_ASSERT_TRUE(strlen(answer) >= strlen(path) &&
		       strcmp(answer + strlen(answer) - strlen(path), path) == 0);
	/* report.md says what wrote it and how: version and commit, the command and its seed,
	 * the CPUs and memory. */
	snprintf(path, sizeof(path), "%s/rep/report.md", workdir);
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, "- written by: bulkxfer " BULKXFER_VERSION
						 " (commit "));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, "- command: `bulkxfer reproduce --size 2M "
						 "--runs 2 --warmup 0 --chunk 4K,64K --out "));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, "(seed 1)"));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, " online; memory "));
	/* study: pipe, shm-whole, splice and the shm ring, 4x2; the chunk sweep: pipe, shm, splice,
	 * shm-rw beside shm and the study's shm-whole, 5 methods x 2 chunks x 3 runs; tuned: the
	 * four, and read/write at 4 KiB for the splice target unless pipe's best chunk was 4 KiB,
	 * x2; the size sweep below the full size (the tuned phase measured that): 4x1. */
	snprintf(path, sizeof(path), "%s/rep/runs.csv", workdir);
	struct run_record *recs = NULL;
	size_t nrec = 0, cap = 0, tuned = 0, pipe_4k = 0, pipe_other = 0, profiled = 0, ipc = 0;
	size_t first_profiled = SIZE_MAX, last_study = 0, placed = 0, placed_malloc = 0;
	uint64_t profiled_samples = 0;
	struct bx_error err;
	CU_ASSERT_EQUAL_FATAL(results_read_csv(path, &recs, &nrec, &cap, &err), 0);
	for (size_t i = 0; i < nrec; i++) {
		if (strcmp(recs[i].series, "tuned") == 0) {
			tuned++;
			if (strcmp(recs[i].method, "pipe") == 0)
				*(recs[i].chunk == 4096 ? &pipe_4k : &pipe_other) += 1;
		}
		/* only profiled runs hold samples (a side shorter than the 1 ms period may hold
		 * none, so only their sum is sure to be positive) */
		/* the channel alone: memory to memory into a receiver that keeps the data, each
		 * run verified by the kept bytes' hash */
		if (strcmp(recs[i].series, "ipc-sweep") == 0) {
			ipc++;
			CU_ASSERT_STRING_EQUAL(recs[i].source, "memory");
			CU_ASSERT_STRING_EQUAL(recs[i].sink_by, "keep");
			CU_ASSERT_STRING_EQUAL(recs[i].verify_by, "kept");
			CU_ASSERT_EQUAL(recs[i].verified, 1);
		}
		if (strstr(recs[i].series, "-placed-sweep")) {
			int malloc_placed = strcmp(recs[i].series, "malloc-placed-sweep") == 0;
			placed++;
			placed_malloc += malloc_placed;
			CU_ASSERT_EQUAL(recs[i].consumer_fig.buffer_offset, malloc_placed ? 16 : 0);
			CU_ASSERT_EQUAL(recs[i].producer_fig.buffer_offset, malloc_placed ? 16 : 0);
			CU_ASSERT_STRING_EQUAL(recs[i].method, "pipe");
		}
		int is_profile = strstr(recs[i].series, "-profile") != NULL;
		profiled += is_profile;
		if (is_profile && first_profiled == SIZE_MAX)
			first_profiled = i;
		if (strcmp(recs[i].series, "study") == 0)
			last_study = i;
		uint64_t samples = recs[i].producer_fig.samples + recs[i].consumer_fig.samples;
		profiled_samples += is_profile ? samples : 0;
		if (!is_profile)
			CU_ASSERT_EQUAL(samples, 0);
	}
	free(recs);
	CU_ASSERT_EQUAL(pipe_4k, 2);	/* read/write at 4 KiB ran in both tuned rounds */
	CU_ASSERT_EQUAL(tuned, 2 * (4 + (pipe_other > 0)));
	/* and, among their rounds, three profiled rounds of each study method and of each tuned
	 * entry but read/write at 4 KiB, the study's own setting (with 2 rounds: two profiled
	 * rounds, one after each) */
	char why[256];
	int can_profile = sampler_probe(why, sizeof(why)) == 0;
	if (!can_profile)
		ts_skip("cli/reproduce_end_to_end (profiled runs)", why);
	CU_ASSERT_EQUAL(profiled, can_profile ? 2 * (4 + tuned / 2 - 1) : 0);
	if (profiled != (can_profile ? 2 * (4 + tuned / 2 - 1) : 0))
		fprintf(stderr, "\n  %zu profiled runs, %zu tuned\n", profiled, tuned);
	CU_ASSERT_TRUE(!can_profile || first_profiled < last_study);	/* interleaved */
	CU_ASSERT_EQUAL(profiled_samples > 0, can_profile);
	/* the ipc sweep: the tuned methods that send from memory (pipe, shm, shm-rw), 2 chunks,
	 * 5 runs */
	CU_ASSERT_EQUAL(ipc, 3 * 2 * 5);
	CU_ASSERT_EQUAL(nrec, 8 + 30 + tuned + 4 + profiled + ipc + placed);
	/* the placement pair: five runs each way, at the offsets they recorded */
	CU_ASSERT_EQUAL(placed, 2 * 5);
	CU_ASSERT_EQUAL(placed_malloc, 5);
	snprintf(path, sizeof(path), "%s/rep/report.md", workdir);
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, "\n## Where the CPU time goes, measured\n"));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, "## The IPC alone: memory to memory beside"));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, "| shm-rw | keep | no |"));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, "Fastest memory-to-memory setting here: "));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, "\n### Where a buffer sits in its page\n"));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, can_profile ? "What profiling cost: " :
						  "No profile was taken: "));
	/* each profiled run placed among its setting's measured runs */
	CU_ASSERT_TRUE(!can_profile || ts_file_contains_anywhere(path, "#### The profiled runs "
								     "beside the measured ones"));
	CU_ASSERT_TRUE(!can_profile || ts_file_contains_anywhere(path, " of 2), "));
	/* the fit beside the profile sits in the appendix, after what was measured */
	CU_ASSERT_TRUE(!can_profile || ts_file_contains_anywhere(path, "## Appendix: a cost model "
								     "fitted to the runs"));
	char *report_md = NULL;
	size_t report_len = 0;
	FILE *mf = fopen(path, "r");
	if (mf) {
		report_md = calloc(1, 1 << 22);
		report_len = fread(report_md, 1, (1 << 22) - 1, mf);
		fclose(mf);
	}
	CU_ASSERT_TRUE(report_len > 0);
	const char *appendix = report_md ? strstr(report_md, "\n## Appendix: a cost model fitted to "
						  "the runs") : NULL;
	const char *beside = report_md ? strstr(report_md, "#### The fitted model beside the "
						"profile") : NULL;
	CU_ASSERT_TRUE(can_profile ? beside && appendix && beside > appendix : beside == NULL);
	free(report_md);
	/* report.html beside it: the flame graphs of every profiled side, or why there are none */
	snprintf(path, sizeof(path), "%s/rep/report.html", workdir);
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, "id=\"ordering-word\">undecided</strong>"));
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, can_profile ? "id=\"bx-flame-data\">" :
						  "<p>No profile in this job"));
	CU_ASSERT_TRUE(!can_profile || ts_file_contains_anywhere(path, "{\"title\":\"study-profile, "
								     "mmap+memcpy, chunk 4 KiB, receiver"));
	snprintf(path, sizeof(path), "%s/rep/profile/profile.csv", workdir);
	CU_ASSERT_EQUAL(ts_exists(path), can_profile);
	snprintf(path, sizeof(path), "%s/rep/profile/study-profile-shm-whole-4K-consumer.svg",
		 workdir);
	CU_ASSERT_EQUAL(ts_exists(path), can_profile);
	/* report on the directory brings the profile back, its files redrawn beside the report */
	run_line("report --csv {D}/rep/runs.csv --out {D}/rep/again", r);
	CU_ASSERT_EQUAL(r->status, 0);
	snprintf(path, sizeof(path), "%s/rep/again/report.md", workdir);
	CU_ASSERT_EQUAL(ts_file_contains_anywhere(path, "#### The study's explanation, judged from the "
					       "profile"), can_profile);
	snprintf(path, sizeof(path), "%s/rep/again/profile/study-profile-pipe-4K-producer.svg",
		 workdir);
	CU_ASSERT_EQUAL(ts_exists(path), can_profile);
	static const char *files[] = { "report.md", "verdicts.csv", "model.csv", "breakdown.png",
				       "calls.png", "summary.csv", "cpu.png", "throughput.png",
				       "chunk.png", "size.png", "cpu_per_gib.png", "cpu.svg" };
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/rep/%s", workdir, files[i]);
		CU_ASSERT_TRUE(ts_exists(path));
	}
	/* bulkxfer system's findings are in the report */
	snprintf(path, sizeof(path), "%s/rep/report.md", workdir);
	FILE *md = fopen(path, "r");
	static char text[1 << 20];
	size_t len = md ? fread(text, 1, sizeof(text) - 1, md) : 0;
	text[len] = '\0';
	if (md)
		fclose(md);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "## What on this machine moves the numbers"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "| finding | this machine | what it does to a transfer |"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "free page reporting"));
	CU_ASSERT_EQUAL(count_entries(workdir), entries_before + 1);	/* only rep/ */
	CU_ASSERT_EQUAL(ts_count_shm_objects(), shm_before);
	snprintf(path, sizeof(path), "%s/rep", workdir);
	ts_remove_tree(path);
	free(r);
}

static void test_sweep_then_report(void)
{
	char path[256];
	struct ts_result *r = malloc(sizeof(*r));
	run_line("sweep --method pipe,splice --chunk 4K,64K --size 1M,2M --runs 1 --warmup 0 "
		 "--workdir {D} --csv {D}/s.csv", r);
	CU_ASSERT_EQUAL(r->status, 0);
	snprintf(path, sizeof(path), "%s/s.csv", workdir);
	CU_ASSERT_EQUAL(ts_count_lines(path), 1 + 2 * 2 * 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "2 MiB"));
	run_line("report --csv {D}/s.csv", r);	/* default output: {D}/s-report */
	CU_ASSERT_EQUAL(r->status, 0);
	static const char *files[] = { "report.md", "chunk.png", "size.png" };
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/s-report/%s", workdir, files[i]);
		CU_ASSERT_TRUE(ts_exists(path));
	}
	/* report.md that cannot be written: no path printed as if it were, and no report.html
	 * written from a job whose report.md failed */
	snprintf(path, sizeof(path), "%s/blocked", workdir);
	CU_ASSERT_EQUAL_FATAL(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/blocked/report.md", workdir);
	CU_ASSERT_EQUAL_FATAL(mkdir(path, 0755), 0);	/* a directory where the file goes */
	run_line("report --csv {D}/s.csv --out {D}/blocked", r);
	CU_ASSERT_EQUAL(r->status, 1);
	CU_ASSERT_PTR_NULL(strstr(r->out, "report: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "report.md"));
	snprintf(path, sizeof(path), "%s/blocked/report.html", workdir);
	CU_ASSERT_FALSE(ts_exists(path));
	snprintf(path, sizeof(path), "%s/blocked", workdir);
	ts_remove_tree(path);
	run_line("report --csv {D}/missing.csv --out {D}/x", r);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "cannot read results file"));
	snprintf(path, sizeof(path), "%s/s-report", workdir);
	ts_remove_tree(path);
	snprintf(path, sizeof(path), "%s/s.csv", workdir);
	unlink(path);
	free(r);
}

static void test_list_explain_and_pairing(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	run_line("list --workdir {D}", r);
	CU_ASSERT_EQUAL(r->status, 0);
	for (size_t i = 0; i < methods_count(); i++) {
		char line[64];
		snprintf(line, sizeof(line), "\n%s ", methods_at(i)->name);
		CU_ASSERT_PTR_NOT_NULL(strstr(r->out, line));
	}
	/* a method this kernel or sandbox refuses is said so ("FAILS here"); the others never */
	if (ts_usable_methods() == methods_count())
		CU_ASSERT_PTR_NULL(strstr(r->out, "FAILS here"));
	run_line("list --halves", r);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "--producer vmsplice"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "--consumer tcp-splice"));

	run_line("run --producer vmsplice --consumer pipe --size 2M --runs 2 --warmup 0 "
		 "--workdir {D} --csv {D}/pair.csv", r);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "vmsplice+pipe"));
	run_line("explain --csv {D}/pair.csv --out {D}/ex", r);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "vmsplice+pipe"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "measured  series run, 2 MiB file"));
	char path[256];
	snprintf(path, sizeof(path), "%s/ex/copies.png", workdir);
	CU_ASSERT_TRUE(ts_exists(path));
	run_line("explain --method splice", r);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "src page cache -(page refs: splice)-> pipe buffer"));
	CU_ASSERT_PTR_NULL(strstr(r->out, "pipe    read/write"));	/* only the method asked for */
	snprintf(path, sizeof(path), "%s/ex", workdir);
	ts_remove_tree(path);
	snprintf(path, sizeof(path), "%s/pair.csv", workdir);
	unlink(path);
	free(r);
}

static void test_reproduce_all(void)
{
	char path[256];
	struct ts_result *r = malloc(sizeof(*r));
	run_line("reproduce --all --size 2M --runs 1 --warmup 0 --chunk 64K --out {D}/all "
		 "--workdir {D} --verbose", r);
	CU_ASSERT_EQUAL(r->status, 0);
	if (r->status)
		fprintf(stderr, "\n  reproduce --all: %s\n", r->err);
	/* The study's 4 rows, then every method x (3 chunk sweep runs + tuned + size sweep at 1M),
	 * and read/write at 4 KiB in the tuned round (the only chunk swept was 64K); and one
	 * profiled run (one measured round, one profiled round) of each study method and of each
	 * tuned entry but read/write at 4 KiB, the study's own setting. */
	snprintf(path, sizeof(path), "%s/all/runs.csv", workdir);
	char why[256];
	/* counted over the methods usable here: --all leaves out what this kernel refuses */
	long usable = (long)ts_usable_methods();
	long profiled = sampler_probe(why, sizeof(why)) == 0 ? 4 + usable : 0;
	long from_memory = 0;	/* the ipc sweep: each method that can send from memory, 5 runs */
	for (size_t i = 0; i < methods_count(); i++)
		from_memory += methods_at(i)->producer->from_memory != 0 &&
			       ts_method_usable(methods_at(i));
	CU_ASSERT_EQUAL(ts_count_lines(path), 1 + 4 + usable * 5 + 1 + profiled +
						5 * from_memory + 2 * 5);	/* + the placement pair */
	/* --verbose: the report's first tables before the answer; every method ran: none listed
	 * as not run. */
	const char *tables = strstr(r->out, "| read/write | 0.942 | 1.324 | 2.266 |");
	const char *answer = strstr(r->out, "2014 ordering (splice < mmap+memcpy < read/write");
	CU_ASSERT_PTR_NOT_NULL(tables);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "splice vs read/write, CPU sum"));
	CU_ASSERT_TRUE(tables && answer && tables < answer);
	if (ts_usable_methods() == methods_count())
		CU_ASSERT_PTR_NULL(answer ? strstr(answer, "\nnot run: ") : NULL);
	snprintf(path, sizeof(path), "%s/all/copies.png", workdir);
	CU_ASSERT_TRUE(ts_exists(path));
	snprintf(path, sizeof(path), "%s/all", workdir);
	ts_remove_tree(path);
	free(r);
}

/* --runs auto (reproduce's default): 6 to 12 interleaved rounds, added rounds only for the
 * methods of undecided claims, and the report says how many each phase and each method took and
 * why it stopped.  Counted from the runs CSV, not trusted from the text. */
/* What a file holds, into buf (at most len - 1 bytes). */
static const char *file_text(const char *path, char *buf, size_t len)
{
	buf[0] = '\0';
	FILE *f = fopen(path, "r");
	if (f) {
		size_t n = fread(buf, 1, len - 1, f);
		buf[n] = '\0';
		fclose(f);
	}
	return buf;
}

/* gnuplot is only recommended (the Debian package's Recommends): with no gnuplot on PATH,
 * report writes report.md, report.html and the plot data, says once that the graphs were
 * skipped and why, marks each graph "not drawn" in report.md, and exits 0. */
static void test_report_without_gnuplot(void)
{
	char path[320], empty[256];
	struct ts_result *r = malloc(sizeof(*r));
	run_line("run --size 1M --method pipe,splice --runs 2 --warmup 0 --workdir {D} --csv "
		 "{D}/nognuplot.csv", r);
	CU_ASSERT_EQUAL_FATAL(r->status, 0);
	snprintf(empty, sizeof(empty), "%s/no-programs", workdir);
	CU_ASSERT_EQUAL_FATAL(mkdir(empty, 0755), 0);
	const char *old = getenv("PATH");
	char *saved = old ? strdup(old) : NULL;
	setenv("PATH", empty, 1);	/* the child runs bulkxfer by its path, gnuplot by PATH */
	run_line("report --csv {D}/nognuplot.csv --out {D}/nognuplot-report", r);
	if (saved) {
		setenv("PATH", saved, 1);
		free(saved);
	}
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "bulkxfer: graphs skipped: gnuplot is not installed "
				      "(apt-get install gnuplot-nox)"));
	const char *first = strstr(r->err, "graphs skipped");
	CU_ASSERT(first && !strstr(first + 1, "graphs skipped"));	/* said once, not per graph */
	snprintf(path, sizeof(path), "%s/nognuplot-report/report.md", workdir);
	static char md[262144];
	CU_ASSERT_PTR_NOT_NULL(strstr(file_text(path, md, sizeof(md)),
				      "End-to-end throughput: not drawn: gnuplot is not installed"));
	snprintf(path, sizeof(path), "%s/nognuplot-report/report.html", workdir);
	CU_ASSERT_EQUAL(access(path, F_OK), 0);
	snprintf(path, sizeof(path), "%s/nognuplot-report/throughput.png", workdir);
	CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
	rmdir(empty);
	free(r);
}

/* No output is written through a link someone could have planted (issue 32): a --csv that is
 * a link, or another user's file, is refused before a byte moves; a link planted at
 * report.md makes the report fail without touching what it points at; one planted at a graph's
 * name is replaced by the graph. */
static void test_outputs_never_through_a_link(void)
{
	char victim[256], link[256], out[256], path[320], text[64];
	struct ts_result *r = malloc(sizeof(*r));
	snprintf(victim, sizeof(victim), "%s/victim", workdir);
	FILE *v = fopen(victim, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	fputs("precious\n", v);
	fclose(v);
	snprintf(link, sizeof(link), "%s/linked.csv", workdir);
	CU_ASSERT_EQUAL(symlink(victim, link), 0);
	run_line("run --size 1M --method pipe --runs 1 --warmup 0 --workdir {D} --csv "
		 "{D}/linked.csv", r);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "is a symbolic link"));
	CU_ASSERT_STRING_EQUAL(file_text(victim, text, sizeof(text)), "precious\n");
	unlink(link);
	if (geteuid() == 0) {	/* another user's file: only root can make one to test with */
		snprintf(path, sizeof(path), "%s/theirs.csv", workdir);
		FILE *t = fopen(path, "w");
		CU_ASSERT_PTR_NOT_NULL_FATAL(t);
		fclose(t);
		CU_ASSERT_EQUAL(chown(path, 65534, 65534), 0);
		run_line("run --size 1M --method pipe --runs 1 --warmup 0 --workdir {D} --csv "
			 "{D}/theirs.csv", r);
		CU_ASSERT_EQUAL(r->status, 2);
		CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "belongs to uid 65534, not to you"));
		unlink(path);
	} else {
		ts_skip("cli/outputs_never_through_a_link (another user's --csv)", "not root");
	}
	/* the report: runs of its own, then links planted in its folder */
	run_line("run --size 1M --method pipe --runs 2 --warmup 0 --workdir {D} --csv {D}/own.csv", r);
	CU_ASSERT_EQUAL_FATAL(r->status, 0);
	snprintf(out, sizeof(out), "%s/linked-report", workdir);
	mkdir(out, 0755);
	snprintf(path, sizeof(path), "%s/cpu.png", out);
	CU_ASSERT_EQUAL(symlink(victim, path), 0);
	run_line("report --csv {D}/own.csv --out {D}/linked-report", r);
	CU_ASSERT_EQUAL(r->status, 0);	/* the graph replaced the link */
	struct stat st;
	CU_ASSERT_TRUE(lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0);
	snprintf(path, sizeof(path), "%s/report.md", out);
	unlink(path);
	CU_ASSERT_EQUAL(symlink(victim, path), 0);
	run_line("report --csv {D}/own.csv --out {D}/linked-report", r);
	CU_ASSERT_EQUAL(r->status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "report.md': it is a symbolic link, which could point "
				      "anywhere (refused)"));
	CU_ASSERT_STRING_EQUAL(file_text(victim, text, sizeof(text)), "precious\n");
	ts_remove_tree(out);
	snprintf(path, sizeof(path), "%s/own.csv", workdir);
	unlink(path);
	unlink(victim);
	free(r);
}

/* The same job also has perf refused (injected): it goes on without the profiled runs and its
 * report says why (one job for both: a reproduce job's fixed start costs seconds of the
 * suite's time). */
static void test_reproduce_adaptive_rounds(void)
{
	char path[256];
	struct ts_result *r = malloc(sizeof(*r));
	setenv(SAMPLER_FAIL_ENV, "EACCES", 1);
	run_line("reproduce --size 1M --warmup 0 --chunk 64K --out {D}/auto --workdir {D}", r);
	unsetenv(SAMPLER_FAIL_ENV);
	CU_ASSERT_EQUAL(r->status, 0);
	if (r->status)
		fprintf(stderr, "\n  reproduce: %s\n", r->err);
	snprintf(path, sizeof(path), "%s/auto/runs.csv", workdir);
	struct run_record *recs = NULL;
	size_t n = 0, cap = 0;
	struct bx_error err;
	CU_ASSERT_EQUAL_FATAL(results_read_csv(path, &recs, &n, &cap, &err), 0);
	static const char *const study[] = { "pipe", "shm-whole", "splice", "shm" };
	uint64_t study_rounds = 0, runs[4] = { 0 }, seen[4][REPRODUCE_MAX_ROUNDS + 1] = { { 0 } };
	for (size_t i = 0; i < n; i++)	/* perf refused: no profiled series */
		CU_ASSERT_PTR_NULL(strstr(recs[i].series, "-profile"));
	for (size_t i = 0; i < n; i++)
		for (int m = 0; m < 4; m++)
			if (strcmp(recs[i].series, "study") == 0 && strcmp(recs[i].method, study[m]) == 0) {
				runs[m]++;
				if (recs[i].run <= REPRODUCE_MAX_ROUNDS)
					seen[m][recs[i].run]++;
				study_rounds = recs[i].run > study_rounds ? recs[i].run : study_rounds;
			}
	free(recs);
	CU_ASSERT_TRUE(study_rounds >= REPRODUCE_MIN_ROUNDS && study_rounds <= REPRODUCE_MAX_ROUNDS);
	for (int m = 0; m < 4; m++) {
		CU_ASSERT_TRUE(runs[m] >= REPRODUCE_MIN_ROUNDS && runs[m] <= study_rounds);
		for (uint64_t k = 1; k <= REPRODUCE_MIN_ROUNDS; k++)
			CU_ASSERT_EQUAL(seen[m][k], 1);	/* every method in each mandatory round */
		for (uint64_t k = 1; k <= REPRODUCE_MAX_ROUNDS; k++)
			CU_ASSERT_TRUE(seen[m][k] <= 1);	/* none twice in a round */
	}
	snprintf(path, sizeof(path), "%s/auto/report.md", workdir);
	FILE *f = fopen(path, "r");
	char line[512], want[128];
	int said = 0;
	snprintf(want, sizeof(want), "%llu interleaved rounds, each in a new random order: stopped ",
		 (unsigned long long)study_rounds);
	while (f && fgets(line, sizeof(line), f))
		said |= strncmp(line, want, strlen(want)) == 0;
	if (f)
		fclose(f);
	CU_ASSERT_TRUE(said);
	CU_ASSERT_TRUE(ts_file_contains_anywhere(path, "No profile was taken: perf_event_open "
						 "refused"));
	CU_ASSERT_FALSE(ts_file_contains_anywhere(path, "#### What profiling cost"));
	snprintf(path, sizeof(path), "%s/auto/profile", workdir);
	CU_ASSERT_FALSE(ts_exists(path));
	snprintf(path, sizeof(path), "%s/auto", workdir);
	ts_remove_tree(path);
	free(r);
}

/* explain --size predicts from a model.csv: costs chosen so the answer is known.  splice, 1 GiB,
 * 1 MiB per call: the sender makes 1024 calls and hands 262144 pages over, the receiver makes 1024
 * calls and copies the GiB once. */
static void test_explain_predicts(void)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/model.csv", workdir);
	FILE *f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fprintf(f, "side,term,coefficient,ci_low,ci_high,unit\n"
		"both,call,1e-06,9e-07,1.1e-06,s/call\nboth,copy,0.25,0.2,0.3,s/GiB\n"
		"both,page_ref,1e-06,9e-07,1.1e-06,s/page\nboth,fault,,,,s/fault\n"
		"both,wakeup,,,,s/wakeup\nboth,fixed,0.001,0,0.002,s/transfer\n");
	fclose(f);
	struct ts_result *r = malloc(sizeof(*r));
	run_line("explain --method splice --size 1G --chunk 1M --model {D}/model.csv", r);
	CU_ASSERT_EQUAL(r->status, 0);
	/* 1024 x 1 us + 262144 x 1 us + 1 ms = 0.264 s; 1024 x 1 us + 0.25 s + 1 ms = 0.252 s */
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "sender      0.264 s CPU"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "most: page_ref"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "receiver    0.252 s CPU"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "most: copy"));
	if (r->status || !strstr(r->out, "0.264 s"))
		fprintf(stderr, "\n  explain: %s%s\n", r->out, r->err);
	unlink(path);
	free(r);
}

static int cli_suite_init(void)
{
	make_fixture();
	return workdir[0] ? 0 : -1;
}

static int cli_suite_clean(void)
{
	char ro[256];
	snprintf(ro, sizeof(ro), "%s/ro", workdir);
	umount(ro);
	snprintf(ro, sizeof(ro), "%s/tiny", workdir);
	umount(ro);
	ts_remove_tree(workdir);
	return 0;
}

int register_cli_suite(void)
{
	static const struct test_case cases[] = {
		{ "bad_inputs", test_bad_inputs },
		{ "run_writes_rows_and_cleans_up", test_run_writes_rows_and_cleans_up },
		{ "chunk_rest_end_to_end", test_chunk_rest_end_to_end },
		{ "json_and_explicit_destination", test_json_and_explicit_destination },
		{ "list_and_help", test_list_and_help },
		{ "reproduce_end_to_end", test_reproduce_end_to_end },
		{ "run_ends_with_the_answer", test_run_ends_with_the_answer },
		{ "sweep_then_report", test_sweep_then_report },
		{ "list_explain_and_pairing", test_list_explain_and_pairing },
		{ "reproduce_all", test_reproduce_all },
		{ "reproduce_adaptive_rounds", test_reproduce_adaptive_rounds },
		{ "outputs_never_through_a_link", test_outputs_never_through_a_link },
		{ "report_without_gnuplot", test_report_without_gnuplot },
		{ "explain_predicts", test_explain_predicts },
	};
	return TS_ADD_SUITE_WITH("cli", cli_suite_init, cli_suite_clean, cases);
}
