/*
 * entry.c - the libFuzzer entry point of one target of targets.c, chosen at build time with
 * -DFUZZ_TARGET_NAME='"runs_csv"' (one binary per target: each keeps its own corpus).
 */
#include <stdio.h>
#include <stdlib.h>

#include "targets.h"

static const struct fuzz_target *target;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	target = fuzz_target_find(FUZZ_TARGET_NAME);
	if (!target) {
		fprintf(stderr, "fuzz: no target %s\n", FUZZ_TARGET_NAME);
		exit(2);
	}
	atexit(fuzz_cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	return target->run(data, size);
}
