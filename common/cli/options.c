/*
 * options.c - the run options' table and parser (see options.h).
 *
 * Each option is one line of option_table: its name, what its value looks like, its help text
 * and the function that checks and stores the value.  The help text is printed from the same
 * table, so the two never drift apart.
 */
#include "cli/options.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/units.h"
#include "channel/channel_pipe.h"
#include "channel/channel_shm.h"
#include "cli/options_check.h"

/* What an option's value is, and so how it is checked and stored. */
enum option_kind {
	OPT_METHODS,	/* comma-separated method names */
	OPT_ALL_METHODS,	/* no value: every method */
	OPT_PATH,	/* a non-empty path, stored as const char * */
	OPT_NAME,	/* a non-empty name, stored as const char * */
	OPT_SIZE,	/* a size with suffix, in [min, max], stored as uint64_t */
	OPT_SIZE_LIST,	/* comma-separated sizes, each in [min, max], stored as struct size_list */
	OPT_COUNT,	/* a whole number in [min, max], stored as uint64_t */
	OPT_CPU_PAIR,	/* "P,C", "same" or "split": CPUs for producer and consumer */
	OPT_SET_FLAG,	/* no value: store 1 in an int */
	OPT_CLEAR_FLAG,	/* no value: store 0 in an int */
	OPT_FLAG_OR_PATH,	/* --json: alone, store 1 in the int before the field; with a value
				 * (--json=FILE, or a next argument not starting with --), store
				 * the path as const char * */
};

struct option_spec {
	const char *name;	/* without the leading "--" */
	const char *metavar;	/* NULL for a flag */
	const char *help;
	enum option_kind kind;
	size_t field;		/* offset of the destination in struct run_options */
	uint64_t min, max;	/* for OPT_SIZE and OPT_COUNT */
	unsigned commands;	/* CMD_* bits: the subcommands that accept it */
};

#define TRANSFER (CMD_RUN | CMD_SWEEP | CMD_REPRODUCE)	/* every command that moves bytes */
#define TOUCHES_FILES (TRANSFER | CMD_LIMITS)	/* every command that makes test data */

#define FIELD(f) offsetof(struct run_options, f)

