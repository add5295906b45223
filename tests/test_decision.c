/*
 * test_decision.c - "Which method, by size and side" (issue 41, item 2): on synthetic runs whose
 * best methods are known, each row picks the least-CPU and the fastest method of its own size,
 * names a tie, states each side's CPU per GiB; report.md, report.html and the terminal answer
 * say so (each view written from the facts alone: no graphs drawn); methods not run are named
 * with the command that runs them, and each method's needs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/facts/facts.h"
#include "analysis/html/html_decision.h"
#include "analysis/markdown/report_decision.h"
#include "analysis/terminal/answer.h"
#include "record/names.h"
#include "test_support.h"

/* A run: sender and receiver CPU seconds (a quarter user), throughput; wall from the rate. */
static struct run_record run(const char *series, const char *method, uint64_t chunk,
			     uint64_t bytes, double sender, double receiver, double gib)
{
	struct run_record r;
	memset(&r, 0, sizeof(r));
	snprintf(r.timestamp, sizeof(r.timestamp), "2026-12-05T01:00:00Z");
	snprintf(r.series, sizeof(r.series), "%s", series);
	snprintf(r.method, sizeof(r.method), "%s", method);
	snprintf(r.producer, sizeof(r.producer), "%s", method);
	snprintf(r.consumer, sizeof(r.consumer), "%s", method);
	snprintf(r.source, sizeof(r.source), "file");
	snprintf(r.sink_by, sizeof(r.sink_by), "-");
	r.cpu_model = "Fixture CPU";
	r.kernel = "6.1.0-fixture";
	r.src_fs = r.dst_fs = "ext4";
	r.bytes = bytes;
	r.chunk = chunk;
	r.producer_fig.user_s = sender / 4;
	r.producer_fig.sys_s = sender * 3 / 4;
	r.consumer_fig.user_s = receiver / 4;
	r.consumer_fig.sys_s = receiver * 3 / 4;
	r.gib_per_s = gib;
	r.wall_s = (double)bytes / (1 << 30) / gib;
	r.verified = 1;
	return r;
}

#define MIB (1ULL << 20)

/* The synthetic job (per GiB: bytes are 1 GiB where the CPU is given per GiB):
 *   64 KiB messages (chunk sweep): pipe least CPU (0.2+0.2), shm fastest (4 GiB/s, CPU 0.3+0.3);
 *   1 MiB messages: splice both, by a clear margin;
 *   a 16 MiB file (size sweep, one run each): shm both;
 *   the job's 1 GiB file (tuned + study): splice least CPU (its study runs), shm-rw fastest but
 *     tied with splice's interval;
 *   memory to memory kept: shm both; a discarding read-sink row beside it is in no row. */
static size_t synthetic(struct run_record *r)
{
	size_t n = 0;
	for (int k = 0; k < 6; k++) {
		double e = 1 + 0.01 * k;
		r[n++] = run(PHASE_CHUNK_SWEEP, "pipe", 65536, 1ULL << 30, 0.2 * e, 0.2 * e, 2.0 * e);
		r[n++] = run(PHASE_CHUNK_SWEEP, "shm", 65536, 1ULL << 30, 0.3 * e, 0.3 * e, 4.0 * e);
		r[n++] = run(PHASE_CHUNK_SWEEP, "splice", 1 << 20, 1ULL << 30, 0.05 * e, 0.2 * e,
			     5.0 * e);
		r[n++] = run(PHASE_CHUNK_SWEEP, "pipe", 1 << 20, 1ULL << 30, 0.4 * e, 0.4 * e, 2.0 * e);
		r[n++] = run(PHASE_TUNED, "shm-rw", 262144, 1ULL << 30, 0.3, 0.3,
			     k % 2 ? 3.0 : 1.0 + 0.1 * k);
		r[n++] = run(PHASE_TUNED, "splice", 1 << 20, 1ULL << 30, 0.2 * e, 0.3 * e, 1.5 * e);
		r[n++] = run(PHASE_STUDY, "splice", CHUNK_REST, 1ULL << 30, 0.1 * e, 0.2 * e, 1.4);
		r[n++] = run(PHASE_STUDY, "pipe", 4096, 1ULL << 30, 1.0 * e, 2.0 * e, 0.5);
		struct run_record m = run(PHASE_IPC_SWEEP, "shm", 16384, 128 * MIB, 0.01 * e, 0.01 * e,
					  9.0 * e);
		snprintf(m.source, sizeof(m.source), "memory");
		snprintf(m.sink_by, sizeof(m.sink_by), "keep");
		m.sink = 1;
		r[n++] = m;
		snprintf(m.method, sizeof(m.method), "pipe");
		m.gib_per_s = 2.0 * e;
		r[n++] = m;
		snprintf(m.sink_by, sizeof(m.sink_by), "read");	/* discards: in no row */
		m.gib_per_s = 20.0;
		r[n++] = m;
	}
	r[n++] = run(PHASE_SIZE_SWEEP, "shm", 65536, 16 * MIB, 0.001, 0.001, 3.0);
	r[n++] = run(PHASE_SIZE_SWEEP, "pipe", 65536, 16 * MIB, 0.004, 0.004, 1.0);
	return n;
}

