/*
 * html_flame.c - the interactive flame graphs of report.html (html_flame.h).
 *
 * The data: every distinct (frame, category) pair once in a table, so a frame seen in a
 * thousand stacks costs its name once; each stack a list [count, frame, frame, ...] from the
 * outermost frame in.  A frame's category is the frame table's (categories.h), with the two
 * rules that look outwards applied here too: a kernel copy under a frame whose source is kernel
 * pages is a copy inside the kernel.  The drawing is the script below: plain DOM, no library,
 * so the page works offline and from file://.
 */
#include "analysis/html/html_flame.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/facts/facts.h"
#include "analysis/html/html_text.h"
#include "analysis/judge/study.h"
#include "analysis/profile/categories.h"
#include "analysis/words/sentences.h"
#include "base/hash.h"
#include "base/units.h"

#define MAX_FRAME 256


/* ---- the table of frames ------------------------------------------------------------------ */

struct frame_table {
	char **names;
	int *cats;
	size_t n, cap;
	size_t *slots, nslots;	/* open addressing: index + 1, 0 empty */
};

static uint64_t hash_of(const char *s, size_t len, int cat)
{
	return bx_hash_bytes(BX_HASH_SEED ^ (uint64_t)(cat + 1), s, len);
}

static int grow(struct frame_table *t)
{
	size_t nslots = t->nslots ? t->nslots * 2 : 1024;
	size_t *slots = calloc(nslots, sizeof(*slots));
	if (!slots)
		return -ENOMEM;
	for (size_t i = 0; i < t->n; i++) {
		size_t h = (size_t)hash_of(t->names[i], strlen(t->names[i]), t->cats[i]) % nslots;
		while (slots[h])
			h = (h + 1) % nslots;
		slots[h] = i + 1;
	}
	free(t->slots);
	t->slots = slots;
	t->nslots = nslots;
	return 0;
}

/* The number of (name[0..len), cat) in t, added when new; -1 when out of memory. */
static long frame_id(struct frame_table *t, const char *name, size_t len, int cat)
{
	if ((t->n + 1) * 2 > t->nslots && grow(t) < 0)
		return -1;
	size_t h = (size_t)hash_of(name, len, cat) % t->nslots;
	for (; t->slots[h]; h = (h + 1) % t->nslots) {
		size_t i = t->slots[h] - 1;
		if (t->cats[i] == cat && strlen(t->names[i]) == len && memcmp(t->names[i], name, len) == 0)
			return (long)i;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 512;
		char **names = realloc(t->names, cap * sizeof(*names));
		if (!names)
			return -1;
		t->names = names;
		int *cats = realloc(t->cats, cap * sizeof(*cats));
		if (!cats)
			return -1;
		t->cats = cats;
		t->cap = cap;
	}
	t->names[t->n] = strndup(name, len);
	if (!t->names[t->n])
		return -1;
	t->cats[t->n] = cat;
	t->slots[h] = t->n + 1;
	return (long)t->n++;
}

static void frame_table_free(struct frame_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->names[i]);
	free(t->names);
	free(t->cats);
	free(t->slots);
}

/* ---- folding and writing ---------------------------------------------------------------- */

const char *html_flame_fold_harness(const char *folded)
{
	static const char *const last_harness_frame[] = { "fault_guard_run", "harness_run_half" };
	for (size_t k = 0; k < sizeof(last_harness_frame) / sizeof(last_harness_frame[0]); k++) {
		const char *best = NULL;
		size_t len = strlen(last_harness_frame[k]);
		for (const char *p = folded; (p = strstr(p, last_harness_frame[k])); p += len)
			if ((p == folded || p[-1] == ';') && p[len] == ';')
				best = p + len + 1;
		if (best)
			return best;
	}
	return folded;
}

/* One stack as [count, frame ids...]; returns 0 or -ENOMEM. */
static int write_stack(FILE *f, struct frame_table *t, const char *folded, uint64_t count)
{
	fprintf(f, "[%llu", (unsigned long long)count);
	struct category_walk walk;	/* each frame coloured as the table counts a sample there */
	category_walk_start(&walk);
	for (const char *p = html_flame_fold_harness(folded); *p;) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char frame[MAX_FRAME];
		size_t keep = len < sizeof(frame) ? len : sizeof(frame) - 1;
		memcpy(frame, p, keep);
		frame[keep] = '\0';
		int cat = (int)category_walk_step(&walk, frame, keep);
		long id = frame_id(t, p, len, cat);
		if (id < 0)
			return -ENOMEM;
		fprintf(f, ",%ld", id);
		p += len;
		if (*p == ';')
			p++;
	}
	fputc(']', f);
	return 0;
}

