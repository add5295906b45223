/*
 * commands.h - the subcommands, one file each (cmd_<name>.c), as perf's builtin-*.c: each owns
 * its orchestration and output; cli.c keeps only the table, the help and the dispatch.  The
 * options every command takes are one table (options.c), each option naming its commands.
 */
#ifndef BX_COMMANDS_H
#define BX_COMMANDS_H

#include "cli/options.h"

/* Each runs `bulkxfer <name>` with argv[0] the command's name and returns the exit status
 * (0; 1 for failures during a transfer; 2 for usage errors), any error already printed. */
int cmd_run(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_reproduce(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_limits(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_system(int argc, char **argv);

/* Parse the options of a command that moves no bytes into *o.  Returns -1 to go on, else the
 * exit status (0 after --help), any error already printed. */
int command_parse_only(enum command_kind command, int argc, char **argv, struct run_options *o);

/* Parse and preflight the options of command into *o.  Returns 0 to go on, or the exit status
 * (0 after --help) with any error already printed; *stop says which. */
int command_prepare(enum command_kind command, int argc, char **argv, struct run_options *o,
		    int *stop);

#endif
