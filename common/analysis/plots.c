/*
 * plots.c - run gnuplot (see plots.h).  Plots only draw what the data CSV holds; every number
 * in it was computed by bulkxfer (groups.c), none by gnuplot.
 */
#include "plots.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef BX_PLOTS_DIR
#define BX_PLOTS_DIR "plots"
#endif

const char *plots_dir(void)
{
	const char *env = getenv("BULKXFER_PLOTS_DIR");
	return env && *env ? env : BX_PLOTS_DIR;
}

int plots_render(const char *script, const char *data, const char *out, const char *log_path,
		 struct bx_error *err)
{
	char script_path[4096], expr[12288], png[4096];
	snprintf(script_path, sizeof(script_path), "%s/%s.gp", plots_dir(), script);
	if (access(script_path, R_OK) < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "graph '%s': cannot read script '%s': %s", script,
			       script_path, strerror(errno));
	/* gnuplot strings in single quotes take everything literally but a quote. */
	if (strchr(data, '\'') || strchr(out, '\'') || strchr(plots_dir(), '\''))
		return bx_fail(err, BX_EXIT_FAILURE, "graph '%s': paths with a ' are not supported",
			       script);
	snprintf(expr, sizeof(expr), "dir='%s'; data='%s'; out='%s'", plots_dir(), data, out);

	pid_t pid = fork();
	if (pid < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "graph '%s': fork failed: %s", script,
			       strerror(errno));
	if (pid == 0) {
		int log = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		int null = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (log >= 0) {
			dup2(log, STDOUT_FILENO);
			dup2(log, STDERR_FILENO);
		}
		if (null >= 0)
			dup2(null, STDIN_FILENO);
		execlp("gnuplot", "gnuplot", "-e", expr, script_path, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return bx_fail(err, BX_EXIT_FAILURE, "graph '%s': waitpid: %s", script,
				       strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return bx_fail(err, BX_EXIT_FAILURE,
			       "graph '%s': gnuplot not found (apt-get install gnuplot-nox)", script);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return bx_fail(err, BX_EXIT_FAILURE, "graph '%s': gnuplot failed (see %s)", script,
			       log_path);
	struct stat st;
	snprintf(png, sizeof(png), "%s.png", out);
	if (stat(png, &st) < 0 || st.st_size == 0)
		return bx_fail(err, BX_EXIT_FAILURE, "graph '%s': gnuplot wrote no %s", script, png);
	return 0;
}
