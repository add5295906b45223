/*
 * test_fuzz_inputs.c - every fuzz target (tests/fuzz/targets.c) on every seed and on every input
 * a fuzzer found a bug with (tests/fuzz/found/<target>/, one file per finding, named for what
 * it broke), so a fixed bug stays fixed: under `make test` the targets' own checks (one line,
 * naming the file) and under `make sanitize` the address and undefined-behaviour checks too.
 * Each input runs in a child process, so one that crashes fails its test, not the suite.
 */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz/targets.h"
#include "test_support.h"

#define FUZZ_DIR "tests/fuzz"

/* Run target on the file path in a child; 1 when it returned normally. */
static int survives(const struct fuzz_target *t, const char *path)
{
	size_t size = 0;
	uint8_t *data = (uint8_t *)ts_read_file(path, &size);
	if (!data)
		return 0;
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		t->run(data, size);
		fuzz_cleanup();
		_exit(0);
	}
	free(data);
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Every file of FUZZ_DIR/kind/<target>/ through its target; the number run into *ran. */
static void run_folder(const char *kind, size_t *ran)
{
	size_t n;
	const struct fuzz_target *targets = fuzz_targets(&n);
	for (size_t i = 0; i < n; i++) {
		char dir[256];
		snprintf(dir, sizeof(dir), FUZZ_DIR "/%s/%s", kind, targets[i].name);
		DIR *d = opendir(dir);
		if (!d)
			continue;
		for (struct dirent *e; (e = readdir(d)) != NULL;) {
			if (e->d_name[0] == '.')
				continue;
			char path[512];
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			int ok = survives(&targets[i], path);
			if (!ok)
				fprintf(stderr, "\n  fuzz input failed: %s\n", path);
			CU_ASSERT(ok);
			(*ran)++;
		}
		closedir(d);
	}
}

static void test_every_seed_reads(void)
{
	size_t ran = 0;
	run_folder("seeds", &ran);
	CU_ASSERT(ran >= 9);	/* every target has seeds */
}

static void test_every_found_input_stays_fixed(void)
{
	size_t ran = 0;
	run_folder("found", &ran);
	CU_ASSERT(ran >= 3);
}

/* Each target has a seed folder (make fuzz runs the targets that have one). */
static void test_every_target_has_seeds(void)
{
	size_t n;
	const struct fuzz_target *targets = fuzz_targets(&n);
	for (size_t i = 0; i < n; i++) {
		char dir[256];
		struct stat st;
		snprintf(dir, sizeof(dir), FUZZ_DIR "/seeds/%s", targets[i].name);
		CU_ASSERT(stat(dir, &st) == 0 && S_ISDIR(st.st_mode));
	}
}

/* The checks of the targets are real: a message with a newline (what an argument with a newline
 * in it made before bx_fail showed control characters as '?') is a broken promise, as a child
 * that aborts. */
static void test_messages_show_control_characters_as_question_marks(void)
{
	const struct fuzz_target *t = fuzz_target_find("options");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	static const char arg[] = "\0--nonsense\nline two";	/* command 0 (run), one argument */
	char dir[256], path[300];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/input", dir);
	FILE *f = fopen(path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fwrite(arg, 1, sizeof(arg) - 1, f);
	fclose(f);
	CU_ASSERT(survives(t, path));	/* the message shows '?' for the newline */
	struct bx_error err = { 0 };
	bx_fail(&err, 2, "unexpected argument '%s'", "a\nb\x1b[31m");
	CU_ASSERT_STRING_EQUAL(err.msg, "unexpected argument 'a?b?[31m'");
	ts_remove_tree(dir);
}

int register_fuzz_inputs_suite(void)
{
	static const struct test_case cases[] = {
		{ "every_target_has_seeds", test_every_target_has_seeds },
		{ "every_seed_reads", test_every_seed_reads },
		{ "every_found_input_stays_fixed", test_every_found_input_stays_fixed },
		{ "messages_show_control_characters", test_messages_show_control_characters_as_question_marks },
	};
	return TS_ADD_SUITE("fuzz_inputs", cases);
}
