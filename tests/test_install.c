/*
 * test_install.c - bulkxfer as an installed tool.  `make install` into a temporary DESTDIR puts
 * the binary, the gnuplot scripts, the man page and the bash completion where Debian expects
 * them; the installed binary, run from another directory with BULKXFER_PLOTS_DIR unset, renders a
 * report with its own copy of the scripts, and with that copy gone it fails naming it (so it never
 * fell back on the source tree's); `make uninstall` removes exactly what install put there.  The
 * bash completion, sourced in bash, completes commands, options, methods and halves, all asked of
 * the binary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_support.h"

#define PREFIX "/usr"

/* The files install must make, relative to DESTDIR. */
static const char *const installed[] = {
	PREFIX "/bin/bulkxfer",
	PREFIX "/share/bulkxfer/plots/common.gp",
	PREFIX "/share/bulkxfer/plots/cpu.gp",
	PREFIX "/share/man/man1/bulkxfer.1",
	PREFIX "/share/bash-completion/completions/bulkxfer",
};

static const char *tree_bin(void)
{
	const char *bin = getenv("BULKXFER_BIN");
	return bin ? bin : "./bulkxfer";
}

/* `make -o BIN TARGET BIN=... DESTDIR=dest PREFIX=/usr` in the source tree: -o takes the binary
 * under test as it is (a sanitizer build stays one). */
static int make_target(const char *target, const char *dest, struct ts_result *r)
{
	char bin[512], destdir[300], old[520];
	snprintf(bin, sizeof(bin), "BIN=%s", tree_bin());
	snprintf(old, sizeof(old), "--old-file=%s", tree_bin());
	snprintf(destdir, sizeof(destdir), "DESTDIR=%s", dest);
	const char *argv[] = { "make", "-s", "--no-print-directory", old, target, bin, destdir,
			       "PREFIX=" PREFIX, NULL };
	if (ts_run_program(r, NULL, argv) != 0)
		return -1;
	if (r->status != 0)
		fprintf(stderr, "\n  make %s: %s%s\n", target, r->out, r->err);
	return r->status;
}

/* How many regular files are under dir (recursively). */
static int count_files(const char *dir)
{
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "find '%s' -type f | wc -l", dir);
	return ts_command_int(cmd);
}

