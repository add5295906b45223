/*
 * test_layout.c - the tree and what describes it cannot drift apart: every source file is named
 * with its job in doc/details.md's layout, the README's and the man page's lists of report
 * sections are the report's own table, every half of the registry is defined in the file the
 * registry names, `list --halves` shows every channel, and the layers' checker passes on the tree
 * and names a planted include that climbs a layer.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/report/report_sections.h"
#include "catalog/methods.h"
#include "channel/channel.h"
#include "test_support.h"

#define MAX_TEXT 262144

/* The whole of path into a static buffer, or NULL. */
static char *read_text(const char *path)
{
	static char text[MAX_TEXT];
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

/* The part of text from the line `heading` to the next line starting with "## " (copied). */
static char *section_of(const char *text, const char *heading)
{
	const char *a = text ? strstr(text, heading) : NULL;
	if (!a)
		return NULL;
	const char *b = strstr(a + strlen(heading), "\n## ");
	size_t n = b ? (size_t)(b - a) : strlen(a);
	char *s = malloc(n + 1);
	memcpy(s, a, n);
	s[n] = '\0';
	return s;
}

/* Every .c file under dir, each checked by check(path, arg); returns how many. */
static int each_source(const char *dir, void (*check)(const char *path, const char *arg),
		       const char *arg)
{
	DIR *d = opendir(dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			n += each_source(path, check, arg);
		} else {
			size_t len = strlen(e->d_name);
			if (len > 2 && strcmp(e->d_name + len - 2, ".c") == 0) {
				check(path, arg);
				n++;
			}
		}
	}
	closedir(d);
	return n;
}

