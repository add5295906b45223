/*
 * test_explain.c - the theory: `explain` prints each method's chain and numbers as the table
 * says; a few methods' totals are pinned by hand (so a wrong table fails too); pairing checks
 * channels; and the measured counters scale with the file: twice the bytes, twice the calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/terminal/explain.h"
#include "base/verify.h"
#include "test_support.h"
#include "transfer/harness.h"

static char *theory_of(const struct method *m)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	explain_theory(f, m);
	fclose(f);
	return buf;
}

static void test_explain_matches_table(void)
{
	for (size_t i = 0; i < methods_count(); i++) {
		const struct method *m = methods_at(i);
		char *text = theory_of(m), expect[256], chain[1024];
		CU_ASSERT_PTR_NOT_NULL(strstr(text, m->summary));
		CU_ASSERT_PTR_NOT_NULL(strstr(text, explain_chain(m, chain, sizeof(chain))));
		/* The chain starts at the source and ends in the destination's page cache. */
		CU_ASSERT_EQUAL(strncmp(chain, "src ", 4), 0);
		CU_ASSERT_PTR_NOT_NULL(strstr(chain, "-> dst page cache"));
		CU_ASSERT_PTR_NULL(strstr(chain, ", then "));	/* the halves meet at one node */
		snprintf(expect, sizeof(expect), "sender %u CPU", m->producer->cpu_copies);
		CU_ASSERT_PTR_NOT_NULL(strstr(text, expect));
		snprintf(expect, sizeof(expect), "receiver %u CPU", m->consumer->cpu_copies);
		CU_ASSERT_PTR_NOT_NULL(strstr(text, expect));
		snprintf(expect, sizeof(expect), "%u CPU cop", methods_cpu_copies(m));
		CU_ASSERT_PTR_NOT_NULL(strstr(text, expect));
		free(text);
	}
}

static void test_classic_numbers(void)
{
	static const struct {
		const char *method;
		unsigned copies, switches;
	} expected[] = {
		{ "pipe", 4, 8 },	/* read+write on each side: 2 copies, 4 switches per side */
		{ "splice", 1, 4 },	/* page refs in, one in-kernel copy out */
		{ "shm", 2, 0 },	/* memcpy in, memcpy out, no system call */
		{ "mmap-write", 2, 4 },	/* mmap+write drops the private buffer's copy */
		{ "sendfile", 1, 4 },
		{ "fdpass", 1, 2 },	/* no byte through IPC; the copy happens in copy_file_range */
		{ "cma", 3, 14 },
	};
	for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
		const struct method *m = methods_find(expected[i].method);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		CU_ASSERT_EQUAL(methods_cpu_copies(m), expected[i].copies);
		CU_ASSERT_EQUAL(methods_switches(m), expected[i].switches);
	}
	char *text = theory_of(methods_find("pipe"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "src page cache -(CPU: read)-> user buffer -(CPU: write)-> "
					    "pipe buffer -(CPU: read)-> user buffer -(CPU: write)-> "
					    "dst page cache"));
	free(text);
}

static void test_pairing_rules(void)
{
	struct method m;
	char name[METHOD_NAME_MAX];
	struct bx_error err = { 0, "" };
	CU_ASSERT_EQUAL(methods_pair("vmsplice", "pipe", &m, name, &err), 0);
	CU_ASSERT_STRING_EQUAL(m.name, "vmsplice+pipe");
	CU_ASSERT_EQUAL(methods_cpu_copies(&m), 2);
	CU_ASSERT_EQUAL(methods_pair("pipe", "unix", &m, name, &err), BX_EXIT_USAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "different channels"));
	CU_ASSERT_EQUAL(methods_pair("teleport", "pipe", &m, name, &err), BX_EXIT_USAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "unknown sending half"));
	/* Row names resolve back to methods, pairings included. */
	CU_ASSERT_PTR_EQUAL(methods_resolve("splice", &m, name), methods_find("splice"));
	CU_ASSERT_PTR_EQUAL(methods_resolve("sendfile+pipe", &m, name), &m);
	CU_ASSERT_PTR_NULL(methods_resolve("nonsense", &m, name));
	/* Every half name is unique on its side. */
	const struct half_ops *a, *b;
	for (size_t i = 0; (a = methods_producer_at(i)); i++)
		for (size_t k = i + 1; (b = methods_producer_at(k)); k++)
			CU_ASSERT_NOT_EQUAL(strcmp(a->name, b->name), 0);
}

/* Move size bytes with method name at a 64 KiB chunk; returns the record. */
static struct run_record transfer(const char *name, uint64_t size)
{
	char dir[64], src[128], dst[128];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(src, sizeof(src), "%s/src", dir);
	snprintf(dst, sizeof(dst), "%s/dst", dir);
	ts_write_file(src, size, 11);
	struct transfer_spec spec = { .method = methods_find(name), .src_path = src,
				      .dst_path = dst, .chunk = 65536, .slots = 4, .verify = 1 };
	verify_hash_path(src, &spec.src_hash, NULL);
	struct run_record rec;
	struct bx_error err;
	memset(&rec, 0, sizeof(rec));
	CU_ASSERT_EQUAL(harness_transfer(&spec, &rec, &err), 0);
	ts_remove_tree(dir);
	return rec;
}

static void test_counters_scale_with_size(void)
{
	static const char *names[] = { "pipe", "splice", "sendfile", "cma" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct run_record small = transfer(names[i], 8 << 20);
		struct run_record large = transfer(names[i], 16 << 20);
		double p = (double)large.producer_fig.syscalls / (double)small.producer_fig.syscalls;
		double c = (double)large.consumer_fig.syscalls / (double)small.consumer_fig.syscalls;
		CU_ASSERT_TRUE(p > 1.8 && p < 2.2);
		CU_ASSERT_TRUE(c > 1.8 && c < 2.2);
		if (!(p > 1.8 && p < 2.2 && c > 1.8 && c < 2.2))
			fprintf(stderr, "\n  %s: producer x%.2f, consumer x%.2f\n", names[i], p, c);
	}
	/* And the sender's calls are what the theory says: 8 MiB / 64 KiB = 128 chunks. */
	struct run_record r = transfer("pipe", 8 << 20);
	CU_ASSERT_EQUAL(r.producer_fig.syscalls, 128 * producer_pipe.syscalls_per_chunk);
	r = transfer("splice", 8 << 20);
	CU_ASSERT_EQUAL(r.producer_fig.syscalls, 128 * producer_splice.syscalls_per_chunk);
}

int register_explain_suite(void)
{
	static const struct test_case cases[] = {
		{ "explain_matches_table", test_explain_matches_table },
		{ "classic_numbers", test_classic_numbers },
		{ "pairing_rules", test_pairing_rules },
		{ "counters_scale_with_size", test_counters_scale_with_size },
	};
	return TS_ADD_SUITE("explain", cases);
}
