/*
 * methods.c - the one table that lists every method, and the lists of halves that can be
 * paired (see methods.h).
 */
#include "catalog/methods.h"

#include <stdio.h>
#include <string.h>

#include "channel/channel.h"

static const struct method method_table[] = {
#define BX_METHOD_ROW(name, summary, producer, consumer) \
	{ name, summary, &producer_##producer, &consumer_##consumer },
	BX_METHODS(BX_METHOD_ROW)
#undef BX_METHOD_ROW
};
#define NMETHODS (sizeof(method_table) / sizeof(method_table[0]))

/* The halves that can be paired, and where each is defined. */
static const struct registered_half {
	const struct half_ops *half;
	const char *file;
} producers[] = {
#define BX_PRODUCER_ROW(half, file) { &producer_##half, "producer/" #file ".c" },
	BX_PRODUCERS(BX_PRODUCER_ROW)
#undef BX_PRODUCER_ROW
}, consumers[] = {
#define BX_CONSUMER_ROW(half, file) { &consumer_##half, "consumer/" #file ".c" },
	BX_CONSUMERS(BX_CONSUMER_ROW)
#undef BX_CONSUMER_ROW
};

size_t methods_count(void)
{
	return NMETHODS;
}

const struct method *methods_at(size_t i)
{
	return i < NMETHODS ? &method_table[i] : NULL;
}

const struct method *methods_find(const char *name)
{
	for (size_t i = 0; i < NMETHODS; i++)
		if (strcmp(method_table[i].name, name) == 0)
			return &method_table[i];
	return NULL;
}

const struct half_ops *methods_find_half(const char *name, int producer)
{
	for (size_t i = 0;; i++) {
		const struct half_ops *h = producer ? methods_producer_at(i) : methods_consumer_at(i);
		if (!h || strcmp(h->name, name) == 0)
			return h;
	}
}

const char *methods_taking_rest(void)
{
	static char names[512];
	if (names[0] == '\0') {
		size_t len = 0;
		for (size_t i = 0; i < NMETHODS && len < sizeof(names); i++)
			if (method_table[i].producer->takes_rest && method_table[i].consumer->takes_rest)
				len += (size_t)snprintf(names + len, sizeof(names) - len, "%s%s",
							len ? ", " : "", method_table[i].name);
	}
	return names;
}

const struct half_ops *methods_producer_at(size_t i)
{
	return i < sizeof(producers) / sizeof(producers[0]) ? producers[i].half : NULL;
}

const struct half_ops *methods_consumer_at(size_t i)
{
	return i < sizeof(consumers) / sizeof(consumers[0]) ? consumers[i].half : NULL;
}

const char *methods_half_file(const struct half_ops *h)
{
	for (size_t i = 0; i < sizeof(producers) / sizeof(producers[0]); i++)
		if (producers[i].half == h)
			return producers[i].file;
	for (size_t i = 0; i < sizeof(consumers) / sizeof(consumers[0]); i++)
		if (consumers[i].half == h)
			return consumers[i].file;
	return NULL;
}

static const struct half_ops *find_half(const struct half_ops *(*at)(size_t), const char *name)
{
	const struct half_ops *h;
	for (size_t i = 0; (h = at(i)); i++)
		if (strcmp(h->name, name) == 0)
			return h;
	return NULL;
}

int methods_pair(const char *producer, const char *consumer, struct method *out, char *name,
		 struct bx_error *err)
{
	const struct half_ops *p = find_half(methods_producer_at, producer);
	const struct half_ops *c = find_half(methods_consumer_at, consumer);
	if (!p)
		return bx_fail(err, BX_EXIT_USAGE,
			       "--producer: unknown sending half '%s' (see 'bulkxfer list --halves')",
			       producer);
	if (!c)
		return bx_fail(err, BX_EXIT_USAGE,
			       "--consumer: unknown receiving half '%s' (see 'bulkxfer list --halves')",
			       consumer);
	if (p->channel != c->channel)
		return bx_fail(err, BX_EXIT_USAGE,
			       "cannot pair sending half '%s' (%s) with receiving half '%s' (%s): "
			       "they speak different channels", producer, channel_name(p->channel),
			       consumer, channel_name(c->channel));
	snprintf(name, METHOD_NAME_MAX, "%s+%s", producer, consumer);
	out->name = name;
	out->summary = "a pairing chosen with --producer and --consumer";
	out->producer = p;
	out->consumer = c;
	return 0;
}

unsigned methods_cpu_copies(const struct method *m)
{
	return m->producer->cpu_copies + m->consumer->cpu_copies;
}

unsigned methods_switches(const struct method *m)
{
	return 2 * (m->producer->syscalls_per_chunk + m->consumer->syscalls_per_chunk);
}

const struct method *methods_resolve(const char *row_name, struct method *scratch, char *name)
{
	const struct method *m = methods_find(row_name);
	if (m)
		return m;
	char producer[METHOD_NAME_MAX];
	const char *plus = strchr(row_name, '+');
	if (!plus || (size_t)(plus - row_name) >= sizeof(producer))
		return NULL;
	snprintf(producer, sizeof(producer), "%.*s", (int)(plus - row_name), row_name);
	return methods_pair(producer, plus + 1, scratch, name, NULL) == 0 ? scratch : NULL;
}

/* What each channel needs of the machine. */
static const char *channel_needs(enum channel_kind kind)
{
	switch (kind) {
	case CHANNEL_PIPE: return "a pipe";
	case CHANNEL_SHM: return "shared memory (a memfd, else /dev/shm) mapped by both";
	case CHANNEL_SHM_WHOLE: return "shared memory as large as the file (a memfd, else /dev/shm)";
	case CHANNEL_UNIX: return "an AF_UNIX socketpair";
	case CHANNEL_TCP: return "a TCP socket on 127.0.0.1";
	case CHANNEL_CMA: return "process_vm_readv() of the sender (ptrace access: same user, Yama "
				 "allowing it)";
	case CHANNEL_FDPASS: return "an AF_UNIX socket to pass the descriptor; the receiver copies "
				    "with copy_file_range() (one file system for the fast path)";
	case CHANNEL_KINDS: break;
	}
	return "its channel";
}

/* The first "kernel >= X" a half's description names, into v; 1 when there is one. */
static int kernel_named(const struct half_ops *h, char *v, size_t len)
{
	const char *at = h && h->does ? strstr(h->does, "kernel >= ") : NULL;
	if (!at)
		return 0;
	at += strlen("kernel >= ");
	size_t n = strspn(at, "0123456789.");
	snprintf(v, len, "%.*s", (int)n, at);
	return n > 0;
}

const char *methods_needs(const struct method *m, char *buf, size_t len)
{
	char kernel[16];
	size_t used = (size_t)snprintf(buf, len, "%s", channel_needs(m->producer->channel));
	if (used < len && (m->producer->uses_uring || m->consumer->uses_uring))
		used += (size_t)snprintf(buf + used, len - used, "; io_uring permitted (not "
					 "disabled by sysctl or a seccomp filter)");
	if (used < len && (kernel_named(m->producer, kernel, sizeof(kernel)) ||
			   kernel_named(m->consumer, kernel, sizeof(kernel))))
		used += (size_t)snprintf(buf + used, len - used, "; kernel %s or later for its "
					 "fast path", kernel);
	if (used < len && !m->producer->from_memory)
		snprintf(buf + used, len - used, "; the source as a file (its sender %s)",
			 m->producer->needs_file ? m->producer->needs_file : "reads the file");
	return buf;
}