/* path is named in the layout at the start of a line, with its job beside it. */
static void named_with_job(const char *path, const char *layout)
{
	char line[600];
	snprintf(line, sizeof(line), "\n    %s ", path);
	const char *at = strstr(layout, line);
	if (!at)
		fprintf(stderr, "  layout: %s is not in doc/details.md's Layout\n", path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	at += strlen(line);
	while (*at == ' ')
		at++;
	CU_ASSERT_TRUE(*at != '\n' && *at != '\0');	/* a job, not a bare name */
}

static void test_every_source_file_in_details(void)
{
	char *layout = section_of(read_text("doc/details.md"), "\n## Layout\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(layout);
	int n = 0;
	static const char *const roots[] = {"producer", "consumer", "common"};
	for (size_t r = 0; r < sizeof(roots) / sizeof(roots[0]); r++)
		n += each_source(roots[r], named_with_job, layout);
	CU_ASSERT_TRUE(n >= 90);
	/* ... and every file it names is there. */
	int named = 0;
	for (const char *p = strchr(layout, '\n'); p; p = strchr(p + 1, '\n')) {
		if (strncmp(p, "\n    producer/", 14) != 0 && strncmp(p, "\n    consumer/", 14) != 0 &&
		    strncmp(p, "\n    common/", 12) != 0)
			continue;
		char path[256];
		if (sscanf(p, " %255s", path) != 1)
			continue;
		struct stat st;
		if (stat(path, &st) != 0)
			fprintf(stderr, "  layout: doc/details.md names %s, which does not exist\n", path);
		CU_ASSERT_EQUAL(stat(path, &st), 0);
		named += strlen(path) > 2 && strcmp(path + strlen(path) - 2, ".c") == 0;
	}
	CU_ASSERT_EQUAL(named, n);
	free(layout);
}

static void test_report_sections_in_readme_and_manpage(void)
{
	size_t ns = report_sections_count();
	CU_ASSERT_TRUE_FATAL(ns >= 10);
	char *list = section_of(read_text("README.md"), "\n## What the report shows\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(list);
	size_t i = 0;
	for (const char *p = strstr(list, "\n- **"); p; p = strstr(p + 1, "\n- **"), i++) {
		p += strlen("\n- **");
		const char *end = strstr(p, "**");
		CU_ASSERT_PTR_NOT_NULL_FATAL(end);
		const char *want = report_section_title(i);
		if (!want || strlen(want) != (size_t)(end - p) || strncmp(p, want, strlen(want)) != 0)
			fprintf(stderr, "  README's section %zu is '%.*s', the report's is '%s'\n", i,
				(int)(end - p), p, want ? want : "(none)");
		CU_ASSERT_PTR_NOT_NULL_FATAL(want);
		CU_ASSERT_EQUAL(strlen(want), (size_t)(end - p));
		CU_ASSERT_EQUAL(strncmp(p, want, strlen(want)), 0);
	}
	CU_ASSERT_EQUAL(i, ns);
	free(list);

	/* The man page's entry for report.md names them in the same order. */
	const char *man = read_text("doc/bulkxfer.1");
	const char *entry = man ? strstr(man, "\n.B report.md\n") : NULL;
	CU_ASSERT_PTR_NOT_NULL_FATAL(entry);
	entry += strlen("\n.B report.md\n");
	const char *stop = strstr(entry, "\n.TP");
	char flat[4096];
	size_t k = 0;
	for (const char *p = entry; p < stop && k + 1 < sizeof(flat); p++) {
		if (*p == '\\' && p[1] == '-')
			continue;	/* roff's "\-" is a '-' */
		flat[k++] = *p == '\n' ? ' ' : *p;
	}
	flat[k] = '\0';
	const char *at = flat;
	for (size_t s = 0; s < ns; s++) {
		const char *found = strstr(at, report_section_title(s));
		if (!found)
			fprintf(stderr, "  the man page's report.md entry lacks '%s' (in order)\n",
				report_section_title(s));
		CU_ASSERT_PTR_NOT_NULL_FATAL(found);
		at = found;
	}
}

/* The registry's file for half h defines it. */
static void defined_where_named(const struct half_ops *h)
{
	const char *file = methods_half_file(h);
	CU_ASSERT_PTR_NOT_NULL_FATAL(file);
	const char *text = read_text(file);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	char name[96];
	snprintf(name, sizeof(name), ".name = \"%s\"", h->name);
	if (!strstr(text, name))
		fprintf(stderr, "  %s does not define the half %s\n", file, h->name);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, name));
}

static void test_registry_names_each_half_file(void)
{
	const struct half_ops *h;
	size_t n = 0;
	for (size_t i = 0; (h = methods_producer_at(i)); i++, n++)
		defined_where_named(h);
	for (size_t i = 0; (h = methods_consumer_at(i)); i++, n++)
		defined_where_named(h);
	CU_ASSERT_TRUE(n >= 30);
	/* Every method's halves are registered ones, so each is in a file a reader can find. */
	for (size_t i = 0; i < methods_count(); i++) {
		CU_ASSERT_PTR_NOT_NULL(methods_half_file(methods_at(i)->producer));
		CU_ASSERT_PTR_NOT_NULL(methods_half_file(methods_at(i)->consumer));
	}
	/* list --halves: every channel of BX_CHANNELS, every half with its file. */
	struct ts_result *r = malloc(sizeof(*r));
	const char *argv[] = { "bulkxfer", "list", "--halves", NULL };
	CU_ASSERT_EQUAL_FATAL(ts_run_bulkxfer(r, argv), 0);
	CU_ASSERT_EQUAL(r->status, 0);
	for (enum channel_kind k = 0; k < CHANNEL_KINDS; k++) {
		char line[128];
		snprintf(line, sizeof(line), "\n%s\n", channel_name(k));
		CU_ASSERT_PTR_NOT_NULL(strstr(r->out, line));
	}
	for (size_t i = 0; (h = methods_producer_at(i)); i++) {
		char file[160];
		snprintf(file, sizeof(file), "(%s)\n", methods_half_file(h));
		CU_ASSERT_PTR_NOT_NULL(strstr(r->out, file));
	}
	free(r);
}

/* Write text into dir/rel, making its folders. */
static void write_tree_file(const char *dir, const char *rel, const char *text)
{
	char path[PATH_MAX + 64];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (char *slash = strchr(path + strlen(dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	FILE *f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
}

static void test_layers_checked(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	const char *real[] = { "scripts/check-layers.sh", NULL };
	CU_ASSERT_EQUAL_FATAL(ts_run_program(r, NULL, real), 0);
	CU_ASSERT_EQUAL(r->status, 0);
	/* A scratch tree whose base layer includes the command line: named, and a failure. */
	char dir[PATH_MAX];
	ts_make_tempdir(dir, sizeof(dir));
	CU_ASSERT_FATAL(dir[0] != '\0');
	write_tree_file(dir, "common/base/ok.c", "#include \"base/ok.h\"\n");
	write_tree_file(dir, "common/base/ok.h", "");
	write_tree_file(dir, "common/record/rows.c", "#include \"base/ok.h\"\n");
	write_tree_file(dir, "common/base/bad.c", "#include \"base/ok.h\"\n\n#include \"cli/cli.h\"\n");
	write_tree_file(dir, "common/cli/cli.h", "#include \"run/runner.h\"\n");
	write_tree_file(dir, "consumer/pipe.c", "#include \"producer/pipe.h\"\n");
	const char *scratch[] = { "scripts/check-layers.sh", dir, NULL };
	CU_ASSERT_EQUAL_FATAL(ts_run_program(r, NULL, scratch), 0);
	CU_ASSERT_EQUAL(r->status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "common/base/bad.c:3: includes \"cli/cli.h\""));
	CU_ASSERT_PTR_NULL(strstr(r->out, "common/record/rows.c"));	/* going down is fine */
	CU_ASSERT_PTR_NULL(strstr(r->out, "common/cli/cli.h"));	/* the top may include anything */
	/* one half may not include the other */
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "consumer/pipe.c:1: includes \"producer/pipe.h\""));
	/* A folder the table does not know is named too. */
	write_tree_file(dir, "common/attic/old.c", "");
	CU_ASSERT_EQUAL_FATAL(ts_run_program(r, NULL, scratch), 0);
	CU_ASSERT_EQUAL(r->status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "common/attic/old.c: folder attic is not in the table"));
	ts_remove_tree(dir);
	free(r);
}

