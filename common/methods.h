/*
 * methods.h - the table of methods.  A method is a channel plus a sending half (producer/) and a
 * receiving half (consumer/).  Adding a method means one file in each of those folders and one
 * line in methods.c; nothing else needs to know it exists.
 */
#ifndef BX_METHODS_H
#define BX_METHODS_H

#include <stddef.h>

#include "half.h"

struct method {
	const char *name;		/* what --method takes */
	const char *summary;		/* one line for `bulkxfer list` */
	const struct half_ops *producer;	/* runs in the parent */
	const struct half_ops *consumer;	/* runs in the forked child */
};

/* The halves, defined at the bottom of producer/<name>.c and consumer/<name>.c. */
extern const struct half_ops producer_pipe, consumer_pipe;
extern const struct half_ops producer_shm, consumer_shm;
extern const struct half_ops producer_splice, consumer_splice;

/* Number of methods and the i-th one (0 <= i < methods_count()), in table order. */
size_t methods_count(void);
const struct method *methods_at(size_t i);

/* The method called name, or NULL. */
const struct method *methods_find(const char *name);

#endif
