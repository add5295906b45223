/*
 * test_support.c - helpers shared by the suites (see test_support.h).
 */
#include "test_support.h"

#include "analysis/facts/facts.h"
#include "analysis/report/report.h"
#include "analysis/terminal/answer.h"
#include "catalog/methods.h"

#include "record/profile_set.h"
#include "record/results.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/source.h"

/* Each suite's own set-up and clean-up, run inside the wrappers that take the leak census. */
#define MAX_SUITES 48
static struct {
	const char *name;
	CU_InitializeFunc init;
	CU_CleanupFunc clean;
} suites[MAX_SUITES];
static size_t nsuites;

static size_t current_suite(void)
{
	CU_pSuite s = CU_get_current_suite();
	for (size_t i = 0; s && i < nsuites; i++)
		if (strcmp(suites[i].name, s->pName) == 0)
			return i;
	return MAX_SUITES;
}

static int init_with_census(void)
{
	ts_leak_baseline();
	size_t i = current_suite();
	return i < nsuites && suites[i].init ? suites[i].init() : 0;
}

/* A suite that left a process, a /dev/shm object or a temp file behind fails its clean-up,
 * which the runner counts as a failure. */
static int clean_with_census(void)
{
	size_t i = current_suite();
	int rc = i < nsuites && suites[i].clean ? suites[i].clean() : 0;
	int leaks = ts_leak_check(i < nsuites ? suites[i].name : "?");
	return leaks ? 1 : rc;
}

int ts_add_suite_with(const char *name, CU_InitializeFunc init, CU_CleanupFunc clean,
		      const struct test_case *cases, size_t n)
{
	if (nsuites == MAX_SUITES)
		return -1;
	suites[nsuites].name = name;
	suites[nsuites].init = init;
	suites[nsuites++].clean = clean;
	CU_pSuite suite = CU_add_suite(name, init_with_census, clean_with_census);
	if (!suite)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!CU_add_test(suite, cases[i].name, cases[i].fn))
			return -1;
	return 0;
}

static const char *temp_dir(void);

void ts_make_tempdir(char *out, size_t len)
{
	snprintf(out, len, "%s/bulkxfer-test-XXXXXX", temp_dir());
	if (!mkdtemp(out))
		out[0] = '\0';
}

/* The run's own TMPDIR (ts_private_tmpdir), and the process that made it: only that one may
 * remove it (a forked test child that calls exit() runs the atexit handlers too). */
static char private_tmp[PATH_MAX];
static pid_t private_owner;

static void remove_private_tmpdir(void)
{
	if (private_tmp[0] && getpid() == private_owner) {
		ts_remove_tree(private_tmp);
		private_tmp[0] = '\0';
	}
}

int ts_private_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	/* The suites keep a temp directory's path in 64 bytes (run_tests-XXXXXX/bulkxfer-test-
	 * XXXXXX is 37 of them after the base): a longer base falls back to /tmp, said once. */
	if (base && strlen(base) > 24) {
		fprintf(stderr, "run_tests: TMPDIR %s is too long for the suites' paths: using /tmp\n",
			base);
		base = NULL;
	}
	/* not named bulkxfer*: another run's census must not count it as its own leak */
	snprintf(private_tmp, sizeof(private_tmp), "%s/run_tests-XXXXXX",
		 base && base[0] ? base : "/tmp");
	if (!mkdtemp(private_tmp))
		return -1;
	private_owner = getpid();
	setenv("TMPDIR", private_tmp, 1);
	atexit(remove_private_tmpdir);
	return 0;
}

