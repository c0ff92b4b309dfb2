"""The dashboard's roll-ups (schema.roll_*), kept exact at ingest in the chunk's transaction.

The unit is the person-time: one (site, session, learner, day) with at least one current,
not deleted, present-or-late attendance record. Twin records of one person-time (two laptops
signed the learner in before they synced) count once. For every person-time a chunk touches —
an attendance record's key before and after the change — ingest counts the current records
before writing the chunk (`count_before`: mostly index probes that find nothing, cheaper than
finding the chunk's own rows) and derives the count after it from the chunk's own changes; a person-time
that appeared adds 1 to its session's row and to its month in its (learner, year) row, one that
vanished takes 1 away; the (site, month, class, 学时) person-times follow the session rows they
sum. A changed service record is taken out of its (site, month, instructor, 学时) row before
the write and put back after it. Corrections (status, session, date), soft deletes, twins and
re-sent records (duplicates change nothing) all reduce to that. Session facts (class, 学时) are
copied from the session's current record; learner profiles are recomputed for the learners and
persons a chunk carries (an erasure empties the birth date) and copied into their learner-year
rows. `rebuild` makes the same rows from scratch.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import and_, case, delete, func, insert, literal_column, select, update
from sqlalchemy.engine import Connection, Dialect

from ccschool.county import fastsql
from ccschool.county import schema as t
from ccschool.county.web.jsonfield import jfield
from ccschool.services.attended import ATTENDED, ATTENDED_SQL

VERSION = "v2"  # v2: learner-year, class-month and service-month rows (v1: learner-month)
SLICE = 500  # keys per statement: well under every driver's parameter limit
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

Key = tuple[str, str, str, str]  # (site, session, learner, day): one person-time


def person_time(site, deleted, status, session, learner, day) -> Key | None:
    """The person-time an attendance record's current state counts for, if any."""
    if deleted or status not in ATTENDED:
        return None
    if not (isinstance(session, str) and 0 < len(session) <= 32
            and isinstance(learner, str) and 0 < len(learner) <= 32):
        return None  # a deleted record's data is not checked: only what can be a key is one
    if not (isinstance(day, str) and _key_day(day)):
        return None
    return (site, session, learner, day)


@functools.lru_cache(maxsize=4096)
def _key_day(day: str) -> bool:
    """A YYYY-MM-DD with a month 01-12 (a month of records names ~30 days: each checked once)."""
    return _MONTH.fullmatch(day) is not None and "01" <= day[5:7] <= "12"


@dataclass
class Changes:
    """What one chunk changed in record_current, as the roll-ups need it."""
    gone: Counter = field(default_factory=Counter)   # person-time -> records that counted before
    came: Counter = field(default_factory=Counter)   # person-time -> records that count now
    sessions: set[str] = field(default_factory=set)  # class_session records changed
    services: set[str] = field(default_factory=set)  # service_record records changed
    service_sites: set[str] = field(default_factory=set)  # their sites' rows (count_before)
    learners: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)

    def record(self, kind: str, rid: str, old: Key | None, new: Key | None) -> None:
        if kind == "attendance":
            if old is not None:
                self.gone[old] += 1
            if new is not None:
                self.came[new] += 1
        elif kind == "class_session":
            self.sessions.add(rid)
        elif kind == "service_record":
            self.services.add(rid)
        elif kind == "learner":
            self.learners.add(rid)
        elif kind == "person":
            self.persons.add(rid)


