"""Importing a roster into the registry: plan (what each row would do), then apply in bulk.

`plan_import` reads the database but writes nothing, so --dry-run and the wizard's preview are
the same code as the real import. `prepare_import` builds every row (pinyin keys, IDs, outbox
payloads) still outside the write lock; `stage` puts them in TEMP tables. The CLI and the
wizard then write them in steps (services/import_steps.py: import_roster); `write_prepared`
writes them with Core bulk inserts (ORM objects cost ~18x more, MACHINE-NOTES) inside the
caller's one transaction, for small imports and tests (`apply_import`).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from operator import itemgetter
from datetime import date, datetime
from typing import Callable

from sqlalchemy import select
from sqlmodel import Session

from ccschool import clock
from ccschool import audit, settings
from ccschool.sync import hlc

from ccschool.sync import changes
from ccschool.errors import Cancelled
from ccschool.i18n import Text
from ccschool.models import Learner, LearningCard, OutboxEntry, Person, Venue, utcnow
from ccschool.stamps import to_micros
from ccschool.roster.gcpause import gc_paused
from ccschool.roster.model import DUPLICATE, Roster, RosterRow, RowProblem
from ccschool.services import site as site_svc
from ccschool.services import learner_name_index as name_index
from ccschool.services.learner_name_index import bulk_load
from ccschool.services.learners import person_values

_CHUNK = 500  # SQLite bound-parameter batches for IN (...) look-ups
IMPORT_STEP = 500  # learners per step of the write (import_steps), and per look at should_cancel


@dataclass
class ImportPlan:
    roster: Roster
    new: list[RosterRow] = field(default_factory=list)  # rows that would create a learner
    reuse: dict[int, str] = field(default_factory=dict)  # row -> existing person id (other role)
    venues: dict[str, str] = field(default_factory=dict)  # venue name -> id
    new_venues: list[str] = field(default_factory=list)  # named in the roster, not on file yet
    mark: tuple = ()  # what the database looked like when planned (mark_of)

    @property
    def errors(self) -> list[RowProblem]:
        return self.roster.errors

    @property
    def duplicates(self) -> list[RowProblem]:
        return [p for p in self.roster.problems if p.kind == DUPLICATE]

    def result(self, *, imported: int, error_workbook=None, dry_run: bool = False) -> dict:
        """The --json shape of issue 3."""
        bad = sum(1 for r in self.roster.rows if not r.ok)
        return {"imported": imported, "skipped": bad, "duplicates": len(self.duplicates),
                "would_import": len(self.new),
                "errors": [_problem(p) for p in self.errors],
                "duplicate_rows": [_problem(p) for p in self.duplicates],
                "columns": self.roster.columns_report(), "sheet": self.roster.sheet,
                "header_row": self.roster.header_row, "dry_run": dry_run,
                "new_venues": self.new_venues,
                "error_workbook": str(error_workbook) if error_workbook else None}


def _problem(p: RowProblem) -> dict:
    return {"row": p.row, "field": p.field, "message": p.message}


def plan_import(session: Session, roster: Roster) -> ImportPlan:
    """Check the rows against the database: same person already a learner, unknown venues,
    the county's ID requirement. Adds problems to the rows; writes nothing."""
    plan = ImportPlan(roster, venues=_venue_ids(session), mark=mark_of(session))
    rows = roster.valid_rows
    _require_ids(session, rows)
    with gc_paused():
        _match_existing(session, plan, [r for r in rows if r.ok])
    plan.new = [r for r in rows if r.ok and not r.duplicate]
    plan.new_venues = _new_venues(plan, plan.new)
    return plan


def _venue_ids(session: Session) -> dict[str, str]:
    return {name: vid for vid, name in session.execute(
        select(Venue.id, Venue.name).where(Venue.deleted_at.is_(None)))}


def _require_ids(session: Session, rows: list[RosterRow]) -> None:
    if not settings.get(session, "county_requires_id"):
        return
    for row in rows:
        if not row.values.get("id_number"):
            row.add("id_number", Text("县平台要求填写身份证号", "the county requires the ID number"))


def _new_venues(plan: ImportPlan, rows: list[RosterRow]) -> list[str]:
    """Venue names the roster uses that are not on file yet: the import adds them by name."""
    names = {r.values["venue"] for r in rows if r.values.get("venue")}
    return sorted(names - set(plan.venues))


