/*
 * cmd_compare.c - `bulkxfer compare`: two or more machines' or kernels' results, group by
 * group (analysis/compare/compare.h); with --fail-on, exit 3 when a measure regressed.
 */
#include "cli/commands.h"

#include <limits.h>
#include <sys/stat.h>

#include "analysis/compare/compare.h"
#include "cli/output_paths.h"
#include "cli/preflight.h"
#include "transfer/uring.h"

int cmd_compare(int argc, char **argv)
{
	struct run_options o;
	int rc = command_parse_only(CMD_COMPARE, argc, argv, &o);
	if (rc >= 0)
		return rc;
	char out[PATH_MAX];
	if (!o.out) {
		mkdir("results", 0755);	/* as run makes it for its CSV: the default lives there */
		o.out = output_timestamped("compare", out, sizeof(out));
	}
	struct bx_error err = { 0, "" };
	rc = preflight_output_dir(o.out, &err);
	size_t regressed = 0;
	if (rc == 0)
		rc = compare_run_gated(o.inputs, o.ninputs, o.out, o.fail_mask, &regressed,
				       o.json_path, &err);
	if (rc)
		bx_print_error("%s", err.msg);
	else if (regressed) {	/* --fail-on: the CI's verdict, said once on stderr */
		bx_print_error("compare --fail-on %s: %zu measure%s regressed (listed first above)",
			       o.fail_on, regressed, regressed == 1 ? "" : "s");
		rc = BX_EXIT_REGRESSED;
	}
	return rc;
}