static const struct option_spec option_table[] = {
	{ "method", "LIST", "methods to run, comma separated, or 'all' (default: all; reproduce: "
	  "pipe,shm,splice)", OPT_METHODS, 0, 0, 0, TRANSFER | CMD_EXPLAIN | CMD_LIST },
	{ "all", NULL, "every method (same as --method all)", OPT_ALL_METHODS, 0, 0, 0,
	  TRANSFER | CMD_EXPLAIN | CMD_LIST },
	{ "halves", NULL, "list the sending and receiving halves by channel, for --producer/--consumer",
	  OPT_SET_FLAG, FIELD(halves), 0, 0, CMD_LIST },
	{ "names", NULL, NULL,	/* hidden: bare names for the shell completion (completions/) */
	  OPT_SET_FLAG, FIELD(names), 0, 0, CMD_LIST },
	{ "producer", "HALF", "pair this sending half ... (see 'bulkxfer list --halves')", OPT_NAME,
	  FIELD(producer_half), 0, 0, CMD_RUN | CMD_SWEEP },
	{ "consumer", "HALF", "... with this receiving half of the same channel", OPT_NAME,
	  FIELD(consumer_half), 0, 0, CMD_RUN | CMD_SWEEP },
	{ "src", "FILE", "transfer this existing file (never modified); run, sweep: 'memory' sends "
	  "--size bytes from the producer's memory instead (./memory for a file of that name)",
	  OPT_PATH, FIELD(src), 0, 0, TOUCHES_FILES },
	{ "lock", NULL, "with --src memory: mlock the producer's buffer", OPT_SET_FLAG, FIELD(lock),
	  0, 0, CMD_RUN | CMD_SWEEP },
	{ "size", "N[,N...]", "or generate sources of N bytes of pseudo-random data (e.g. 1.4G; "
	  "reproduce: 1.4G; explain: the transfer to predict)", OPT_SIZE_LIST, FIELD(sizes), 1,
	  UNITS_MAX_BYTES, TOUCHES_FILES | CMD_EXPLAIN },
	{ "seed", "N", "seed of the generated data (default 1)", OPT_COUNT, FIELD(seed), 0,
	  UINT64_MAX, TOUCHES_FILES },
	{ "workdir", "DIR", "where generated and temporary files go (default $TMPDIR or /tmp); "
	  "system: whose filesystem to describe", OPT_PATH, FIELD(workdir), 0, 0,
	  TOUCHES_FILES | CMD_LIST | CMD_SYSTEM },
	{ "root", "DIR", "read /proc and /sys under DIR instead of / (another machine's copy, a "
	  "test's fake tree)", OPT_PATH, FIELD(root), 0, 0, CMD_SYSTEM },
	{ "dst", "PATH", "destination file (default: a temporary file in the workdir); run, sweep: "
	  "'memory' receives into the consumer's memory, a destination the size of the transfer "
	  "touched before the clock, hashed after it (./memory for a file of that name)", OPT_PATH,
	  FIELD(dst), 0, 0, CMD_RUN | CMD_SWEEP },
	{ "keep", NULL, "keep the generated source and the temporary destination", OPT_SET_FLAG,
	  FIELD(keep), 0, 0, TOUCHES_FILES },
	{ "chunk", "N[,N...]", "bytes per call and per ring slot, or rest: every byte left per call "
	  "(run: 1M; sweep, explain, and reproduce's quick sweep: " DEFAULT_SWEEP_CHUNKS ")",
	  OPT_SIZE_LIST, FIELD(chunks), MIN_CHUNK, MAX_CHUNK, TRANSFER | CMD_EXPLAIN },
	{ "model", "FILE", "explain: predict from this model.csv (default: fit one from --csv)",
	  OPT_PATH, FIELD(model), 0, 0, CMD_EXPLAIN },
	{ "slots", "N", "slots in the shared-memory ring (default 8)", OPT_COUNT, FIELD(slots), 1,
	  SHM_RING_MAX_SLOTS, TRANSFER },
	{ "pipe-size", "N", "pipe capacity for pipe methods, F_SETPIPE_SZ (default: kernel's)",
	  OPT_SIZE, FIELD(pipe_size), PIPE_SIZE_MIN, PIPE_SIZE_MAX, TRANSFER },
	{ "runs", "N", "recorded runs per method and setting (default 5; reproduce: auto, 5 to 15 "
	  "interleaved rounds while a verdict is undecided)", OPT_COUNT, FIELD(runs), 1, MAX_RUNS,
	  TRANSFER },
	{ "warmup", "N", "unrecorded runs per method and setting first (default 1)", OPT_COUNT,
	  FIELD(warmup), 0, MAX_WARMUP, TRANSFER },
	{ "csv", "PATH", "results CSV: rows are appended to it (default results/runs.csv); report, "
	  "explain: the runs to read", OPT_PATH, FIELD(csv), 0, 0,
	  CMD_RUN | CMD_SWEEP | CMD_REPORT | CMD_EXPLAIN },
	{ "out", "DIR", "output directory (reproduce: results/reproduce-<time>; report: "
	  "<csv>-report; explain: <csv>-explain; compare: results/compare-<time>)", OPT_PATH,
	  FIELD(out), 0, 0, CMD_REPRODUCE | CMD_REPORT | CMD_EXPLAIN | CMD_COMPARE },
	{ "fail-on", "WHAT", "compare: exit 3 when a measure regressed by its interval: 'regressed' "
	  "(any of GiB/s and either side's CPU), or a comma list of gib_per_s, sender_cpu_s, "
	  "receiver_cpu_s; the regressed groups are printed first", OPT_NAME, FIELD(fail_on), 0, 0,
	  CMD_COMPARE },
	{ "json", "[FILE]", "run, sweep: alone, print the records as JSON on stdout instead of the "
	  "table; run, sweep, compare: with FILE, write the results there as one JSON file "
	  "(doc/results.schema.json; compare: doc/compare.schema.json)", OPT_FLAG_OR_PATH,
	  FIELD(json_path), 0, 0, CMD_RUN | CMD_SWEEP | CMD_COMPARE },
	{ "verbose", NULL, "end with the full tables, not only the answer", OPT_SET_FLAG,
	  FIELD(verbose), 0, 0, TRANSFER },
	{ "no-verify", NULL, "skip the XXH3 check of the destination (rows say verified=0)",
	  OPT_CLEAR_FLAG, FIELD(verify), 0, 0, TRANSFER },
	{ "prime", NULL, "write and drop a file of the size before each run (default: if it helps)",
	  OPT_SET_FLAG, FIELD(prime), 0, 0, TOUCHES_FILES },
	{ "no-prime", NULL, "never prime before a run (see doc/details.md: steady numbers)",
	  OPT_CLEAR_FLAG, FIELD(prime), 0, 0, TOUCHES_FILES },
	{ "no-settle", NULL, "do not wait for the previous run's writeback before each run",
	  OPT_CLEAR_FLAG, FIELD(settle), 0, 0, TOUCHES_FILES },
	{ "cold", NULL, "evict the source from the page cache before each run", OPT_SET_FLAG,
	  FIELD(cold), 0, 0, TRANSFER },
	{ "fsync", NULL, "fsync the destination inside the timed region", OPT_SET_FLAG,
	  FIELD(fsync), 0, 0, TRANSFER },
	{ "sink", NULL, "the consumer discards the bytes: its own half writes them to /dev/null "
	  "(each setting verified by one unrecorded check run into a file)", OPT_SET_FLAG,
	  FIELD(sink), 0, 0, CMD_RUN | CMD_SWEEP },
	{ "sink-by", "HOW", "discard by 'read' (into a buffer: the receive copy, no write) or "
	  "'splice' (to /dev/null: no copy); implies --sink.  'keep' keeps instead (--dst memory), "
	  "'keep-fresh' into a destination left untouched, its page faults timed", OPT_NAME,
	  FIELD(sink_by_text), 0, 0,
	  CMD_RUN | CMD_SWEEP },
	{ "queue-depth", "N", "io_uring methods: operations (and registered buffers) in flight per "
	  "side (default 8, fewer above 256K chunks: as many as fit in 2 MiB, at least 2)",
	  OPT_COUNT, FIELD(queue_depth), 1, 256, TRANSFER },
	{ "busy-poll", NULL, "pipe, socket and token channels non-blocking: waits poll (ask again at "
	  "once) instead of sleeping; rings poll with --spin", OPT_SET_FLAG, FIELD(busy_poll), 0, 0,
	  CMD_RUN | CMD_SWEEP },
	{ "huge", NULL, "huge pages for the shared-memory ring (hugetlbfs, else transparent) and "
	  "transparent ones for --dst memory",
	  OPT_SET_FLAG, FIELD(huge), 0, 0, TRANSFER },
	{ "prefault", NULL, "reserve shared memory and fault it into both processes before the "
	  "clock starts, each page touched once from user code too (default: shm-whole's region "
	  "is new and faulted in the loop, as in 2014)",
	  OPT_SET_FLAG, FIELD(prefault), 0, 0, TRANSFER },
	{ "buffer-offset", "N", "start every buffer the halves copy through, and --src memory's "
	  "source, N bytes past a page start (0-4095, default 0: page-aligned; malloc() gives large "
	  "buffers 16)", OPT_COUNT, FIELD(buffer_offset), 0, 4095, TRANSFER },
	{ "spin", "USEC", "shared-memory ring waits poll up to USEC microseconds before they sleep "
	  "(default 0; reproduce's tuned phases: 50)", OPT_COUNT, FIELD(spin_us), 0,
	  SHM_RING_MAX_SPIN_US, TRANSFER },
	{ "profile-csv", "FILE", "explain: the measured categories of a profile.csv beside the theory "
	  "(default: the --csv's reproduce directory's profile/profile.csv or <csv>-profile/)",
	  OPT_PATH, FIELD(profile_csv), 0, 0, CMD_EXPLAIN },
	{ "profile", NULL, "sample each side's CPU time (perf_event_open, kernel and user stacks) in "
	  "every recorded run: <csv>-profile/ gets profile.csv, folded stacks and flame graphs",
	  OPT_SET_FLAG, FIELD(profile), 0, 0, CMD_RUN | CMD_SWEEP },
	{ "cpu", "P,C", "pin producer to CPU P and consumer to CPU C ('same' = 0,0, 'split' = 0,1)",
	  OPT_CPU_PAIR, 0, 0, 0, TRANSFER },
};
#define NOPTIONS (sizeof(option_table) / sizeof(option_table[0]))