def _match_existing(session: Session, plan: ImportPlan, rows: list[RosterRow]) -> None:
    """Same ID on file, else same name and phone, else (our own export) same card number."""
    by_id = _people_by(session, Person.id_number, {r.values["id_number"] for r in rows
                                                  if r.values.get("id_number")})
    by_phone = _people_by(session, Person.phone, {r.values["phone"] for r in rows
                                                  if r.values.get("phone")})
    learners = _learners_of(session, {p[0] for p in by_id.values()}
                            | {p[0] for ps in by_phone.values() for p in ps})
    cards = _cards(session, {r.values["card_no"] for r in rows if r.values.get("card_no")})
    for row in rows:
        person = _match(row, by_id, by_phone)
        if person and person[0] in learners:
            row.add("id_number" if row.values.get("id_number") else "name",
                    Text("已登记为学员（卡号{c}），已跳过", "already registered (card {c}); skipped")
                    .format(c=learners[person[0]] or "-"), DUPLICATE)
        elif person:
            plan.reuse[row.row] = person[0]  # a volunteer or teacher becoming a learner
        elif row.values.get("card_no") in cards:  # our own export, ID masked or absent
            row.add("card_no", Text("卡号{c}已登记，已跳过", "card {c} is already registered; skipped")
                    .format(c=row.values["card_no"]), DUPLICATE)


def _match(row: RosterRow, by_id: dict, by_phone: dict):
    """Same ID; else same name and phone, unless both sides have (different) ID numbers."""
    v = row.values
    if v.get("id_number") and v["id_number"] in by_id:
        return by_id[v["id_number"]]
    return next((p for p in by_phone.get(v.get("phone"), ())
                 if p[1] == v["name"] and not (v.get("id_number") and p[2])), None)


def _people_by(session: Session, column, keys: set[str]) -> dict:
    """key -> (person id, name, id number) for id_number; key -> [(...), ...] for phone."""
    out: dict = {}
    ordered = sorted(keys)
    for i in range(0, len(ordered), _CHUNK):
        for pid, name, id_number, key in session.execute(
                select(Person.id, Person.name, Person.id_number, column).where(
                    column.in_(ordered[i:i + _CHUNK]), Person.deleted_at.is_(None))):
            if column is Person.id_number:
                out[key] = (pid, name, id_number)
            else:
                out.setdefault(key, []).append((pid, name, id_number))
    return out


def _learners_of(session: Session, person_ids: set[str]) -> dict[str, str]:
    ids, out = sorted(person_ids), dict[str, str]()
    for i in range(0, len(ids), _CHUNK):
        out.update(session.execute(select(Learner.person_id, Learner.card_no).where(
            Learner.person_id.in_(ids[i:i + _CHUNK]), Learner.deleted_at.is_(None))).all())
    return out


def _cards(session: Session, card_nos: set[str]) -> set[str]:
    nos, out = sorted(card_nos), set[str]()
    for i in range(0, len(nos), _CHUNK):
        out.update(session.scalars(select(LearningCard.card_no).where(
            LearningCard.card_no.in_(nos[i:i + _CHUNK]))))
    return out


class ImportCancelled(Cancelled):
    """The user stopped the import; raised inside the transaction, so nothing is kept."""

    code = "cancelled"

    def __init__(self) -> None:
        super().__init__("导入已取消，没有导入任何数据", "Import cancelled; nothing was imported")


@dataclass
class PreparedImport:
    """Every row an import will write, built from a plan outside the write transaction.

    Building rows (pinyin keys, IDs, outbox payloads) is most of an import's work; doing it
    before the write lock is taken leaves only the inserts inside (issue 16, item 5). `mark`
    is what the rows were built against: if another program changed people, learners, cards,
    venues or the card counter meanwhile, the rows are built again inside the transaction.
    """

    plan: ImportPlan
    mark: tuple
    first_card: int
    venues: list[Venue]  # the roster's new venues, their ids already drawn
    people: list[dict]  # for the name index (person ids and names)
    name_rows: list[tuple[str, str]]  # the name index's rows for them
    inserts: list[tuple[str, list[tuple]]]  # (INSERT statement, parameter rows), in FK order
    card_nos: list[str] = field(default_factory=list)  # in the order of plan.new
    staged_on: object = None  # the driver connection whose TEMP tables hold the rows (stage)

    @property
    def count(self) -> int:
        return len(self.plan.new)


