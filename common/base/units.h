/*
 * units.h - sizes and counts as users type them ("1.4G", "64K", "8") and as we print them.
 *
 * Suffixes are powers of 1024 (K, M, G, T, optionally followed by "iB" or "B", any case), a
 * decimal fraction is allowed before a suffix and rounded to the nearest byte, so "1.4G" is
 * 1503238554 bytes, the size the 2014 study used.
 */
#ifndef BX_UNITS_H
#define BX_UNITS_H

#include <stddef.h>
#include <stdint.h>

#define UNITS_MAX_BYTES ((uint64_t)INT64_MAX)	/* sizes must fit off_t */
#define GIB_BYTES ((double)(1ULL << 30))	/* GiB/s is bytes / GIB_BYTES / seconds */

/* Parse a size.  Returns 0 and stores bytes in *out, or -EINVAL for malformed text (empty,
 * sign, exponent, unknown suffix, fraction without a suffix) or -ERANGE past UNITS_MAX_BYTES.
 * Zero parses; callers that need a positive size check for it. */
int units_parse_size(const char *text, uint64_t *out);

/* Parse a plain non-negative decimal count ("5"); same return convention, limit max. */
int units_parse_count(const char *text, uint64_t max, uint64_t *out);

/* --chunk rest: each call asks for every byte still to move, so it moves as much as the channel
 * takes (the 2014 study's splice).  Only halves that keep no buffer of --chunk bytes take it
 * (half_ops.takes_rest).  The largest size_t, so min(chunk, bytes left) needs no special case;
 * the CSV writes it as 0. */
#define CHUNK_REST ((uint64_t)(size_t)-1)

/* Format a chunk size: "rest" for CHUNK_REST, else as units_format_size.  Returns buf. */
const char *units_format_chunk(uint64_t chunk, char *buf, size_t len);

/* Format bytes compactly for humans: "1.4 GiB", "64 KiB", "4097 B".  Returns buf. */
const char *units_format_size(uint64_t bytes, char *buf, size_t len);

#endif
