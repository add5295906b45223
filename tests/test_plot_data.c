/*
 * test_plot_data.c - what the graphs are given so a reader reads them as meant: one colour per
 * method in every line graph (plot_data_line_type and the .lt files beside the data), and labels
 * moved apart where they would print over each other (plot_labels_apart).
 */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/plots/plot_data.h"
#include "catalog/methods.h"
#include "test_support.h"

/* Two labels at the same x 0.1 apart move to 0.5 apart, keeping their order; one far along x
 * stays where it is; labels already apart do not move. */
static void test_labels_apart(void)
{
	double x[4] = { 1000, 1100, 1e6, 1050 };
	double y[4] = { 1.8, 1.7, 1.75, 3.0 };
	plot_labels_apart(x, y, 4, 0.5, 4.0);
	CU_ASSERT_DOUBLE_EQUAL(y[1], 1.7, 1e-12);	/* the lowest keeps its place */
	CU_ASSERT_DOUBLE_EQUAL(y[0], 2.2, 1e-12);	/* above it, and still above */
	CU_ASSERT_DOUBLE_EQUAL(y[2], 1.75, 1e-12);	/* far along x: untouched */
	CU_ASSERT_DOUBLE_EQUAL(y[3], 3.0, 1e-12);	/* 0.8 above the moved one: apart */
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 4; j++)
			if (i != j && x[i] / x[j] <= 4 && x[j] / x[i] <= 4)
				CU_ASSERT_TRUE(fabs(y[i] - y[j]) >= 0.5 - 1e-12);
}

/* The .lt beside a line graph's data as an array of line types; returns how many. */
static size_t read_line_types(const char *path, int lt[16])
{
	char *text = ts_read_file(path, NULL);
	size_t n = 0;
	const char *q = text ? strchr(text, '"') : NULL;
	for (char *end; q && n < 16; q = end) {
		long v = strtol(q + 1, &end, 10);
		if (end == q + 1)
			break;
		lt[n++] = (int)v;
	}
	free(text);
	return n;
}

/* A method keeps its colour whichever others share a graph: shm-rw is the same line type in a
 * graph of four methods as in one of five (read/write, shm, splice, shm-rw, shm-whole). */
static void test_line_type_per_method(void)
{
	for (size_t i = 0; i < methods_count(); i++) {
		size_t lt = plot_data_line_type(methods_at(i)->name);
		CU_ASSERT_TRUE(lt >= 1 && lt <= PLOT_LINE_TYPES);
		CU_ASSERT_EQUAL(lt, i % PLOT_LINE_TYPES + 1);
	}
	char dir[256], path[512];
	ts_make_tempdir(dir, sizeof(dir));
	const char *five[] = { "pipe", "shm", "splice", "shm-rw", "shm-whole" };
	struct group g[10];
	memset(g, 0, sizeof(g));
	size_t n = 0;
	for (int m = 0; m < 5; m++)
		for (int v = 0; v < 2; v++) {
			struct group *x = &g[n++];
			snprintf(x->series, sizeof(x->series), "chunk-sweep");
			snprintf(x->method, sizeof(x->method), "%s", five[m]);
			snprintf(x->source, sizeof(x->source), "file");
			x->bytes = 1 << 20;
			x->chunk = v ? 65536 : 4096;
			x->n = 3;
			x->gib.median = 1.0 + m;
		}
	snprintf(path, sizeof(path), "%s/plot-chunk.csv", dir);
	CU_ASSERT_EQUAL(plot_data_chunk(path, g, n), 1);
	snprintf(path, sizeof(path), "%s/plot-chunk.lt", dir);
	int lt[16];
	size_t k = read_line_types(path, lt);
	CU_ASSERT_EQUAL_FATAL(k, 5);
	/* in the table's order: pipe, shm, splice, shm-whole, ..., shm-rw */
	for (size_t m = 0; m < 5; m++)
		CU_ASSERT_TRUE(lt[m] >= 1 && lt[m] <= PLOT_LINE_TYPES);
	CU_ASSERT_EQUAL(lt[k - 1], (int)plot_data_line_type("shm-rw"));
	ts_remove_tree(dir);
}

/* A --chunk rest group has no chunk size to stand at: the study's series (4 KiB and rest) is
 * no wider than a sweep of two chunks, so the sweep is drawn, and rest is no point on the axis
 * (it once stood at 16 EiB, every real chunk squeezed into the left edge). */
static void test_chunk_rest_is_no_point(void)
{
	char dir[256], path[512];
	ts_make_tempdir(dir, sizeof(dir));
	struct group g[4];
	memset(g, 0, sizeof(g));
	const struct { const char *series; uint64_t chunk; } at[4] = {
		{ "study", 4096 }, { "study", CHUNK_REST },
		{ "chunk-sweep", 4096 }, { "chunk-sweep", 65536 },
	};
	for (size_t i = 0; i < 4; i++) {
		snprintf(g[i].series, sizeof(g[i].series), "%s", at[i].series);
		snprintf(g[i].method, sizeof(g[i].method), "splice");
		snprintf(g[i].source, sizeof(g[i].source), "file");
		g[i].bytes = 1 << 20;
		g[i].chunk = at[i].chunk;
		g[i].n = 3;
		g[i].gib.median = 1.0 + (double)i;
	}
	snprintf(path, sizeof(path), "%s/plot-chunk.csv", dir);
	CU_ASSERT_EQUAL(plot_data_chunk(path, g, 4), 1);
	CU_ASSERT_TRUE(ts_file_contains(path, "\n65536,4,"));	/* the sweep's line */
	CU_ASSERT_FALSE(ts_file_contains(path, "18446744073709551615"));
	/* the study alone: one chunk size on the axis, nothing to draw a line through */
	CU_ASSERT_EQUAL(plot_data_chunk(path, g, 2), 0);
	ts_remove_tree(dir);
}

int register_plot_data_suite(void)
{
	static const struct test_case cases[] = {
		{ "labels_apart", test_labels_apart },
		{ "line_type_per_method", test_line_type_per_method },
		{ "chunk_rest_is_no_point", test_chunk_rest_is_no_point },
	};
	return TS_ADD_SUITE("plot_data", cases);
}
