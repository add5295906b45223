/*
 * injected_errno.h - a testing aid for refusals: the errno a test asks a system call to fail
 * with, named in an environment variable, so the paths a kernel or sandbox refusal takes can be
 * tested without a seccomp filter.  Inert unless the variable is set.
 */
#ifndef BX_INJECTED_ERRNO_H
#define BX_INJECTED_ERRNO_H

/* A testing aid for refusals: the errno named by environment variable var (EACCES, EPERM,
 * ENOENT, ENOSYS, EINVAL, ENODEV, EOPNOTSUPP; any other text: EINVAL), or 0 when var is unset
 * or empty.  The sampler (BULKXFER_PERF_FAIL) and the io_uring halves (BULKXFER_URING_FAIL,
 * BULKXFER_URING_ZC_FAIL) inject the refusal a kernel or sandbox would give. */
int injected_errno(const char *var);

#endif
