/*
 * fault_guard.h - a half's loop must end in an error, never in a core dump, when a file under a
 * mapping changes: a source truncated by another process raises SIGBUS on the next touch of a
 * page past its new end (and a destination mapping on a full filesystem does the same).  The
 * guard turns SIGBUS, and the signal of a broken read lease on the source, into a return value.
 */
#ifndef BX_FAULT_GUARD_H
#define BX_FAULT_GUARD_H

#include "method/half.h"

/* The signal a lease break sends (F_SETSIG), so it cannot be confused with SIGIO from elsewhere. */
#define FAULT_LEASE_SIGNAL (SIGRTMIN + 3)

/* Run transfer(ctx).  If SIGBUS or FAULT_LEASE_SIGNAL arrives meanwhile, stop it and return
 * -EFAULT with *signal_caught set to that signal (else 0) and ctx->failed_call saying what
 * happened.  The previous handlers are restored before returning. */
int fault_guard_run(int (*transfer)(struct half_ctx *), struct half_ctx *ctx, int *signal_caught);

/* fault_guard_run once around a transfer that moves nothing, before a clock starts, with the
 * signal_caught the timed run will use.  Why: the guard's first run in a process is page
 * faults.  A forked consumer first executes the guard's code (fork copies no page-table entries
 * for program text), first writes its globals and stack (copy-on-write after fork, in the
 * parent as well) and first writes *signal_caught, which sits in memory shared with the parent
 * (fork copies no entries for that either); inside the clock those faults were most of a
 * consumer's minor faults a run, each tens of microseconds on a paravirtualised guest, which a
 * hand-written loop with no guard never pays. */
void fault_guard_warm(struct half_ctx *ctx, int *signal_caught);

/* Ask for a read lease on fd (opened read-only), so that another process opening the source for
 * writing or truncating it makes the kernel signal us first (and wait for us to let go).
 * Returns 0, or -errno when the kernel does not grant one (not the owner, the file is open for
 * writing elsewhere, leases disabled): then SIGBUS and the after-the-fact checks remain. */
int fault_guard_lease(int fd);

/* Give the lease up (no-op without one), letting a blocked writer or truncate go on. */
void fault_guard_unlease(int fd);

#endif
