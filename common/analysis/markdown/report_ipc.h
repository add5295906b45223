/*
 * report_ipc.h - the report's section "The IPC alone": each method memory to memory (a memory
 * source and a sink, issue 22) at its best chunk, beside the same method file to file at that
 * chunk, and the share of the file transfer's CPU that the channel accounts for, with its
 * interval.
 */
#ifndef BX_REPORT_IPC_H
#define BX_REPORT_IPC_H

#include <stdio.h>

#include "analysis/facts/facts.h"

/* Write the section into f from the job's facts (facts/memory_to_memory.h): the fastest
 * setting beside one core's memcpy where the job measured it, why none ran where it says, and
 * "Where a buffer sits in its page" after it.  Returns 0. */
int report_ipc_print(FILE *f, const struct job_facts *facts);

#endif
