/*
 * half_helpers.h - the pieces many halves share: a private chunk buffer, a mapping of the
 * source or the destination, and the read/write and splice loops with their EINTR, short
 * transfer and early-EOF handling.  All return 0 or -errno and set ctx->failed_call.
 */
#ifndef BX_HALF_HELPERS_H
#define BX_HALF_HELPERS_H

#include <fcntl.h>

#include "method/half.h"
#include "transfer/fault_inject.h"

/* prepare/release: ctx->priv = a page-aligned buffer of ctx->chunk bytes (moved by
 * --buffer-offset), written once so its pages are present before the clock. */
int half_buffer_prepare(struct half_ctx *ctx);

/* The same for a buffer of `bytes` (several chunks: cma's buffers in flight). */
int half_buffer_prepare_n(struct half_ctx *ctx, size_t bytes);
void half_buffer_release(struct half_ctx *ctx);

/* prepare: ctx->priv = a read-only shared mapping of the whole source (NULL for an empty one),
 * or, with --src memory, the source's bytes themselves (borrowed: half_unmap leaves them). */
int half_map_source(struct half_ctx *ctx);

/* prepare: ftruncate the destination to ctx->size and map it read-write (NULL when empty). */
int half_map_destination(struct half_ctx *ctx);

/* release for either mapping. */
void half_unmap(struct half_ctx *ctx);

/* Move ctx->size bytes: read() chunks from in_fd into ctx->priv, write() them to out_fd.
 * A read that ends early fails with eof_errno and eof_call ("source shrank", "peer hung up"). */
int half_read_write_loop(struct half_ctx *ctx, int in_fd, int out_fd, const char *read_call,
			 const char *write_call, int eof_errno, const char *eof_call);

/* The producers' send loop: write() ctx->size bytes to out_fd, each chunk from ctx->src_mem
 * with --src memory (one call and one copy less), else read() from the source first as
 * half_read_write_loop does. */
int half_send_loop(struct half_ctx *ctx, int out_fd, const char *write_call);

/* Move ctx->size bytes with splice(in_fd, in_off, out_fd, out_off, chunk, flags); in_off or
 * out_off may be NULL (the pipe or socket side).  Early EOF fails as above. */
int half_splice_loop(struct half_ctx *ctx, int in_fd, loff_t *in_off, int out_fd,
		     loff_t *out_off, unsigned flags, const char *call, int eof_errno,
		     const char *eof_call);

/* cma's receivers: read the next token from the token pipe, check its length against the
 * chunk and what is still to come, and copy its bytes out of the producer (ctx->peer) into
 * ctx->priv with process_vm_readv, however many calls it takes.  The caller acks it.  Returns
 * 0 with *token filled, or -errno (producer gone, bad length). */
struct cma_token;
int half_cma_take(struct half_ctx *ctx, struct cma_token *token);

/* half_cma_take into buf (at least the token's length) instead of ctx->priv. */
int half_cma_take_into(struct half_ctx *ctx, struct cma_token *token, void *buf);

/* Consumers of a ring: wait for the next full slot and check its length against what is still
 * to come.  Returns 0 with *slot and *len set, or -errno (peer gone, bad length). */
int half_ring_take(struct half_ctx *ctx, const void **slot, uint64_t *len);

/* Count n more bytes moved by call ("write(dst)").  Every half counts its bytes this way, so a
 * fault armed after N bytes (fault_inject.h) fires in every method at the same place.  Returns
 * 0, or -EIO with ctx->failed_call set when an injected fault fails call here. */
static inline int half_advance(struct half_ctx *ctx, uint64_t n, const char *call)
{
	ctx->bytes_done += n;
	ctx->last_call = call;
	return ctx->bytes_done < ctx->fault_at_bytes ? 0 : fault_inject_fire_bytes(ctx, call);
}

/* The next chunk's length: min(chunk, bytes still to move); with --chunk rest (CHUNK_REST, the
 * largest size_t), every byte still to move. */
static inline size_t half_next_chunk(const struct half_ctx *ctx)
{
	uint64_t left = ctx->size - ctx->bytes_done;
	return left < ctx->chunk ? (size_t)left : ctx->chunk;
}

#endif
