/*
 * registry.h - every plug-in of the transfer side, listed once: the sending halves, the receiving
 * halves that can be paired, and the methods (a sending half, a receiving half and the channel
 * they share).  methods.h makes the externs from these lists, methods.c the table and the
 * pairing lists, and `bulkxfer list`, the shell completion and the man page's test read them
 * through methods.h.  Adding a method is a half in producer/, one in consumer/ (or one
 * reused), a line here, and its entry in the man page's METHODS (tests/test_manpage.c fails
 * without it); channels have their own list (channel/channel_kind.h).  A registry name is the
 * C symbol's suffix (tcp_sendfile: producer_tcp_sendfile); what --producer and --consumer take
 * is the half's .name ("tcp-sendfile"), which `list --halves` shows with its file.
 */
#ifndef BX_REGISTRY_H
#define BX_REGISTRY_H

/* X(half, file): the sending half `producer_<half>`, defined at the bottom of
 * producer/<file>.c; in the order `list --halves` shows them. */
#define BX_PRODUCERS(X) \
	X(pipe, pipe) \
	X(shm, shm) \
	X(splice, splice) \
	X(mmap_write, mmap_write) \
	X(sendfile, sendfile) \
	X(vmsplice, vmsplice) \
	X(vmsplice_gift, vmsplice) \
	X(shm_whole, shm_whole) \
	X(unix, unix) \
	X(unix_sendfile, sendfile) \
	X(tcp_sendfile, sendfile) \
	X(tcp_rw, unix) \
	X(cma, cma) \
	X(fdpass, fdpass) \
	X(shm_rw, shm_rw) \
	X(uring, uring) \
	X(uring_splice, uring) \
	X(uring_zc, uring_zc)

/* X(half, file): the receiving half `consumer_<half>`, defined in consumer/<file>.c. */
#define BX_CONSUMERS(X) \
	X(pipe, pipe) \
	X(shm, shm) \
	X(splice, splice) \
	X(shm_whole, shm_whole) \
	X(unix, unix) \
	X(unix_splice, socket_splice) \
	X(tcp_splice, socket_splice) \
	X(tcp_rw, unix) \
	X(cma, cma) \
	X(fdpass, fdpass) \
	X(shm_rw, shm_rw) \
	X(uring, uring) \
	X(uring_splice, uring)

/* X(name, summary, sending half, receiving half): what --method takes, the line `list` shows
 * for it, and its two halves (names from the lists above); in the order `list` shows them. */
#define BX_METHODS(X) \
	X("pipe", "read/write through a pipe (the 2014 study's baseline)", \
	  pipe, pipe) \
	X("shm", "mmap + memcpy through a shared-memory ring of slots guarded by semaphores", \
	  shm, shm) \
	X("splice", "splice source -> pipe -> destination, never through user space", \
	  splice, splice) \
	X("mmap-write", "write() from a mapping of the source into a pipe, splice out", \
	  mmap_write, splice) \
	X("sendfile", "sendfile() the source into a pipe, splice out", \
	  sendfile, splice) \
	X("vmsplice", "vmsplice() the mapped source pages into a pipe, splice out", \
	  vmsplice, splice) \
	X("vmsplice-gift", "vmsplice(SPLICE_F_GIFT) the mapped source pages into a pipe, splice out", \
	  vmsplice_gift, splice) \
	X("shm-whole", "the 2014 variant: one file-sized shared region, one post", \
	  shm_whole, shm_whole) \
	X("unix", "read/write through an AF_UNIX socketpair", \
	  unix, unix) \
	X("unix-sendfile", "sendfile() into an AF_UNIX socket, splice socket -> pipe -> file", \
	  unix_sendfile, unix_splice) \
	X("tcp", "sendfile() into a loopback TCP socket, splice socket -> pipe -> file", \
	  tcp_sendfile, tcp_splice) \
	X("cma", "the consumer copies chunks out of the producer with process_vm_readv()", \
	  cma, cma) \
	X("fdpass", "pass the source's descriptor (SCM_RIGHTS), copy_file_range() into dst", \
	  fdpass, fdpass) \
	X("shm-rw", "read() into a shared-memory slot, write() out of it: one copy each side", \
	  shm_rw, shm_rw) \
	X("uring", "io_uring read/write on registered buffers through a pipe, several in flight", \
	  uring, uring) \
	X("uring-splice", "io_uring splice source -> pipe -> destination, chunks linked per submission", \
	  uring_splice, uring_splice) \
	X("uring-zc", "io_uring zero-copy send() into a loopback TCP socket, splice socket -> pipe " \
	  "-> file", \
	  uring_zc, tcp_splice)

#endif
