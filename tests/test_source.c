/*
 * test_source.c - the generated data is deterministic, depends on the seed, is the same
 * however it is cut into pieces, and looks incompressible; XXH3 of a file matches XXH3 of the
 * same bytes in memory.
 */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "base/source.h"
#include "base/verify.h"
#include "test_support.h"

static void test_deterministic_and_seeded(void)
{
	unsigned char a[4096], b[4096], c[4096];
	source_fill(a, sizeof(a), 0, 1);
	source_fill(b, sizeof(b), 0, 1);
	source_fill(c, sizeof(c), 0, 2);
	CU_ASSERT_EQUAL(memcmp(a, b, sizeof(a)), 0);
	CU_ASSERT_NOT_EQUAL(memcmp(a, c, sizeof(a)), 0);
}

static void test_pieces_match_whole(void)
{
	unsigned char whole[1000], piece[1000];
	source_fill(whole, sizeof(whole), 0, 7);
	source_fill(piece, 512, 0, 7);
	source_fill(piece + 512, 1000 - 512, 512, 7);
	CU_ASSERT_EQUAL(memcmp(whole, piece, sizeof(whole)), 0);
}

static void test_bytes_look_random(void)
{
	/* Every byte value appears about equally often in 1 MiB: 4096 each, none below 3500. */
	size_t len = 1 << 20;
	unsigned char *buf = malloc(len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	source_fill(buf, len, 0, 1);
	unsigned counts[256] = { 0 };
	for (size_t i = 0; i < len; i++)
		counts[buf[i]]++;
	unsigned lowest = counts[0];
	for (int v = 1; v < 256; v++)
		if (counts[v] < lowest)
			lowest = counts[v];
	CU_ASSERT_TRUE(lowest > 3500);
	free(buf);
}

static void test_file_hash_matches_memory(void)
{
	char dir[64], path[128];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/src", dir);
	size_t len = (5 << 20) + 3;	/* more than verify's buffer, not a round size */
	CU_ASSERT_EQUAL_FATAL(ts_write_file(path, len, 9), 0);
	unsigned char *buf = malloc(len);
	source_fill(buf, len, 0, 9);
	uint64_t hash = 0, bytes = 0;
	CU_ASSERT_EQUAL(verify_hash_path(path, &hash, &bytes), 0);
	CU_ASSERT_EQUAL(bytes, len);
	CU_ASSERT_EQUAL(hash, XXH3_64bits(buf, len));
	free(buf);
	CU_ASSERT_EQUAL(verify_hash_path("/nonexistent/file", &hash, &bytes) < 0, 1);
	ts_remove_tree(dir);
}

int register_source_suite(void)
{
	static const struct test_case cases[] = {
		{ "deterministic_and_seeded", test_deterministic_and_seeded },
		{ "pieces_match_whole", test_pieces_match_whole },
		{ "bytes_look_random", test_bytes_look_random },
		{ "file_hash_matches_memory", test_file_hash_matches_memory },
	};
	return TS_ADD_SUITE("source", cases);
}
