"""Learners as rows: for lists, the GUI table and the Excel export (which re-imports cleanly)."""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy import select
from sqlmodel import Session

from ccschool import audit
from ccschool.errors import Cancelled, CCSError
from ccschool.i18n import L
from ccschool.idcard import mask_id
from ccschool.isolated import ChildDied, run_isolated
from ccschool.models import Learner, Person, Venue
from ccschool.services.learner_search import search_ids

COLUMNS = ("card_no", "name", "gender", "birth_date", "id_number", "phone", "village", "venue",
           "target_groups", "notes", "consent_upload", "card_state", "registered_on")
_CARD_STATES = {"active": ("有效", "active"), "lost": ("挂失", "lost"), "revoked": ("作废", "revoked")}
_FETCH = 500  # ids per IN (...) look-up
log = logging.getLogger(__name__)


def _query(ids: list[str]):
    return (select(Learner.id, Learner.card_no, Person.name, Person.gender, Person.birth_date,
                   Person.id_number, Person.phone, Person.village, Venue.name,
                   Learner.target_groups, Person.notes, Person.consent_upload, Learner.card_state,
                   Learner.registered_on)
            .join(Person, Person.id == Learner.person_id)
            .outerjoin(Venue, Venue.id == Learner.venue_id)
            .where(Learner.id.in_(ids)))


def rows_for(session: Session, ids: list[str], *, include_id: bool = False) -> list[dict]:
    """Display rows for these learner ids, in the given order (the GUI model's page fetch)."""
    found: dict[str, dict] = {}
    for i in range(0, len(ids), _FETCH):
        for r in session.execute(_query(ids[i:i + _FETCH])):
            d = dict(zip(("id",) + COLUMNS, r))
            d["id_number"] = d["id_number"] if include_id else mask_id(d["id_number"])
            found[d["id"]] = d
    return [found[i] for i in ids if i in found]


def list_rows(session: Session, *, search: str = "", limit: int | None = None,
              include_id: bool = False) -> list[dict]:
    return rows_for(session, search_ids(session, search, limit=limit), include_id=include_id)


def headers() -> list[str]:
    return [L("卡号", "Card no."), L("姓名", "Name"), L("性别", "Gender"), L("出生日期", "Birth date"),
            L("身份证号", "ID number"), L("手机号码", "Mobile"), L("村(社区)", "Village"),
            L("教学点", "Venue"), L("人群类别", "Target groups"), L("备注", "Notes"),
            L("同意上传", "Consent to upload"), L("卡状态", "Card state"), L("登记日期", "Registered on")]


# The export reads plain tuples straight from SQLite (the same columns as _query): at 100,000
# rows the ORM's per-row work would cost a quarter of the whole export (bench_export).
_EXPORT_SQL = """SELECT l.id, l.card_no, p.name, p.gender, p.birth_date, p.id_number, p.phone,
       p.village, v.name, l.target_groups, p.notes, p.consent_upload, l.card_state,
       l.registered_on
FROM learner l JOIN person p ON p.id = l.person_id LEFT JOIN venue v ON v.id = l.venue_id
WHERE l.id IN ({marks})"""


