/*
 * explain.c - theory beside measurement (see explain.h).
 */
#include "analysis/judge/study.h"
#include "analysis/terminal/explain.h"

#include <errno.h>
#include <string.h>

#include "analysis/profile/categories.h"
#include "analysis/profile/profile_out.h"
#include "analysis/words/sentences.h"
#include "base/output_file.h"
#include "base/units.h"
#include "channel/channel.h"
#include "record/names.h"

const char *explain_chain(const struct method *m, char *buf, size_t len)
{
	const char *p = m->producer->path, *c = m->consumer->path;
	const char *last = strrchr(p, '>');	/* producer's last hop "...-> node" */
	const char *first_hop = strstr(c, " -(");	/* consumer's first node ends here */
	if (last && first_hop && strncmp(last + 2, c, (size_t)(first_hop - c)) == 0 &&
	    strlen(last + 2) == (size_t)(first_hop - c))
		snprintf(buf, len, "%s%s", p, first_hop);	/* the shared node once */
	else
		snprintf(buf, len, "%s, then %s", p, c);
	return buf;
}

static const char *plural(unsigned n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void explain_theory(FILE *out, const struct method *m)
{
	char chain[1024];
	const struct half_ops *s = m->producer, *r = m->consumer;
	fprintf(out, "%s    %s\n", m->name, m->summary);
	fprintf(out, "  channel   %s\n", channel_name(s->channel));
	fprintf(out, "  path      %s\n", explain_chain(m, chain, sizeof(chain)));
	fprintf(out, "  theory    per chunk: sender %u CPU %s, %u %s (%u switches); receiver %u CPU %s, "
		"%u %s (%u switches); %u CPU %s in all\n",
		s->cpu_copies, plural(s->cpu_copies, "copy", "copies"), s->syscalls_per_chunk,
		plural(s->syscalls_per_chunk, "syscall", "syscalls"), 2 * s->syscalls_per_chunk,
		r->cpu_copies, plural(r->cpu_copies, "copy", "copies"), r->syscalls_per_chunk,
		plural(r->syscalls_per_chunk, "syscall", "syscalls"), 2 * r->syscalls_per_chunk,
		methods_cpu_copies(m), plural(methods_cpu_copies(m), "copy", "copies"));
}

static void measured_side(FILE *out, const char *side, const struct half_ops *h,
			  const struct group *g, int sender)
{
	const struct stats_summary *user = sender ? &g->sender_user_per_gib : &g->receiver_user_per_gib;
	const struct stats_summary *sys = sender ? &g->sender_sys_per_gib : &g->receiver_sys_per_gib;
	const struct stats_summary *calls = sender ? &g->sender_syscalls_per_gib : &g->receiver_syscalls_per_gib;
	const struct stats_summary *bpc = sender ? &g->sender_bytes_per_syscall : &g->receiver_bytes_per_syscall;
	const struct stats_summary *csw = sender ? &g->sender_csw_per_gib : &g->receiver_csw_per_gib;
	const struct stats_summary *flt = sender ? &g->sender_faults_per_gib : &g->receiver_faults_per_gib;
	double theory_calls = g->chunk ? h->syscalls_per_chunk * (GIB_BYTES / (double)g->chunk) : 0;
	fprintf(out, "            %-9s %10.3f %10.3f %13.0f %9.0f %14.0f %12.0f %11.0f\n", side,
		user->median, sys->median, calls->median, theory_calls, bpc->median, csw->median,
		flt->median);
}

void explain_measured(FILE *out, const struct method *m, const struct group *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(g[i].method, m->name) != 0)
			continue;
		char size[32], chunk[32];
		fprintf(out, "  measured  series %s, %s file, %s chunks, %zu runs (medians, per GiB moved)\n",
			g[i].series, units_format_size(g[i].bytes, size, sizeof(size)),
			units_format_chunk(g[i].chunk, chunk, sizeof(chunk)), g[i].n);
		fprintf(out, "            %-9s %10s %10s %13s %9s %14s %12s %11s\n", "side", "user s",
			"system s", "syscalls", "(theory)", "bytes/syscall", "switches", "faults");
		measured_side(out, "sender", m->producer, &g[i], 1);
		measured_side(out, "receiver", m->consumer, &g[i], 0);
	}
}

void explain_profile(FILE *out, const struct method *m, const struct profile_row *rows, size_t n)
{
	int any = 0;
	for (size_t i = 0; i < n; i++) {
		const struct profile_row *r = &rows[i];
		if (strcmp(r->method, m->name) != 0 || r->total == 0)
			continue;
		if (!any)
			fprintf(out, "  measured (sampled profile), where each side's CPU time went:\n");
		any = 1;
		char chunk[32];
		double sum = 0;
		for (int c = 0; c < CAT_COUNT; c++)
			sum += r->cpu_s[c];
		fprintf(out, "    %s, chunk %s, %s: %.3f s a run, %llu samples:", r->series,
			units_format_chunk(r->chunk, chunk, sizeof(chunk)),
			r->producer ? "sender" : "receiver", sum, (unsigned long long)r->total);
		int done[CAT_COUNT] = { 0 };
		for (int k = 0; k < CAT_COUNT; k++) {	/* largest first, down to 2% */
			int best = -1;
			for (int c = 0; c < CAT_COUNT; c++)
				if (!done[c] && (best < 0 || r->samples[c] > r->samples[best]))
					best = c;
			done[best] = 1;
			double share = (double)r->samples[best] / (double)r->total;
			if (share < 0.02)
				break;
			fprintf(out, "%s %s %.0f%% (%.3f s)", k ? "," : "", category_label(best),
				100 * share, r->cpu_s[best]);
		}
		fputc('\n', out);
	}
	if (!any)
		fprintf(out, "  measured (sampled profile): %s was not profiled in this profile.csv\n",
			m->name);
}
