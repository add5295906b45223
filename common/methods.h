/*
 * methods.h - the table of methods.  A method is a channel plus a sending half (producer/) and a
 * receiving half (consumer/).  Adding a method means a half in producer/, one in consumer/ (or
 * reusing one) and one line in methods.c; nothing else needs to know it exists.  Any sending
 * half can also be paired with any receiving half that speaks the same channel.
 */
#ifndef BX_METHODS_H
#define BX_METHODS_H

#include <stddef.h>

#include "errors.h"
#include "half.h"

#define METHOD_NAME_MAX 32

struct method {
	const char *name;		/* what --method takes */
	const char *summary;		/* one line for `bulkxfer list` */
	const struct half_ops *producer;	/* runs in the parent */
	const struct half_ops *consumer;	/* runs in the forked child */
};

/* The halves, defined at the bottom of their producer/ and consumer/ files. */
extern const struct half_ops producer_pipe, consumer_pipe;
extern const struct half_ops producer_shm, consumer_shm, producer_shm_rw, consumer_shm_rw;
extern const struct half_ops producer_splice, consumer_splice;
extern const struct half_ops producer_mmap_write, producer_sendfile, producer_vmsplice,
	producer_vmsplice_gift;
extern const struct half_ops producer_uring, consumer_uring, producer_uring_splice,
	consumer_uring_splice, producer_uring_zc;
extern const struct half_ops producer_shm_whole, consumer_shm_whole;
extern const struct half_ops producer_unix, consumer_unix, producer_unix_sendfile;
extern const struct half_ops consumer_unix_splice;
extern const struct half_ops producer_tcp_sendfile, producer_tcp_rw, consumer_tcp_splice;
extern const struct half_ops consumer_tcp_rw;
extern const struct half_ops producer_cma, consumer_cma;
extern const struct half_ops producer_fdpass, consumer_fdpass;

/* Number of methods and the i-th one (0 <= i < methods_count()), in table order. */
size_t methods_count(void);
const struct method *methods_at(size_t i);

/* The method called name, or NULL. */
const struct method *methods_find(const char *name);

/* The table methods whose two halves take --chunk rest, comma-separated ("splice, ..."). */
const char *methods_taking_rest(void);

/* Every sending (producer) or receiving (consumer) half, for pairing; NULL past the end. */
const struct half_ops *methods_producer_at(size_t i);
const struct half_ops *methods_consumer_at(size_t i);

/* Build in *out the method pairing the sending half `producer` with the receiving half
 * `consumer` (named "producer+consumer" in name, which must hold METHOD_NAME_MAX bytes).
 * Returns 0, or BX_EXIT_USAGE with *err filled: an unknown half, or halves whose channels differ. */
int methods_pair(const char *producer, const char *consumer, struct method *out, char *name,
		 struct bx_error *err);

/* The method a results row names: a table method, or a pairing "producer+consumer" (built in
 * *scratch with its name in name).  Returns the method, or NULL when the name resolves to none. */
const struct method *methods_resolve(const char *row_name, struct method *scratch, char *name);

/* Theoretical CPU copies and user/kernel switches per chunk of a method, both sides together. */
unsigned methods_cpu_copies(const struct method *m);
unsigned methods_switches(const struct method *m);

#endif
