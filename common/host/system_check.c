/*
 * system_check.c - what on this machine moves the numbers (see system_check.h).  One function per
 * finding reads its files under the root and writes value, effect and advice; the effects name
 * what the development VM measured, so a user can tell which ones matter for bulkxfer.
 */
#include "host/system_check.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/units.h"
#include "host/sysinfo.h"

#define BUSY_CPU_SHARE 0.10	/* a process using a tenth of a CPU competes with a transfer */
#define DIRTY_LIMIT_WORRY_GIB 1.5	/* below it, reproduce's 1.4 GiB destination is throttled */
#define MAX_BUSY 8
#define DAMON_MAX_KDAMONDS 1024	/* looked at, at most */

/* ---- reading files under the root ----------------------------------------------------- */

/* The first line of root/rel, without its newline, into buf; 0, or -1 when it cannot be read. */
static int read_line(const char *root, const char *rel, char *buf, size_t len)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s%s", root, rel);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	int ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	if (!ok)
		return -1;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* 1 when root/rel is a directory this process can list. */
static int readable_dir(const char *root, const char *rel)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s%s", root, rel);
	DIR *d = opendir(path);
	if (d)
		closedir(d);
	return d != NULL;
}

/* A finding whose files could not be read: unknown, never a confident "off". */
static void say_unknown(struct finding *f, const char *what);

static long long read_number(const char *root, const char *rel, long long fallback)
{
	char buf[64];
	return read_line(root, rel, buf, sizeof(buf)) == 0 ? atoll(buf) : fallback;
}

/* The [selected] word of a sysfs choice line ("always [madvise] never" -> "madvise"). */
static void selected(const char *line, char *out, size_t len)
{
	const char *open = strchr(line, '['), *close = open ? strchr(open, ']') : NULL;
	if (open && close)
		snprintf(out, len, "%.*s", (int)(close - open - 1), open + 1);
	else
		snprintf(out, len, "%s", line);
}

static struct finding *add(struct system_findings *s, const char *name, int moves)
{
	struct finding *f = &s->f[s->n < SYSTEM_MAX_FINDINGS ? s->n++ : SYSTEM_MAX_FINDINGS - 1];
	memset(f, 0, sizeof(*f));
	snprintf(f->name, sizeof(f->name), "%s", name);
	f->moves = moves;
	return f;
}

static void say(char *field, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *field, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(field, len, fmt, ap);
	va_end(ap);
}
#define SAY(f, field, ...) say((f)->field, sizeof((f)->field), __VA_ARGS__)

static void say_unknown(struct finding *f, const char *what)
{
	SAY(f, value, "unknown (%s cannot be read here)", what);
	SAY(f, effect, "cannot tell");
	SAY(f, advice, "run `bulkxfer system` where %s is readable (as root, outside a "
	    "container)", what);
}

/* ---- the findings ----------------------------------------------------------------------- */

static void free_page_reporting(const char *root, struct system_findings *s)
{
	long long order = read_number(root, "/sys/module/page_reporting/parameters/page_reporting_order", -1);
	struct finding *f = add(s, "free page reporting", order >= 0);
	if (order < 0 && (readable_dir(root, "/sys/module/page_reporting") ||
			  !readable_dir(root, "/sys/module"))) {
		say_unknown(f, "/sys/module/page_reporting");
		return;
	}
	if (order < 0) {
		SAY(f, value, "off (no /sys/module/page_reporting: freed memory stays with this "
		    "machine)");
		SAY(f, effect, "none");
		SAY(f, advice, "nothing to do");
		return;
	}
	long long kib = read_number(root, "/sys/module/page_reporting/parameters/reported_kib", -1);
	char taken[64] = "";
	if (kib >= 0)
		snprintf(taken, sizeof(taken), "; %.1f GiB handed back since boot",
			 (double)kib / (1024.0 * 1024.0));
	/* An order is a power of two of pages; the kernel's largest is around 10, and a file
	 * under --root may say anything. */
	if (order <= 40)
		SAY(f, value, "on: free memory goes back to the host in blocks of %lld KiB (order "
		    "%lld)%s", 4LL << order, order, taken);
	else
		SAY(f, value, "on, in blocks of an order (%lld) that is no page order%s", order, taken);
	SAY(f, effect, "memory the host took back is faulted in through the host when touched "
	    "again: a fresh destination's page cache, a ring or a region cost 2-6x more in some runs "
	    "and jobs than in others (the `host took` column counts those runs)");
	SAY(f, advice, "compare methods within one job (interleaved rounds, as reproduce does); "
	    "--prime touches the memory before each run; on a machine you run, turn the balloon's "
	    "free page reporting off in the hypervisor");
}

