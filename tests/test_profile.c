/*
 * test_profile.c - the sampler attributes known work to the right category, the frame table
 * decides known stacks as it says, folded files round-trip, and frames are named (user frames
 * from ELF symbols, kernel frames from kallsyms).  test_profile_run.c has the commands.
 */
#include <CUnit/CUnit.h>
#include <elf.h>
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "analysis/html/html_flame.h"
#include "analysis/profile/categories.h"
#include "analysis/profile/profile_out.h"
#include "record/stack_counts.h"
#include "sampling/sampler.h"
#include "sampling/symbols.h"
#include "test_support.h"

/* ---- the sampler on known work, in this process ------------------------------------- */

static double cpu_now(void)
{
	struct rusage r;
	getrusage(RUSAGE_SELF, &r);
	return (double)r.ru_utime.tv_sec + r.ru_utime.tv_usec / 1e6 + (double)r.ru_stime.tv_sec +
	       r.ru_stime.tv_usec / 1e6;
}

enum work { WORK_FRESH_MEMSET, WORK_GETPPID, WORK_WARM_MEMCPY };

#define WORK_CPU_S 0.4	/* enough CPU for about 400 samples at 1 kHz */

static volatile unsigned char sink_byte;

/* libc's own memcpy, taken from libc itself: a sanitizer build would otherwise route every
 * memcpy through its interceptor and check the shadow of both buffers first (seen: 37% of the
 * samples in __sanitizer::mem_is_zero), which is the sanitizer's cost, not a copy's. */
static void *(*libc_memcpy)(void *, const void *, size_t) = memcpy;

static void find_libc_memcpy(void)
{
	void *libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
	void *f = libc ? dlsym(libc, "memcpy") : NULL;
	if (f)
		libc_memcpy = (void *(*)(void *, const void *, size_t))f;
	if (libc)
		dlclose(libc);
}

/* Fresh pages: one large mapping, memset 16 MiB further into it each round, so the loop only
 * ever touches pages it has never touched (freed only after the sampler stops). */
#define FRESH_LEN (1536ull << 20)
#define FRESH_STEP (16u << 20)
static size_t fresh_used;

/* One round of work: 16 MiB memset on fresh anonymous pages of a (a fresh mapping), 20000 getppid() calls, or a
 * 1 MiB memcpy between two warm buffers. */
static void do_work(enum work w, unsigned char *a, unsigned char *b)
{
	if (w == WORK_FRESH_MEMSET) {
		if (fresh_used + FRESH_STEP > FRESH_LEN)
			return;
		memset(a + fresh_used, 0x5a, FRESH_STEP);
		sink_byte = a[fresh_used + FRESH_STEP - 1];
		fresh_used += FRESH_STEP;
	} else if (w == WORK_GETPPID) {
		for (int i = 0; i < 20000; i++)
			sink_byte = (unsigned char)getppid();
	} else {
		for (int i = 0; i < 64; i++) {
			libc_memcpy(a, b, 1 << 20);
			__asm__ volatile("" : : "r"(a) : "memory");
		}
		sink_byte = a[12345];
	}
}

/* True when a stack's outermost frame is the sanitizers' runtime (an ASan or UBSan build):
 * that runtime keeps no frame pointers, so a frame-pointer walk that starts inside it (ASan's
 * memset interceptor checking the range's shadow, whose first touches are page faults) ends
 * there, and no walker could name the caller. */
