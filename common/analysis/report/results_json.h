/*
 * results_json.h - results.json beside report.md: the job's facts (groups, claims with their
 * verdicts and intervals, the findings, provenance) as one JSON file, so a CI or a dashboard
 * reads the results without parsing markdown.  Its schema is doc/results.schema.json (a test
 * holds the two together).
 */
#ifndef BX_RESULTS_JSON_H
#define BX_RESULTS_JSON_H

#include "analysis/facts/facts.h"

#define RESULTS_JSON_SCHEMA_ID "bulkxfer-results/1"

/* Write path whole or not at all (a temporary file renamed into place).  Returns 0 or -errno. */
int results_json_write(const char *path, const struct job_facts *facts);

#endif
