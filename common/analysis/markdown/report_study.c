/*
 * report_study.c - the claims of report.md (see report_study.h).  Every comparison printed here
 * comes with its 95% interval and the word study.c judged it by; no bare ordering of two means.
 */
#include "analysis/markdown/report_study.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/judge/groups.h"
#include "analysis/judge/sequential.h"
#include "analysis/judge/study.h"
#include "analysis/words/sentences.h"
#include "base/units.h"
#include "host/floor.h"
#include "record/names.h"

/* "0.47 [0.41, 0.55]" or, without an interval, "0.47 (too few runs for an interval)". */
static const char *ci_text(const struct claim *x, char *buf, size_t len)
{
	if (!x)
		snprintf(buf, len, "n/a");
	else if (x->r.valid)
		snprintf(buf, len, "%.2f [%.2f, %.2f]", x->r.estimate, x->r.low, x->r.high);
	else
		snprintf(buf, len, "%.2f (fewer than %zu rounds ran both: no interval)",
			 x->r.estimate, seq_looks[0]);
	return buf;
}

/* Where claim x stands, for the reader: which look decided it, or why it is still open. */
static const char *look_text(const struct claim *x, char *buf, size_t len)
{
	if (x->look_pairs == 0)
		snprintf(buf, len, "%zu round%s ran both, too few for the first look (%zu)",
			 x->pairs, x->pairs == 1 ? "" : "s", seq_looks[0]);
	else if (x->direction != 0)
		snprintf(buf, len, "decided at the look after %zu rounds (%.1f%% interval)",
			 x->look_pairs, 100 * x->level);
	else if (x->open)
		snprintf(buf, len, "undecided after %zu rounds; the next look needed %zu",
			 x->pairs, x->next_look);
	else
		snprintf(buf, len, "undecided at the last look (%zu rounds)", x->look_pairs);
	return buf;
}

static const struct group *study_group(const struct group *g, size_t ng, const struct claim_set *c,
				       const char *method)
{
	return c->study_series ? groups_find(g, ng, c->study_series, method) : NULL;
}

static void print_replica(FILE *f, const struct claim_set *c, const struct study_region *region)
{
	fprintf(f, "### The 2014 code and this replica\n\n"
		"| row | what the 2014 code did (copy_test.c) | what bulkxfer did |\n|---|---|---|\n");
	for (int i = 0; i < STUDY_NROWS; i++)
		fprintf(f, "| %s (`%s`) | %s | %s |\n", study_rows[i].label,
			i == 1 ? c->mmap_method : study_rows[i].method, study_rows[i].then,
			study_rows[i].now);
	fprintf(f, "| %s (`%s`) | %s | %s |\n\n", study_ring.label, study_ring.method,
		study_ring.then, study_ring.now);
	fprintf(f, "Both sides time their own loop as the study's clock() did, but with getrusage "
		"(user + system); the study's `int` sizes are 64-bit here. Where it differs: the "
		"mmap+memcpy child waits for each step the parent has published instead of copying "
		"bytes not yet written; the receiver's waits column shows how often that child had "
		"to sleep: its CPU time is the study's copy, not the waiting.");
	size_t prefaulted = region->prefaulted, runs = region->runs;
	double minflt = region->minflt;
	if (runs > 0 && prefaulted == 0)
		fprintf(f, " As in 2014, the sender pays for the region's first touch inside its "
			"timing: the region is new for each run, and its minor faults (median %.0f "
			"a run) count the region's pages.", minflt);
	else if (runs > 0)
		fprintf(f, " Unlike 2014, %zu of the %zu mmap+memcpy runs had the region faulted "
			"into both processes before the clock started (--prefault): the study paid "
			"for that inside its timing, so their sender CPU leaves out the region's "
			"first touch (median %.0f minor faults a run).", prefaulted, runs, minflt);
	fprintf(f, "\n\n");
}

