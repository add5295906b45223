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
	CAT_HYPERVISOR,		/* a hypervisor's entry hooks (pvm_*, kvm_*, xen_*): the host's work
				 * under the guest, outside a page fault (inside one it is the
				 * fault's cost on this host) */
	CAT_FIRST_TOUCH,	/* never given by the frame table: the part of a copy's samples
				 * beyond what its bytes cost at this machine's warm copy rate,
				 * i.e. memory brought in under the copy (first_touch.h) */
	CAT_OTHER,		/* nothing in the table matched */
	CAT_COUNT
};

/* The category's short name for CSV files ("copy_kernel", ...) and its words for a reader
 * ("copy between user and kernel", ...). */
const char *category_id(enum category c);
const char *category_label(enum category c);

/* The category's colour ("#RRGGBB") in every graph, and whether it is dark (white text). */
const char *category_colour(enum category c);
int category_colour_is_dark(enum category c);

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

/* The same rule, one frame at a time from the outermost in, for drawing: after each step the
 * category of the stack that ends at that frame, so a flame graph colours every frame as the
 * table would count a sample taken there.  Start with category_walk_start. */
struct category_walk {
	int found;		/* the innermost category met so far, or -1 */
	int fault_any;		/* a page-fault frame met so far */
	int fault_outside;	/* one met outward of `found` */
	int kernel_pages_any;	/* a frame whose copies read kernel pages, met so far */
	int kernel_pages_outside;	/* ... at `found` or outward of it */
};
void category_walk_start(struct category_walk *w);
enum category category_walk_step(struct category_walk *w, const char *frame, size_t len);

#endif
