/*
 * cli.c - the command table, the help and the dispatch: each subcommand is one line of the
 * table and one file of its own (commands.h); the options they take are in options.c.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/errors.h"
#include "base/version.h"
#include "cli/commands.h"
#include "transfer/fault_inject.h"

struct subcommand {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(int argc, char **argv);
};

static int cmd_help(int argc, char **argv);

static const struct subcommand subcommands[] = {
	{ "run", "[options]", "move a file parent -> child with each method, verify, record", cmd_run },
	{ "sweep", "[options]", "the same over lists of chunk sizes and file sizes", cmd_sweep },
	{ "reproduce", "[options]", "re-run the 2014 comparison: runs, report.md and graphs",
	  cmd_reproduce },
	{ "report", "[options]", "report.md, summary.csv and graphs from a results CSV", cmd_report },
	{ "list", "[options]", "the methods, what each side does, theory, and whether it works here",
	  cmd_list },
	{ "explain", "[options]", "where the copies go, per method; measured beside it (--csv)",
	  cmd_explain },
	{ "limits", "[options]", "the floor: memcpy, read() and write() bandwidth on this machine",
	  cmd_limits },
	{ "compare", "OLD NEW ...", "results of two or more machines or kernels, group by group",
	  cmd_compare },
	{ "system", "[options]", "what on this machine moves the numbers, and what to do about it",
	  cmd_system },
	{ "help", "", "this text", cmd_help },
};
#define NSUBCOMMANDS (sizeof(subcommands) / sizeof(subcommands[0]))

static int cmd_help(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("bulkxfer %s - move a large file from a parent to a forked child and measure what "
	       "each way costs\n\nusage: bulkxfer <command> [options]   ('bulkxfer <command> --help' "
	       "for its options)\n\n", BULKXFER_VERSION);
	for (size_t i = 0; i < NSUBCOMMANDS; i++)
		printf("  %-10s %-10s %s\n", subcommands[i].name, subcommands[i].args,
		       subcommands[i].help);
	printf("\nexamples:\n"
	       "  bulkxfer run --method splice --size 1.4G --runs 5\n"
	       "  bulkxfer run --method pipe,shm,splice --src big.iso --chunk 64K --runs 3 "
	       "--csv results/mine.csv\n"
	       "  bulkxfer run --producer pipe --consumer splice --size 1G\n"
	       "  bulkxfer reproduce --runs 10 --out results/run-2026-11-21\n"
	       "  bulkxfer reproduce --all\n"
	       "  bulkxfer sweep --method pipe,shm,splice --chunk 4K,64K,1M --size 1G --runs 5\n"
	       "  bulkxfer report --csv results/mine.csv --out results/mine-report\n"
	       "  bulkxfer explain --method splice --csv results/mine.csv\n"
	       "  bulkxfer compare results/old-host results/new-host --out results/hosts\n"
	       "  bulkxfer system\n"
	       "\nexit status: 0 ok, 1 failure during a transfer, 2 usage error\n");
	return BX_EXIT_OK;
}

int cli_main(int argc, char **argv)
{
	if (argc < 2) {
		cmd_help(0, NULL);
		return BX_EXIT_USAGE;
	}
	struct bx_error err = { 0, "" };
	if (fault_inject_configure(getenv(FAULT_INJECT_ENV), &err)) {	/* a testing aid */
		bx_print_error("%s", err.msg);
		return err.code;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
		return cmd_help(0, NULL);
	if (strcmp(name, "--version") == 0) {
		printf("bulkxfer %s (commit %s)\n", bulkxfer_version(), bulkxfer_commit());
		return BX_EXIT_OK;
	}
	for (size_t i = 0; i < NSUBCOMMANDS; i++)
		if (strcmp(subcommands[i].name, name) == 0)
			return subcommands[i].run(argc - 1, argv + 1);
	bx_print_error("unknown command '%s' (try 'bulkxfer help')", name);
	return BX_EXIT_USAGE;
}
