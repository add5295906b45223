/*
 * errors.c - filling and printing struct bx_error (see errors.h).
 */
#include "base/errors.h"

#include <stdio.h>
#include <unistd.h>

/* Control characters in text[0..) become '?': a message quotes what the user or a file gave
 * (an argument, a CSV field), and a newline there would break the one-line promise, an escape
 * sequence would reach the terminal. */
static void printable(char *text)
{
	for (unsigned char *p = (unsigned char *)text; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = '?';
}

int bx_fail(struct bx_error *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
		printable(err->msg);
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
	line[n] = '\0';
	printable(line);
	line[n++] = '\n';
	/* One write: a line from a parallel run can never land in the middle of ours. */
	ssize_t ignored = write(STDERR_FILENO, line, (size_t)n);
	(void)ignored;
}
