/*
 * cmd_reproduce.c - `bulkxfer reproduce`: the main job (run/reproduce.h) into a new
 * results/reproduce-<time>/ unless --out names one.
 */
#include "cli/commands.h"

#include <limits.h>
#include <string.h>
#include <sys/stat.h>

#include "base/cleanup.h"
#include "cli/output_paths.h"
#include "run/reproduce.h"

int cmd_reproduce(int argc, char **argv)
{
	struct run_options o;
	int stop;
	char out[PATH_MAX];
	/* The default output directory is new for every run: results/reproduce-<UTC time>. */
	int defaulted = 0;
	for (int i = 1; i < argc && !defaulted; i++)
		defaulted = strncmp(argv[i], "--out", 5) == 0;
	defaulted = !defaulted;
	if (defaulted)
		output_timestamped("reproduce", out, sizeof(out));
	int rc = command_prepare(CMD_REPRODUCE, argc, argv, &o, &stop);
	if (stop)
		return rc;
	if (defaulted) {
		mkdir("results", 0755);	/* only now: bad options must touch nothing */
		o.out = out;
	}
	cleanup_install();
	struct bx_error err = { 0, "" };
	struct run_plan plan;
	options_plan(&o, &plan);
	/* The command as typed (argv[0] is "reproduce"), for the report's provenance. */
	char line[1024];	/* the plan points at it until reproduce_run returns */
	size_t used = (size_t)snprintf(line, sizeof(line), "bulkxfer");
	for (int i = 0; i < argc && used < sizeof(line); i++)
		used += (size_t)snprintf(line + used, sizeof(line) - used, " %s", argv[i]);
	plan.command_line = line;
	rc = reproduce_run(&plan, &err);
	if (rc)
		bx_print_error("%s", err.msg);
	cleanup_run();
	return rc;
}