def refresh(conn: Connection, changes: Changes, before: Counter) -> None:
    """Apply one chunk's changes (already in record_current) to the roll-ups; `before` is
    count_before's answer, taken before the chunk was written."""
    delta = _person_time_deltas(changes, before)
    # plain dicts with get(): a Counter's missing key is a Python call, a thousand a chunk
    per_session: dict[tuple[str, str, str], int] = {}
    per_year: dict[tuple[str, str, str], list[int]] = {}
    for (site, session, learner, day), d in delta.items():
        if d:
            k = (session, day, site)
            per_session[k] = per_session.get(k, 0) + d
            per_year.setdefault((site, day[:4], learner), [0] * 12)[int(day[5:7]) - 1] += d
    changed = sorted(changes.sessions)
    sites = _class_months(conn, changed, -1)  # out with changed sessions' rows as they were …
    # … the other sessions' person-times move in roll_class_month exactly as in roll_session,
    # under the class and 学时 their rows hold (the upsert hands those back)
    moved = _add_sessions(conn, {k: v for k, v in per_session.items() if v}, changes.sessions)
    _add_years(conn, {k: v for k, v in per_year.items() if any(v)})
    _session_facts(conn, changes.sessions)
    sites |= _class_months(conn, changed, +1)  # … and in with them as they are now
    sites |= _add_class_months(conn, moved)  # (only where a row lost person-times)
    # service records: taken out as they were by count_before (its sites are the ones where
    # a row may have emptied), put back as they are now
    _service_months(conn, sorted(changes.services), +1)
    cm = t.roll_class_month
    # rows the change emptied, if it took any away (a month of new records only adds: no
    # statement); site is the key's first column, so this is an index probe
    if sites:
        conn.execute(delete(cm).where(cm.c.site.in_(sorted(sites)), cm.c.person_times <= 0))
    sm = t.roll_service_month
    if changes.service_sites:
        conn.execute(delete(sm).where(sm.c.site.in_(sorted(changes.service_sites)),
                                      sm.c.records <= 0))
    _profiles(conn, changes.learners, changes.persons)


def _slice(conn: Connection) -> int:
    """Keys per statement: on PostgreSQL they travel as one JSON parameter (rows_as_table), so
    a chunk's keys are one statement, not one per 500 (each a wait on the server)."""
    return 5000 if conn.dialect.driver == "psycopg" else SLICE


def count_before(conn: Connection, changes: Changes) -> Counter:
    """Current records per person-time the changes touch, read before they are written.

    Also takes the chunk's service records out of their roll-up as they are before the write
    (refresh puts them back as they are after it)."""
    changes.service_sites |= _service_months(conn, sorted(changes.services), -1)
    keys = set(changes.gone) | set(changes.came)
    counts: Counter = Counter()
    pairs = sorted({(session, learner) for _site, session, learner, _day in keys})
    step = _slice(conn)
    for i in range(0, len(pairs), step):
        part = pairs[i:i + step]
        # Only the (session, learner) index narrows this, so the plan stays an index probe per
        # pair even while the table grows faster than its statistics (a new county's first
        # months): site and day are matched here in Python.
        table, params = fastsql.rows_as_table(conn, part, ("text", "text"))
        rows = fastsql.fetch(conn, f"""
            WITH k (sid, lid) AS ({table})
            SELECT a.site, a.ref_id, a.subject_id, a.day, count(*) FROM k
            {_PAIRS.get(conn.dialect.name, _PAIRS["sqlite"])}
            GROUP BY a.site, a.ref_id, a.subject_id, a.day""", params)
        counts.update({tuple(r[:4]): r[4] for r in rows})
    return counts


# The current attended records of each key pair k (sid, lid). SQLite would rather walk the
# (site, kind, day) index, i.e. the whole day of the site, per key (CROSS JOIN keeps the keys
# as the outer loop there). PostgreSQL, guessing a hundred keys against a table that grew
# since its statistics, hashed the keys and read the whole table; the subquery (kept apart by
# OFFSET 0) can only be run per key, through the (session, learner) index.
_PAIRS = {
    "sqlite": f"""CROSS JOIN record_current a INDEXED BY ix_current_pair
        WHERE a.ref_id = k.sid AND a.subject_id = k.lid
          AND NOT a.deleted AND a.status IN {ATTENDED_SQL}""",
    "postgresql": f"""CROSS JOIN LATERAL (
          SELECT site, ref_id, subject_id, day FROM record_current
          WHERE ref_id = k.sid AND subject_id = k.lid AND NOT deleted
            AND status IN {ATTENDED_SQL}
          OFFSET 0) AS a""",
}