static void print_2014(FILE *f)
{
	/* Its file was 1.4 GB, not 1.4 GiB: seconds per GiB compare with this machine's at any
	 * size; the seconds themselves only at the study's. */
	double gib = STUDY_FILE_BYTES / GIB_BYTES;
	fprintf(f, "### The 2014 study (its published averages, CPU seconds, 1.4 GB = %.2f GiB)\n\n"
		"| method | sender (parent) | receiver (child) | sum | sum per GiB |\n"
		"|---|---:|---:|---:|---:|\n", gib);
	for (int i = 0; i < STUDY_NROWS; i++) {
		double sum = study_rows[i].sender_cpu_s + study_rows[i].receiver_cpu_s;
		fprintf(f, "| %s | %.3f | %.3f | %.3f | %.3f |\n", study_rows[i].label,
			study_rows[i].sender_cpu_s, study_rows[i].receiver_cpu_s, sum, sum / gib);
	}
}

static void print_row(FILE *f, const char *label, const char *method, const struct group *x)
{
	if (!x) {
		fprintf(f, "| %s (%s) | | 0 | not run | | | | | | |\n", label, method);
		return;
	}
	char chunk[32];
	double sum = x->sender_cpu.median + x->receiver_cpu.median;
	fprintf(f, "| %s (%s) | %s | %zu | %.3f [%.3f, %.3f] | %.3f [%.3f, %.3f] | %.3f | %.3f | "
		"%.3f | %.3f | %.0f |\n", label, method,
		units_format_chunk(x->chunk, chunk, sizeof(chunk)), x->n, x->sender_cpu.median,
		x->sender_cpu.min, x->sender_cpu.max, x->receiver_cpu.median, x->receiver_cpu.min,
		x->receiver_cpu.max, sum, x->bytes ? sum / ((double)x->bytes / GIB_BYTES) : 0,
		x->wall.median, x->gib.median, x->receiver_syscalls.median);
}

static void print_machine_rows(FILE *f, const struct group *g, size_t ng,
			       const struct claim_set *c, const struct job_context *ctx)
{
	const struct group *rw = study_group(g, ng, c, study_rows[0].method);
	char size[32] = "?";
	if (rw)
		units_format_size(rw->bytes, size, sizeof(size));
	fprintf(f, "\n### This machine (series \"%s\", %s file; CPU = user + system seconds, median "
		"[min, max])\n\n", c->study_series ? c->study_series : "-", size);
	if (ctx && ctx->study_rounds)
		fprintf(f, "%zu interleaved rounds, each in a new random order: %s.\n\n",
			ctx->study_rounds, ctx->study_stop);
	fprintf(f, "| method | bytes per call | runs | sender CPU s | receiver CPU s | sum of medians | "
		"sum per GiB | wall s (median) | GiB/s (median) | receiver syscalls (median; region and "
		"ring: sleeps) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	for (int i = 0; i < STUDY_NROWS; i++) {
		const char *m = i == 1 ? c->mmap_method : study_rows[i].method;
		print_row(f, study_rows[i].label, m, study_group(g, ng, c, m));
	}
	const struct group *ring = study_group(g, ng, c, study_ring.method);
	if (ring && strcmp(c->mmap_method, study_ring.method) != 0)
		print_row(f, study_ring.label, study_ring.method, ring);
}

/* How many study rounds each method ran, and why it ran no more: every CPU claim it is a side
 * of decided (at which look), or which are still undecided and why the phase stopped. */
