"""A roster import writes in steps (issue 16, item 5): no transaction of it writes more than one
step of learners, another program writes between the steps, and until the last short
transaction nothing of the import shows anywhere — learner list, search, card look-up,
counts, status bar, sync status, month close, device sync."""
from __future__ import annotations

import re
import sqlite3
from datetime import date

import pytest

from ccschool.errors import NotFound
from ccschool.roster import read_roster
from ccschool.services import import_steps as steps
from ccschool.services import learner_import as imp
from ccschool.services import learners as svc
from ccschool.services import site
from ccschool.services.first_paint import status_counts
from ccschool.services.learner_search import search_ids
from ccschool.sync import devicesync
from ccschool.sync.status import months
from tests.learners.rosters import write_rows
from tests.learners.test_import_lock import _other_program_writes
from tests.sqltrace import write_transactions


def _roster(tmp_path, n: int, venue: str | None = None):
    head = ["姓名", "手机号码"] + (["教学点"] if venue else [])
    rows = [[f"学员{i:04d}", f"139{i:08d}"] + ([venue] if venue else []) for i in range(n)]
    return read_roster(write_rows(tmp_path / "many.xlsx", head, rows))


def visible(db) -> dict:
    """What a person can see of the learners and the outbox, through the services the app's
    pages, the status bar and the sync use."""
    with db.read() as s:
        conn = s.connection()
        knowledge = devicesync.own_knowledge(s)
        return {
            "list": len(search_ids(s, "")),
            "search": len(search_ids(s, "学员")),
            "counts": site.info(s)["counts"],
            "outbox_pending": site.info(s)["outbox_pending"],
            "status_bar": status_counts(conn, day=date.today())["pending"],
            "months": [(m.period, m.here, m.unsealed) for m in months(s)],
            "synced": sum(1 for r in devicesync.records_since(s, {})
                          if r["kind"] in ("person", "learner", "learning_card", "venue")),
            "knowledge": knowledge,
            "venues": conn.exec_driver_sql(
                "SELECT count(*) FROM venue WHERE deleted_at IS NULL").scalar(),
        }


_RANGE = re.compile(r"INSERT INTO main\.(\w+) .* WHERE rowid BETWEEN (\d+) AND (\d+)", re.S)