def mark_of(session: Session) -> tuple:
    """A fingerprint of everything a plan and its rows depend on: (card counter, card prefix,
    the county's ID rule, venues, then per table of people, learners and cards: count, largest
    rowid, largest version). Any insert or deletion there moves the count, and any edit, merge
    or soft deletion made here draws a version above every version seen (sync/hlc.py), so it
    moves the largest; check-ins and other records do not (so the desk signing people in
    meanwhile does not force a rebuild). A record applied from another laptop's sync keeps
    its own, maybe older, version: an ID number it brings that the import also has is still
    refused by the unique index when the import is published, and the import then fails whole.
    Each figure is one b-tree count or one index seek (a sum of versions read 100,000 index
    entries per table, 0.2–0.4 s at load 13): an import in steps runs it inside every step."""
    conn = session.connection()
    stats = tuple(conn.exec_driver_sql(
        f"SELECT (SELECT count(*) FROM {table}), (SELECT max(rowid) FROM {table}), "
        f"(SELECT max(version) FROM {table})").one()
        for table in ("person", "learner", "learning_card"))
    counter = conn.exec_driver_sql("SELECT value FROM counter WHERE name = 'card_no'").scalar()
    return (counter or 0, site_svc.get_site(session).card_prefix,
            bool(settings.get(session, "county_requires_id")),
            tuple(sorted(_venue_ids(session).items())), *map(tuple, stats))


def prepare_import(session: Session, plan: ImportPlan, *,
                   progress: Callable[[int, int], None] | None = None,
                   should_cancel: Callable[[], bool] | None = None,
                   step: int | None = None) -> PreparedImport:
    """Build every row of the plan's new learners; reads the database, writes nothing.

    Runs in a read transaction (or inside the write one, see write_prepared). progress(done,
    total) counts learners and should_cancel() is asked every `step` (IMPORT_STEP) learners."""
    step = step or IMPORT_STEP
    mark = plan.mark
    first = mark[0] + 1  # the card counter's next value, drawn for real in the write
    venues = [Venue(name=name) for name in plan.new_venues]
    venue_ids = {**plan.venues, **{v.name: v.id for v in venues}}
    prefix, device = mark[1], site_svc.this_device(session)
    card_nos = [site_svc.card_number(prefix, device, first + i) for i in range(len(plan.new))]
    # one timestamp for the whole import, formatted once (UTCDateTime's own format)
    now, today = sql_value(utcnow()), clock.today().isoformat()
    people, learners, cards = [], [], []
    with gc_paused():
        for start in range(0, len(plan.new), step):
            check_cancel(should_cancel)
            p, lr, c = _new_rows(plan, venue_ids, plan.new[start:start + step],
                                card_nos[start:start + step], now, today)
            for row in (*p, *lr, *c):  # the real version is drawn in the write (write_prepared)
                row["version"] = _PENDING_VERSION
            people += p
            learners += lr
            cards += c
            if progress:
                progress(min(start + step, len(plan.new)), len(plan.new))
        inserts = [*_inserts(Person, people), *_inserts(Learner, learners),
                   *_inserts(LearningCard, cards)]
    named = [{"id": p["id"], "name": p["name"]} for p in people]
    return PreparedImport(plan=plan, mark=mark, first_card=first, venues=venues, people=named,
                          name_rows=name_index.name_rows(named), inserts=inserts,
                          card_nos=card_nos)


def write_prepared(session: Session, prepared: PreparedImport, *, source: str = "",
                   should_cancel: Callable[[], bool] | None = None) -> int:
    """Inside the caller's write transaction: the prepared rows, their outbox rows and one
    audit entry; returns how many learners. Rebuilt here first if the database moved on since
    they were prepared (prepared.plan is then the new plan). should_cancel() is asked between
    statements; a yes raises ImportCancelled and the caller's transaction rolls back whole."""
    if mark_of(session) != prepared.mark:  # another program wrote meanwhile: check again
        fresh = prepare_import(session, plan_import(session, prepared.plan.roster))
        prepared.__dict__.update(fresh.__dict__)  # not staged: written row by row below
    if not prepared.plan.new:
        return 0
    check_cancel(should_cancel)
    for venue in prepared.venues:
        session.add(venue)
    last = prepared.first_card + prepared.count - 1
    site_svc.set_number(session, "card_no", last)  # flushes the venues: a write is open
    conn = session.connection()
    # The version is drawn here, inside the write: versions follow commit order, so a device
    # that has seen "everything up to version v" never misses rows committed later.
    version = hlc.next_version(conn.connection.driver_connection)
    staged = prepared.staged_on is not None and prepared.staged_on is conn.connection.driver_connection
    with bulk_load(session):
        for n, (sql, params) in enumerate(prepared.inserts):
            check_cancel(should_cancel)
            if staged:  # one statement, no row crossing from Python while the lock is held
                conn.exec_driver_sql(*from_stage(sql, n, version))
            else:
                conn.exec_driver_sql(sql, _with_version(sql, params, version))
        if staged and prepared.people and session.info.get("name_index_bulk"):
            conn.exec_driver_sql(f"INSERT OR IGNORE INTO person_name_char (ch, person_id) "
                                 f"SELECT ch, person_id FROM temp.{STAGE}_names ORDER BY rowid")
        else:
            name_index.add_names(session, prepared.people, prepared.name_rows)
    check_cancel(should_cancel)
    audit.record(session, "learner.import", "learner", None,
                 after={"file": source, "imported": prepared.count,
                        "first_card": prepared.card_nos[0]})
    return prepared.count


