/*
 * cleanup.c - the exit-path registry (see cleanup.h).
 */
#include "base/cleanup.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char registered[CLEANUP_MAX_PATHS][CLEANUP_PATH_MAX];
static volatile sig_atomic_t child_pid;
static volatile sig_atomic_t owner_pid;

static void unlink_registered(void)
{
	for (int i = 0; i < CLEANUP_MAX_PATHS; i++)
		if (registered[i][0])
			unlink(registered[i]);
}

static void on_fatal_signal(int sig)
{
	if (getpid() == owner_pid) {
		if (child_pid > 0) {
			kill(child_pid, SIGKILL);
			waitpid(child_pid, NULL, 0);	/* gone before we are: nothing outlives us */
		}
		unlink_registered();
	}
	/* 130 for SIGINT, 143 for SIGTERM: what a shell reports for a job it interrupted. */
	_exit(128 + sig);
}

void cleanup_install(void)
{
	static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sigfillset(&sa.sa_mask);	/* one handler at a time */
	owner_pid = getpid();
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		sigaction(signals[i], &sa, NULL);
	/* Past RLIMIT_FSIZE a write must fail with EFBIG and be reported, not kill bulkxfer. */
	signal(SIGXFSZ, SIG_IGN);
}

int cleanup_add_path(const char *path)
{
	if (path[0] == '\0')
		return -EINVAL;
	if (strlen(path) >= CLEANUP_PATH_MAX)
		return -ENAMETOOLONG;
	for (int i = 0; i < CLEANUP_MAX_PATHS; i++) {
		if (registered[i][0] == '\0') {
			/* Copy then publish the first byte, so a handler never sees half a path. */
			strcpy(registered[i] + 1, path + 1);
			registered[i][0] = path[0];
			return 0;
		}
	}
	return -ENOSPC;
}

void cleanup_forget_path(const char *path)
{
	for (int i = 0; i < CLEANUP_MAX_PATHS; i++)
		if (registered[i][0] && strcmp(registered[i], path) == 0)
			registered[i][0] = '\0';
}

void cleanup_set_child(pid_t pid)
{
	child_pid = pid;
}

void cleanup_run(void)
{
	unlink_registered();
	for (int i = 0; i < CLEANUP_MAX_PATHS; i++)
		registered[i][0] = '\0';
}
