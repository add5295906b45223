/*
 * errors.h - one way to carry a failure from where it happens to where it is printed.
 *
 * Library code never prints: it fills a struct bx_error with the exit code the program should
 * end with (BX_EXIT_USAGE for anything found before the first byte moves, BX_EXIT_FAILURE for
 * failures during a transfer) and one line of text.  main() prints it as "bulkxfer: <msg>".
 */
#ifndef BX_ERRORS_H
#define BX_ERRORS_H

#include <stdarg.h>

enum {
	BX_EXIT_OK = 0,
	BX_EXIT_FAILURE = 1,	/* something went wrong while moving bytes */
	BX_EXIT_USAGE = 2,	/* bad options or inputs, found before any byte moved */
	BX_EXIT_REGRESSED = 3,	/* compare --fail-on: a measure regressed by its interval */
};

#define BX_ERROR_MSG_MAX 512

struct bx_error {
	int code;			/* BX_EXIT_* */
	char msg[BX_ERROR_MSG_MAX];	/* one line, no "bulkxfer: " prefix, no newline */
};

/* Fill *err (when non-NULL) with code and the printf-style message, its control characters
 * (a newline or an escape quoted from an argument or a file) shown as '?'; returns code so
 * callers can write `return bx_fail(err, BX_EXIT_USAGE, "...")`.  Never fails. */
int bx_fail(struct bx_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Print "bulkxfer: <fmt...>\n" on stderr in one write, so parallel runs never interleave lines;
 * control characters are shown as '?' as in bx_fail. */
void bx_print_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
