/*
 * units.c - parse and print sizes (see units.h).  Parsing is done in integer arithmetic with a
 * 128-bit accumulator: going through double would turn "1.4G" into 1503238553.6 and make the
 * rounding depend on the libc.
 */
#include "base/units.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <strings.h>

#define MAX_FRACTION_DIGITS 18

static const struct {
	char letter;
	unsigned shift;
} size_suffixes[] = {
	{ 'K', 10 }, { 'M', 20 }, { 'G', 30 }, { 'T', 40 }, { 'P', 50 },
};

/* Returns the multiplier for suffix text ("", "B", "K", "KiB", "kb", ...) or 0 if unknown. */
static uint64_t suffix_multiplier(const char *s)
{
	if (*s == '\0' || strcasecmp(s, "B") == 0)
		return 1;
	for (size_t i = 0; i < sizeof(size_suffixes) / sizeof(size_suffixes[0]); i++) {
		if (toupper((unsigned char)s[0]) != size_suffixes[i].letter)
			continue;
		if (s[1] == '\0' || strcasecmp(s + 1, "iB") == 0 || strcasecmp(s + 1, "B") == 0)
			return 1ULL << size_suffixes[i].shift;
	}
	return 0;
}

int units_parse_size(const char *text, uint64_t *out)
{
	if (!text || !isdigit((unsigned char)*text))
		return -EINVAL;	/* empty, sign, leading dot or space */

	unsigned __int128 whole = 0;
	const char *p = text;
	for (; isdigit((unsigned char)*p); p++) {
		whole = whole * 10 + (unsigned)(*p - '0');
		if (whole > UNITS_MAX_BYTES)
			return -ERANGE;
	}
	uint64_t frac = 0, frac_scale = 1;
	int frac_digits = 0;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -EINVAL;
		for (; isdigit((unsigned char)*p); p++) {
			if (frac_digits == MAX_FRACTION_DIGITS)
				return -EINVAL;
			frac = frac * 10 + (uint64_t)(*p - '0');
			frac_scale *= 10;
			frac_digits++;
		}
	}
	uint64_t mult = suffix_multiplier(p);
	if (mult == 0)
		return -EINVAL;
	if (frac_digits > 0 && mult == 1)
		return -EINVAL;	/* "1.5" bytes means nothing */

	unsigned __int128 bytes = whole * mult;
	bytes += ((unsigned __int128)frac * mult + frac_scale / 2) / frac_scale;
	if (bytes > UNITS_MAX_BYTES)
		return -ERANGE;
	*out = (uint64_t)bytes;
	return 0;
}

int units_parse_count(const char *text, uint64_t max, uint64_t *out)
{
	if (!text || !isdigit((unsigned char)*text))
		return -EINVAL;
	uint64_t v = 0;
	for (const char *p = text; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return -EINVAL;
		unsigned d = (unsigned)(*p - '0');
		if (v > (max - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

const char *units_format_size(uint64_t bytes, char *buf, size_t len)
{
	static const char *names[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
	unsigned i = 0;
	while (i + 1 < sizeof(names) / sizeof(names[0]) && bytes >= (1ULL << (10 * (i + 1))))
		i++;
	if (i == 0 || bytes % (1ULL << (10 * i)) == 0)
		snprintf(buf, len, "%llu %s", (unsigned long long)(bytes >> (10 * i)), names[i]);
	else
		snprintf(buf, len, "%.1f %s", (double)bytes / (double)(1ULL << (10 * i)), names[i]);
	return buf;
}

const char *units_format_chunk(uint64_t chunk, char *buf, size_t len)
{
	if (chunk == CHUNK_REST) {
		snprintf(buf, len, "rest");
		return buf;
	}
	return units_format_size(chunk, buf, len);
}