/* ---- value checkers ------------------------------------------------------------------ */

static int parse_size_option(const struct option_spec *spec, const char *value, uint64_t *out,
			     struct bx_error *err)
{
	int rc = units_parse_size(value, out);
	if (rc == -ERANGE || (rc == 0 && *out > spec->max)) {
		char limit[32];
		return bx_fail(err, BX_EXIT_USAGE, "--%s '%s': too large (at most %s)", spec->name,
			       value, units_format_size(spec->max, limit, sizeof(limit)));
	}
	if (rc < 0)
		return bx_fail(err, BX_EXIT_USAGE,
			       "--%s '%s': not a size (a number with an optional K, M, G or T suffix, "
			       "e.g. 64K or 1.4G)", spec->name, value);
	if (*out < spec->min)
		return bx_fail(err, BX_EXIT_USAGE, "--%s '%s': must be at least %llu byte%s",
			       spec->name, value, (unsigned long long)spec->min,
			       spec->min == 1 ? "" : "s");
	return 0;
}

static int parse_count_option(const struct option_spec *spec, const char *value, uint64_t *out,
			      struct bx_error *err)
{
	int rc = units_parse_count(value, spec->max, out);
	if (rc == -ERANGE)
		return bx_fail(err, BX_EXIT_USAGE, "--%s '%s': too large (at most %llu)", spec->name,
			       value, (unsigned long long)spec->max);
	if (rc < 0)
		return bx_fail(err, BX_EXIT_USAGE, "--%s '%s': not a whole number", spec->name, value);
	if (*out < spec->min)
		return bx_fail(err, BX_EXIT_USAGE, "--%s '%s': must be at least %llu", spec->name,
			       value, (unsigned long long)spec->min);
	return 0;
}