static void print_rounds(FILE *f, const struct run_record *r, size_t n, const struct claim_set *c,
			 const struct job_context *ctx)
{
	const char *methods[] = { study_rows[0].method, c->mmap_method, study_rows[2].method,
				  study_ring.method };
	fprintf(f, "\n| method | rounds | why no more |\n|---|---:|---|\n");
	for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]); m++) {
		if (m == 3 && strcmp(c->mmap_method, study_ring.method) == 0)
			continue;
		size_t rounds = 0;
		for (size_t i = 0; i < n; i++)
			rounds += c->study_series && strcmp(r[i].series, c->study_series) == 0 &&
				  strcmp(r[i].method, methods[m]) == 0;
		if (rounds == 0)
			continue;
		char open[256] = "";
		size_t used = 0, last = 0, still_open = 0;
		for (size_t k = 0; k < c->n; k++) {
			const struct claim *x = &c->v[k];
			if (strcmp(x->phase, PHASE_STUDY) != 0 || strcmp(x->claim, CLAIM_RATIO) != 0 ||
			    strcmp(x->metric, METRIC_NAME_WALL) == 0 ||
			    (strcmp(x->a, methods[m]) != 0 && strcmp(x->b, methods[m]) != 0))
				continue;
			if (x->direction != 0) {
				last = x->look_pairs > last ? x->look_pairs : last;
				continue;
			}
			still_open += x->open;
			if (used < sizeof(open))
				used += (size_t)snprintf(open + used, sizeof(open) - used, "%s%s / %s %s",
							 used ? ", " : "", x->a, x->b, x->metric);
		}
		if (!open[0])
			fprintf(f, "| %s | %zu | every CPU claim it is in was decided (the last at the "
				"look after %zu rounds) |\n", study_display_name(methods[m]), rounds, last);
		else if (!still_open)
			fprintf(f, "| %s | %zu | no clear difference at the last look (%zu rounds): %s |\n",
				study_display_name(methods[m]), rounds, seq_looks[SEQ_NLOOKS - 1], open);
		else
			fprintf(f, "| %s | %zu | undecided: %s; %s |\n", study_display_name(methods[m]),
				rounds, open,
				ctx && ctx->study_stop[0] ? ctx->study_stop : "no more rounds ran");
	}
	fprintf(f, "\nVariance reduction: pairing within rounds (each claim compares the two methods "
		"round by round, so what slowed a whole round cancels). Rounds are added only for "
		"the methods of undecided CPU claims, and only when the next look fits in the job's "
		"time budget.\n");
	/* What pairing cannot cancel: a host that takes memory back during one method's runs
	 * more than the other's (on a VM it follows what a method touches fresh). */
	char took[512] = "";
	size_t used = 0, any = 0;
	for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]) && c->study_series; m++) {
		size_t runs = 0, hit = 0;
		for (size_t i = 0; i < n; i++)
			if (strcmp(r[i].series, c->study_series) == 0 &&
			    strcmp(r[i].method, methods[m]) == 0) {
				runs++;
				hit += groups_run_host_took(&r[i]) != 0;
			}
		if (runs == 0 || used >= sizeof(took))
			continue;
		any += hit;
		used += (size_t)snprintf(took + used, sizeof(took) - used, "%s%zu of %s's %zu",
					 used ? ", " : "", hit, study_display_name(methods[m]), runs);
	}
	if (any)
		fprintf(f, "\nWhat pairing cannot cancel: the host took memory back during %s runs. "
			"On a VM that follows what a method touches fresh (a destination's page cache, "
			"a new region), so it is part of what each method cost here, not noise that "
			"cancels between the two sides of a pair.\n", took);
}

static void print_ratios(FILE *f, const struct claim_set *c)
{
	fprintf(f, "\n### Ratios against read/write (pipe): below 1 is cheaper or faster\n\n"
		"Estimate and interval of a / b from the rounds that ran both (sequential.h: the "
		"ratio of each round's pair, the Hodges-Lehmann estimate (the median of their Walsh "
		"averages) and its exact signed-rank "
		"interval, looked at after %zu, %zu and %zu rounds with the 5%% error spent across "
		"the looks, so the intervals hold together with 95%%); an interval reaching into "
		"[1/%.2f, %.2f] is *no clear difference*.\n\n"
		"| comparison | 2014 study | this machine | verdict | rounds |\n"
		"|---|---:|---:|---|---|\n", seq_looks[0], seq_looks[1], seq_looks[2],
		1 + VERDICT_NOISE, 1 + VERDICT_NOISE);
	static const enum study_metric metrics[] = { METRIC_SENDER_CPU, METRIC_RECEIVER_CPU,
						     METRIC_CPU_SUM, METRIC_WALL };
	static const char *labels[] = { "sender CPU", "receiver CPU", "CPU sum", "wall time" };
	for (int row = 1; row < STUDY_NROWS; row++) {
		const char *m = row == 1 ? c->mmap_method : study_rows[row].method;
		for (int k = 0; k < 4; k++) {
			const struct claim *x = study_find(c, PHASE_STUDY, CLAIM_RATIO,
							   study_metric_name(metrics[k]), m, "pipe");
			if (!x)
				continue;
			char then[32] = "not measured", now[64], look[96];
			double old = study_2014_ratio(m, "pipe", metrics[k]);
			if (old > 0)
				snprintf(then, sizeof(then), "%.2f", old);
			fprintf(f, "| %s vs read/write, %s | %s | %s | %s | %s |\n", m, labels[k],
				then, ci_text(x, now, sizeof(now)), x->verdict,
				look_text(x, look, sizeof(look)));
		}
	}
}

