"""The dashboard's roll-ups stay exact through everything a site can send (real HTTP uploads).

After every step the roll-ups kept chunk by chunk must equal a rebuild from the stored records,
and the dashboard figures must be what a person counting the uploads would get.
"""
from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import delete, inspect, select

from ccschool.county import rollup, store
from ccschool.county import schema as t
from ccschool.county.store import open_store
from ccschool.county.web import figures
from ccschool.county.web.figures import Scope
from tests.county.conftest import envelope, put, rec

MAY = Scope(date(2024, 5, 1), date(2024, 5, 31))
JUNE = Scope(date(2024, 6, 1), date(2024, 6, 30))


def _id() -> str:
    return uuid.uuid4().hex


def _snapshot(conn) -> dict:
    return {table.name: sorted(tuple(r) for r in conn.execute(select(table)))
            for table in rollup.ROLL_UPS}


def assert_exact(engine) -> None:
    """What ingest kept equals a rebuild from record_current (rolled back afterwards)."""
    with engine.connect() as conn:
        kept = _snapshot(conn)
        rollup.rebuild(conn)
        rebuilt = _snapshot(conn)
        conn.rollback()
    assert kept == rebuilt


def figures_of(engine, scope: Scope) -> dict:
    with engine.connect() as conn:
        per_class = figures.per_class(conn, scope)
        persons, profiles = figures.learners(conn, scope)
        return {"person_times": sum(int(r[2]) for r in per_class),
                "hours": round(sum(float(r[3]) for r in per_class), 2),
                "persons": sum(persons.values()),
                "held": sum(figures.sessions_held(conn, scope).values()),
                "ages": {band: int(n) for _g, band, n, _pt in profiles}}


class Site:
    """One site's records, uploaded as a laptop would: per device, increasing seq."""

    def __init__(self, county) -> None:
        self.county, self.seq = county, {1: 0, 2: 0}
        self.cls = _id()

    def send(self, records, *, device=1, period="2024-05", batch_id=None):
        out = []
        for kind, rid, version, data, op in records:
            self.seq[device] += 1
            out.append(rec(self.seq[device], kind, rid=rid, version=version, op=op, **data))
        env = {**envelope(out, period=period, batch_id=batch_id), "device": device}
        r = put(self.county, env)
        assert r.status_code == 200, r.text
        assert r.json()["summary"]["rejected"] == 0, r.json()
        return env

    def session(self, day, hours=2.0, version=1):
        sid = _id()
        self.send([("class_session", sid, version,
                    {"class_id": self.cls, "date": day, "hours": hours, "state": "held"},
                    "upsert")])
        return sid

    def learner(self, born):
        pid, lid = _id(), _id()
        self.send([("person", pid, 1, {"name": "张三", "birth_date": born,
                                        "consent_upload": True, "erased_at": None}, "upsert"),
                   ("learner", lid, 1, {"person_id": pid}, "upsert")])
        return pid, lid


def att(sid, lid, day, status="present", *, rid=None, version=1, op="upsert"):
    return ("attendance", rid or _id(), version,
            {"session_id": sid, "learner_id": lid, "session_date": day, "status": status}, op)


