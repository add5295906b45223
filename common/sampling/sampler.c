/*
 * sampler.c - perf_event_open sampling of the calling thread (see sampler.h).
 *
 * One software cpu-clock event per CPU, disabled at open, on this thread and inherited by the
 * threads it starts (io-wq workers; else one event on the thread alone, pid 0, any CPU),
 * kernel and user call chains.  Samples are left in the event's ring buffer while the transfer
 * runs, so taking a sample costs only the kernel's own work; the ring is sized for a long run
 * (SAMPLER_RING_PAGES) and shrinks where the locked-memory limit refuses that.  A sample the
 * ring had no room for is counted (PERF_RECORD_LOST), never silently missing.
 */
#include "sampling/sampler.h"
#include "base/injected_errno.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sampling/symbols.h"

#define SAMPLER_RING_PAGES 4096u	/* 16 MiB: about 40000 samples of 50 frames */
#define SAMPLER_MIN_PAGES 16u
#define SAMPLER_MAX_STACK 96		/* frames per chain, kernel and user together */
#define FOLDED_MAX 8192			/* bytes of one folded stack */


/* One disabled cpu-clock event on this thread: on cpu with inherit (cpu >= 0), or on every
 * CPU without (cpu -1). */
static int open_event(uint64_t period_ns, int cpu)
{
	int injected = injected_errno(SAMPLER_FAIL_ENV);
	if (injected) {
		errno = injected;
		return -1;
	}
	struct perf_event_attr attr;
	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_SOFTWARE;
	attr.config = PERF_COUNT_SW_CPU_CLOCK;
	attr.sample_period = period_ns;
	attr.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_PERIOD | PERF_SAMPLE_CALLCHAIN;
	attr.disabled = 1;
	attr.exclude_hv = 1;
	attr.inherit = cpu >= 0;
	attr.sample_max_stack = SAMPLER_MAX_STACK;
	return (int)syscall(SYS_perf_event_open, &attr, 0, cpu, -1, PERF_FLAG_FD_CLOEXEC);
}

static long read_setting(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = -1000;
	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1000;
		fclose(f);
	}
	return v;
}

int sampler_probe(char *why, size_t len)
{
	int fd = open_event(PROFILE_PERIOD_NS, -1);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	int e = errno;
	long paranoid = read_setting("/proc/sys/kernel/perf_event_paranoid");
	if (e == EACCES || e == EPERM) {
		if (paranoid != -1000 && paranoid > 1 && geteuid() != 0)
			snprintf(why, len, "perf_event_open refused sampling with kernel call chains "
				 "(kernel.perf_event_paranoid is %ld; 1 or less allows it, or run as "
				 "root)", paranoid);
		else
			snprintf(why, len, "perf_event_open refused: %s (kernel.perf_event_paranoid "
				 "is %ld; a seccomp filter or a container may forbid it)", strerror(e),
				 paranoid);
	} else if (e == ENOSYS || e == ENOENT || e == ENODEV || e == EOPNOTSUPP) {
		snprintf(why, len, "this kernel has no perf events for sampling (perf_event_open: "
			 "%s)", strerror(e));
	} else {
		snprintf(why, len, "perf_event_open failed: %s", strerror(e));
	}
	return -e;
}

/* Map ev's ring, as large as max_pages allows and the locked-memory limit lets it be. */
static int map_ring(struct sampler_event *ev, size_t max_pages)
{
	long page = sysconf(_SC_PAGESIZE);
	for (size_t pages = max_pages; pages >= SAMPLER_MIN_PAGES; pages /= 2) {
		size_t len = (pages + 1) * (size_t)page;
		void *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, ev->fd, 0);
		if (m != MAP_FAILED) {
			ev->ring = m;
			ev->ring_len = len;
			ev->data_size = pages * (size_t)page;
			return 0;
		}
	}
	return -errno;
}

int sampler_open(struct sampler *s, uint64_t period_ns)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->period_ns = period_ns ? period_ns : PROFILE_PERIOD_NS;
	long cpus = sysconf(_SC_NPROCESSORS_CONF);
	if (cpus < 1 || cpus > SAMPLER_MAX_EVENTS)
		cpus = 0;
	/* The rings share the one-ring budget, each a power of two of pages. */
	size_t per = SAMPLER_RING_PAGES;
	while (cpus > 1 && per > SAMPLER_MIN_PAGES && per * (size_t)cpus > SAMPLER_RING_PAGES)
		per /= 2;
	int rc = 0;
	for (long c = 0; c < cpus && rc == 0; c++) {
		struct sampler_event *ev = &s->ev[s->nev];
		ev->fd = open_event(s->period_ns, (int)c);
		if (ev->fd < 0) {
			if (errno == ENODEV)	/* an offline CPU: nothing will run there */
				continue;
			rc = -errno;
			break;
		}
		s->nev++;
		rc = map_ring(ev, per);
	}
	if (rc < 0 || s->nev == 0) {	/* per-CPU events refused: the thread alone */
		sampler_close(s);
		memset(s, 0, sizeof(*s));
		s->period_ns = period_ns ? period_ns : PROFILE_PERIOD_NS;
		s->ev[0].fd = open_event(s->period_ns, -1);
		if (s->ev[0].fd < 0) {
			s->fd = -1;
			return -errno;
		}
		s->nev = 1;
		if ((rc = map_ring(&s->ev[0], SAMPLER_RING_PAGES)) < 0) {
			sampler_close(s);
			return rc;
		}
	}
	s->fd = s->ev[0].fd;
	s->ring = s->ev[0].ring;
	return 0;
}

void sampler_enable(struct sampler *s)
{
	for (int i = 0; s->fd >= 0 && i < s->nev; i++)
		ioctl(s->ev[i].fd, PERF_EVENT_IOC_ENABLE, 0);
}

