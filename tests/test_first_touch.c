/*
 * test_first_touch.c - a copy told apart from first touch (analysis/profile/first_touch.h) on
 * synthetic rows, byte counts and rates, and the flame graphs' frame-by-frame colouring rule
 * (category_walk) against the table's rule for whole stacks.  What a real fresh memset splits
 * into is the host's: `bulkxfer limits` shows it, nothing here asserts it.
 */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "analysis/profile/categories.h"
#include "analysis/profile/first_touch.h"
#include "analysis/profile/flamegraph.h"
#include "base/units.h"
#include "catalog/methods.h"
#include "record/stack_counts.h"
#include "test_support.h"

/* A row of `samples` samples standing for cpu_s seconds, all in category c. */
static struct profile_row row_of(enum category c, uint64_t samples, double cpu_s)
{
	struct profile_row r;
	memset(&r, 0, sizeof(r));
	r.samples[c] = samples;
	r.cpu_s[c] = cpu_s;
	r.total = samples;
	return r;
}

static int near(double a, double b)
{
	return fabs(a - b) <= 1e-9 + 1e-6 * fabs(b);
}

/* A copy at the warm rate keeps all its samples; one ten times slower than its rate puts 90%
 * in first touch, samples in the same proportion; seconds and samples are conserved. */
static void test_split_by_rate(void)
{
	struct copy_rates rates = { 10.0, 5.0 };
	struct copy_bytes one_gib_user = { GIB_BYTES, 0 };
	struct profile_row r = row_of(CAT_COPY_USER, 100, 0.1);	/* 1 GiB at 10 GiB/s */
	first_touch_split(&r, &one_gib_user, &rates);
	CU_ASSERT_EQUAL(r.samples[CAT_COPY_USER], 100);
	CU_ASSERT_EQUAL(r.samples[CAT_FIRST_TOUCH], 0);
	CU_ASSERT_TRUE(near(r.cpu_s[CAT_COPY_USER], 0.1));

	r = row_of(CAT_COPY_USER, 1000, 1.0);	/* ten times as long as 1 GiB takes warm */
	first_touch_split(&r, &one_gib_user, &rates);
	CU_ASSERT_TRUE(near(r.cpu_s[CAT_COPY_USER], 0.1));
	CU_ASSERT_TRUE(near(r.cpu_s[CAT_FIRST_TOUCH], 0.9));
	CU_ASSERT_EQUAL(r.samples[CAT_COPY_USER], 100);
	CU_ASSERT_EQUAL(r.samples[CAT_FIRST_TOUCH], 900);

	/* faster than the warm rate (cache-resident): all of it stays a copy */
	r = row_of(CAT_COPY_USER, 10, 0.01);
	first_touch_split(&r, &one_gib_user, &rates);
	CU_ASSERT_EQUAL(r.samples[CAT_COPY_USER], 10);
	CU_ASSERT_TRUE(near(r.cpu_s[CAT_FIRST_TOUCH], 0));
}

/* The kernel's copies are judged against the kernel's rate, both of its categories in
 * proportion, and never against memcpy's; the user's copy is left alone by kernel bytes. */
static void test_split_kernel_copies(void)
{
	struct copy_rates rates = { 10.0, 4.0 };
	struct copy_bytes b = { 0, 2 * GIB_BYTES };	/* two kernel copies of 1 GiB: 0.5 s warm */
	struct profile_row r = row_of(CAT_COPY_KERNEL, 300, 0.75);
	r.samples[CAT_COPY_IN_KERNEL] = 100;
	r.cpu_s[CAT_COPY_IN_KERNEL] = 0.25;
	r.samples[CAT_COPY_USER] = 50;
	r.cpu_s[CAT_COPY_USER] = 0.5;
	r.total = 450;
	first_touch_split(&r, &b, &rates);
	CU_ASSERT_TRUE(near(r.cpu_s[CAT_COPY_KERNEL] + r.cpu_s[CAT_COPY_IN_KERNEL], 0.5));
	CU_ASSERT_TRUE(near(r.cpu_s[CAT_COPY_KERNEL], 0.375));	/* 3:1 kept */
	CU_ASSERT_TRUE(near(r.cpu_s[CAT_FIRST_TOUCH], 0.5));
	CU_ASSERT_EQUAL(r.samples[CAT_COPY_KERNEL] + r.samples[CAT_COPY_IN_KERNEL] +
			r.samples[CAT_FIRST_TOUCH], 400);
	CU_ASSERT_EQUAL(r.samples[CAT_COPY_USER], 50);	/* no user bytes: not judged */
	CU_ASSERT_TRUE(near(r.cpu_s[CAT_COPY_USER], 0.5));
}