static int parse_size_list_option(const struct option_spec *spec, const char *value,
				  struct size_list *list, struct bx_error *err)
{
	list->n = 0;
	const char *p = value;
	for (;;) {
		char item[64];
		size_t len = strcspn(p, ",");
		if (len == 0 || len >= sizeof(item))
			return bx_fail(err, BX_EXIT_USAGE, "--%s '%s': empty or overlong item in list",
				       spec->name, value);
		if (list->n == MAX_LIST)
			return bx_fail(err, BX_EXIT_USAGE, "--%s: at most %d values", spec->name,
				       MAX_LIST);
		memcpy(item, p, len);
		item[len] = '\0';
		int rc = 0;
		if (strcmp(spec->name, "chunk") == 0 && strcmp(item, "rest") == 0)
			list->v[list->n] = CHUNK_REST;	/* every byte left, per call */
		else
			rc = parse_size_option(spec, item, &list->v[list->n], err);
		if (rc)
			return rc;
		list->n++;
		p += len;
		if (*p == '\0')
			return 0;
		p++;
	}
}

static int parse_cpu_pair(struct run_options *o, const char *value, struct bx_error *err)
{
	long cpus = sysconf(_SC_NPROCESSORS_CONF);
	if (strcmp(value, "same") == 0) {
		o->cpu_producer = o->cpu_consumer = 0;
		return 0;
	}
	if (strcmp(value, "split") == 0) {
		if (cpus < 2)
			return bx_fail(err, BX_EXIT_USAGE, "--cpu split: this machine has one CPU");
		o->cpu_producer = 0;
		o->cpu_consumer = 1;
		return 0;
	}
	char *end;
	errno = 0;
	long p = strtol(value, &end, 10);
	long c = *end == ',' ? strtol(end + 1, &end, 10) : -1;
	if (errno || *end || p < 0 || c < 0 || !isdigit((unsigned char)value[0]))
		return bx_fail(err, BX_EXIT_USAGE, "--cpu '%s': give P,C (two CPU numbers), 'same' or "
			       "'split'", value);
	if (p >= cpus || c >= cpus)
		return bx_fail(err, BX_EXIT_USAGE, "--cpu '%s': this machine has CPUs 0 to %ld", value,
			       cpus - 1);
	o->cpu_producer = (int)p;
	o->cpu_consumer = (int)c;
	return 0;
}

