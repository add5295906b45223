/*
 * cli.h - the command line: `bulkxfer <subcommand> [options]`.
 */
#ifndef BX_CLI_H
#define BX_CLI_H

/* Run the subcommand named by argv[1] and return the process exit status (0; 1 for failures
 * during a transfer; 2 for usage errors).  Errors are printed as one "bulkxfer: ..." line. */
int cli_main(int argc, char **argv);

#endif