def _person_time_deltas(changes: Changes, before: Counter) -> dict[Key, int]:
    out = {}
    came, gone = changes.came, changes.gone
    for key in gone.keys() | came.keys():
        was = before.get(key, 0)
        after = was + came.get(key, 0) - gone.get(key, 0)
        out[key] = (after > 0) - (was > 0)
    return out


def _add_sessions(conn: Connection, delta: dict[tuple, int],
                  skip: set[str]) -> Counter:
    """Add the person-time changes to the sessions' rows; returns the same changes per
    roll_class_month key (site, month, class, 学时) for the sessions not in `skip`."""
    # A new row takes the session's class and 学时 from its current record (deleted or not,
    # as rebuild does); an existing one only its count.
    moved: Counter = Counter()
    rows = [(s, day, site, day[:7], d) for (s, day, site), d in sorted(delta.items())]
    step = _slice(conn)
    for i in range(0, len(rows), step):
        table, params = fastsql.rows_as_table(conn, rows[i:i + step],
                                              ("text", "text", "text", "text", "int8"))
        for sid, day, site, *key in fastsql.fetch(conn, f"""
                WITH k (sid, day, site, month, n) AS ({table})
                INSERT INTO roll_session (session_id, day, site, month, class_id, hours, learners)
                SELECT k.sid, k.day, k.site, k.month, {_class_sql(conn)}, s.hours, k.n
                FROM k LEFT JOIN record_current s
                  ON s.record_id = k.sid AND s.kind = 'class_session'
                WHERE true
                ON CONFLICT (session_id, day, site)
                DO UPDATE SET learners = roll_session.learners + excluded.learners
                RETURNING session_id, day, site, {_CLASS_MONTH_KEY_SQL}""", params):
            if sid not in skip:
                moved[tuple(key)] += delta[(sid, day, site)]
    gone = sorted({k[0] for k, d in delta.items() if d < 0})
    for i in range(0, len(gone), SLICE):
        conn.execute(delete(t.roll_session).where(t.roll_session.c.session_id.in_(
            gone[i:i + SLICE]), t.roll_session.c.learners <= 0))
    return moved


def _add_class_months(conn: Connection, moved: Counter) -> set[str]:
    """Add person-time changes per (site, month, class, 学时); returns the sites where a row
    lost person-times (only there can one have emptied)."""
    rows = [(*key, n) for key, n in sorted(moved.items()) if n]
    _upsert_class_months(conn, rows)
    return {r[0] for r in rows if r[-1] < 0}


def _upsert_class_months(conn: Connection, rows: list[tuple]) -> None:
    fastsql.insert_values(
        conn, "INSERT INTO roll_class_month (site, month, class_id, hours, person_times)",
        rows, ("text", "text", "text", "float8", "int8"),
        "ON CONFLICT (site, month, class_id, hours) DO UPDATE SET person_times = "
        "roll_class_month.person_times + excluded.person_times")