def apply_import(session: Session, plan: ImportPlan, *, source: str = "",
                 progress: Callable[[int, int], None] | None = None,
                 should_cancel: Callable[[], bool] | None = None,
                 step: int | None = None) -> int:
    """Prepare and write the plan's new learners inside the caller's write transaction (tests,
    small imports). A large import is written in steps: see import_steps.import_roster."""
    if not plan.new:
        return 0
    check_cancel(should_cancel)
    prepared = prepare_import(session, plan, progress=progress, should_cancel=should_cancel,
                              step=step)
    return write_prepared(session, prepared, source=source, should_cancel=should_cancel)


STAGE = "import_stage"


def stage(raw, prepared: PreparedImport) -> None:
    """The prepared rows into TEMP tables of the driver connection `raw`, outside the write
    lock (TEMP tables are the connection's own file: writing them locks nobody). The write
    then copies each table with one INSERT … SELECT: the lock is held for SQLite's own work on
    the tables and indexes, not for 100,000 rows crossing from Python one by one."""
    unstage(raw, prepared)
    raw.execute("BEGIN")
    try:
        for n, (sql, params) in enumerate(prepared.inserts):
            names = _columns(sql)  # untyped columns: values kept exactly as bound
            raw.execute(f"CREATE TEMP TABLE {STAGE}_{n} ({', '.join(names)})")
            raw.executemany(f"INSERT INTO temp.{STAGE}_{n} VALUES "
                            f"({', '.join('?' * len(names))})", params)
        raw.execute(f"CREATE TEMP TABLE {STAGE}_names (ch, person_id)")
        raw.executemany(f"INSERT INTO temp.{STAGE}_names VALUES (?, ?)", prepared.name_rows)
        raw.execute("COMMIT")
    except BaseException:
        raw.execute("ROLLBACK")
        raise
    prepared.staged_on = raw


def unstage(raw, prepared: PreparedImport) -> None:
    """Drop the staging tables (the connection goes back to the pool)."""
    prepared.staged_on = None
    for (name,) in raw.execute("SELECT name FROM temp.sqlite_master WHERE type = 'table' "
                               "AND name LIKE ?", (f"{STAGE}%",)).fetchall():
        raw.execute(f"DROP TABLE temp.{name}")


def _columns(sql: str) -> list[str]:
    return sql[sql.index("(") + 1:sql.index(")")].split(", ")


def from_stage(sql: str, n: int, version: int, *, rows: tuple[int, int] | None = None,
               hidden_at: str | None = None) -> tuple[str, tuple]:
    """INSERT … SELECT of staged table n, with the drawn version put in as _with_version does;
    only its rows rows[0]..rows[1] (rowids) if given, and hidden_at as their deleted_at if
    given (a step of import_steps: pending until published)."""
    names, params = _columns(sql), list[int | str]()
    picks = []
    for name in names:
        if name == "deleted_at" and hidden_at is not None:
            picks.append("?")
            params.append(hidden_at)
        elif name == "version":
            picks.append("?")
            params.append(version)
        elif name == "payload" and "version" in names:
            picks.append("replace(payload, ?, ?)")
            params += [_PENDING_JSON, f'"version":{version}']
        else:
            picks.append(name)
    table = sql.split()[2]
    # Records in the order of their random ids walk each id index once, front to back; outbox
    # rows keep the order they were built in (their seq is the upload order), and so do learners:
    # their rowid is the roster order the learner list shows (services/learner_search.py).
    order = "id" if "id" in names and table not in ("outbox_entry", "learner") else "rowid"
    where = ""
    if rows is not None:
        where = " WHERE rowid BETWEEN ? AND ?"
        params += rows
    sql = (f"INSERT INTO main.{table} ({', '.join(names)}) "
           f"SELECT {', '.join(picks)} FROM temp.{STAGE}_{n}{where} ORDER BY {order}")
    return sql, tuple(params)


