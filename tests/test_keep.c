/*
 * test_keep.c - the keeping receiver (--dst memory, issue 41): every method that can send from
 * memory delivers into a destination of the transfer's size in the consumer's memory, each
 * run verified by hashing that destination after the clock; a receiver that gets one byte
 * wrong fails the run; "keep" touches every page before the clock and "keep-fresh" none; the
 * refusals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "catalog/methods.h"
#include "consumer/sink.h"
#include "record/results.h"
#include "test_support.h"
#include "transfer/harness.h"
#include "transfer/memory_source.h"

static char dir[64];

static int suite_init(void)
{
	ts_make_tempdir(dir, sizeof(dir));
	return dir[0] ? 0 : -1;
}

static int suite_clean(void)
{
	ts_remove_tree(dir);
	return 0;
}

/* `bulkxfer run --src memory --size 4M --chunk 64K --runs 2 <extra>` into a fresh CSV; its
 * rows into *recs (the caller frees), their count returned. */
static size_t keep_rows(const char *extra, struct ts_result *r, struct run_record **recs)
{
	char csv[128], line[1024];
	snprintf(csv, sizeof(csv), "%s/k.csv", dir);
	unlink(csv);
	snprintf(line, sizeof(line), "run --src memory --size 4M --chunk 64K --runs 2 --workdir %s "
		 "--csv %s %s", dir, csv, extra);
	size_t n = ts_run_rows(r, line, csv, recs);
	unlink(csv);
	return n;
}

/* Every method that can send from memory, into a kept destination: each row names the keeping
 * half and says it was verified by the kept bytes' own hash, not by a check run. */
static void test_every_method_keeps(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	struct run_record *recs;
	static const char *const methods[] = { "pipe", "unix", "shm", "shm-rw", "shm-whole", "cma",
					       "vmsplice" };
	for (size_t k = 0; k < sizeof(methods) / sizeof(methods[0]); k++) {
		/* keep-fresh differs only in prepare (fresh_is_untouched): two methods suffice */
		for (int fresh = 0; fresh <= (k < 2); fresh++) {
			char extra[128];
			snprintf(extra, sizeof(extra), "--method %s %s", methods[k],
				 fresh ? "--sink-by keep-fresh" : "--dst memory");
			size_t n = keep_rows(extra, r, &recs);
			CU_ASSERT_EQUAL(r->status, 0);
			CU_ASSERT_EQUAL(n, 2);
			if (n != 2)
				fprintf(stderr, "\n  %s: %s\n", extra, r->err);
			CU_ASSERT_PTR_NULL(strstr(r->out, "check run"));
			for (size_t i = 0; i < n; i++) {
				CU_ASSERT_STRING_EQUAL(recs[i].consumer, "sink-keep");
				CU_ASSERT_STRING_EQUAL(recs[i].sink_by, fresh ? "keep-fresh" : "keep");
				CU_ASSERT_EQUAL(recs[i].verified, 1);
				CU_ASSERT_STRING_EQUAL(recs[i].verify_by, "kept");
				CU_ASSERT_EQUAL(recs[i].bytes, 4 << 20);
			}
			free(recs);
		}
	}
	free(r);
}

/* ---- a receiver that keeps one byte wrong ------------------------------------------------ */

static int flips_transfer(struct half_ctx *ctx)
{
	int rc = sink_keep_pipe.transfer(ctx);
	if (rc == 0)
		((unsigned char *)ctx->kept)[4096] ^= 0x21;
	return rc;
}

static int flips_prepare(struct half_ctx *ctx) { return sink_keep_pipe.prepare(ctx); }
static void flips_release(struct half_ctx *ctx) { sink_keep_pipe.release(ctx); }

static const struct half_ops keep_flips = {
	.name = "sink-keep", .channel = CHANNEL_PIPE, .keeps_in_memory = 1,
	.does = "keeps like the pipe's keeping sink, then flips a byte",
	.prepare = flips_prepare, .transfer = flips_transfer, .release = flips_release,
};

/* The kept bytes are what is hashed: one wrong byte in them fails the run; the same receiver
 * without the flip passes (so the failure is the byte's, not the setting's). */
