/*
 * cleanup.h - nothing outlives the run: temp files are unlinked and the child is killed on
 * every exit path, including SIGINT, SIGTERM and SIGHUP.
 *
 * The registry is a fixed table of paths in static memory so the signal handler can walk it
 * without allocating (unlink() and kill() are async-signal-safe).
 */
#ifndef BX_CLEANUP_H
#define BX_CLEANUP_H

#include <sys/types.h>

#define CLEANUP_MAX_PATHS 8
#define CLEANUP_PATH_MAX 4096

/* Install the signal handlers (and ignore SIGXFSZ, so writes past RLIMIT_FSIZE fail with EFBIG);
 * the calling process becomes the owner (a forked child that receives the signal just exits
 * with 128 + signal, leaving the files to the owner). */
void cleanup_install(void);

/* Remember a path to unlink on a signal or at cleanup_run().  Returns 0 or -ENOSPC. */
int cleanup_add_path(const char *path);

/* Forget path (it was removed, or is to be kept). */
void cleanup_forget_path(const char *path);

/* The child to SIGKILL if a signal arrives while it runs; 0 when there is none. */
void cleanup_set_child(pid_t pid);

/* Unlink every registered path now and forget them. */
void cleanup_run(void);

#endif
