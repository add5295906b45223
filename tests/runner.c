/*
 * runner.c - the CUnit test runner: `run_tests` runs every suite, `run_tests SUITE` one suite,
 * `run_tests SUITE TEST` one test, `run_tests --skip SUITE[,SUITE]` all but those.  Exits
 * non-zero whenever an assertion failed (CUnit's own CU_get_error() stays 0 then, the trap fio's
 * runner fell into), 2 for an unknown name.  Failures are listed again after the summary.
 */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

#include "test_support.h"

typedef int (*suite_registrar)(void);

int register_units_suite(void);
int register_stats_suite(void);
int register_verdict_suite(void);
int register_sequential_suite(void);
int register_model_suite(void);
int register_source_suite(void);
int register_results_suite(void);
int register_options_suite(void);
int register_roundtrip_suite(void);
int register_harness_suite(void);
int register_report_suite(void);
int register_explain_suite(void);
int register_faults_suite(void);
int register_big_suite(void);
int register_soak_suite(void);
int register_steady_suite(void);
int register_cli_suite(void);
int register_install_suite(void);
int register_manpage_suite(void);
int register_system_suite(void);
int register_compare_suite(void);
int register_profile_suite(void);
int register_profile_run_suite(void);
int register_first_touch_suite(void);
int register_unit_explain_suite(void);
int register_syscall_count_suite(void);
int register_plot_data_suite(void);
int register_memory_suite(void);
int register_keep_suite(void);
int register_decision_suite(void);
int register_uring_suite(void);
int register_layout_suite(void);
int register_fuzz_inputs_suite(void);

static const suite_registrar registrars[] = {
	register_units_suite,
	register_stats_suite,
	register_verdict_suite,
	register_sequential_suite,
	register_model_suite,
	register_source_suite,
	register_results_suite,
	register_options_suite,
	register_roundtrip_suite,
	register_harness_suite,
	register_report_suite,
	register_explain_suite,
	register_cli_suite,
	register_install_suite,
	register_manpage_suite,
	register_system_suite,
	register_compare_suite,
	register_profile_suite,
	register_first_touch_suite,
	register_unit_explain_suite,
	register_syscall_count_suite,
	register_plot_data_suite,
	register_profile_run_suite,
	register_memory_suite,
	register_keep_suite,
	register_decision_suite,
	register_uring_suite,
	register_layout_suite,
	register_faults_suite,
	register_fuzz_inputs_suite,
	register_steady_suite,
	register_big_suite,
	register_soak_suite,
};

/* Repeat the failures after the summary: a CI log is often read from its tail, and the inline
 * "...FAILED" lines may be far above it.  A suite skipped with --skip is no failure. */
static void list_failures_again(void)
{
	printf("\nrun_tests: what failed:\n");
	for (CU_pFailureRecord f = CU_get_failure_list(); f; f = f->pNext) {
		if (f->type == CUF_SuiteInactive)
			continue;
		printf("  suite %s, test %s: %s:%u: %s\n", f->pSuite ? f->pSuite->pName : "?",
		       f->pTest ? f->pTest->pName : "(set-up or clean-up)",
		       f->strFileName ? f->strFileName : "?", f->uiLineNumber,
		       f->strCondition ? f->strCondition : "?");
	}
	fflush(stdout);
}

int main(int argc, char **argv)
{
	/* Orphans of the bulkxfer processes a test starts become ours, so no test can leave one
	 * running unseen: the census after each suite (test_support.c) reaps them and fails it. */
	ts_become_subreaper();
	/* A temporary directory of this run's own, as TMPDIR for the tests and every bulkxfer they
	 * start: the leak census looks there, so two runs at once on one machine (a suite beside a
	 * CI clone's) never take each other's files for leaks and delete them. */
	if (ts_private_tmpdir() != 0) {
		fprintf(stderr, "run_tests: cannot make a private temporary directory\n");
		return 1;
	}
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	for (size_t i = 0; i < sizeof(registrars) / sizeof(registrars[0]); i++) {
		if (registrars[i]() != 0) {
			fprintf(stderr, "run_tests: cannot register suite %zu\n", i);
			CU_cleanup_registry();
			return 1;
		}
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	int rc = 0;
	if (argc > 2 && strcmp(argv[1], "--skip") == 0) {
		char list[256];
		snprintf(list, sizeof(list), "%s", argv[2]);
		for (char *save, *name = strtok_r(list, ",", &save); name;
		     name = strtok_r(NULL, ",", &save)) {
			CU_pSuite suite = CU_get_suite(name);
			if (!suite) {
				fprintf(stderr, "run_tests: no such suite '%s'\n", name);
				CU_cleanup_registry();
				return 2;
			}
			CU_set_suite_active(suite, CU_FALSE);
		}
		argc = 1;
	}
	if (argc > 1) {
		CU_pSuite suite = CU_get_suite(argv[1]);
		CU_pTest test = suite && argc > 2 ? CU_get_test(suite, argv[2]) : NULL;
		if (!suite || (argc > 2 && !test)) {
			fprintf(stderr, "run_tests: no such %s '%s'\n", suite ? "test" : "suite",
				suite ? argv[2] : argv[1]);
			CU_cleanup_registry();
			return 2;
		}
		if (test)
			CU_basic_run_test(suite, test);
		else
			CU_basic_run_suite(suite);
	} else {
		CU_basic_run_tests();
	}
	/* Failed asserts, failed suite set-ups, or a framework error; an inactive suite skipped with
	 * --skip makes CUnit report CUE_SUITE_INACTIVE, which is no failure. */
	CU_ErrorCode error = CU_get_error();
	if (CU_get_number_of_failures() > 0 || CU_get_number_of_suites_failed() > 0 ||
	    (error != CUE_SUCCESS && error != CUE_SUITE_INACTIVE))
		rc = 1;
	ts_skips_report(stdout);
	if (rc)
		list_failures_again();
	CU_cleanup_registry();
	ts_private_tmpdir_remove();
	return rc;
}
