/*
 * stack_counts.c - counts per folded call stack, and folded files (see stack_counts.h).
 */
#include "record/stack_counts.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/hash.h"
#include "base/output_file.h"

static uint64_t hash_text(const char *s)
{
	return bx_hash_text(BX_HASH_SEED, s);
}

static int grow_slots(struct stack_counts *sc)
{
	size_t nslots = sc->nslots ? sc->nslots * 2 : 256;
	size_t *slots = calloc(nslots, sizeof(*slots));
	if (!slots)
		return -ENOMEM;
	for (size_t i = 0; i < sc->n; i++) {
		size_t h = hash_text(sc->items[i].stack) & (nslots - 1);
		while (slots[h])
			h = (h + 1) & (nslots - 1);
		slots[h] = i + 1;
	}
	free(sc->slots);
	sc->slots = slots;
	sc->nslots = nslots;
	return 0;
}

int stack_counts_add(struct stack_counts *sc, const char *stack, uint64_t count)
{
	if ((sc->n + 1) * 2 > sc->nslots && grow_slots(sc) < 0)
		return -ENOMEM;
	size_t h = hash_text(stack) & (sc->nslots - 1);
	for (; sc->slots[h]; h = (h + 1) & (sc->nslots - 1)) {
		struct stack_count *it = &sc->items[sc->slots[h] - 1];
		if (strcmp(it->stack, stack) == 0) {
			it->count += count;
			sc->total += count;
			return 0;
		}
	}
	if (sc->n == sc->cap) {
		size_t cap = sc->cap ? sc->cap * 2 : 64;
		struct stack_count *items = realloc(sc->items, cap * sizeof(*items));
		if (!items)
			return -ENOMEM;
		sc->items = items;
		sc->cap = cap;
	}
	char *copy = strdup(stack);
	if (!copy)
		return -ENOMEM;
	sc->items[sc->n] = (struct stack_count){ copy, count };
	sc->slots[h] = ++sc->n;
	sc->total += count;
	return 0;
}

int stack_counts_merge(struct stack_counts *dst, const struct stack_counts *src)
{
	for (size_t i = 0; i < src->n; i++) {
		int rc = stack_counts_add(dst, src->items[i].stack, src->items[i].count);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int by_stack(const void *a, const void *b)
{
	return strcmp(((const struct stack_count *)a)->stack, ((const struct stack_count *)b)->stack);
}

int stack_counts_write(const struct stack_counts *sc, const char *path)
{
	struct stack_count *sorted = malloc((sc->n ? sc->n : 1) * sizeof(*sorted));
	if (!sorted)
		return -ENOMEM;
	if (sc->n)	/* a side too short for one sample has none */
		memcpy(sorted, sc->items, sc->n * sizeof(*sorted));
	qsort(sorted, sc->n, sizeof(*sorted), by_stack);
	struct output_file out;
	FILE *f = output_file_open(&out, path);
	if (!f) {
		int e = errno;
		free(sorted);
		return -e;
	}
	for (size_t i = 0; i < sc->n; i++)
		fprintf(f, "%s %llu\n", sorted[i].stack, (unsigned long long)sorted[i].count);
	free(sorted);
	return output_file_close(&out, 1);
}

int stack_counts_read(struct stack_counts *sc, const char *path, size_t *bad_line)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -errno;
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t len;
	int rc = 0;
	while (rc == 0 && (len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		char *space = strrchr(line, ' ');
		char *end = NULL;
		unsigned long long count = space ? strtoull(space + 1, &end, 10) : 0;
		if (!space || space == line || !end || *end || end == space + 1) {
			rc = -EINVAL;
			if (bad_line)
				*bad_line = lineno;
			break;
		}
		*space = '\0';
		rc = stack_counts_add(sc, line, count);
	}
	free(line);
	fclose(f);
	return rc;
}

void stack_counts_free(struct stack_counts *sc)
{
	for (size_t i = 0; i < sc->n; i++)
		free(sc->items[i].stack);
	free(sc->items);
	free(sc->slots);
	memset(sc, 0, sizeof(*sc));
}
