"""Database opening: pragmas, migrations, mapper configuration, change tracking."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import configure_mappers

from ccschool.sync import hlc
from ccschool.db import open_database
from ccschool.migrate import current_revisions, head_revisions
from ccschool.models import (Attendance, ClassSession, CourseClass, Learner, OutboxEntry, Person,
                             utcnow)


def test_every_mapper_configures():
    import ccschool.models  # noqa: F401
    configure_mappers()


def test_pragmas_on_every_connection(db):
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_new_database_is_at_head(db):
    assert current_revisions(db.engine) == head_revisions()


def test_foreign_keys_are_enforced(db):
    with pytest.raises(IntegrityError):
        with db.transaction() as s:
            s.add(Learner(person_id="no-such-person", card_no="X1"))


def _learner(s, name="张三"):
    person = Person(name=name)
    s.add(person)
    s.flush()
    learner = Learner(person_id=person.id, card_no="T0000001")
    s.add(learner)
    return person, learner


def test_insert_writes_outbox_in_same_transaction(db):
    with db.transaction() as s:
        person, learner = _learner(s)
    with db.read() as s:
        kinds = s.scalars(select(OutboxEntry.kind).where(
            OutboxEntry.record_id.in_([person.id, learner.id]))).all()
    assert sorted(kinds) == ["learner", "person"]


def test_rolled_back_change_leaves_no_outbox_row(db):
    with db.read() as s:
        before = s.scalar(select(func.count()).select_from(OutboxEntry))
    with pytest.raises(RuntimeError):
        with db.transaction() as s:
            _learner(s)
            s.flush()
            raise RuntimeError("user pressed cancel")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxEntry)) == before
        assert s.scalar(select(func.count()).select_from(Person)) == 0


def test_update_bumps_version_and_soft_delete_goes_out_as_delete(db):
    with db.transaction() as s:
        person, _ = _learner(s)
    with db.transaction() as s:
        p = s.get(Person, person.id)
        p.phone = "13800138000"
    with db.transaction() as s:
        p = s.get(Person, person.id)
        p.deleted_at = utcnow()
    with db.read() as s:
        rows = s.execute(select(OutboxEntry.version, OutboxEntry.op).where(
            OutboxEntry.record_id == person.id).order_by(OutboxEntry.seq)).all()
        current = s.get(Person, person.id).version
    versions = [v for v, _op in rows]
    # Versions come from the hybrid clock (ccschool/sync/hlc.py): increasing, made by this device.
    assert versions == sorted(set(versions)) and versions[-1] == current
    assert [op for _v, op in rows] == ["upsert", "upsert", "delete"]
    assert {hlc.origin(v) for v in versions} == {1}


def test_one_live_attendance_row_per_learner_and_session(db):
    from datetime import date, time
    with db.transaction() as s:
        _, learner = _learner(s)
        klass = CourseClass(course_name="书法", theme="人文艺术")
        s.add(klass)
        s.flush()
        sess = ClassSession(class_id=klass.id, date=date(2026, 11, 3), start_time=time(14),
                            end_time=time(15), hours=1)
        s.add(sess)
        s.flush()
        s.add(Attendance(session_id=sess.id, learner_id=learner.id, session_date=sess.date,
                         at=utcnow()))
    with pytest.raises(IntegrityError):
        with db.transaction() as s:
            s.add(Attendance(session_id=sess.id, learner_id=learner.id, session_date=sess.date,
                             at=utcnow()))


def test_database_survives_reopen(data_dir, db):
    with db.transaction() as s:
        _learner(s)
    db.close()
    again = open_database(data_dir)
    with again.read() as s:
        assert s.scalar(select(func.count()).select_from(Learner)) == 1
    raw = sqlite3.connect(again.path)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    again.close()


def test_site_secret_and_token_never_enter_the_outbox(db):
    from ccschool.models import Site
    with db.transaction() as s:
        site = s.scalars(select(Site)).one()
        site.upload_token = "tok-123"
        secret = site.secret
    with db.read() as s:
        payloads = s.scalars(select(OutboxEntry.payload).where(OutboxEntry.kind == "site")).all()
    assert payloads and all(secret not in p and "tok-123" not in p for p in payloads)
