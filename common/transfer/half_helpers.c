/*
 * half_helpers.c - buffers, mappings and transfer loops shared by the halves (see .h).
 */
#include "transfer/half_helpers.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include "base/io_util.h"
#include "channel/channel_shm.h"
#include "channel/cma_token.h"

int half_buffer_prepare_n(struct half_ctx *ctx, size_t bytes)
{
	/* Page aligned, then moved buffer_offset bytes on: where a buffer sits in its page decides
	 * how fast a copy into or out of it runs on some CPUs, so it is a setting, not an accident
	 * of the allocator (malloc() serves large buffers at a page start plus 16 bytes). */
	void *base = NULL;
	if (posix_memalign(&base, 4096, bytes + (ctx->buffer_offset ? 4096 : 0)) != 0) {
		ctx->priv = NULL;
		return half_fail(ctx, "posix_memalign(buffer)", ENOMEM);
	}
	/* Written once here, before the clock: its first touches (a fault a page, which the host
	 * may fill in) are setup, not the channel's cost, and a hand-written loop writes its
	 * buffer before it starts its clock too. */
	memset(base, 0, bytes + (ctx->buffer_offset ? 4096 : 0));
	ctx->priv = (char *)base + ctx->buffer_offset;
	ctx->copy_buffer = ctx->priv;
	return 0;
}

int half_buffer_prepare(struct half_ctx *ctx)
{
	return half_buffer_prepare_n(ctx, ctx->chunk);
}

void half_buffer_release(struct half_ctx *ctx)
{
	if (ctx->priv)
		free((char *)ctx->priv - ctx->buffer_offset);
	ctx->priv = NULL;
}

int half_map_source(struct half_ctx *ctx)
{
	ctx->priv = (void *)ctx->src_mem;
	ctx->copy_buffer = ctx->src_mem;
	if (ctx->src_mem || ctx->size == 0)
		return 0;	/* mmap() of length 0 is EINVAL, and there is nothing to map */
	void *map = mmap(NULL, ctx->size, PROT_READ, MAP_SHARED, ctx->file_fd, 0);
	if (map == MAP_FAILED)
		return half_fail(ctx, "mmap(src)", errno);
	ctx->priv = map;
	return 0;
}

int half_map_destination(struct half_ctx *ctx)
{
	ctx->priv = NULL;
	if (ftruncate(ctx->file_fd, (off_t)ctx->size) < 0)
		return half_fail(ctx, "ftruncate(dst)", errno);
	if (ctx->size == 0)
		return 0;
	void *map = mmap(NULL, ctx->size, PROT_READ | PROT_WRITE, MAP_SHARED, ctx->file_fd, 0);
	if (map == MAP_FAILED)
		return half_fail(ctx, "mmap(dst)", errno);
	ctx->priv = map;
	return 0;
}

void half_unmap(struct half_ctx *ctx)
{
	if (ctx->priv && ctx->priv != (const void *)ctx->src_mem)
		munmap(ctx->priv, ctx->size);
	ctx->priv = NULL;
}

int half_read_write_loop(struct half_ctx *ctx, int in_fd, int out_fd, const char *read_call,
			 const char *write_call, int eof_errno, const char *eof_call)
{
	while (ctx->bytes_done < ctx->size) {
		ssize_t got = io_read_full(in_fd, ctx->priv, half_next_chunk(ctx), &ctx->syscalls);
		if (got < 0)
			return half_fail(ctx, read_call, (int)-got);
		if (got == 0)
			return half_fail(ctx, eof_call, eof_errno);
		int rc = io_write_all(out_fd, ctx->priv, (size_t)got, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, write_call, -rc);
		if ((rc = half_advance(ctx, (uint64_t)got, write_call)) < 0)
			return rc;
	}
	return 0;
}

int half_send_loop(struct half_ctx *ctx, int out_fd, const char *write_call)
{
	if (!ctx->src_mem)
		return half_read_write_loop(ctx, ctx->file_fd, out_fd, "read(src)", write_call, EIO,
					    "read(src): source shrank");
	while (ctx->bytes_done < ctx->size) {
		size_t n = half_next_chunk(ctx);
		int rc = io_write_all(out_fd, ctx->src_mem + ctx->bytes_done, n, &ctx->syscalls);
		if (rc < 0)
			return half_fail(ctx, write_call, -rc);
		if ((rc = half_advance(ctx, n, write_call)) < 0)
			return rc;
	}
	return 0;
}

int half_splice_loop(struct half_ctx *ctx, int in_fd, loff_t *in_off, int out_fd,
		     loff_t *out_off, unsigned flags, const char *call, int eof_errno,
		     const char *eof_call)
{
	while (ctx->bytes_done < ctx->size) {
		ssize_t n = splice(in_fd, in_off, out_fd, out_off, half_next_chunk(ctx), flags);
		ctx->syscalls++;
		if (n < 0) {
			if (io_retry(errno))
				continue;
			return half_fail(ctx, call, errno);
		}
		if (n == 0)
			return half_fail(ctx, eof_call, eof_errno);
		int rc = half_advance(ctx, (uint64_t)n, call);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int half_ring_take(struct half_ctx *ctx, const void **slot, uint64_t *len)
{
	int rc = shm_ring_get_full(ctx->ring, slot, len, &ctx->syscalls);
	if (rc < 0)
		return half_fail(ctx, "sem_wait(full slot): producer gone", -rc);
	if (*len == 0 || *len > ctx->size - ctx->bytes_done)
		return half_fail(ctx, "ring: slot length out of range", EPROTO);
	return 0;
}

/* Copy len bytes at address addr of the producer into buf. */
static int read_remote(struct half_ctx *ctx, char *buf, uint64_t addr, size_t len)
{
	size_t got = 0;
	while (got < len) {
		struct iovec local = { buf + got, len - got };
		struct iovec remote = { (void *)(uintptr_t)(addr + got), len - got };
		ssize_t n = process_vm_readv(ctx->peer, &local, 1, &remote, 1, 0);
		ctx->syscalls++;
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return half_fail(ctx, "process_vm_readv(producer)", n < 0 ? errno : EIO);
		got += (size_t)n;
	}
	return 0;
}

int half_cma_take(struct half_ctx *ctx, struct cma_token *token)
{
	return half_cma_take_into(ctx, token, ctx->priv);
}

int half_cma_take_into(struct half_ctx *ctx, struct cma_token *token, void *buf)
{
	ssize_t n = io_read_full(ctx->chan_fd, token, sizeof(*token), &ctx->syscalls);
	if (n < 0)
		return half_fail(ctx, "read(token pipe)", (int)-n);
	if (n != (ssize_t)sizeof(*token))
		return half_fail(ctx, "read(token pipe): producer hung up early", EPIPE);
	if (token->len == 0 || token->len > ctx->chunk || token->len > ctx->size - ctx->bytes_done)
		return half_fail(ctx, "token: length out of range", EPROTO);
	return read_remote(ctx, buf, token->addr, (size_t)token->len);
}
