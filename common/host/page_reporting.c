/*
 * page_reporting.c - free page reporting seen from user space (see page_reporting.h).
 */
#include "host/page_reporting.h"

#include <stdio.h>
#include <sys/stat.h>

#define PAGE_REPORTING_DIR "/sys/module/page_reporting"

int page_reporting_present(void)
{
	struct stat st;
	return stat(PAGE_REPORTING_DIR, &st) == 0;
}

int64_t page_reporting_reported_kib(void)
{
	FILE *f = fopen(PAGE_REPORTING_DIR "/parameters/reported_kib", "r");
	if (!f)
		return -1;
	long long kib = -1;
	if (fscanf(f, "%lld", &kib) != 1 || kib < 0)
		kib = -1;
	fclose(f);
	return kib;
}
