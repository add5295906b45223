/*
 * test_units.c - size and count parsing: tables of valid and invalid text.
 */
#include <errno.h>
#include <string.h>

#include "base/units.h"
#include "test_support.h"

static void test_valid_sizes(void)
{
	static const struct {
		const char *text;
		uint64_t bytes;
	} cases[] = {
		{ "0", 0 },		{ "1", 1 },		{ "4096", 4096 },
		{ "1K", 1024 },		{ "1k", 1024 },		{ "64K", 65536 },
		{ "64KiB", 65536 },	{ "64kb", 65536 },	{ "1M", 1048576 },
		{ "1G", 1073741824ULL },	{ "1.4G", 1503238554ULL },	{ "1.5K", 1536 },
		{ "0.5M", 524288 },	{ "4T", 4ULL << 40 },	{ "12B", 12 },
		{ "1.0001K", 1024 },	/* 1024.1024 rounds down */
		{ "1.0005K", 1025 },	/* 1024.512 rounds up */
		{ "9223372036854775807", 9223372036854775807ULL },
		{ "8191P", 8191ULL << 50 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t got = 12345;
		int rc = units_parse_size(cases[i].text, &got);
		CU_ASSERT_EQUAL(rc, 0);
		CU_ASSERT_EQUAL(got, cases[i].bytes);
		if (rc != 0 || got != cases[i].bytes)
			fprintf(stderr, "\n  size '%s' -> rc %d, %llu\n", cases[i].text, rc,
				(unsigned long long)got);
	}
}

static void test_invalid_sizes(void)
{
	static const struct {
		const char *text;
		int rc;
	} cases[] = {
		{ "", -EINVAL },	{ "-1", -EINVAL },	{ "+1", -EINVAL },
		{ "1.4X", -EINVAL },	{ "1e3", -EINVAL },	{ "abc", -EINVAL },
		{ " 1", -EINVAL },	{ "1 ", -EINVAL },	{ "1.", -EINVAL },
		{ ".5K", -EINVAL },	{ "1.5", -EINVAL },	{ "1KK", -EINVAL },
		{ "0x10", -EINVAL },	{ "1,5K", -EINVAL },	{ "1.2.3K", -EINVAL },
		{ "99999999999999999999", -ERANGE },	{ "9223372036854775808", -ERANGE },
		{ "8192P", -ERANGE },	{ "10000000T", -ERANGE },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t got = 777;
		int rc = units_parse_size(cases[i].text, &got);
		CU_ASSERT_EQUAL(rc, cases[i].rc);
		CU_ASSERT_EQUAL(got, 777);	/* untouched on failure */
		if (rc != cases[i].rc)
			fprintf(stderr, "\n  size '%s' -> rc %d\n", cases[i].text, rc);
	}
}

static void test_counts(void)
{
	uint64_t v = 0;
	CU_ASSERT_EQUAL(units_parse_count("0", 10, &v), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(units_parse_count("10", 10, &v), 0);
	CU_ASSERT_EQUAL(v, 10);
	CU_ASSERT_EQUAL(units_parse_count("11", 10, &v), -ERANGE);
	CU_ASSERT_EQUAL(units_parse_count("18446744073709551615", UINT64_MAX, &v), 0);
	CU_ASSERT_EQUAL(v, UINT64_MAX);
	CU_ASSERT_EQUAL(units_parse_count("18446744073709551616", UINT64_MAX, &v), -ERANGE);
	CU_ASSERT_EQUAL(units_parse_count("-1", 10, &v), -EINVAL);
	CU_ASSERT_EQUAL(units_parse_count("1x", 10, &v), -EINVAL);
	CU_ASSERT_EQUAL(units_parse_count("", 10, &v), -EINVAL);
	CU_ASSERT_EQUAL(units_parse_count("1.0", 10, &v), -EINVAL);
}

static void test_format(void)
{
	char buf[32];
	CU_ASSERT_STRING_EQUAL(units_format_size(4097, buf, sizeof(buf)), "4.0 KiB");
	CU_ASSERT_STRING_EQUAL(units_format_size(65536, buf, sizeof(buf)), "64 KiB");
	CU_ASSERT_STRING_EQUAL(units_format_size(1503238554ULL, buf, sizeof(buf)), "1.4 GiB");
	CU_ASSERT_STRING_EQUAL(units_format_size(7, buf, sizeof(buf)), "7 B");
}

int register_units_suite(void)
{
	static const struct test_case cases[] = {
		{ "valid_sizes", test_valid_sizes },
		{ "invalid_sizes", test_invalid_sizes },
		{ "counts", test_counts },
		{ "format", test_format },
	};
	return TS_ADD_SUITE("units", cases);
}
