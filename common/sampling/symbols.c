/*
 * symbols.c - naming sampled addresses (see symbols.h).
 *
 * A user address becomes a symbol in three steps: the mapping that holds it (/proc/self/maps)
 * gives a file offset; the file's PT_LOAD headers turn that offset into the address the ELF
 * symbols use; the symbols, sorted, give the function.  Files are mapped read-only and stay
 * mapped while the symbolizer lives, so names point into their string tables.
 */
#include "sampling/symbols.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEBUG_ID_DIR "/usr/lib/debug/.build-id"
#define MAX_LOADS 16

struct symbol {
	uint64_t addr, size;	/* size 0: up to the next symbol */
	const char *name;
};

struct symbol_table {
	struct symbol *syms;
	size_t n, cap;
	char *pool;			/* kallsyms: the names */
	void *maps[2];			/* ELF: the file and its debug file, mapped */
	size_t map_len[2];
	struct { uint64_t offset, vaddr, filesz; } loads[MAX_LOADS];	/* PT_LOAD headers */
	size_t nloads;
};

struct user_map {
	uint64_t start, end, offset;
	char *path;			/* the file, or "[vdso]" */
	const char *label;		/* "[basename]", for addresses without a symbol */
	struct symbol_table *table;	/* loaded on first use; NULL until then */
	int tried;			/* loading was attempted (it may have failed) */
};

/* ---- tables -------------------------------------------------------------------------- */

static int table_push(struct symbol_table *t, uint64_t addr, uint64_t size, const char *name)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		struct symbol *s = realloc(t->syms, cap * sizeof(*s));
		if (!s)
			return -ENOMEM;
		t->syms = s;
		t->cap = cap;
	}
	t->syms[t->n++] = (struct symbol){ addr, size, name };
	return 0;
}

static int by_addr(const void *a, const void *b)
{
	const struct symbol *x = a, *y = b;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* The symbol covering addr, or NULL. */
static const struct symbol *table_find(const struct symbol_table *t, uint64_t addr)
{
	if (!t || t->n == 0 || addr < t->syms[0].addr)
		return NULL;
	size_t lo = 0, hi = t->n;	/* the last symbol with sym.addr <= addr is in [lo, hi) */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->syms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	const struct symbol *s = &t->syms[lo];
	/* Several names may share an address; a sized one that covers addr is the best. */
	while (s->size && addr >= s->addr + s->size && lo > 0 && t->syms[lo - 1].addr == s->addr)
		s = &t->syms[--lo];
	if (s->size && addr >= s->addr + s->size)
		return NULL;
	return s;
}

static void table_free(struct symbol_table *t)
{
	if (!t)
		return;
	free(t->syms);
	free(t->pool);
	for (int i = 0; i < 2; i++)
		if (t->maps[i])
			munmap(t->maps[i], t->map_len[i]);
	free(t);
}

/* ---- the kernel ---------------------------------------------------------------------- */

static struct symbol_table *load_kallsyms(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	struct symbol_table *t = calloc(1, sizeof(*t));
	size_t pool_len = 0, pool_cap = 0;
	char line[512];
	int nonzero = 0;
	/* Names go into one pool; offsets are kept in .name until the pool stops moving. */
	while (t && fgets(line, sizeof(line), f)) {
		unsigned long long addr;
		char type, name[256];
		if (sscanf(line, "%llx %c %255s", &addr, &type, name) != 3)
			continue;
		if (type != 't' && type != 'T' && type != 'w' && type != 'W')
			continue;
		nonzero |= addr != 0;
		size_t len = strlen(name) + 1;
		if (pool_len + len > pool_cap) {
			size_t cap = pool_cap ? pool_cap * 2 : 1 << 20;
			char *p = realloc(t->pool, cap);
			if (!p)
				goto fail;
			t->pool = p;
			pool_cap = cap;
		}
		memcpy(t->pool + pool_len, name, len);
		if (table_push(t, addr, 0, (const char *)(uintptr_t)pool_len) < 0)
			goto fail;
		pool_len += len;
	}
	fclose(f);
	if (!t || !nonzero) {	/* kptr_restrict: every address reads 0 */
		table_free(t);
		return NULL;
	}
	for (size_t i = 0; i < t->n; i++)
		t->syms[i].name = t->pool + (uintptr_t)t->syms[i].name;
	qsort(t->syms, t->n, sizeof(*t->syms), by_addr);
	return t;
fail:
	fclose(f);
	table_free(t);
	return NULL;
}

/* ---- ELF images ---------------------------------------------------------------------- */

static int in_image(size_t len, uint64_t off, uint64_t size)
{
	return off <= len && size <= len - off;
}

/* A table at off inside image, of entries aligned to align: a real ELF file lays its tables out
 * so (and mmap starts the file on a page), a crafted one may not, and reading a misaligned
 * Elf64_Shdr or Elf64_Sym is undefined behaviour. */
static int aligned_in_image(size_t len, uint64_t off, uint64_t size, uint64_t align)
{
	return off % align == 0 && in_image(len, off, size);
}

/* The sections of image (or NULL when it has none we can read). */
static const Elf64_Shdr *sections(const unsigned char *image, size_t len, size_t *n)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)image;
	*n = eh->e_shnum;
	if (!eh->e_shoff || eh->e_shentsize != sizeof(Elf64_Shdr) ||
	    !aligned_in_image(len, eh->e_shoff, (uint64_t)*n * sizeof(Elf64_Shdr), 8))
		return NULL;
	return (const Elf64_Shdr *)(image + eh->e_shoff);
}

