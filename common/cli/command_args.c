/*
 * command_args.c - the two ways a subcommand takes its options (commands.h): parsed only,
 * or parsed and preflighted against the filesystem.
 */
#include "cli/commands.h"

#include "cli/preflight.h"

/* Parse the options of a command that moves no bytes.  Returns -1 to go on, else the exit. */
int command_parse_only(enum command_kind command, int argc, char **argv, struct run_options *o)
{
	struct bx_error err = { 0, "" };
	options_defaults(o, command);
	int rc = options_parse(argc, argv, o, &err);
	if (rc == OPTIONS_HELP)
		return BX_EXIT_OK;
	if (rc) {
		bx_print_error("%s", err.msg);
		return rc;
	}
	return -1;
}

/* Parse and preflight the options of command.  Returns 0 to go on, or the exit status (0 after
 * --help) with any error already printed. */
int command_prepare(enum command_kind command, int argc, char **argv, struct run_options *o,
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
