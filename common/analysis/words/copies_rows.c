/*
 * copies_rows.c - the teacher's table's rows and words (see copies_rows.h), which report.md and
 * report.html both show.
 */
#include "analysis/words/copies_rows.h"

#include <stdio.h>
#include <string.h>

#include "analysis/judge/study.h"
#include "analysis/profile/profile_out.h"
#include "base/syscall_count.h"
#include "base/units.h"
#include "catalog/methods.h"
#include "record/names.h"


/* What the zero-copy lessons teach, per chunk of a file sent to a socket, both sides at once:
 * copies (those a DMA engine makes among them) and the "context switches" they count, which are
 * mode switches. */
const struct method *explain_group_method(const struct group *g, size_t n, size_t i,
					  struct method *scratch, char *name)
{
	if (!groups_first_plain_of_method(g, n, i))
		return NULL;
	return methods_resolve(g[i].method, scratch, name);
}

static const struct { const char *method, *lesson; } lessons[] = {
	{ "pipe", "4 copies (2 by DMA), 4 switches" },
	{ "shm-whole", "mmap+write's: 3 copies (2 by DMA), 4 switches" },
	{ "shm", "mmap+write's: 3 copies (2 by DMA), 4 switches" },
	{ "sendfile", "3 copies (2 by DMA), 2 switches" },
	{ "splice", "2 copies (both by DMA), 2 switches" },
};

const char *report_copies_lesson(const char *method)
{
	for (size_t i = 0; i < sizeof(lessons) / sizeof(lessons[0]); i++)
		if (strcmp(lessons[i].method, method) == 0)
			return lessons[i].lesson;
	return NULL;
}

double report_copies_measured(const struct group *g, int producer, const struct profile_set *set,
			      const struct unit_costs *u)
{
	if (!set || !u || u->memcpy_gib_s <= 0 || u->kernel_copy_gib_s <= 0)
		return -1;
	char series[48];
	snprintf(series, sizeof(series), "%s%s", g->series, PROFILE_SERIES_SUFFIX);
	const struct side_profile *p = profile_set_find(set, series, g->method, g->chunk, producer);
	if (!p || p->runs == 0 || p->bytes == 0)
		return -1;
	struct profile_row row;
	profile_row_of(p, &row);
	double gib_copied = row.cpu_s[CAT_COPY_USER] * u->memcpy_gib_s +
			    (row.cpu_s[CAT_COPY_KERNEL] + row.cpu_s[CAT_COPY_IN_KERNEL]) *
				    u->kernel_copy_gib_s;
	double gib_moved = (double)p->bytes / (double)p->runs / GIB_BYTES;
	return gib_copied / gib_moved;
}

/* One side's row. */
static void side_row(const struct group *g, const struct half_ops *h, int producer,
		     const struct profile_set *set, const struct unit_costs *u, struct copies_row *r)
{
	double chunks = GIB_BYTES / (double)groups_bytes_per_call(g->chunk, g->pipe_size);
	const struct stats_summary *calls = producer ? &g->sender_syscalls_per_gib :
						       &g->receiver_syscalls_per_gib;
	const struct stats_summary *kcalls = producer ? &g->sender_kernel_syscalls_per_gib :
							&g->receiver_kernel_syscalls_per_gib;
	const struct stats_summary *csw = producer ? &g->sender_csw_per_gib : &g->receiver_csw_per_gib;
	const struct stats_summary *flt = producer ? &g->sender_faults_per_gib :
						     &g->receiver_faults_per_gib;
	memset(r, 0, sizeof(*r));
	r->method = study_display_name(g->method);
	r->producer = producer;
	r->lesson = report_copies_lesson(g->method);
	r->call_bytes = groups_bytes_per_call(g->chunk, g->pipe_size);
	r->theory_copies = h->cpu_copies;
	r->theory_calls = h->syscalls_per_chunk;
	r->copies = report_copies_measured(g, producer, set, u);
	r->calls_harness = calls->median / chunks;
	r->calls_kernel = kcalls->median >= 0 ? kcalls->median / chunks : -1;
	/* reads and writes only: fewer than the half made means calls it cannot see (splice,
	 * futex, io_uring_enter), not calls not made */
	if (strcmp(g->kernel_syscalls_by, "io") == 0 && kcalls->median < calls->median) {
		r->kernel_rw_only = kcalls->median > 0;
		if (!r->kernel_rw_only)
			r->calls_kernel = -1;
	}
	r->modes_by_kernel = strcmp(g->kernel_syscalls_by, "tracepoint") == 0 && kcalls->median >= 0;
	r->faults = flt->median / chunks;
	/* a fault enters the kernel and leaves it as a call does */
	r->mode_switches = 2 * (r->modes_by_kernel ? r->calls_kernel : r->calls_harness) +
			   2 * r->faults;
	r->context_switches = csw->median / chunks;
	r->cpu_s_per_gib = groups_side_cpu_per_gib(g, producer);	/* cpu.png's bar */
}

