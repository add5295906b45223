/*
 * ipc_alone.h - `bulkxfer limits`' memory-to-memory figures: what a pipe, an AF_UNIX socket and
 * the shared-memory ring move when no file is read or written (--src memory --sink-by read),
 * beside the memcpy bandwidth the same command measures.  Each is verified by its check run,
 * like every other bulkxfer transfer.
 */
#ifndef BX_IPC_ALONE_H
#define BX_IPC_ALONE_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "base/errors.h"

#define IPC_ALONE_METHODS 3
#define IPC_ALONE_RUNS 3
#define IPC_ALONE_CHUNK (1ULL << 20)
#define IPC_ALONE_MAX_BYTES (256ULL << 20)

struct ipc_alone_figure {
	const char *method;	/* "pipe", "unix", "shm" */
	const char *what;	/* one line: the loop measured */
	double gib_s;		/* median end-to-end GiB/s of the runs */
	double cpu_s_per_gib;	/* median user + system seconds of both sides per GiB */
	size_t runs;		/* recorded runs (0: the method could not run here) */
};

/* Run the three memory to memory, min(size, IPC_ALONE_MAX_BYTES) bytes each into a receiver
 * that keeps them (--dst memory: each run verified), chunks of IPC_ALONE_CHUNK (pipes sized to
 * hold one), IPC_ALONE_RUNS interleaved rounds after a warm-up, with base's other settings, in
 * base->workdir (a scratch CSV, removed).  Returns 0 or an exit code with *err filled. */
struct run_plan;
int ipc_alone_measure(const struct run_plan *base, uint64_t size,
		      struct ipc_alone_figure out[IPC_ALONE_METHODS], struct bx_error *err);

/* Measure them and print the section `bulkxfer limits` shows, each beside memcpy_gib_s (0:
 * unknown), to out.  Returns 0 or an exit code (the error printed on stderr). */
int ipc_alone_print(FILE *out, const struct run_plan *base, uint64_t size, double memcpy_gib_s);

#endif
