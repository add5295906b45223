/*
 * version.c - the release and the build's commit (version.h).  BULKXFER_COMMIT comes from the
 * Makefile, for this file alone, so a new commit rebuilds only it.
 */
#include "base/version.h"

#ifndef BULKXFER_COMMIT
#define BULKXFER_COMMIT "unknown"
#endif

const char *bulkxfer_version(void)
{
	return BULKXFER_VERSION;
}

const char *bulkxfer_commit(void)
{
	return BULKXFER_COMMIT[0] ? BULKXFER_COMMIT : "unknown";
}
