/*
 * cmd_limits.c - `bulkxfer limits`: the floor of this machine (memcpy, read(), the
 * destination), the unit costs the model fits, and the channels alone memory to memory.
 */
#include "cli/commands.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/cleanup.h"
#include "host/alignment.h"
#include "host/floor.h"
#include "host/primitives.h"
#include "host/steady.h"
#include "run/fresh_touch.h"
#include "run/ipc_alone.h"
#include "run/runner.h"
#include "run/series_files.h"
#include "transfer/uring.h"

int cmd_limits(int argc, char **argv)
{
	struct run_options o;
	int stop;
	int rc = command_prepare(CMD_LIMITS, argc, argv, &o, &stop);
	if (stop)
		return rc;
	cleanup_install();
	struct bx_error err = { 0, "" };
	struct temp_file tf = { "", -1, 0 };
	const char *src = o.src;
	if (!src) {
		rc = series_files_generate_source(o.workdir, o.sizes.v[0], o.seed, o.keep, &tf, &err);
		src = tf.path;
	}
	struct stat st;
	if (rc == 0 && stat(src, &st) < 0)
		rc = bx_fail(&err, BX_EXIT_FAILURE, "cannot read '%s': %s", src, strerror(errno));
	struct machine_limits l;
	double primed_floor = 0;
	memset(&l, 0, sizeof(l));
	if (rc == 0) {
		floor_memcpy(&l);
		steady_warm(src);
		l.read_gib_s = floor_read(src);
		if (o.prime == PRIME_AUTO)
			rc = floor_dst_pair(o.workdir, (uint64_t)st.st_size, o.settle,
					    &l.dst_floor_gib_s, &primed_floor, &err);
		else
			rc = floor_dst_prepared(o.workdir, (uint64_t)st.st_size, o.settle, o.prime,
						&l.dst_floor_gib_s, &err);
	}
	temp_file_release(&tf, o.keep);
	if (rc) {
		bx_print_error("%s", err.msg);
		return rc;
	}
	char size[32];
	printf("limits of this machine, %s, in GiB/s (2^30 bytes/s):\n",
	       units_format_size((uint64_t)st.st_size, size, sizeof(size)));
	printf("  memcpy, one core, glibc      %8.2f\n", l.memcpy_gib_s);
	printf("  memcpy, one core, rep movsb  %8.2f%s\n", l.movsb_gib_s,
	       l.movsb_gib_s > 0 ? "   (the copy the kernel uses)" : "   (not on this CPU)");
	printf("  the kernel's copy, warm      %8.2f   (pread of cached pages into present memory)\n",
	       l.kernel_copy_gib_s);
	printf("  read() of the cached source  %8.2f\n", l.read_gib_s);
	printf("  destination floor            %8.2f   (one process write()-ing it into a new file "
	       "in %s: no IPC)\n", l.dst_floor_gib_s, o.workdir);
	if (primed_floor > 0)
		printf("  destination floor, primed    %8.2f   (after writing and dropping as much: runs "
		       "prime when this is 10%% faster)\n", primed_floor);
	struct alignment_sweep where;
	char sentence[256];
	alignment_sweep_run(alignment_memcpy_cost, NULL, &where);
	printf("where a buffer sits in its page (256 KiB copies, the destination N bytes past the\n"
	       "source within a page; --buffer-offset N moves bulkxfer's buffers):\n"
	       "  user memcpy: %s\n", alignment_sentence(&where, sentence, sizeof(sentence)));
	alignment_sweep_run(alignment_read_cost, NULL, &where);
	printf("  the kernel's copy (read() from the page cache): %s\n",
	       alignment_sentence(&where, sentence, sizeof(sentence)));
	struct primitive_costs p;
	primitives_measure(&p);
	printf("unit costs (what the cost model fits; best of 3 passes):\n");
	printf("  null system call (getppid)   %8.3f us CPU\n", p.syscall_s * 1e6);
	printf("  minor fault, fresh 4 KiB page %7.3f us CPU\n", p.fault_s * 1e6);
	printf("  pipe wake-up (half a round trip between two processes) %.3f us\n",
	       p.wakeup_s * 1e6);
	if (l.memcpy_gib_s > 0)
		printf("  copying 1 GiB, one core      %8.3f s (glibc memcpy)\n", 1 / l.memcpy_gib_s);
	fresh_touch_print(stdout, l.memcpy_gib_s);
	/* The channel alone runs with `run`'s defaults: only the working directory is limits'. */
	struct run_options run_defaults;
	options_defaults(&run_defaults, CMD_RUN);
	run_defaults.workdir = o.workdir;
	struct run_plan base;
	options_plan(&run_defaults, &base);
	return ipc_alone_print(stdout, &base, (uint64_t)st.st_size, l.memcpy_gib_s);
}