static void print_ordering(FILE *f, const struct claim_set *c)
{
	const struct claim *o = study_find(c, PHASE_STUDY, CLAIM_ORDERING, NULL, NULL, NULL);
	if (!o)
		return;
	fprintf(f, "\n### Does this machine reproduce the study's ordering?\n\n"
		"- 2014, by CPU time (sender + receiver): splice < mmap+memcpy < read/write\n"
		"- a pair is in the study's order when its interval is below the noise band, and "
		"against it when the interval is above the band or its low end is above the ratio "
		"the 2014 code measured (the study's saving is then not here, whatever the rest of "
		"the interval says); reproduced needs every pair in order, contradicted one "
		"against it\n");
	const char *pairs[3][2] = { { "splice", c->mmap_method }, { c->mmap_method, "pipe" },
				    { "splice", "pipe" } };
	for (int p = 0; p < 3; p++) {
		const struct claim *x = study_find(c, PHASE_STUDY, CLAIM_RATIO, METRIC_NAME_CPU_SUM, pairs[p][0],
						   pairs[p][1]);
		char now[64];
		if (x)
			fprintf(f, "- %s / %s, CPU sum: %s: %s\n", pairs[p][0], pairs[p][1],
				ci_text(x, now, sizeof(now)), x->verdict);
	}
	for (int p = 0; p < 3; p++) {
		const struct claim *x = study_find(c, PHASE_STUDY, CLAIM_RATIO, METRIC_NAME_CPU_SUM, pairs[p][0],
						   pairs[p][1]);
		if (!x || strcmp(x->verdict, "no clear difference") != 0)
			continue;
		char now[64], look[96];
		/* Only what the data say: no guess at how many rounds would decide it, which
		 * would take the current estimate for the truth. */
		fprintf(f, "  - %s vs %s: %s, %s", pairs[p][0], pairs[p][1],
			ci_text(x, now, sizeof(now)), look_text(x, look, sizeof(look)));
		double then = study_2014_ratio(pairs[p][0], pairs[p][1], METRIC_CPU_SUM);
		if (study_order_pair(x, then) > 0)
			fprintf(f, "; but the interval rules out what the 2014 code measured (%.2f): "
				"here %s costs at least %.2f of %s's CPU, so this pair is not in the "
				"study's order", then, pairs[p][0], x->r.low, pairs[p][1]);
		fprintf(f, "\n");
	}
	/* Last, so a summary on stdout ends with it. */
	fprintf(f, "- **ordering: %s**", o->verdict);
	if (o->ruled_out_pairs[0])
		fprintf(f, " (the 2014 saving ruled out: %s)", o->ruled_out_pairs);
	else if (strcmp(o->verdict, "undecided") == 0)
		fprintf(f, " (not decided: %s)", o->undecided_pairs);
	fprintf(f, "\n");
}

static void print_sync_cost(FILE *f, const struct claim_set *c)
{
	const struct claim *cpu = study_find(c, PHASE_STUDY, CLAIM_RATIO, METRIC_NAME_CPU_SUM, study_ring.method,
					     c->mmap_method);
	const struct claim *wall = study_find(c, PHASE_STUDY, CLAIM_RATIO, METRIC_NAME_WALL, study_ring.method,
					      c->mmap_method);
	if (!cpu)
		return;
	char a[64], b[64];
	fprintf(f, "\n### What real synchronisation costs (the study's open question)\n\n"
		"The ring (`shm`: 8 slots of 4 KiB, two process-shared semaphores, a wait sleeps at "
		"once) against the study's file-sized region (`%s`), which needs no locking because it "
		"never reuses memory:\n\n- CPU sum: %s: %s\n", c->mmap_method,
		ci_text(cpu, a, sizeof(a)), cpu->verdict);
	if (wall)
		fprintf(f, "- wall time: %s: %s\n", ci_text(wall, b, sizeof(b)), wall->verdict);
}