def _day(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


class _CellMaker:
    """One learner's export cells; the labels are translated once per export, not per row."""

    def __init__(self, include_id: bool) -> None:
        self.include_id = include_id
        self.yes, self.no = L("是", "yes"), L("否", "no")
        self.states = {k: L(*v) for k, v in _CARD_STATES.items()}

    def __call__(self, r: tuple) -> list:
        (_id, card_no, name, gender, born, id_number, phone, village, venue, groups, notes,
         consent, state, registered) = r
        return [card_no, name, gender, _day(born), id_number if self.include_id
                else mask_id(id_number), phone, village, venue,
                "、".join(filter(None, (groups or "").split(","))), notes,
                self.yes if consent else self.no, self.states.get(state, state), _day(registered)]


def export_cells(conn, ids: list[str], cells: _CellMaker) -> list[list]:
    """The export cells of these learners, in the order of ids (one look-up per _FETCH)."""
    out: list[list] = []
    for i in range(0, len(ids), _FETCH):
        chunk = ids[i:i + _FETCH]
        found = {r[0]: r for r in conn.exec_driver_sql(
            _EXPORT_SQL.format(marks=", ".join("?" * len(chunk))), tuple(chunk))}
        out.extend(cells(found[lid]) for lid in chunk if lid in found)
    return out


EXPORT_STEP = 2000  # rows between two progress reports / looks at cancel


class ExportCancelled(Cancelled):
    """The user stopped the export: no file was written and nothing was recorded."""

    code = "cancelled"

    def __init__(self) -> None:
        super().__init__("导出已取消，没有生成文件", "Export cancelled; no file was written")


def export_learners(db, out: str | Path, *, actor: str, include_id: bool = False,
                    ids: Iterable[str] | None = None,
                    progress: Callable[[int, int], None] | None = None,
                    cancel: Callable[[], bool] | None = None, step: int | None = None) -> int:
    """Write learners to out (.xlsx, atomically); IDs masked unless include_id. Returns how many.

    The whole user action, for the GUI and the CLI alike. The file is written by a child
    process (ccschool/isolated.py: 100,000 learners in the app's own process held up the
    desk's scans by up to 146 ms), which reads the rows in one read transaction of its own,
    so sign-ins keep committing meanwhile; the audit entry follows in its own short write
    transaction once the file is complete. progress(done, total) is called every `step`
    (EXPORT_STEP) rows, and cancel() asked after each: a yes raises ExportCancelled, leaving
    no file and no audit entry."""
    if ids is None:
        with db.read() as s:
            ids = search_ids(s, "")
    ids = list(ids)
    if cancel is not None and cancel():
        raise ExportCancelled()
    try:
        run_isolated(write_export_file, str(db.path), str(out), ids, include_id,
                     step or EXPORT_STEP, progress=progress or _ignore,
                     cancel=cancel or _never)
    except BaseException as exc:
        # The child is gone by now (run_isolated waits for it). Stopped, it removed its own
        # half-written file; killed (out of memory, a task manager, Ctrl-C) it could not.
        from ccschool.fileio import remove_stale_parts

        remove_stale_parts(Path(out).parent)
        if not isinstance(exc, ChildDied):
            raise
        log.warning("learner export process ended with exit code %s", exc.exitcode)
        raise CCSError("导出没有完成（导出程序意外退出），没有生成文件，请再试一次",
                       "The export did not finish (its process ended); no file was written. "
                       "Please try again") from None
    with db.transaction(actor=actor) as s:
        audit.record(s, "learner.export", "learner", None,
                     after={"file": str(out), "count": len(ids), "include_id": include_id})
    return len(ids)


def _ignore(done: int, total: int) -> None:
    pass


def _never() -> bool:
    return False


def write_export_file(db_path: str, out: str, ids: list[str], include_id: bool, step: int, *,
                      progress: Callable[[int, int], None],
                      cancel: Callable[[], bool]) -> None:
    """The child process's part of export_learners: read the rows and write the workbook."""
    from ccschool.db import make_engine
    from ccschool.exports.table import write_table

    engine = make_engine(Path(db_path))
    try:
        with engine.connect() as conn, conn.begin():  # one snapshot (a deferred BEGIN)
            write_table(out, title=L("学员", "Learners"), headers=headers(), heading=False,
                        rows=_export_rows(conn, ids, include_id, progress, cancel, step),
                        widths={0: 14, 1: 10, 3: 12, 4: 21, 5: 14, 6: 12, 7: 14, 8: 24, 9: 20,
                                12: 12},
                        numbers_from_text=False)
    finally:
        engine.dispose()


def _export_rows(conn, ids: list[str], include_id: bool, progress, cancel, step: int):
    cells = _CellMaker(include_id)
    for start in range(0, len(ids), step):
        end = min(start + step, len(ids))
        yield from export_cells(conn, ids[start:end], cells)
        progress(end, len(ids))
        if cancel():  # asked after each step, the last too: a stop at the end leaves no file
            raise ExportCancelled()
