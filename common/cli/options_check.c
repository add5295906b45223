/*
 * options_check.c - the checks that involve more than one option (see options_check.h): which
 * combinations make no sense, and which methods can run with --src memory, --sink-by and
 * --busy-poll.  Split from options.c, which parses one option at a time.
 */
#include "cli/options_check.h"

#include <stdio.h>
#include <string.h>

#include "analysis/compare/compare.h"
#include "base/units.h"
#include "channel/channel_shm.h"
#include "consumer/sink.h"

/* --src memory, --lock, --sink-by and --busy-poll among themselves. */
static int check_memory_and_sink(struct run_options *o, struct bx_error *err)
{
	if (o->dst_memory && (o->sink_by_text || o->sink))
		return bx_fail(err, BX_EXIT_USAGE, "--dst memory keeps the bytes in the consumer's "
			       "memory: drop --sink%s", o->sink_by_text ? "-by" : "");
	if (o->dst_memory)
		o->sink_by_text = "keep";
	if (o->sink_by_text) {
		if (sink_by_parse(o->sink_by_text, &o->sink_by) < 0)
			return bx_fail(err, BX_EXIT_USAGE, "--sink-by '%s': give 'read' (into a buffer), "
				       "'splice' (to /dev/null), 'keep' or 'keep-fresh' (into memory)",
				       o->sink_by_text);
		o->sink = 1;
	} else if (o->sink) {
		o->sink_by = SINK_METHOD;
	}
	if (o->lock && !o->src_memory)
		return bx_fail(err, BX_EXIT_USAGE, "--lock locks the producer's memory source: give "
			       "--src memory");
	if (o->src_memory && o->cold)
		return bx_fail(err, BX_EXIT_USAGE, "--cold evicts the source file from the page cache: "
			       "with --src memory there is none");
	for (size_t i = 0; i < o->chunks.n; i++)
		if (o->chunks.v[i] == CHUNK_REST && (o->sink_by == SINK_READ || sink_by_keeps(o->sink_by)))
			return bx_fail(err, BX_EXIT_USAGE, "--chunk rest: --sink-by %s receives --chunk "
				       "bytes a call; give a size", sink_by_name(o->sink_by));
	return 0;
}

/* Why method m cannot run with these options (--src memory, --sink-by, --busy-poll), or NULL. */
static const char *method_cannot(const struct run_options *o, const struct method *m,
				 char *why, size_t len)
{
	const char *reason;
	if (o->src_memory && !m->producer->from_memory) {
		snprintf(why, len, "--src memory: %s cannot send from memory: it %s", m->name,
			 m->producer->needs_file ? m->producer->needs_file : "reads the source file");
		return why;
	}
	if (o->sink_by >= SINK_READ && !sink_half_for(o->sink_by, m->producer->channel, m->consumer,
						      &reason)) {
		snprintf(why, len, "--sink-by %s: %s cannot: %s", sink_by_name(o->sink_by), m->name,
			 reason);
		return why;
	}
	enum channel_kind kind = m->producer->channel;
	if (o->busy_poll && (kind == CHANNEL_SHM || kind == CHANNEL_SHM_WHOLE)) {
		snprintf(why, len, "--busy-poll: %s moves its bytes through shared memory, not a "
			 "descriptor (its waits poll with --spin USEC)", m->name);
		return why;
	}
	if (o->busy_poll && kind == CHANNEL_FDPASS) {
		snprintf(why, len, "--busy-poll: %s passes one descriptor, there is nothing to poll",
			 m->name);
		return why;
	}
	return NULL;
}

/* Every method given must run with these options (exit 2 naming the first that cannot); when
 * none was given ("all"), the ones that cannot are left out, and at least one must remain. */
static int check_methods_can(struct run_options *o, struct bx_error *err)
{
	char why[256];
	size_t kept = 0;
	const char *first = NULL;
	char first_why[256];
	for (size_t i = 0; i < o->nmethods; i++) {
		const char *reason = method_cannot(o, o->methods[i], why, sizeof(why));
		if (reason && (o->methods_given || o->producer_half))
			return bx_fail(err, BX_EXIT_USAGE, "%s", reason);
		if (reason && !first) {
			snprintf(first_why, sizeof(first_why), "%s", reason);
			first = first_why;
		}
		if (!reason)
			o->methods[kept++] = o->methods[i];
	}
	o->nmethods = kept;
	if (kept == 0 && first)
		return bx_fail(err, BX_EXIT_USAGE, "%s", first);
	return 0;
}

/* The built-in defaults are constants of sizes that always parse; name is kept for the
 * caller's reading (the option the list fills). */
void options_default_size_list(struct size_list *list, const char *text, const char *name)
{
	(void)name;
	list->n = 0;
	for (const char *p = text; *p && list->n < MAX_LIST;) {
		char item[64];
		size_t len = strcspn(p, ",");
		if (len == 0 || len >= sizeof(item))
			break;
		memcpy(item, p, len);
		item[len] = '\0';
		if (units_parse_size(item, &list->v[list->n]) == 0)
			list->n++;
		p += len + (p[len] == ',');
	}
}

