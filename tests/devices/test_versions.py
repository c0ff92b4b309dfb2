"""Versions from the hybrid clock: unique across devices, newer than anything sent even after
a restore, and old single-laptop databases upgrade to device 1 with their numbers intact."""
from __future__ import annotations

import sqlite3

from sqlalchemy import select

from ccschool.sync import hlc
from ccschool.db import make_engine, open_database
from ccschool.migrate import upgrade_to_head
from ccschool.models import Device, Learner, Person

from tests.devices.conftest import opened, register


def _person_version(laptop, person_name: str) -> tuple[int, str]:
    with opened(laptop) as db, db.read() as s:
        p = s.scalars(select(Person).where(Person.name.like(f"{person_name}%"))).one()
        return p.version, p.name


def _rename(laptop, learner_id: str, name: str) -> None:
    from ccschool.services.learners import update_learner

    with opened(laptop) as db, db.transaction(actor="admin") as s:
        update_learner(s, learner_id=learner_id, name=name)


def test_restore_an_old_backup_then_edit_wins_everywhere(laptops, tmp_path):
    a, b, _c = laptops
    learner = register(a, "王芳", "13800000001")
    a.cli("backup", "--out", tmp_path / "old.db")
    backup = tmp_path / "old.db"
    _rename(a, learner["id"], "王芳芳")
    a.bundle_to(b, tmp_path)  # the rename left the laptop
    sent, _ = _person_version(b, "王芳")
    a.cli("restore", backup)
    assert _person_version(a, "王芳")[1] == "王芳"  # the backup is from before the rename
    _rename(a, learner["id"], "王芳更正")
    mine, _ = _person_version(a, "王芳")
    assert mine > sent
    a.bundle_to(b, tmp_path)
    assert _person_version(b, "王芳") == (mine, "王芳更正")


def test_clock_floor_survives_a_restore_with_the_clock_set_back(data_dir):
    db = open_database(data_dir)
    with db.engine.begin() as conn:
        raw = conn.connection.driver_connection
        conn.exec_driver_sql("INSERT INTO counter (name, value) VALUES ('device', 2)")
        sent = hlc.next_version(raw, now_ms=2_000_000_000_000)
    hlc.write_floor(data_dir, sent)
    with db.engine.begin() as conn:  # as if an old backup came back: the clock row rolled back
        conn.exec_driver_sql("UPDATE counter SET value = 0 WHERE name = 'hlc'")
    db.close()
    db = open_database(data_dir)  # opening lifts the clock over what was sent
    with db.engine.begin() as conn:
        later = hlc.next_version(conn.connection.driver_connection, now_ms=1_000_000_000_000)
    db.close()
    assert later > sent and hlc.origin(later) == 2 and hlc.origin(sent) == 2
    assert hlc.origin(5) == 1  # a counter from the single-laptop days is device 1's


def test_versions_of_two_devices_never_collide_in_one_millisecond(data_dir, tmp_path):
    seen = set()
    for device, folder in ((1, data_dir), (2, tmp_path / "two")):
        db = open_database(folder)
        with db.engine.begin() as conn:
            raw = conn.connection.driver_connection
            conn.exec_driver_sql(f"INSERT INTO counter (name, value) VALUES ('device', {device})")
            for _ in range(5000):  # more than the 4,096 a millisecond holds
                seen.add(hlc.next_version(raw, now_ms=1_800_000_000_000))
        db.close()
    assert len(seen) == 10000


def test_a_single_laptop_database_becomes_device_one(data_dir):
    path = data_dir / "ccschool.db"
    engine = make_engine(path)
    upgrade_to_head(engine, target="0002_merge")
    engine.dispose()
    raw = sqlite3.connect(path)
    now = "2026-01-01T00:00:00.000000+00:00"
    raw.execute("INSERT INTO site (id, created_at, updated_at, version, code, name, level, "
                f"card_prefix, secret) VALUES ('s1', '{now}', '{now}', 3, 'TEST01', '测试', "
                "'township', 'ST01', 'aa')")
    raw.execute("INSERT INTO person (id, created_at, updated_at, version, name, pinyin_initials,"
                f" pinyin_full, consent_upload) VALUES ('p1', '{now}', '{now}', 2, '王芳', 'wf',"
                " 'wangfang', 1)")
    raw.execute("INSERT INTO learner (id, created_at, updated_at, version, person_id, card_no,"
                f" card_state, target_groups, registered_on) VALUES ('l1', '{now}', '{now}', 1,"
                " 'p1', 'ST01000001', 'active', '', '2026-01-01')")
    raw.execute("INSERT INTO counter (name, value) VALUES ('card_no', 1)")
    raw.commit()
    raw.close()
    db = open_database(data_dir)
    from ccschool.services.learners import new_card_no
    with db.transaction(actor="admin") as s:
        [device] = s.scalars(select(Device)).all()
        assert device.number == 1
        assert new_card_no(s) == "ST01000002"  # device 1 keeps the first release's numbers
        learner = s.get(Learner, "l1")
        learner.target_groups = "老年人"
        s.add(learner)
    with db.read() as s:
        assert s.get(Learner, "l1").version > hlc.CLOCK_FLOOR > 3
    db.close()
