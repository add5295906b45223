/*
 * cmd_explain.c - `bulkxfer explain`: where each method's copies go in theory, what a results
 * CSV measured beside it, its profile, and with --size a prediction from the cost model.
 */
#include "cli/commands.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analysis/markdown/report_model.h"
#include "analysis/model/model.h"
#include "analysis/plots/copies_data.h"
#include "analysis/profile/profile_out.h"
#include "analysis/terminal/explain.h"
#include "base/plots.h"
#include "cli/output_paths.h"
#include "cli/preflight.h"
#include "transfer/uring.h"

/* explain --size: the model from --model, else fitted from --csv; a prediction per method and
 * chunk.  Returns 0 or an exit code with *err filled. */
static int explain_predict(const struct run_options *o, const struct run_record *records,
			   size_t n, struct bx_error *err)
{
	struct side_models m;
	if (o->model) {
		if (model_read_csv(o->model, &m) < 0)
			return bx_fail(err, BX_EXIT_USAGE, "--model '%s': not a model.csv bulkxfer wrote",
				       o->model);
	} else if (!o->csv) {
		return bx_fail(err, BX_EXIT_USAGE, "--size predicts from a model: give --model FILE "
			       "(a reproduce's model.csv) or --csv FILE to fit one");
	} else if (model_fit_sides(records, n, NULL, &m) < 0) {
		return bx_fail(err, BX_EXIT_USAGE, "results file '%s': too few runs to fit the model",
			       o->csv);
	}
	for (size_t i = 0; i < o->nmethods; i++)
		for (size_t c = 0; c < o->chunks.n; c++)
			report_model_predict(stdout, &m, o->methods[i], o->sizes.v[0], o->chunks.v[c]);
	return 0;
}

/* The profile.csv explain shows: --profile-csv, else the one that belongs to --csv
 * (output_paths.h) when it exists.  Returns 1 with the path in path[len], 0 for none. */
static int explain_profile_path(const struct run_options *o, char *path, size_t len)
{
	if (o->profile_csv) {
		snprintf(path, len, "%s", o->profile_csv);
		return 1;
	}
	return o->csv ? output_profile_csv_of(o->csv, path, len) : 0;
}

/* explain --csv: the copies graph into --out (default <csv>-explain). */
static int write_copies_graph(const struct run_options *o, const struct group *g, size_t ng,
			      struct bx_error *err)
{
	char beside[PATH_MAX], data[PATH_MAX + 32], out[PATH_MAX + 32], log[PATH_MAX + 32];
	const char *dir = o->out ? o->out : output_beside_csv(o->csv, "-explain", beside, sizeof(beside));
	int rc = preflight_output_dir(dir, err);
	if (rc)
		return rc;
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot create '%s': %s", dir, strerror(errno));
	snprintf(data, sizeof(data), "%s/plot-copies.csv", dir);
	snprintf(out, sizeof(out), "%s/copies", dir);
	snprintf(log, sizeof(log), "%s/gnuplot.log", dir);
	int rows = explain_write_copies_data(data, g, ng);
	if (rows < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", data, strerror(-rows));
	if (rows == 0)
		return 0;
	if (!plots_available()) {
		bx_print_error("graph skipped: %s; %s has its numbers", PLOTS_MISSING, data);
		return 0;
	}
	rc = plots_render("copies", data, out, log, err);
	if (rc == 0)
		printf("graph: %s.png (measured CPU s/GiB against theoretical CPU copies)\n", out);
	return rc;
}

int cmd_explain(int argc, char **argv)
{
	struct run_options o;
	int rc = command_parse_only(CMD_EXPLAIN, argc, argv, &o);
	if (rc >= 0)
		return rc;
	rc = 0;
	struct bx_error err = { 0, "" };
	struct run_record *records = NULL;
	size_t n = 0, cap = 0, ng = 0;
	struct group *groups = NULL;
	if (o.csv) {
		rc = results_read_csv(o.csv, &records, &n, &cap, &err);
		if (rc == 0 && groups_build(records, n, &groups, &ng) < 0)
			rc = bx_fail(&err, BX_EXIT_FAILURE, "out of memory");
		if (rc) {
			bx_print_error("%s", err.msg);
			free(records);
			return rc;
		}
	}
	if (o.sizes.n > 0) {	/* --size: predict those transfers from a model */
		rc = explain_predict(&o, records, n, &err);
		if (rc)
			bx_print_error("%s", err.msg);
		free(groups);
		free(records);
		return rc;
	}
	struct profile_row *prows = NULL;
	size_t nprows = 0;
	char ppath[PATH_MAX];
	if (explain_profile_path(&o, ppath, sizeof(ppath)) &&
	    profile_read_csv(ppath, &prows, &nprows, &err) != 0) {
		bx_print_error("%s", err.msg);
		free(groups);
		free(records);
		return BX_EXIT_USAGE;
	}
	for (size_t i = 0; i < o.nmethods; i++) {
		explain_theory(stdout, o.methods[i]);
		explain_measured(stdout, o.methods[i], groups, ng);
		if (prows)
			explain_profile(stdout, o.methods[i], prows, nprows);
		printf("\n");
	}
	free(prows);
	if (o.csv) {	/* where the CPU time goes, fitted from the CSV */
		struct side_models fit;
		int fitted = model_fit_sides(records, n, NULL, &fit) == 0;
		report_model_print(stdout, NULL, records, n, NULL, fitted ? &fit : NULL);
	}
	/* Pairings in the CSV ("pipe+splice") are explained too when no --method narrowed it. */
	for (size_t i = 0; i < ng && !o.methods_given; i++) {
		struct method scratch;
		char name[METHOD_NAME_MAX];
		int first = 1;
		for (size_t k = 0; k < i; k++)
			first &= strcmp(groups[k].method, groups[i].method) != 0;
		const struct method *m = methods_find(groups[i].method) ? NULL :
					 methods_resolve(groups[i].method, &scratch, name);
		if (m && first) {
			explain_theory(stdout, m);
			explain_measured(stdout, m, groups, ng);
			printf("\n");
		}
	}
	if (o.csv)
		rc = write_copies_graph(&o, groups, ng, &err);
	if (rc)
		bx_print_error("%s", err.msg);
	free(groups);
	free(records);
	return rc;
}
