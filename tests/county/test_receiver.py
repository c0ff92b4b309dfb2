"""The reference county receiver over real HTTP: idempotency, refusals, per-record answers."""
from __future__ import annotations

import gzip
import json
import os
import uuid

import httpx
from sqlalchemy import func, select

from ccschool.county import schema as t
from tests.county.conftest import envelope, put, rec


def _count(engine, table):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def test_health_answers(county):
    r = httpx.get(f"{county.url}/api/v1/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"
    assert 1 in r.json()["schema_versions"]


def test_chunk_sent_twice_is_stored_once_and_answered_the_same(county):
    env = envelope([rec(i) for i in range(1, 11)])
    first = put(county, env)
    assert first.status_code == 200, first.text
    assert first.json()["summary"] == {"accepted": 10, "duplicate": 0, "rejected": 0}
    again = put(county, env)
    assert again.status_code == 200
    assert again.json() == first.json()
    assert _count(county.engine, t.record_version) == 10


def test_same_record_version_in_another_batch_is_a_duplicate(county):
    records = [rec(1), rec(2)]
    put(county, envelope(records))
    newer = dict(records[1], seq=3, version=2, data={"name": "新名字"})
    r = put(county, envelope([records[0], newer]))
    assert [x["status"] for x in r.json()["results"]] == ["duplicate", "accepted"]
    assert _count(county.engine, t.record_version) == 3
    with county.engine.connect() as conn:
        cur = conn.execute(select(t.record_current.c.version, t.record_current.c.data).where(
            t.record_current.c.record_id == records[1]["id"])).one()
    assert cur.version == 2 and json.loads(cur.data)["name"] == "新名字"


def test_one_malformed_record_is_rejected_with_reason_and_the_rest_stored(county):
    records = [rec(i) for i in range(1, 101)]
    records[41] = rec(42, "attendance", session_id="x", learner_id=uuid.uuid4().hex,
                      session_date="2024-05-07", status="present")
    r = put(county, envelope(records))
    assert r.status_code == 200
    assert r.json()["summary"] == {"accepted": 99, "duplicate": 0, "rejected": 1}
    bad = r.json()["results"][41]
    assert bad["status"] == "rejected" and bad["seq"] == 42 and "session_id" in bad["reason"]
    assert _count(county.engine, t.record_version) == 99


def test_wrong_or_missing_token_is_401(county):
    env = envelope([rec(1)])
    assert put(county, env, token="not-a-token").status_code == 401
    r = httpx.put(f"{county.url}/api/v1/batches/{env['batch_id']}/chunks/0", content=b"x")
    assert r.status_code == 401 and r.json()["error"] == "unauthorized"
    assert _count(county.engine, t.batch) == 0


def test_another_sites_batch_or_body_is_403(county):
    env = envelope([rec(1)])
    assert put(county, env).status_code == 200
    theirs = envelope([rec(2)], batch_id=env["batch_id"], site="OTHER9")
    r = put(county, theirs, token=county.other_token)
    assert r.status_code == 403 and "another site" in r.json()["reason"]
    r = put(county, envelope([rec(3)], site="OTHER9"))  # our token, their site code
    assert r.status_code == 403
    assert _count(county.engine, t.record_version) == 1


def test_malformed_bodies_are_400_with_reason_and_store_nothing(county):
    env = envelope([rec(1)])
    cases = {
        b"plain text": "not_gzip",
        gzip.compress(b"{not json"): "bad_json",
        gzip.compress(json.dumps({"schema_version": 1}).encode()): "bad_envelope",
        gzip.compress(b"{}")[:-4]: "truncated",
    }
    for body, code in cases.items():
        r = put(county, env, body=body)
        assert r.status_code == 400, (code, r.text)
        assert r.json()["error"] == code and r.json()["reason"]
    r = put(county, env, path_n=1)
    assert r.status_code == 400 and "differ from the URL" in r.json()["reason"]
    assert _count(county.engine, t.batch) == 0 and _count(county.engine, t.record_version) == 0


def test_oversized_bodies_are_413(county):
    env = envelope([rec(1)])
    r = put(county, env, body=os.urandom(8 * 1024 * 1024 + 10))
    assert r.status_code == 413
    bomb = gzip.compress(b" " * (65 * 1024 * 1024))
    assert put(county, env, body=bomb).status_code == 413
    many = envelope([rec(i) for i in range(1, 5002)])
    r = put(county, many)
    assert r.status_code == 413 and "5000" in r.json()["reason"]
    assert _count(county.engine, t.record_version) == 0


def test_unknown_schema_version_is_422(county):
    env = envelope([rec(1)])
    env["schema_version"] = 99
    r = put(county, env)
    assert r.status_code == 422 and "schema_version" in r.json()["reason"]


def test_batch_state_and_gaps_in_the_sites_sequence(county):
    bid = uuid.uuid4().hex
    put(county, envelope([rec(1), rec(2), rec(3)], batch_id=bid, chunk=0, chunks=2))
    auth = {"Authorization": f"Bearer {county.token}"}
    state = httpx.get(f"{county.url}/api/v1/batches/{bid}", headers=auth).json()
    assert state["state"] == "receiving" and state["chunks_received"] == [0]
    put(county, envelope([rec(6), rec(7)], batch_id=bid, chunk=1, chunks=2))
    state = httpx.get(f"{county.url}/api/v1/batches/{bid}", headers=auth).json()
    assert state["state"] == "complete" and state["chunks_received"] == [0, 1]
    gaps = httpx.get(f"{county.url}/api/v1/sites/TEST01/gaps", headers=auth).json()
    assert gaps == {"site": "TEST01", "max_seq": 7, "gaps": [[4, 5]],
                    "devices": {"1": {"max_seq": 7, "gaps": [[4, 5]]}}}
    other = {"Authorization": f"Bearer {county.other_token}"}
    assert httpx.get(f"{county.url}/api/v1/batches/{bid}", headers=other).status_code == 403


def test_month_figures_are_computed_by_the_county(county):
    session_id, learners = uuid.uuid4().hex, [uuid.uuid4().hex for _ in range(3)]
    records = [rec(1, "class_session", rid=session_id, class_id=uuid.uuid4().hex,
                   date="2024-05-07", hours=2.0)]
    for i, (lid, status) in enumerate(zip(learners, ["present", "late", "absent"]), start=2):
        records.append(rec(i, "attendance", session_id=session_id, learner_id=lid,
                           session_date="2024-05-07", status=status))
    records.append(rec(5, "attendance", session_id=session_id, learner_id=learners[0],
                       session_date="2024-06-01", status="present"))  # next month
    put(county, envelope(records))
    auth = {"Authorization": f"Bearer {county.token}"}
    m = httpx.get(f"{county.url}/api/v1/sites/TEST01/months/2024-05", headers=auth).json()
    assert m["counts"] == {"class_session": 1, "attendance": 4}
    assert m["person_times"] == 2 and m["persons"] == 2 and m["learner_hours"] == 4.0
    assert m["gaps"] == [] and m["max_seq"] == 5


def test_openapi_documents_the_endpoints(county):
    from ccschool.county.web.accounts import add_staff
    from tests.county.web_helpers import login

    assert httpx.get(f"{county.url}/openapi.json").status_code == 303  # staff only
    add_staff(county.engine, "viewer", "viewer-pass-1", "viewer")
    paths = login(county.url, "viewer", "viewer-pass-1").get("/openapi.json").json()["paths"]
    assert "/api/v1/batches/{batch_id}/chunks/{n}" in paths
    chunk_put = paths["/api/v1/batches/{batch_id}/chunks/{n}"]["put"]
    assert {"401", "403", "413", "422"} <= set(chunk_put["responses"])
    assert "/api/v1/sites/{code}/months/{period}" in paths


def test_the_same_chunk_sent_concurrently_is_stored_once(county):
    import threading
    env = envelope([rec(i) for i in range(1, 301)])
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(put(county, env).json()))
               for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(answers) == 4 and all(a == answers[0] for a in answers)
    assert answers[0]["summary"]["accepted"] == 300
    assert _count(county.engine, t.record_version) == 300


