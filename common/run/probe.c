/*
 * probe.c - a small, verified transfer to tell whether a method works here (see probe.h).
 */
#include "run/probe.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/source.h"
#include "base/verify.h"
#include "transfer/harness.h"

#define PROBE_CHUNK (64 * 1024)
#define PROBE_SLOTS 4

int probe_method(const struct method *m, const char *workdir, struct bx_error *err)
{
	char src[PATH_MAX], dst[PATH_MAX];
	snprintf(src, sizeof(src), "%s/bulkxfer-probe-src-XXXXXX", workdir);
	snprintf(dst, sizeof(dst), "%s/bulkxfer-probe-dst-XXXXXX", workdir);
	int sfd = mkstemp(src);
	if (sfd < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot create a probe file in '%s'", workdir);
	int dfd = mkstemp(dst);
	int rc = dfd < 0 ? -1 : source_write(sfd, PROBE_BYTES, SOURCE_DEFAULT_SEED);
	close(sfd);
	if (dfd >= 0)
		close(dfd);
	struct transfer_spec spec = {
		.method = m, .src_path = src, .dst_path = dst, .chunk = PROBE_CHUNK,
		.slots = PROBE_SLOTS, .verify = 1,
	};
	if (rc == 0)
		rc = verify_hash_path(src, &spec.src_hash, NULL);
	if (rc == 0) {
		struct run_record rec;
		rc = harness_transfer(&spec, &rec, err);
	} else {
		rc = bx_fail(err, BX_EXIT_FAILURE, "cannot write a probe file in '%s'", workdir);
	}
	unlink(src);
	if (dfd >= 0)
		unlink(dst);
	return rc;
}
