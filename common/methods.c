/*
 * methods.c - the one table that lists every method, and the lists of halves that can be
 * paired (see methods.h).
 */
#include "methods.h"

#include <stdio.h>
#include <string.h>

#include "channel.h"

static const struct method method_table[] = {
	{ "pipe", "read/write through a pipe (the 2014 study's baseline)",
	  &producer_pipe, &consumer_pipe },
	{ "shm", "mmap + memcpy through a shared-memory ring of slots guarded by semaphores",
	  &producer_shm, &consumer_shm },
	{ "splice", "splice source -> pipe -> destination, never through user space",
	  &producer_splice, &consumer_splice },
	{ "mmap-write", "write() from a mapping of the source into a pipe, splice out",
	  &producer_mmap_write, &consumer_splice },
	{ "sendfile", "sendfile() the source into a pipe, splice out",
	  &producer_sendfile, &consumer_splice },
	{ "vmsplice", "vmsplice() the mapped source pages into a pipe, splice out",
	  &producer_vmsplice, &consumer_splice },
	{ "vmsplice-gift", "vmsplice(SPLICE_F_GIFT) the mapped source pages into a pipe, splice out",
	  &producer_vmsplice_gift, &consumer_splice },
	{ "shm-whole", "the 2014 variant: one file-sized shared region, one post",
	  &producer_shm_whole, &consumer_shm_whole },
	{ "unix", "read/write through an AF_UNIX socketpair",
	  &producer_unix, &consumer_unix },
	{ "unix-sendfile", "sendfile() into an AF_UNIX socket, splice socket -> pipe -> file",
	  &producer_unix_sendfile, &consumer_unix_splice },
	{ "tcp", "sendfile() into a loopback TCP socket, splice socket -> pipe -> file",
	  &producer_tcp_sendfile, &consumer_tcp_splice },
	{ "cma", "the consumer copies chunks out of the producer with process_vm_readv()",
	  &producer_cma, &consumer_cma },
	{ "fdpass", "pass the source's descriptor (SCM_RIGHTS), copy_file_range() into dst",
	  &producer_fdpass, &consumer_fdpass },
	{ "shm-rw", "read() into a shared-memory slot, write() out of it: one copy each side",
	  &producer_shm_rw, &consumer_shm_rw },
	{ "uring", "io_uring read/write on registered buffers through a pipe, several in flight",
	  &producer_uring, &consumer_uring },
	{ "uring-splice", "io_uring splice source -> pipe -> destination, chunks linked per "
	  "submission", &producer_uring_splice, &consumer_uring_splice },
	{ "uring-zc", "io_uring zero-copy send() into a loopback TCP socket, splice socket -> pipe "
	  "-> file", &producer_uring_zc, &consumer_tcp_splice },
};
#define NMETHODS (sizeof(method_table) / sizeof(method_table[0]))

static const struct half_ops *const producers[] = {
	&producer_pipe, &producer_shm, &producer_splice, &producer_mmap_write, &producer_sendfile,
	&producer_vmsplice, &producer_vmsplice_gift, &producer_shm_whole, &producer_unix, &producer_unix_sendfile,
	&producer_tcp_sendfile, &producer_tcp_rw, &producer_cma, &producer_fdpass, &producer_shm_rw,
	&producer_uring, &producer_uring_splice, &producer_uring_zc,
};
static const struct half_ops *const consumers[] = {
	&consumer_pipe, &consumer_shm, &consumer_splice, &consumer_shm_whole, &consumer_unix,
	&consumer_unix_splice, &consumer_tcp_splice, &consumer_tcp_rw, &consumer_cma,
	&consumer_fdpass, &consumer_shm_rw, &consumer_uring, &consumer_uring_splice,
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
	return i < sizeof(producers) / sizeof(producers[0]) ? producers[i] : NULL;
}

const struct half_ops *methods_consumer_at(size_t i)
{
	return i < sizeof(consumers) / sizeof(consumers[0]) ? consumers[i] : NULL;
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
