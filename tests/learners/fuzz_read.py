"""Read each roster file named on the command line in this one process; one JSON line per file.

Run as a real process by test_roster_fuzz.py: if the parser could abort the process (as a
cell reference far outside the table once did), this process dies and the test sees it.
"""
import json
import sys

from ccschool.errors import CCSError
from ccschool.roster import read_roster

for name in sys.argv[1:]:
    try:
        result = {"file": name, "rows": len(read_roster(name).rows)}
    except CCSError as exc:
        result = {"file": name, "error": str(exc)}
    print(json.dumps(result, ensure_ascii=False), flush=True)
print(json.dumps({"alive": True}), flush=True)
