/*
 * fault_guard.c - SIGBUS and lease breaks as return values (see fault_guard.h).
 *
 * Why siglongjmp: after SIGBUS the faulting instruction would only fault again if the handler
 * returned, so the only ways out are dying or jumping.  The jump abandons the loop mid-chunk,
 * which is fine: the transfer is failed and everything it touched is torn down by the harness.
 */
#include "transfer/fault_guard.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>

static sigjmp_buf jump_back;
static volatile sig_atomic_t armed, caught;

static void on_fault(int sig)
{
	if (!armed) {
		/* Not inside a guarded loop: behave as if we were never here. */
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	caught = sig;
	armed = 0;
	siglongjmp(jump_back, 1);
}

int fault_guard_run(int (*transfer)(struct half_ctx *), struct half_ctx *ctx, int *signal_caught)
{
	struct sigaction sa, old_bus, old_lease;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fault;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &old_bus);
	sigaction(FAULT_LEASE_SIGNAL, &sa, &old_lease);
	caught = 0;
	int rc;
	if (sigsetjmp(jump_back, 1) == 0) {
		armed = 1;
		rc = transfer(ctx);
		armed = 0;
	} else {
		rc = -EFAULT;
		ctx->failed_call = caught == SIGBUS
			? "the mapped file shrank or could not grow (SIGBUS)"
			: "another process opened the source for writing or truncated it (lease break)";
	}
	sigaction(SIGBUS, &old_bus, NULL);
	sigaction(FAULT_LEASE_SIGNAL, &old_lease, NULL);
	*signal_caught = caught;
	return rc;
}

static int nothing_to_move(struct half_ctx *ctx)
{
	(void)ctx;
	return 0;
}

void fault_guard_warm(struct half_ctx *ctx, int *signal_caught)
{
	(void)fault_guard_run(nothing_to_move, ctx, signal_caught);
}

int fault_guard_lease(int fd)
{
	if (fcntl(fd, F_SETSIG, FAULT_LEASE_SIGNAL) < 0 || fcntl(fd, F_SETLEASE, F_RDLCK) < 0)
		return -errno;
	return 0;
}

void fault_guard_unlease(int fd)
{
	fcntl(fd, F_SETLEASE, F_UNLCK);
}