void sampler_disable(struct sampler *s)
{
	for (int i = 0; s->fd >= 0 && i < s->nev; i++)
		ioctl(s->ev[i].fd, PERF_EVENT_IOC_DISABLE, 0);
}

/* Copy n bytes at ring offset pos (which may wrap) into dst. */
static void ring_copy(const struct sampler_event *s, uint64_t pos, void *dst, size_t n)
{
	const unsigned char *data = (const unsigned char *)s->ring + sysconf(_SC_PAGESIZE);
	size_t at = (size_t)(pos % s->data_size);
	size_t first = n < s->data_size - at ? n : s->data_size - at;
	memcpy(dst, data + at, first);
	memcpy((unsigned char *)dst + first, data, n - first);
}

/* One sample's frames, innermost first. */
struct chain_names {
	const char *name[SAMPLER_MAX_STACK + 8];
	int kernel[SAMPLER_MAX_STACK + 8];
	size_t n;
};

/* Fold one sample's chain (innermost first, with PERF_CONTEXT_* markers) into text. */
static void fold_chain(struct symbolizer *sym, const uint64_t *ips, uint64_t nr, char *out,
		       size_t len)
{
	struct chain_names c = { .n = 0 };
	int in_user = 0, user_done = 0;
	for (uint64_t i = 0; i < nr && c.n < SAMPLER_MAX_STACK; i++) {
		uint64_t ip = ips[i];
		if (ip >= (uint64_t)PERF_CONTEXT_MAX) {
			in_user = ip == (uint64_t)PERF_CONTEXT_USER;
			continue;
		}
		if (!in_user) {
			c.name[c.n] = symbolizer_kernel(sym, ip);
			c.kernel[c.n++] = 1;
			continue;
		}
		if (user_done)
			continue;
		const char *name = symbolizer_user(sym, ip);
		if (!name) {	/* the frame-pointer walk left the code: the rest is noise */
			user_done = 1;
			continue;
		}
		c.name[c.n] = name;
		c.kernel[c.n++] = 0;
	}
	size_t at = 0;
	out[0] = '\0';
	if (c.n == 0) {
		snprintf(out, len, "[unknown]");
		return;
	}
	for (size_t k = c.n; k-- > 0;) {
		int w = snprintf(out + at, len - at, "%s%s%s", at ? ";" : "", c.name[k],
				 c.kernel[k] ? "_[k]" : "");
		if (w < 0 || (size_t)w >= len - at) {
			out[at] = '\0';
			break;
		}
		at += (size_t)w;
	}
}

/* Fold every record of ev's ring into out and res. */
static int collect_event(struct sampler_event *ev, struct symbolizer *sym, uint64_t *rec,
			 char *folded, struct stack_counts *out, struct sampler_result *res,
			 uint64_t *period_ns)
{
	uint64_t count = 0;
	if (read(ev->fd, &count, sizeof(count)) == (ssize_t)sizeof(count))
		res->counted_s += (double)count / 1e9;
	struct perf_event_mmap_page *meta = ev->ring;
	uint64_t head = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
	uint64_t tail = meta->data_tail;
	int rc = 0;
	while (rc == 0 && tail + sizeof(struct perf_event_header) <= head) {
		struct perf_event_header h;
		ring_copy(ev, tail, &h, sizeof(h));
		if (h.size < sizeof(h) || tail + h.size > head)
			break;
		ring_copy(ev, tail, rec, h.size);
		const uint64_t *body = (const uint64_t *)((const char *)rec + sizeof(h));
		size_t words = (h.size - sizeof(h)) / 8;
		if (h.type == PERF_RECORD_SAMPLE && words >= 3) {
			/* ip, period, nr, ips[nr] (the order of sample_type's bits) */
			uint64_t nr = body[2];
			if (nr > words - 3)
				nr = words - 3;
			fold_chain(sym, body + 3, nr, folded, FOLDED_MAX);
			rc = stack_counts_add(out, folded, 1);
			res->samples++;
			*period_ns += body[1];
		} else if (h.type == PERF_RECORD_LOST && words >= 2) {
			res->lost += body[1];
		}
		tail += h.size;
	}
	__atomic_store_n(&meta->data_tail, tail, __ATOMIC_RELEASE);
	return rc;
}

int sampler_collect(struct sampler *s, struct stack_counts *out, struct sampler_result *res)
{
	memset(res, 0, sizeof(*res));
	if (s->fd < 0 || !s->ring)
		return 0;
	struct symbolizer sym;
	int rc = symbolizer_open(&sym);
	if (rc < 0)
		return rc;
	uint64_t *rec = malloc(65536);
	char *folded = malloc(FOLDED_MAX);
	uint64_t period_ns = 0;
	if (!rec || !folded)
		rc = -ENOMEM;
	for (int i = 0; rc == 0 && i < s->nev; i++)
		rc = collect_event(&s->ev[i], &sym, rec, folded, out, res, &period_ns);
	res->sampled_s = (double)period_ns / 1e9;
	free(rec);
	free(folded);
	symbolizer_close(&sym);
	return rc;
}

void sampler_close(struct sampler *s)
{
	if (s->nev <= 0 || s->nev > SAMPLER_MAX_EVENTS) {	/* never opened */
		s->fd = -1;
		s->ring = NULL;
		return;
	}
	for (int i = 0; i < s->nev && i < SAMPLER_MAX_EVENTS; i++) {
		if (s->ev[i].ring)
			munmap(s->ev[i].ring, s->ev[i].ring_len);
		if (s->ev[i].fd >= 0)
			close(s->ev[i].fd);
		s->ev[i].ring = NULL;
		s->ev[i].fd = -1;
	}
	s->nev = 0;
	s->ring = NULL;
	s->fd = -1;
}
