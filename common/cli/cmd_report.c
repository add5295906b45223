/*
 * cmd_report.c - `bulkxfer report`: report.md, summary.csv and graphs from any results CSV,
 * with a reproduce directory's profile brought back in.
 */
#include "cli/commands.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/profile/profile_out.h"
#include "analysis/report/report.h"
#include "analysis/terminal/answer.h"
#include "cli/output_paths.h"
#include "cli/preflight.h"
#include "host/unit_costs.h"
#include "record/names.h"
#include "transfer/uring.h"

int cmd_report(int argc, char **argv)
{
	struct run_options o;
	struct bx_error err = { 0, "" };
	options_defaults(&o, CMD_REPORT);
	int rc = options_parse(argc, argv, &o, &err);
	if (rc == OPTIONS_HELP)
		return BX_EXIT_OK;
	char out[PATH_MAX];
	if (rc == 0 && !o.out)
		o.out = output_beside_csv(o.csv, "-report", out, sizeof(out));
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
	/* A reproduce directory's profile (profile/ beside its runs.csv) comes back into the
	 * report, its graphs and flame graphs redrawn into the report's directory. */
	struct job_context ctx;
	memset(&ctx, 0, sizeof(ctx));
	struct profile_set profiles = { 0 };
	char pdir[PATH_MAX], pout[PATH_MAX], pcsv[PATH_MAX + 16];
	output_profile_dir_beside(o.csv, pdir, sizeof(pdir));
	snprintf(pout, sizeof(pout), "%s/profile", o.out);
	snprintf(pcsv, sizeof(pcsv), "%s/profile.csv", pdir);
	/* The unit costs the job measured (unit-costs.csv beside its runs.csv): the same
	 * explanation, and the same split of copies from first touch, as the job's own report. */
	struct unit_costs units;
	char ucsv[PATH_MAX + 32];
	snprintf(ucsv, sizeof(ucsv), "%s", o.csv);
	char *slash = strrchr(ucsv, '/');
	snprintf(slash ? slash + 1 : ucsv, sizeof(ucsv) - (size_t)(slash ? slash + 1 - ucsv : 0),
		 "%s", UNIT_COSTS_FILE);
	int urc = rc == 0 ? unit_costs_read(ucsv, &units, &err) : -ENOENT;
	if (urc > 0)
		rc = urc;
	else if (urc == 0)
		ctx.units = &units;
	profiles.rates.user_gib_s = urc == 0 ? units.memcpy_gib_s : 0;
	profiles.rates.kernel_gib_s = urc == 0 ? units.kernel_copy_gib_s : 0;
	if (rc == 0 && access(pcsv, R_OK) == 0) {
		rc = profile_set_load(pdir, records, n, &profiles, &err);
		if (rc == 0 && strcmp(pdir, pout) != 0)
			rc = profile_write_outputs(pout, &profiles, &err);
		ctx.profiles = &profiles;
	}
	struct job_facts *facts = NULL;
	if (rc == 0)
		rc = job_facts_build(records, n, o.csv, ctx.profiles || ctx.units ? &ctx : NULL, &facts,
				     &err);
	if (rc == 0) {
		struct report_outcome done;
		rc = report_write(facts, o.out, &done, &err);
		/* the path of a report written whole (a graph that failed is named inside it) */
		if (done.markdown)
			printf("report: %s/report.md (from %zu runs in %s)\n", o.out, n, o.csv);
		if (rc == 0 && results_has_series(records, n, PHASE_STUDY)) {	/* a reproduce's */
			printf("\n");
			answer_print_reproduce(stdout, facts, NULL);
		}
	}
	job_facts_free(facts);
	if (rc)
		bx_print_error("%s", err.msg);
	profile_set_free(&profiles);
	free(records);
	return rc;
}