static int is_elf64(const unsigned char *image, size_t len)
{
	return len >= sizeof(Elf64_Ehdr) && memcmp(image, ELFMAG, SELFMAG) == 0 &&
	       image[EI_CLASS] == ELFCLASS64;
}

/* Add image's function symbols from its section of type want (SHT_SYMTAB or SHT_DYNSYM).
 * Returns how many were added. */
static size_t add_functions(struct symbol_table *t, const unsigned char *image, size_t len,
			    uint32_t want)
{
	size_t nsec, added = 0;
	const Elf64_Shdr *sh = sections(image, len, &nsec);
	for (size_t i = 0; sh && i < nsec; i++) {
		if (sh[i].sh_type != want || sh[i].sh_link >= nsec ||
		    !aligned_in_image(len, sh[i].sh_offset, sh[i].sh_size, 8))
			continue;
		const Elf64_Shdr *strs = &sh[sh[i].sh_link];
		if (!in_image(len, strs->sh_offset, strs->sh_size) || strs->sh_size == 0)
			continue;
		const char *names = (const char *)image + strs->sh_offset;
		const Elf64_Sym *sym = (const Elf64_Sym *)(image + sh[i].sh_offset);
		size_t count = sh[i].sh_size / sizeof(Elf64_Sym);
		for (size_t k = 0; k < count; k++) {
			if (ELF64_ST_TYPE(sym[k].st_info) != STT_FUNC || sym[k].st_shndx == SHN_UNDEF ||
			    sym[k].st_value == 0 || sym[k].st_name >= strs->sh_size)
				continue;
			if (memchr(names + sym[k].st_name, '\0', strs->sh_size - sym[k].st_name) == NULL)
				continue;
			if (table_push(t, sym[k].st_value, sym[k].st_size, names + sym[k].st_name) < 0)
				return added;
			added++;
		}
	}
	return added;
}

/* The path of image's separate debug file, from its GNU build id, into path[len]; 0 or -1. */
static int debug_file_path(const unsigned char *image, size_t len, char *path, size_t plen)
{
	size_t nsec;
	const Elf64_Shdr *sh = sections(image, len, &nsec);
	for (size_t i = 0; sh && i < nsec; i++) {
		if (sh[i].sh_type != SHT_NOTE ||
		    !aligned_in_image(len, sh[i].sh_offset, sh[i].sh_size, 4))
			continue;
		const unsigned char *p = image + sh[i].sh_offset;
		/* Offsets, not pointers: a crafted size must not move a pointer past the image. */
		for (uint64_t at = 0, left = sh[i].sh_size; left >= sizeof(Elf64_Nhdr);) {
			const Elf64_Nhdr *nh = (const Elf64_Nhdr *)(p + at);
			uint64_t name_at = at + sizeof(*nh);
			uint64_t desc_at = name_at + (((uint64_t)nh->n_namesz + 3) & ~3ull);
			uint64_t next = desc_at + (((uint64_t)nh->n_descsz + 3) & ~3ull);
			if (desc_at + nh->n_descsz > sh[i].sh_size)
				break;
			const unsigned char *name = p + name_at, *desc = p + desc_at;
			if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 &&
			    memcmp(name, "GNU", 4) == 0 && nh->n_descsz > 1 && nh->n_descsz <= 64) {
				int n = snprintf(path, plen, DEBUG_ID_DIR "/%02x/", desc[0]);
				for (uint32_t b = 1; b < nh->n_descsz && n > 0 && (size_t)n < plen; b++)
					n += snprintf(path + n, plen - n, "%02x", desc[b]);
				if (n > 0 && (size_t)n < plen)
					n += snprintf(path + n, plen - n, ".debug");
				return n > 0 && (size_t)n < plen ? 0 : -1;
			}
			if (next > sh[i].sh_size)
				break;
			left = sh[i].sh_size - next;
			at = next;
		}
	}
	return -1;
}