def _add_years(conn: Connection, delta: dict[tuple, list[int]]) -> None:
    # A new row takes the learner's profile as it is now (_profiles keeps it current after).
    # Sent as (site, year, learner, month, change) and turned into the twelve columns in SQL:
    # a chunk changes one month of most learners, and each value sent costs a JSON lookup.
    months = ", ".join(t.MONTH_COLUMNS)
    pivot = ", ".join(f"sum(CASE WHEN k.m = {i} THEN k.d ELSE 0 END)"
                      for i in range(1, 13))
    rows = sorted((*k, m + 1, n) for k, d in delta.items() for m, n in enumerate(d) if n)
    step = _slice(conn)
    for i in range(0, len(rows), step):
        table, params = fastsql.rows_as_table(conn, rows[i:i + step],
                                              ("text", "text", "text", "int8", "int8"))
        fastsql.fetch(conn, f"""
            WITH k (site, year, lid, m, d) AS ({table})
            INSERT INTO roll_learner_year (site, year, learner_id, {months}, groups, born)
            SELECT k.site, k.year, k.lid, {pivot}, max(p.groups), max(p.born)
            FROM k LEFT JOIN roll_learner p ON p.learner_id = k.lid
            WHERE true
            GROUP BY k.site, k.year, k.lid
            ON CONFLICT (site, year, learner_id) DO UPDATE SET {', '.join(
                f"{m} = roll_learner_year.{m} + excluded.{m}" for m in t.MONTH_COLUMNS)}""",
                      params, rows_back=False)
    ly = t.roll_learner_year
    gone = sorted({k[2] for k, d in delta.items() if min(d) < 0})
    for i in range(0, len(gone), SLICE):
        conn.execute(delete(ly).where(ly.c.learner_id.in_(gone[i:i + SLICE]),
                                      *(ly.c[m] <= 0 for m in t.MONTH_COLUMNS)))


def _class_months(conn: Connection, sessions: list[str], sign: int) -> set[str]:
    """Add (sign +1) or take away (-1) these sessions' roll_session rows in roll_class_month.

    Taken away before the sessions' rows change and added back after, a correction of
    attendance, class or 学时 moves exactly the person-times it moved in roll_session.
    Returns the sites it touched."""
    sites = set[str]()
    key = _CLASS_MONTH_KEY_SQL
    for i in range(0, len(sessions), SLICE):
        # the ids as one table parameter (fastsql.rows_as_table), not hundreds of IN values
        table, params = fastsql.rows_as_table(conn, [(s,) for s in sessions[i:i + SLICE]],
                                              ("text",))
        rows = fastsql.fetch(conn, f"""
            WITH k (sid) AS ({table})
            SELECT {key}, {sign:d} * sum(rs.learners)
            FROM k JOIN roll_session rs ON rs.session_id = k.sid
            GROUP BY {key}""", params)
        sites.update(r[0] for r in rows)
        _upsert_class_months(conn, [tuple(r) for r in rows])
    return sites


def _service_months(conn: Connection, records: list[str], sign: int) -> set[str]:
    """Add (+1) or take away (-1) these service records in roll_service_month, as they are
    stored now; returns the sites they belong to."""
    sites = set[str]()
    for i in range(0, len(records), SLICE):
        rows = conn.execute(_service_months_select(sign, records[i:i + SLICE])).all()
        sites.update(r[0] for r in rows)
        fastsql.insert_values(
            conn, "INSERT INTO roll_service_month (site, month, instructor_id, hours, records)",
            [tuple(r) for r in rows], ("text", "text", "text", "float8", "int8"),
            "ON CONFLICT (site, month, instructor_id, hours) DO UPDATE SET records = "
            "roll_service_month.records + excluded.records")
    return sites


def _service_months_select(sign: int = 1, records: list[str] | None = None):
    v = t.record_current.alias("v")
    key = (v.c.site, _substr(v.c.day, 7),
           func.coalesce(_substr(jfield(v.c.data, "instructor_id"), 32), literal_column("''")),
           func.coalesce(v.c.hours, literal_column("0.0")))
    q = (select(*key, sign * func.count()).where(
        v.c.kind == "service_record", v.c.deleted.is_(False), v.c.day.is_not(None))
        .group_by(*key))
    return q if records is None else q.where(v.c.record_id.in_(records))


# The same key as SQL text over roll_session's own columns (no alias: RETURNING names them so).
_CLASS_MONTH_KEY_SQL = "site, month, coalesce(class_id, ''), coalesce(hours, 0.0)"