@pytest.mark.parametrize("n", [45, 200])
def test_no_transaction_of_the_import_writes_more_than_a_step(db, tmp_path, n):
    with db.read() as s:
        plan = imp.plan_import(s, _roster(tmp_path, n))
    transactions = write_transactions(db)
    _plan, imported = steps.import_roster(db, plan, actor="王老师", step=20)
    assert imported == n
    *written, publish = transactions
    assert len(written) == -(-n // 20)  # one transaction per step of 20 learners
    for statements in written:
        copied = [_RANGE.search(sql) for sql in statements if sql.startswith("INSERT INTO main.")]
        assert copied and all(copied)  # every copy is a slice of the staged rows …
        assert all(int(m[3]) - int(m[2]) < 20 for m in copied)  # … of at most one step
        assert not any(sql.startswith("INSERT INTO person ") for sql in statements)  # no row by row
        assert len(statements) < 80
    # the last one only publishes: no rows copied, a few UPDATEs, the audit entry
    assert not any(sql.startswith("INSERT INTO main.") for sql in publish)
    assert sum(sql.startswith("UPDATE") for sql in publish) <= 4 * len(written) + 2
    assert visible(db)["list"] == n


def test_another_program_writes_between_steps_and_sees_nothing_until_the_end(db, tmp_path):
    before = visible(db)
    assert before["list"] == 0 and before["venues"] == 0
    with db.read() as s:
        plan = imp.plan_import(s, _roster(tmp_path, 35, venue="东山村教学点"))
    seen = []

    def between_steps() -> bool:  # asked before every step and before the publish
        _other_program_writes(db.path, f"desk_{len(seen)}")
        now = visible(db)
        seen.append(now)
        with db.read() as s:  # the pending rows are there, only nobody sees them
            hidden = s.connection().exec_driver_sql("SELECT count(*) FROM learner").scalar()
            card = s.connection().exec_driver_sql(
                "SELECT card_no FROM learner ORDER BY rowid DESC LIMIT 1").scalar()
            if hidden:  # the desk cannot sign them in either
                with pytest.raises(NotFound):
                    svc.find_learner(s, card)
        return False

    _plan, imported = steps.import_roster(db, plan, actor="王老师", step=10,
                                          should_cancel=between_steps)
    # asked while building the rows (4 times), then before each of 4 steps and the publish
    assert imported == 35 and len(seen) == 4 + 5
    for now in seen:
        assert {k: v for k, v in now.items() if k != "knowledge"} == \
               {k: v for k, v in before.items() if k != "knowledge"}
    after = visible(db)
    with db.read() as s:
        me = site.this_device(s)
        version = s.connection().exec_driver_sql("SELECT min(version) FROM learner").scalar()
    # a peer is never told "everything up to v" with v at or above the import's version
    # before the import shows: else it would never ask for these records
    assert all(now["knowledge"][me] < version for now in seen)
    assert after["knowledge"][me] >= version
    assert after["list"] == after["search"] == 35 and after["venues"] == 1
    assert after["counts"]["learner"] == 35 and after["synced"] == 35 * 3 + 1
    assert after["outbox_pending"] == before["outbox_pending"] + 35 * 3 + 1


def _raw_state(db) -> tuple:
    raw = sqlite3.connect(db.path)
    try:
        counts = tuple(raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (
            "person", "learner", "learning_card", "venue", "outbox_entry", "person_name_char",
            "audit_entry", "import_pending"))
        counter = raw.execute("SELECT coalesce((SELECT value FROM counter "
                              "WHERE name = 'card_no'), 0)").fetchone()[0]
        return counts, counter
    finally:
        raw.close()


def test_cancel_between_steps_removes_every_row_it_wrote(db, tmp_path):
    before, shown = _raw_state(db), visible(db)
    with db.read() as s:
        plan = imp.plan_import(s, _roster(tmp_path, 45, venue="西山村教学点"))
    asked = []

    def should_cancel() -> bool:
        asked.append(1)
        return len(asked) > 5 + 3  # built (asked 5 times), three steps written, then Cancel

    with pytest.raises(imp.ImportCancelled):
        steps.import_roster(db, plan, actor="王老师", step=10, should_cancel=should_cancel)
    assert _raw_state(db) == before  # rows, outbox, name index, notes; the card numbers back
    assert visible(db) == shown
    _plan, imported = steps.import_roster(db, plan, actor="王老师", step=10)
    assert imported == 45 and visible(db)["list"] == 45


def test_a_second_import_while_one_runs_is_refused_in_words(db, tmp_path):
    with db.read() as s:
        plan = imp.plan_import(s, _roster(tmp_path, 3))
    with steps.import_lock(db):  # another program's import, still running
        with pytest.raises(steps.ImportBusy) as err:
            steps.import_roster(db, plan, actor="王老师")
    assert "另一个程序正在导入花名册" in str(err.value)
    assert steps.import_roster(db, plan, actor="王老师")[1] == 3


def test_someone_registering_the_same_person_between_steps_makes_the_import_plan_again(
        db, tmp_path):
    with db.read() as s:
        plan = imp.plan_import(s, _roster(tmp_path, 25))
    desk = []

    def at_the_desk() -> bool:  # after the first step, the desk registers the last row's person
        desk.append(1)
        if len(desk) == 4:
            with db.transaction(actor="前台") as s:
                svc.create_learner(s, name="学员0024", phone="13900000024")
        return False

    plan, imported = steps.import_roster(db, plan, actor="王老师", step=10,
                                         should_cancel=at_the_desk)
    assert imported == 24 and [p.row for p in plan.duplicates] == [26]
    shown = visible(db)
    assert shown["list"] == 25 and shown["counts"]["person"] == 25
    with db.read() as s:
        cards = s.connection().exec_driver_sql(
            "SELECT count(DISTINCT card_no), count(*) FROM learner").one()
    assert cards[0] == cards[1] == 25  # every row removed again, no card number twice
    seqs = [seq for seq, _k in _seqs(db)]  # the desk's rows moved down: no hole for the county
    assert seqs == list(range(1, len(seqs) + 1))


def _seqs(db) -> list[tuple[int, str]]:
    raw = sqlite3.connect(db.path)
    try:
        return raw.execute("SELECT seq, kind FROM outbox_entry ORDER BY seq").fetchall()
    finally:
        raw.close()


def test_a_cancelled_import_leaves_no_hole_in_the_upload_numbers(db, tmp_path):
    """Rows another program numbered between the steps (here: two classes added) move down into
    the removed import's seqs: the county reads a hole below rows it received as lost records."""
    from ccschool.services import classes

    before = _seqs(db)
    with db.read() as s:
        plan = imp.plan_import(s, _roster(tmp_path, 45))
    asked = []

    def should_cancel() -> bool:
        asked.append(1)
        if len(asked) in (7, 8):  # after the first and the second step
            with db.transaction(actor="前台") as s:
                classes.add_class(s, name=f"书法班{len(asked)}", theme="人文艺术")
        return len(asked) > 5 + 3  # built (asked 5 times), three steps written, then Cancel

    with pytest.raises(imp.ImportCancelled):
        steps.import_roster(db, plan, actor="王老师", step=10, should_cancel=should_cancel)
    after = _seqs(db)
    assert [seq for seq, _k in after] == list(range(1, len(after) + 1))  # no hole
    assert after[:len(before)] == before  # what was there keeps its numbers
    assert [k for _s, k in after[len(before):]] == ["course_class", "course_class"]
    with db.transaction(actor="前台") as s:  # the next row follows on
        classes.add_class(s, name="太极班", theme="康养健身")
    assert _seqs(db)[-1][0] == len(after) + 1


def test_rows_already_sealed_above_the_hole_keep_their_numbers(db):
    """A month close between the steps sealed rows above the removed seqs: their chunks name
    their seqs, so nothing moves (the hole stays; the county then asks about it)."""
    from ccschool.models import UploadBatch
    from ccschool.services import classes

    with db.transaction(actor="前台") as s:
        for name in ("书法班", "太极班", "剪纸班"):
            classes.add_class(s, name=name, theme="人文艺术")
    seqs = [seq for seq, _k in _seqs(db)]
    with db.transaction(actor="test") as s:
        conn = s.connection()
        conn.exec_driver_sql("DELETE FROM outbox_entry WHERE seq = ?", (seqs[0],))
        batch = UploadBatch(id="b" * 32, period="2026-03")
        s.add(batch)
        s.flush()
        conn.exec_driver_sql("UPDATE outbox_entry SET batch_id = ? WHERE seq = ?",
                             (batch.id, seqs[-1]))
        assert steps.close_seq_gap(conn, seqs[0]) == 0
    assert [seq for seq, _k in _seqs(db)] == seqs[1:]
    with db.transaction(actor="test") as s:  # unsealed again: they move down
        conn = s.connection()
        conn.exec_driver_sql("UPDATE outbox_entry SET batch_id = NULL")
        assert steps.close_seq_gap(conn, seqs[0]) == len(seqs) - 1
    assert [seq for seq, _k in _seqs(db)] == seqs[:-1]