static void *map_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	void *m = MAP_FAILED;
	if (fstat(fd, &st) == 0 && st.st_size > 0)
		m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	return m;
}

/* The symbols of one image: a mapped file (owned == 1, kept mapped in the table) or memory that
 * outlives us (the vDSO). */
static struct symbol_table *load_image(unsigned char *image, size_t len, int owned)
{
	struct symbol_table *t = calloc(1, sizeof(*t));
	if (!t || !is_elf64(image, len)) {
		free(t);
		if (owned)
			munmap(image, len);
		return NULL;
	}
	if (owned) {
		t->maps[0] = image;
		t->map_len[0] = len;
	}
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)image;
	if (eh->e_phentsize == sizeof(Elf64_Phdr) &&
	    aligned_in_image(len, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr), 8)) {
		const Elf64_Phdr *ph = (const Elf64_Phdr *)(image + eh->e_phoff);
		for (size_t i = 0; i < eh->e_phnum && t->nloads < MAX_LOADS; i++)
			if (ph[i].p_type == PT_LOAD) {
				t->loads[t->nloads].offset = ph[i].p_offset;
				t->loads[t->nloads].vaddr = ph[i].p_vaddr;
				t->loads[t->nloads].filesz = ph[i].p_filesz;
				t->nloads++;
			}
	}
	if (add_functions(t, image, len, SHT_SYMTAB) == 0) {
		char dbg[sizeof(DEBUG_ID_DIR) + 160];
		size_t dlen = 0;
		unsigned char *d = NULL;
		if (debug_file_path(image, len, dbg, sizeof(dbg)) == 0)
			d = map_file(dbg, &dlen);
		if (d && is_elf64(d, dlen) && add_functions(t, d, dlen, SHT_SYMTAB) > 0) {
			t->maps[1] = d;
			t->map_len[1] = dlen;
		} else if (d) {
			munmap(d, dlen);
		}
		add_functions(t, image, len, SHT_DYNSYM);
	}
	if (t->n)	/* qsort's array may not be NULL, even when empty */
		qsort(t->syms, t->n, sizeof(*t->syms), by_addr);
	return t;
}

/* The address the image's symbols use for file offset off, or 0. */
static uint64_t offset_to_vaddr(const struct symbol_table *t, uint64_t off)
{
	for (size_t i = 0; i < t->nloads; i++)
		if (off >= t->loads[i].offset && off < t->loads[i].offset + t->loads[i].filesz)
			return off - t->loads[i].offset + t->loads[i].vaddr;
	return 0;
}

/* ---- this process's mappings --------------------------------------------------------- */

static int read_maps(struct symbolizer *sym)
{
	FILE *f = fopen("/proc/self/maps", "r");
	if (!f)
		return -errno;
	char line[4096];
	size_t cap = 0;
	int rc = 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long start, end, off;
		char perms[8];
		int path_at = 0;
		if (sscanf(line, "%llx-%llx %7s %llx %*s %*s %n", &start, &end, perms, &off,
			   &path_at) < 4 || perms[2] != 'x' || path_at == 0)
			continue;
		char *path = line + path_at;
		path[strcspn(path, "\n")] = '\0';
		if (path[0] != '/' && strcmp(path, "[vdso]") != 0)
			continue;
		if (sym->nmaps == cap) {
			cap = cap ? cap * 2 : 32;
			struct user_map *m = realloc(sym->maps, cap * sizeof(*m));
			if (!m) {
				rc = -ENOMEM;
				break;
			}
			sym->maps = m;
		}
		const char *base = strrchr(path, '/');
		base = base ? base + 1 : path;
		char *copy = strdup(path), *label = malloc(strlen(base) + 3);
		if (!copy || !label) {
			free(copy);
			free(label);
			rc = -ENOMEM;
			break;
		}
		sprintf(label, base[0] == '[' ? "%s" : "[%s]", base);
		sym->maps[sym->nmaps++] = (struct user_map){ start, end, off, copy, label, NULL, 0 };
	}
	fclose(f);
	return rc;
}

