/*
 * methods.h - the table of methods, made from the registry (method/registry.h), and the lookups
 * by name.  A method is a channel plus a sending half (producer/) and a receiving half
 * (consumer/); this layer sits above both because its table names them.  Adding a method
 * means a half in producer/, one in consumer/ (or reusing one), one line in registry.h and its
 * entry in the man page; the tables, `list` and the completion follow.  Any sending half can also
 * be paired with any receiving half that speaks the same channel.
 */
#ifndef BX_METHODS_H
#define BX_METHODS_H

#include <stddef.h>

#include "base/errors.h"
#include "method/method.h"

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

/* The sending (producer 1) or receiving (0) half whose .name is name, or NULL. */
const struct half_ops *methods_find_half(const char *name, int producer);

/* The source file that defines half h ("producer/sendfile.c"), or NULL when h is none of
 * the registry's halves. */
const char *methods_half_file(const struct half_ops *h);

/* Build in *out the method pairing the sending half `producer` with the receiving half
 * `consumer` (named "producer+consumer" in name, which must hold METHOD_NAME_MAX bytes).
 * Returns 0, or BX_EXIT_USAGE with *err filled: an unknown half, or halves whose channels differ. */
int methods_pair(const char *producer, const char *consumer, struct method *out, char *name,
		 struct bx_error *err);

/* The method a results row names: a table method, or a pairing "producer+consumer" (built in
 * *scratch with its name in name).  Returns the method, or NULL when the name resolves to none. */
const struct method *methods_resolve(const char *row_name, struct method *scratch, char *name);

/* What method m needs of a machine to work at all, in words, into buf: its channel's kind, the
 * file its sender reads (when it cannot send from memory), io_uring, and the kernel version its
 * halves' descriptions name.  Returns buf. */
const char *methods_needs(const struct method *m, char *buf, size_t len);

/* Theoretical CPU copies and user/kernel switches per chunk of a method, both sides together. */
unsigned methods_cpu_copies(const struct method *m);
unsigned methods_switches(const struct method *m);

#endif
