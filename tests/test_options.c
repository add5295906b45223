/*
 * test_options.c - tables of valid and invalid option lists for `run`, parsed in-process.
 */
#include <string.h>

#include "cli/options.h"
#include "test_support.h"

#define MAX_ARGS 32

/* Split a space-separated line into argv (argv[0] = "run"); returns argc.  Modifies line. */
static int make_argv(char *line, char **argv)
{
	int argc = 0;
	argv[argc++] = "run";
	for (char *save, *t = strtok_r(line, " ", &save); t && argc < MAX_ARGS - 1;
	     t = strtok_r(NULL, " ", &save))
		argv[argc++] = t;
	argv[argc] = NULL;
	return argc;
}

static int parse_for(enum command_kind command, const char *text, struct run_options *o,
		     struct bx_error *err)
{
	static char line[512];
	char *argv[MAX_ARGS];
	snprintf(line, sizeof(line), "%s", text);
	options_defaults(o, command);
	return options_parse(make_argv(line, argv), argv, o, err);
}

static int parse_line(const char *text, struct run_options *o, struct bx_error *err)
{
	return parse_for(CMD_RUN, text, o, err);
}

static void test_defaults(void)
{
	struct run_options o;
	struct bx_error err;
	CU_ASSERT_EQUAL(parse_line("--size 1M", &o, &err), 0);
	CU_ASSERT_EQUAL(o.nmethods, methods_count());
	CU_ASSERT_EQUAL(o.chunks.n, 1);
	CU_ASSERT_EQUAL(o.chunks.v[0], 1 << 20);
	CU_ASSERT_STRING_EQUAL(o.series, "run");
	CU_ASSERT_EQUAL(o.slots, 8);
	CU_ASSERT_EQUAL(o.runs, 5);
	CU_ASSERT_EQUAL(o.verify, 1);
	CU_ASSERT_STRING_EQUAL(o.csv, "results/runs.csv");
}

static void test_valid_lines(void)
{
	struct run_options o;
	struct bx_error err;
	CU_ASSERT_EQUAL(parse_line("--method splice --size 1.4G --runs 5", &o, &err), 0);
	CU_ASSERT_EQUAL(o.nmethods, 1);
	CU_ASSERT_STRING_EQUAL(o.methods[0]->name, "splice");
	CU_ASSERT_EQUAL(o.sizes.n, 1);
	CU_ASSERT_EQUAL(o.sizes.v[0], 1503238554ULL);
	CU_ASSERT_EQUAL(o.runs, 5);

	CU_ASSERT_EQUAL(parse_line("--method=pipe,shm,splice --src big.iso --dst /tmp/out.bin "
				   "--chunk 64K --runs 3 --csv results/mine.csv", &o, &err), 0);
	CU_ASSERT_EQUAL(o.nmethods, 3);
	CU_ASSERT_STRING_EQUAL(o.methods[1]->name, "shm");
	CU_ASSERT_STRING_EQUAL(o.src, "big.iso");
	CU_ASSERT_STRING_EQUAL(o.dst, "/tmp/out.bin");
	CU_ASSERT_EQUAL(o.chunks.v[0], 65536);
	CU_ASSERT_STRING_EQUAL(o.csv, "results/mine.csv");

	CU_ASSERT_EQUAL(parse_line("--size 1K --no-verify --json --keep --slots 3 --pipe-size 1M "
				   "--warmup 0 --seed 42 --workdir /var/tmp", &o, &err), 0);
	CU_ASSERT_EQUAL(o.verify, 0);
	CU_ASSERT_EQUAL(o.json, 1);
	CU_ASSERT_EQUAL(o.keep, 1);
	CU_ASSERT_EQUAL(o.slots, 3);
	CU_ASSERT_EQUAL(o.pipe_size, 1 << 20);
	CU_ASSERT_EQUAL(o.warmup, 0);
	CU_ASSERT_EQUAL(o.seed, 42);
	CU_ASSERT_STRING_EQUAL(o.workdir, "/var/tmp");

	CU_ASSERT_EQUAL(parse_line("--size 1M,16M,1G --chunk 4K,16K,64K,256K,1M,4M", &o, &err), 0);
	CU_ASSERT_EQUAL(o.sizes.n, 3);
	CU_ASSERT_EQUAL(o.sizes.v[2], 1ULL << 30);
	CU_ASSERT_EQUAL(o.chunks.n, 6);
	CU_ASSERT_EQUAL(o.chunks.v[0], 4096);
	CU_ASSERT_EQUAL(o.chunks.v[5], 4ULL << 20);

	CU_ASSERT_EQUAL(parse_line("--size 1K --method all", &o, &err), 0);
	CU_ASSERT_EQUAL(o.nmethods, methods_count());
}

