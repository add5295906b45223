/*
 * injected_errno.c - the errno named by a testing aid's environment variable (injected_errno.h).
 */
#include "base/injected_errno.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int injected_errno(const char *var)
{
	const char *v = getenv(var);
	if (!v || !*v)
		return 0;
	static const struct { const char *name; int err; } names[] = {
		{ "EACCES", EACCES }, { "EPERM", EPERM }, { "ENOENT", ENOENT },
		{ "ENOSYS", ENOSYS }, { "EINVAL", EINVAL }, { "ENODEV", ENODEV },
		{ "EOPNOTSUPP", EOPNOTSUPP },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(v, names[i].name) == 0)
			return names[i].err;
	return EINVAL;
}