static void test_install_run_uninstall(void)
{
	char dest[64], work[64], path[512];
	ts_make_tempdir(dest, sizeof(dest));
	ts_make_tempdir(work, sizeof(work));
	struct ts_result *r = malloc(sizeof(*r));
	CU_ASSERT_EQUAL_FATAL(make_target("install", dest, r), 0);
	for (size_t i = 0; i < sizeof(installed) / sizeof(installed[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", dest, installed[i]);
		CU_ASSERT_TRUE(ts_exists(path));
		if (!ts_exists(path))
			fprintf(stderr, "\n  not installed: %s\n", path);
	}
	/* The installed binary, from another directory, its plots found beside its prefix. */
	char *saved = getenv("BULKXFER_PLOTS_DIR") ? strdup(getenv("BULKXFER_PLOTS_DIR")) : NULL;
	unsetenv("BULKXFER_PLOTS_DIR");
	char bin[300], csv[128], out[128];
	snprintf(bin, sizeof(bin), "%s" PREFIX "/bin/bulkxfer", dest);
	snprintf(csv, sizeof(csv), "%s/runs.csv", work);
	snprintf(out, sizeof(out), "%s/rep", work);
	const char *run[] = { bin, "run", "--method", "pipe,splice", "--size", "1M", "--runs", "2",
			      "--warmup", "0", "--workdir", work, "--csv", csv, NULL };
	CU_ASSERT_EQUAL(ts_run_program(r, work, run), 0);
	CU_ASSERT_EQUAL(r->status, 0);
	const char *report[] = { bin, "report", "--csv", csv, "--out", out, NULL };
	CU_ASSERT_EQUAL(ts_run_program(r, work, report), 0);
	CU_ASSERT_EQUAL(r->status, 0);
	if (r->status)
		fprintf(stderr, "\n  installed report: %s\n", r->err);
	snprintf(path, sizeof(path), "%s/cpu.png", out);
	CU_ASSERT_TRUE(ts_exists(path));
	/* Its own copy gone, it fails naming that copy: it was never using the tree's. */
	char plots[300], away[310];
	snprintf(plots, sizeof(plots), "%s" PREFIX "/share/bulkxfer/plots", dest);
	snprintf(away, sizeof(away), "%s.away", plots);
	CU_ASSERT_EQUAL_FATAL(rename(plots, away), 0);
	CU_ASSERT_EQUAL(ts_run_program(r, work, report), 0);
	CU_ASSERT_EQUAL(r->status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, PREFIX "/share/bulkxfer/plots/"));
	CU_ASSERT_EQUAL(rename(away, plots), 0);
	if (saved) {
		setenv("BULKXFER_PLOTS_DIR", saved, 1);
		free(saved);
	}
	/* Uninstall leaves no file behind, and nothing else was touched. */
	CU_ASSERT_EQUAL(make_target("uninstall", dest, r), 0);
	CU_ASSERT_EQUAL(count_files(dest), 0);
	snprintf(path, sizeof(path), "%s" PREFIX "/share/bulkxfer", dest);
	CU_ASSERT_FALSE(ts_exists(path));
	free(r);
	ts_remove_tree(dest);
	ts_remove_tree(work);
}

/* The completions bash offers for the words of a command line (the last one being completed),
 * one a line, into r->out. */
static void complete(const char *words, struct ts_result *r)
{
	char script[1024];
	snprintf(script, sizeof(script),
		 "source completions/bulkxfer && COMP_WORDS=(%s %s) && "
		 "COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) && _bulkxfer && "
		 "printf '%%s\\n' \"${COMPREPLY[@]}\"", tree_bin(), words);
	const char *argv[] = { "bash", "-c", script, NULL };
	CU_ASSERT_EQUAL(ts_run_program(r, NULL, argv), 0);
	CU_ASSERT_EQUAL(r->status, 0);
}

static void test_bash_completion(void)
{
	static const struct {
		const char *words, *expected;	/* the whole completion list */
	} cases[] = {
		{ "re", "reproduce\nreport\n" },
		{ "run --sp", "--spin\n" },
		{ "run --method sp", "splice\n" },
		{ "run --method pipe,sp", "pipe,splice\n" },
		{ "run --consumer shm", "shm\nshm-whole\nshm-rw\n" },
		{ "run --producer vm", "vmsplice\nvmsplice-gift\n" },
		{ "run --sink-by s", "splice\n" },
		{ "run --sink-by k", "keep\nkeep-fresh\n" },
		{ "list --h", "--halves\n" },
		{ "report --c", "--csv\n" },
		{ "run --cpu s", "same\nsplit\n" },
	};
	struct ts_result *r = malloc(sizeof(*r));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		complete(cases[i].words, r);
		CU_ASSERT_STRING_EQUAL(r->out, cases[i].expected);
		if (strcmp(r->out, cases[i].expected) != 0)
			fprintf(stderr, "\n  bulkxfer %s<TAB>: got '%s', want '%s'\n", cases[i].words,
				r->out, cases[i].expected);
	}
	/* Every method the binary lists completes: nothing in the script names them. */
	const char *list[] = { tree_bin(), "list", "--names", NULL };
	CU_ASSERT_EQUAL(ts_run_program(r, NULL, list), 0);
	static char names[sizeof(r->out)];
	memcpy(names, r->out, sizeof(names));
	complete("run --method ''", r);
	for (char *name = strtok(names, "\n"); name; name = strtok(NULL, "\n")) {
		char line[64];
		snprintf(line, sizeof(line), "%s\n", name);
		CU_ASSERT_PTR_NOT_NULL(strstr(r->out, line));
	}
	free(r);
}

int register_install_suite(void)
{
	static const struct test_case cases[] = {
		{ "install_run_uninstall", test_install_run_uninstall },
		{ "bash_completion", test_bash_completion },
	};
	return TS_ADD_SUITE("install", cases);
}
