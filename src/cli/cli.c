/*
 * cli.c - subcommand dispatch and the subcommands themselves.  Each subcommand is one line of
 * the subcommand table; the options they take are in options.c.
 */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "channel/channel.h"
#include "base/cleanup.h"
#include "analysis/report/compare.h"
#include "analysis/report/explain.h"
#include "transfer/fault_inject.h"
#include "host/floor.h"
#include "analysis/judge/groups.h"
#include "transfer/harness.h"
#include "run/ipc_alone.h"
#include "base/plots.h"
#include "run/probe.h"
#include "base/errors.h"
#include "method/methods.h"
#include "cli/options.h"
#include "cli/preflight.h"
#include "analysis/profile/profile_out.h"
#include "host/primitives.h"
#include "analysis/report/report.h"
#include "analysis/report/report_model.h"
#include "run/reproduce.h"
#include "run/runner.h"
#include "host/steady.h"
#include "host/system_check.h"
#include "base/tempfile.h"
#include "base/units.h"
#include "transfer/uring.h"
#include "analysis/report/summary.h"

#define BULKXFER_VERSION "0.4.0"

struct subcommand {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(int argc, char **argv);
};

static int cmd_run(int argc, char **argv);
static int cmd_sweep(int argc, char **argv);
/* A command's default output directory, new for every run: results/<kind>-<UTC time>.
 * Returns out. */
static const char *timestamped_out(const char *kind, char *out, size_t len)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	snprintf(out, len, "results/%s-%s", kind, stamp);
	return out;
}

static int cmd_reproduce(int argc, char **argv);
static int cmd_report(int argc, char **argv);
static int cmd_list(int argc, char **argv);
static int cmd_explain(int argc, char **argv);
static int cmd_help(int argc, char **argv);
static int cmd_limits(int argc, char **argv);
static int cmd_compare(int argc, char **argv);
static int cmd_system(int argc, char **argv);
static int write_copies_graph(const struct run_options *o, const struct group *g, size_t ng,
			      struct bx_error *err);

static const struct subcommand subcommands[] = {
	{ "run", "[options]", "move a file parent -> child with each method, verify, record", cmd_run },
	{ "sweep", "[options]", "the same over lists of chunk sizes and file sizes", cmd_sweep },
	{ "reproduce", "[options]", "re-run the 2014 comparison: runs, report.md and graphs",
	  cmd_reproduce },
	{ "report", "[options]", "report.md, summary.csv and graphs from a results CSV", cmd_report },
	{ "list", "[options]", "the methods, what each side does, theory, and whether it works here",
	  cmd_list },
	{ "explain", "[options]", "where the copies go, per method; measured beside it (--csv)",
	  cmd_explain },
	{ "limits", "[options]", "the floor: memcpy, read() and write() bandwidth on this machine",
	  cmd_limits },
	{ "compare", "OLD NEW ...", "results of two or more machines or kernels, group by group",
	  cmd_compare },
	{ "system", "[options]", "what on this machine moves the numbers, and what to do about it",
	  cmd_system },
	{ "help", "", "this text", cmd_help },
};
#define NSUBCOMMANDS (sizeof(subcommands) / sizeof(subcommands[0]))

static int cmd_help(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("bulkxfer %s - move a large file from a parent to a forked child and measure what "
	       "each way costs\n\nusage: bulkxfer <command> [options]   ('bulkxfer <command> --help' "
	       "for its options)\n\n", BULKXFER_VERSION);
	for (size_t i = 0; i < NSUBCOMMANDS; i++)
		printf("  %-10s %-10s %s\n", subcommands[i].name, subcommands[i].args,
		       subcommands[i].help);
	printf("\nexamples:\n"
	       "  bulkxfer run --method splice --size 1.4G --runs 5\n"
	       "  bulkxfer run --method pipe,shm,splice --src big.iso --chunk 64K --runs 3 "
	       "--csv results/mine.csv\n"
	       "  bulkxfer run --producer pipe --consumer splice --size 1G\n"
	       "  bulkxfer reproduce --runs 10 --out results/run-2026-11-21\n"
	       "  bulkxfer reproduce --all\n"
	       "  bulkxfer sweep --method pipe,shm,splice --chunk 4K,64K,1M --size 1G --runs 5\n"
	       "  bulkxfer report --csv results/mine.csv --out results/mine-report\n"
	       "  bulkxfer explain --method splice --csv results/mine.csv\n"
	       "  bulkxfer compare results/old-host results/new-host --out results/hosts\n"
	       "  bulkxfer system\n"
	       "\nexit status: 0 ok, 1 failure during a transfer, 2 usage error\n");
	return BX_EXIT_OK;
}

