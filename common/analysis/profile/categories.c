/*
 * categories.c - the frame table: which function names mean which category (categories.h).
 *
 * To see why a stack landed where it did, read the table from the top: for each frame, from the
 * innermost out, the first row whose pattern (fnmatch(3) glob) matches the frame's name, on the
 * right side of the user/kernel line, decides; inside a page fault everything but zeroing counts
 * as the fault (category_of_stack).  Compiler suffixes (".isra.0", ".part.0",
 * ".constprop.0", ".cold") are dropped before matching.  Change a row here and every profile,
 * report and test follows.  Rows are ordered specific first: "pipe_wait_readable" must be met
 * before "pipe_*".
 */
#include "analysis/profile/categories.h"

#include <fnmatch.h>
#include <string.h>

enum side { KERNEL = 1, USER = 2, ANY = 3 };

/* A rule's category, or NO_WORK: a frame that stands for no work of its own (process start,
 * main), so the walk goes on outwards past it and nothing outer than it is reached. */
#define NO_WORK (-1)

struct frame_rule {
	const char *pattern;
	enum side side;
	int cat;		/* enum category, or NO_WORK */
};

static const struct frame_rule rules[] = {
	/* process start: __libc_start_call_main is where every stack begins, not a system call
	 * (the "__libc_*" wrapper rule below would take it) */
	{ "__libc_start_*", USER, NO_WORK },
	{ "_start", USER, NO_WORK },
	{ "main", USER, NO_WORK },

	/* Interrupts switched back on through a paravirtualised hook: a sample taken while they
	 * were off is delivered here, late, so it stands for the work before it, not the host's.
	 * Such a frame has no category of its own: the walk goes on to what took it (a system
	 * call, a context switch, a fault). */
	{ "pvm_irq_enable", KERNEL, NO_WORK },
	{ "__raw_callee_save_pvm_irq_enable", KERNEL, NO_WORK },
	{ "pvm_restore_fl", KERNEL, NO_WORK },
	{ "__raw_callee_save_pvm_restore_fl", KERNEL, NO_WORK },
	{ "xen_irq_enable*", KERNEL, NO_WORK },
	{ "xen_restore_fl*", KERNEL, NO_WORK },
	{ "__raw_callee_save_xen_*", KERNEL, NO_WORK },
	/* A hypervisor's other entry hooks: a paravirtualised guest calls into its host here (a
	 * hypercall, a TLB flush, an IPI), and a sample that lands here stands for the host's work.
	 * Inside a page fault it stays the fault's (category_of_stack): on such a host that is
	 * what a fault costs. */
	{ "pvm_*", KERNEL, CAT_HYPERVISOR },
	{ "__raw_callee_save_pvm_*", KERNEL, CAT_HYPERVISOR },
	{ "kvm_*", KERNEL, CAT_HYPERVISOR },
	{ "__kvm_*", KERNEL, CAT_HYPERVISOR },
	{ "__raw_callee_save___kvm_*", KERNEL, CAT_HYPERVISOR },
	{ "xen_*", KERNEL, CAT_HYPERVISOR },
	{ "hv_*", KERNEL, CAT_HYPERVISOR },
	{ "vmware_*", KERNEL, CAT_HYPERVISOR },

	/* zeroing new pages: a page handed to a process or to the page cache is cleared first */
	{ "clear_page*", KERNEL, CAT_ZERO_PAGES },
	{ "clear_huge_page", KERNEL, CAT_ZERO_PAGES },
	{ "folio_zero_*", KERNEL, CAT_ZERO_PAGES },
	{ "zero_user_segments", KERNEL, CAT_ZERO_PAGES },
	{ "clear_user*", KERNEL, CAT_ZERO_PAGES },
	{ "__clear_user", KERNEL, CAT_ZERO_PAGES },
	{ "kernel_init_pages", KERNEL, CAT_ZERO_PAGES },
	{ "clear_highpage*", KERNEL, CAT_ZERO_PAGES },

	/* the kernel copying bytes between user memory and kernel pages */
	{ "copy_*_iter*", KERNEL, CAT_COPY_KERNEL },
	{ "_copy_*_iter*", KERNEL, CAT_COPY_KERNEL },
	{ "__copy_*_iter*", KERNEL, CAT_COPY_KERNEL },
	{ "copy_page_*", KERNEL, CAT_COPY_KERNEL },
	{ "copy_folio_*", KERNEL, CAT_COPY_KERNEL },
	{ "copy_user*", KERNEL, CAT_COPY_KERNEL },
	{ "copy_to_user*", KERNEL, CAT_COPY_KERNEL },
	{ "copy_from_user*", KERNEL, CAT_COPY_KERNEL },
	{ "_copy_to_user", KERNEL, CAT_COPY_KERNEL },
	{ "_copy_from_user", KERNEL, CAT_COPY_KERNEL },
	{ "__copy_user*", KERNEL, CAT_COPY_KERNEL },
	{ "rep_movs*", KERNEL, CAT_COPY_KERNEL },
	{ "copy_mc_*", KERNEL, CAT_COPY_KERNEL },
	{ "copy_page", KERNEL, CAT_COPY_KERNEL },
	{ "memcpy*", KERNEL, CAT_COPY_KERNEL },
	{ "__memcpy*", KERNEL, CAT_COPY_KERNEL },
	{ "__pi_memcpy", KERNEL, CAT_COPY_KERNEL },
	{ "memcpy_orig", KERNEL, CAT_COPY_KERNEL },
	{ "process_vm_rw*", KERNEL, CAT_COPY_KERNEL },
	{ "skb_copy_datagram_*", KERNEL, CAT_COPY_KERNEL },

	/* user-space memory work: the copies the program itself makes */
	{ "*memcpy*", USER, CAT_COPY_USER },
	{ "*memmove*", USER, CAT_COPY_USER },
	{ "*memset*", USER, CAT_COPY_USER },
	{ "*mempcpy*", USER, CAT_COPY_USER },

	/* page-fault handling (what a fault does, but zeroing, counts here: category_of_stack) */
	{ "asm_exc_page_fault", KERNEL, CAT_PAGE_FAULT },
	{ "exc_page_fault", KERNEL, CAT_PAGE_FAULT },
	{ "do_user_addr_fault", KERNEL, CAT_PAGE_FAULT },
	{ "handle_mm_fault", KERNEL, CAT_PAGE_FAULT },
	{ "__handle_mm_fault", KERNEL, CAT_PAGE_FAULT },
	{ "handle_pte_fault", KERNEL, CAT_PAGE_FAULT },
	{ "do_anonymous_page", KERNEL, CAT_PAGE_FAULT },
	{ "do_*_fault", KERNEL, CAT_PAGE_FAULT },
	{ "do_fault", KERNEL, CAT_PAGE_FAULT },
	{ "__do_fault", KERNEL, CAT_PAGE_FAULT },
	{ "do_pte_missing", KERNEL, CAT_PAGE_FAULT },
	{ "do_wp_page", KERNEL, CAT_PAGE_FAULT },
	{ "wp_page_*", KERNEL, CAT_PAGE_FAULT },
	{ "filemap_fault", KERNEL, CAT_PAGE_FAULT },
	{ "filemap_map_pages", KERNEL, CAT_PAGE_FAULT },
	{ "filemap_page_mkwrite", KERNEL, CAT_PAGE_FAULT },
	{ "ext4_page_mkwrite", KERNEL, CAT_PAGE_FAULT },
	{ "shmem_fault", KERNEL, CAT_PAGE_FAULT },
	{ "finish_fault", KERNEL, CAT_PAGE_FAULT },
	{ "set_pte_range", KERNEL, CAT_PAGE_FAULT },
	{ "lock_vma_under_rcu", KERNEL, CAT_PAGE_FAULT },
	{ "fault_dirty_shared_page", KERNEL, CAT_PAGE_FAULT },
	{ "__pte_offset_map*", KERNEL, CAT_PAGE_FAULT },
	{ "fixup_exception", KERNEL, CAT_PAGE_FAULT },
	{ "fault_in_*", KERNEL, CAT_PAGE_FAULT },

	/* pipe and splice bookkeeping: pipe buffers, page references taken and handed over */
	{ "pipe_wait*", KERNEL, CAT_SLEEP_WAKE },
	{ "pipe_*", KERNEL, CAT_PIPE_SPLICE },
	{ "anon_pipe_*", KERNEL, CAT_PIPE_SPLICE },
	{ "*splice*", KERNEL, CAT_PIPE_SPLICE },
	{ "__x64_sys_tee", KERNEL, CAT_PIPE_SPLICE },
	{ "vmsplice_*", KERNEL, CAT_PIPE_SPLICE },
	{ "page_cache_pipe_*", KERNEL, CAT_PIPE_SPLICE },
	{ "generic_pipe_*", KERNEL, CAT_PIPE_SPLICE },
	{ "push_pipe", KERNEL, CAT_PIPE_SPLICE },
	{ "add_to_pipe", KERNEL, CAT_PIPE_SPLICE },
	{ "*sendfile*", KERNEL, CAT_PIPE_SPLICE },
	{ "free_pipe_info", KERNEL, CAT_PIPE_SPLICE },
	{ "get_user_pages*", KERNEL, CAT_PIPE_SPLICE },
	{ "__get_user_pages*", KERNEL, CAT_PIPE_SPLICE },
	{ "pin_user_pages*", KERNEL, CAT_PIPE_SPLICE },
	{ "iov_iter_get_pages*", KERNEL, CAT_PIPE_SPLICE },
	{ "follow_page*", KERNEL, CAT_PIPE_SPLICE },

	/* spinning on a lock the peer holds, before the sleeps' mutex_* and osq_* catch it: the
	 * pipe's writer spins here while the reader copies holding the pipe's mutex */
	{ "mutex_spin_on_owner*", KERNEL, CAT_LOCK_SPIN },
	{ "osq_lock", KERNEL, CAT_LOCK_SPIN },
	{ "native_queued_spin_lock_slowpath*", KERNEL, CAT_LOCK_SPIN },
	{ "queued_spin_lock_slowpath*", KERNEL, CAT_LOCK_SPIN },
	{ "__pv_queued_spin_lock_slowpath*", KERNEL, CAT_LOCK_SPIN },
	{ "pv_queued_spin_lock_slowpath*", KERNEL, CAT_LOCK_SPIN },

	/* sleeps and wake-ups */
	{ "*futex*", ANY, CAT_SLEEP_WAKE },
	{ "try_to_wake_up", KERNEL, CAT_SLEEP_WAKE },
	{ "mutex_*", KERNEL, CAT_SLEEP_WAKE },	/* waiting for the peer to leave the pipe */
	{ "__mutex_*", KERNEL, CAT_SLEEP_WAKE },
	{ "osq_*", KERNEL, CAT_SLEEP_WAKE },
	{ "rwsem_*", KERNEL, CAT_SLEEP_WAKE },
	{ "down_*", KERNEL, CAT_SLEEP_WAKE },
	{ "up_*", KERNEL, CAT_SLEEP_WAKE },
	{ "wake_up_*", KERNEL, CAT_SLEEP_WAKE },
	{ "__wake_up*", KERNEL, CAT_SLEEP_WAKE },
	{ "autoremove_wake_function", KERNEL, CAT_SLEEP_WAKE },
	{ "default_wake_function", KERNEL, CAT_SLEEP_WAKE },
	{ "prepare_to_wait*", KERNEL, CAT_SLEEP_WAKE },
	{ "finish_wait", KERNEL, CAT_SLEEP_WAKE },
	{ "sock_def_readable", KERNEL, CAT_SLEEP_WAKE },
	{ "sk_wait_data", KERNEL, CAT_SLEEP_WAKE },
	{ "sk_stream_wait_*", KERNEL, CAT_SLEEP_WAKE },
	{ "unix_stream_data_wait", KERNEL, CAT_SLEEP_WAKE },
	{ "ep_poll*", KERNEL, CAT_SLEEP_WAKE },
	{ "do_sys_poll", KERNEL, CAT_SLEEP_WAKE },
	{ "do_nanosleep", KERNEL, CAT_SLEEP_WAKE },
	{ "hrtimer_nanosleep", KERNEL, CAT_SLEEP_WAKE },
	{ "sem_*", USER, CAT_SLEEP_WAKE },
	{ "__new_sem_*", USER, CAT_SLEEP_WAKE },
	{ "__sem_*", USER, CAT_SLEEP_WAKE },
	{ "do_futex_wait*", USER, CAT_SLEEP_WAKE },
	{ "shm_ring_*", USER, CAT_SLEEP_WAKE },
	{ "ring_*", USER, CAT_SLEEP_WAKE },
	{ "*clock_gettime*", ANY, CAT_SLEEP_WAKE },
	{ "measure_now", USER, CAT_SLEEP_WAKE },
	{ "sched_yield", USER, CAT_SLEEP_WAKE },
	{ "__sched_yield", USER, CAT_SLEEP_WAKE },
	{ "nanosleep", USER, CAT_SLEEP_WAKE },
	{ "__GI___clock_nanosleep", USER, CAT_SLEEP_WAKE },
	{ "__clock_nanosleep", USER, CAT_SLEEP_WAKE },

	/* page and slab allocation, freeing, reclaim, memory-cgroup accounting */
	{ "__alloc_pages*", KERNEL, CAT_PAGE_ALLOC },
	{ "__alloc_frozen_pages*", KERNEL, CAT_PAGE_ALLOC },
	{ "alloc_pages*", KERNEL, CAT_PAGE_ALLOC },
	{ "vma_alloc_folio*", KERNEL, CAT_PAGE_ALLOC },
	{ "folio_alloc*", KERNEL, CAT_PAGE_ALLOC },
	{ "__folio_alloc*", KERNEL, CAT_PAGE_ALLOC },
	{ "filemap_alloc_folio*", KERNEL, CAT_PAGE_ALLOC },
	{ "get_page_from_freelist", KERNEL, CAT_PAGE_ALLOC },
	{ "prep_new_page", KERNEL, CAT_PAGE_ALLOC },
	{ "post_alloc_hook", KERNEL, CAT_PAGE_ALLOC },
	{ "rmqueue*", KERNEL, CAT_PAGE_ALLOC },
	{ "__rmqueue*", KERNEL, CAT_PAGE_ALLOC },
	{ "free_*page*", KERNEL, CAT_PAGE_ALLOC },
	{ "__free_*page*", KERNEL, CAT_PAGE_ALLOC },
	{ "free_unref_*", KERNEL, CAT_PAGE_ALLOC },
	{ "free_pcppages_bulk", KERNEL, CAT_PAGE_ALLOC },
	{ "free_one_page", KERNEL, CAT_PAGE_ALLOC },
	{ "__free_one_page", KERNEL, CAT_PAGE_ALLOC },
	{ "release_pages", KERNEL, CAT_PAGE_ALLOC },
	{ "folios_put*", KERNEL, CAT_PAGE_ALLOC },
	{ "__folio_put", KERNEL, CAT_PAGE_ALLOC },
	{ "folio_put", KERNEL, CAT_PAGE_ALLOC },
	{ "__page_cache_release", KERNEL, CAT_PAGE_ALLOC },
	{ "__folio_batch_*", KERNEL, CAT_PAGE_ALLOC },
	{ "folio_batch_*", KERNEL, CAT_PAGE_ALLOC },
	{ "lru_add*", KERNEL, CAT_PAGE_ALLOC },
	{ "folio_add_lru*", KERNEL, CAT_PAGE_ALLOC },
	{ "lru_gen_*", KERNEL, CAT_PAGE_ALLOC },
	{ "shrink_*", KERNEL, CAT_PAGE_ALLOC },
	{ "try_to_free_*", KERNEL, CAT_PAGE_ALLOC },
	{ "kswapd*", KERNEL, CAT_PAGE_ALLOC },
	{ "*mem_cgroup_*", KERNEL, CAT_PAGE_ALLOC },
	{ "__memcg_*", KERNEL, CAT_PAGE_ALLOC },
	{ "memcg_*", KERNEL, CAT_PAGE_ALLOC },
	{ "obj_cgroup_*", KERNEL, CAT_PAGE_ALLOC },
	{ "refill_obj_stock", KERNEL, CAT_PAGE_ALLOC },
	{ "consume_obj_stock", KERNEL, CAT_PAGE_ALLOC },
	{ "mod_objcg_state", KERNEL, CAT_PAGE_ALLOC },
	{ "kmem_cache_*", KERNEL, CAT_PAGE_ALLOC },
	{ "__kmem_cache_*", KERNEL, CAT_PAGE_ALLOC },
	{ "kmalloc*", KERNEL, CAT_PAGE_ALLOC },
	{ "__kmalloc*", KERNEL, CAT_PAGE_ALLOC },
	{ "kfree*", KERNEL, CAT_PAGE_ALLOC },
	{ "*slab*", KERNEL, CAT_PAGE_ALLOC },
	{ "allocate_slab", KERNEL, CAT_PAGE_ALLOC },
	{ "kvfree*", KERNEL, CAT_PAGE_ALLOC },
	{ "kvmalloc*", KERNEL, CAT_PAGE_ALLOC },
	{ "__vmalloc*", KERNEL, CAT_PAGE_ALLOC },
	{ "vfree*", KERNEL, CAT_PAGE_ALLOC },
	{ "__mod_*_state", KERNEL, CAT_PAGE_ALLOC },
	{ "__lruvec_stat_*", KERNEL, CAT_PAGE_ALLOC },
	{ "__mod_lruvec_*", KERNEL, CAT_PAGE_ALLOC },
	{ "lruvec_stat_*", KERNEL, CAT_PAGE_ALLOC },
	{ "zap_*", KERNEL, CAT_PAGE_ALLOC },
	{ "unmap_*", KERNEL, CAT_PAGE_ALLOC },
	{ "tlb_*", KERNEL, CAT_PAGE_ALLOC },
	{ "__tlb_*", KERNEL, CAT_PAGE_ALLOC },
	{ "flush_tlb*", KERNEL, CAT_PAGE_ALLOC },
	{ "native_flush_tlb*", KERNEL, CAT_PAGE_ALLOC },
	{ "page_counter_*", KERNEL, CAT_PAGE_ALLOC },
	{ "mas_*", KERNEL, CAT_PAGE_ALLOC },
	{ "do_mmap", KERNEL, CAT_PAGE_ALLOC },
	{ "__do_munmap", KERNEL, CAT_PAGE_ALLOC },
	{ "do_vmi_*", KERNEL, CAT_PAGE_ALLOC },
	{ "vm_mmap*", KERNEL, CAT_PAGE_ALLOC },
	{ "mmap_region", KERNEL, CAT_PAGE_ALLOC },
	{ "__mmap_region", KERNEL, CAT_PAGE_ALLOC },

	/* page cache and filesystem */
	{ "ext4_*", KERNEL, CAT_PAGE_CACHE },
	{ "__ext4_*", KERNEL, CAT_PAGE_CACHE },
	{ "jbd2_*", KERNEL, CAT_PAGE_CACHE },
	{ "__jbd2_*", KERNEL, CAT_PAGE_CACHE },
	{ "*_es_*", KERNEL, CAT_PAGE_CACHE },
	{ "es_*", KERNEL, CAT_PAGE_CACHE },
	{ "*dquot*", KERNEL, CAT_PAGE_CACHE },
	{ "filemap_*", KERNEL, CAT_PAGE_CACHE },
	{ "__filemap_*", KERNEL, CAT_PAGE_CACHE },
	{ "generic_perform_write", KERNEL, CAT_PAGE_CACHE },
	{ "generic_file_*", KERNEL, CAT_PAGE_CACHE },
	{ "generic_write_*", KERNEL, CAT_PAGE_CACHE },
	{ "__generic_file_*", KERNEL, CAT_PAGE_CACHE },
	{ "iomap_*", KERNEL, CAT_PAGE_CACHE },
	{ "block_*", KERNEL, CAT_PAGE_CACHE },
	{ "__block_*", KERNEL, CAT_PAGE_CACHE },
	{ "create_empty_buffers", KERNEL, CAT_PAGE_CACHE },
	{ "folio_create_buffers", KERNEL, CAT_PAGE_CACHE },
	{ "*_buffer*", KERNEL, CAT_PAGE_CACHE },
	{ "folio_mark_*", KERNEL, CAT_PAGE_CACHE },
	{ "__folio_mark_*", KERNEL, CAT_PAGE_CACHE },
	{ "folio_account_*", KERNEL, CAT_PAGE_CACHE },
	{ "folio_clear_dirty*", KERNEL, CAT_PAGE_CACHE },
	{ "__folio_cancel_dirty", KERNEL, CAT_PAGE_CACHE },
	{ "folio_unlock", KERNEL, CAT_PAGE_CACHE },
	{ "__folio_lock", KERNEL, CAT_PAGE_CACHE },
	{ "folio_wait_*", KERNEL, CAT_PAGE_CACHE },
	{ "balance_dirty_pages*", KERNEL, CAT_PAGE_CACHE },
	{ "mpage_*", KERNEL, CAT_PAGE_CACHE },
	{ "*readahead*", KERNEL, CAT_PAGE_CACHE },
	{ "page_cache_*", KERNEL, CAT_PAGE_CACHE },
	{ "__page_cache_*", KERNEL, CAT_PAGE_CACHE },
	{ "truncate_*", KERNEL, CAT_PAGE_CACHE },
	{ "xas_*", KERNEL, CAT_PAGE_CACHE },
	{ "xa_*", KERNEL, CAT_PAGE_CACHE },
	{ "shmem_*", KERNEL, CAT_PAGE_CACHE },
	{ "__shmem_*", KERNEL, CAT_PAGE_CACHE },
	{ "file_modified", KERNEL, CAT_PAGE_CACHE },
	{ "file_update_time", KERNEL, CAT_PAGE_CACHE },
	{ "inode_*", KERNEL, CAT_PAGE_CACHE },
	{ "__mark_inode_dirty", KERNEL, CAT_PAGE_CACHE },
	{ "percpu_counter_*", KERNEL, CAT_PAGE_CACHE },
	{ "__percpu_counter_*", KERNEL, CAT_PAGE_CACHE },
	{ "mark_page_accessed", KERNEL, CAT_PAGE_CACHE },
	{ "folio_mark_accessed", KERNEL, CAT_PAGE_CACHE },
	{ "workingset_*", KERNEL, CAT_PAGE_CACHE },
	{ "node_dirty_ok", KERNEL, CAT_PAGE_CACHE },
	{ "vfs_fsync*", KERNEL, CAT_PAGE_CACHE },
	{ "do_writepages", KERNEL, CAT_PAGE_CACHE },
	{ "file_write_and_wait_range", KERNEL, CAT_PAGE_CACHE },
	{ "__filemap_fdatawrite_range", KERNEL, CAT_PAGE_CACHE },
	{ "crc32c*", KERNEL, CAT_PAGE_CACHE },

	/* sockets and the network stack */
	{ "unix_*", KERNEL, CAT_SOCKET },
	{ "tcp_*", KERNEL, CAT_SOCKET },
	{ "__tcp_*", KERNEL, CAT_SOCKET },
	{ "inet_*", KERNEL, CAT_SOCKET },
	{ "ip_*", KERNEL, CAT_SOCKET },
	{ "__ip_*", KERNEL, CAT_SOCKET },
	{ "ipv4_*", KERNEL, CAT_SOCKET },
	{ "skb_*", KERNEL, CAT_SOCKET },
	{ "__skb_*", KERNEL, CAT_SOCKET },
	{ "*_skb*", KERNEL, CAT_SOCKET },
	{ "sk_*", KERNEL, CAT_SOCKET },
	{ "__sk_*", KERNEL, CAT_SOCKET },
	{ "sock_*", KERNEL, CAT_SOCKET },
	{ "__sock_*", KERNEL, CAT_SOCKET },
	{ "*sendmsg*", KERNEL, CAT_SOCKET },
	{ "*recvmsg*", KERNEL, CAT_SOCKET },
	{ "__sys_*", KERNEL, CAT_SOCKET },
	{ "net_rx_action", KERNEL, CAT_SOCKET },
	{ "__napi_poll", KERNEL, CAT_SOCKET },
	{ "process_backlog", KERNEL, CAT_SOCKET },
	{ "__netif_*", KERNEL, CAT_SOCKET },
	{ "netif_*", KERNEL, CAT_SOCKET },
	{ "__dev_queue_xmit", KERNEL, CAT_SOCKET },
	{ "dev_hard_start_xmit", KERNEL, CAT_SOCKET },
	{ "loopback_xmit", KERNEL, CAT_SOCKET },
	{ "nf_*", KERNEL, CAT_SOCKET },
	{ "release_sock", KERNEL, CAT_SOCKET },
	{ "lock_sock*", KERNEL, CAT_SOCKET },
	{ "scm_*", KERNEL, CAT_SOCKET },
	{ "__scm_*", KERNEL, CAT_SOCKET },
	{ "maybe_add_creds", KERNEL, CAT_SOCKET },

	/* scheduling, context switches, interrupts */
	{ "schedule*", KERNEL, CAT_SCHED },
	{ "__schedule", KERNEL, CAT_SCHED },
	{ "preempt_schedule*", KERNEL, CAT_SCHED },
	{ "__cond_resched", KERNEL, CAT_SCHED },
	{ "finish_task_switch", KERNEL, CAT_SCHED },
	{ "__switch_to*", KERNEL, CAT_SCHED },
	{ "switch_mm*", KERNEL, CAT_SCHED },
	{ "context_switch", KERNEL, CAT_SCHED },
	{ "pick_next_*", KERNEL, CAT_SCHED },
	{ "pick_*", KERNEL, CAT_SCHED },
	{ "put_prev_*", KERNEL, CAT_SCHED },
	{ "set_next_*", KERNEL, CAT_SCHED },
	{ "update_curr*", KERNEL, CAT_SCHED },
	{ "update_load_avg", KERNEL, CAT_SCHED },
	{ "update_rq_clock*", KERNEL, CAT_SCHED },
	{ "enqueue_*", KERNEL, CAT_SCHED },
	{ "dequeue_*", KERNEL, CAT_SCHED },
	{ "ttwu_*", KERNEL, CAT_SLEEP_WAKE },
	{ "select_task_rq*", KERNEL, CAT_SLEEP_WAKE },
	{ "sched_*", KERNEL, CAT_SCHED },
	{ "psi_*", KERNEL, CAT_SCHED },
	{ "newidle_balance", KERNEL, CAT_SCHED },
	{ "sched_balance_*", KERNEL, CAT_SCHED },
	{ "load_balance", KERNEL, CAT_SCHED },
	{ "check_preempt*", KERNEL, CAT_SCHED },
	{ "resched_curr", KERNEL, CAT_SCHED },
	{ "__resched_curr", KERNEL, CAT_SCHED },
	{ "wakeup_preempt", KERNEL, CAT_SCHED },
	{ "asm_sysvec_*", KERNEL, CAT_SCHED },
	{ "sysvec_*", KERNEL, CAT_SCHED },
	{ "asm_common_interrupt", KERNEL, CAT_SCHED },
	{ "common_interrupt", KERNEL, CAT_SCHED },
	{ "irq_exit*", KERNEL, CAT_SCHED },
	{ "__irq_exit*", KERNEL, CAT_SCHED },
	{ "irqentry_*", KERNEL, CAT_SCHED },
	{ "__do_softirq", KERNEL, CAT_SCHED },
	{ "rcu_core*", KERNEL, CAT_SCHED },
	{ "rcu_sched_clock_irq", KERNEL, CAT_SCHED },
	{ "handle_softirqs", KERNEL, CAT_SCHED },
	{ "do_softirq*", KERNEL, CAT_SCHED },
	{ "__local_bh_enable_ip", KERNEL, CAT_SCHED },
	{ "hrtimer_*", KERNEL, CAT_SCHED },
	{ "__hrtimer_*", KERNEL, CAT_SCHED },
	{ "tick_*", KERNEL, CAT_SCHED },
	{ "__sysvec_*", KERNEL, CAT_SCHED },
	{ "task_work_run", KERNEL, CAT_SCHED },
	{ "task_tick*", KERNEL, CAT_SCHED },
	{ "smp_call_function*", KERNEL, CAT_SCHED },
	{ "flush_smp_call_function*", KERNEL, CAT_SCHED },
	{ "__flush_smp_call_function*", KERNEL, CAT_SCHED },
	{ "pvclock_*", KERNEL, CAT_SCHED },

	/* system call entry and exit, and the VFS dispatch around every read and write */
	{ "entry_SYSCALL*", KERNEL, CAT_SYSCALL },
	{ "do_syscall_64", KERNEL, CAT_SYSCALL },
	{ "syscall_*", KERNEL, CAT_SYSCALL },
	{ "__syscall_*", KERNEL, CAT_SYSCALL },
	{ "x64_sys_call", KERNEL, CAT_SYSCALL },
	{ "exit_to_user_mode*", KERNEL, CAT_SYSCALL },
	{ "arch_exit_to_user_mode*", KERNEL, CAT_SYSCALL },
	{ "fpregs_*", KERNEL, CAT_SYSCALL },
	{ "switch_fpu_*", KERNEL, CAT_SYSCALL },
	{ "restore_fpregs_*", KERNEL, CAT_SYSCALL },
	{ "__x64_sys_*", KERNEL, CAT_SYSCALL },
	{ "__se_sys_*", KERNEL, CAT_SYSCALL },
	{ "__do_sys_*", KERNEL, CAT_SYSCALL },
	{ "ksys_*", KERNEL, CAT_SYSCALL },
	{ "vfs_*", KERNEL, CAT_SYSCALL },
	{ "rw_verify_area", KERNEL, CAT_SYSCALL },
	{ "fdget*", KERNEL, CAT_SYSCALL },
	{ "__fdget*", KERNEL, CAT_SYSCALL },
	{ "fget*", KERNEL, CAT_SYSCALL },
	{ "__fget*", KERNEL, CAT_SYSCALL },
	{ "fput*", KERNEL, CAT_SYSCALL },
	{ "__fput*", KERNEL, CAT_SYSCALL },
	{ "security_*", KERNEL, CAT_SYSCALL },
	{ "apparmor_*", KERNEL, CAT_SYSCALL },
	{ "aa_*", KERNEL, CAT_SYSCALL },
	{ "selinux_*", KERNEL, CAT_SYSCALL },
	{ "bpf_lsm_*", KERNEL, CAT_SYSCALL },
	{ "*fsnotify*", KERNEL, CAT_SYSCALL },
	{ "__cgroup_*", KERNEL, CAT_SYSCALL },
	{ "new_sync_*", KERNEL, CAT_SYSCALL },
	{ "import_*", KERNEL, CAT_SYSCALL },
	{ "iov_iter_*", KERNEL, CAT_SYSCALL },
	{ "__task_pid_nr_ns", KERNEL, CAT_SYSCALL },
	{ "touch_atime", KERNEL, CAT_SYSCALL },
	{ "atime_needs_update", KERNEL, CAT_SYSCALL },
	{ "current_time", KERNEL, CAT_SYSCALL },
	{ "ktime_get_coarse*", KERNEL, CAT_SYSCALL },
	/* the libc wrapper a system call leaves from and returns to */
	{ "read", USER, CAT_SYSCALL },
	{ "write", USER, CAT_SYSCALL },
	{ "__libc_*", USER, CAT_SYSCALL },
	{ "__GI___libc_*", USER, CAT_SYSCALL },
	{ "__read*", USER, CAT_SYSCALL },
	{ "__write*", USER, CAT_SYSCALL },
	{ "splice", USER, CAT_SYSCALL },
	{ "vmsplice", USER, CAT_SYSCALL },
	{ "tee", USER, CAT_SYSCALL },
	{ "sendfile*", USER, CAT_SYSCALL },
	{ "send", USER, CAT_SYSCALL },
	{ "recv", USER, CAT_SYSCALL },
	{ "sendmsg", USER, CAT_SYSCALL },
	{ "recvmsg", USER, CAT_SYSCALL },
	{ "__send", USER, CAT_SYSCALL },
	{ "__recv", USER, CAT_SYSCALL },
	{ "process_vm_*", USER, CAT_SYSCALL },
	{ "getppid", USER, CAT_SYSCALL },
	{ "syscall", USER, CAT_SYSCALL },
	{ "fsync", USER, CAT_SYSCALL },
	{ "ioctl", USER, CAT_SYSCALL },
	{ "__ioctl", USER, CAT_SYSCALL },
	{ "munmap", USER, CAT_SYSCALL },
	{ "__munmap", USER, CAT_SYSCALL },
	{ "mmap*", USER, CAT_SYSCALL },
	{ "__mmap*", USER, CAT_SYSCALL },
	{ "madvise", USER, CAT_SYSCALL },

	/* Kernel locks (_raw_spin_lock, ...) match nothing on purpose: the walk goes on outwards
	 * and they count toward whatever took them. */
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

static const struct { const char *id, *label; } names[CAT_COUNT] = {
	[CAT_COPY_KERNEL] = { "copy_kernel", "copy between user and kernel" },
	[CAT_COPY_IN_KERNEL] = { "copy_in_kernel", "copy inside the kernel (page to page)" },
	[CAT_COPY_USER] = { "copy_user", "copy in user space (memcpy/memmove)" },
	[CAT_ZERO_PAGES] = { "zero_pages", "zeroing new pages" },
	[CAT_PAGE_FAULT] = { "page_fault", "page-fault handling" },
	[CAT_PAGE_ALLOC] = { "page_alloc", "page allocation and reclaim" },
	[CAT_PAGE_CACHE] = { "page_cache", "page cache and filesystem" },
	[CAT_PIPE_SPLICE] = { "pipe_splice", "pipe buffers and page references (bookkeeping)" },
	[CAT_SYSCALL] = { "syscall", "system call entry and exit" },
	[CAT_SCHED] = { "scheduling", "scheduling and interrupts" },
	[CAT_SLEEP_WAKE] = { "sleep_wake", "sleeps and wake-ups (and lock waits)" },
	[CAT_LOCK_SPIN] = { "lock_spin", "spinning on a lock the peer holds" },
	[CAT_SOCKET] = { "socket", "socket and network stack" },
	[CAT_HYPERVISOR] = { "hypervisor", "hypervisor entry (the host's work)" },
	[CAT_FIRST_TOUCH] = { "first_touch", "first touch: memory brought in under the copy" },
	[CAT_OTHER] = { "other", "other" },
};

/* Okabe-Ito's colours, and tints of them for the categories past eight; dark ones take white
 * text.  Every graph that colours a category takes it from here (plots/profile.gp repeats the
 * list, and a test holds the two together). */
static const struct { const char *fill; int dark; } colours[CAT_COUNT] = {
	[CAT_COPY_KERNEL] = { "#D55E00", 1 },	[CAT_COPY_IN_KERNEL] = { "#E69F00", 0 },
	[CAT_COPY_USER] = { "#F0E442", 0 },	[CAT_ZERO_PAGES] = { "#CC79A7", 0 },
	[CAT_PAGE_FAULT] = { "#E7BCD6", 0 },	[CAT_PAGE_ALLOC] = { "#B9A3C9", 0 },
	[CAT_PAGE_CACHE] = { "#56B4E9", 0 },	[CAT_PIPE_SPLICE] = { "#009E73", 1 },
	[CAT_SYSCALL] = { "#0072B2", 1 },	[CAT_SCHED] = { "#999999", 0 },
	[CAT_SLEEP_WAKE] = { "#B3DFF2", 0 },	[CAT_LOCK_SPIN] = { "#00527F", 1 },
	[CAT_SOCKET] = { "#80CDB9", 0 },	[CAT_HYPERVISOR] = { "#8C6D62", 1 },
	[CAT_FIRST_TOUCH] = { "#882255", 1 },	[CAT_OTHER] = { "#DDDDDD", 0 },
};

const char *category_colour(enum category c)
{
	return c < CAT_COUNT ? colours[c].fill : colours[CAT_OTHER].fill;
}

int category_colour_is_dark(enum category c)
{
	return c < CAT_COUNT ? colours[c].dark : 0;
}

const char *category_id(enum category c)
{
	return c < CAT_COUNT ? names[c].id : "other";
}

const char *category_label(enum category c)
{
	return c < CAT_COUNT ? names[c].label : "other";
}

int category_from_id(const char *id)
{
	for (int c = 0; c < CAT_COUNT; c++)
		if (strcmp(names[c].id, id) == 0)
			return c;
	return -1;
}

/* The category of one frame (len bytes at name, "_[k]" for a kernel frame), or -1. */
static int frame_category(const char *name, size_t len)
{
	char buf[256];
	int kernel = len > 4 && memcmp(name + len - 4, "_[k]", 4) == 0;
	if (kernel)
		len -= 4;
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, name, len);
	buf[len] = '\0';
	char *dot = strchr(buf, '.');	/* .isra.0, .part.0, .constprop.0, .cold */
	if (dot && dot != buf)
		*dot = '\0';
	enum side side = kernel ? KERNEL : USER;
	for (size_t i = 0; i < NRULES; i++)
		if ((rules[i].side & side) && fnmatch(rules[i].pattern, buf, 0) == 0)
			return rules[i].cat == NO_WORK ? -1 : rules[i].cat;
	return -1;
}