void ts_private_tmpdir_remove(void)
{
	remove_private_tmpdir();
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

void ts_remove_tree(const char *dir)
{
	if (dir && dir[0])
		nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int ts_count_shm_objects(void)
{
	DIR *d = opendir("/dev/shm");
	if (!d)
		return 0;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += strncmp(e->d_name, "bulkxfer", 8) == 0;
	closedir(d);
	return n;
}

int ts_write_file(const char *path, uint64_t size, uint64_t seed)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -errno;
	int rc = source_write(fd, size, seed);
	close(fd);
	return rc;
}

int ts_files_equal(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	int equal = fa && fb;
	static char ba[1 << 16], bb[1 << 16];
	while (equal) {
		size_t na = fread(ba, 1, sizeof(ba), fa), nb = fread(bb, 1, sizeof(bb), fb);
		if (na != nb || memcmp(ba, bb, na) != 0)
			equal = 0;
		if (na == 0 || na < sizeof(ba))
			break;
	}
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return equal;
}

int ts_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Drain both pipes until the child closes them (it may print more than a pipe holds). */
static void collect_output(int out_fd, int err_fd, struct ts_result *r)
{
	size_t out_len = 0, err_len = 0;
	struct pollfd p[2] = { { out_fd, POLLIN, 0 }, { err_fd, POLLIN, 0 } };
	int open_fds = 2;
	char scratch[4096];
	while (open_fds > 0) {
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		for (int i = 0; i < 2; i++) {
			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			char *buf = i == 0 ? r->out : r->err;
			size_t cap = (i == 0 ? sizeof(r->out) : sizeof(r->err)) - 1;
			size_t *len = i == 0 ? &out_len : &err_len;
			ssize_t n = *len < cap ? read(p[i].fd, buf + *len, cap - *len)
					       : read(p[i].fd, scratch, sizeof(scratch));
			if (n <= 0) {
				close(p[i].fd);
				p[i].fd = -1;
				open_fds--;
			} else if (*len < cap) {
				*len += (size_t)n;
			}
		}
	}
	r->out[out_len] = '\0';
	r->err[err_len] = '\0';
}

static const char *bulkxfer_bin(void)
{
	const char *bin = getenv("BULKXFER_BIN");
	return bin ? bin : "./bulkxfer";
}

int ts_run_bulkxfer(struct ts_result *r, const char *const argv[])
{
	return ts_run_bulkxfer_limited(r, argv, -1);
}

size_t ts_run_rows(struct ts_result *r, char *line, const char *csv, struct run_record **recs)
{
	const char *argv[64];
	int argc = 0;
	argv[argc++] = "bulkxfer";
	for (char *save, *t = strtok_r(line, " ", &save); t && argc < 63; t = strtok_r(NULL, " ", &save))
		argv[argc++] = t;
	argv[argc] = NULL;
	ts_run_bulkxfer(r, argv);
	size_t n = 0, cap = 0;
	struct bx_error err;
	*recs = NULL;
	if (ts_exists(csv))
		results_read_csv(csv, recs, &n, &cap, &err);
	return n;
}

/* Fork, run file (execvp: a bare name is looked up in PATH) with argv in cwd (NULL: here),
 * RLIMIT_FSIZE fsize_limit when >= 0, and collect its output and status into *r. */
static int run_collect(struct ts_result *r, const char *file, const char *const argv[],
		       const char *cwd, long fsize_limit)
{
	memset(r, 0, sizeof(*r));
	int out[2], err[2];
	if (pipe(out) < 0 || pipe(err) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(out[1], STDOUT_FILENO);
		dup2(err[1], STDERR_FILENO);
		close(out[0]);
		close(err[0]);
		if (fsize_limit >= 0) {
			struct rlimit lim = { (rlim_t)fsize_limit, (rlim_t)fsize_limit };
			setrlimit(RLIMIT_FSIZE, &lim);
		}
		if (cwd && chdir(cwd) < 0)
			_exit(126);
		execvp(file, (char *const *)argv);
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	collect_output(out[0], err[0], r);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	r->exited = WIFEXITED(status);
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	return 0;
}

int ts_run_bulkxfer_limited(struct ts_result *r, const char *const argv[], long fsize_limit)
{
	return run_collect(r, bulkxfer_bin(), argv, NULL, fsize_limit);
}

int ts_run_program(struct ts_result *r, const char *cwd, const char *const argv[])
{
	return run_collect(r, argv[0], argv, cwd, -1);
}

int ts_file_contains(const char *path, const char *text)
{
	FILE *f = fopen(path, "r");
	char buf[4096] = "";
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
	buf[n] = '\0';
	if (f)
		fclose(f);
	return strstr(buf, text) != NULL;
}

char *ts_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len + 1 >= cap) {
			cap = cap ? cap * 2 : 4096;
			char *b = realloc(buf, cap);
			if (!b) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = b;
		}
		size_t got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
		if (got == 0)
			break;
	}
	fclose(f);
	buf[len] = '\0';
	if (size)
		*size = len;
	return buf;
}

long ts_count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	long n = 0;
	int c;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