static void damon(const char *root, struct system_findings *s)
{
	char state[32] = "", action[32] = "", line[64];
	long long age = -1, aggr_us = -1;
	long long n = read_number(root, "/sys/kernel/mm/damon/admin/kdamonds/nr_kdamonds", 0);
	/* Each kdamond is a kernel thread; a file under --root may claim billions of them. */
	if (n > DAMON_MAX_KDAMONDS)
		n = DAMON_MAX_KDAMONDS;
	for (long long k = 0; k < n && !state[0]; k++) {
		char rel[160];
		snprintf(rel, sizeof(rel), "/sys/kernel/mm/damon/admin/kdamonds/%lld/state", k);
		if (read_line(root, rel, line, sizeof(line)) != 0 || strcmp(line, "on") != 0)
			continue;
		snprintf(state, sizeof(state), "kdamond %lld on", k);
		snprintf(rel, sizeof(rel), "/sys/kernel/mm/damon/admin/kdamonds/%lld/contexts/0/schemes/"
			 "0/action", k);
		read_line(root, rel, action, sizeof(action));
		snprintf(rel, sizeof(rel), "/sys/kernel/mm/damon/admin/kdamonds/%lld/contexts/0/schemes/"
			 "0/access_pattern/age/min", k);
		age = read_number(root, rel, -1);
		snprintf(rel, sizeof(rel), "/sys/kernel/mm/damon/admin/kdamonds/%lld/contexts/0/"
			 "monitoring_attrs/intervals/aggr_us", k);
		aggr_us = read_number(root, rel, -1);
	}
	if (!state[0] && read_line(root, "/sys/module/damon_reclaim/parameters/enabled", line,
				   sizeof(line)) == 0 && line[0] == 'Y') {
		snprintf(state, sizeof(state), "damon_reclaim on");
		snprintf(action, sizeof(action), "pageout");
	}
	struct finding *f = add(s, "DAMON reclaim", state[0] && strcmp(action, "pageout") == 0);
	if (!state[0] && !readable_dir(root, "/sys/kernel/mm") && !readable_dir(root, "/sys/module")) {
		say_unknown(f, "/sys/kernel/mm/damon");
		return;
	}
	if (!state[0]) {
		SAY(f, value, "off (no running kdamond, no damon_reclaim)");
		SAY(f, effect, "none");
		SAY(f, advice, "nothing to do");
		return;
	}
	char idle[64] = "";
	if (age >= 0 && aggr_us > 0)
		snprintf(idle, sizeof(idle), " memory idle for %.0f s or more",
			 (double)age * (double)aggr_us / 1e6);
	SAY(f, value, "%s, scheme %s%s", state, action[0] ? action : "?", idle);
	SAY(f, effect, "page cache left idle between runs (the source, above all) is paged out and "
	    "read back on the next touch: a run after a pause starts colder than its neighbours");
	SAY(f, advice, "bulkxfer reads the source back before each run and records how much of it "
	    "was cached (src_resident_pct); keep runs together; on a machine you run, write off "
	    "into the kdamond's state file");
}

