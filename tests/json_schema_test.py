#!/usr/bin/python3
"""Every corpus report, extracted with `nianbao extract --format json`, validates against
output/nianbao.schema.json (python3-jsonschema, Debian). Usage: json_schema_test.py NIANBAO SOURCE_DIR"""
import json
import pathlib
import subprocess
import sys

import jsonschema


def main() -> int:
    binary, source = sys.argv[1], pathlib.Path(sys.argv[2])
    schema = json.loads((source / "output" / "nianbao.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    files = sorted(p for p in (source / "corpus").iterdir() if p.suffix in (".txt", ".html"))
    if not files:
        print("no corpus files found", file=sys.stderr)
        return 1
    failed = 0
    for path in files:
        out = subprocess.run([binary, "extract", str(path), "--format", "json"], capture_output=True, check=True)
        errors = list(validator.iter_errors(json.loads(out.stdout)))
        for e in errors[:5]:
            print(f"{path.name}: {'/'.join(map(str, e.absolute_path))}: {e.message}", file=sys.stderr)
        failed += bool(errors)
    # A document the schema must refuse: the validator is really checking.
    if validator.is_valid({"source": "x"}):
        print("the schema accepts an incomplete report", file=sys.stderr)
        return 1
    print(f"{len(files) - failed} of {len(files)} corpus reports validate")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
