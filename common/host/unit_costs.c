/*
 * unit_costs.c - the job's unit costs, gathered and kept in unit-costs.csv (unit_costs.h).
 */
#include "host/unit_costs.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/output_file.h"

#define HEADER "quantity,value"

/* The file's rows: name and where the figure lives. */
static const struct { const char *name; size_t offset; } rows[] = {
	{ "fault_s", offsetof(struct unit_costs, fault_s) },
	{ "syscall_s", offsetof(struct unit_costs, syscall_s) },
	{ "wakeup_s", offsetof(struct unit_costs, wakeup_s) },
	{ "memcpy_gib_s", offsetof(struct unit_costs, memcpy_gib_s) },
	{ "kernel_copy_gib_s", offsetof(struct unit_costs, kernel_copy_gib_s) },
	{ "memcpy_into_4k_gib_s", offsetof(struct unit_costs, memcpy_reused_gib_s[0]) },
	{ "memcpy_into_16k_gib_s", offsetof(struct unit_costs, memcpy_reused_gib_s[1]) },
	{ "memcpy_into_64k_gib_s", offsetof(struct unit_costs, memcpy_reused_gib_s[2]) },
	{ "memcpy_into_256k_gib_s", offsetof(struct unit_costs, memcpy_reused_gib_s[3]) },
	{ "memcpy_into_1m_gib_s", offsetof(struct unit_costs, memcpy_reused_gib_s[4]) },
	{ "memcpy_into_4m_gib_s", offsetof(struct unit_costs, memcpy_reused_gib_s[5]) },
};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

void unit_costs_of(const struct machine_limits *l, const struct primitive_costs *p,
		   struct unit_costs *out)
{
	memset(out, 0, sizeof(*out));
	if (p) {
		out->fault_s = p->fault_s;
		out->syscall_s = p->syscall_s;
		out->wakeup_s = p->wakeup_s;
	}
	if (l) {
		out->memcpy_gib_s = l->memcpy_gib_s;
		memcpy(out->memcpy_reused_gib_s, l->memcpy_reused_gib_s,
		       sizeof(out->memcpy_reused_gib_s));
		out->kernel_copy_gib_s = l->kernel_copy_gib_s;
	}
}

int unit_costs_known(const struct unit_costs *u)
{
	return u->fault_s > 0 || u->syscall_s > 0 || u->wakeup_s > 0 || u->memcpy_gib_s > 0 ||
	       u->kernel_copy_gib_s > 0;
}

int unit_costs_write(const char *path, const struct unit_costs *u)
{
	struct output_file out;
	FILE *f = output_file_open(&out, path);
	if (!f)
		return -errno;
	fprintf(f, "%s\n", HEADER);
	for (size_t i = 0; i < NROWS; i++)
		fprintf(f, "%s,%.9g\n", rows[i].name,
			*(const double *)((const char *)u + rows[i].offset));
	return output_file_close(&out, 1);
}

int unit_costs_read(const char *path, struct unit_costs *u, struct bx_error *err)
{
	memset(u, 0, sizeof(*u));
	FILE *f = fopen(path, "r");
	if (!f)
		return errno == ENOENT ? -ENOENT :
		       bx_fail(err, BX_EXIT_USAGE, "cannot read '%s': %s", path, strerror(errno));
	char line[256];
	int rc = 0;
	for (size_t no = 1; rc == 0 && fgets(line, sizeof(line), f); no++) {
		line[strcspn(line, "\r\n")] = '\0';
		if (no == 1) {
			if (strcmp(line, HEADER) != 0)
				rc = bx_fail(err, BX_EXIT_USAGE, "'%s' is no unit-costs file: its first "
					     "line is not \"" HEADER "\"", path);
			continue;
		}
		char *comma = strchr(line, ',');
		char *end = NULL;
		double v = comma ? strtod(comma + 1, &end) : 0;
		if (!comma || end == comma + 1 || *end != '\0' || !isfinite(v) || v < 0) {
			rc = bx_fail(err, BX_EXIT_USAGE, "'%s' line %zu: not \"quantity,value\" with a "
				     "value of 0 or more", path, no);
			break;
		}
		*comma = '\0';
		for (size_t i = 0; i < NROWS; i++)
			if (strcmp(line, rows[i].name) == 0)
				*(double *)((char *)u + rows[i].offset) = v;
	}
	fclose(f);
	return rc;
}