/* The "cpu " line of root/proc/stat: total and steal ticks. */
static int cpu_ticks(const char *root, unsigned long long *total, unsigned long long *steal)
{
	char line[256];
	if (read_line(root, "/proc/stat", line, sizeof(line)) != 0 || strncmp(line, "cpu ", 4) != 0)
		return -1;
	unsigned long long v[8] = { 0 };
	int got = sscanf(line + 4, "%llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2],
			 &v[3], &v[4], &v[5], &v[6], &v[7]);
	if (got < 4)
		return -1;
	*total = 0;
	for (int i = 0; i < got; i++)
		*total += v[i];
	*steal = got >= 8 ? v[7] : 0;
	return 0;
}

/* CPU ticks (utime + stime) and state of every process under root/proc. */
struct proc_sample {
	int pid;
	char comm[32], state;
	unsigned long long ticks;
};

static size_t sample_procs(const char *root, struct proc_sample *out, size_t max)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/proc", root);
	DIR *d = opendir(path);
	size_t n = 0;
	struct dirent *e;
	while (d && n < max && (e = readdir(d))) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		char rel[300], line[1024];
		snprintf(rel, sizeof(rel), "/proc/%s/stat", e->d_name);
		if (read_line(root, rel, line, sizeof(line)) != 0)
			continue;
		/* pid (comm) state ppid ... utime(14) stime(15): comm may hold spaces and ')' */
		char *open = strchr(line, '('), *close = strrchr(line, ')');
		if (!open || !close || close[1] != ' ')
			continue;
		struct proc_sample *p = &out[n];
		p->pid = atoi(line);
		snprintf(p->comm, sizeof(p->comm), "%.*s", (int)(close - open - 1), open + 1);
		unsigned long long utime = 0, stime = 0;
		if (sscanf(close + 2, "%c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
			   &p->state, &utime, &stime) != 3)
			continue;
		p->ticks = utime + stime;
		n++;
	}
	if (d)
		closedir(d);
	return n;
}

static void steal(struct system_findings *s, int ok, double stolen_cpus, double since_boot)
{
	struct finding *f = add(s, "CPU steal", ok && (stolen_cpus >= 0.05 || since_boot >= 0.01));
	if (!ok) {
		SAY(f, value, "not exposed here (no steal column in /proc/stat)");
		SAY(f, effect, "unknown");
		SAY(f, advice, "nothing to do");
		return;
	}
	SAY(f, value, "%.2f CPUs over the last second; %.1f%% of all CPU time since boot",
	    stolen_cpus, 100 * since_boot);
	SAY(f, effect, "the host runs other work on this machine's CPUs: a side that sleeps and "
	    "is woken waits for the host first, so wall times stretch and wake-ups cost more (the "
	    "`host stole` column counts runs with at least 0.2 CPU stolen)");
	SAY(f, advice, "judge by CPU time and by ratios within one job; rerun at a quieter hour; "
	    "--spin lets a ring poll instead of sleeping");
}

static void busy_processes(struct system_findings *s, const struct proc_sample *a, size_t na,
			   const struct proc_sample *b, size_t nb, double window_s, long hz)
{
	char list[200] = "";
	size_t busy = 0, len = 0;
	int self = getpid();
	for (size_t i = 0; i < nb && busy < MAX_BUSY; i++) {
		if (b[i].pid == self)
			continue;
		double share = 0;
		for (size_t j = 0; j < na; j++)
			if (a[j].pid == b[i].pid && window_s > 0)
				share = (double)(b[i].ticks - a[j].ticks) / (double)hz / window_s;
		if (share < BUSY_CPU_SHARE && b[i].state != 'R')
			continue;
		busy++;
		if (len < sizeof(list))
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s (pid %d, %.0f%%)",
						busy > 1 ? ", " : "", b[i].comm, b[i].pid, 100 * share);
	}
	struct finding *f = add(s, "other busy processes", busy > 0);
	if (busy == 0)
		SAY(f, value, "none (no other process running or using %.0f%% of a CPU)",
		    100 * BUSY_CPU_SHARE);
	else
		SAY(f, value, "%zu: %s", busy, list);
	SAY(f, effect, "they compete with the sender and the receiver for the CPUs: every run "
	    "they overlap is slower, and its CPU time includes their cache misses");
	SAY(f, advice, "stop them for the measurement; --cpu pins the two sides");
}

