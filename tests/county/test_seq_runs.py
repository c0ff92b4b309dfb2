"""The county keeps a site's sequence numbers as runs (schema.seq_range): the gap report a
site reconciles against must read the same as when every number had its own row — across
resends, rejections, several devices, runs that overlap, and a county database upgraded from
the one-row-per-number tables."""
from __future__ import annotations

import uuid

import httpx
from sqlalchemy import delete, insert, select

from ccschool.county import schema as t
from ccschool.county.ingest import seq_runs
from ccschool.county.store import open_store
from tests.county.conftest import envelope, put, rec


def _gaps(county, device: str = "1") -> dict:
    auth = {"Authorization": f"Bearer {county.token}"}
    out = httpx.get(f"{county.url}/api/v1/sites/TEST01/gaps", headers=auth).json()
    return out["devices"].get(device, {})


def _runs(engine) -> list[tuple]:
    sr = t.seq_range
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            select(sr.c.device, sr.c.seq_from, sr.c.seq_to, sr.c.status)
            .order_by(sr.c.device, sr.c.seq_from))]


def test_runs_leave_out_what_was_seen_and_split_on_status():
    status = {s: "accepted" for s in range(1, 11)} | {4: "rejected"}
    assert seq_runs(list(range(1, 11)), status, [(7, 8), (6, 7)]) == [
        (1, 3, "accepted"), (4, 4, "rejected"), (5, 5, "accepted"), (9, 10, "accepted")]
    assert seq_runs([5, 9], {5: "duplicate", 9: "accepted"}, [(1, 100)]) == []
    assert seq_runs([2, 3, 50], dict.fromkeys([2, 3, 50], "accepted"), []) == [
        (2, 3, "accepted"), (50, 50, "accepted")]


def test_a_chunk_is_one_run_and_gaps_read_as_before(county):
    put(county, envelope([rec(s) for s in range(1, 6)]))
    put(county, envelope([rec(s) for s in range(9, 13)]))
    assert _runs(county.engine) == [(1, 1, 5, "accepted"), (1, 9, 12, "accepted")]
    assert _gaps(county) == {"max_seq": 12, "gaps": [[6, 8]]}
    # a resend overlapping both runs adds only the numbers never seen, first status kept
    bad = {**rec(7), "kind": "BAD KIND"}
    answer = put(county, envelope([rec(s) for s in (4, 5, 6)] + [bad, rec(8), rec(12)])).json()
    assert answer["summary"] == {"accepted": 5, "duplicate": 0, "rejected": 1}
    assert _runs(county.engine) == [(1, 1, 5, "accepted"), (1, 6, 6, "accepted"),
                                    (1, 7, 7, "rejected"), (1, 8, 8, "accepted"),
                                    (1, 9, 12, "accepted")]
    assert _gaps(county) == {"max_seq": 12, "gaps": []}


def test_overlapping_runs_read_as_their_union(county):
    """Two receiver processes may each store a run over the same numbers."""
    rows = [(1, 10, "accepted"), (3, 5, "accepted"), (8, 14, "accepted"), (20, 20, "rejected"),
            (22, 30, "accepted"), (23, 24, "duplicate")]
    with county.engine.begin() as conn:
        conn.execute(insert(t.seq_range), [
            {"site": "TEST01", "device": 2, "seq_from": a, "seq_to": b, "status": s}
            for a, b, s in rows])
    assert _gaps(county, "2") == {"max_seq": 30, "gaps": [[15, 19], [21, 21]]}


def test_an_older_county_database_gets_its_numbers_folded_into_runs(county, county_db):
    engine = county.engine
    put(county, envelope([rec(s) for s in range(1, 4)]))
    per_number = [(1, s, "accepted") for s in (1, 2, 3, 5, 6)] + [
        (1, 7, "rejected"), (1, 8, "accepted"), (2, 1, "accepted"), (2, 4, "accepted")]
    with engine.begin() as conn:  # as a database from before runs: one row per number
        conn.execute(delete(t.seq_range))
        conn.execute(insert(t.device_seq), [
            {"site": "TEST01", "device": d, "seq": s, "status": st} for d, s, st in per_number])
    reopened = open_store(county_db)
    try:
        assert _runs(reopened) == [(1, 1, 3, "accepted"), (1, 5, 6, "accepted"),
                                   (1, 7, 7, "rejected"), (1, 8, 8, "accepted"),
                                   (2, 1, 1, "accepted"), (2, 4, 4, "accepted")]
        assert _gaps(county) == {"max_seq": 8, "gaps": [[4, 4]]}
        assert _gaps(county, "2") == {"max_seq": 4, "gaps": [[2, 3]]}
    finally:
        reopened.dispose()


def test_a_database_from_before_devices_folds_its_seen_numbers_as_device_1s(county, county_db):
    engine = county.engine
    with engine.begin() as conn:
        conn.execute(delete(t.seq_range))
        conn.execute(insert(t.seen_seq), [{"site": "TEST01", "seq": s, "status": "accepted"}
                                          for s in (1, 2, 4)])
    reopened = open_store(county_db)
    try:
        assert _runs(reopened) == [(1, 1, 2, "accepted"), (1, 4, 4, "accepted")]
        # and a batch arriving afterwards extends them
        put(county, envelope([rec(3)], batch_id=uuid.uuid4().hex))
        assert _gaps(county) == {"max_seq": 4, "gaps": []}
    finally:
        reopened.dispose()