/* Check value against spec and store it in *o.  Returns 0 or BX_EXIT_USAGE. */
static int apply_option(struct run_options *o, const struct option_spec *spec, const char *value,
			struct bx_error *err)
{
	void *field = (char *)o + spec->field;
	switch (spec->kind) {
	case OPT_METHODS:
		o->methods_given = 1;
		return options_set_methods(o, value, err);
	case OPT_ALL_METHODS:
		o->methods_given = 1;
		return options_set_methods(o, "all", err);
	case OPT_PATH:
	case OPT_NAME:
		if (field == (void *)&o->src && strcmp(value, "memory") == 0 &&
		    (o->command & (CMD_RUN | CMD_SWEEP))) {
			o->src_memory = 1;	/* a file named memory is ./memory */
			o->src = NULL;
			return 0;
		}
		if (field == (void *)&o->dst && strcmp(value, "memory") == 0 &&
		    (o->command & (CMD_RUN | CMD_SWEEP))) {
			o->dst_memory = 1;	/* a file named memory is ./memory */
			o->dst = NULL;
			return 0;
		}
		if (*value == '\0')
			return bx_fail(err, BX_EXIT_USAGE, "--%s: empty %s", spec->name,
				       spec->kind == OPT_PATH ? "path" : "name");
		*(const char **)field = value;
		return 0;
	case OPT_SIZE:
		return parse_size_option(spec, value, field, err);
	case OPT_SIZE_LIST:
		return parse_size_list_option(spec, value, field, err);
	case OPT_COUNT:
		if (field == (void *)&o->runs) {
			o->runs_auto = o->command == CMD_REPRODUCE && strcmp(value, "auto") == 0;
			if (o->runs_auto) {
				o->runs = REPRODUCE_MIN_ROUNDS;
				return 0;
			}
		}
		return parse_count_option(spec, value, field, err);
	case OPT_CPU_PAIR:
		return parse_cpu_pair(o, value, err);
	case OPT_SET_FLAG:
	case OPT_CLEAR_FLAG:
		*(int *)field = spec->kind == OPT_SET_FLAG;
		return 0;
	case OPT_FLAG_OR_PATH:
		if (!value) {
			o->json = 1;
			return 0;
		}
		if (*value == '\0')
			return bx_fail(err, BX_EXIT_USAGE, "--%s: empty path", spec->name);
		*(const char **)field = value;
		return 0;
	}
	return bx_fail(err, BX_EXIT_USAGE, "--%s: unhandled option kind", spec->name);
}

/* ---- public ------------------------------------------------------------------------------ */

static const char *command_name(enum command_kind command)
{
	switch (command) {
	case CMD_RUN: return "run";
	case CMD_SWEEP: return "sweep";
	case CMD_REPRODUCE: return "reproduce";
	case CMD_REPORT: return "report";
	case CMD_EXPLAIN: return "explain";
	case CMD_LIST: return "list";
	case CMD_LIMITS: return "limits";
	case CMD_SYSTEM: return "system";
	case CMD_COMPARE: return "compare";
	}
	return "?";
}

void options_defaults(struct run_options *o, enum command_kind command)
{
	memset(o, 0, sizeof(*o));
	o->command = command;
	if (command == CMD_REPRODUCE)
		options_set_methods(o, "pipe,shm,splice", NULL);
	else
		options_set_methods(o, "all", NULL);
	o->seed = 1;
	const char *tmp = getenv("TMPDIR");
	o->workdir = tmp && *tmp ? tmp : "/tmp";
	o->csv = command == CMD_EXPLAIN ? NULL : DEFAULT_CSV;
	if (command == CMD_RUN)
		options_default_size_list(&o->chunks, "1M", "chunk");
	else
		options_default_size_list(&o->chunks, DEFAULT_SWEEP_CHUNKS, "chunk");
	o->slots = DEFAULT_SLOTS;
	o->runs = DEFAULT_RUNS;
	o->runs_auto = command == CMD_REPRODUCE;
	if (o->runs_auto)
		o->runs = REPRODUCE_MIN_ROUNDS;
	o->warmup = DEFAULT_WARMUP;
	o->verify = 1;
	o->prime = PRIME_AUTO;
	o->spin_us = SPIN_AUTO;
	o->queue_depth = 0;	/* uring_queue_depth's default, by the chunk */
	o->settle = 1;
	o->cpu_producer = o->cpu_consumer = -1;
	o->series = command_name(command);
}