def test_roll_ups_stay_exact_through_twins_corrections_deletes_resends_and_erasure(county):
    engine, site = county.engine, Site(county)
    s1, s2 = site.session("2024-05-06"), site.session("2024-05-13", hours=1.5)
    p1, l1 = site.learner("1950-03-01")
    _p2, l2 = site.learner("2000-07-01")
    a1 = _id()
    first = site.send([att(s1, l1, "2024-05-06", rid=a1), att(s1, l2, "2024-05-06"),
                       att(s2, l1, "2024-05-13")])
    # the same learner at the same session, signed in on the second laptop before a sync
    site.send([att(s1, l1, "2024-05-06")], device=2)
    assert_exact(engine)
    assert figures_of(engine, MAY) == {"person_times": 3, "hours": 5.5, "persons": 2, "held": 2,
                                       "ages": {"70+": 1, "18-59": 1}}

    # the same chunk again, and the same records in a new chunk: nothing changes
    assert put(county, first).status_code == 200
    site.send([att(s1, l1, "2024-05-06", rid=a1)])
    assert_exact(engine)
    assert figures_of(engine, MAY)["person_times"] == 3

    # a correction moves l2's attendance to June; the session's hours are corrected
    site.send([att(s1, l1, "2024-05-06", "absent", rid=a1, version=2)])
    s3 = site.session("2024-06-03")
    moved = _id()
    site.send([att(s3, l2, "2024-06-03", rid=moved)], period="2024-06")
    site.send([("class_session", s2, 2, {"class_id": site.cls, "date": "2024-05-13",
                                          "hours": 3.0, "state": "held"}, "upsert")])
    assert_exact(engine)
    # l1 still attended s1: the twin from laptop 2 keeps the pair counted once
    assert figures_of(engine, MAY)["person_times"] == 3
    assert figures_of(engine, MAY)["hours"] == 2.0 + 2.0 + 3.0

    # soft delete of that twin and of the June row
    with engine.connect() as conn:
        twin = conn.execute(select(t.record_current.c.record_id).where(
            t.record_current.c.kind == "attendance", t.record_current.c.ref_id == s1,
            t.record_current.c.subject_id == l1, t.record_current.c.status == "present")).scalar()
    site.send([att(s1, l1, "2024-05-06", rid=twin, version=5, op="delete")], device=2)
    site.send([att(s3, l2, "2024-06-03", rid=moved, version=2, op="delete")], period="2024-06")
    assert_exact(engine)
    assert figures_of(engine, MAY) == {"person_times": 2, "hours": 5.0, "persons": 2, "held": 2,
                                       "ages": {"70+": 1, "18-59": 1}}
    assert figures_of(engine, JUNE)["person_times"] == 0

    # erasure of l1's person: counts stay, the birth date goes
    site.send([("person", p1, 2, {"consent_upload": True,
                                  "erased_at": "2026-11-23T08:00:00+00:00"}, "upsert")])
    assert_exact(engine)
    assert figures_of(engine, MAY) == {"person_times": 2, "hours": 5.0, "persons": 2, "held": 2,
                                       "ages": {"unknown": 1, "18-59": 1}}


def test_an_older_county_database_gets_its_roll_ups_built_on_upgrade(county, county_db):
    engine, site = county.engine, Site(county)
    s1 = site.session("2024-05-06")
    _p, l1 = site.learner("1990-01-01")
    site.send([att(s1, l1, "2024-05-06"), att(s1, l1, "2024-05-06", "late")], device=1)
    before = figures_of(engine, MAY)
    assert before["person_times"] == 1 and before["persons"] == 1
    with engine.begin() as conn:  # as a database from before the roll-ups
        for table in (*rollup.ROLL_UPS, t.roll_built):
            conn.execute(delete(table))
    assert figures_of(engine, MAY)["person_times"] == 0
    reopened = open_store(county_db)
    try:
        assert figures_of(reopened, MAY) == before
        assert_exact(reopened)
    finally:
        reopened.dispose()


def test_a_county_with_the_first_roll_ups_gets_the_new_ones_built_on_upgrade(county, county_db):
    engine, site = county.engine, Site(county)
    s1 = site.session("2024-05-06")
    _p, l1 = site.learner("1990-01-01")
    site.send([att(s1, l1, "2024-05-06"), ("service_record", _id(), 1, {
        "instructor_id": site.cls, "date": "2024-05-06", "hours": 2.0}, "upsert")])
    before = figures_of(engine, MAY)
    with engine.begin() as conn:  # as v1 left it: learner-month rows, none of the new tables'
        for table in (t.roll_class_month, t.roll_learner_year, t.roll_service_month,
                      t.roll_built):
            conn.execute(delete(table))
        conn.execute(t.roll_built.insert().values(name="v1", built_at="2026-12-01T00:00:00Z"))
        conn.exec_driver_sql("CREATE TABLE roll_learner_month (site VARCHAR(32), "
                             "month VARCHAR(7), learner_id VARCHAR(32), sessions INTEGER)")
    reopened = open_store(county_db)
    try:
        assert figures_of(reopened, MAY) == before
        with reopened.connect() as conn:
            assert figures.volunteers(conn, MAY) == {"TEST01": (1, 2.0)}
        assert_exact(reopened)
        assert "roll_learner_month" not in inspect(reopened).get_table_names()
    finally:
        reopened.dispose()