static void test_invalid_lines(void)
{
	static const struct {
		const char *line;
		const char *message;	/* a piece of the expected message */
	} cases[] = {
		{ "--size 1M --method carrier-pigeon", "unknown method 'carrier-pigeon'" },
		{ "--size 1M --method pipe,,shm", "empty" },
		{ "--size 1M --method pipe,pipe", "listed twice" },
		{ "--size 1M --frobnicate", "unknown option '--frobnicate'" },
		{ "--size 0", "at least 1 byte" },
		{ "--size -1", "not a size" },
		{ "--size 1.4X", "not a size" },
		{ "--size 1e3", "not a size" },
		{ "--size 99999999999999999999", "too large" },
		{ "--size", "needs a value" },
		{ "--size 1M --chunk 0", "at least 1 byte" },
		{ "--size 1M --chunk 2G", "too large" },
		{ "--size 1M --slots 0", "at least 1" },
		{ "--size 1M --slots 5000", "too large" },
		{ "--size 1M --runs 0", "at least 1" },
		{ "--size 1M --runs two", "not a whole number" },
		{ "--size 1M --pipe-size 100", "at least 4096" },
		{ "--size 1M --src f", "not both" },
		{ "--runs 3", "nothing to transfer" },
		{ "--size 1M --chunk 1G --slots 17", "larger than" },
		{ "--size 1M --keep=1", "takes no value" },
		{ "--size 1M stray", "unexpected argument 'stray'" },
		{ "--size 1M --csv=", "empty path" },
		{ "--size 1M --chunk 4K,,8K", "empty" },
		{ "--size 1M,0", "at least 1 byte" },
		{ "--size 1M --chunk 4K,1.4X", "'1.4X': not a size" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run_options o;
		struct bx_error err = { 0, "" };
		int rc = parse_line(cases[i].line, &o, &err);
		CU_ASSERT_EQUAL(rc, BX_EXIT_USAGE);
		CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, cases[i].message));
		if (rc != BX_EXIT_USAGE || !strstr(err.msg, cases[i].message))
			fprintf(stderr, "\n  '%s' -> rc %d, '%s'\n", cases[i].line, rc, err.msg);
	}
}

static void test_command_defaults(void)
{
	struct run_options o;
	struct bx_error err = { 0, "" };
	CU_ASSERT_EQUAL(parse_for(CMD_REPRODUCE, "", &o, &err), 0);
	CU_ASSERT_EQUAL(o.sizes.n, 1);
	CU_ASSERT_EQUAL(o.sizes.v[0], 1503238554ULL);	/* the study's 1.4 GB */
	CU_ASSERT_EQUAL(o.nmethods, 3);
	CU_ASSERT_EQUAL(o.chunks.n, 6);
	CU_ASSERT_STRING_EQUAL(o.series, "reproduce");
	CU_ASSERT_EQUAL(parse_for(CMD_REPRODUCE, "--src f --out d", &o, &err), 0);
	CU_ASSERT_EQUAL(o.sizes.n, 0);
	CU_ASSERT_STRING_EQUAL(o.out, "d");
	CU_ASSERT_EQUAL(parse_for(CMD_SWEEP, "--size 1M,16M", &o, &err), 0);
	CU_ASSERT_EQUAL(o.chunks.n, 6);
	CU_ASSERT_STRING_EQUAL(o.series, "sweep");
	/* An option that exists but belongs to another command. */
	CU_ASSERT_EQUAL(parse_for(CMD_REPRODUCE, "--csv x.csv", &o, &err), BX_EXIT_USAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "not for 'reproduce'"));
	CU_ASSERT_EQUAL(parse_for(CMD_RUN, "--size 1M --out d", &o, &err), BX_EXIT_USAGE);
	CU_ASSERT_EQUAL(parse_for(CMD_REPORT, "--csv r.csv --out d", &o, &err), 0);
	CU_ASSERT_EQUAL(parse_for(CMD_REPORT, "--size 1M", &o, &err), BX_EXIT_USAGE);
}

int register_options_suite(void)
{
	static const struct test_case cases[] = {
		{ "defaults", test_defaults },
		{ "valid_lines", test_valid_lines },
		{ "invalid_lines", test_invalid_lines },
		{ "command_defaults", test_command_defaults },
	};
	return TS_ADD_SUITE("options", cases);
}
