/*
 * test_manpage.c - doc/bulkxfer.1 and the binary cannot drift apart: every command `bulkxfer help`
 * lists, every option each command's --help lists, every method and every results column is in
 * the man page, its version is the binary's, and groff renders it without a warning (so does
 * mandoc's lint where mandoc is installed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/results.h"
#include "test_support.h"

#define MANPAGE "doc/bulkxfer.1"

static char *read_manpage(void)
{
	FILE *f = fopen(MANPAGE, "r");
	if (!f)
		return NULL;
	static char text[131072];
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

/* name as roff writes it: every '-' as "\-". */
static void roff_escape(const char *name, char *out, size_t len)
{
	size_t k = 0;
	for (const char *p = name; *p && k + 3 < len; p++) {
		if (*p == '-')
			out[k++] = '\\';
		out[k++] = *p;
	}
	out[k] = '\0';
}

static void run_bin(const char *const argv[], struct ts_result *r)
{
	CU_ASSERT_EQUAL_FATAL(ts_run_bulkxfer(r, argv), 0);
	CU_ASSERT_EQUAL(r->status, 0);
}

static void test_every_command_and_option(void)
{
	const char *man = read_manpage();
	CU_ASSERT_PTR_NOT_NULL_FATAL(man);
	struct ts_result *help = malloc(sizeof(*help)), *opts = malloc(sizeof(*opts));
	const char *argv[] = { "bulkxfer", "help", NULL };
	run_bin(argv, help);
	int commands = 0, options = 0;
	for (char *line = strtok(help->out, "\n"); line; line = strtok(NULL, "\n")) {
		char cmd[32];
		if (strncmp(line, "  ", 2) != 0 || line[2] == ' ' || sscanf(line, " %31s", cmd) != 1 ||
		    strcmp(cmd, "bulkxfer") == 0)
			continue;	/* only "  command  args  what it does" lines */
		char entry[64];
		snprintf(entry, sizeof(entry), "\n.B %s\n", cmd);
		CU_ASSERT_PTR_NOT_NULL(strstr(man, entry));
		if (!strstr(man, entry))
			fprintf(stderr, "\n  command '%s' is not in " MANPAGE "\n", cmd);
		commands++;
		if (strcmp(cmd, "help") == 0)
			continue;
		const char *cmd_help[] = { "bulkxfer", cmd, "--help", NULL };
		struct ts_result *r = opts;
		run_bin(cmd_help, r);
		char *save = NULL;
		for (char *o = strtok_r(r->out, "\n", &save); o; o = strtok_r(NULL, "\n", &save)) {
			char name[64], escaped[160];
			if (sscanf(o, " --%63[a-z-]", name) != 1)
				continue;
			char option[70];
			snprintf(option, sizeof(option), "--%s", name);
			roff_escape(option, escaped, sizeof(escaped));
			CU_ASSERT_PTR_NOT_NULL(strstr(man, escaped));
			if (!strstr(man, escaped))
				fprintf(stderr, "\n  %s %s is not in " MANPAGE "\n", cmd, option);
			options++;
		}
	}
	CU_ASSERT_TRUE(commands >= 10);	/* run ... system, help: the parse found them */
	CU_ASSERT_TRUE(options >= 30);
	free(help);
	free(opts);
}

static void test_every_method_and_column(void)
{
	const char *man = read_manpage();
	CU_ASSERT_PTR_NOT_NULL_FATAL(man);
	struct ts_result *r = malloc(sizeof(*r));
	const char *argv[] = { "bulkxfer", "list", "--names", NULL };
	run_bin(argv, r);
	int methods = 0;
	for (char *name = strtok(r->out, "\n"); name; name = strtok(NULL, "\n")) {
		char escaped[96], entry[120];
		roff_escape(name, escaped, sizeof(escaped));
		snprintf(entry, sizeof(entry), "\n.B %s\n", escaped);
		CU_ASSERT_PTR_NOT_NULL(strstr(man, entry));
		if (!strstr(man, entry))
			fprintf(stderr, "\n  method '%s' is not in " MANPAGE "\n", name);
		methods++;
	}
	CU_ASSERT_TRUE(methods >= 13);
	char header[2048];
	snprintf(header, sizeof(header), "%s", results_csv_header());
	for (char *col = strtok(header, ",\n"); col; col = strtok(NULL, ",\n")) {
		CU_ASSERT_PTR_NOT_NULL(strstr(man, col));
		if (!strstr(man, col))
			fprintf(stderr, "\n  results column '%s' is not in " MANPAGE "\n", col);
	}
	/* The version the page names is the binary's. */
	const char *help[] = { "bulkxfer", "help", NULL };
	run_bin(help, r);
	char version[32] = "", th[64];
	CU_ASSERT_EQUAL(sscanf(r->out, "bulkxfer %31s", version), 1);
	snprintf(th, sizeof(th), "\"bulkxfer %s\"", version);
	CU_ASSERT_PTR_NOT_NULL(strstr(man, th));
	free(r);
}

/* groff renders it, and -ww (every warning) finds nothing to say. */
static void test_groff_clean(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	const char *lint[] = { "groff", "-man", "-ww", "-z", MANPAGE, NULL };
	CU_ASSERT_EQUAL(ts_run_program(r, NULL, lint), 0);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_STRING_EQUAL(r->err, "");
	if (r->status || r->err[0])
		fprintf(stderr, "\n  groff -man -ww: %s\n", r->err);
	/* -P-cbou: plain text, no overstriking or escapes for bold and underline */
	const char *render[] = { "groff", "-man", "-Tutf8", "-P-cbou", MANPAGE, NULL };
	CU_ASSERT_EQUAL(ts_run_program(r, NULL, render), 0);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "BULKXFER(1)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "EXIT STATUS"));
	/* mandoc's lint too (make installs it with the other test packages) */
	const char *mandoc[] = { "mandoc", "-T", "lint", MANPAGE, NULL };
	CU_ASSERT_EQUAL(ts_run_program(r, NULL, mandoc), 0);
	if (r->status == 127)
		ts_skip("manpage/groff_clean", "mandoc is not installed: its lint did not run");
	else {
		CU_ASSERT_EQUAL(r->status, 0);
		CU_ASSERT_STRING_EQUAL(r->out, "");
		CU_ASSERT_STRING_EQUAL(r->err, "");
	}
	free(r);
}

int register_manpage_suite(void)
{
	static const struct test_case cases[] = {
		{ "every_command_and_option", test_every_command_and_option },
		{ "every_method_and_column", test_every_method_and_column },
		{ "groff_clean", test_groff_clean },
	};
	return TS_ADD_SUITE("manpage", cases);
}
