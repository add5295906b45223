/*
 * cmd_list.c - `bulkxfer list`: the methods with their theory and whether each works here;
 * --halves, the halves by channel with the file that holds each; --names, bare names for the
 * shell completion.
 */
#include "cli/commands.h"

#include <stdio.h>

#include "catalog/methods.h"
#include "channel/channel.h"
#include "run/probe.h"
#include "transfer/harness.h"
#include "transfer/uring.h"

static void list_halves(void)
{
	printf("Pair any sending half with a receiving half of the same channel:\n"
	       "  bulkxfer run --producer NAME --consumer NAME ...\n");
	for (enum channel_kind k = 0; k < CHANNEL_KINDS; k++) {
		printf("\n%s\n", channel_name(k));
		const struct half_ops *h;
		for (size_t i = 0; (h = methods_producer_at(i)); i++)
			if (h->channel == k)
				printf("  --producer %-14s %u CPU %s, %u syscalls/chunk: %s  (%s)\n",
				       h->name, h->cpu_copies, h->cpu_copies == 1 ? "copy  " : "copies",
				       h->syscalls_per_chunk, h->does, methods_half_file(h));
		for (size_t i = 0; (h = methods_consumer_at(i)); i++)
			if (h->channel == k)
				printf("  --consumer %-14s %u CPU %s, %u syscalls/chunk: %s  (%s)\n",
				       h->name, h->cpu_copies, h->cpu_copies == 1 ? "copy  " : "copies",
				       h->syscalls_per_chunk, h->does, methods_half_file(h));
	}
}

int cmd_list(int argc, char **argv)
{
	struct run_options o;
	int rc = command_parse_only(CMD_LIST, argc, argv, &o);
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