/* Nothing measured, nothing split: a rate of 0 keeps every category whole. */
static void test_split_needs_a_rate(void)
{
	struct copy_rates none = { 0, 0 };
	struct copy_bytes b = { GIB_BYTES, GIB_BYTES };
	struct profile_row r = row_of(CAT_COPY_USER, 1000, 1.0);
	first_touch_split(&r, &b, &none);
	CU_ASSERT_EQUAL(r.samples[CAT_COPY_USER], 1000);
	CU_ASSERT_EQUAL(r.samples[CAT_FIRST_TOUCH], 0);
}

/* The bytes a side copies come from its half's theory: the mmap+memcpy sender copies each byte
 * once in user space, read/write's sender twice in the kernel, splice's not at all; every
 * half's user copies are among its CPU copies. */
static void test_side_bytes_from_the_halves(void)
{
	struct side_profile p;
	memset(&p, 0, sizeof(p));
	p.runs = 2;
	p.bytes = 2 * GIB_BYTES;
	p.producer = 1;
	snprintf(p.half, sizeof(p.half), "shm");
	struct copy_bytes b = first_touch_side_bytes(&p);
	CU_ASSERT_TRUE(near(b.user, GIB_BYTES));
	CU_ASSERT_TRUE(near(b.kernel, 0));
	snprintf(p.half, sizeof(p.half), "pipe");
	b = first_touch_side_bytes(&p);
	CU_ASSERT_TRUE(near(b.user, 0));
	CU_ASSERT_TRUE(near(b.kernel, 2 * GIB_BYTES));
	snprintf(p.half, sizeof(p.half), "splice");
	b = first_touch_side_bytes(&p);
	CU_ASSERT_TRUE(near(b.user + b.kernel, 0));
	snprintf(p.half, sizeof(p.half), "no-such-half");
	b = first_touch_side_bytes(&p);
	CU_ASSERT_TRUE(near(b.user + b.kernel, 0));
	p.producer = 0;
	snprintf(p.half, sizeof(p.half), "shm");	/* memcpy into the destination's mapping */
	b = first_touch_side_bytes(&p);
	CU_ASSERT_TRUE(near(b.user, GIB_BYTES));
	for (size_t i = 0; methods_producer_at(i); i++)
		CU_ASSERT_TRUE(half_user_copies(methods_producer_at(i)) <=
			       methods_producer_at(i)->cpu_copies);
	for (size_t i = 0; methods_consumer_at(i); i++)
		CU_ASSERT_TRUE(half_user_copies(methods_consumer_at(i)) <=
			       methods_consumer_at(i)->cpu_copies);
}

/* The flame graphs colour a frame as the table counts a sample taken there: walking a stack
 * frame by frame gives, at each frame, what category_of_stack gives the stack cut there. */
static void test_walk_agrees_with_the_table(void)
{
	static const char *const stacks[] = {
		"main;read;entry_SYSCALL_64_[k];do_syscall_64_[k];ksys_read_[k];pipe_read_[k];"
		"_raw_spin_lock_[k]",
		"main;memset;asm_exc_page_fault_[k];exc_page_fault_[k];handle_mm_fault_[k];"
		"do_anonymous_page_[k];vma_alloc_folio_noprof_[k];get_page_from_freelist_[k];"
		"clear_page_erms_[k]",
		"main;__memset_avx512_unaligned_erms;asm_exc_page_fault_[k];exc_page_fault_[k];"
		"__raw_callee_save_pvm_irq_enable_[k];pvm_irq_enable_[k]",
		"main;splice;entry_SYSCALL_64_[k];do_syscall_64_[k];__x64_sys_splice_[k];__do_splice_[k];"
		"do_splice_[k];iter_file_splice_write_[k];ext4_buffered_write_iter_[k];"
		"generic_perform_write_[k];copy_folio_from_iter_atomic_[k];__pi_memcpy_[k]",
		"__libc_start_call_main;main;helper",
	};
	for (size_t i = 0; i < sizeof(stacks) / sizeof(stacks[0]); i++) {
		struct category_walk w;
		category_walk_start(&w);
		char prefix[1024] = "";
		for (const char *p = stacks[i]; *p;) {
			const char *end = strchr(p, ';');
			size_t len = end ? (size_t)(end - p) : strlen(p);
			enum category step = category_walk_step(&w, p, len);
			size_t have = strlen(prefix);
			snprintf(prefix + have, sizeof(prefix) - have, "%s%.*s", have ? ";" : "",
				 (int)len, p);
			CU_ASSERT_EQUAL(step, category_of_stack(prefix));
			p += len;
			if (*p == ';')
				p++;
		}
	}
	/* the pvm hook inside the fault is drawn as the fault, as counted */
	struct category_walk w;
	category_walk_start(&w);
	category_walk_step(&w, "exc_page_fault_[k]", 18);
	CU_ASSERT_EQUAL(category_walk_step(&w, "pvm_irq_enable_[k]", 18), CAT_PAGE_FAULT);
	/* the frame table never gives first touch: it is worked out per side */
	CU_ASSERT_EQUAL(category_of_frame("first_touch"), -1);
}

