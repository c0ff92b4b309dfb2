"""Writing a prepared roster import in steps a second program gets in between (issue 16, item 5).

One transaction for 20,000 learners held SQLite's write lock 2–6 s on the 100,000-learner demo:
SQLite's own work on about fifteen indexes with random keys (ids, names, phones) for 60,000
records, 60,000 outbox rows and the commit of every page that touched. So the rows are copied
from the staging tables (learner_import.stage) `step` learners at a time, each step one short
transaction, under the pending-import state (sync/pending_import.py: records soft-deleted,
every range noted in import_pending) that nothing counts, lists, searches, closes, uploads or
syncs. `_publish` is one short transaction: it clears deleted_at over the noted ranges, drops
the notes and writes the audit entry, so the import appears whole at once.

Before each step and the publish, the import checks that nobody changed people, learners,
cards, venues or the card counter since its last step (learner_import._mark); if someone did,
its rows are removed and the caller plans again (a duplicate may have appeared meanwhile).

A killed import (kill -9, power cut) leaves rows nobody sees; the next import removes them in
steps before it starts. They are removed, not finished: the staged rows died with the process,
and the person saw that import fail, so finishing it later would add learners at a moment
nobody chose. A cancel removes them at once. One import at a time per data folder (an OS file
lock, freed by the OS when its process dies), so rows pending while nobody holds the lock are
a dead import's. Card numbers drawn by a removed import stay drawn: a gap in the numbering.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Callable

from sqlmodel import Session

from ccschool import audit
from ccschool.errors import Conflict
from ccschool.models import new_id, utcnow
from ccschool.safety.lock import try_lock, unlock
from ccschool.services import learner_import as imp
from ccschool.services import learner_name_index as name_index
from ccschool.services import site as site_svc
from ccschool.sync import hlc
from ccschool.sync.pending_import import RECORD_TABLES, TABLE

LOCK_NAME = "import.lock"
_NOTED = ("venue", "person", "learner", "learning_card", "outbox_entry")


class ImportBusy(Conflict):
    code = "busy"

    def __init__(self) -> None:
        super().__init__("另一个程序正在导入花名册，请等它导入完再试",
                         "Another program is importing a roster; try again when it has finished")


class Moved(Exception):
    """Someone changed people, learners, cards or venues between two steps: plan again."""


@contextlib.contextmanager
def import_lock(db):
    """Held for a whole import, including the removal of a dead import's rows."""
    with open(db.path.with_name(LOCK_NAME), "a+", encoding="utf-8") as f:
        if not try_lock(f):
            raise ImportBusy()
        try:
            yield
        finally:
            unlock(f)


@dataclass
class _Slice:
    """One step: rowids (1-based, inclusive) of the staging tables' learners and people."""

    learners: tuple[int, int]
    people: tuple[int, int]


def _slices(prepared: imp.PreparedImport, step: int) -> list[_Slice]:
    new_person = [row.row not in prepared.plan.reuse for row in prepared.plan.new]
    out, people = [], 0
    for start in range(0, len(new_person), step):
        end = min(start + step, len(new_person))
        more = sum(new_person[start:end])
        out.append(_Slice((start + 1, end), (people + 1, people + more)))
        people += more
    return out


def write_in_steps(db, conn, prepared: imp.PreparedImport, *, actor: str | None, source: str,
                   step: int, should_cancel: Callable[[], bool] | None = None,
                   progress: Callable[[int], None] | None = None) -> int:
    """The staged rows (on `conn`), then the publish; returns how many learners. Raises Moved
    (its rows removed) when the database moved on; ImportCancelled (rows removed) on cancel.
    progress(learners written) after each step."""
    import_id, hidden_at = new_id(), imp.sql_value(utcnow())
    mark, version = prepared.mark, 0
    try:
        for n, part in enumerate(_slices(prepared, step)):
            imp.check_cancel(should_cancel)
            with db.transaction(actor=actor, connection=conn) as s:
                if imp.mark_of(s) != mark:
                    raise Moved()
                before = _tops(s)
                if n == 0:
                    version = _begin(s, prepared, import_id, hidden_at)
                _write_step(s, prepared, part, version, hidden_at)
                _note(s, import_id, before, version)
                mark = imp.mark_of(s)
            if progress:
                progress(part.learners[1])
        imp.check_cancel(should_cancel)
        with db.transaction(actor=actor, connection=conn) as s:
            if imp.mark_of(s) != mark:
                raise Moved()
            _publish(s, import_id, prepared, source)
    except BaseException:
        with contextlib.suppress(Exception):  # a full disk: the next import removes them
            discard(db, step, import_id=import_id)
        raise
    return prepared.count


def _tops(s: Session) -> dict[str, int]:
    conn = s.connection()
    key = {"outbox_entry": "seq"}
    return {t: conn.exec_driver_sql(f"SELECT coalesce(max({key.get(t, 'rowid')}), 0) "
                                    f"FROM {t}").scalar() or 0 for t in _NOTED}


