/*
 * methods.c - the one table that lists every method (see methods.h).
 */
#include "methods.h"

#include <string.h>

static const struct method method_table[] = {
	{ "pipe",   "read/write through a pipe (the 2014 study's baseline)",
	  &producer_pipe, &consumer_pipe },
	{ "shm",    "mmap + memcpy through a shared-memory ring of slots guarded by semaphores",
	  &producer_shm, &consumer_shm },
	{ "splice", "splice source -> pipe -> destination, never through user space",
	  &producer_splice, &consumer_splice },
};

size_t methods_count(void)
{
	return sizeof(method_table) / sizeof(method_table[0]);
}

const struct method *methods_at(size_t i)
{
	return i < methods_count() ? &method_table[i] : NULL;
}

const struct method *methods_find(const char *name)
{
	for (size_t i = 0; i < methods_count(); i++)
		if (strcmp(method_table[i].name, name) == 0)
			return &method_table[i];
	return NULL;
}
