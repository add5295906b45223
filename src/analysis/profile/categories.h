/*
 * categories.h - what a sampled stack was doing, in words a student knows: each folded stack
 * ("outer;...;inner", kernel frames suffixed "_[k]") gets one category from the frame table in
 * categories.c, the one place that maps function names to categories.
 */
#ifndef BX_CATEGORIES_H
#define BX_CATEGORIES_H

#include <stddef.h>

enum category {
	CAT_COPY_KERNEL,	/* the kernel copying bytes between user memory and its own pages:
				 * copy_*_iter, copy_user, rep_movs (a read's, a write's) */
	CAT_COPY_IN_KERNEL,	/* the kernel copying its own pages into its own pages: a pipe's
				 * pages into the page cache (splice, sendfile to a file,
				 * copy_file_range), a socket buffer into a pipe's page; the same
				 * copy routines, under a frame whose source is kernel pages */
	CAT_COPY_USER,		/* memcpy/memmove (and memset) in user space */
	CAT_ZERO_PAGES,		/* zeroing pages new to the process or the page cache */
	CAT_PAGE_FAULT,		/* page-fault handling */
	CAT_PAGE_ALLOC,		/* page and slab allocation, freeing, reclaim, memcg charging */
	CAT_PAGE_CACHE,		/* page cache and filesystem (ext4, tmpfs, xarray, writeback) */
	CAT_PIPE_SPLICE,	/* pipe and splice bookkeeping: buffers, page references */
	CAT_SYSCALL,		/* system call entry and exit, VFS dispatch, libc wrappers */
	CAT_SCHED,		/* scheduling, context switches, interrupts */
	CAT_SLEEP_WAKE,		/* sleeps, waits and wake-ups: futex, pipe and socket waits, the pipe's
				 * lock held by the peer (asleep), ring polls */
	CAT_LOCK_SPIN,		/* spinning on a lock the peer holds: mutex_spin_on_owner, osq_lock,
				 * the queued spinlock's slow path (CPU burnt awake, not a sleep) */
	CAT_SOCKET,		/* socket and network stack (AF_UNIX, TCP over loopback) */
	CAT_OTHER,		/* nothing in the table matched */
	CAT_COUNT
};

/* The category's short name for CSV files ("copy_kernel", ...) and its words for a reader
 * ("copy between user and kernel", ...). */
const char *category_id(enum category c);
const char *category_label(enum category c);

/* The category named id, or -1. */
int category_from_id(const char *id);

/* The category the table gives one frame's name ("name" or "name_[k]"), or -1 for none (or
 * for a frame that stands for no work of its own: process start, main). */
int category_of_frame(const char *name);

/* 1 when frame name, further out on a stack, makes a kernel copy under it a copy inside the
 * kernel (iter_file_splice_write: the pipe's pages into the page cache; skb_splice_bits: a
 * socket buffer into a pipe's page; ...), else 0.  The flame graphs colour by it too. */
int category_frame_copies_kernel_pages(const char *name);

/* The category of one folded stack: the innermost frame the table matches decides, except that
 * inside page-fault handling (a fault's frames further out) everything but the zeroing of the
 * new page (allocation, read-in, a COW copy, locks) counts as the fault's: a fault's own
 * category takes precedence over the work it did or the copy it interrupted; and a kernel copy
 * under a frame of category_frame_copies_kernel_pages() is a copy inside the kernel. */
enum category category_of_stack(const char *folded);

#endif
