"""Everything the county hands down on a sync: its rules, then its shared teacher list.

Called after a push (CLI and 同步), by `sync pull` and `sync rules`. Each is stored whole or
not at all (county_rules.py, county_teachers.py); a problem with one is said and does not stop
the other, nor fail the upload or the records already pulled.
"""
from __future__ import annotations

from ccschool.errors import ValidationError
from ccschool.sync import county_rules, county_teachers
from ccschool.sync.transport import Transport, TransportError


def pull_county(db, transport: Transport) -> dict:
    out: dict = {"rules": None, "teachers": None, "errors": []}
    for key, fetch in (("rules", county_rules.pull), ("teachers", county_teachers.pull)):
        try:
            out[key] = fetch(db, transport)
        except (TransportError, ValidationError) as exc:
            out["errors"].append(getattr(exc, "message", None) or str(exc))
    return out


def pull_after_push(db, transport: Transport) -> str | None:
    """The hook after a successful push: the problems, one per line, or None."""
    return "\n".join(pull_county(db, transport)["errors"]) or None
