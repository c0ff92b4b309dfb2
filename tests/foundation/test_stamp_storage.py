"""Time stamps are stored as integer microseconds (migration storage_0004): a site upgraded from
text stamps keeps every record, its order and its links, and a stray text write is refused."""
from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone

import pytest
from alembic import command

from ccschool.db import make_engine, open_database
from ccschool.migrate import alembic_config, upgrade_to_head
from ccschool.services.demo import build_demo
from ccschool.stamps import from_micros, to_micros

TABLES = ("person", "learner", "learning_card", "course_class", "class_session", "enrollment",
          "attendance", "outbox_entry", "audit_entry", "site", "device")


def _dump(db) -> dict:
    with db.read() as s:
        conn = s.connection()
        return {t: conn.exec_driver_sql(f"SELECT rowid, * FROM {t} ORDER BY rowid").all()
                for t in TABLES}


def test_codec_is_exact_to_the_microsecond_in_any_zone():
    china = timezone(timedelta(hours=8))
    for moment in (datetime(2026, 12, 3, 8, 0, 0, 1, tzinfo=china),
                   datetime(1969, 12, 31, 23, 59, 59, 999_999, tzinfo=timezone.utc),
                   datetime(2099, 1, 1, tzinfo=timezone.utc)):
        assert from_micros(to_micros(moment)) == moment
    assert to_micros(datetime(2026, 1, 1, tzinfo=timezone.utc)) == 1_767_225_600_000_000
    with pytest.raises(ValueError):
        to_micros(datetime(2026, 1, 1))  # naive: which zone it meant is unknown
    with pytest.raises(TypeError):
        from_micros("2026-01-01T00:00:00+00:00")  # type: ignore[arg-type]


def test_a_site_upgraded_from_text_stamps_keeps_every_record(db):
    """A small demo site taken back to text stamps (the shape every older site has), then
    upgraded: every row of every table comes back equal, rowids (the roster order) included,
    and no row that refers to a rebuilt table was lost (foreign keys are off while tables
    are rebuilt, and on again after)."""
    with db.transaction(actor="demo") as s:
        build_demo(s, learners=40, months=2, today=date(2026, 11, 23))
    before = _dump(db)
    assert before["attendance"], "the demo signed learners in"

    command.downgrade(alembic_config(db.engine), "storage_0003")
    with db.read() as s:
        conn = s.connection()
        kinds = conn.exec_driver_sql("SELECT DISTINCT typeof(at), typeof(created_at) "
                                     "FROM attendance").all()
        text_at = conn.exec_driver_sql("SELECT at FROM attendance LIMIT 1").scalar()
    assert kinds == [("text", "text")]
    assert datetime.fromisoformat(text_at).tzinfo is not None

    command.upgrade(alembic_config(db.engine), "heads")
    assert _dump(db) == before
    with db.read() as s:
        conn = s.connection()
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_text_in_any_iso_shape_becomes_the_same_instant(data_dir):
    """Rows an older release or a hand-edit left: with or without microseconds, another
    offset, or no offset at all (always written as UTC)."""
    engine = make_engine(data_dir / "ccschool.db")
    upgrade_to_head(engine, target="storage_0003")
    engine.dispose()
    shapes = {"a": "2026-01-01T00:00:00+00:00", "b": "2026-12-03T04:05:06.123456+00:00",
              "c": "2026-12-03 12:05:06.5+08:00", "d": "2026-12-03T04:05:06"}
    raw = sqlite3.connect(data_dir / "ccschool.db")
    for key, stamp in shapes.items():
        raw.execute("INSERT INTO audit_entry (at, action) VALUES (?, ?)", (stamp, key))
    raw.commit()
    raw.close()

    db = open_database(data_dir)
    with db.read() as s:
        got = dict(s.connection().exec_driver_sql("SELECT action, at FROM audit_entry "
                                                  "WHERE action IN ('a', 'b', 'c', 'd')").all())
    utc = timezone.utc
    assert {k: from_micros(v) for k, v in got.items()} == {
        "a": datetime(2026, 1, 1, tzinfo=utc), "b": datetime(2026, 12, 3, 4, 5, 6, 123456, utc),
        "c": datetime(2026, 12, 3, 4, 5, 6, 500000, utc), "d": datetime(2026, 12, 3, 4, 5, 6, tzinfo=utc)}
    db.close()


def test_a_text_stamp_written_past_the_codec_is_refused(data_dir):
    db = open_database(data_dir)
    with pytest.raises(Exception, match="audit_entry_at_stamp"):
        with db.transaction() as s:
            s.connection().exec_driver_sql("INSERT INTO audit_entry (at, action) VALUES (?, 'x')",
                                           ("2026-12-03T04:05:06+00:00",))
    with db.read() as s:  # nothing half-written
        assert s.connection().exec_driver_sql(
            "SELECT count(*) FROM audit_entry WHERE action = 'x'").scalar() == 0
    db.close()