/* The kernel's table, read once a process and inherited by the processes it forks after:
 * reading /proc/kallsyms has the kernel format some hundred thousand lines, which took most of
 * a small profiled run's time when each side of each run read it again.  It stays until the
 * process exits (symbolizer_close leaves it). */
static struct symbol_table *kernel_table;
static int kernel_table_read;

static struct symbol_table *kernel_symbols(void)
{
	if (!kernel_table_read) {
		kernel_table = load_kallsyms("/proc/kallsyms");
		kernel_table_read = 1;
	}
	return kernel_table;
}

/* ---- the interface ------------------------------------------------------------------- */

void symbolizer_preload(void)
{
	kernel_symbols();
}

int symbolizer_open(struct symbolizer *sym)
{
	memset(sym, 0, sizeof(*sym));
	sym->kernel = kernel_symbols();
	int rc = read_maps(sym);
	if (rc < 0)
		symbolizer_close(sym);
	return rc;
}

const char *symbolizer_kernel(struct symbolizer *sym, uint64_t ip)
{
	const struct symbol *s = table_find(sym->kernel, ip);
	/* Past the last text symbol (or with no table) the name says nothing better. */
	if (!s || (sym->kernel && s == &sym->kernel->syms[sym->kernel->n - 1]))
		return "[kernel]";
	return s->name;
}

const char *symbolizer_user(struct symbolizer *sym, uint64_t ip)
{
	for (size_t i = 0; i < sym->nmaps; i++) {
		struct user_map *m = &sym->maps[i];
		if (ip < m->start || ip >= m->end)
			continue;
		if (!m->tried) {
			m->tried = 1;
			if (strcmp(m->path, "[vdso]") == 0) {
				unsigned long vdso = getauxval(AT_SYSINFO_EHDR);
				if (vdso == m->start)
					m->table = load_image((unsigned char *)vdso, m->end - m->start, 0);
			} else {
				size_t len = 0;
				unsigned char *image = map_file(m->path, &len);
				if (image)
					m->table = load_image(image, len, 1);
			}
		}
		if (!m->table)
			return m->label;
		uint64_t file_off = ip - m->start + m->offset;
		uint64_t vaddr = offset_to_vaddr(m->table, file_off);
		const struct symbol *s = vaddr ? table_find(m->table, vaddr) : NULL;
		return s ? s->name : m->label;
	}
	return NULL;
}

struct symbol_table *symbol_table_of_image(const void *image, size_t len)
{
	return load_image((unsigned char *)image, len, 0);
}

struct symbol_table *symbol_table_of_kallsyms(const char *path)
{
	return load_kallsyms(path);
}

const char *symbol_table_name(const struct symbol_table *t, uint64_t vaddr)
{
	const struct symbol *s = table_find(t, vaddr);
	return s ? s->name : NULL;
}

uint64_t symbol_table_vaddr_of(const struct symbol_table *t, uint64_t off)
{
	return t ? offset_to_vaddr(t, off) : 0;
}

size_t symbol_table_count(const struct symbol_table *t)
{
	return t ? t->n : 0;
}

void symbol_table_free(struct symbol_table *t)
{
	table_free(t);
}

void symbolizer_close(struct symbolizer *sym)
{
	/* sym->kernel is the process's kernel table (kernel_symbols): kept */
	for (size_t i = 0; i < sym->nmaps; i++) {
		table_free(sym->maps[i].table);
		free(sym->maps[i].path);
		free((char *)sym->maps[i].label);
	}
	free(sym->maps);
	memset(sym, 0, sizeof(*sym));
}