def check_cancel(should_cancel: Callable[[], bool] | None) -> None:
    if should_cancel is not None and should_cancel():
        raise ImportCancelled()


def _new_rows(plan: ImportPlan, venue_ids: dict, rows: list[RosterRow], card_nos: list[str],
              now: str, today: str) -> tuple[list, list, list]:
    """Person, learner and card rows as dicts of column values ready for executemany."""
    people, learners, cards = [], [], []
    for row, card_no in zip(rows, card_nos):
        person_id = plan.reuse.get(row.row)
        if person_id is None:
            people.append(_person_row(row, now))
            person_id = people[-1]["id"]
        learners.append(_learner_row(row, person_id, card_no, venue_ids, now, today))
        cards.append({**_base(now), "card_no": card_no, "learner_id": learners[-1]["id"],
                      "state": "active", "issued_at": now, "revoked_at": None, "revoke_reason": None})
    return people, learners, cards


def _base(now) -> dict:
    return {"id": _uuid4_hex(), "created_at": now, "updated_at": now, "version": 1, "deleted_at": None}


_V4_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_V4_SET = (0x4000 << 64) | (0x8000 << 48)


def _uuid4_hex() -> str:
    """stamps.new_id() without building a uuid.UUID object (30,000 of them per 10,000 rows):
    the same 16 random bytes with the version-4 and RFC 4122 variant bits set."""
    return f"{(int.from_bytes(os.urandom(16), 'big') & _V4_CLEAR) | _V4_SET:032x}"


def _person_row(row: RosterRow, now) -> dict:
    values = person_values(row.values)
    values["birth_date"] = sql_value(values["birth_date"])
    return {**_base(now), **values, "erased_at": None}


def _learner_row(row: RosterRow, person_id: str, card_no: str, venues: dict, now, today) -> dict:
    return {**_base(now), "person_id": person_id, "card_no": card_no, "card_state": "active",
            "venue_id": venues.get(row.values.get("venue")),
            "target_groups": ",".join(row.values.get("target_groups") or ()),
            "registered_on": today, "last_card_print_at": None}


_PENDING_VERSION = 7_390_000_000_000_000_001  # stands for the version until the write draws it
_PENDING_JSON = f'"version":{_PENDING_VERSION}'


def _with_version(sql: str, params: list[tuple], version: int) -> list[tuple]:
    """The prepared rows with the drawn version in their version column and in the outbox
    payloads (compact JSON, so the key and value are spelled exactly as above)."""
    names = sql[sql.index("(") + 1:sql.index(")")].split(", ")
    if "version" not in names:
        return params
    at, payload = names.index("version"), names.index("payload") if "payload" in names else -1
    real = f'"version":{version}'
    out = []
    for prepared in params:
        row = list(prepared)
        row[at] = version
        if payload >= 0:
            row[payload] = row[payload].replace(_PENDING_JSON, real, 1)
        out.append(tuple(row))
    return out


def _inserts(model, rows: list[dict]) -> list[tuple[str, list[tuple]]]:
    """Plain executemany statements for the rows and their outbox rows: the ORM's bulk path
    spends more time per row than SQLite does."""
    if not rows:
        return []
    out = []
    outbox = OutboxEntry.metadata.tables["outbox_entry"]  # its __table__ is not typed (no SyncRecord)
    for table, data in ((model.__table__, rows),
                        (outbox, changes.outbox_rows_for(model.__sync_kind__, rows))):
        names = [c.name for c in table.columns if c.name in data[0]]
        for column in table.columns:
            if column.name not in data[0] and _default(column) is not None:
                names.append(column.name)  # a column another area added after this code was
                for r in data:  # written still gets its Python-side default; NULL ones are left out
                    r[column.name] = _default(column)
        for name in names:  # rows carry text already, except e.g. the outbox's own timestamp
            if isinstance(data[0][name], (date, datetime)):
                done: dict = {}  # one shared timestamp for the whole batch: format it once
                for r in data:
                    v = r[name]
                    r[name] = done[v] if v in done else done.setdefault(v, sql_value(v))
        sql = (f"INSERT INTO {table.name} ({', '.join(names)}) "
               f"VALUES ({', '.join('?' * len(names))})")
        out.append((sql, list(map(itemgetter(*names), data))))
    return out


def _default(column):
    """A column some other area added later still gets its Python-side default."""
    d = column.default
    return d.arg if d is not None and d.is_scalar else None


def sql_value(v):
    """What the column types would store: ISO text for dates, microseconds for datetimes."""
    if isinstance(v, datetime):
        return to_micros(v)
    if isinstance(v, date):
        return v.isoformat()
    return v