/* Kernel frames whose copies read kernel pages, not user memory: the source of a copy made
 * under them is a pipe's pages, the page cache or a socket buffer. */
static const char *const kernel_page_sources[] = {
	"iter_file_splice_write",	/* splice(pipe -> file): the pipe's pages into the page cache */
	"splice_to_socket",		/* splice(pipe -> socket) where the socket copies */
	"do_splice_direct",		/* sendfile/copy_file_range into a file: file -> pipe -> file */
	"splice_direct_to_actor",
	"__splice_from_pipe",		/* pipe_to_file and kin */
	"splice_from_pipe",
	"skb_splice_bits",		/* splice(socket -> pipe): linear socket data into a page */
};

int category_frame_copies_kernel_pages(const char *name)
{
	size_t len = strlen(name);
	if (len <= 4 || strcmp(name + len - 4, "_[k]") != 0)
		return 0;
	for (size_t i = 0; i < sizeof(kernel_page_sources) / sizeof(kernel_page_sources[0]); i++) {
		size_t n = strlen(kernel_page_sources[i]);
		if (n == len - 4 && memcmp(name, kernel_page_sources[i], n) == 0)
			return 1;
	}
	return 0;
}

int category_of_frame(const char *name)
{
	return frame_category(name, strlen(name));
}

