"""A restore accepts only the schema our migrations build (issue 16, item 2)."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from ccschool.errors import ValidationError
from ccschool.safety import backup
from ccschool.safety.restore import restore_backup
from tests.conftest import ADMIN_ENV
from tests.safety.conftest import counts


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tampered(filled, tmp_path: Path, *sql: str) -> Path:
    copy = tmp_path / "tampered.db"
    backup.copy_database(filled.path, copy)
    conn = sqlite3.connect(copy)
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return copy


RESET_ADMIN = ("CREATE TRIGGER reset_admin AFTER INSERT ON audit_entry BEGIN "
               "UPDATE staff_user SET password_hash = 'x' WHERE role = 'admin'; END")


def test_a_backup_with_an_extra_trigger_is_refused_and_changes_nothing(filled, data_dir,
                                                                       tmp_path, run_cli):
    bad = _tampered(filled, tmp_path, RESET_ADMIN)
    filled.close()
    current = data_dir / "ccschool.db"
    digest, listing = _digest(current), sorted(p.name for p in data_dir.rglob("*"))
    with pytest.raises(ValidationError) as err:
        restore_backup(data_dir, bad)
    assert "多出触发器 reset_admin" in str(err.value) and "没有做任何改动" in str(err.value)
    assert sorted(p.name for p in data_dir.rglob("*")) == listing
    assert _digest(current) == digest
    before = counts(current)
    done = run_cli("restore", bad, env=ADMIN_ENV)
    assert done.returncode == 1 and "多出触发器 reset_admin" in done.stderr
    assert "Traceback" not in done.stderr
    after = counts(current)  # the command line audits the admin's sign-in, nothing else
    assert {k: v for k, v in after.items() if k != "audit_entry"} == \
        {k: v for k, v in before.items() if k != "audit_entry"}
    conn = sqlite3.connect(current)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name='reset_admin'"
                        ).fetchone() == (0,)
    conn.close()


def test_a_backup_with_a_missing_column_is_refused_in_english_too(filled, data_dir, tmp_path):
    bad = _tampered(filled, tmp_path, "ALTER TABLE learner DROP COLUMN target_groups")
    filled.close()
    with pytest.raises(ValidationError) as err:
        restore_backup(data_dir, bad)
    assert "缺少列 learner.target_groups" in err.value.zh
    assert "missing column learner.target_groups" in err.value.en
    assert "Nothing was changed" in err.value.en


@pytest.mark.parametrize("sql, named", [
    ("CREATE VIEW everyone AS SELECT * FROM person", "多出视图 everyone"),
    ("CREATE INDEX spy ON person (phone)", "多出索引 spy"),
    ("CREATE TABLE extra (x)", "多出数据表 extra"),
    ("DROP TRIGGER person_name_char_ai", "缺少触发器 person_name_char_ai"),
])
def test_other_schema_changes_are_named(filled, data_dir, tmp_path, sql, named):
    bad = _tampered(filled, tmp_path, sql)
    filled.close()
    with pytest.raises(ValidationError, match=named):
        restore_backup(data_dir, bad)


def test_a_changed_trigger_body_is_refused(filled, data_dir, tmp_path):
    conn = sqlite3.connect(filled.path)
    body = conn.execute("SELECT sql FROM sqlite_master WHERE name='person_name_char_ad'"
                        ).fetchone()[0]
    conn.close()
    evil = body.replace("END", "UPDATE staff_user SET active = 0; END")
    bad = _tampered(filled, tmp_path, "DROP TRIGGER person_name_char_ad", evil)
    filled.close()
    with pytest.raises(ValidationError, match="触发器 person_name_char_ad 的定义不同"):
        restore_backup(data_dir, bad)


def test_a_backup_made_before_the_merge_migration_is_accepted(data_dir, tmp_path):
    """An older backup is compared with the schema at its own revisions, then upgraded."""
    from alembic import command

    from ccschool.db import make_engine, open_database
    from ccschool.migrate import alembic_config, head_revisions

    old = tmp_path / "old.db"
    engine = make_engine(old)
    for revision in ("classes_0001", "learners_0002", "reports_0001"):
        command.upgrade(alembic_config(engine), revision)
    engine.dispose()
    conn = sqlite3.connect(old)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    result = restore_backup(data_dir, old)
    assert result.counts["learner"] == 0
    db = open_database(data_dir)
    from ccschool.migrate import current_revisions
    assert current_revisions(db.engine) == head_revisions()
    db.close()
