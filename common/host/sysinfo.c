/*
 * sysinfo.c - kernel, CPU and filesystem names for every result row, and the memory and steal
 * counters the runs read (see sysinfo.h).
 */
#include "host/sysinfo.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <unistd.h>

static const struct {
	unsigned long magic;
	const char *name;
} fs_magics[] = {
	{ 0xEF53, "ext4" },		/* ext2/3/4 share the magic */
	{ 0x01021994, "tmpfs" },
	{ 0x58465342, "xfs" },
	{ 0x9123683E, "btrfs" },
	{ 0x794C7630, "overlay" },
	{ 0x6969, "nfs" },
	{ 0x2FC12FC1, "zfs" },
	{ 0xF2F52010, "f2fs" },
	{ 0x858458F6, "ramfs" },
	{ 0x65735546, "fuse" },
	{ 0x4D44, "vfat" },
	{ 0x5346544E, "ntfs" },
	{ 0x73717368, "squashfs" },
};

void sysinfo_describe(struct machine_desc *d)
{
	struct utsname u;
	snprintf(d->kernel, sizeof(d->kernel), "%s", uname(&u) == 0 ? u.release : "unknown");
	snprintf(d->cpu_model, sizeof(d->cpu_model), "%s", uname(&u) == 0 ? u.machine : "unknown");
	d->cpus = sysconf(_SC_NPROCESSORS_ONLN);
	sysinfo_cpu_model_at("", d->cpu_model, sizeof(d->cpu_model));
}

void sysinfo_cpu_model_at(const char *root, char *model, size_t len)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/proc/cpuinfo", root);
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char line[512];
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "model name", 10) != 0)
			continue;
		const char *colon = strchr(line, ':');
		if (!colon)
			continue;
		colon++;
		while (isspace((unsigned char)*colon))
			colon++;
		snprintf(model, len, "%s", colon);
		model[strcspn(model, "\n")] = '\0';
		break;
	}
	fclose(f);
}

const char *sysinfo_fs_name(const char *path, char *buf, size_t len)
{
	struct statfs s;
	if (statfs(path, &s) < 0) {
		snprintf(buf, len, "unknown");
		return buf;
	}
	for (size_t i = 0; i < sizeof(fs_magics) / sizeof(fs_magics[0]); i++) {
		if ((unsigned long)s.f_type == fs_magics[i].magic) {
			snprintf(buf, len, "%s", fs_magics[i].name);
			return buf;
		}
	}
	snprintf(buf, len, "0x%lx", (unsigned long)s.f_type);
	return buf;
}

double sysinfo_steal_s(void)
{
	return sysinfo_steal_s_at("");
}

double sysinfo_steal_s_at(const char *root)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/proc/stat", root);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	/* cpu  user nice system idle iowait irq softirq steal ... (clock ticks) */
	unsigned long long v[8];
	int n = fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3],
		       &v[4], &v[5], &v[6], &v[7]);
	fclose(f);
	long hz = sysconf(_SC_CLK_TCK);
	return n == 8 && hz > 0 ? (double)v[7] / (double)hz : -1;
}

/* A field of /proc/meminfo in bytes, or 0. */
uint64_t sysinfo_meminfo_bytes(const char *field)
{
	return sysinfo_meminfo_bytes_at("", field);
}

uint64_t sysinfo_meminfo_bytes_at(const char *root, const char *field)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/proc/meminfo", root);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	char line[256];
	size_t len = strlen(field);
	uint64_t kb = 0;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, len) == 0 && line[len] == ':') {
			kb = strtoull(line + len + 1, NULL, 10);
			break;
		}
	fclose(f);
	return kb * 1024;
}