void category_walk_start(struct category_walk *w)
{
	memset(w, 0, sizeof(*w));
	w->found = -1;
}

enum category category_walk_step(struct category_walk *w, const char *frame, size_t len)
{
	if (len < 128) {
		char name[128];
		memcpy(name, frame, len);
		name[len] = '\0';
		w->kernel_pages_any |= category_frame_copies_kernel_pages(name);
	}
	int c = frame_category(frame, len);
	if (c >= 0) {
		w->fault_outside = w->fault_any;
		w->fault_any |= c == CAT_PAGE_FAULT;
		w->kernel_pages_outside = w->kernel_pages_any;
		w->found = c;
	}
	if (w->found < 0)
		return CAT_OTHER;
	if (w->found == CAT_COPY_KERNEL && w->kernel_pages_outside && !w->fault_outside)
		return CAT_COPY_IN_KERNEL;
	/* Inside a fault, what the handler does for it (allocate the page, read it in, copy it for
	 * COW, take locks, call its hypervisor) is the fault's cost; only the zeroing of the new
	 * page is told apart, since that is the cost of a page being new. */
	if (w->fault_outside && w->found != CAT_ZERO_PAGES)
		return CAT_PAGE_FAULT;
	return (enum category)w->found;
}

enum category category_of_stack(const char *folded)
{
	struct category_walk w;
	category_walk_start(&w);
	enum category c = CAT_OTHER;
	for (const char *p = folded; *p;) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		c = category_walk_step(&w, p, len);
		p += len;
		if (*p == ';')
			p++;
	}
	return c;
}
