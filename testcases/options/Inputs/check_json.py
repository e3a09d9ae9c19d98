"""Print one summary line per JSON report so FileCheck can match it; fails
(exit 1) on a line that is not valid JSON or misses a schema field."""
import json
import os
import sys

for path in sys.argv[1:]:
    with open(path) as f:
        for n, line in enumerate(f, 1):
            try:
                r = json.loads(line)
            except ValueError as e:
                sys.exit("%s:%d: not JSON: %s" % (path, n, e))
            cur, prev = r["accesses"][0], r["accesses"][1]

            def where(a):
                top = a["stack"][0]
                return "%s@%s:%d" % (a["op"], os.path.basename(top["file"]), top["line"])

            loc = r.get("location", {})
            print("schema=%d kind=%s current=%s previous=%s location=%s:%s" % (
                r["schema"], r["kind"], where(cur), where(prev),
                loc.get("kind"), loc.get("name")))
