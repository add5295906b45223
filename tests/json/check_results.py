#!/usr/bin/python3
"""check_results.py SCHEMA RESULTS_JSON VERDICTS_CSV - results.json is valid against its schema
(doc/results.schema.json) and says what verdicts.csv says: every claim there, with the same
estimate, interval and verdict.  Exits 0, or 1 naming the first disagreement.  Run by the test
suite (report/results_json_is_the_schema's)."""
import csv
import json
import sys

import jsonschema

schema_path, results_path, verdicts_path = sys.argv[1:4]
with open(schema_path) as f:
    schema = json.load(f)
with open(results_path) as f:
    results = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(results), key=str)
if errors:
    print("results.json against its schema: %s at %s" % (errors[0].message,
          "/".join(str(p) for p in errors[0].absolute_path)))
    sys.exit(1)
claims = {(c["phase"], c["claim"], c["metric"], c["a"], c["b"]): c for c in results["claims"]}
with open(verdicts_path) as f:
    rows = list(csv.DictReader(f))
if len(rows) != len(claims):
    print("verdicts.csv has %d claims, results.json %d" % (len(rows), len(claims)))
    sys.exit(1)
for row in rows:
    key = (row["phase"], row["claim"], row["metric"], row["a"], row["b"])
    c = claims.get(key)
    if c is None:
        print("results.json lacks the claim %s" % (key,))
        sys.exit(1)
    if c["verdict"] != row["verdict"]:
        print("%s: verdict %r in results.json, %r in verdicts.csv" % (key, c["verdict"], row["verdict"]))
        sys.exit(1)
    for field, column in (("estimate", "estimate"), ("low", "ci_low"), ("high", "ci_high")):
        want = row[column]
        got = c[field]
        if (want == "") != (got is None) or (want and abs(float(want) - got) > 1e-3 * max(1, abs(got))):
            print("%s: %s %r in results.json, %r in verdicts.csv" % (key, field, got, want))
            sys.exit(1)
print("results.json: valid, %d groups, %d claims as verdicts.csv says" % (len(results["groups"]), len(claims)))