/* Checks that involve more than one option. */
int options_check_combinations(struct run_options *o, struct bx_error *err)
{
	if (o->command == CMD_COMPARE && o->ninputs < 2)
		return bx_fail(err, BX_EXIT_USAGE, "compare: give two or more results CSVs or reproduce "
			       "directories (bulkxfer compare OLD NEW)");
	if (o->command == CMD_COMPARE && o->fail_on) {
		if (o->ninputs != 2)
			return bx_fail(err, BX_EXIT_USAGE, "--fail-on: compare two results (OLD NEW); "
				       "with more there is no ratio to judge");
		if (compare_fail_mask(o->fail_on, &o->fail_mask) < 0)
			return bx_fail(err, BX_EXIT_USAGE, "--fail-on '%s': give 'regressed' or a "
				       "comma list of gib_per_s, sender_cpu_s, receiver_cpu_s",
				       o->fail_on);
	}
	if (o->command == CMD_COMPARE && o->json)
		return bx_fail(err, BX_EXIT_USAGE, "compare --json: give the FILE to write "
			       "(compare.json is always written beside compare.md)");
	if (o->command == CMD_COMPARE && o->json_path && o->ninputs != 2)
		return bx_fail(err, BX_EXIT_USAGE, "--json: compare two results (OLD NEW) for a JSON "
			       "file of their ratios");
	if (o->command & (CMD_REPORT | CMD_EXPLAIN | CMD_LIST | CMD_SYSTEM | CMD_COMPARE))
		return 0;
	if (o->command == CMD_LIMITS) {
		if (o->sizes.n > 1)
			return bx_fail(err, BX_EXIT_USAGE, "--size: limits takes one size");
		if (!o->src && !o->sizes.n)
			options_default_size_list(&o->sizes, DEFAULT_REPRODUCE_SIZE, "size");
		return 0;
	}
	int rc = check_memory_and_sink(o, err);
	if (rc)
		return rc;
	if (o->sink && o->dst)
		return bx_fail(err, BX_EXIT_USAGE, "--sink discards the bytes: drop --dst");
	if (o->sink && o->fsync)
		return bx_fail(err, BX_EXIT_USAGE, "--sink has no destination to fsync: drop --fsync");
	if (o->producer_half || o->consumer_half) {
		if (!o->producer_half || !o->consumer_half)
			return bx_fail(err, BX_EXIT_USAGE, "--producer and --consumer go together");
		if (o->methods_given)
			return bx_fail(err, BX_EXIT_USAGE,
				       "--producer/--consumer choose the method: drop --method");
		rc = methods_pair(o->producer_half, o->consumer_half, &o->paired, o->paired_name, err);
		if (rc)
			return rc;
		o->methods[0] = &o->paired;
		o->nmethods = 1;
	}
	if ((rc = check_methods_can(o, err)) != 0)
		return rc;
	if (o->src && o->sizes.n)
		return bx_fail(err, BX_EXIT_USAGE, "give either --src FILE or --size N, not both");
	if (!o->src && !o->sizes.n && o->command == CMD_REPRODUCE)
		options_default_size_list(&o->sizes, DEFAULT_REPRODUCE_SIZE, "size");
	if (o->src_memory && !o->sizes.n)
		return bx_fail(err, BX_EXIT_USAGE, "--src memory: give the bytes to send with --size N "
			       "(e.g. --size 1G)");
	if (!o->src && !o->sizes.n)
		return bx_fail(err, BX_EXIT_USAGE,
			       "nothing to transfer: give --src FILE or --size N (e.g. --size 1.4G)");
	for (size_t i = 0; i < o->chunks.n; i++) {
		if (o->chunks.v[i] != CHUNK_REST)
			continue;
		for (size_t m = 0; m < o->nmethods; m++)
			if (!o->methods[m]->producer->takes_rest || !o->methods[m]->consumer->takes_rest)
				return bx_fail(err, BX_EXIT_USAGE,
					       "--chunk rest: %s moves its bytes through a buffer of "
					       "--chunk bytes; rest (every byte left, per call) is for "
					       "methods that keep none: %s", o->methods[m]->name,
					       methods_taking_rest());
	}
	for (size_t i = 0; i < o->chunks.n; i++)
		if (o->chunks.v[i] != CHUNK_REST && o->chunks.v[i] * o->slots > SHM_RING_MAX_BYTES)
			return bx_fail(err, BX_EXIT_USAGE,
				       "--chunk x --slots: a ring of %llu x %llu bytes is larger than the "
				       "%llu GiB limit", (unsigned long long)o->slots,
				       (unsigned long long)o->chunks.v[i],
				       (unsigned long long)(SHM_RING_MAX_BYTES >> 30));
	return 0;
}