static int write_data(FILE *f, const struct profile_set *set)
{
	struct frame_table t = { 0 };
	int rc = 0;
	fprintf(f, "<script type=\"application/json\" id=\"bx-flame-data\">{\"cats\":[");
	for (int c = 0; c < CAT_COUNT; c++) {
		fprintf(f, "%s{\"id\":", c ? "," : "");
		html_json_string(f, category_id((enum category)c));
		fprintf(f, ",\"label\":");
		html_json_string(f, category_label((enum category)c));
		/* first touch is worked out per side, never drawn on a frame: not in the legend */
		fprintf(f, ",\"fill\":\"%s\",\"dark\":%d,\"frame\":%d}",
			category_colour((enum category)c), category_colour_is_dark((enum category)c),
			c != CAT_FIRST_TOUCH);
	}
	fprintf(f, "],\"sides\":[");
	for (size_t i = 0; rc == 0 && i < set->n; i++) {
		const struct side_profile *p = &set->items[i];
		char chunk[32], title[160];
		snprintf(title, sizeof(title), "%s, %s, chunk %s, %s (%llu run%s, %llu samples)",
			 p->series, study_display_name(p->method),
			 units_format_chunk(p->chunk, chunk, sizeof(chunk)),
			 p->producer ? "sender" : "receiver", (unsigned long long)p->runs,
			 p->runs == 1 ? "" : "s", (unsigned long long)p->samples);
		fprintf(f, "%s\n{\"title\":", i ? "," : "");
		html_json_string(f, title);
		fprintf(f, ",\"stacks\":[");
		for (size_t k = 0; rc == 0 && k < p->stacks.n; k++) {
			if (k)
				fputc(',', f);
			rc = write_stack(f, &t, p->stacks.items[k].stack, p->stacks.items[k].count);
		}
		fprintf(f, "]}");
	}
	fprintf(f, "],\n\"frames\":[");
	for (size_t i = 0; i < t.n; i++) {
		fprintf(f, "%s[", i ? "," : "");
		html_json_string(f, t.names[i]);
		fprintf(f, ",%d]", t.cats[i]);
	}
	fprintf(f, "]}</script>\n");
	frame_table_free(&t);
	return rc;
}

/* The viewer: single quotes only and no backslash, so it sits in a C string as it is. */
static const char flame_script[] =
	"<script>\n"
	"(function () {\n"
	"  var data = JSON.parse(document.getElementById('bx-flame-data').textContent);\n"
	"  var box = document.getElementById('flame'), pick = document.getElementById('flame-side');\n"
	"  var q = document.getElementById('flame-search'), out = document.getElementById('flame-match');\n"
	"  var reset = document.getElementById('flame-reset'), legend = document.getElementById('flame-legend');\n"
	"  var ROW = 18, OTHER = data.cats.length - 1, root = null, zoom = null;\n"
	"  data.cats.forEach(function (c) {\n"
	"    if (!c.frame) return;\n"
	"    var s = document.createElement('span'); s.className = 'key';\n"
	"    s.innerHTML = '<i style=\"background:' + c.fill + '\"></i>'; s.appendChild(document.createTextNode(c.label));\n"
	"    legend.appendChild(s);\n"
	"  });\n"
	"  data.sides.forEach(function (s, i) {\n"
	"    var o = document.createElement('option'); o.value = i; o.textContent = s.title; pick.appendChild(o);\n"
	"  });\n"
	"  function build(side) {\n"
	"    var r = { name: 'all', cat: OTHER, v: 0, kids: {}, order: [], up: null, d: 0 };\n"
	"    side.stacks.forEach(function (st) {\n"
	"      var at = r; r.v += st[0];\n"
	"      for (var i = 1; i < st.length; i++) {\n"
	"        var id = st[i], ch = at.kids[id];\n"
	"        if (!ch) { ch = { name: data.frames[id][0], cat: data.frames[id][1], v: 0, kids: {}, order: [], up: at, d: at.d + 1 };\n"
	"                   at.kids[id] = ch; at.order.push(ch); }\n"
	"        ch.v += st[0]; at = ch;\n"
	"      }\n"
	"    });\n"
	"    return r;\n"
	"  }\n"
	"  function depth(n) { var d = 0; n.order.forEach(function (c) { d = Math.max(d, depth(c)); }); return d + 1; }\n"
	"  function pattern() { try { return q.value ? new RegExp(q.value) : null; } catch (e) { return null; } }\n"
	"  function frame(n, x, w, rows, re) {\n"
	"    var el = document.createElement('div'), c = data.cats[n.cat] || data.cats[OTHER];\n"
	"    el.className = 'frame' + (c.dark ? ' dark' : '') + (re && re.test(n.name) ? ' hit' : '');\n"
	"    el.style.left = (x * 100) + '%'; el.style.width = (w * 100) + '%';\n"
	"    el.style.bottom = (n.d * ROW) + 'px'; el.style.background = c.fill;\n"
	"    el.textContent = n.name; el.tabIndex = 0; el.setAttribute('role', 'button');\n"
	"    el.dataset.depth = n.d;\n"
	"    el.title = n.name + ' (' + n.v + ' samples, ' + (100 * n.v / root.v).toFixed(1) + '%): ' + c.label;\n"
	"    el.addEventListener('click', function () { zoom = n; draw(); });\n"
	"    el.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); zoom = n; draw(); } });\n"
	"    box.appendChild(el);\n"
	"  }\n"
	"  function matched(n, re) {\n"
	"    if (n !== root && re.test(n.name)) return n.v;\n"
	"    var s = 0; n.order.forEach(function (c) { s += matched(c, re); }); return s;\n"
	"  }\n"
	"  function draw() {\n"
	"    box.innerHTML = ''; var rows = depth(root), re = pattern();\n"
	"    box.style.height = (rows * ROW + 2) + 'px';\n"
	"    for (var a = zoom.up; a; a = a.up) frame(a, 0, 1, rows, re);\n"
	"    (function walk(n, x, w) {\n"
	"      frame(n, x, w, rows, re);\n"
	"      n.order.forEach(function (c) { var cw = w * c.v / n.v; if (cw * box.clientWidth >= 0.3) walk(c, x, cw); x += cw; });\n"
	"    })(zoom, 0, 1);\n"
	"    out.textContent = re ? 'matched: ' + (100 * matched(root, re) / root.v).toFixed(1) + '% of the samples' : '';\n"
	"  }\n"
	"  function show(i) { root = build(data.sides[i]); zoom = root; draw(); }\n"
	"  pick.addEventListener('change', function () { show(pick.value); });\n"
	"  q.addEventListener('input', draw);\n"
	"  reset.addEventListener('click', function () { zoom = root; draw(); });\n"
	"  document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && root) { zoom = root; draw(); } });\n"
	"  var first = 0, most = -1;\n"
	"  data.sides.forEach(function (s, i) { var t = 0; s.stacks.forEach(function (st) { t += st[0]; });\n"
	"    if (t > most) { most = t; first = i; } });\n"
	"  if (data.sides.length) { pick.value = first; show(first); }\n"
	"})();\n"
	"</script>\n";

