/*
 * hash.h - FNV-1a, the one hash behind bulkxfer's open-addressing tables (groups of runs,
 * interned texts, folded stacks, flame-graph frames).  Short keys and no adversary in mind: a
 * crafted file can make a table slow, never wrong, since every probe compares the key itself.
 */
#ifndef BX_HASH_H
#define BX_HASH_H

#include <stddef.h>
#include <stdint.h>

#define BX_HASH_SEED 1469598103934665603ull	/* FNV-1a's offset basis */

/* h extended with bytes p[0..len). */
static inline uint64_t bx_hash_bytes(uint64_t h, const void *p, size_t len)
{
	for (const unsigned char *b = p; len--; b++)
		h = (h ^ *b) * 1099511628211ull;
	return h;
}

/* h extended with the text s, its NUL not included. */
static inline uint64_t bx_hash_text(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

#endif
