/*
 * fault_inject.c - the armed fault, parsed once from BULKXFER_FAULT (see fault_inject.h).
 *
 * Why a process-wide plan and not a field of the transfer: the fault tests drive the real
 * binary from outside, as a user would, and the consumer is a fork that inherits the plan.
 */
#include "transfer/fault_inject.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/units.h"

enum fault_action { FAULT_KILL, FAULT_EIO, FAULT_STOP };

static struct {
	int armed;
	enum channel_side side;
	enum fault_point point;
	uint64_t bytes;			/* FAULT_POINT_BYTES: fire when the count reaches this */
	enum fault_action action;
	unsigned long transfer;		/* fire in this transfer only (1 = the first); 0: in all */
} plan;

/* Transfers this process has begun (a forked consumer inherits the count of its own). */
static unsigned long transfers_begun;

/* The failing call's name with the reason beside it, so nobody mistakes it for a real EIO.
 * One per process: each half runs in its own. */
static char injected_call[128];

static const char *const action_names[] = { "kill", "eio", "stop" };

static int parse_point(const char *text, size_t len, struct bx_error *err)
{
	char buf[64];
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	if (strcmp(buf, "start") == 0) {
		plan.point = FAULT_POINT_START;
	} else if (strcmp(buf, "end") == 0) {
		plan.point = FAULT_POINT_END;
	} else if (strncmp(buf, "bytes=", 6) == 0 && units_parse_size(buf + 6, &plan.bytes) == 0 &&
		   plan.bytes > 0) {
		plan.point = FAULT_POINT_BYTES;
	} else {
		return bx_fail(err, BX_EXIT_USAGE,
			       "%s: point '%s' is not start, end or bytes=N (N a size above 0)",
			       FAULT_INJECT_ENV, buf);
	}
	return 0;
}

int fault_inject_configure(const char *spec, struct bx_error *err)
{
	plan.armed = 0;
	if (!spec || !spec[0])
		return 0;
	const char *c1 = strchr(spec, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	if (!c2)
		return bx_fail(err, BX_EXIT_USAGE, "%s='%s': expected SIDE:POINT:ACTION, e.g. "
			       "consumer:bytes=512K:kill", FAULT_INJECT_ENV, spec);
	size_t side_len = (size_t)(c1 - spec);
	if (side_len == 8 && strncmp(spec, "producer", 8) == 0)
		plan.side = CHANNEL_PRODUCER_SIDE;
	else if (side_len == 8 && strncmp(spec, "consumer", 8) == 0)
		plan.side = CHANNEL_CONSUMER_SIDE;
	else
		return bx_fail(err, BX_EXIT_USAGE, "%s='%s': the side is producer or consumer",
			       FAULT_INJECT_ENV, spec);
	int rc = parse_point(c1 + 1, (size_t)(c2 - c1 - 1), err);
	if (rc)
		return rc;
	const char *c3 = strchr(c2 + 1, ':');
	size_t action_len = c3 ? (size_t)(c3 - c2 - 1) : strlen(c2 + 1);
	size_t a;
	for (a = 0; a < sizeof(action_names) / sizeof(action_names[0]); a++)
		if (strlen(action_names[a]) == action_len &&
		    strncmp(c2 + 1, action_names[a], action_len) == 0)
			break;
	if (a == sizeof(action_names) / sizeof(action_names[0]))
		return bx_fail(err, BX_EXIT_USAGE, "%s='%s': the action is kill, eio or stop",
			       FAULT_INJECT_ENV, spec);
	plan.transfer = 0;
	if (c3) {
		char *end;
		errno = 0;
		unsigned long n = strtoul(c3 + 1, &end, 10);
		if (c3[1] < '1' || c3[1] > '9' || *end || errno)
			return bx_fail(err, BX_EXIT_USAGE, "%s='%s': the transfer is a whole "
				       "number from 1", FAULT_INJECT_ENV, spec);
		plan.transfer = n;
	}
	plan.action = (enum fault_action)a;
	plan.armed = 1;
	return 0;
}

void fault_inject_transfer_begins(void)
{
	transfers_begun++;
}

/* Armed for side, in the transfer this process is making. */
static int armed_for(enum channel_side side)
{
	return plan.armed && plan.side == side &&
	       (plan.transfer == 0 || plan.transfer == transfers_begun);
}

uint64_t fault_inject_bytes_threshold(enum channel_side side)
{
	return armed_for(side) && plan.point == FAULT_POINT_BYTES ? plan.bytes : UINT64_MAX;
}

static int fire(struct half_ctx *ctx, const char *call)
{
	switch (plan.action) {
	case FAULT_KILL:
		raise(SIGKILL);
		break;	/* not reached */
	case FAULT_STOP:
		raise(SIGSTOP);	/* returns once continued */
		return 0;
	case FAULT_EIO:
		break;
	}
	snprintf(injected_call, sizeof(injected_call), "%s [injected by %s]",
		 call ? call : "the half's call", FAULT_INJECT_ENV);
	return half_fail(ctx, injected_call, EIO);
}

int fault_inject_point(enum fault_point point, enum channel_side side, struct half_ctx *ctx,
		       const char *call)
{
	if (!armed_for(side) || plan.point != point)
		return 0;
	return fire(ctx, call);
}

int fault_inject_fire_bytes(struct half_ctx *ctx, const char *call)
{
	ctx->fault_at_bytes = UINT64_MAX;	/* once per half */
	return fire(ctx, call);
}

