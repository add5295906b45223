/*
 * flamegraph.c - folded stacks to an SVG flame graph (see flamegraph.h).
 *
 * The stacks are merged into a tree (a frame's children are the frames called from it with the
 * same stack below), then drawn depth-first: x is the running sample count scaled to the width,
 * y the depth counted up from the bottom.  Boxes narrower than MIN_PX are left out (their
 * samples still widen their callers); a label is drawn only where it fits.
 */
#include "analysis/profile/flamegraph.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/profile/categories.h"
#include "base/output_file.h"

#define WIDTH 1200.0
#define FRAME_H 16
#define MARGIN 10
#define TOP 40
#define MIN_PX 0.1
#define CHAR_PX 6.5

struct node {
	char *name;
	uint64_t count;
	struct node *children;
	size_t n, cap;
};

static struct node *child(struct node *parent, const char *name, size_t len)
{
	for (size_t i = 0; i < parent->n; i++)
		if (strlen(parent->children[i].name) == len &&
		    memcmp(parent->children[i].name, name, len) == 0)
			return &parent->children[i];
	if (parent->n == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 4;
		struct node *c = realloc(parent->children, cap * sizeof(*c));
		if (!c)
			return NULL;
		parent->children = c;
		parent->cap = cap;
	}
	struct node *c = &parent->children[parent->n];
	memset(c, 0, sizeof(*c));
	c->name = strndup(name, len);
	if (!c->name)
		return NULL;
	parent->n++;
	return c;
}

static int add_stack(struct node *root, const char *folded, uint64_t count)
{
	root->count += count;
	struct node *at = root;
	const char *p = folded;
	while (*p) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		at = child(at, p, len);
		if (!at)
			return -ENOMEM;
		at->count += count;
		p += len;
		if (*p == ';')
			p++;
	}
	return 0;
}

static void free_tree(struct node *n)
{
	for (size_t i = 0; i < n->n; i++)
		free_tree(&n->children[i]);
	free(n->children);
	free(n->name);
}

static size_t depth_of(const struct node *n)
{
	size_t d = 0;
	for (size_t i = 0; i < n->n; i++) {
		size_t c = depth_of(&n->children[i]);
		if (c > d)
			d = c;
	}
	return d + 1;
}

static void xml_text(FILE *f, const char *s, size_t max)
{
	for (size_t i = 0; s[i] && i < max; i++) {
		switch (s[i]) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(s[i], f);
		}
	}
}

static void draw(FILE *f, const struct node *n, double x, size_t depth, size_t max_depth,
		 double px_per_sample, uint64_t total, struct category_walk walk)
{
	double w = (double)n->count * px_per_sample;
	if (w < MIN_PX)
		return;
	enum category cat = depth == 0 ? CAT_OTHER :	/* the root, "all", is no frame */
			    category_walk_step(&walk, n->name, strlen(n->name));
	double y = TOP + (double)(max_depth - depth - 1) * FRAME_H;
	fprintf(f, "<g><title>");
	xml_text(f, n->name, (size_t)-1);
	fprintf(f, " (%llu samples, %.2f%%)</title><rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" "
		"height=\"%d\" fill=\"%s\" rx=\"2\"/>", (unsigned long long)n->count,
		100.0 * (double)n->count / (double)total, MARGIN + x, y, w, FRAME_H - 1,
		category_colour(cat));
	size_t fits = (size_t)((w - 4) / CHAR_PX);
	if (fits >= 3) {
		fprintf(f, "<text x=\"%.2f\" y=\"%.1f\"%s>", MARGIN + x + 2, y + FRAME_H - 4,
			category_colour_is_dark(cat) ? " fill=\"#ffffff\"" : "");
		size_t len = strlen(n->name);
		xml_text(f, n->name, len <= fits ? len : fits - 2);
		if (len > fits)
			fputs("..", f);
		fputs("</text>", f);
	}
	fputs("</g>\n", f);
	for (size_t i = 0; i < n->n; i++) {
		draw(f, &n->children[i], x, depth + 1, max_depth, px_per_sample, total, walk);
		x += (double)n->children[i].count * px_per_sample;
	}
}

/* The categories a frame can take (first touch is worked out per side, never per frame). */
static void legend(FILE *f, double y)
{
	double x = MARGIN;
	for (int c = 0; c < CAT_COUNT; c++) {
		if (c == CAT_FIRST_TOUCH)
			continue;
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>"
			"<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", x, y,
			category_colour((enum category)c), x + 13,
			y + 9, category_label((enum category)c));
		x += 13 + CHAR_PX * (double)strlen(category_label((enum category)c)) + 12;
		if (x > WIDTH - 150) {
			x = MARGIN;
			y += 14;
		}
	}
}

int flamegraph_write_svg(const struct stack_counts *sc, const char *title, const char *path)
{
	struct node root = { .name = strdup("all") };
	int rc = root.name ? 0 : -ENOMEM;
	for (size_t i = 0; rc == 0 && i < sc->n; i++)
		rc = add_stack(&root, sc->items[i].stack, sc->items[i].count);
	size_t depth = depth_of(&root);
	double height = TOP + (double)depth * FRAME_H + 50;
	struct output_file out;
	FILE *f = NULL;
	if (rc == 0 && !(f = output_file_open(&out, path)))
		rc = -errno;
	if (rc == 0) {
		fprintf(f, "<?xml version=\"1.0\" standalone=\"no\"?>\n<svg version=\"1.1\" "
			"xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
			"viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"11\">\n"
			"<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n<text x=\"%d\" "
			"y=\"20\" font-size=\"15\">", WIDTH + 2 * MARGIN, height, WIDTH + 2 * MARGIN,
			height, MARGIN);
		xml_text(f, title, (size_t)-1);
		fprintf(f, " (%llu samples; hover a box for its share)</text>\n",
			(unsigned long long)root.count);
		struct category_walk walk;
		category_walk_start(&walk);
		if (root.count)
			draw(f, &root, 0, 0, depth, WIDTH / (double)root.count, root.count, walk);
		legend(f, TOP + (double)depth * FRAME_H + 12);
		fputs("</svg>\n", f);
		rc = output_file_close(&out, 1);
	}
	free_tree(&root);
	return rc;
}
