/*
 * plots.c - run gnuplot (see plots.h).  Plots only draw what the data CSV holds; every number
 * in it was computed by bulkxfer (groups.c), none by gnuplot.
 */
#include "base/plots.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Where the scripts may be, relative to the directory of the running binary, in the order they
 * are tried: an installed binary never picks up a source tree's scripts, nor a tree's binary an
 * installed copy (a tree has no share/ beside it). */
static const char *const script_places[] = { "../share/bulkxfer/plots", "plots", "../plots" };

/* dir joined with rel, a leading "../" taking dir's last component off instead (so an error
 * names /usr/share/bulkxfer/plots, not /usr/bin/../share/bulkxfer/plots). */
static void place_beside(const char *dir, const char *rel, char *out, size_t len)
{
	char parent[PATH_MAX];
	snprintf(parent, sizeof(parent), "%s", dir);
	while (strncmp(rel, "../", 3) == 0) {
		char *slash = strrchr(parent, '/');
		if (!slash)
			break;
		slash[slash == parent ? 1 : 0] = '\0';	/* "/bin" -> "/" */
		rel += 3;
	}
	snprintf(out, len, "%s%s%s", parent, parent[strlen(parent) - 1] == '/' ? "" : "/", rel);
}

const char *plots_dir(void)
{
	const char *env = getenv("BULKXFER_PLOTS_DIR");
	if (env && *env)
		return env;
	static char found[PATH_MAX + 32];	/* the binary's directory + a place */
	if (found[0])
		return found;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return script_places[1];	/* no /proc: the current directory's tree */
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	for (size_t i = 0; i < sizeof(script_places) / sizeof(script_places[0]); i++) {
		char probe[sizeof(found) + 16];
		place_beside(exe, script_places[i], found, sizeof(found));
		snprintf(probe, sizeof(probe), "%s/common.gp", found);
		if (access(probe, R_OK) == 0)
			return found;
	}
	place_beside(exe, script_places[0], found, sizeof(found));
	return found;
}

/* Start gnuplot on script_path with expr, its messages appended to log_path.  Returns its pid,
 * or -1 with *err filled. */
static pid_t spawn_gnuplot(const char *script, const char *script_path, const char *expr,
			   const char *log_path, struct bx_error *err)
{
	pid_t pid = fork();
	if (pid < 0) {
		bx_fail(err, BX_EXIT_FAILURE, "graph '%s': fork failed: %s", script, strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int log = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0644);
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
	return pid;
}

/* Wait for the gnuplot spawn_gnuplot started.  Returns 0, or BX_EXIT_FAILURE with *err
 * filled. */
static int wait_gnuplot(pid_t pid, const char *script, const char *log_path, struct bx_error *err)
{
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
	return 0;
}

int plots_available(void)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/bin:/bin";
	char dir[4096];
	for (const char *p = path; *p;) {
		size_t len = strcspn(p, ":");
		int n = snprintf(dir, sizeof(dir), "%.*s/gnuplot", (int)len, len ? p : ".");
		if (n > 0 && (size_t)n < sizeof(dir) && access(dir, X_OK) == 0)
			return 1;
		p += len + (p[len] == ':');
	}
	return 0;
}

