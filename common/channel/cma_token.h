/*
 * cma_token.h - what the `cma` producer tells its consumer through the token pipe: where in the
 * producer's memory the next chunk lies.  The consumer answers each token with one ack byte on
 * the ack pipe once it has copied the chunk, so the producer may reuse that buffer.  A token is
 * far below PIPE_BUF, so each write() of one is atomic.
 */
#ifndef BX_CMA_TOKEN_H
#define BX_CMA_TOKEN_H

#include <stdint.h>

struct cma_token {
	uint64_t addr;	/* address in the producer's address space */
	uint64_t len;	/* bytes there, 1..chunk */
};

#endif