int html_flame_write(FILE *f, const struct profile_set *set, const char *why_none)
{
	if (!set || set->n == 0) {
		fprintf(f, "<p>No profile in this job");
		if (why_none && *why_none) {
			fprintf(f, ": ");
			html_text(f, why_none);
		}
		fprintf(f, ".</p>\n");
		return 0;
	}
	fprintf(f, "<div class=\"flame-controls\"><label>side <select id=\"flame-side\"></select>"
		"</label> <label>search <input id=\"flame-search\" type=\"search\" "
		"placeholder=\"a regular expression, e.g. copy|memcpy\"></label> <button "
		"id=\"flame-reset\" type=\"button\">reset zoom</button> <span id=\"flame-match\" "
		"aria-live=\"polite\"></span></div>\n<div id=\"flame\" class=\"flame\" "
		"aria-label=\"flame graph: click or press Enter on a frame to zoom, Escape to reset\">"
		"</div>\n<p class=\"how\">Click a frame (or Tab to it and press Enter) to zoom into "
		"it; Escape or \"reset zoom\" comes back. Hover a frame for its samples and share. "
		"A search outlines the frames its regular expression matches and gives the share of "
		"the side's samples under them. Frames ending in [k] are the kernel's; the others "
		"are the process's own code and libraries.</p>\n"
		"<p id=\"flame-legend\" class=\"legend\"></p>\n");
	int rc = write_data(f, set);
	if (rc < 0)
		return rc;
	fputs(flame_script, f);
	return (int)set->n;
}

int html_flames_section(FILE *f, const struct job_facts *facts)
{
	fprintf(f, "<section id=\"flames\"><h2>Where the CPU time goes: flame graphs</h2>\n<p>Each "
		"profiled side's sampled stacks, the harness's own frames folded away; a frame's width "
		"is its share of the side's samples, its colour the category the tables count a "
		"sample there in. A copy routine's frame also holds the memory it first touched (on a "
		"guest whose hypervisor fills pages in under the copy, most of it): the tables split "
		"that out as first touch at this machine's warm copy rate; a frame cannot.</p>\n");
	int sides = html_flame_write(f, job_facts_profiles(facts),
				     facts->ctx ? facts->ctx->profile_why : NULL);
	fprintf(f, "</section>\n");
	return sides < 0 ? sides : 0;
}
