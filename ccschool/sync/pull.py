"""`ccschool sync pull`: the site's records other devices sent the county, fetched back.

Pages of records since the last cursor are spooled to a temporary file per kind (memory stays
bounded), then applied kind by kind in dependency order with the merge rules every carrier
uses. The county holds people and the site record only as privacy allows (no names without
consent, masked ID numbers, no card secret), so those two kinds never come back this way, and
records pointing at a person this laptop does not hold yet wait for a LAN or USB sync.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import TextIO

from ccschool.models import Counter
from ccschool.services.site import get_site
from ccschool.sync.merge import ORDER, MergeResult, apply_records, enforce_capacity
from ccschool.sync.transport import Transport

NOT_FROM_COUNTY = ("site", "person")
PAGE = 5000  # the most the receiver gives in one answer
APPLY = 2000  # records per apply step (whole steps per short transaction)


def pull(db, transport: Transport) -> dict:
    with db.read() as s:
        site = get_site(s).code
        stored = s.get(Counter, "county_pull_cursor")
        cursor = stored.value if stored is not None else 0
    with tempfile.TemporaryDirectory(prefix="ccschool-pull-") as tmp:
        fetched, cursor_after = _spool(transport, site, cursor, Path(tmp))
        result = MergeResult()
        for kind in ORDER:
            path = Path(tmp) / f"{kind}.jsonl"
            if kind not in NOT_FROM_COUNTY and path.exists():
                _apply_file(db, kind, path, result)
    with db.transaction(actor="sync") as s:
        counter = s.get(Counter, "county_pull_cursor") or Counter(name="county_pull_cursor")
        counter.value = cursor_after
        s.add(counter)
    return {"fetched": fetched, "applied": result.applied, "merged": result.merged,
            "waiting_for_people": result.skipped, "cursor": cursor_after}


def _spool(transport: Transport, site: str, cursor: int, tmp: Path) -> tuple[int, int]:
    files: dict[str, TextIO] = {}
    fetched = 0
    try:
        while True:
            page = transport.records_after(site, cursor, PAGE)
            for rec in page.get("records") or []:
                kind = rec.get("kind")
                if kind in ORDER:
                    if kind not in files:
                        files[kind] = open(tmp / f"{kind}.jsonl", "w", encoding="utf-8")
                    files[kind].write(json.dumps(rec, ensure_ascii=False) + "\n")
                fetched += 1
            cursor = max(cursor, int(page.get("next") or cursor))
            if not page.get("more"):
                return fetched, cursor
    finally:
        for f in files.values():
            f.close()


def _apply_file(db, kind: str, path: Path, result: MergeResult) -> None:
    from ccschool.sync.devicesync import apply_in_short_transactions

    apply_in_short_transactions(db, _parts(path), lambda s, part: _apply(s, kind, part, result))


def _parts(path: Path):
    with open(path, encoding="utf-8") as f:
        part: list[dict] = []
        for line in f:
            part.append(json.loads(line))
            if len(part) >= APPLY:
                yield part
                part = []
        if part:
            yield part


def _apply(s, kind: str, part: list[dict], result: MergeResult) -> None:
    from ccschool.sync import hlc

    before = result.applied
    apply_records(s, kind, part, result, require_parents=True)
    if kind == "enrollment" and result.applied > before:
        enforce_capacity(s, {r["data"].get("class_id") for r in part}, result)
    if result.newest:
        hlc.observe(s.connection().connection.driver_connection, result.newest)
