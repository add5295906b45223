/*
 * report_ipc.h - the report's section "The IPC alone": each method memory to memory (a memory
 * source and a sink, issue 22) at its best chunk, beside the same method file to file at that
 * chunk, and the share of the file transfer's CPU that the channel accounts for, with its
 * interval.  Reads groups and records; never runs a transfer.
 */
#ifndef BX_REPORT_IPC_H
#define BX_REPORT_IPC_H

#include <stddef.h>
#include <stdio.h>

#include "analysis/facts/facts.h"
#include "analysis/judge/groups.h"
#include "record/results.h"

/* 1 when a group is memory to memory: a memory source and a sink. */
int report_ipc_is_memory_to_memory(const struct group *g);

/* The file-to-file group of g's method at g's chunk (file source, real destination, no
 * polling) with the most runs, or NULL. */
const struct group *report_ipc_file_twin(const struct group *g, const struct group *groups,
					 size_t n);

/* Write the section into f.  memcpy_gib_s (0: unknown) puts the fastest setting beside one
 * core's memcpy; why_not (NULL or "") says why a job measured none. */
int report_ipc_print(FILE *f, const struct job_facts *facts);

#endif
