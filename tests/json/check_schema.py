#!/usr/bin/python3
"""check_schema.py SCHEMA JSON - JSON is valid against SCHEMA (JSON Schema 2020-12), and the
schema itself is one.  Exits 0, or 1 naming the first error.  Run by the test suite for the
files no other checker holds against more than their schema (compare.json, run --json FILE)."""
import json
import sys

import jsonschema

schema_path, json_path = sys.argv[1:3]
with open(schema_path) as f:
    schema = json.load(f)
with open(json_path) as f:
    doc = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=str)
if errors:
    print("%s against %s: %s at %s" % (json_path, schema_path, errors[0].message,
          "/".join(str(p) for p in errors[0].absolute_path)))
    sys.exit(1)
print("%s: valid against %s" % (json_path, schema_path))
