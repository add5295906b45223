/*
 * errors.c - filling and printing struct bx_error (see errors.h).
 */
#include "base/errors.h"

#include <stdio.h>
#include <unistd.h>

int bx_fail(struct bx_error *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return code;
}

void bx_print_error(const char *fmt, ...)
{
	char line[BX_ERROR_MSG_MAX + 32];
	int n = snprintf(line, sizeof(line), "bulkxfer: ");
	va_list ap;
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	/* One write: a line from a parallel run can never land in the middle of ours. */
	ssize_t ignored = write(STDERR_FILENO, line, (size_t)n);
	(void)ignored;
}
