/*
 * method.h - what a method is: a channel plus a sending half (producer/) and a receiving half
 * (consumer/), and the externs of every half the registry (registry.h) lists.  The halves and
 * the transfer core include this; the table of methods built from the registry, and the lookups
 * by name, sit above the halves in catalog/methods.h, since that table names them.
 */
#ifndef BX_METHOD_H
#define BX_METHOD_H

#include "method/half.h"
#include "method/registry.h"

#define METHOD_NAME_MAX 32

struct method {
	const char *name;		/* what --method takes */
	const char *summary;		/* one line for `bulkxfer list` */
	const struct half_ops *producer;	/* runs in the parent */
	const struct half_ops *consumer;	/* runs in the forked child */
};

/* The halves of the registry, defined at the bottom of their producer/ and consumer/
 * files. */
#define BX_PRODUCER_EXTERN(half, file) extern const struct half_ops producer_##half;
#define BX_CONSUMER_EXTERN(half, file) extern const struct half_ops consumer_##half;
BX_PRODUCERS(BX_PRODUCER_EXTERN)
BX_CONSUMERS(BX_CONSUMER_EXTERN)
#undef BX_PRODUCER_EXTERN
#undef BX_CONSUMER_EXTERN

#endif