static const struct decision_row *row_of(const struct decision_table *t,
					 enum decision_kind kind, uint64_t size)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->rows[i].kind == kind && t->rows[i].size == size)
			return &t->rows[i];
	return NULL;
}

static void test_rows_pick_the_known_best(void)
{
	struct run_record r[128];
	size_t n = synthetic(r);
	struct job_facts *facts = NULL;
	struct bx_error err;
	CU_ASSERT_EQUAL_FATAL(job_facts_build(r, n, "runs.csv", NULL, &facts, &err), 0);
	const struct decision_table *t = &facts->decision;
	/* smallest transfer first: messages, then files, then memory to memory */
	CU_ASSERT_EQUAL(t->n, 5);
	const struct decision_row *m64 = row_of(t, DECISION_MESSAGES, 65536);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m64);
	CU_ASSERT_STRING_EQUAL(m64->least_cpu.g->method, "pipe");
	CU_ASSERT_STRING_EQUAL(m64->fastest.g->method, "shm");
	CU_ASSERT_PTR_NULL(m64->least_cpu.rival);
	CU_ASSERT_EQUAL(m64->methods, 2);
	const struct decision_row *m1 = row_of(t, DECISION_MESSAGES, 1 << 20);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m1);
	CU_ASSERT_PTR_EQUAL(m1->least_cpu.g, m1->fastest.g);
	CU_ASSERT_STRING_EQUAL(m1->fastest.g->method, "splice");
	const struct decision_row *f16 = row_of(t, DECISION_FILE, 16 * MIB);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f16);
	CU_ASSERT_STRING_EQUAL(f16->fastest.g->method, "shm");
	CU_ASSERT_PTR_NULL(f16->fastest.rival);	/* one run each: no interval, no tie */
	const struct decision_row *job = row_of(t, DECISION_JOB_FILE, 1ULL << 30);
	CU_ASSERT_PTR_NOT_NULL_FATAL(job);
	CU_ASSERT_STRING_EQUAL(job->least_cpu.g->method, "splice");
	CU_ASSERT_STRING_EQUAL(job->least_cpu.g->series, PHASE_STUDY);
	CU_ASSERT_STRING_EQUAL(job->fastest.g->method, "shm-rw");
	CU_ASSERT_PTR_NOT_NULL_FATAL(job->fastest.rival);
	CU_ASSERT_STRING_EQUAL(job->fastest.rival->method, "splice");
	const struct decision_row *mem = row_of(t, DECISION_MEMORY, 128 * MIB);
	CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
	CU_ASSERT_STRING_EQUAL(mem->fastest.g->method, "shm");	/* the discarding 20 GiB/s not */
	CU_ASSERT_STRING_EQUAL(mem->fastest.g->sink_by, "keep");
	/* each side's CPU per GiB, with an interval from its runs */
	struct decision_side s, rc;
	decision_side_cpu(m64->least_cpu.g, 1, &s);
	decision_side_cpu(m64->least_cpu.g, 0, &rc);
	CU_ASSERT_DOUBLE_EQUAL(s.median, 0.2 * 1.025, 0.002);
	CU_ASSERT_TRUE(s.has_interval && s.low <= s.median && s.median <= s.high);
	/* splice's sides differ (0.05 against 0.2 s/GiB): each interval is its own side's */
	decision_side_cpu(m1->fastest.g, 1, &s);
	decision_side_cpu(m1->fastest.g, 0, &rc);
	CU_ASSERT_TRUE(s.low >= 0.05 && s.high <= 0.06);
	CU_ASSERT_TRUE(rc.low >= 0.199 && rc.high <= 0.211);
	/* the methods: ran, or not */
	int pipe_ran = 0, tcp_ran = 1;
	for (size_t i = 0; i < t->nmethods; i++) {
		if (strcmp(t->methods[i].m->name, "pipe") == 0)
			pipe_ran = t->methods[i].ran && t->methods[i].verified;
		if (strcmp(t->methods[i].m->name, "tcp") == 0)
			tcp_ran = t->methods[i].ran;
	}
	CU_ASSERT_TRUE(pipe_ran);
	CU_ASSERT_FALSE(tcp_ran);
	job_facts_free(facts);
}

