/*
 * cmd_system.c - `bulkxfer system`: what on this machine moves the numbers
 * (host/system_check.h).
 */
#include "cli/commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "host/system_check.h"
#include "transfer/uring.h"

int cmd_system(int argc, char **argv)
{
	struct run_options o;
	int rc = command_parse_only(CMD_SYSTEM, argc, argv, &o);
	if (rc >= 0)
		return rc;
	struct stat st;
	int missing = o.root && *o.root && stat(o.root, &st) < 0;
	if (missing || (o.root && *o.root && !S_ISDIR(st.st_mode))) {
		bx_print_error("system: --root '%s' is not a directory: %s", o.root,
			       missing ? strerror(errno) : "not a folder to read /proc and /sys under");
		return BX_EXIT_USAGE;
	}
	struct system_findings *found = calloc(1, sizeof(*found));	/* too large a frame */
	if (!found) {
		bx_print_error("system: out of memory");
		return BX_EXIT_FAILURE;
	}
	system_check(o.root, o.workdir, SYSTEM_WINDOW_S, found);
	system_print_text(stdout, found);
	free(found);
	return BX_EXIT_OK;
}