static void thp(const char *root, struct system_findings *s)
{
	char line[128], enabled[32] = "", defrag[32] = "", shmem[32] = "";
	if (read_line(root, "/sys/kernel/mm/transparent_hugepage/enabled", line, sizeof(line)) == 0)
		selected(line, enabled, sizeof(enabled));
	if (read_line(root, "/sys/kernel/mm/transparent_hugepage/defrag", line, sizeof(line)) == 0)
		selected(line, defrag, sizeof(defrag));
	if (read_line(root, "/sys/kernel/mm/transparent_hugepage/shmem_enabled", line,
		      sizeof(line)) == 0)
		selected(line, shmem, sizeof(shmem));
	struct finding *f = add(s, "transparent huge pages", strcmp(enabled, "always") == 0);
	if (!enabled[0]) {
		SAY(f, value, "not exposed here");
		SAY(f, effect, "unknown");
		SAY(f, advice, "nothing to do");
		return;
	}
	SAY(f, value, "enabled %s, defrag %s, shmem %s", enabled, defrag[0] ? defrag : "?",
	    shmem[0] ? shmem : "?");
	SAY(f, effect, "with huge pages a ring or buffer takes 512x fewer faults and TLB misses; "
	    "\"always\" gives them to every large mapping, so fault counts and first-touch costs "
	    "differ from a machine set to madvise or never");
	SAY(f, advice, "--huge asks for huge pages for the ring (ring_pages says what it got); "
	    "compare machines only at the same setting");
}

static void cpufreq(const char *root, struct system_findings *s)
{
	char governor[64] = "", boost[16] = "";
	read_line(root, "/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", governor,
		  sizeof(governor));
	read_line(root, "/sys/devices/system/cpu/cpufreq/boost", boost, sizeof(boost));
	struct finding *f = add(s, "CPU frequency", governor[0] &&
				strcmp(governor, "performance") != 0);
	if (!governor[0] && !boost[0]) {
		SAY(f, value, "not exposed here (usual in a VM: the host sets the clock)");
		SAY(f, effect, "the host's frequency policy is invisible: another reason to compare "
		    "within one job");
		SAY(f, advice, "nothing to do from inside");
		return;
	}
	SAY(f, value, "governor %s, boost %s", governor[0] ? governor : "not exposed",
	    boost[0] ? (boost[0] == '1' ? "on" : "off") : "not exposed");
	SAY(f, effect, "a governor other than performance, or boost, runs the same work at "
	    "different clocks from run to run: a short run may never reach full speed");
	SAY(f, advice, "the performance governor for measurements (cpupower frequency-set -g "
	    "performance); boost off for steadier numbers");
}

static void swap(const char *root, struct system_findings *s)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/proc/swaps", root);
	FILE *sw = fopen(path, "r");
	long long kib = 0;
	int devices = 0;
	char line[256];
	while (sw && fgets(line, sizeof(line), sw)) {
		long long size;
		if (strncmp(line, "Filename", 8) != 0 &&
		    sscanf(line, "%*s %*s %lld", &size) == 1) {
			kib += size;
			devices++;
		}
	}
	if (sw)
		fclose(sw);
	long long swappiness = read_number(root, "/proc/sys/vm/swappiness", -1);
	struct finding *f = add(s, "swap", devices > 0);
	if (devices == 0)
		SAY(f, value, "none%s", sw ? "" : " (no /proc/swaps)");
	else
		SAY(f, value, "%d device%s, %.1f GiB; swappiness %lld", devices, devices == 1 ? "" : "s",
		    (double)kib / (1024.0 * 1024.0), swappiness);
	SAY(f, effect, "with swap, a transfer larger than free memory can push other pages out "
	    "and a run then pays to bring them back; without it the page cache alone gives way");
	SAY(f, advice, "keep the file below free memory when comparing IPC costs (the preflight "
	    "refuses what cannot fit)");
}

