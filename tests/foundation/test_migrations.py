"""A database made by the first release keeps every record when it is upgraded."""
from __future__ import annotations

import sqlite3

from ccschool.db import make_engine, open_database
from ccschool.migrate import current_revisions, head_revisions, upgrade_to_head

FIRST = "0001_initial"


def test_upgrade_from_first_revision_keeps_data(data_dir):
    path = data_dir / "ccschool.db"
    engine = make_engine(path)
    upgrade_to_head(engine, target=FIRST)
    assert current_revisions(engine) == (FIRST,)
    engine.dispose()
    raw = sqlite3.connect(path)
    raw.execute("INSERT INTO person (id, created_at, updated_at, version, name, pinyin_initials,"
                " pinyin_full, consent_upload, id_number) VALUES ('p1', '2026-01-01T00:00:00+00:00',"
                " '2026-01-01T00:00:00+00:00', 1, '王芳', 'wf', 'wangfang', 1, '330281195603020025')")
    raw.execute("INSERT INTO learner (id, created_at, updated_at, version, person_id, card_no,"
                " card_state, target_groups, registered_on) VALUES ('l1', '2026-01-01T00:00:00+00:00',"
                " '2026-01-01T00:00:00+00:00', 1, 'p1', 'T0001', 'active', '老年人', '2026-01-01')")
    raw.commit()
    raw.close()

    db = open_database(data_dir)  # opening upgrades to head by itself
    assert current_revisions(db.engine) == head_revisions()
    from ccschool.models import Learner, Person
    with db.read() as s:
        person = s.get(Person, "p1")
        learner = s.get(Learner, "l1")
        assert (person.name, person.id_number, person.consent_upload) == \
            ("王芳", "330281195603020025", True)
        assert (learner.card_no, learner.target_groups) == ("T0001", "老年人")
    db.close()


def test_opening_twice_does_not_migrate_again(data_dir):
    db = open_database(data_dir)
    revs = current_revisions(db.engine)
    db.close()
    db = open_database(data_dir)
    assert current_revisions(db.engine) == revs
    db.close()


def test_head_reading_handles_an_assignment_over_several_lines(tmp_path):
    """Start-up reads the heads line by line (agreement with Alembic: tests/ui/
    test_shell_startup.py); a tuple spread over lines falls back to parsing the file."""
    from ccschool import migrate

    spread = tmp_path / "m.py"  # an assignment over several lines falls back to parsing
    spread.write_text('revision = "x"\ndown_revision = (\n    "a",\n    "b",\n)\n')
    assert migrate._revision_ids(spread) == ("x", ("a", "b"))