def _begin(s: Session, prepared: imp.PreparedImport, import_id: str, hidden_at: str) -> int:
    """The first step's extras: the roster's new venues (hidden like the records), the card
    numbers drawn (noted, so a removed import gives them back if nobody drew more), and the
    one version every record of the import carries."""
    conn = s.connection()
    # Drawn here, inside a write: versions follow commit order. A peer told "everything of
    # this device up to v" is told no v from this one on until the import is published
    # (pending_import.knowledge_cap), so it still asks for these records then. Drawn before
    # the venues draw theirs, so theirs are above it too.
    version = hlc.next_version(conn.connection.driver_connection)
    for venue in prepared.venues:
        s.add(venue)
    last = prepared.first_card + prepared.count - 1
    site_svc.set_number(s, "card_no", last)  # flushes the venues
    for venue in prepared.venues:  # after the flush wrote their outbox rows as they will be
        conn.exec_driver_sql("UPDATE venue SET deleted_at = ? WHERE id = ?", (hidden_at, venue.id))
    conn.exec_driver_sql(f"INSERT INTO {TABLE} (import_id, tbl, lo, hi, version) "
                         "VALUES (?, 'card_no', ?, ?, ?)",
                         (import_id, prepared.first_card, last, version))
    return version


def _write_step(s: Session, prepared: imp.PreparedImport, part: _Slice, version: int,
                hidden_at: str) -> None:
    conn = s.connection()
    owner = ""
    with name_index.bulk_load(s):
        for n, (sql, _params) in enumerate(prepared.inserts):
            table = sql.split()[2]
            owner = owner if table == "outbox_entry" else table  # an outbox row: its record's
            rows = part.people if owner == "person" else part.learners
            if rows[1] >= rows[0]:
                conn.exec_driver_sql(*imp.from_stage(sql, n, version, rows=rows,
                                                     hidden_at=hidden_at))
        lo, hi = part.people
        if hi < lo:
            return
        if s.info.get("name_index_bulk"):
            conn.exec_driver_sql(
                f"INSERT OR IGNORE INTO person_name_char (ch, person_id) SELECT ch, person_id "
                f"FROM temp.{imp.STAGE}_names WHERE person_id IN (SELECT id FROM "
                f"temp.{imp.STAGE}_0 WHERE rowid BETWEEN ? AND ?) ORDER BY rowid", (lo, hi))
        else:
            people = prepared.people[lo - 1:hi]
            name_index.add_names(s, people, name_index.name_rows(people))


def _note(s: Session, import_id: str, before: dict[str, int], version: int) -> None:
    """The ranges this step wrote: everything above the tops it saw at its start (nobody else
    writes inside this transaction)."""
    after = _tops(s)
    for table in _NOTED:
        if after[table] > before[table]:
            s.connection().exec_driver_sql(
                f"INSERT INTO {TABLE} (import_id, tbl, lo, hi, version) VALUES (?, ?, ?, ?, ?)",
                (import_id, table, before[table] + 1, after[table], version))


def _publish(s: Session, import_id: str, prepared: imp.PreparedImport, source: str) -> None:
    """The import appears whole: one UPDATE per noted range, the notes gone, the audit entry."""
    conn = s.connection()
    ranges = conn.exec_driver_sql(f"SELECT tbl, lo, hi FROM {TABLE} WHERE import_id = ?",
                                  (import_id,)).all()
    for table, lo, hi in ranges:
        if table in RECORD_TABLES:
            conn.exec_driver_sql(f"UPDATE {table} SET deleted_at = NULL "
                                 f"WHERE rowid BETWEEN ? AND ?", (lo, hi))
    conn.exec_driver_sql(f"DELETE FROM {TABLE} WHERE import_id = ?", (import_id,))
    audit.record(s, "learner.import", "learner", None,
                 after={"file": source, "imported": prepared.count,
                        "first_card": prepared.card_nos[0]})


_ORDER = ("CASE tbl WHEN 'learning_card' THEN 0 WHEN 'learner' THEN 1 WHEN 'person' THEN 2 "
          "WHEN 'venue' THEN 3 WHEN 'outbox_entry' THEN 4 ELSE 5 END")  # pointed-at rows last