static void dirty(const char *root, struct system_findings *s)
{
	long long ratio = read_number(root, "/proc/sys/vm/dirty_ratio", -1);
	long long bg_ratio = read_number(root, "/proc/sys/vm/dirty_background_ratio", -1);
	long long bytes = read_number(root, "/proc/sys/vm/dirty_bytes", 0);
	long long bg_bytes = read_number(root, "/proc/sys/vm/dirty_background_bytes", 0);
	long long expire = read_number(root, "/proc/sys/vm/dirty_expire_centisecs", -1);
	/* The dirty limit in bytes: dirty_bytes, else the ratio of the memory that can be dirtied
	 * (about MemAvailable).  A destination larger than it is throttled to the disk's pace. */
	uint64_t avail = sysinfo_meminfo_bytes_at(root, "MemAvailable");
	double limit_gib = bytes > 0 ? (double)bytes / GIB_BYTES :
			   avail > 0 && ratio >= 0 ? (double)avail * (double)ratio / 100 / GIB_BYTES :
			   -1;
	struct finding *f = add(s, "writeback (vm.dirty_*)",
				limit_gib >= 0 && limit_gib < DIRTY_LIMIT_WORRY_GIB);
	if (ratio < 0 && bytes <= 0) {
		SAY(f, value, "not exposed here");
		SAY(f, effect, "unknown");
		SAY(f, advice, "nothing to do");
		return;
	}
	char limit[64], bg[64];
	if (bytes > 0)
		snprintf(limit, sizeof(limit), "dirty_bytes %.0f MiB", (double)bytes / 1048576.0);
	else
		snprintf(limit, sizeof(limit), "dirty_ratio %lld%%", ratio);
	if (bg_bytes > 0)
		snprintf(bg, sizeof(bg), "dirty_background_bytes %.0f MiB", (double)bg_bytes / 1048576.0);
	else
		snprintf(bg, sizeof(bg), "dirty_background_ratio %lld%%", bg_ratio);
	char about[64] = "";
	if (limit_gib >= 0)
		snprintf(about, sizeof(about), " (a writer is throttled past about %.1f GiB)",
			 limit_gib);
	SAY(f, value, "%s%s, %s, dirty_expire_centisecs %lld", limit, about, bg, expire);
	SAY(f, effect, "a receiver that dirties more than the limit is made to wait for the disk, "
	    "so its time becomes the disk's; writeback of an earlier run's file running behind a "
	    "transfer slows it");
	SAY(f, advice, "bulkxfer waits for writeback before each run (--no-settle skips it); "
	    "--sink or a destination on tmpfs (--workdir /dev/shm) leaves the disk out");
}

static void pipe_max(const char *root, struct system_findings *s)
{
	long long max = read_number(root, "/proc/sys/fs/pipe-max-size", -1);
	struct finding *f = add(s, "pipe-max-size", max >= 0 && max < (1LL << 20));
	if (max < 0) {
		SAY(f, value, "not exposed here");
		SAY(f, effect, "unknown");
		SAY(f, advice, "nothing to do");
		return;
	}
	SAY(f, value, "%lld KiB", max / 1024);
	SAY(f, effect, "the largest pipe --pipe-size can ask for: a splice or write moves at most "
	    "a pipe's worth per call, so it caps the chunk the pipe methods can use (reproduce's "
	    "sweep sizes each pipe to its chunk, up to this)");
	SAY(f, advice, "raise it (sysctl fs.pipe-max-size=4194304) to try 4 MiB per call");
}

/* The mount holding workdir: the longest mount point of root/proc/self/mountinfo that prefixes
 * it, with its filesystem type and options. */