def test_a_scope_is_whole_months():
    with pytest.raises(ValueError, match="whole months"):
        Scope(date(2024, 5, 2), date(2024, 5, 31))
    with pytest.raises(ValueError, match="whole months"):
        Scope(date(2024, 5, 1), date(2024, 6, 29))
    assert Scope(date(2024, 2, 1), date(2024, 2, 29)).months == ("2024-02", "2024-02")


DEC_JAN = Scope(date(2023, 12, 1), date(2024, 1, 31))
DECEMBER = Scope(date(2023, 12, 1), date(2023, 12, 31))
YEAR_2024 = Scope(date(2024, 1, 1), date(2024, 12, 31))


def test_learner_year_and_class_month_rows_follow_corrections_across_months_and_years(county):
    engine, site = county.engine, Site(county)
    dec, jan = site.session("2023-12-18"), site.session("2024-01-08", hours=1.5)
    p1, l1 = site.learner("1950-03-01")
    _p2, l2 = site.learner("2000-07-01")
    moving = _id()
    site.send([att(dec, l1, "2023-12-18", rid=moving), att(dec, l2, "2023-12-18"),
               att(jan, l1, "2024-01-08")], period="2023-12")
    site.send([att(jan, l1, "2024-01-08")], device=2, period="2024-01")  # its twin
    assert_exact(engine)
    # one resident learning in December and January is one learner of the two months
    assert figures_of(engine, DEC_JAN) == {"person_times": 3, "hours": 5.5, "persons": 2,
                                           "held": 2, "ages": {"70+": 1, "18-59": 1}}
    assert figures_of(engine, YEAR_2024)["persons"] == 1

    # a correction moves l1's December attendance into January (another year's row, another
    # session): December keeps only l2, January still counts l1 once per session
    later = site.session("2024-01-22", hours=3.0)
    site.send([att(later, l1, "2024-01-22", rid=moving, version=2)], period="2024-01")
    assert_exact(engine)
    assert figures_of(engine, DECEMBER) == {"person_times": 1, "hours": 2.0, "persons": 1,
                                            "held": 1, "ages": {"18-59": 1}}
    assert figures_of(engine, YEAR_2024) == {"person_times": 2, "hours": 4.5, "persons": 1,
                                             "held": 2, "ages": {"70+": 1}}
    with engine.connect() as conn:
        rows = conn.execute(select(t.roll_learner_year.c.year, t.roll_learner_year.c.m01,
                                   t.roll_learner_year.c.m12).where(
            t.roll_learner_year.c.learner_id == l1)).all()
    assert rows == [("2024", 2, 0)]  # its 2023 row went with its only December session

    # the session is moved to another class with other 学时: its person-times move with it
    other_class = _id()
    site.send([("class_session", later, 2, {"class_id": other_class, "date": "2024-01-22",
                                             "hours": 2.5, "state": "held"}, "upsert")])
    assert_exact(engine)
    with engine.connect() as conn:
        per_class = {c: (int(n), float(h)) for _s, c, n, h in
                     figures.per_class(conn, YEAR_2024)}
    assert per_class == {site.cls: (1, 1.5), other_class: (1, 2.5)}

    # erasure of l1's person, and deletion of all its attendance (the twins too): l1 leaves
    # 2024 entirely; both sessions were closed as held, so they still count as held
    site.send([("person", p1, 2, {"consent_upload": True,
                                  "erased_at": "2026-11-23T08:00:00+00:00"}, "upsert")])
    assert figures_of(engine, YEAR_2024)["ages"] == {"unknown": 1}
    with engine.connect() as conn:
        jan_rows = conn.execute(select(t.record_current.c.record_id).where(
            t.record_current.c.kind == "attendance", t.record_current.c.subject_id == l1)).all()
    site.send([att(jan, l1, "2024-01-08", rid=r[0], version=9, op="delete") for r in jan_rows],
              period="2024-01")
    assert_exact(engine)
    assert figures_of(engine, YEAR_2024) == {"person_times": 0, "hours": 0.0, "persons": 0,
                                             "held": 2, "ages": {}}
    assert figures_of(engine, DEC_JAN)["persons"] == 1
    with engine.connect() as conn:
        assert conn.execute(select(t.roll_learner_year.c.site).where(
            t.roll_learner_year.c.learner_id == l1)).all() == []
        assert conn.execute(select(t.roll_class_month.c.month)).all() == [("2023-12",)]

    # attendance that arrives before its learner (another laptop's batch came first), then the
    # learner, then a change of its target groups: the year row's profile follows each time
    late_pid, late = _id(), _id()
    site.send([att(jan, late, "2024-01-08")], period="2024-01")
    assert_exact(engine)
    assert figures_of(engine, YEAR_2024)["ages"] == {"unknown": 1}
    site.send([("person", late_pid, 1, {"name": "李四", "birth_date": "1960-05-01",
                                        "consent_upload": True, "erased_at": None}, "upsert"),
               ("learner", late, 1, {"person_id": late_pid}, "upsert")])
    site.send([("learner", late, 2, {"person_id": late_pid, "target_groups": "老年人"},
                "upsert")])
    assert_exact(engine)
    with engine.connect() as conn:
        _persons, profiles = figures.learners(conn, YEAR_2024)
    assert profiles == [("老年人", "60-69", 1, 1)]


