/*
 * cmd_run.c - `bulkxfer run` and `bulkxfer sweep`: a series of runs, the summary table (or
 * JSON), and with --profile the profiles beside the CSV.
 */
#include "cli/commands.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "analysis/facts/facts.h"
#include "analysis/profile/profile_out.h"
#include "analysis/report/results_json.h"
#include "analysis/terminal/summary.h"
#include "base/cleanup.h"
#include "cli/output_paths.h"
#include "run/runner.h"

/* --profile: <csv minus .csv>-profile/ gets what the runs sampled.  One line says how many
 * sides and samples it holds and how their time compares with the sides' getrusage CPU time (so
 * the answer stays within 15 lines); --verbose adds a line per side. */
static int write_profiles(const struct run_options *o, const struct series *s, FILE *out)
{
	char dir[PATH_MAX];
	output_beside_csv(o->csv, "-profile", dir, sizeof(dir));
	struct bx_error err = { 0, "" };
	if (profile_write_outputs(dir, &s->profiles, &err) != 0) {
		bx_print_error("%s", err.msg);
		return err.code;
	}
	unsigned long long samples = 0, lost = 0;
	double sampled = 0, cpu = 0;
	for (size_t i = 0; i < s->profiles.n; i++) {
		const struct side_profile *p = &s->profiles.items[i];
		samples += p->samples;
		lost += p->lost;
		sampled += p->sampled_s;
		cpu += p->cpu_s;
	}
	fprintf(out, "profile: %zu sides, %llu samples (%.0f%% of their CPU time", s->profiles.n,
		samples, cpu > 0 ? 100 * sampled / cpu : 0);
	if (lost)
		fprintf(out, ", %llu lost", lost);
	fprintf(out, "), flame graphs in %s/\n", dir);
	for (size_t i = 0; o->verbose && i < s->profiles.n; i++) {
		const struct side_profile *p = &s->profiles.items[i];
		char chunk[32];
		fprintf(out, "  %-14s %-6s %-8s %7llu samples in %llu run(s); a run: %.3f s "
			"sampled, %.3f s CPU (getrusage)", p->method,
			units_format_chunk(p->chunk, chunk, sizeof(chunk)),
			p->producer ? "sender" : "receiver", (unsigned long long)p->samples,
			(unsigned long long)p->runs, p->sampled_s / (double)p->runs,
			p->cpu_s / (double)p->runs);
		if (p->lost)
			fprintf(out, ", %llu lost", (unsigned long long)p->lost);
		fputc('\n', out);
	}
	return 0;
}

/* --json FILE: the runs' facts as results.json's form (doc/results.schema.json) at path, whole or
 * not at all.  Returns 0 or an exit code with *err filled. */
static int write_results_json(const char *path, const struct run_plan *plan,
			      const struct series *s, struct bx_error *err)
{
	struct job_context ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.command_line = plan->command_line;
	ctx.seed = plan->seed;
	ctx.cpus = sysconf(_SC_NPROCESSORS_ONLN);
	ctx.mem_bytes = (uint64_t)sysconf(_SC_PHYS_PAGES) * (uint64_t)sysconf(_SC_PAGESIZE);
	struct job_facts *facts = NULL;
	int rc = job_facts_build(s->records, s->n, plan->csv, &ctx, &facts, err);
	int wrc = rc == 0 ? results_json_write(path, facts) : 0;
	if (wrc < 0)
		rc = bx_fail(err, BX_EXIT_FAILURE, "--json: cannot write '%s': %s", path,
			     strerror(-wrc));
	job_facts_free(facts);
	return rc;
}

static int run_and_print(enum command_kind command, int argc, char **argv)
{
	struct run_options o;
	int stop;
	int rc = command_prepare(command, argc, argv, &o, &stop);
	if (stop)
		return rc;
	cleanup_install();
	struct series s = { 0 };
	struct bx_error err = { 0, "" };
	struct run_plan plan;
	options_plan(&o, &plan);
	rc = runner_execute(&plan, &s, &err);
	if (rc == 0 && o.json_path && s.n > 0)
		rc = write_results_json(o.json_path, &plan, &s, &err);
	if (o.json)
		summary_print_json(stdout, &s);
	else if (o.verbose)
		summary_print_table(stdout, &s, o.verify);
	else
		summary_print_answer(stdout, &s, o.verify, o.csv);
	if (rc)
		bx_print_error("%s", err.msg);
	if (o.profile && s.profiles.n > 0) {
		int prc = write_profiles(&o, &s, o.json ? stderr : stdout);
		if (rc == 0)
			rc = prc;
	}
	series_free(&s);
	cleanup_run();
	return rc;
}

int cmd_run(int argc, char **argv)
{
	return run_and_print(CMD_RUN, argc, argv);
}

int cmd_sweep(int argc, char **argv)
{
	return run_and_print(CMD_SWEEP, argc, argv);
}
