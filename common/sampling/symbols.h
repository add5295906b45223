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

/* The function symbols of the ELF image image[0..len) in memory (which must outlive the table),
 * read exactly as the symbolizer reads a mapped file: for tests and the fuzz target, which feed
 * it bytes that are not an ELF file.  Returns NULL when image is not a 64-bit ELF file (or on
 * ENOMEM).  Nothing outside image[0..len) is read, whatever its headers say. */
struct symbol_table *symbol_table_of_image(const void *image, size_t len);

/* The text symbols of a file in /proc/kallsyms's format (path), as the kernel's table is read;
 * NULL when it has none with a non-zero address (kptr_restrict) or cannot be read. */
struct symbol_table *symbol_table_of_kallsyms(const char *path);

/* The symbol covering the address vaddr as the image's symbols count addresses, or NULL; and the
 * address (0: none) that the file offset off is loaded at, by the image's PT_LOAD headers. */
const char *symbol_table_name(const struct symbol_table *t, uint64_t vaddr);
uint64_t symbol_table_vaddr_of(const struct symbol_table *t, uint64_t off);

/* The number of symbols read; and release the table (not the image). */
size_t symbol_table_count(const struct symbol_table *t);
void symbol_table_free(struct symbol_table *t);

#endif