/* The link check: objects built from a scratch tree whose includes all go down, but whose base
 * layer calls a function the command line defines (declared by hand, as consumer/uring.c once
 * declared producer/uring.c's), and two run files that call each other. */
static void test_links_checked(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	char dir[PATH_MAX], build[PATH_MAX + 16];
	ts_make_tempdir(dir, sizeof(dir));
	CU_ASSERT_FATAL(dir[0] != '\0');
	snprintf(build, sizeof(build), "%s/build", dir);
	CU_ASSERT_EQUAL_FATAL(mkdir(build, 0755), 0);
	const char *const files[][2] = {
		{ "common/base/util.c", "int cli_main(void);\nint base_util(void) { return cli_main(); }\n" },
		{ "common/cli/cli.c", "int base_util(void);\nint cli_main(void) { return 1; }\n"
				      "int cli_other(void) { return base_util(); }\n" },
		{ "common/run/a.c", "int run_b(int);\nint run_a(int n) { return n ? run_b(n - 1) : 0; }\n" },
		{ "common/run/b.c", "int run_a(int);\nint run_b(int n) { return n ? run_a(n - 1) : 0; }\n" },
		{ "common/run/c.c", "int run_a(int);\nint run_c(void) { return run_a(3); }\n" },
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		write_tree_file(dir, files[i][0], files[i][1]);
		char src[PATH_MAX + 64], obj[PATH_MAX + 64];
		snprintf(src, sizeof(src), "%s/%s", dir, files[i][0]);
		snprintf(obj, sizeof(obj), "%s/%s", build, files[i][0]);
		obj[strlen(obj) - 1] = 'o';
		write_tree_file(build, files[i][0], "");	/* its folder */
		const char *cc[] = { "cc", "-c", src, "-o", obj, NULL };
		CU_ASSERT_EQUAL_FATAL(ts_run_program(r, NULL, cc), 0);
		CU_ASSERT_EQUAL_FATAL(r->status, 0);
		snprintf(obj, sizeof(obj), "%s/%s", build, files[i][0]);
		unlink(obj);	/* the placeholder .c in the build tree */
	}
	const char *check[] = { "scripts/check-layers.sh", "--objects", build, dir, NULL };
	CU_ASSERT_EQUAL_FATAL(ts_run_program(r, NULL, check), 0);
	CU_ASSERT_EQUAL(r->status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "every include goes down the layers"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out,
				      "common/base/util.c uses cli_main, defined in common/cli/cli.c"));
	CU_ASSERT_PTR_NULL(strstr(r->out, "common/cli/cli.c uses"));	/* the top may use anything */
	CU_ASSERT_PTR_NULL(strstr(r->out, "common/run/c.c uses"));	/* in its own layer */
	/* one line per loop: run's a and b (c calls in, not round), and base's with cli's */
	int run_loop = 0, base_loop = 0;
	for (const char *loop = strstr(r->out, "files that use each other in a loop: "); loop;
	     loop = strstr(loop + 1, "files that use each other in a loop: ")) {
		const char *end = strchr(loop, '\n');
		size_t len = end ? (size_t)(end - loop) : strlen(loop);
		if (memmem(loop, len, "common/run/a.c", 14)) {
			run_loop++;
			CU_ASSERT_PTR_NOT_NULL(memmem(loop, len, "common/run/b.c", 14));
			CU_ASSERT_PTR_NULL(memmem(loop, len, "common/run/c.c", 14));
		}
		base_loop += memmem(loop, len, "common/base/util.c", 18) &&
			     memmem(loop, len, "common/cli/cli.c", 16);
	}
	CU_ASSERT_EQUAL(run_loop, 1);
	CU_ASSERT_EQUAL(base_loop, 1);
	ts_remove_tree(dir);
	free(r);
}