pid_t ts_spawn_bulkxfer(const char *const argv[], const char *err_path)
{
	return ts_spawn_bulkxfer_fault(argv, err_path, NULL);
}

pid_t ts_spawn_bulkxfer_fault(const char *const argv[], const char *err_path, const char *fault)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	/* The fault tests start series of 100000 runs and end them by signal: if the test run
	 * itself is killed first, the series must not run on behind it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
	int fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
	}
	if (fault)
		setenv("BULKXFER_FAULT", fault, 1);
	execv(bulkxfer_bin(), (char *const *)argv);
	_exit(127);
}

int ts_wait_for(pid_t pid, double seconds, int *status)
{
	for (int i = 0; i < (int)(seconds * 500); i++) {
		pid_t r = waitpid(pid, status, WNOHANG);
		if (r == pid)
			return 1;
		if (r < 0 && errno != EINTR)
			return 1;
		usleep(2000);
	}
	return 0;
}

int ts_wait_stopped(pid_t pid, double seconds)
{
	for (int i = 0; i < (int)(seconds * 1000); i++) {
		int status;
		pid_t r = waitpid(pid, &status, WNOHANG | WUNTRACED);
		if (r == pid)
			return WIFSTOPPED(status);
		if (r < 0 && errno != EINTR)
			return 0;
		usleep(1000);
	}
	return 0;
}

int ts_wait_state_stopped(pid_t pid, double seconds)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	for (int i = 0; i < (int)(seconds * 1000); i++) {
		char state = ts_proc_state(path);
		if (state == 'T')
			return 1;
		if (state == '?' || state == 'Z' || state == 'X')
			return 0;
		usleep(1000);
	}
	return 0;
}

/* Every child of this process (any thread's), alive or not, into pids; returns how many. */
static int list_children(pid_t *pids, int max)
{
	int n = 0;
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	while (d && (e = readdir(d)) && n < max) {
		if (e->d_name[0] == '.')
			continue;
		char path[300];
		snprintf(path, sizeof(path), "/proc/self/task/%s/children", e->d_name);
		FILE *f = fopen(path, "r");
		long pid;
		while (f && n < max && fscanf(f, "%ld", &pid) == 1)
			pids[n++] = (pid_t)pid;
		if (f)
			fclose(f);
	}
	if (d)
		closedir(d);
	return n;
}

int ts_reap_orphans(double seconds)
{
	for (int i = 0; i < (int)(seconds * 1000); i++) {
		int status;
		pid_t r = waitpid(-1, &status, WNOHANG);
		if (r > 0 || (r < 0 && errno == EINTR))
			continue;
		if (r < 0)
			return 0;	/* ECHILD: every orphan is reaped */
		usleep(1000);	/* one still dying */
	}
	pid_t pids[64];
	int alive = list_children(pids, 64);
	ts_reap_leftovers();
	return alive;
}

/* The command name of process pid (a zombie keeps it until reaped), or "?" into name. */
static void process_name(pid_t pid, char *name, size_t len)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%ld/comm", (long)pid);
	FILE *f = fopen(path, "r");
	if (!f || !fgets(name, (int)len, f))
		snprintf(name, len, "?");
	name[strcspn(name, "\n")] = '\0';
	if (f)
		fclose(f);
}

/* Reap one child that has ended, saying which it was (named before it is reaped, while its
 * /proc entry is there): 1 when there was one, 0 when children remain but none has ended, -1
 * when there is no child. */
static int reap_one_ended(const char *how)
{
	siginfo_t info;
	memset(&info, 0, sizeof(info));
	int r;
	while ((r = waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT)) < 0 && errno == EINTR)
		;
	if (r < 0)
		return -1;	/* ECHILD: none left */
	if (info.si_pid == 0)
		return 0;
	char name[64];
	process_name(info.si_pid, name, sizeof(name));
	fprintf(stderr, "\n  left behind: process %ld, %s (%s)\n", (long)info.si_pid, name,
		how ? how : info.si_code == CLD_EXITED ? "exited" : "killed");
	while (waitpid(info.si_pid, NULL, 0) < 0 && errno == EINTR)
		;
	return 1;
}