int report_study_print(FILE *f, const struct job_facts *facts)
{
	const struct run_record *records = facts->records;
	size_t n = facts->n;
	const struct group *g = facts->groups;
	size_t ng = facts->ngroups;
	const struct claim_set *c = &facts->claims;
	const struct job_context *ctx = facts->ctx;
	print_replica(f, c, &facts->region);
	print_2014(f);
	print_machine_rows(f, g, ng, c, ctx);
	print_rounds(f, records, n, c, ctx);
	if (!study_group(g, ng, c, study_rows[0].method)) {
		fprintf(f, "\nNo read/write (pipe) runs in this series: no ratios.\n");
		return 0;
	}
	print_ratios(f, c);
	print_sync_cost(f, c);
	print_ordering(f, c);
	return 0;
}

/* ---- targets --------------------------------------------------------------------------- */

int report_group_unsteady(const struct group *g)
{
	return g->n >= 5 && g->gib.min > 0 && g->gib.max / g->gib.min > REPORT_STEADY_RATIO;
}

static void print_target(FILE *f, const struct claim_set *c, const char *name, const char *what)
{
	const struct claim *x = study_find(c, PHASE_TUNED, name, NULL, NULL, NULL);
	if (!x)
		return;
	char est[64], look[96];
	fprintf(f, "| %s | %s / %s: %s | **%s** | %s |\n", what, x->a, x->b,
		ci_text(x, est, sizeof(est)), x->verdict, look_text(x, look, sizeof(look)));
}

static void print_spread(FILE *f, const struct group *g, size_t n)
{
	int unsteady = 0, judged = 0, disturbed = 0, alone_judged = 0, alone_steady = 0;
	for (size_t i = 0; i < n; i++) {
		if (g[i].n < 5 || !(g[i].gib.min > 0))
			continue;
		judged++;
		int beyond = report_group_unsteady(&g[i]);
		unsteady += beyond;
		disturbed += beyond && (g[i].host_took > 0 || g[i].host_stole > 0);
		if (g[i].left_alone >= REPORT_LEFT_ALONE_MIN) {
			alone_judged++;
			alone_steady += g[i].left_alone_ratio <= REPORT_STEADY_RATIO;
		}
	}
	if (!judged)
		return;
	/* Say which spreads the host caused: a run during which the guest handed free memory back
	 * pays for faulting it in again, a run the host kept CPUs from waits for them, and no
	 * method can do anything about either. */
	fprintf(f, "\nSpread (information, not a target on a shared VM: the verdicts above are what "
		"the job is judged by): %d of %d groups of 5+ runs have max/min beyond %.1f%s", unsteady,
		judged, REPORT_STEADY_RATIO, unsteady ? " (marked *unsteady* below)" : "");
	if (disturbed)
		fprintf(f, "; in %d of them the host took back free memory (at least %.0f MiB, "
			"`reported_mib`) or CPU time (at least %.1f CPU, `steal_s`) during a run",
			disturbed, GROUPS_HOST_TOOK_MIB, GROUPS_HOST_STOLE_CPU);
	if (unsteady && alone_judged)
		fprintf(f, "; over only the runs the host left alone, %d of the %d groups with %d or "
			"more such runs are within %.1f", alone_steady, alone_judged,
			REPORT_LEFT_ALONE_MIN, REPORT_STEADY_RATIO);
	fprintf(f, ".\n");
}