static void test_kept_hash_catches_a_wrong_byte(void)
{
	struct memory_source ms;
	struct bx_error err = { 0, "" };
	CU_ASSERT_EQUAL_FATAL(memory_source_create(&ms, 1 << 20, 0, 0, 0, 0, &err), 0);
	for (int flip = 0; flip <= 1; flip++) {
		struct transfer_spec spec = {
			.method = methods_find("pipe"), .src_mem = ms.buf, .src_mem_size = ms.size,
			.consumer = flip ? &keep_flips : &sink_keep_pipe, .dst_path = "/dev/null",
			.chunk = 65536, .slots = 8, .verify = 1, .src_hash = ms.hash,
			.cpu_producer = -1, .cpu_consumer = -1,
		};
		struct run_record rec;
		int rc = harness_transfer(&spec, &rec, &err);
		CU_ASSERT_EQUAL(rc, flip ? BX_EXIT_FAILURE : 0);
		if (flip) {
			CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "differs from source"));
		} else {
			CU_ASSERT_EQUAL(rec.verified, 1);
		}
	}
	memory_source_free(&ms);
}

/* Pages of [p, p + len) resident now (mincore). */
static size_t resident_pages(const void *p, size_t len)
{
	size_t pages = (len + 4095) / 4096, n = 0;
	unsigned char *vec = malloc(pages);
	uintptr_t start = (uintptr_t)p & ~(uintptr_t)4095;
	if (vec && mincore((void *)start, len + ((uintptr_t)p - start), vec) == 0)
		for (size_t i = 0; i < pages; i++)
			n += vec[i] & 1;
	free(vec);
	return n;
}

/* "keep" has every page of the destination present before the clock; "keep-fresh" none, so
 * the loop pays each first touch.  Asked of the mapping itself, not of a timing. */
static void test_fresh_is_untouched(void)
{
	for (int fresh = 0; fresh <= 1; fresh++) {
		struct half_ctx ctx;
		memset(&ctx, 0, sizeof(ctx));
		ctx.size = 1 << 20;
		ctx.chunk = 65536;
		ctx.dst_fresh = fresh;
		CU_ASSERT_EQUAL_FATAL(sink_keep_pipe.prepare(&ctx), 0);
		CU_ASSERT_PTR_NOT_NULL(ctx.kept);
		size_t present = resident_pages(ctx.kept, (size_t)ctx.size);
		CU_ASSERT_EQUAL(present, fresh ? 0 : (1 << 20) / 4096);
		sink_keep_pipe.release(&ctx);
		CU_ASSERT_PTR_NULL(ctx.kept);
	}
}

/* Refusals: one line, exit 2, before anything runs. */
static void test_refusals(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	struct run_record *recs;
	static const struct { const char *extra, *says; } cases[] = {
		{ "--method pipe --dst memory --sink-by read", "--dst memory keeps the bytes in the "
		  "consumer's memory: drop --sink-by" },
		{ "--method pipe --dst memory --sink", "drop --sink" },
		{ "--method pipe --sink-by keep --chunk rest", "--chunk rest: --sink-by keep" },
		{ "--method fdpass --sink-by keep", "fdpass cannot" },
		{ "--method pipe --dst memory --size 100T", "not enough memory: --src memory and --dst "
		  "memory each keep" },
	};
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		size_t n = keep_rows(cases[k].extra, r, &recs);
		CU_ASSERT_EQUAL(r->status, 2);
		CU_ASSERT_EQUAL(n, 0);
		CU_ASSERT_PTR_NOT_NULL(strstr(r->err, cases[k].says));
		if (!strstr(r->err, cases[k].says))
			fprintf(stderr, "\n  %s: got '%s'\n", cases[k].extra, r->err);
		free(recs);
	}
	free(r);
}

int register_keep_suite(void)
{
	static const struct test_case cases[] = {
		{ "every_method_keeps", test_every_method_keeps },
		{ "kept_hash_catches_a_wrong_byte", test_kept_hash_catches_a_wrong_byte },
		{ "fresh_is_untouched", test_fresh_is_untouched },
		{ "refusals", test_refusals },
	};
	return TS_ADD_SUITE_WITH("keep", suite_init, suite_clean, cases);
}
