/*
 * test_support.h - helpers shared by the CUnit suites: temp directories, file comparison, the
 * /dev/shm census, running the bulkxfer binary, and registering a table of tests as a suite.
 */
#ifndef BX_TEST_SUPPORT_H
#define BX_TEST_SUPPORT_H

#include <CUnit/CUnit.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "cli/options.h"

struct test_case {
	const char *name;
	CU_TestFunc fn;
};

/* Register the n tests of cases as the suite called name, with set-up and clean-up functions
 * (either may be NULL).  Returns 0 or -1. */
int ts_add_suite_with(const char *name, CU_InitializeFunc init, CU_CleanupFunc clean,
		      const struct test_case *cases, size_t n);
#define TS_ADD_SUITE(name, cases) \
	ts_add_suite_with(name, NULL, NULL, cases, sizeof(cases) / sizeof(cases[0]))
#define TS_ADD_SUITE_WITH(name, init, clean, cases) \
	ts_add_suite_with(name, init, clean, cases, sizeof(cases) / sizeof(cases[0]))

/* Make a new directory bulkxfer-test-* under $TMPDIR (the run's own, see ts_private_tmpdir);
 * its path into out (empty on failure). */
void ts_make_tempdir(char *out, size_t len);

/* Make a directory of this run's own under $TMPDIR (or /tmp) and point TMPDIR at it, for the
 * tests and the bulkxfer processes they start, so the leak census of a run sees only its own
 * files even when another run works beside it.  It is removed at exit (by this process only).
 * Returns 0 or -1. */
int ts_private_tmpdir(void);

/* Remove that directory and all in it now (the runner's last step). */
void ts_private_tmpdir_remove(void);

/* A case skipped for a missing precondition (a mount, a tool, free space): says so at once and
 * is counted; the runner lists every skip after its summary, so none is silent. */
void ts_skip(const char *suite_test, const char *why);

/* How many cases were skipped, and print them to out (one line each). */
int ts_skips_report(FILE *out);

/* Whether this kernel and sandbox let method m work at all: each half's usable() probe (a
 * container's seccomp refusing io_uring, say).  A method that cannot is skipped, saying why
 * (once per method), as bulkxfer itself leaves it out of --method all; returns 1 or 0. */
struct method;
int ts_method_usable(const struct method *m);

/* How many methods of the table are usable here (ts_method_usable). */
size_t ts_usable_methods(void);

/* Remove a directory tree made by ts_make_tempdir. */
void ts_remove_tree(const char *dir);

/* How many objects named bulkxfer* are in /dev/shm now. */
int ts_count_shm_objects(void);

/* Write size bytes of generated data (seed) to path.  Returns 0 or -errno. */
int ts_write_file(const char *path, uint64_t size, uint64_t seed);

/* 1 when both files exist and hold the same bytes, 0 otherwise. */
int ts_files_equal(const char *a, const char *b);

/* 1 when path exists. */
int ts_exists(const char *path);

/* Output and status of one run of the bulkxfer binary. */
struct ts_result {
	int exited;		/* 1 when it exited normally */
	int status;		/* its exit status */
	char out[65536];	/* stdout, truncated */
	char err[8192];		/* stderr, truncated */
};

/* Run the bulkxfer binary ($BULKXFER_BIN, default ./bulkxfer) with argv (NULL-terminated,
 * argv[0] included) and collect what it printed.  Returns 0 or -1 if it could not be run. */
int ts_run_bulkxfer(struct ts_result *r, const char *const argv[]);

/* Run `bulkxfer <line>` (line: space-separated words, split in place) and read the rows it
 * left in csv into *recs (a malloc'ed array the caller frees; NULL when none).  Returns how
 * many rows. */
struct run_record;
size_t ts_run_rows(struct ts_result *r, char *line, const char *csv, struct run_record **recs);

/* 1 when the first 4 KiB of the file at path hold text (a bulkxfer log). */
int ts_file_contains(const char *path, const char *text);

/* 1 when the file at path holds text anywhere in its first MiB (a report, say). */
int ts_file_contains_anywhere(const char *path, const char *text);

/* Run the shell command cmd and read the integer it prints; -1 when it cannot be run or prints
 * none. */
int ts_command_int(const char *cmd);

/* Count the lines of a file (-1 if it cannot be read). */
long ts_count_lines(const char *path);

/* The whole of path in a malloc'ed buffer with a NUL after its last byte (free it), its length
 * into *size when size is not NULL; NULL when it cannot be read. */
char *ts_read_file(const char *path, size_t *size);