def test_volunteer_rows_follow_corrections_moves_and_deletes(county):
    engine, site = county.engine, Site(county)
    ann, bo, rec1, rec2 = _id(), _id(), _id(), _id()

    def service(rid, who, day, hours, version=1, op="upsert"):
        return ("service_record", rid, version, {"instructor_id": who, "date": day,
                                                 "hours": hours}, op)

    def volunteers(scope):
        with engine.connect() as conn:
            return {s: (n, round(h, 2)) for s, (n, h) in figures.volunteers(conn, scope).items()}

    site.send([service(rec1, ann, "2024-05-06", 2.0), service(rec2, ann, "2024-05-20", 1.5),
               service(_id(), bo, "2024-06-03", 3.0)])
    assert_exact(engine)
    assert volunteers(MAY) == {"TEST01": (1, 3.5)}
    assert volunteers(YEAR_2024) == {"TEST01": (2, 6.5)}
    # a correction gives the record to another instructor with other hours, one moves to June
    site.send([service(rec1, bo, "2024-05-06", 0.5, version=2),
               service(rec2, ann, "2024-06-10", 1.5, version=2)])
    assert_exact(engine)
    assert volunteers(MAY) == {"TEST01": (1, 0.5)}
    assert volunteers(JUNE) == {"TEST01": (2, 4.5)}
    # deleted: gone from the figures and from the roll-up
    site.send([service(rec1, bo, "2024-05-06", 0.5, version=3, op="delete")])
    assert_exact(engine)
    assert volunteers(MAY) == {}
    assert volunteers(YEAR_2024) == {"TEST01": (2, 4.5)}


def test_a_postgresql_county_leaves_room_in_its_roll_ups_after_upgrade(county, county_db):
    """The roll-ups rewritten by every chunk get their fill factor on an older database too,
    and keep every figure."""
    if not county_db.startswith("postgresql"):
        pytest.skip("fill factors are PostgreSQL's")
    engine, site = county.engine, Site(county)
    s1 = site.session("2024-05-06")
    _p, l1 = site.learner("1990-01-01")
    site.send([att(s1, l1, "2024-05-06")])
    before = figures_of(engine, MAY)
    with engine.begin() as conn:  # as a database from before the fill factors
        for table in store.ROOMY:
            conn.exec_driver_sql(f"ALTER TABLE {table} RESET (fillfactor)")
    reopened = open_store(county_db)
    try:
        with reopened.connect() as conn:
            options = dict(conn.exec_driver_sql(
                "SELECT relname, reloptions FROM pg_class WHERE relname IN "
                "('roll_session', 'roll_learner_year', 'roll_class_month')").all())
        assert options == {table: [f"fillfactor={fill}"] for table, fill in store.ROOMY.items()}
        assert figures_of(reopened, MAY) == before
        _p2, l2 = site.learner("1991-01-01")
        site.send([att(s1, l2, "2024-05-06")])
        assert figures_of(reopened, MAY)["person_times"] == 2
        assert_exact(reopened)
    finally:
        reopened.dispose()