int ts_reap_leftovers(void)
{
	int found = 0;
	for (;;) {
		int r = reap_one_ended(NULL);
		if (r > 0) {
			found++;
			continue;
		}
		if (r < 0)
			return found;
		/* Alive: named, killed, and reaped as each one dies (they are ours). */
		pid_t pids[64];
		int n = list_children(pids, 64);
		for (int i = 0; i < n; i++) {
			char name[64];
			process_name(pids[i], name, sizeof(name));
			fprintf(stderr, "\n  left behind: process %ld, %s (still running)\n",
				(long)pids[i], name);
			kill(pids[i], SIGKILL);
		}
		for (int i = 0; i < n; i++) {
			found++;
			while (waitpid(pids[i], NULL, 0) < 0 && errno == EINTR)
				;
		}
		if (n == 0 && waitpid(-1, NULL, 0) > 0)
			found++;	/* one that /proc did not list yet */
	}
}

pid_t ts_first_child(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%ld/task/%ld/children", (long)pid, (long)pid);
	FILE *f = fopen(path, "r");
	long child = 0;
	if (f) {
		if (fscanf(f, "%ld", &child) != 1)
			child = 0;
		fclose(f);
	}
	return (pid_t)child;
}

pid_t ts_wait_first_child(pid_t pid, double seconds)
{
	for (int i = 0; i < (int)(seconds * 1000) && ts_alive(pid); i++) {
		pid_t c = ts_first_child(pid);
		if (c > 0)
			return c;
		usleep(1000);
	}
	return 0;
}

char ts_proc_state(const char *stat_path)
{
	char buf[512];
	FILE *f = fopen(stat_path, "r");
	if (!f)
		return '?';
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	const char *paren = strrchr(buf, ')');	/* the name in () may hold spaces and ')' */
	return paren && paren[1] && paren[2] ? paren[2] : '?';
}

int ts_alive(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	char state = ts_proc_state(path);
	return state != '?' && state != 'Z' && state != 'X';
}

void ts_become_subreaper(void)
{
	prctl(PR_SET_CHILD_SUBREAPER, 1);
}

/* ---- the leak census ---------------------------------------------------------------------- */

#define LEAK_NAMES_MAX 256

struct name_set {
	char names[LEAK_NAMES_MAX][256];
	int n;
};

/* Where bulkxfer and the tests put what may leak: shared memory and the temp directory. */
static const char *census_dirs[2];
static struct name_set baseline[2];

static const char *temp_dir(void)
{
	const char *t = getenv("TMPDIR");
	return t && t[0] ? t : "/tmp";
}

static void census(const char *dir, struct name_set *set)
{
	set->n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) && set->n < LEAK_NAMES_MAX)
		if (strncmp(e->d_name, "bulkxfer", 8) == 0)
			snprintf(set->names[set->n++], sizeof(set->names[0]), "%s", e->d_name);
	if (d)
		closedir(d);
}

static int in_set(const struct name_set *set, const char *name)
{
	for (int i = 0; i < set->n; i++)
		if (strcmp(set->names[i], name) == 0)
			return 1;
	return 0;
}

void ts_leak_baseline(void)
{
	census_dirs[0] = "/dev/shm";
	census_dirs[1] = temp_dir();
	for (int i = 0; i < 2; i++)
		census(census_dirs[i], &baseline[i]);
}

int ts_leak_check(const char *suite)
{
	int leaks = ts_reap_leftovers();
	static struct name_set now;
	for (int i = 0; i < 2 && census_dirs[i]; i++) {
		census(census_dirs[i], &now);
		for (int k = 0; k < now.n; k++) {
			if (in_set(&baseline[i], now.names[k]))
				continue;
			char path[PATH_MAX + 256];
			snprintf(path, sizeof(path), "%s/%s", census_dirs[i], now.names[k]);
			fprintf(stderr, "\n  left behind: %s\n", path);
			ts_remove_tree(path);
			leaks++;
		}
	}
	if (leaks)
		fprintf(stderr, "run_tests: suite %s left %d thing%s behind (listed above)\n", suite,
			leaks, leaks == 1 ? "" : "s");
	return leaks;
}

static long count_fields(const char *line)
{
	long fields = 1;
	int quoted = 0;
	for (const char *p = line; *p && *p != '\n'; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == ',' && !quoted)
			fields++;
	}
	return fields;
}

long ts_csv_rows_intact(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char line[8192];
	long header = -1, rows = 0;
	int intact = 1;
	while (fgets(line, sizeof(line), f)) {
		size_t len = strlen(line);
		if (len == 0 || line[len - 1] != '\n')
			intact = 0;	/* a row without its newline was cut off */
		long fields = count_fields(line);
		if (header < 0)
			header = fields;
		else if (fields != header)
			intact = 0;
		else
			rows++;
	}
	fclose(f);
	return intact ? rows : -1;
}

