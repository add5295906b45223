/*
 * test_soak.c - the soak (`make soak`, not `make test`): SIGKILL at random moments, many times
 * per method, to look for what the named fault points (test_faults.c) do not reach.  Each trial
 * is one transfer, and every outcome is explained, so the harness's own slowness can never be
 * counted as a miss:
 *   the kill landed while the consumer ran  -> bulkxfer exits 1 naming signal 9, records nothing;
 *   the consumer had already finished       -> bulkxfer exits 0 with one complete, verified row;
 * anything else (a hang, another exit, a torn row, a leftover) fails.  It reports how many kills
 * landed mid-transfer, so a reader sees what it covered.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "catalog/methods.h"
#include "test_support.h"

#define SOAK_TRIALS 40		/* per method and kind; BULKXFER_SOAK_TRIALS overrides */
#define SOAK_WAIT_S 60		/* a bound for what takes a fraction of a second */
#define SOAK_MAX_DELAY_US 40000	/* kills land within this long of the consumer's start */

static char dir[64];
static unsigned seed;

static int soak_init(void)
{
	ts_make_tempdir(dir, sizeof(dir));
	seed = (unsigned)time(NULL) ^ (unsigned)getpid();
	return dir[0] ? 0 : -1;
}

static int soak_clean(void)
{
	ts_remove_tree(dir);
	return 0;
}

static int trials(void)
{
	const char *t = getenv("BULKXFER_SOAK_TRIALS");
	int n = t ? atoi(t) : SOAK_TRIALS;
	return n > 0 ? n : SOAK_TRIALS;
}

/* One transfer of method, started in the background; its files are dir/soak.{csv,log}. */
static pid_t start_one(const char *method, char *csv, char *log, size_t len)
{
	snprintf(csv, len, "%s/soak.csv", dir);
	snprintf(log, len, "%s/soak.log", dir);
	unlink(csv);
	const char *argv[] = { "bulkxfer", "run", "--method", method, "--size", "32M", "--chunk",
			       "64K", "--runs", "1", "--warmup", "0", "--no-prime", "--no-settle",
			       "--workdir", dir, "--csv", csv, NULL };
	return ts_spawn_bulkxfer(argv, log);
}

static void test_consumer_killed_at_random(void)
{
	for (size_t m = 0; m < methods_count(); m++) {
		const char *name = methods_at(m)->name;
		int landed = 0, late = 0, bad = 0, n = trials();
		for (int t = 0; t < n && !bad; t++) {
			char csv[128], log[128];
			pid_t pid = start_one(name, csv, log, sizeof(csv));
			pid_t consumer = ts_wait_first_child(pid, SOAK_WAIT_S);
			if (consumer > 0) {
				usleep((useconds_t)(rand_r(&seed) % SOAK_MAX_DELAY_US));
				kill(consumer, SIGKILL);
			}
			int status = 0;
			if (!ts_wait_for(pid, SOAK_WAIT_S, &status)) {
				fprintf(stderr, "\n  %s: bulkxfer hung after its consumer was killed\n", name);
				kill(pid, SIGKILL);
				ts_wait_for(pid, SOAK_WAIT_S, &status);
				bad++;
				continue;
			}
			long rows = ts_csv_rows_intact(csv);
			if (WIFEXITED(status) && WEXITSTATUS(status) == 1 &&
			    ts_file_contains(log, "killed by signal 9") && rows <= 0)
				landed++;
			else if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && rows == 1)
				late++;
			else {
				fprintf(stderr, "\n  %s: exit %d, %ld rows: an outcome no kill explains\n",
					name, WIFEXITED(status) ? WEXITSTATUS(status) : -1, rows);
				bad++;
			}
			bad += ts_reap_leftovers();
			unlink(csv);
			unlink(log);
		}
		CU_ASSERT_EQUAL(bad, 0);
		fprintf(stderr, "\n  %-14s %3d kills mid-transfer, %3d after the consumer finished", name,
			landed, late);
	}
}

static void test_bulkxfer_killed_at_random(void)
{
	for (size_t m = 0; m < methods_count(); m++) {
		const char *name = methods_at(m)->name;
		int held = 0, bad = 0, n = trials();
		for (int t = 0; t < n && !bad; t++) {
			char csv[128], log[128];
			pid_t pid = start_one(name, csv, log, sizeof(csv));
			pid_t consumer = ts_wait_first_child(pid, SOAK_WAIT_S);
			usleep((useconds_t)(rand_r(&seed) % SOAK_MAX_DELAY_US));
			kill(pid, SIGKILL);
			int status = 0;
			ts_wait_for(pid, SOAK_WAIT_S, &status);
			/* Reaped bulkxfer: its consumer, if any, is ours now and must go at once. */
			if (consumer > 0 && !ts_wait_for(consumer, 10, &status)) {
				fprintf(stderr, "\n  %s: consumer %ld outlived bulkxfer\n", name,
					(long)consumer);
				bad++;
			}
			held += consumer > 0;
			if (ts_csv_rows_intact(csv) > 1 || (ts_exists(csv) && ts_csv_rows_intact(csv) < 0)) {
				fprintf(stderr, "\n  %s: a torn or extra row after the kill\n", name);
				bad++;
			}
			bad += ts_reap_leftovers();
			unlink(csv);
			unlink(log);
		}
		CU_ASSERT_EQUAL(bad, 0);
		fprintf(stderr, "\n  %-14s %3d kills of bulkxfer with a consumer running", name, held);
	}
}

int register_soak_suite(void)
{
	static const struct test_case cases[] = {
		{ "consumer_killed_at_random", test_consumer_killed_at_random },
		{ "bulkxfer_killed_at_random", test_bulkxfer_killed_at_random },
	};
	return TS_ADD_SUITE_WITH("soak", soak_init, soak_clean, cases);
}
