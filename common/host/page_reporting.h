/*
 * page_reporting.h - the guest kernel's free page reporting: whether it hands free pages back to
 * a hypervisor, and how much it handed back.
 *
 * On such a VM a page the guest freed is, once reported, no longer backed by host memory, and the
 * guest's next use of it is a fault into the host, several times slower than a page it kept.
 * Some kernels count what they reported (/sys/module/page_reporting/parameters/reported_kib);
 * where they do, every run records how much the host took while it ran (reported_mib), because
 * on the development VM that was what told a slow run from a fast one.
 */
#ifndef BX_PAGE_REPORTING_H
#define BX_PAGE_REPORTING_H

#include <stdint.h>

/* 1 when the kernel hands free pages back to a hypervisor (free page reporting), else 0. */
int page_reporting_present(void);

/* KiB of free memory the kernel has reported to the host since boot, or -1 where it does not
 * count them. */
int64_t page_reporting_reported_kib(void);

#endif