def discard(db, step: int, *, import_id: str | None = None) -> int:
    """Remove a pending import's rows (every pending import's if import_id is None: only under
    import_lock), at most `step` rows per table a transaction; returns how many ranges."""
    where, args = ("WHERE import_id = ?", (import_id,)) if import_id else ("", ())
    next_range = f"SELECT id, tbl, lo, hi FROM {TABLE} {where} ORDER BY {_ORDER}, lo LIMIT 1"
    done, low = 0, None  # low: the lowest outbox seq removed
    with db.read() as s:  # most imports find nothing to remove: no write transaction then
        if s.connection().exec_driver_sql(next_range, args).first() is None:
            return done
    while True:
        with db.transaction() as s:
            conn = s.connection()
            row = conn.exec_driver_sql(next_range, args).first()
            if row is None:
                if low is not None:
                    close_seq_gap(conn, low)
                return done
            rid, table, lo, hi = row
            if table == "outbox_entry":
                low = lo if low is None else min(low, lo)
            top = min(hi, lo + step - 1)
            if table == "card_no":  # the numbers go back unless someone drew more since
                conn.exec_driver_sql("UPDATE counter SET value = ? WHERE name = 'card_no' "
                                     "AND value = ?", (lo - 1, hi))
                top = hi
            else:
                key = "seq" if table == "outbox_entry" else "rowid"
                # deleting people also clears their name-index rows (trigger person_name_char_ad)
                conn.exec_driver_sql(f"DELETE FROM {table} WHERE {key} BETWEEN ? AND ?",
                                     (lo, top))
            if top == hi:
                conn.exec_driver_sql(f"DELETE FROM {TABLE} WHERE id = ?", (rid,))
                done += 1
            else:
                conn.exec_driver_sql(f"UPDATE {TABLE} SET lo = ? WHERE id = ?", (top + 1, rid))


def close_seq_gap(conn, low: int) -> int:
    """Number the outbox rows above a removed import's seqs down into them; returns how many
    rows moved.

    The county reads a missing seq below ones it received as a lost record (PROTOCOL.md, gaps):
    rows another program wrote between the import's steps (a check-in, a registration) sit
    above the removed seqs, and would leave that hole once sent. Nothing above has left the
    laptop yet — they are unsealed — so they can move down, in order; the next row is then
    numbered max + 1 as always. If anything above was sealed meanwhile (a month close between
    the steps: its chunks name their seqs) or pruned, nothing moves and the hole stays."""
    sealed = conn.exec_driver_sql(
        "SELECT EXISTS (SELECT 1 FROM outbox_entry WHERE seq >= ? AND batch_id IS NOT NULL) "
        "OR EXISTS (SELECT 1 FROM outbox_pruned WHERE seq >= ?)", (low, low)).scalar()
    if sealed:
        return 0
    moved = conn.exec_driver_sql(
        "SELECT seq FROM outbox_entry WHERE seq >= ? ORDER BY seq", (low,)).scalars().all()
    # one row at a time, lowest first: each new seq is free (the removed ones, then the
    # vacated ones just below the next row)
    renumber = [(low + i, seq) for i, seq in enumerate(moved) if low + i != seq]
    for new, old in renumber:
        conn.exec_driver_sql("UPDATE outbox_entry SET seq = ? WHERE seq = ?", (new, old))
    return len(renumber)


def discard_dead(db, step: int | None = None) -> int:
    """Remove what an import killed mid-way (power cut, kill -9) left, at the app's or a
    command's start, before anything else writes: its outbox sequence numbers then go back
    unused instead of staying a gap the county would see once later rows are sent. Returns
    how many ranges went; 0 at once when another program is importing (its rows are alive)."""
    try:
        with import_lock(db):
            return discard(db, step or imp.IMPORT_STEP)
    except ImportBusy:
        return 0


def import_roster(db, plan: imp.ImportPlan, *, actor: str | None, source: str = "",
                  skip_invalid: bool = True,
                  progress: Callable[[int, int], None] | None = None,
                  should_cancel: Callable[[], bool] | None = None,
                  step: int | None = None) -> tuple[imp.ImportPlan, int]:
    """The whole import of a planned roster: (the plan written, learners imported).

    The rows are built in a read transaction, which blocks nobody (WAL), staged in TEMP tables,
    then written in steps of `step` learners (learner_import.IMPORT_STEP) and published in one
    short transaction. If the database moved on meanwhile, the rows written so far are removed
    and the roster is planned again (a duplicate may have appeared). Nothing is written when
    the roster has errors and skip_invalid is false. progress(done, total): building the rows
    is the first half of total, writing them the second."""
    step = step or imp.IMPORT_STEP
    with import_lock(db):
        discard(db, step)  # a killed import's rows, nobody's any more (see the module notes)
        for _attempt in range(_ATTEMPTS):
            if plan.errors and not skip_invalid:
                return plan, 0
            n = len(plan.new)
            built = (lambda d, t: progress(d, 2 * t)) if progress else None
            wrote = (lambda d: progress(n + d, 2 * n)) if progress else None
            with db.read() as s:
                prepared = imp.prepare_import(s, plan, progress=built,
                                              should_cancel=should_cancel, step=step)
            if not prepared.plan.new:
                return prepared.plan, 0
            with db.connection() as conn:  # the staging TEMP tables live on this connection
                raw = conn.connection.driver_connection
                try:
                    imp.stage(raw, prepared)
                    return plan, write_in_steps(db, conn, prepared, actor=actor, source=source,
                                                step=step, should_cancel=should_cancel,
                                                progress=wrote)
                except Moved:
                    pass
                finally:
                    imp.unstage(raw, prepared)
            with db.read() as s:
                plan = imp.plan_import(s, plan.roster)
    raise Conflict("导入期间学员一直在被另一个程序登记或修改，请稍后再导入",
                   "Another program kept registering or editing learners during the import; "
                   "import again later")


_ATTEMPTS = 3