static int starts_in_sanitizer_runtime(const char *stack)
{
	static const char *const prefixes[] = { "__asan", "__ubsan", "__lsan", "__sanitizer",
						"__interceptor", "_ZN11__sanitizer", "_ZN6__asan",
						"_ZN7__ubsan", "_ZN6__lsan" };
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(stack, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	return 0;
}

/* Sample w until it has used WORK_CPU_S of CPU; the category counts into counts, into *in_work
 * the samples whose stack holds the frame named work_frame (the test function the work is
 * inlined into): what the sampler itself is responsible for, whatever the host; and into
 * *unwalkable those whose walk began in the sanitizers' runtime, which nothing can attribute
 * (none outside a sanitizer build; how many there are is the host's: a fault's cost). */
static int profile_work(enum work w, uint64_t counts[CAT_COUNT], struct sampler_result *res,
			const char *work_frame, uint64_t *in_work, uint64_t *unwalkable)
{
	char why[256];
	if (sampler_probe(why, sizeof(why)) < 0) {
		ts_skip("profile", why);
		return -1;
	}
	size_t alen = w == WORK_FRESH_MEMSET ? FRESH_LEN : 1 << 20;
	unsigned char *a = mmap(NULL, alen, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	unsigned char *b = malloc(1 << 20);
	CU_ASSERT_FATAL(a != MAP_FAILED);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	if (w != WORK_FRESH_MEMSET)
		memset(a, 1, 1 << 20);
	memset(b, 2, 1 << 20);
	fresh_used = 0;
	find_libc_memcpy();
	struct sampler s;
	CU_ASSERT_EQUAL_FATAL(sampler_open(&s, 0), 0);
	double start = cpu_now();
	sampler_enable(&s);
	while (cpu_now() - start < WORK_CPU_S && fresh_used + FRESH_STEP <= FRESH_LEN)
		do_work(w, a, b);
	sampler_disable(&s);
	struct stack_counts sc;
	memset(&sc, 0, sizeof(sc));
	CU_ASSERT_EQUAL(sampler_collect(&s, &sc, res), 0);
	sampler_close(&s);
	profile_categorize(&sc, counts);
	*in_work = *unwalkable = 0;
	for (size_t i = 0; i < sc.n; i++) {
		if (strstr(sc.items[i].stack, work_frame))
			*in_work += sc.items[i].count;
		else if (starts_in_sanitizer_runtime(sc.items[i].stack))
			*unwalkable += sc.items[i].count;
	}
	const char *dump = getenv("BULKXFER_TEST_PROFILE_DUMP");
	if (dump)	/* for a reader checking the frame table against what was sampled */
		stack_counts_write(&sc, dump);
	CU_ASSERT_EQUAL(sc.total, res->samples);
	stack_counts_free(&sc);
	munmap(a, alen);
	free(b);
	return 0;
}

static double share(const uint64_t counts[CAT_COUNT], uint64_t total, enum category c)
{
	return total ? (double)counts[c] / (double)total : 0;
}

static uint64_t sum(const uint64_t counts[CAT_COUNT])
{
	uint64_t t = 0;
	for (int c = 0; c < CAT_COUNT; c++)
		t += counts[c];
	return t;
}

/* On a miss (or with BULKXFER_TEST_VERBOSE), every category's share, to see what took it. */
static void say_shares(const char *what, int missed, const uint64_t counts[CAT_COUNT],
		       uint64_t total)
{
	if (!missed && !getenv("BULKXFER_TEST_VERBOSE"))
		return;
	fprintf(stderr, "\n  %s, %llu samples:", what, (unsigned long long)total);
	for (int c = 0; c < CAT_COUNT; c++)
		fprintf(stderr, " %s %.0f%%", category_id((enum category)c),
			100 * share(counts, total, (enum category)c));
	fputc('\n', stderr);
}

/* The sampler on known work, whatever the host: every sample lands in one category (checked
 * in profile_work), nearly all of them inside the work's own function (the sampler walks the
 * user stack: that is bulkxfer's; of the stacks a frame-pointer walk can follow at all), and
 * the time they stand for is about the CPU time spent.
 * Which categories they land in is the host's (a fresh memset is 90% zeroing and faults on bare
 * metal, half user-space copy on a guest whose hypervisor fills pages in under the memset's
 * instructions; a getppid is syscall entry on one host and hypervisor hooks on another): it is
 * printed with BULKXFER_TEST_VERBOSE, never asserted.  What a category means is decided on
 * known stacks below, and `bulkxfer limits` shows the fresh memset's split. */
static __attribute__((noinline)) int check_sampled(const char *what, enum work w,
						    struct sampler_result *res)
{
	uint64_t counts[CAT_COUNT], in_work = 0, unwalkable = 0;
	/* noinline: this frame is on every stack the work makes, however the compiler inlines
	 * the work into it (the tests' calls to it may be tail calls, and leave no frame). */
	if (profile_work(w, counts, res, "check_sampled", &in_work, &unwalkable) < 0)
		return -1;
	uint64_t total = sum(counts), walkable = total - unwalkable;
	CU_ASSERT_TRUE(total > 0 && walkable > 0);
	CU_ASSERT_TRUE(in_work * 10 >= walkable * 9);
	say_shares(what, in_work * 10 < walkable * 9, counts, total);
	CU_ASSERT_EQUAL(res->lost, 0);
	return 0;
}

static void test_fresh_memset_is_sampled(void)
{
	struct sampler_result res;
	check_sampled("fresh memset", WORK_FRESH_MEMSET, &res);
}

static void test_getppid_is_sampled(void)
{
	struct sampler_result res;
	check_sampled("getppid", WORK_GETPPID, &res);
}

/* The samples stand for the CPU time they sampled: about WORK_CPU_S, never nothing (the loop
 * stops on this process's own CPU clock, which the sampler's clock counts too). */
static void test_warm_memcpy_is_sampled(void)
{
	struct sampler_result res;
	if (check_sampled("warm memcpy", WORK_WARM_MEMCPY, &res) == 0)
		CU_ASSERT_TRUE(res.sampled_s > WORK_CPU_S / 2 && res.sampled_s < WORK_CPU_S * 2);
}

/* ---- the frame table ----------------------------------------------------------------- */

static void test_categories_of_known_stacks(void)
{
	static const struct { const char *stack; enum category want; } cases[] = {
		/* innermost matching frame decides; unknown frames (locks) pass outwards */
		{ "main;read;entry_SYSCALL_64_[k];do_syscall_64_[k];ksys_read_[k];pipe_read_[k];"
		  "_copy_to_iter_[k]", CAT_COPY_KERNEL },
		{ "main;read;entry_SYSCALL_64_[k];do_syscall_64_[k];ksys_read_[k];pipe_read_[k];"
		  "_raw_spin_lock_[k]", CAT_PIPE_SPLICE },
		{ "main;getppid;entry_SYSCALL_64_[k];do_syscall_64_[k];__x64_sys_getppid_[k];"
		  "__task_pid_nr_ns_[k]", CAT_SYSCALL },
		/* zeroing inside a fault stays zeroing; the fault's frames are page-fault handling */
		{ "main;__memmove_avx_unaligned_erms;asm_exc_page_fault_[k];exc_page_fault_[k];"
		  "handle_mm_fault_[k];filemap_fault_[k];zero_user_segments.constprop.0_[k];"
		  "__pi_memset_[k]", CAT_ZERO_PAGES },
		{ "main;__memmove_avx_unaligned_erms;asm_exc_page_fault_[k];exc_page_fault_[k]",
		  CAT_PAGE_FAULT },
		/* a copy made by the fault handler (COW) and its page allocation are the fault's */
		{ "main;memset;asm_exc_page_fault_[k];exc_page_fault_[k];handle_mm_fault_[k];"
		  "do_anonymous_page_[k];vma_alloc_folio_noprof_[k];get_page_from_freelist_[k]",
		  CAT_PAGE_FAULT },
		{ "main;memset;asm_exc_page_fault_[k];exc_page_fault_[k];handle_mm_fault_[k];"
		  "do_anonymous_page_[k];vma_alloc_folio_noprof_[k];get_page_from_freelist_[k];"
		  "clear_page_erms_[k]", CAT_ZERO_PAGES },
		{ "main;munmap;entry_SYSCALL_64_[k];do_syscall_64_[k];__x64_sys_munmap_[k];"
		  "zap_pte_range_[k];free_pages_and_swap_cache_[k]", CAT_PAGE_ALLOC },
		{ "main;memset;asm_exc_page_fault_[k];exc_page_fault_[k];handle_mm_fault_[k];"
		  "do_wp_page_[k];wp_page_copy_[k];copy_mc_enhanced_fast_string_[k]",
		  CAT_PAGE_FAULT },
		/* the user's own copy */
		{ "main;__memmove_avx_unaligned_erms", CAT_COPY_USER },
		/* user and kernel sides are told apart: "read" in the kernel is not the wrapper */
		{ "main;fn_[k]", CAT_OTHER },
		{ "main;read", CAT_SYSCALL },
		{ "main;schedule_[k];__schedule_[k];finish_task_switch.isra.0_[k]", CAT_SCHED },
		/* spinning on the pipe's mutex while the peer copies holding it is CPU burnt awake,
		 * apart from sleeping on it (issue 31) */
		{ "main;splice;entry_SYSCALL_64_[k];do_syscall_64_[k];__x64_sys_splice_[k];"
		  "__mutex_lock.constprop.0_[k];mutex_spin_on_owner_[k]", CAT_LOCK_SPIN },
		{ "main;write;entry_SYSCALL_64_[k];do_syscall_64_[k];ksys_write_[k];pipe_write_[k];"
		  "__mutex_lock.constprop.0_[k];osq_lock_[k]", CAT_LOCK_SPIN },
		{ "main;write;entry_SYSCALL_64_[k];do_syscall_64_[k];_raw_spin_lock_[k];"
		  "native_queued_spin_lock_slowpath_[k]", CAT_LOCK_SPIN },
		{ "main;write;entry_SYSCALL_64_[k];do_syscall_64_[k];ksys_write_[k];pipe_write_[k];"
		  "__mutex_lock.constprop.0_[k]", CAT_SLEEP_WAKE },
		{ "main;helper", CAT_OTHER },
		/* splice(pipe -> file): the kernel copies the pipe's pages into the page cache, a
		 * copy inside the kernel, not one between user and kernel (seen in a real profile) */
		{ "__libc_start_call_main;cli_main;splice;entry_SYSCALL_64_after_hwframe_[k];"
		  "do_syscall_64_[k];__x64_sys_splice_[k];__do_splice_[k];do_splice_[k];"
		  "iter_file_splice_write_[k];ext4_buffered_write_iter_[k];generic_perform_write_[k];"
		  "copy_folio_from_iter_atomic_[k];__pi_memcpy_[k]", CAT_COPY_IN_KERNEL },
		/* copy_file_range falls back to splicing through an internal pipe: the same copy */
		{ "main;copy_file_range;entry_SYSCALL_64_after_hwframe_[k];do_syscall_64_[k];"
		  "__do_sys_copy_file_range_[k];vfs_copy_file_range_[k];do_splice_direct_[k];"
		  "splice_direct_to_actor_[k];direct_splice_actor_[k];iter_file_splice_write_[k];"
		  "ext4_buffered_write_iter_[k];generic_perform_write_[k];"
		  "copy_folio_from_iter_atomic_[k];rep_movs_alternative_[k]", CAT_COPY_IN_KERNEL },
		/* a write() into the same file is the user's bytes: between user and kernel */
		{ "main;write;entry_SYSCALL_64_after_hwframe_[k];do_syscall_64_[k];ksys_write_[k];"
		  "vfs_write_[k];ext4_buffered_write_iter_[k];generic_perform_write_[k];"
		  "copy_folio_from_iter_atomic_[k];rep_movs_alternative_[k]", CAT_COPY_KERNEL },
		/* the splice's own bookkeeping under the same frame is no copy */
		{ "main;splice;entry_SYSCALL_64_[k];do_syscall_64_[k];iter_file_splice_write_[k];"
		  "ext4_buffered_write_iter_[k];generic_perform_write_[k];ext4_da_write_begin_[k]",
		  CAT_PAGE_CACHE },
		/* process start is no system call: bulkxfer's own loop, unmatched, is "other" */
		{ "__libc_start_call_main;cli_main;run_and_print;harness_run_half;fault_guard_run;"
		  "splice_consumer_transfer", CAT_OTHER },
		{ "__libc_start_main_impl;__libc_start_call_main;main", CAT_OTHER },
		{ "__libc_start_call_main;cli_main;__libc_write", CAT_SYSCALL },
		{ "main;read_[k]", CAT_OTHER },		/* a kernel "read" is no libc wrapper */
		{ "main;clear_page_erms", CAT_OTHER },	/* a user "clear_page" zeroes no new page */
		{ "[unknown]", CAT_OTHER },
		/* a hypervisor's entry hook (a hypercall, a TLB flush through the host): the host's
		 * work, named; inside a fault it is what the fault costs on that host */
		{ "main;write;entry_SYSCALL_64_[k];do_syscall_64_[k];kvm_flush_tlb_multi_[k]",
		  CAT_HYPERVISOR },
		{ "main;xen_hypercall_[k]", CAT_HYPERVISOR },
		{ "main;munmap;entry_SYSCALL_64_[k];do_syscall_64_[k];pvm_flush_tlb_multi_[k]",
		  CAT_HYPERVISOR },
		{ "main;__memset_avx512_unaligned_erms;asm_exc_page_fault_[k];exc_page_fault_[k];"
		  "pvm_flush_tlb_multi_[k]", CAT_PAGE_FAULT },
		/* interrupts switched back on through the host's hook: the sample, held while they
		 * were off, stands for the work before it (seen on a paravirtualised guest: a
		 * getppid's samples land there on the way out of the call) */
		{ "main;getppid;entry_SYSCALL_64_after_hwframe_[k];do_syscall_64_[k];"
		  "__raw_callee_save_pvm_irq_enable_[k];pvm_irq_enable_[k]", CAT_SYSCALL },
		{ "main;read;entry_SYSCALL_64_[k];do_syscall_64_[k];pvm_irq_enable_[k]", CAT_SYSCALL },
		{ "main;write;schedule_[k];__schedule_[k];finish_task_switch.isra.0_[k];"
		  "__raw_callee_save_pvm_irq_enable_[k];pvm_irq_enable_[k]", CAT_SCHED },
		{ "main;__memset_avx512_unaligned_erms;asm_exc_page_fault_[k];exc_page_fault_[k];"
		  "__raw_callee_save_pvm_irq_enable_[k];pvm_irq_enable_[k]", CAT_PAGE_FAULT },
		{ "main;pvm_helper", CAT_OTHER },	/* a user function of that name is no hook */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum category got = category_of_stack(cases[i].stack);
		CU_ASSERT_EQUAL(got, cases[i].want);
		if (got != cases[i].want)
			fprintf(stderr, "\n  %s: %s, not %s\n", cases[i].stack, category_id(got),
				category_id(cases[i].want));
	}
	for (int c = 0; c < CAT_COUNT; c++) {
		CU_ASSERT_EQUAL(category_from_id(category_id((enum category)c)), c);
		CU_ASSERT_PTR_NULL(strchr(category_label((enum category)c), ','));	/* CSV-safe */
	}
	CU_ASSERT_EQUAL(category_from_id("nonsense"), -1);
}

/* report.html's flame graphs fold the harness away: what is left starts in the half. */
static void test_flame_folds_the_harness(void)
{
	CU_ASSERT_STRING_EQUAL(html_flame_fold_harness("__libc_start_call_main;cli_main;run_and_print;"
						       "harness_run_half;fault_guard_run;"
						       "pipe_consumer_transfer;read;ksys_read_[k]"),
			       "pipe_consumer_transfer;read;ksys_read_[k]");
	/* the last harness frame counts (a half that calls back through the guard) */
	CU_ASSERT_STRING_EQUAL(html_flame_fold_harness("a;fault_guard_run;b;fault_guard_run;c"), "c");
	/* without the guard, the half's runner is the last harness frame */
	CU_ASSERT_STRING_EQUAL(html_flame_fold_harness("main;harness_run_half;splice;x_[k]"),
			       "splice;x_[k]");
	/* a frame that only contains the name is no harness frame; a stack without one is whole */
	CU_ASSERT_STRING_EQUAL(html_flame_fold_harness("main;my_fault_guard_runner;x"),
			       "main;my_fault_guard_runner;x");
	CU_ASSERT_STRING_EQUAL(html_flame_fold_harness("[unknown]"), "[unknown]");
}

/* ---- folded stacks ------------------------------------------------------------------- */

static void test_stack_counts_round_trip(void)
{
	char dir[256], path[512];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/x.folded", dir);
	struct stack_counts a, b;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	CU_ASSERT_EQUAL(stack_counts_add(&a, "main;f;g", 3), 0);
	CU_ASSERT_EQUAL(stack_counts_add(&a, "main;f", 2), 0);
	CU_ASSERT_EQUAL(stack_counts_add(&a, "main;f;g", 4), 0);
	for (int i = 0; i < 1000; i++) {	/* past several rehashes */
		char s[32];
		snprintf(s, sizeof(s), "main;h%d", i);
		CU_ASSERT_EQUAL(stack_counts_add(&a, s, 1), 0);
	}
	CU_ASSERT_EQUAL(a.n, 1002);
	CU_ASSERT_EQUAL(a.total, 1009);
	CU_ASSERT_EQUAL(stack_counts_write(&a, path), 0);
	CU_ASSERT_EQUAL(stack_counts_read(&b, path, NULL), 0);
	CU_ASSERT_EQUAL(b.n, a.n);
	CU_ASSERT_EQUAL(b.total, a.total);
	CU_ASSERT_TRUE(ts_file_contains(path, "main;f;g 7\n"));
	CU_ASSERT_EQUAL(stack_counts_merge(&b, &a), 0);
	CU_ASSERT_EQUAL(b.total, 2 * a.total);
	stack_counts_free(&b);
	FILE *f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("main;f 2\nno count here\n", f);
	fclose(f);
	size_t bad = 0;
	CU_ASSERT_EQUAL(stack_counts_read(&b, path, &bad), -EINVAL);
	CU_ASSERT_EQUAL(bad, 2);
	stack_counts_free(&a);
	stack_counts_free(&b);
	/* A side too short for one sample: an empty file, read back as nothing. */
	CU_ASSERT_EQUAL(stack_counts_write(&a, path), 0);
	CU_ASSERT_EQUAL(ts_count_lines(path), 0);
	CU_ASSERT_EQUAL(stack_counts_read(&b, path, NULL), 0);
	CU_ASSERT_EQUAL(b.total, 0);
	stack_counts_free(&b);
	ts_remove_tree(dir);
}

/* ---- symbols ------------------------------------------------------------------------- */

void profile_test_marker_function(void);
void __attribute__((noinline)) profile_test_marker_function(void)
{
	__asm__ volatile("nop; nop; nop; nop");
}

static void test_symbols_name_user_and_kernel_frames(void)
{
	struct symbolizer sym;
	CU_ASSERT_EQUAL_FATAL(symbolizer_open(&sym), 0);
	uint64_t ip = (uint64_t)(uintptr_t)&profile_test_marker_function + 2;
	const char *name = symbolizer_user(&sym, ip);
	CU_ASSERT_PTR_NOT_NULL(name);
	if (name)
		CU_ASSERT_STRING_EQUAL(name, "profile_test_marker_function");
	/* libc: getppid is exported, so named whether or not its debug file is installed */
	name = symbolizer_user(&sym, (uint64_t)(uintptr_t)&getppid);
	CU_ASSERT_PTR_NOT_NULL(name);
	if (name)
		CU_ASSERT_TRUE(strstr(name, "getppid") != NULL);
	CU_ASSERT_PTR_NULL(symbolizer_user(&sym, 16));	/* no mapping holds it */
	if (!sym.kernel) {
		ts_skip("profile/symbols", "/proc/kallsyms hides kernel addresses here "
			"(kernel.kptr_restrict): kernel frames are not named");
	} else {
		FILE *f = fopen("/proc/kallsyms", "r");
		char line[512], want[256] = "";
		unsigned long long addr = 0;
		while (f && fgets(line, sizeof(line), f))
			if (sscanf(line, "%llx %*c %255s", &addr, want) == 2 &&
			    strcmp(want, "do_syscall_64") == 0)
				break;
		if (f)
			fclose(f);
		CU_ASSERT_STRING_EQUAL(want, "do_syscall_64");
		CU_ASSERT_STRING_EQUAL(symbolizer_kernel(&sym, addr + 1), "do_syscall_64");
	}
	symbolizer_close(&sym);
}

/* The ELF reader on an image in memory (the fuzz target's way in) finds a small static
 * executable's functions (the fuzz seed tests/fuzz/seeds/elf/static-exe, after its 8-byte
 * probe address: `visible` at 0x40010c, `_start` at 0x400112), and reads a copy with its
 * section headers moved off their 8-byte alignment as having no sections rather than reading
 * them through misaligned pointers. */
static void test_symbols_read_an_elf_image_in_memory(void)
{
	FILE *f = fopen("tests/fuzz/seeds/elf/static-exe", "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	static unsigned char buf[8192] __attribute__((aligned(8)));
	size_t len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	CU_ASSERT_FATAL(len > 64 + 8);
	unsigned char *image = buf + 8;
	len -= 8;
	struct symbol_table *t = symbol_table_of_image(image, len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT(symbol_table_count(t) >= 2);
	const char *name = symbol_table_name(t, 0x40010c + 2);
	CU_ASSERT_PTR_NOT_NULL(name);
	if (name)
		CU_ASSERT_STRING_EQUAL(name, "visible");
	symbol_table_free(t);
	/* The same file with two bytes inserted before its section headers, e_shoff moved to
	 * match: valid headers, at an offset no ELF writer uses (2 past a multiple of 8). */
	static unsigned char moved[8192 + 8] __attribute__((aligned(8)));
	uint64_t shoff = ((Elf64_Ehdr *)image)->e_shoff;
	CU_ASSERT_FATAL(shoff % 8 == 0 && shoff < len);
	memcpy(moved, image, shoff);
	moved[shoff] = moved[shoff + 1] = 0;
	memcpy(moved + shoff + 2, image + shoff, len - shoff);
	((Elf64_Ehdr *)moved)->e_shoff = shoff + 2;
	t = symbol_table_of_image(moved, len + 2);
	CU_ASSERT(symbol_table_count(t) == 0);	/* its sections are not read, so no symbols */
	symbol_table_free(t);
}

/* A thread the side starts while it is sampled is sampled too (io_uring's io-wq workers do the
 * io_uring methods' blocking work): a thread that spins until its own CPU clock says 60 ms
 * holds about 60 of the 1 kHz samples; at least 30 of them must name its function. */
static __attribute__((noinline)) void spin_in_started_thread(void)
{
	struct timespec t0, t;
	volatile uint64_t spins = 0;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
	do {	/* the clock read rarely: almost every sample lands in this loop, not the vDSO */
		for (int i = 0; i < 1000000; i++)
			spins++;
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	} while ((double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9 < 0.06);
}

static void *started_thread(void *arg)
{
	(void)arg;
	spin_in_started_thread();
	return NULL;
}

static void test_started_threads_are_sampled(void)
{
	char why[256];
	if (sampler_probe(why, sizeof(why)) < 0) {
		ts_skip("profile/started_threads_are_sampled", why);
		return;
	}
	struct sampler s;
	CU_ASSERT_EQUAL_FATAL(sampler_open(&s, 0), 0);
	sampler_enable(&s);
	pthread_t th;
	CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, started_thread, NULL), 0);
	pthread_join(th, NULL);
	sampler_disable(&s);
	struct stack_counts sc;
	memset(&sc, 0, sizeof(sc));
	struct sampler_result res;
	CU_ASSERT_EQUAL(sampler_collect(&s, &sc, &res), 0);
	sampler_close(&s);
	uint64_t in_thread = 0;
	for (size_t i = 0; i < sc.n; i++)
		if (strstr(sc.items[i].stack, "spin_in_started_thread"))
			in_thread += sc.items[i].count;
	CU_ASSERT_TRUE(in_thread >= 30);
	if (in_thread < 30)
		fprintf(stderr, "\n  %llu of %llu samples in the started thread\n",
			(unsigned long long)in_thread, (unsigned long long)res.samples);
	stack_counts_free(&sc);
}

int register_profile_suite(void)
{
	static const struct test_case cases[] = {
		{ "fresh_memset_is_sampled", test_fresh_memset_is_sampled },
		{ "getppid_is_sampled", test_getppid_is_sampled },
		{ "warm_memcpy_is_sampled", test_warm_memcpy_is_sampled },
		{ "categories_of_known_stacks", test_categories_of_known_stacks },
		{ "flame_folds_the_harness", test_flame_folds_the_harness },
		{ "stack_counts_round_trip", test_stack_counts_round_trip },
		{ "symbols_name_user_and_kernel_frames", test_symbols_name_user_and_kernel_frames },
		{ "symbols_read_an_elf_image_in_memory", test_symbols_read_an_elf_image_in_memory },
		{ "started_threads_are_sampled", test_started_threads_are_sampled },
	};
	return TS_ADD_SUITE("profile", cases);
}