def _class_month_key(rs):
    # literals, not bound values: PostgreSQL must see the GROUP BY expressions are the selected
    return (rs.c.site, rs.c.month, func.coalesce(rs.c.class_id, literal_column("''")),
            func.coalesce(rs.c.hours, literal_column("0.0")))


def _session_facts(conn: Connection, sessions: set[str]) -> None:
    """A session record that changed: its class and 学时 in its roll-up rows."""
    rs, sr = t.roll_session, t.record_current.alias("s")
    of_session = and_(sr.c.record_id == rs.c.session_id, sr.c.kind == "class_session")
    ordered = sorted(sessions)
    for i in range(0, len(ordered), SLICE):
        conn.execute(update(rs).where(rs.c.session_id.in_(ordered[i:i + SLICE])).values(
            class_id=select(_class_of(sr)).where(of_session).scalar_subquery(),
            hours=select(sr.c.hours).where(of_session).scalar_subquery()))


def _profiles(conn: Connection, learners: set[str], persons: set[str]) -> None:
    rl = t.roll_learner
    keys = set(learners)
    people = sorted(persons)
    for i in range(0, len(people), SLICE):
        keys.update(r[0] for r in conn.execute(
            select(rl.c.learner_id).where(rl.c.person_id.in_(people[i:i + SLICE]))))
    ordered = sorted(keys)
    for i in range(0, len(ordered), SLICE):
        part = ordered[i:i + SLICE]
        conn.execute(delete(rl).where(rl.c.learner_id.in_(part)))
        conn.execute(insert(rl).from_select(_PROFILE_COLS, _profiles_select(part)))
        ly, p = t.roll_learner_year, rl.alias("p")
        conn.execute(update(ly).where(ly.c.learner_id.in_(part)).values(
            {column: select(p.c[column]).where(p.c.learner_id == ly.c.learner_id)
             .scalar_subquery() for column in ("groups", "born")}))


# --- building from scratch (an upgrade of a database from before the roll-ups, a repair) ---

def _substr(expr, n: int):
    # literal positions: with bound ones PostgreSQL cannot tell GROUP BY expressions are equal
    return func.substr(expr, literal_column("1"), literal_column(str(n)))


def _person_times():
    """Every person-time, once (twins collapse here)."""
    a = t.record_current.alias("a")
    mm = _substr6(a.c.day)
    return (select(a.c.site, a.c.ref_id, a.c.subject_id, a.c.day)
            .where(a.c.kind == "attendance", a.c.deleted.is_(False), a.c.status.in_(ATTENDED),
                   a.c.day.is_not(None), a.c.ref_id.is_not(None), a.c.subject_id.is_not(None),
                   func.length(a.c.day) == 10, mm >= "01", mm <= "12")
            .distinct().subquery("pt"))


def _substr6(expr):
    """The MM of a YYYY-MM-DD text."""
    return func.substr(expr, literal_column("6"), literal_column("2"))


def _class_of(s):
    return _substr(jfield(s.c.data, "class_id"), 32)


def _class_sql(conn: Connection) -> str:
    """_class_of(s) as SQL text for this database, for the statements written as text."""
    return _class_sql_for(conn.dialect)


