/*
 * sysinfo.h - describe the machine a result was measured on: kernel, CPU model, filesystems, and
 * the CPU time a hypervisor took from it.
 */
#ifndef BX_SYSINFO_H
#define BX_SYSINFO_H

#include <stddef.h>
#include <stdint.h>

struct machine_desc {
	char kernel[96];	/* uname -r */
	char cpu_model[128];	/* "model name" from /proc/cpuinfo, or the machine type */
	long cpus;		/* online CPUs */
};

/* Fill *d; fields that cannot be read say "unknown".  Never fails. */
void sysinfo_describe(struct machine_desc *d);

/* Name of the filesystem holding path ("ext4", "tmpfs", ...; "0x1234abcd" when unknown, or
 * "unknown" when statfs fails).  Returns buf. */
const char *sysinfo_fs_name(const char *path, char *buf, size_t len);

/* CPU time the hypervisor took from this guest so far, summed over all CPUs ("steal" in
 * /proc/stat), in seconds; -1 when the kernel does not say. */
double sysinfo_steal_s(void);

/* The same from root/proc/stat ("" is the machine's own). */
double sysinfo_steal_s_at(const char *root);

/* The "model name" of root/proc/cpuinfo's first CPU into model[0..len), left as it was when the
 * file has none ("" is the machine's own). */
void sysinfo_cpu_model_at(const char *root, char *model, size_t len);

/* A field of /proc/meminfo ("MemAvailable", "Dirty", ...) in bytes, or 0 when it cannot be
 * read. */
uint64_t sysinfo_meminfo_bytes(const char *field);

/* The same from root/proc/meminfo (`bulkxfer system --root`; "" is the machine's own). */
uint64_t sysinfo_meminfo_bytes_at(const char *root, const char *field);

#endif
