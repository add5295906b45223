/*
 * version.h - which bulkxfer this is: the release (the man page's and, later, the package's
 * version) and the commit it was built from, so --version and a report's provenance can say
 * exactly what produced them.
 */
#ifndef BX_VERSION_H
#define BX_VERSION_H

#define BULKXFER_VERSION "0.4.0"

/* The release, "0.4.0". */
const char *bulkxfer_version(void);

/* The commit the binary was built from (git's short hash, set by the Makefile), or "unknown"
 * when it was built outside a git checkout. */
const char *bulkxfer_commit(void);

#endif
