/*
 * cli.c - subcommand dispatch and the subcommands themselves.  Each subcommand is one line of
 * the subcommand table; the options they take are in options.c.
 */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cleanup.h"
#include "errors.h"
#include "methods.h"
#include "options.h"
#include "preflight.h"
#include "report.h"
#include "reproduce.h"
#include "runner.h"
#include "summary.h"

#define BULKXFER_VERSION "0.2.0"

struct subcommand {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(int argc, char **argv);
};

static int cmd_run(int argc, char **argv);
static int cmd_sweep(int argc, char **argv);
static int cmd_reproduce(int argc, char **argv);
static int cmd_report(int argc, char **argv);
static int cmd_list(int argc, char **argv);
static int cmd_help(int argc, char **argv);

static const struct subcommand subcommands[] = {
	{ "run", "[options]", "move a file parent -> child with each method, verify, record", cmd_run },
	{ "sweep", "[options]", "the same over lists of chunk sizes and file sizes", cmd_sweep },
	{ "reproduce", "[options]", "re-run the 2014 comparison: runs, report.md and graphs",
	  cmd_reproduce },
	{ "report", "[options]", "report.md, summary.csv and graphs from a results CSV", cmd_report },
	{ "list", "", "the methods, one line each, with what each side does", cmd_list },
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
	       "  bulkxfer reproduce --runs 10 --out results/run-2026-11-21\n"
	       "  bulkxfer sweep --method pipe,shm,splice --chunk 4K,64K,1M --size 1G --runs 5\n"
	       "  bulkxfer report --csv results/mine.csv --out results/mine-report\n"
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

/* Parse and preflight the options of command.  Returns 0 to go on, or the exit status (0 after
 * --help) with any error already printed. */
static int prepare_options(enum command_kind command, int argc, char **argv, struct run_options *o,
			   int *stop)
{
	struct bx_error err = { 0, "" };
	options_defaults(o, command);
	int rc = options_parse(argc, argv, o, &err);
	*stop = 1;
	if (rc == OPTIONS_HELP)
		return BX_EXIT_OK;
	if (rc == 0)
		rc = preflight_check(o, &err);
	if (rc) {
		bx_print_error("%s", err.msg);
		return rc;
	}
	*stop = 0;
	return 0;
}

static int run_and_print(enum command_kind command, int argc, char **argv)
{
	struct run_options o;
	int stop;
	int rc = prepare_options(command, argc, argv, &o, &stop);
	if (stop)
		return rc;
	cleanup_install();
	struct series s = { 0 };
	struct bx_error err = { 0, "" };
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

static int cmd_run(int argc, char **argv)
{
	return run_and_print(CMD_RUN, argc, argv);
}

static int cmd_sweep(int argc, char **argv)
{
	return run_and_print(CMD_SWEEP, argc, argv);
}

static int cmd_reproduce(int argc, char **argv)
{
	struct run_options o;
	int stop;
	char out[PATH_MAX];
	/* The default output directory is new for every run: results/reproduce-<UTC time>. */
	int defaulted = 0;
	for (int i = 1; i < argc && !defaulted; i++)
		defaulted = strncmp(argv[i], "--out", 5) == 0;
	defaulted = !defaulted;
	if (defaulted) {
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(out, sizeof(out), "results/reproduce-%Y%m%d-%H%M%S", &tm);
	}
	int rc = prepare_options(CMD_REPRODUCE, argc, argv, &o, &stop);
	if (stop)
		return rc;
	if (defaulted) {
		mkdir("results", 0755);	/* only now: bad options must touch nothing */
		o.out = out;
	}
	cleanup_install();
	struct bx_error err = { 0, "" };
	rc = reproduce_run(&o, &err);
	if (rc)
		bx_print_error("%s", err.msg);
	cleanup_run();
	return rc;
}

static int cmd_report(int argc, char **argv)
{
	struct run_options o;
	struct bx_error err = { 0, "" };
	options_defaults(&o, CMD_REPORT);
	int rc = options_parse(argc, argv, &o, &err);
	if (rc == OPTIONS_HELP)
		return BX_EXIT_OK;
	char out[PATH_MAX];
	if (rc == 0 && !o.out) {
		/* results/mine.csv -> results/mine-report */
		size_t len = strlen(o.csv);
		if (len > 4 && strcmp(o.csv + len - 4, ".csv") == 0)
			len -= 4;
		snprintf(out, sizeof(out), "%.*s-report", (int)len, o.csv);
		o.out = out;
	}
	if (rc == 0)
		rc = preflight_output_dir(o.out, &err);
	struct run_record *records = NULL;
	size_t n = 0, cap = 0;
	if (rc == 0)
		rc = results_read_csv(o.csv, &records, &n, &cap, &err);
	if (rc == 0 && n == 0)
		rc = bx_fail(&err, BX_EXIT_USAGE, "results file '%s' holds no runs", o.csv);
	if (rc == 0 && mkdir(o.out, 0755) < 0 && errno != EEXIST)
		rc = bx_fail(&err, BX_EXIT_USAGE, "cannot create '%s': %s", o.out, strerror(errno));
	if (rc == 0) {
		rc = report_write(records, n, o.csv, o.out, &err);
		printf("report: %s/report.md (from %zu runs in %s)\n", o.out, n, o.csv);
	}
	if (rc)
		bx_print_error("%s", err.msg);
	free(records);
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
