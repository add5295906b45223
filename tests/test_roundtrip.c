/*
 * test_roundtrip.c - every method moves files of the edge sizes (0, 1, page +-1, chunk +-1,
 * a whole ring + 7) and a 64 MiB file byte-exact, compared byte for byte independently of the
 * harness's own XXH3 check; no /dev/shm object is left behind.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/verify.h"
#include "test_support.h"
#include "transfer/harness.h"

#define RT_CHUNK 65536
#define RT_SLOTS 4

/* Move a file of size bytes with method m; assert success and byte equality. */
static void round_trip(const struct method *m, uint64_t size, size_t chunk, uint32_t slots,
		       size_t pipe_size)
{
	char dir[64], src[128], dst[128];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(src, sizeof(src), "%s/src", dir);
	snprintf(dst, sizeof(dst), "%s/dst", dir);
	int shm_before = ts_count_shm_objects();
	CU_ASSERT_EQUAL_FATAL(ts_write_file(src, size, size + 1), 0);

	struct transfer_spec spec = {
		.method = m, .src_path = src, .dst_path = dst, .chunk = chunk, .slots = slots,
		.pipe_size = pipe_size, .verify = 1,
	};
	CU_ASSERT_EQUAL(verify_hash_path(src, &spec.src_hash, NULL), 0);
	struct run_record rec;
	struct bx_error err = { 0, "" };
	int rc = harness_transfer(&spec, &rec, &err);
	CU_ASSERT_EQUAL(rc, 0);
	if (rc != 0)
		fprintf(stderr, "\n  %s, %llu bytes: %s\n", m->name, (unsigned long long)size, err.msg);
	CU_ASSERT_TRUE(ts_files_equal(src, dst));
	CU_ASSERT_EQUAL(rec.bytes, size);
	CU_ASSERT_EQUAL(rec.verified, 1);
	CU_ASSERT_EQUAL(rec.producer_fig.bytes, size);
	CU_ASSERT_EQUAL(rec.consumer_fig.bytes, size);
	CU_ASSERT_TRUE(rec.wall_s >= 0);
	CU_ASSERT_EQUAL(ts_count_shm_objects(), shm_before);
	ts_remove_tree(dir);
}

static void edge_sizes_of(const struct method *m)
{
	const uint64_t sizes[] = { 0, 1, 4095, 4096, 4097, RT_CHUNK - 1, RT_CHUNK + 1,
				   (uint64_t)RT_SLOTS * RT_CHUNK + 7 };
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		round_trip(m, sizes[i], RT_CHUNK, RT_SLOTS, 0);
	/* A chunk that is not a multiple of the page, and a small ring and pipe. */
	round_trip(m, 100000, 1000, 2, 4096);
}

static void edge_sizes_for(const char *name)
{
	const struct method *m = methods_find(name);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	edge_sizes_of(m);
}

/* Every method of the table, beyond the study's three. */
static void test_every_method_edges(void)
{
	for (size_t i = 0; i < methods_count(); i++)
		if (ts_method_usable(methods_at(i)))
			edge_sizes_of(methods_at(i));
}

/* Sending halves paired with other receiving halves of their channel. */
static void test_pairings_edges(void)
{
	static const char *pairs[][2] = {
		{ "pipe", "splice" },       { "splice", "pipe" },       { "vmsplice", "pipe" },
		{ "sendfile", "pipe" },     { "mmap-write", "pipe" },   { "unix", "unix-splice" },
		{ "unix-sendfile", "unix" }, { "tcp-rw", "tcp-splice" }, { "tcp-sendfile", "tcp-rw" },
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct method m;
		char name[METHOD_NAME_MAX];
		struct bx_error err;
		CU_ASSERT_EQUAL_FATAL(methods_pair(pairs[i][0], pairs[i][1], &m, name, &err), 0);
		edge_sizes_of(&m);
	}
}

static void test_pipe_edges(void)
{
	edge_sizes_for("pipe");
}

static void test_shm_edges(void)
{
	edge_sizes_for("shm");
}

static void test_splice_edges(void)
{
	edge_sizes_for("splice");
}

static void test_every_method_64mib(void)
{
	for (size_t i = 0; i < methods_count(); i++)
		if (ts_method_usable(methods_at(i)))
			round_trip(methods_at(i), 64ULL << 20, 1 << 20, 8, 0);
}

static void test_single_slot_ring(void)
{
	round_trip(methods_find("shm"), 3 * 65536 + 5, 65536, 1, 0);
}

int register_roundtrip_suite(void)
{
	static const struct test_case cases[] = {
		{ "pipe_edges", test_pipe_edges },
		{ "shm_edges", test_shm_edges },
		{ "splice_edges", test_splice_edges },
		{ "every_method_64mib", test_every_method_64mib },
		{ "single_slot_ring", test_single_slot_ring },
		{ "every_method_edges", test_every_method_edges },
		{ "pairings_edges", test_pairings_edges },
	};
	return TS_ADD_SUITE("roundtrip", cases);
}
