/*
 * symbols.h - names for the instruction addresses of a sampled call chain, in the process that
 * took the samples: kernel addresses from /proc/kallsyms, user addresses from the ELF symbol
 * tables of the files this process maps (its own binary, libc, ...), read with <elf.h> and no
 * library.  Where a file is stripped, its separate debug file (Debian's -dbg packages, found by
 * build id under /usr/lib/debug/.build-id) gives the local symbols the file lacks, such as
 * glibc's __memmove_avx_unaligned_erms behind memcpy; otherwise .dynsym does.
 */
#ifndef BX_SYMBOLS_H
#define BX_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

struct symbol_table;		/* sorted (address, name) pairs of one image */

struct symbolizer {
	struct symbol_table *kernel;	/* NULL when /proc/kallsyms hides addresses */
	struct user_map *maps;		/* this process's executable mappings */
	size_t nmaps;
};

/* Read /proc/kallsyms and this process's /proc/self/maps.  Returns 0 or -errno (ENOMEM); a
 * missing or hidden kallsyms is not an error (kernel frames are named "[kernel]" then). */
int symbolizer_open(struct symbolizer *sym);

/* Read the kernel's symbols now, outside any timed region, so that this process and those it
 * forks after share one table (symbolizer_open reads it once a process otherwise). */
void symbolizer_preload(void);

/* The name of kernel address ip ("[kernel]" when unknown).  The string lives as long as sym. */
const char *symbolizer_kernel(struct symbolizer *sym, uint64_t ip);

/* The name of user address ip: the function's symbol, else "[file]" for an address inside a
 * mapped file without a symbol there; NULL when ip is in no executable mapping (a stack walk
 * that left the stack).  ELF files are read on first use. */
const char *symbolizer_user(struct symbolizer *sym, uint64_t ip);

/* Release everything. */
void symbolizer_close(struct symbolizer *sym);

#endif