/* ---- skips ------------------------------------------------------------------------------ */

#define MAX_SKIPS 64
static char skips[MAX_SKIPS][192];
static int nskips;

void ts_skip(const char *suite_test, const char *why)
{
	printf("\n    SKIPPED %s: %s", suite_test, why);
	fflush(stdout);
	if (nskips < MAX_SKIPS)
		snprintf(skips[nskips], sizeof(skips[nskips]), "%s: %s", suite_test, why);
	nskips++;
}

int ts_method_usable(const struct method *m)
{
	static char told[64][METHOD_NAME_MAX];
	static size_t ntold;
	const struct half_ops *halves[2] = { m->producer, m->consumer };
	for (int h = 0; h < 2; h++) {
		char why[256] = "";
		if (!halves[h]->usable || halves[h]->usable(why, sizeof(why)) == 0)
			continue;
		size_t k = 0;
		while (k < ntold && strcmp(told[k], m->name) != 0)
			k++;
		if (k == ntold && ntold < 64) {
			snprintf(told[ntold++], METHOD_NAME_MAX, "%s", m->name);
			char what[96];
			snprintf(what, sizeof(what), "method %s (every test of it)", m->name);
			ts_skip(what, why);
		}
		return 0;
	}
	return 1;
}

size_t ts_usable_methods(void)
{
	size_t n = 0;
	for (size_t i = 0; i < methods_count(); i++)
		n += ts_method_usable(methods_at(i));
	return n;
}

int ts_skips_report(FILE *out)
{
	if (nskips)
		fprintf(out, "\nrun_tests: %d case%s skipped for a missing precondition:\n", nskips,
			nskips == 1 ? "" : "s");
	for (int i = 0; i < nskips && i < MAX_SKIPS; i++)
		fprintf(out, "  skipped %s\n", skips[i]);
	return nskips;
}

int ts_file_contains_anywhere(const char *path, const char *text)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, text) != NULL;
}

int ts_command_int(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	int n = -1;
	if (p) {
		if (fscanf(p, "%d", &n) != 1)
			n = -1;
		pclose(p);
	}
	return n;
}

void ts_plan_defaults(struct run_plan *p, enum command_kind command)
{
	struct run_options o;
	options_defaults(&o, command);
	options_plan(&o, p);
}

/* A side whose samples are `count` copies of one stack. */
void ts_profile_add_side(struct profile_set *set, const char *series, const char *method,
		     uint64_t chunk, int producer, const char *stack, uint64_t count, double cpu_s)
{
	struct run_record rec;
	memset(&rec, 0, sizeof(rec));
	snprintf(rec.series, sizeof(rec.series), "%s", series);
	snprintf(rec.method, sizeof(rec.method), "%s", method);
	rec.chunk = chunk;
	struct side_profile *p = NULL;
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 8;
		set->items = realloc(set->items, set->cap * sizeof(*set->items));
	}
	p = &set->items[set->n++];
	memset(p, 0, sizeof(*p));
	snprintf(p->series, sizeof(p->series), "%s", series);
	snprintf(p->method, sizeof(p->method), "%s", method);
	p->chunk = chunk;
	p->producer = producer;
	stack_counts_add(&p->stacks, stack, count);
	p->runs = 1;
	p->samples = count;
	p->sampled_s = cpu_s;
	p->cpu_s = cpu_s;
}

int ts_report_write(const struct run_record *r, size_t n, const char *csv, const char *dir,
		    const struct job_context *ctx, struct bx_error *err)
{
	struct job_facts *facts = NULL;
	int rc = job_facts_build(r, n, csv, ctx, &facts, err);
	if (rc == 0)
		rc = report_write(facts, dir, NULL, err);
	job_facts_free(facts);
	return rc;
}

int ts_answer_print(FILE *out, const struct run_record *r, size_t n, const char *report)
{
	struct job_facts *facts = NULL;
	struct bx_error err;
	if (job_facts_build(r, n, "runs.csv", NULL, &facts, &err) != 0)
		return 0;
	int lines = answer_print_reproduce(out, facts, report);
	job_facts_free(facts);
	return lines;
}