/* The SVG flame graph draws a hypervisor hook inside a fault in the fault's colour (as the
 * table counts it), the same hook in a system call in the hypervisor's, never grey. */
static void test_flame_graph_colours_as_counted(void)
{
	char dir[256], path[512];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/x.svg", dir);
	struct stack_counts sc;
	memset(&sc, 0, sizeof(sc));
	CU_ASSERT_EQUAL(stack_counts_add(&sc, "main;memset;asm_exc_page_fault_[k];exc_page_fault_[k];"
					 "pvm_irq_enable_[k]", 50), 0);
	CU_ASSERT_EQUAL(flamegraph_write_svg(&sc, "t", path), 0);
	char *svg = ts_read_file(path, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(svg);
	const char *at = strstr(svg, "<title>pvm_irq_enable_[k] (");
	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	const char *fill = strstr(at, "fill=\"");
	char fault_fill[16], other_fill[16];
	/* the legend draws each category's colour beside its label */
	const char *legend = strstr(svg, category_label(CAT_PAGE_FAULT));
	CU_ASSERT_PTR_NOT_NULL_FATAL(legend);
	const char *lf = legend;
	while (lf > svg && strncmp(lf, "fill=\"", 6) != 0)
		lf--;
	CU_ASSERT_EQUAL(sscanf(lf, "fill=\"%15[^\"]", fault_fill), 1);
	CU_ASSERT_EQUAL(sscanf(fill, "fill=\"%15[^\"]", other_fill), 1);
	CU_ASSERT_STRING_EQUAL(other_fill, fault_fill);
	free(svg);
	stack_counts_free(&sc);
	unlink(path);
	ts_remove_tree(dir);
}

/* One palette: plots/profile.gp's bars take each category's colour from the same table as the
 * flame graphs (category_colour), in the category order of plot-profile.csv's columns. */
static void test_one_palette(void)
{
	char *gp = ts_read_file("plots/profile.gp", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(gp);
	const char *at = strstr(gp, "colours = \"");
	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	at += strlen("colours = \"");
	for (int c = 0; c < CAT_COUNT; c++) {
		char word[16] = "";
		int used = 0;
		CU_ASSERT_EQUAL(sscanf(at, "%15[^ \"]%n", word, &used), 1);
		CU_ASSERT_EQUAL(strcasecmp(word, category_colour((enum category)c)), 0);
		if (strcasecmp(word, category_colour((enum category)c)) != 0)
			fprintf(stderr, "\n  %s: profile.gp %s, categories.c %s\n",
				category_id((enum category)c), word, category_colour((enum category)c));
		at += used;
		while (*at == ' ')
			at++;
	}
	CU_ASSERT_EQUAL(*at, '"');	/* no colour left over */
	free(gp);
}

int register_first_touch_suite(void)
{
	static const struct test_case cases[] = {
		{ "split_by_rate", test_split_by_rate },
		{ "split_kernel_copies", test_split_kernel_copies },
		{ "split_needs_a_rate", test_split_needs_a_rate },
		{ "side_bytes_from_the_halves", test_side_bytes_from_the_halves },
		{ "walk_agrees_with_the_table", test_walk_agrees_with_the_table },
		{ "flame_graph_colours_as_counted", test_flame_graph_colours_as_counted },
		{ "one_palette", test_one_palette },
	};
	return TS_ADD_SUITE("first_touch", cases);
}