static void workdir_fs(const char *root, const char *workdir, struct system_findings *s)
{
	char path[PATH_MAX], dir[PATH_MAX], best_point[PATH_MAX] = "", best_type[32] = "",
	     best_opts[520] = "";
	if (!root[0] && realpath(workdir, dir))
		;	/* the real machine: resolve symlinks */
	else
		snprintf(dir, sizeof(dir), "%s", workdir);
	snprintf(path, sizeof(path), "%s/proc/self/mountinfo", root);
	FILE *m = fopen(path, "r");
	char line[1024];
	while (m && fgets(line, sizeof(line), m)) {
		char point[PATH_MAX], opts[256], type[32], super[256];
		const char *dash = strstr(line, " - ");
		if (!dash || sscanf(line, "%*s %*s %*s %*s %4095s %255s", point, opts) != 2 ||
		    sscanf(dash + 3, "%31s %*s %255s", type, super) != 2)
			continue;
		size_t len = strlen(point);
		int under = strcmp(point, "/") == 0 ||
			    (strncmp(dir, point, len) == 0 && (dir[len] == '/' || dir[len] == '\0'));
		if (under && len >= strlen(best_point)) {
			snprintf(best_point, sizeof(best_point), "%s", point);
			snprintf(best_type, sizeof(best_type), "%s", type);
			snprintf(best_opts, sizeof(best_opts), "%s,%s", opts, super);
		}
	}
	if (m)
		fclose(m);
	struct finding *f = add(s, "work directory", best_type[0] && strcmp(best_type, "tmpfs") != 0);
	if (!best_type[0]) {
		SAY(f, value, "%s: filesystem not found in mountinfo", workdir);
		SAY(f, effect, "unknown");
		SAY(f, advice, "nothing to do");
		return;
	}
	SAY(f, value, "%s is on %s (%s), mounted at %s with %s", workdir, best_type,
	    strcmp(best_type, "tmpfs") == 0 ? "memory, never written back" : "written back to disk",
	    best_point, best_opts);
	SAY(f, effect, "the source and the destination live here: a disk filesystem writes every "
	    "destination back (bulkxfer deletes it first when it can), options such as sync, "
	    "dirsync or data=journal make the receiver pay for the disk inside its loop");
	SAY(f, advice, "--workdir picks another filesystem; /dev/shm (tmpfs) measures the IPC "
	    "without the disk");
}

void system_check(const char *root, const char *workdir, double window_s,
		  struct system_findings *out)
{
	static struct proc_sample before[4096], after[4096];
	root = root ? root : "";
	memset(out, 0, sizeof(*out));
	unsigned long long t0 = 0, s0 = 0, t1 = 0, s1 = 0;
	int ok = cpu_ticks(root, &t0, &s0) == 0;
	size_t nb = sample_procs(root, before, sizeof(before) / sizeof(before[0]));
	if (window_s > 0) {
		struct timespec nap = { (time_t)window_s,
					(long)((window_s - (double)(time_t)window_s) * 1e9) };
		nanosleep(&nap, NULL);
	}
	ok = ok && cpu_ticks(root, &t1, &s1) == 0;
	size_t na = sample_procs(root, after, sizeof(after) / sizeof(after[0]));
	long hz = sysconf(_SC_CLK_TCK);
	hz = hz > 0 ? hz : 100;
	free_page_reporting(root, out);
	damon(root, out);
	steal(out, ok, window_s > 0 ? (double)(s1 - s0) / (double)hz / window_s : 0,
	      t1 > 0 ? (double)s1 / (double)t1 : 0);
	busy_processes(out, before, nb, after, na, window_s, hz);
	thp(root, out);
	cpufreq(root, out);
	swap(root, out);
	dirty(root, out);
	pipe_max(root, out);
	workdir_fs(root, workdir, out);
}

/* ---- printing ----------------------------------------------------------------------------- */

void system_print_text(FILE *f, const struct system_findings *s)
{
	fprintf(f, "What on this machine moves the numbers (read-only: nothing was changed).\n"
		"'*' marks what moves them here.\n");
	for (size_t i = 0; i < s->n; i++) {
		const struct finding *x = &s->f[i];
		fprintf(f, "\n%s %s: %s\n", x->moves ? "*" : " ", x->name, x->value);
		if (strcmp(x->effect, "none") != 0)
			fprintf(f, "    does: %s\n    you can: %s\n", x->effect, x->advice);
	}
}