/* doc/details.md's table of methods has a row for every method of the registry, with the
 * theory `list` prints (CPU copies and mode switches per chunk), and no row for a method that
 * is not there. */
static void test_methods_table_is_the_registry(void)
{
	char *methods = section_of(read_text("doc/details.md"), "\n## Methods\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(methods);
	size_t rows = 0;
	for (const char *p = strstr(methods, "\n| `"); p; p = strstr(p + 1, "\n| `"), rows++) {
		char name[64];
		CU_ASSERT_EQUAL_FATAL(sscanf(p, "\n| `%63[^`]`", name), 1);
		const struct method *m = methods_find(name);
		if (!m)
			fprintf(stderr, "\n  details.md's Methods names %s, which is no method\n", name);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		const char *end = strchr(p + 1, '\n');
		const char *bar = end;	/* the last two cells: copies, switches */
		unsigned copies = 0, switches = 0;
		for (int k = 0; k < 3 && bar > p; bar--)
			k += *bar == '|';
		CU_ASSERT_EQUAL(sscanf(bar + 1, "| %u | %u |", &copies, &switches), 2);
		if (copies != methods_cpu_copies(m) || switches != methods_switches(m))
			fprintf(stderr, "\n  details.md: %s %u copies %u switches; the registry: %u, %u\n",
				name, copies, switches, methods_cpu_copies(m), methods_switches(m));
		CU_ASSERT_EQUAL(copies, methods_cpu_copies(m));
		CU_ASSERT_EQUAL(switches, methods_switches(m));
	}
	CU_ASSERT_EQUAL(rows, methods_count());
	free(methods);
}

int register_layout_suite(void)
{
	static const struct test_case cases[] = {
		{ "every_source_file_in_details", test_every_source_file_in_details },
		{ "report_sections_in_readme_and_manpage", test_report_sections_in_readme_and_manpage },
		{ "registry_names_each_half_file", test_registry_names_each_half_file },
		{ "layers_checked", test_layers_checked },
		{ "links_checked", test_links_checked },
		{ "methods_table_is_the_registry", test_methods_table_is_the_registry },
	};
	return TS_ADD_SUITE("layout", cases);
}