int report_targets_print(FILE *f, const struct job_facts *facts)
{
	const struct group *g = facts->groups;
	size_t ng = facts->ngroups;
	const struct claim_set *c = &facts->claims;
	const struct job_context *ctx = facts->ctx;
	fprintf(f, "\n## The floor and the targets\n\n");
	if (ctx && ctx->tuned_rounds)
		fprintf(f, "The tuned phase ran %zu interleaved rounds: %s.\n\n", ctx->tuned_rounds,
			ctx->tuned_stop);
	/* The floor line speaks of the method the floor target judged, named in advance. */
	const struct claim *floor_claim = study_find(c, PHASE_TUNED, "floor", NULL, NULL, NULL);
	const struct group *top = floor_claim ? groups_find(g, ng, PHASE_TUNED, floor_claim->a) : NULL;
	if (top && top->floor.max > 0)
		fprintf(f, "- destination floor: median %.2f GiB/s (%.2f to %.2f) over the %zu rounds "
			"of tuned %s: one process write()-ing the same bytes from memory into a new file "
			"beside the destination, no IPC at all\n", top->floor.median, top->floor.min,
			top->floor.max, top->n, top->method);
	if (ctx && ctx->limits)
		fprintf(f, "- one core's memcpy: %.2f GiB/s with glibc, %.2f GiB/s with rep movsb (the "
			"kernel's copy); read() of the cached source: %.2f GiB/s\n",
			ctx->limits->memcpy_gib_s, ctx->limits->movsb_gib_s, ctx->limits->read_gib_s);
	/* The rows first, apart: a sweep or a run has no tuned phase and no study, and then no
	 * table, never a header with nothing under it. */
	char *rows = NULL;
	size_t rows_len = 0;
	FILE *t = open_memstream(&rows, &rows_len);
	if (!t)
		return -1;
	char what[160];
	snprintf(what, sizeof(what), "the chunk sweep's fastest method at least %.0f%% of the floor "
		 "its rounds measured", STUDY_FLOOR_TARGET * 100);
	print_target(t, c, "floor", what);
	snprintf(what, sizeof(what), "splice at its best chunk at least %.1fx read/write with 4 KiB "
		 "buffers", STUDY_SPLICE_TARGET);
	print_target(t, c, TARGET_SPLICE_VS_RW4K, what);
	print_target(t, c, TARGET_RING_VS_SPLICE, "the chunk sweep's faster shared-memory ring at least "
		     "as fast as splice");
	const struct group *rw = study_group(g, ng, c, "pipe");
	if (ctx && ctx->hash_s > 0 && rw) {
		double overhead = ctx->generate_s + 2 * ctx->hash_s;	/* dst costs what src does */
		fprintf(t, "| generating the source and hashing source + destination take less than one "
			"read/write transfer (single measurements) | %.2f s + 2 x %.2f s = %.2f s vs "
			"%.2f s | **%s** | |\n", ctx->generate_s, ctx->hash_s, overhead, rw->wall.median,
			overhead < rw->wall.median ? "met" : "missed");
	}
	/* The target is for the study's size: a smaller job meets it trivially, so it is not
	 * judged on one (its time is still said). */
	uint64_t target_bytes = 0;
	units_parse_size(REPRODUCE_SIZE_TEXT, &target_bytes);
	if (ctx && ctx->elapsed_s > 0 && rw && rw->bytes >= target_bytes)
		fprintf(t, "| the whole job under %.0f s (for 1.4 GiB) | %.0f s | **%s** | |\n",
			REPORT_DURATION_TARGET_S, ctx->elapsed_s,
			ctx->elapsed_s < REPORT_DURATION_TARGET_S ? "met" : "missed");
	else if (ctx && ctx->elapsed_s > 0 && rw) {
		char size[32];
		fprintf(t, "| the whole job under %.0f s (for 1.4 GiB) | %.0f s for %s | not judged: "
			"the target is for a 1.4 GiB job | |\n", REPORT_DURATION_TARGET_S,
			ctx->elapsed_s, units_format_size(rw->bytes, size, sizeof(size)));
	}
	int rc = fclose(t) == 0 ? 0 : -1;
	if (rc == 0 && rows_len == 0)
		fprintf(f, "\nNo target was judged: the targets are judged in `reproduce`'s tuned "
			"phase, which this job did not run.\n");
	else if (rc == 0)
		fprintf(f, "\nEach target compares throughput (GiB/s) round by round in the tuned phase "
			"(the sequential design of the ratios above) and is *met* when the interval of "
			"a look is at or above the target, *missed* when it is below, *undecided* "
			"otherwise. The methods the floor and the ring targets judge are named in "
			"advance, from the chunk sweep's medians: picking the fastest from the tuned runs "
			"themselves would favour it.\n\n| target | measured: estimate [interval] | | "
			"rounds |\n|---|---|---|---|\n%s", rows);
	free(rows);
	if (rc < 0)
		return -1;
	print_spread(f, g, ng);
	return 0;
}

int report_study_section(FILE *f, const struct job_facts *facts)
{
	fprintf(f, "\n## Against the 2014 study\n\n");
	return report_study_print(f, facts);
}
