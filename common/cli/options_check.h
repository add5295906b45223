/*
 * options_check.h - the run options' cross-checks, after each option has been parsed
 * (options.c): before anything runs, so a bad combination is a usage error (exit 2).
 */
#ifndef BX_OPTIONS_CHECK_H
#define BX_OPTIONS_CHECK_H

#include "base/errors.h"
#include "cli/options.h"

/* Check (and complete: defaults that depend on other options, the pairing of --producer and
 * --consumer, the methods that can run with --src memory / --sink-by / --busy-poll) o for
 * o->command.  Returns 0, or BX_EXIT_USAGE with *err naming what is wrong. */
int options_check_combinations(struct run_options *o, struct bx_error *err);

/* Parse a built-in default list (a constant that always parses) into *list. */
void options_default_size_list(struct size_list *list, const char *text, const char *name);

#endif