size_t report_copies_rows(const struct group *g, size_t n, const struct profile_set *profiles,
			  const struct unit_costs *units, struct copies_row *rows, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 2 <= max; i++) {
		struct method scratch;
		char name[METHOD_NAME_MAX];
		const struct method *m = explain_group_method(g, n, i, &scratch, name);
		if (!m)
			continue;
		side_row(&g[i], m->producer, 1, profiles, units, &rows[k++]);
		side_row(&g[i], m->consumer, 0, profiles, units, &rows[k++]);
	}
	return k;
}

const char *const report_copies_intro[3] = {
	"**The lesson.** Zero-copy lessons count per chunk of a file sent from a disk to a socket, "
	"both sides at once: read+write makes 4 copies (2 of them by the disk's and the network "
	"card's DMA, 2 by the CPU) and 4 \"context switches\"; mmap+write 3 copies and 4; sendfile 3 "
	"and 2; splice 2 (both by DMA) and 2. Their \"context switches\" are *mode switches*: a "
	"crossing into the kernel and back, two per system call.",
	"**This job's setting.** The source is in the page cache (warmed before every run) and the "
	"destination is a file in the page cache (or a reader that discards): no device moves a "
	"byte, so no copy here is a DMA's, and every copy the theory counts is the CPU's. Each side "
	"is its own process, so read/write's 2 calls a chunk are made on both sides: 8 mode "
	"switches a chunk in all, where the lesson's one process makes 4. A *context switch* "
	"proper is the scheduler giving the CPU to another task (the peer, when a side waits). "
	"And splice's receiver copies the pipe's pages into the page cache: one CPU copy where "
	"the lesson's splice (into a socket, by DMA) makes none.",
	"**Counted and measured.** Per chunk (one call's bytes, given in its own column), medians "
	"of the method's first group. *Counted*: system calls by the half's loop (harness) and by the kernel, context "
	"switches and page faults by the kernel (getrusage), mode switches two a call and two a "
	"fault (a fault enters the kernel and leaves it as a call does); *n/c*: not countable "
	"here (where the kernel's count is of reads and writes only, a method's other calls are "
	"not in it). *Measured*: the copy time, given as copies at this machine's warm copy rate (the "
	"profile's copy CPU, first touch apart, over the bytes moved; profiled settings only: "
	"never more than the theory, since what lies beyond it is first touch, and fewer where a "
	"copy runs in the cache, faster than the warm rate), and the CPU seconds per GiB, user "
	"and system.",
};

const char *const report_copies_after =
	"Where the kernel counts more calls than the harness, the rest are calls the harness makes "
	"around the loop (a side's fault guard sets and restores two signal handlers: 5 calls a "
	"run) or calls a half makes without counting them (a ring's futex waits and wake-ups); "
	"where the kernel counts only reads and writes (/proc/self/io, when tracefs is not "
	"mounted), splice, futex and io_uring_enter calls are not among them.";
