/*
 * cli.c - subcommand dispatch and the small subcommands (list, help).  Each subcommand is one
 * line of the subcommand table.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "cleanup.h"
#include "errors.h"
#include "methods.h"
#include "options.h"
#include "preflight.h"
#include "runner.h"
#include "summary.h"

#define BULKXFER_VERSION "0.1.0"

struct subcommand {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(int argc, char **argv);
};

static int cmd_run(int argc, char **argv);
static int cmd_list(int argc, char **argv);
static int cmd_help(int argc, char **argv);

static const struct subcommand subcommands[] = {
	{ "run", "[options]", "move a file parent -> child with each method, verify, record", cmd_run },
	{ "list", "", "the methods, one line each, with what each side does", cmd_list },
	{ "help", "", "this text", cmd_help },
};
#define NSUBCOMMANDS (sizeof(subcommands) / sizeof(subcommands[0]))

static int cmd_help(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("bulkxfer %s - move a large file from a parent to a forked child and measure what "
	       "each way costs\n\nusage: bulkxfer <command> [options]\n\n", BULKXFER_VERSION);
	for (size_t i = 0; i < NSUBCOMMANDS; i++)
		printf("  %-6s %-10s %s\n", subcommands[i].name, subcommands[i].args,
		       subcommands[i].help);
	printf("\noptions of 'run':\n");
	options_print_help(stdout);
	printf("\nexamples:\n"
	       "  bulkxfer run --method splice --size 1.4G --runs 5\n"
	       "  bulkxfer run --method pipe,shm,splice --src big.iso --chunk 64K --runs 3 "
	       "--csv results/mine.csv\n"
	       "\nexit status: 0 ok, 1 failure during a transfer, 2 usage error\n");
	return BX_EXIT_OK;
}

static int cmd_list(int argc, char **argv)
{
	if (argc > 1) {
		bx_print_error("list: unexpected argument '%s'", argv[1]);
		return BX_EXIT_USAGE;
	}
	for (size_t i = 0; i < methods_count(); i++) {
		const struct method *m = methods_at(i);
		printf("%-8s %s\n", m->name, m->summary);
		printf("%-8s   sender (parent):  %s\n", "", m->producer->does);
		printf("%-8s   receiver (child): %s\n", "", m->consumer->does);
	}
	return BX_EXIT_OK;
}

static int cmd_run(int argc, char **argv)
{
	struct run_options o;
	struct bx_error err = { 0, "" };
	options_defaults(&o);
	int rc = options_parse(argc, argv, &o, &err);
	if (rc == OPTIONS_HELP)
		return BX_EXIT_OK;
	if (rc == 0)
		rc = preflight_check(&o, &err);
	if (rc) {
		bx_print_error("%s", err.msg);
		return rc;
	}
	cleanup_install();
	struct series s = { 0 };
	rc = runner_execute(&o, &s, &err);
	if (o.json)
		summary_print_json(stdout, &s);
	else
		summary_print_table(stdout, &s, o.verify);
	if (rc)
		bx_print_error("%s", err.msg);
	series_free(&s);
	cleanup_run();
	return rc;
}

int cli_main(int argc, char **argv)
{
	if (argc < 2) {
		cmd_help(0, NULL);
		return BX_EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
		return cmd_help(0, NULL);
	if (strcmp(name, "--version") == 0) {
		printf("bulkxfer %s\n", BULKXFER_VERSION);
		return BX_EXIT_OK;
	}
	for (size_t i = 0; i < NSUBCOMMANDS; i++)
		if (strcmp(subcommands[i].name, name) == 0)
			return subcommands[i].run(argc - 1, argv + 1);
	bx_print_error("unknown command '%s' (try 'bulkxfer help')", name);
	return BX_EXIT_USAGE;
}
