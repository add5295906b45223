/*
 * options_plan.c - the plan a command's options make (options.h, run/plan.h): the one place
 * that knows which of the user's settings the runner executes.
 */
#include "cli/options.h"

#include <string.h>

void options_plan(const struct run_options *o, struct run_plan *p)
{
	memset(p, 0, sizeof(*p));
	memcpy(p->methods, o->methods, sizeof(p->methods));
	p->nmethods = o->nmethods;
	p->src = o->src;
	p->src_memory = o->src_memory;
	p->lock = o->lock;
	p->sizes = o->sizes;
	p->seed = o->seed;
	p->workdir = o->workdir;
	p->dst = o->dst;
	p->csv = o->csv;
	p->out = o->out;
	p->chunks = o->chunks;
	p->slots = o->slots;
	p->pipe_size = o->pipe_size;
	p->runs = o->runs;
	p->warmup = o->warmup;
	p->runs_auto = o->runs_auto;
	p->keep = o->keep;
	p->prime = o->prime;
	p->settle = o->settle;
	p->cold = o->cold;
	p->fsync = o->fsync;
	p->sink = o->sink;
	p->sink_by = o->sink_by;
	p->busy_poll = o->busy_poll;
	p->queue_depth = o->queue_depth;
	p->huge = o->huge;
	p->prefault = o->prefault;
	p->spin_us = o->spin_us;
	p->buffer_offset = o->buffer_offset;
	p->cpu_producer = o->cpu_producer;
	p->cpu_consumer = o->cpu_consumer;
	p->verify = o->verify;
	p->profile = o->profile;
	p->series = o->series;
	p->verbose = o->verbose;
}