/* The views: report.md's table and needs, report.html's table, the terminal's short rows. */
static void test_views_state_the_rows(void)
{
	struct run_record r[192];
	size_t n = synthetic(r);
	struct job_facts *facts = NULL;
	struct bx_error err;
	CU_ASSERT_EQUAL_FATAL(job_facts_build(r, n, "runs.csv", NULL, &facts, &err), 0);
	char *md = NULL, *html = NULL, *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&md, &len);
	report_decision_print(f, facts);
	fclose(f);
	static const char *const said[] = {
		"\n## Which method, by size and side\n",
		"| a 1 GiB file in 64 KiB calls (chunk sweep: a stream of 64 KiB messages), 2 methods "
		"| least CPU | read/write, chunk 64 KiB | 2.05 [",
		"|  | fastest | shm, chunk 64 KiB | 4.10 [",
		"| least CPU | splice, chunk rest | ",
		"; tied in GiB/s with splice |",
		"| 3.00 (1 run) | 0.064 (1 run) |",
		"`bulkxfer reproduce --all` runs every method",
		"| tcp | a TCP socket on 127.0.0.1",
		"| not run in this job |",
		"| pipe | a pipe | worked: every run verified |",
	};
	for (size_t i = 0; i < sizeof(said) / sizeof(said[0]); i++) {
		CU_ASSERT_PTR_NOT_NULL(strstr(md, said[i]));
		if (!strstr(md, said[i]))
			fprintf(stderr, "\n  report.md lacks: %s\n", said[i]);
	}
	f = open_memstream(&html, &len);
	html_decision_write(f, facts);
	fclose(f);
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<table id=\"decision-table\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(html, "<td>fastest</td><td>shm, chunk 64 KiB</td>"
				      "<td class=\"num\">4.10 ["));
	f = open_memstream(&out, &len);
	answer_print_reproduce(f, facts, NULL);
	fclose(f);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "  64 KiB calls     least CPU read/write 0.21+0.21; "
				      "fastest shm 4.10\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "  128 MiB kept     shm: least CPU"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "tied with (intervals overlap): 1 GiB file splice "
				      "(GiB/s)"));
	free(out);
	/* an answer too long for ANSWER_MAX_LINES (the host took memory during every run: a
	 * caution line; and files of eight more sizes: a row each) still ends with the report's
	 * path, the lines before it cut */
	job_facts_free(facts);
	for (size_t i = 0; i < n; i++)
		r[i].reported_mib = 128;
	for (int k = 0; k < 8; k++)
		for (int j = 0; j < 2; j++) {	/* pipe and splice tied at each: a tie each */
			r[n++] = run(PHASE_TUNED, "pipe", 65536, (2ULL + (uint64_t)k) << 20, 0.01, 0.01,
				     1.0 + 0.01 * j);
			r[n++] = run(PHASE_TUNED, "splice", 65536, (2ULL + (uint64_t)k) << 20, 0.01,
				     0.01 + 0.001 * j, 1.005 + 0.01 * j);
		}
	CU_ASSERT_EQUAL_FATAL(job_facts_build(r, n, "runs.csv", NULL, &facts, &err), 0);
	f = open_memstream(&out, &len);
	int lines = answer_print_reproduce(f, facts, "job/report.md");
	fclose(f);
	CU_ASSERT_EQUAL(lines, ANSWER_MAX_LINES);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "caution: the host took memory back"));
	CU_ASSERT_TRUE(strlen(out) > 20 &&
		       strcmp(out + strlen(out) - strlen("\nreport: job/report.md\n"),
			      "\nreport: job/report.md\n") == 0);
	free(out);
	free(md);
	free(html);
	job_facts_free(facts);
}

int register_decision_suite(void)
{
	static const struct test_case cases[] = {
		{ "rows_pick_the_known_best", test_rows_pick_the_known_best },
		{ "views_state_the_rows", test_views_state_the_rows },
	};
	return TS_ADD_SUITE("decision", cases);
}