/* Run argv[0] (a path, or a name looked up in PATH) with argv in directory cwd (NULL: the
 * current one) and collect what it printed.  Returns 0 or -1 if it could not be started (a
 * program that is not there exits 127). */
int ts_run_program(struct ts_result *r, const char *cwd, const char *const argv[]);

/* Like ts_run_bulkxfer, with RLIMIT_FSIZE set to fsize_limit bytes in the child. */
int ts_run_bulkxfer_limited(struct ts_result *r, const char *const argv[], long fsize_limit);

/* Start the bulkxfer binary in the background, stdout and stderr into err_path (both).
 * Returns its pid or -1. */
pid_t ts_spawn_bulkxfer(const char *const argv[], const char *err_path);

/* The same with BULKXFER_FAULT=fault in its environment (fault_inject.h; NULL = none). */
pid_t ts_spawn_bulkxfer_fault(const char *const argv[], const char *err_path, const char *fault);

/* Wait up to seconds for pid (a child of ours) to stop (SIGSTOP): 1 when it is stopped, 0 when
 * it ended or the time ran out. */
int ts_wait_stopped(pid_t pid, double seconds);

/* Wait up to seconds until the process pid (not necessarily ours) is in the stopped state 'T'.
 * Returns 1 when it is, 0 when it is gone or the time ran out. */
int ts_wait_state_stopped(pid_t pid, double seconds);

/* After a bulkxfer of ours was reaped: wait up to seconds for the orphans it left us (a
 * consumer forked as it died, which PR_SET_PDEATHSIG kills) and reap them.  Returns how many
 * were still alive at the end (then SIGKILLed and reaped too): 0 when nothing outlived it. */
int ts_reap_orphans(double seconds);

/* Every child of this process, alive or a zombie, SIGKILLed and reaped.  Returns how many there
 * were: 0 when the tests reaped all they started (the runner is a subreaper, so orphaned
 * grandchildren count too). */
int ts_reap_leftovers(void);

/* Wait up to seconds for pid; 1 and *status when it ended, 0 on time-out (still running). */
int ts_wait_for(pid_t pid, double seconds, int *status);

/* The first child of pid (from /proc), or 0 when it has none right now. */
pid_t ts_first_child(pid_t pid);

/* Wait up to seconds for pid to have a child (its consumer), looking once a millisecond: the
 * child's pid, or 0 when pid ended (or the time ran out) first. */
pid_t ts_wait_first_child(pid_t pid, double seconds);

/* The state letter ('R', 'S', 'Z', ...) a /proc stat file gives (/proc/PID/stat for a process,
 * /proc/self/task/TID/stat for a thread), or '?' when it cannot be read. */
char ts_proc_state(const char *stat_path);

/* 1 when the process exists and is not a zombie. */
int ts_alive(pid_t pid);

/* Make this process the reaper of orphaned descendants, so a test can waitpid() the consumer of
 * a bulkxfer it killed (the runner does this for every suite). */
void ts_become_subreaper(void);

/* What a suite leaves behind: children, /dev/shm objects and temp entries named bulkxfer*.
 * ts_leak_baseline() notes what is there before a suite; ts_leak_check(suite) names on stderr
 * everything new since (killing and reaping children, removing files) and returns how many. */
void ts_leak_baseline(void);
int ts_leak_check(const char *suite);

/* Every line of a CSV has as many commas (outside quotes) as its first: no torn rows.
 * Returns the number of data rows, or -1 when a row is torn or the file is unreadable. */
long ts_csv_rows_intact(const char *path);

/* The plan the defaults of command make (options_defaults, then options_plan), for the tests
 * that drive the runner or reproduce's rounds directly. */
void ts_plan_defaults(struct run_plan *p, enum command_kind command);

/* Add to *set a profiled side (one run, cpu_s of CPU) whose samples are `count` copies of one
 * folded stack: a profile with a known answer for the report's tests. */
struct profile_set;
void ts_profile_add_side(struct profile_set *set, const char *series, const char *method,
			 uint64_t chunk, int producer, const char *stack, uint64_t count,
			 double cpu_s);

/* The report of records r[0..n) (read from csv; ctx may be NULL) into dir, as reproduce and
 * `report` write it: the job's facts built once, then report_write.  Returns report_write's
 * status (or job_facts_build's). */
struct job_context;
struct bx_error;
int ts_report_write(const struct run_record *r, size_t n, const char *csv, const char *dir,
		    const struct job_context *ctx, struct bx_error *err);

/* The terminal answer of records r[0..n) into out (report: the path it ends with, or NULL).
 * Returns the lines printed. */
int ts_answer_print(FILE *out, const struct run_record *r, size_t n, const char *report);

#endif
