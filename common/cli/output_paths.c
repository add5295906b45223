/*
 * output_paths.c - default output paths (output_paths.h).
 */
#include "cli/output_paths.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char *output_timestamped(const char *kind, char *out, size_t len)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	snprintf(out, len, "results/%s-%s", kind, stamp);
	return out;
}

const char *output_beside_csv(const char *csv, const char *suffix, char *buf, size_t len)
{
	size_t n = strlen(csv);
	if (n > 4 && strcmp(csv + n - 4, ".csv") == 0)
		n -= 4;
	snprintf(buf, len, "%.*s%s", (int)n, csv, suffix);
	return buf;
}

const char *output_profile_dir_beside(const char *csv, char *buf, size_t len)
{
	const char *slash = strrchr(csv, '/');
	snprintf(buf, len, "%.*s%sprofile", slash ? (int)(slash - csv) : 0, csv, slash ? "/" : "");
	return buf;
}

int output_profile_csv_of(const char *csv, char *path, size_t len)
{
	output_beside_csv(csv, "-profile/profile.csv", path, len);
	if (access(path, R_OK) == 0)
		return 1;
	char dir[PATH_MAX];
	output_profile_dir_beside(csv, dir, sizeof(dir));
	snprintf(path, len, "%s/profile.csv", dir);
	return access(path, R_OK) == 0;
}