@functools.cache
def _class_sql_for(dialect: Dialect) -> str:
    # compiled once per dialect: compiling it cost each chunk more than running it
    expr = _class_of(t.record_current.alias("s"))
    return str(expr.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def _sessions_select():
    pt, s = _person_times(), t.record_current.alias("s")
    return (select(pt.c.ref_id, pt.c.day, pt.c.site, _substr(pt.c.day, 7),
                   func.max(_class_of(s)), func.max(s.c.hours),
                   func.count())
            .select_from(pt.outerjoin(s, and_(s.c.record_id == pt.c.ref_id,
                                              s.c.kind == "class_session")))
            .group_by(pt.c.ref_id, pt.c.day, pt.c.site))


def _learner_years_select():
    """Needs roll_learner built: the profile is copied from there."""
    pt, p = _person_times(), t.roll_learner
    year, mm = _substr(pt.c.day, 4), _substr6(pt.c.day)
    per_month = [func.sum(case((mm == name[1:], 1), else_=0)) for name in t.MONTH_COLUMNS]
    years = (select(pt.c.site, year.label("year"), pt.c.subject_id, *per_month)
             .group_by(pt.c.site, year, pt.c.subject_id).subquery("ly"))
    return (select(years, p.c.groups, p.c.born)
            .select_from(years.outerjoin(p, p.c.learner_id == years.c.subject_id)))


def _class_months_select():
    rs = t.roll_session
    return select(*_class_month_key(rs), func.sum(rs.c.learners)).group_by(*_class_month_key(rs))


def _profiles_select(keys: list[str] | None):
    lr, p = t.record_current.alias("lr"), t.record_current.alias("p")
    person = _substr(jfield(lr.c.data, "person_id"), 32)
    groups, born = jfield(lr.c.data, "target_groups"), _substr(jfield(p.c.data, "birth_date"), 10)
    if keys is None:  # every learner: one join
        return (select(lr.c.record_id, person, groups, born)
                .select_from(lr.outerjoin(p, and_(p.c.record_id == person, p.c.kind == "person")))
                .where(lr.c.kind == "learner"))
    # A chunk's learners: each one's person looked up by its id alone, its kind checked on the
    # row found. Joined on the JSON expression, PostgreSQL scanned the table once per learner
    # while a new county's tables had no statistics yet (70 ms for a chunk of 400 learners);
    # with `kind = 'person'` in the WHERE it walked the pages' (kind, day) index, every person
    # once per learner (155 ms for the first chunk of a new county).
    born_of = (select(case((p.c.kind == "person", born))).where(p.c.record_id == person)
               .scalar_subquery())
    return select(lr.c.record_id, person, groups, born_of).where(lr.c.kind == "learner",
                                                                lr.c.record_id.in_(keys))


_SESSION_COLS = ["session_id", "day", "site", "month", "class_id", "hours", "learners"]
_LY_COLS = ["site", "year", "learner_id", *t.MONTH_COLUMNS, "groups", "born"]
_CM_COLS = ["site", "month", "class_id", "hours", "person_times"]
_SM_COLS = ["site", "month", "instructor_id", "hours", "records"]
_PROFILE_COLS = ["learner_id", "person_id", "groups", "born"]


ROLL_UPS = (t.roll_session, t.roll_class_month, t.roll_learner_year, t.roll_learner,
            t.roll_service_month)


def rebuild(conn: Connection) -> None:
    """Build the roll-ups from scratch over every stored record."""
    for table in ROLL_UPS:
        conn.execute(delete(table))
    conn.execute(insert(t.roll_session).from_select(_SESSION_COLS, _sessions_select()))
    conn.execute(insert(t.roll_class_month).from_select(_CM_COLS, _class_months_select()))
    conn.execute(insert(t.roll_learner).from_select(_PROFILE_COLS, _profiles_select(None)))
    conn.execute(insert(t.roll_learner_year).from_select(_LY_COLS, _learner_years_select()))
    conn.execute(insert(t.roll_service_month).from_select(_SM_COLS, _service_months_select()))


def ensure_built(conn: Connection, now: str) -> bool:
    """Build the roll-ups once over a database that had records before them; True if built."""
    done = conn.execute(select(t.roll_built.c.name).where(t.roll_built.c.name == VERSION)).first()
    if done is not None:
        return False
    rebuild(conn)
    # v1's learner-month rows, replaced by the learner-year ones: nothing reads them any more
    conn.exec_driver_sql("DROP TABLE IF EXISTS roll_learner_month")
    conn.execute(insert(t.roll_built).values(name=VERSION, built_at=now))
    return True
