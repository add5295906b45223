/*
 * consumer/sink.c - the sink settings (sink.h): their names, --sink-by's parser, and which
 * receiving half each setting uses on each channel.
 */
#include <string.h>

#include "consumer/sink.h"
#include "method/method.h"
#include "record/names.h"

const char *sink_by_name(enum sink_by by)
{
	switch (by) {
	case SINK_METHOD: return "method";
	case SINK_READ: return "read";
	case SINK_SPLICE: return "splice";
	case SINK_KEEP: return SINK_BY_KEEP;
	case SINK_KEEP_FRESH: return SINK_BY_KEEP_FRESH;
	case SINK_NONE: break;
	}
	return "-";
}

int sink_by_parse(const char *text, enum sink_by *by)
{
	static const enum sink_by all[] = { SINK_READ, SINK_SPLICE, SINK_KEEP, SINK_KEEP_FRESH };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strcmp(text, sink_by_name(all[i])) == 0) {
			*by = all[i];
			return 0;
		}
	return -1;
}

const struct half_ops *sink_half_for(enum sink_by by, enum channel_kind channel,
				     const struct half_ops *method_consumer, const char **why)
{
	*why = NULL;
	if (by == SINK_NONE || by == SINK_METHOD)
		return method_consumer;
	/* Each sink half says which channel it speaks: the one for this channel is looked up, so a
	 * new channel needs only its sink halves added to these lists. */
	static const struct half_ops *const splicing[] = {
		&consumer_splice, &consumer_unix_splice, &consumer_tcp_splice,
	};
	static const struct half_ops *const reading[] = {
		&sink_read_pipe, &sink_read_unix, &sink_read_tcp, &sink_read_ring, &sink_read_region,
		&sink_read_cma,
	};
	static const struct half_ops *const keeping[] = {
		&sink_keep_pipe, &sink_keep_unix, &sink_keep_tcp, &sink_keep_ring, &sink_keep_region,
		&sink_keep_cma,
	};
	/* An io_uring method keeps with io_uring's reads, so its memory to memory is its own path */
	if (sink_by_keeps(by) && method_consumer && method_consumer->uses_uring &&
	    method_consumer->channel == sink_keep_uring.channel)
		return &sink_keep_uring;
	const struct half_ops *const *list = by == SINK_SPLICE ? splicing :
					     sink_by_keeps(by) ? keeping : reading;
	size_t n = by == SINK_SPLICE ? sizeof(splicing) / sizeof(splicing[0]) :
		   sink_by_keeps(by) ? sizeof(keeping) / sizeof(keeping[0]) :
				       sizeof(reading) / sizeof(reading[0]);
	for (size_t i = 0; i < n; i++)
		if (list[i]->channel == channel)
			return list[i];
	/* Every channel that carries bytes can be read; only a descriptor-passing one cannot. */
	*why = by == SINK_SPLICE ? "only a pipe or a socket can be spliced to /dev/null" :
				   "it passes a descriptor, not bytes: there is nothing to read";
	return NULL;
}