int options_set_methods(struct run_options *o, const char *list, struct bx_error *err)
{
	o->nmethods = 0;
	const char *p = list;
	for (;;) {
		size_t len = strcspn(p, ",");
		char name[64];
		if (len == 0 || len >= sizeof(name))
			return bx_fail(err, BX_EXIT_USAGE, "--method '%s': empty or overlong name in list",
				       list);
		memcpy(name, p, len);
		name[len] = '\0';
		if (strcmp(name, "all") == 0) {
			for (size_t i = 0; i < methods_count() && o->nmethods < MAX_METHODS; i++)
				o->methods[o->nmethods++] = methods_at(i);
		} else {
			const struct method *m = methods_find(name);
			if (!m)
				return bx_fail(err, BX_EXIT_USAGE,
					       "--method: unknown method '%s' (see 'bulkxfer list')", name);
			for (size_t i = 0; i < o->nmethods; i++)
				if (o->methods[i] == m)
					return bx_fail(err, BX_EXIT_USAGE,
						       "--method: '%s' is listed twice", name);
			if (o->nmethods == MAX_METHODS)
				return bx_fail(err, BX_EXIT_USAGE, "--method: too many methods");
			o->methods[o->nmethods++] = m;
		}
		p += len;
		if (*p == '\0')
			break;
		p++;
	}
	return 0;
}

static const struct option_spec *find_option(const char *name, size_t len)
{
	for (size_t i = 0; i < NOPTIONS; i++)
		if (strlen(option_table[i].name) == len && strncmp(option_table[i].name, name, len) == 0)
			return &option_table[i];
	return NULL;
}

int options_parse(int argc, char **argv, struct run_options *o, struct bx_error *err)
{
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			printf("usage: bulkxfer %s %s[options]\n", command_name(o->command),
			       o->command == CMD_COMPARE ? "OLD NEW [MORE...] " : "");
			options_print_help(stdout, o->command);
			return OPTIONS_HELP;
		}
		if (strncmp(arg, "--", 2) != 0 && o->command == CMD_COMPARE) {
			if (o->ninputs == MAX_INPUTS)
				return bx_fail(err, BX_EXIT_USAGE, "compare: at most %d results at once",
					       MAX_INPUTS);
			o->inputs[o->ninputs++] = arg;
			continue;
		}
		if (strncmp(arg, "--", 2) != 0)
			return bx_fail(err, BX_EXIT_USAGE, "unexpected argument '%s' (options start with --)",
				       arg);
		const char *name = arg + 2;
		const char *eq = strchr(name, '=');
		size_t name_len = eq ? (size_t)(eq - name) : strlen(name);
		const struct option_spec *spec = find_option(name, name_len);
		if (!spec)
			return bx_fail(err, BX_EXIT_USAGE, "unknown option '%.*s' (see '%s --help')",
				       (int)(name_len + 2), arg, argv[0]);
		if (!(spec->commands & o->command))
			return bx_fail(err, BX_EXIT_USAGE, "option '--%s' is not for '%s' (see '%s --help')",
				       spec->name, command_name(o->command), argv[0]);
		const char *value = NULL;
		if (spec->kind == OPT_FLAG_OR_PATH) {	/* its value is optional */
			if (eq)
				value = eq + 1;
			else if (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0)
				value = argv[++i];
		} else if (spec->metavar) {
			if (eq)
				value = eq + 1;
			else if (i + 1 < argc)
				value = argv[++i];
			else
				return bx_fail(err, BX_EXIT_USAGE, "--%s needs a value (%s)", spec->name,
					       spec->metavar);
		} else if (eq) {
			return bx_fail(err, BX_EXIT_USAGE, "--%s takes no value", spec->name);
		}
		int rc = apply_option(o, spec, value, err);
		if (rc)
			return rc;
	}
	return options_check_combinations(o, err);
}

void options_print_help(FILE *out, enum command_kind command)
{
	for (size_t i = 0; i < NOPTIONS; i++) {
		if (!(option_table[i].commands & command) || !option_table[i].help)
			continue;	/* not this command's, or hidden */
		char left[40];
		snprintf(left, sizeof(left), "--%s%s%s", option_table[i].name,
			 option_table[i].metavar ? " " : "",
			 option_table[i].metavar ? option_table[i].metavar : "");
		fprintf(out, "  %-20s %s\n", left, option_table[i].help);
	}
}