/* The job's own gnuplot.log (in dir) appended to log_path and removed. */
static void append_log(const char *dir, const char *log_path)
{
	char own[8300];
	snprintf(own, sizeof(own), "%s/gnuplot.log", dir);
	int in = open(own, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return;
	int out = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0644);
	char buf[4096];
	ssize_t n;
	while (out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			break;
	if (out >= 0)
		close(out);
	close(in);
	unlink(own);
}

int plots_start(struct plot_job *job, const char *script, const char *data, const char *out,
		const char *log_path)
{
	memset(job, 0, sizeof(*job));
	job->pid = -1;
	snprintf(job->script, sizeof(job->script), "%s", script);
	snprintf(job->out, sizeof(job->out), "%s", out);
	snprintf(job->log_path, sizeof(job->log_path), "%s", log_path);
	char script_path[4096], expr[12288];
	snprintf(script_path, sizeof(script_path), "%s/%s.gp", plots_dir(), script);
	if (access(script_path, R_OK) < 0)
		return job->rc = bx_fail(&job->err, BX_EXIT_FAILURE,
					 "graph '%s': cannot read script '%s': %s", script,
					 script_path, strerror(errno));
	/* gnuplot opens its outputs itself and follows a link planted at their names: it draws
	 * into a folder of its own (mkdtemp: a name nobody can guess, mode 0700) beside them, and
	 * the files are renamed into place, which replaces a link instead of writing through it. */
	const char *slash = strrchr(out, '/');
	snprintf(job->tmp_dir, sizeof(job->tmp_dir), "%.*s.bulkxfer-plot-XXXXXX",
		 slash ? (int)(slash - out + 1) : 0, out);
	if (!mkdtemp(job->tmp_dir)) {
		job->tmp_dir[0] = '\0';
		return job->rc = bx_fail(&job->err, BX_EXIT_FAILURE,
					 "graph '%s': cannot make a folder beside '%s': %s", script,
					 out, strerror(errno));
	}
	snprintf(job->tmp_out, sizeof(job->tmp_out), "%s/%s", job->tmp_dir, slash ? slash + 1 : out);
	/* gnuplot strings in single quotes take everything literally but a quote. */
	if (strchr(data, '\'') || strchr(job->tmp_out, '\'') || strchr(plots_dir(), '\''))
		return job->rc = bx_fail(&job->err, BX_EXIT_FAILURE,
					 "graph '%s': paths with a ' are not supported", script);
	snprintf(expr, sizeof(expr), "dir='%s'; data='%s'; out='%s'", plots_dir(), data,
		 job->tmp_out);
	/* its messages go to a log of its own, appended to log_path when it ends: graphs drawn
	 * at once would otherwise mix their lines */
	char own_log[8300];
	snprintf(own_log, sizeof(own_log), "%s/gnuplot.log", job->tmp_dir);
	job->pid = spawn_gnuplot(script, script_path, expr, own_log, &job->err);
	if (job->pid < 0)
		job->rc = BX_EXIT_FAILURE;
	return job->rc;
}

int plots_finish(struct plot_job *job, struct bx_error *err)
{
	int rc = job->rc;
	if (rc == 0 && job->pid > 0)
		rc = wait_gnuplot(job->pid, job->script, job->log_path, &job->err);
	job->pid = -1;
	if (job->tmp_dir[0])
		append_log(job->tmp_dir, job->log_path);
	static const char *const kinds[] = { ".png", ".svg" };
	for (size_t k = 0; job->tmp_dir[0] && k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		char from[8300], to[4200];
		snprintf(from, sizeof(from), "%s%s", job->tmp_out, kinds[k]);
		snprintf(to, sizeof(to), "%s%s", job->out, kinds[k]);
		struct stat st;
		if (rc == 0 && k == 0 && (stat(from, &st) < 0 || st.st_size == 0))
			rc = bx_fail(&job->err, BX_EXIT_FAILURE, "graph '%s': gnuplot wrote no %s.png",
				     job->script, job->out);
		if (rc == 0 && stat(from, &st) == 0 && rename(from, to) < 0)
			rc = bx_fail(&job->err, BX_EXIT_FAILURE, "graph '%s': cannot move it to '%s': %s",
				     job->script, to, strerror(errno));
		unlink(from);	/* left only on a failure */
	}
	if (job->tmp_dir[0])
		rmdir(job->tmp_dir);
	job->tmp_dir[0] = '\0';
	job->rc = rc;
	if (rc != 0 && err)
		*err = job->err;
	return rc;
}

int plots_render(const char *script, const char *data, const char *out, const char *log_path,
		 struct bx_error *err)
{
	struct plot_job *job = malloc(sizeof(*job));
	if (!job)
		return bx_fail(err, BX_EXIT_FAILURE, "graph '%s': out of memory", script);
	plots_start(job, script, data, out, log_path);
	int rc = plots_finish(job, err);
	free(job);
	return rc;
}