def test_a_batch_cannot_change_its_period_or_chunk_count(county):
    bid = uuid.uuid4().hex
    assert put(county, envelope([rec(1)], batch_id=bid, chunks=2)).status_code == 200
    r = put(county, envelope([rec(2)], batch_id=bid, chunk=1, chunks=3))
    assert r.status_code == 400 and "2 chunks" in r.json()["reason"]
    r = put(county, envelope([rec(3)], batch_id=bid, chunk=1, chunks=2, period="2024-06"))
    assert r.status_code == 400 and "2024-05" in r.json()["reason"]
    assert _count(county.engine, t.record_version) == 1


def test_a_record_id_of_another_site_is_rejected(county):
    theirs = rec(1)
    assert put(county, envelope([theirs], site="OTHER9"), token=county.other_token).status_code == 200
    r = put(county, envelope([dict(theirs, version=2), rec(2)]))
    assert [x["status"] for x in r.json()["results"]] == ["rejected", "accepted"]
    assert "another site" in r.json()["results"][0]["reason"]


def test_an_erased_person_loses_every_stored_version_of_their_personal_data(county):
    """PIPL erasure at the site reaches the county: earlier versions are stripped too, and an
    older version arriving late (a resent batch) is stored without the personal fields."""
    import json

    from sqlalchemy import text

    pid = "e" * 32
    person = {"name": "王芳", "gender": "女", "phone": "13900001111", "village": "东村",
              "consent_upload": True, "erased_at": None}
    assert put(county, envelope([rec(1, "person", rid=pid, **person)])).status_code == 200
    erased = {"consent_upload": True, "erased_at": "2026-11-23T08:00:00+00:00"}
    attended = rec(3, "attendance", session_id="a" * 32, learner_id="b" * 32,
                   session_date="2024-05-02", status="present")
    r = put(county, envelope([rec(2, "person", rid=pid, version=3, **erased), attended]))
    assert [x["status"] for x in r.json()["results"]] == ["accepted", "accepted"]
    late = rec(4, "person", rid=pid, version=2, **dict(person, phone="13900002222"))
    assert put(county, envelope([late])).json()["results"][0]["status"] == "accepted"

    with county.engine.connect() as conn:
        stored = [json.loads(d) for (d,) in conn.execute(text(
            "SELECT data FROM record_version WHERE record_id = :id ORDER BY version"), {"id": pid})]
        current = json.loads(conn.execute(text(
            "SELECT data FROM record_current WHERE record_id = :id"), {"id": pid}).scalar())
        kept = conn.execute(text("SELECT count(*) FROM record_current WHERE kind = 'attendance'"))
        assert kept.scalar() == 1  # the figures keep their attendance
    assert len(stored) == 3
    for data in (*stored, current):
        assert not {"name", "phone", "gender", "village"} & set(data), data
    assert current["erased_at"] and "13900002222" not in repr(stored)
