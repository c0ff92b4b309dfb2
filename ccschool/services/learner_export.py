"""Learners as rows: for lists, the GUI table and the Excel export (which re-imports cleanly)."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy import select
from sqlmodel import Session

from ccschool import audit
from ccschool.errors import Cancelled
from ccschool.i18n import L
from ccschool.idcard import mask_id
from ccschool.models import Learner, Person, Venue
from ccschool.services.learner_search import search_ids

COLUMNS = ("card_no", "name", "gender", "birth_date", "id_number", "phone", "village", "venue",
           "target_groups", "notes", "consent_upload", "card_state", "registered_on")
_CARD_STATES = {"active": ("有效", "active"), "lost": ("挂失", "lost"), "revoked": ("作废", "revoked")}
_FETCH = 500  # ids per IN (...) look-up


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
    out = []
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

    The whole user action, for the GUI and the CLI alike. The rows are read in one read
    transaction, so sign-ins keep committing while 100,000 learners are written (about 8 s);
    the audit entry follows in its own short write transaction once the file is complete.
    progress(done, total) is called every `step` (EXPORT_STEP) rows, and cancel() asked as often: a yes
    raises ExportCancelled, leaving no file and no audit entry."""
    from ccschool.exports.table import write_table

    with db.read() as s:
        ids = list(ids) if ids is not None else search_ids(s, "")
        write_table(out, title=L("学员", "Learners"), headers=headers(), heading=False,
                    rows=_export_rows(s, ids, include_id, progress, cancel, step or EXPORT_STEP),
                    widths={0: 14, 1: 10, 3: 12, 4: 21, 5: 14, 6: 12, 7: 14, 8: 24, 9: 20, 12: 12},
                    numbers_from_text=False)
    with db.transaction(actor=actor) as s:
        audit.record(s, "learner.export", "learner", None,
                     after={"file": str(out), "count": len(ids), "include_id": include_id})
    return len(ids)


def _export_rows(session: Session, ids: list[str], include_id: bool, progress, cancel, step: int):
    conn, cells = session.connection(), _CellMaker(include_id)
    for start in range(0, len(ids), step):
        if cancel is not None and cancel():
            raise ExportCancelled()
        end = min(start + step, len(ids))
        yield from export_cells(conn, ids[start:end], cells)
        if progress is not None:
            progress(end, len(ids))
