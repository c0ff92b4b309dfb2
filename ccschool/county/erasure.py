"""A person erased at the site is erased at the county too (PIPL: the right to deletion).

The site sends the erasure as a new version of the Person with `erased_at` set and no personal
fields. Every version the county stored before still has them, so on receiving the erasure the
county strips the personal fields from all of that person's stored versions, and from any older
version that arrives afterwards (a resent or late batch). Attendance and other records keep
pointing at the person id: the figures stay right, the person is no longer identifiable.
"""
from __future__ import annotations

import json

from sqlalchemy.engine import Connection

from ccschool.county import fastsql
from ccschool.county import schema as t
from ccschool.sync.privacy import PERSONAL


def is_erasure(row: dict) -> bool:
    return row["kind"] == "person" and bool((row.get("data") or {}).get("erased_at"))


def scrub(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in PERSONAL}


def already_erased(conn: Connection, ids: list[str]) -> set[str]:
    """Person ids whose stored current version is an erasure."""
    rows = fastsql.select_in(
        conn, "SELECT record_id, data FROM record_current WHERE kind = 'person' "
              "AND record_id IN ({})", ids)
    return {rid for rid, data in rows if json.loads(data).get("erased_at")}


def scrub_incoming(conn: Connection, rows: list[dict]) -> set[str]:
    """Strip incoming versions of erased persons; return the ids erased by this chunk or before."""
    people = [r for r in rows if r["kind"] == "person"]
    if not people:
        return set()
    erased = {r["id"] for r in people if is_erasure(r)}
    erased |= already_erased(conn, sorted({r["id"] for r in people} - erased))
    for r in people:
        if r["id"] in erased and set(PERSONAL) & set(r.get("data") or {}):
            r["data"] = scrub(r["data"])
            r["_text"] = json.dumps(r["data"], ensure_ascii=False, separators=(",", ":"))
    return erased


def scrub_stored(conn: Connection, ids: set[str]) -> int:
    """Strip the personal fields from every stored version of these persons; return how many."""
    if not ids:
        return 0
    changed = []
    for pk, data in fastsql.select_in(
            conn, "SELECT pk, data FROM record_version WHERE record_id IN ({})", sorted(ids)):
        value = json.loads(data)
        if set(PERSONAL) & set(value):
            changed.append((json.dumps(scrub(value), ensure_ascii=False, separators=(",", ":")),
                            pk))
    fastsql.update_rows(conn, t.record_version, ("data",), "pk", changed)
    return len(changed)