/* Parse the options of a command that moves no bytes.  Returns -1 to go on, else the exit. */
static int parse_only(enum command_kind command, int argc, char **argv, struct run_options *o)
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

static void list_halves(void)
{
	printf("Pair any sending half with a receiving half of the same channel:\n"
	       "  bulkxfer run --producer NAME --consumer NAME ...\n");
	for (enum channel_kind k = 0; k < CHANNEL_KINDS; k++) {
		printf("\n%s\n", channel_name(k));
		const struct half_ops *h;
		for (size_t i = 0; (h = methods_producer_at(i)); i++)
			if (h->channel == k)
				printf("  --producer %-14s %u CPU %s, %u syscalls/chunk: %s\n", h->name,
				       h->cpu_copies, h->cpu_copies == 1 ? "copy  " : "copies",
				       h->syscalls_per_chunk, h->does);
		for (size_t i = 0; (h = methods_consumer_at(i)); i++)
			if (h->channel == k)
				printf("  --consumer %-14s %u CPU %s, %u syscalls/chunk: %s\n", h->name,
				       h->cpu_copies, h->cpu_copies == 1 ? "copy  " : "copies",
				       h->syscalls_per_chunk, h->does);
	}
}

static int cmd_list(int argc, char **argv)
{
	struct run_options o;
	int rc = parse_only(CMD_LIST, argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (o.names) {	/* for completions/bulkxfer: names only, no probing */
		const struct half_ops *h;
		for (size_t i = 0; o.halves && (h = methods_producer_at(i)); i++)
			printf("producer %s\n", h->name);
		for (size_t i = 0; o.halves && (h = methods_consumer_at(i)); i++)
			printf("consumer %s\n", h->name);
		for (size_t i = 0; !o.halves && i < methods_count(); i++)
			printf("%s\n", methods_at(i)->name);
		return BX_EXIT_OK;
	}
	if (o.halves) {
		list_halves();
		return BX_EXIT_OK;
	}
	printf("%-14s %-6s %-8s %s\n", "method", "copies", "switches", "summary  (theory per chunk; "
	       "'bulkxfer explain' for the path)");
	for (size_t i = 0; i < o.nmethods; i++) {
		const struct method *m = o.methods[i];
		struct bx_error why = { 0, "" };
		int probe = probe_method(m, o.workdir, &why);
		printf("%-14s %6u %8u %s\n", m->name, methods_cpu_copies(m), methods_switches(m),
		       m->summary);
		printf("%-14s   sender (parent):  %s [copies %u, syscalls %u]\n", "",
		       m->producer->does, m->producer->cpu_copies, m->producer->syscalls_per_chunk);
		printf("%-14s   receiver (child): %s [copies %u, syscalls %u]\n", "",
		       m->consumer->does, m->consumer->cpu_copies, m->consumer->syscalls_per_chunk);
		if (probe == HARNESS_UNSUPPORTED)
			printf("%-14s   UNSUPPORTED here: %s\n", "", why.msg);
		else if (probe != 0)
			printf("%-14s   FAILS here: %s\n", "", why.msg);
	}
	/* io_uring as a whole, for the methods built on it (they are skipped where it is not). */
	char why[256];
	if (uring_probe(why, sizeof(why)) < 0)
		printf("\nio_uring: NOT usable here: %s (uring, uring-splice and uring-zc are skipped)\n",
		       why);
	else if (uring_zc_probe(why, sizeof(why)) < 0)
		printf("\nio_uring: usable here, but uring-zc is not: %s\n", why);
	else
		printf("\nio_uring: usable here (zero-copy sends on TCP included)\n");
	return BX_EXIT_OK;
}

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

/* The profile.csv explain shows: --profile-csv, else the one beside --csv (a reproduce
 * directory's profile/profile.csv, or run --profile's <csv>-profile/profile.csv) when it
 * exists.  Returns 1 with the path in path[len], 0 for none. */
static int explain_profile_path(const struct run_options *o, char *path, size_t len)
{
	if (o->profile_csv) {
		snprintf(path, len, "%s", o->profile_csv);
		return 1;
	}
	if (!o->csv)
		return 0;
	size_t n = strlen(o->csv);
	if (n > 4 && strcmp(o->csv + n - 4, ".csv") == 0)
		n -= 4;
	snprintf(path, len, "%.*s-profile/profile.csv", (int)n, o->csv);
	if (access(path, R_OK) == 0)
		return 1;
	const char *slash = strrchr(o->csv, '/');
	int dir = slash ? (int)(slash - o->csv) : 0;
	snprintf(path, len, "%.*s%sprofile/profile.csv", dir, o->csv, slash ? "/" : "");
	return access(path, R_OK) == 0;
}

static int cmd_explain(int argc, char **argv)
{
	struct run_options o;
	int rc = parse_only(CMD_EXPLAIN, argc, argv, &o);
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
	if (o.csv)	/* where the CPU time goes, fitted from the CSV */
		report_model_print(stdout, records, n, NULL, NULL);
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

/* Parse and preflight the options of command.  Returns 0 to go on, or the exit status (0 after
 * --help) with any error already printed. */
static int prepare_options(enum command_kind command, int argc, char **argv, struct run_options *o,
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

/* --profile: <csv minus .csv>-profile/ gets what the runs sampled; a line per side says how
 * many samples it holds and how their time compares with the side's getrusage CPU time. */
static int write_profiles(const struct run_options *o, const struct series *s, FILE *out)
{
	char dir[PATH_MAX];
	size_t len = strlen(o->csv);
	if (len > 4 && strcmp(o->csv + len - 4, ".csv") == 0)
		len -= 4;
	snprintf(dir, sizeof(dir), "%.*s-profile", (int)len, o->csv);
	struct bx_error err = { 0, "" };
	if (profile_write_outputs(dir, &s->profiles, &err) != 0) {
		bx_print_error("%s", err.msg);
		return err.code;
	}
	fprintf(out, "profile: %s/ (profile.csv, a folded file and a flame graph per side)\n", dir);
	for (size_t i = 0; i < s->profiles.n; i++) {
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

static int run_and_print(enum command_kind command, int argc, char **argv)
{
	struct run_options o;
	int stop;
	int rc = prepare_options(command, argc, argv, &o, &stop);
	if (stop)
		return rc;
	cleanup_install();
	struct series s = { 0 };
	struct bx_error err = { 0, "" };
	struct run_plan plan;
	options_plan(&o, &plan);
	rc = runner_execute(&plan, &s, &err);
	if (o.json)
		summary_print_json(stdout, &s);
	else
		summary_print_table(stdout, &s, o.verify);
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

static int cmd_run(int argc, char **argv)
{
	return run_and_print(CMD_RUN, argc, argv);
}

static int cmd_sweep(int argc, char **argv)
{
	return run_and_print(CMD_SWEEP, argc, argv);
}

static int cmd_reproduce(int argc, char **argv)
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
		timestamped_out("reproduce", out, sizeof(out));
	int rc = prepare_options(CMD_REPRODUCE, argc, argv, &o, &stop);
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
	rc = reproduce_run(&plan, &err);
	if (rc)
		bx_print_error("%s", err.msg);
	cleanup_run();
	return rc;
}

/* "results/mine.csv" -> "results/mine<suffix>" into buf. */
static const char *beside_csv(const char *csv, const char *suffix, char *buf, size_t len)
{
	size_t n = strlen(csv);
	if (n > 4 && strcmp(csv + n - 4, ".csv") == 0)
		n -= 4;
	snprintf(buf, len, "%.*s%s", (int)n, csv, suffix);
	return buf;
}

/* explain --csv: the copies graph into --out (default <csv>-explain). */
static int write_copies_graph(const struct run_options *o, const struct group *g, size_t ng,
			      struct bx_error *err)
{
	char beside[PATH_MAX], data[PATH_MAX + 32], out[PATH_MAX + 32], log[PATH_MAX + 32];
	const char *dir = o->out ? o->out : beside_csv(o->csv, "-explain", beside, sizeof(beside));
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
	rc = plots_render("copies", data, out, log, err);
	if (rc == 0)
		printf("graph: %s.png (measured CPU s/GiB against theoretical CPU copies)\n", out);
	return rc;
}

static int cmd_limits(int argc, char **argv)
{
	struct run_options o;
	int stop;
	int rc = prepare_options(CMD_LIMITS, argc, argv, &o, &stop);
	if (stop)
		return rc;
	cleanup_install();
	struct bx_error err = { 0, "" };
	struct temp_file tf = { "", -1, 0 };
	const char *src = o.src;
	if (!src) {
		rc = runner_generate_source(o.workdir, o.sizes.v[0], o.seed, o.keep, &tf, &err);
		src = tf.path;
	}
	struct stat st;
	if (rc == 0 && stat(src, &st) < 0)
		rc = bx_fail(&err, BX_EXIT_FAILURE, "cannot read '%s': %s", src, strerror(errno));
	struct machine_limits l;
	double primed_floor = 0;
	memset(&l, 0, sizeof(l));
	if (rc == 0) {
		floor_memcpy(&l);
		steady_warm(src);
		l.read_gib_s = floor_read(src);
		if (o.prime == PRIME_AUTO)
			rc = floor_dst_pair(o.workdir, (uint64_t)st.st_size, o.settle,
					    &l.dst_floor_gib_s, &primed_floor, &err);
		else
			rc = floor_dst_prepared(o.workdir, (uint64_t)st.st_size, o.settle, o.prime,
						&l.dst_floor_gib_s, &err);
	}
	temp_file_release(&tf, o.keep);
	if (rc) {
		bx_print_error("%s", err.msg);
		return rc;
	}
	char size[32];
	printf("limits of this machine, %s, in GiB/s (2^30 bytes/s):\n",
	       units_format_size((uint64_t)st.st_size, size, sizeof(size)));
	printf("  memcpy, one core, glibc      %8.2f\n", l.memcpy_gib_s);
	printf("  memcpy, one core, rep movsb  %8.2f%s\n", l.movsb_gib_s,
	       l.movsb_gib_s > 0 ? "   (the copy the kernel uses)" : "   (not on this CPU)");
	printf("  read() of the cached source  %8.2f\n", l.read_gib_s);
	printf("  destination floor            %8.2f   (one process write()-ing it into a new file "
	       "in %s: no IPC)\n", l.dst_floor_gib_s, o.workdir);
	if (primed_floor > 0)
		printf("  destination floor, primed    %8.2f   (after writing and dropping as much: runs "
		       "prime when this is 10%% faster)\n", primed_floor);
	struct primitive_costs p;
	primitives_measure(&p);
	printf("unit costs (what the cost model fits; best of 3 passes):\n");
	printf("  null system call (getppid)   %8.3f us CPU\n", p.syscall_s * 1e6);
	printf("  minor fault, fresh 4 KiB page %7.3f us CPU\n", p.fault_s * 1e6);
	printf("  pipe wake-up (half a round trip between two processes) %.3f us\n",
	       p.wakeup_s * 1e6);
	if (l.memcpy_gib_s > 0)
		printf("  copying 1 GiB, one core      %8.3f s (glibc memcpy)\n", 1 / l.memcpy_gib_s);
	/* The channel alone runs with `run`'s defaults: only the working directory is limits'. */
	struct run_options run_defaults;
	options_defaults(&run_defaults, CMD_RUN);
	run_defaults.workdir = o.workdir;
	struct run_plan base;
	options_plan(&run_defaults, &base);
	return ipc_alone_print(stdout, &base, (uint64_t)st.st_size, l.memcpy_gib_s);
}

static int cmd_report(int argc, char **argv)
{
	struct run_options o;
	struct bx_error err = { 0, "" };
	options_defaults(&o, CMD_REPORT);
	int rc = options_parse(argc, argv, &o, &err);
	if (rc == OPTIONS_HELP)
		return BX_EXIT_OK;
	char out[PATH_MAX];
	if (rc == 0 && !o.out)
		o.out = beside_csv(o.csv, "-report", out, sizeof(out));
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
	static struct report_context ctx;
	struct profile_set profiles = { 0 };
	char pdir[PATH_MAX], pout[PATH_MAX], pcsv[PATH_MAX + 16];
	const char *slash = strrchr(o.csv, '/');
	snprintf(pdir, sizeof(pdir), "%.*s%sprofile", slash ? (int)(slash - o.csv) : 0, o.csv,
		 slash ? "/" : "");
	snprintf(pout, sizeof(pout), "%s/profile", o.out);
	snprintf(pcsv, sizeof(pcsv), "%s/profile.csv", pdir);
	if (rc == 0 && access(pcsv, R_OK) == 0) {
		rc = profile_set_load(pdir, records, n, &profiles, &err);
		if (rc == 0 && strcmp(pdir, pout) != 0)
			rc = profile_write_outputs(pout, &profiles, &err);
		ctx.profiles = &profiles;
	}
	if (rc == 0) {
		rc = report_write(records, n, o.csv, o.out, ctx.profiles ? &ctx : NULL, &err);
		printf("report: %s/report.md (from %zu runs in %s)\n", o.out, n, o.csv);
	}
	if (rc)
		bx_print_error("%s", err.msg);
	profile_set_free(&profiles);
	free(records);
	return rc;
}

static int cmd_compare(int argc, char **argv)
{
	struct run_options o;
	int rc = parse_only(CMD_COMPARE, argc, argv, &o);
	if (rc >= 0)
		return rc;
	char out[PATH_MAX];
	if (!o.out) {
		mkdir("results", 0755);	/* as run makes it for its CSV: the default lives there */
		o.out = timestamped_out("compare", out, sizeof(out));
	}
	struct bx_error err = { 0, "" };
	rc = preflight_output_dir(o.out, &err);
	if (rc == 0)
		rc = compare_run(o.inputs, o.ninputs, o.out, &err);
	if (rc)
		bx_print_error("%s", err.msg);
	return rc;
}

static int cmd_system(int argc, char **argv)
{
	struct run_options o;
	int rc = parse_only(CMD_SYSTEM, argc, argv, &o);
	if (rc >= 0)
		return rc;
	struct stat st;
	int missing = o.root && *o.root && stat(o.root, &st) < 0;
	if (missing || (o.root && *o.root && !S_ISDIR(st.st_mode))) {
		bx_print_error("system: --root '%s' is not a directory: %s", o.root,
			       missing ? strerror(errno) : "not a folder to read /proc and /sys under");
		return BX_EXIT_USAGE;
	}
	static struct system_findings found;
	system_check(o.root, o.workdir, SYSTEM_WINDOW_S, &found);
	system_print_text(stdout, &found);
	return BX_EXIT_OK;
}

int cli_main(int argc, char **argv)
{
	if (argc < 2) {
		cmd_help(0, NULL);
		return BX_EXIT_USAGE;
	}
	struct bx_error err = { 0, "" };
	if (fault_inject_configure(getenv(FAULT_INJECT_ENV), &err)) {	/* a testing aid */
		bx_print_error("%s", err.msg);
		return err.code;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
		return cmd_help(0, NULL);
	if (strcmp(name, "--version") == 0) {
		printf("bulkxfer %s\n", BULKXFER_VERSION);
		return BX_EXIT_OK;
	}
	for (size_t i = 0; i < NSUBCOMMANDS; i++)
		if (strcmp(subcommands[i].name, name) == 0)
			return subcommands[i].run(argc - 1, argv + 1);
	bx_print_error("unknown command '%s' (try 'bulkxfer help')", name);
	return BX_EXIT_USAGE;
}
