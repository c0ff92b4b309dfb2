"""The dashboard's figures for a run of months and a set of sites, as SQL aggregates.

Attendance is read from the roll-ups kept at ingest (county/rollup.py), never re-aggregated.
Definitions are the receiver's own (county/stats.py): a person-time is one (session, learner)
with an attendance row, newest version, not deleted, present or late, dated in the range
(twins recorded by two laptops count once); 学时 are the attended
sessions' hours; persons are distinct learners per site (a resident learning at two sites
counts at each). A session was held when closed as held or anyone attended it.
"""
from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import String, and_, case, func, literal, or_, select, union_all

from ccschool.county import schema as t
from ccschool.county.web import tables as wt
from ccschool.county.web.jsonfield import jfield

AGE_BANDS = ("<18", "18-59", "60-69", "70+", "unknown")
LEVELS = (("satisfied", 4, 5), ("basic", 3, 3), ("dissatisfied", 1, 2))


@dataclass(frozen=True)
class Scope:
    """Whole months: the learner roll-up counts persons per month (county/rollup.py)."""
    start: date          # first day of a month
    end: date            # last day of a month (inclusive)
    sites: tuple[str, ...] | None = None  # None: every site

    def __post_init__(self) -> None:
        last = calendar.monthrange(self.end.year, self.end.month)[1]
        if self.start.day != 1 or self.end.day != last:
            raise ValueError(f"a scope is whole months, not {self.start}..{self.end}")

    @property
    def lo(self) -> str:
        return self.start.isoformat()

    @property
    def hi(self) -> str:
        return self.end.isoformat()

    @property
    def months(self) -> tuple[str, str]:
        return self.lo[:7], self.hi[:7]


def short_reads(conn) -> None:
    """On PostgreSQL, no JIT compilation for this transaction's statements: the figures are
    short aggregates (over roll-ups, or a period's sessions) that PostgreSQL's cost estimate
    still sends to LLVM, whose compiling took ~0.2 s per statement here, several times the
    statement itself."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL jit = off")


def _sessions(scope: Scope):
    """Per (site, session, day) attended learners, from the roll-up kept at ingest."""
    r = t.roll_session
    cond = [r.c.day >= scope.lo, r.c.day <= scope.hi]
    if scope.sites is not None:
        cond.append(r.c.site.in_(scope.sites))
    return r, and_(*cond)


def _class_months(scope: Scope):
    """Per (site, month, class, 学时) person-times, from the roll-up kept at ingest."""
    r = t.roll_class_month
    lo, hi = scope.months
    cond = [r.c.month >= lo, r.c.month <= hi]
    if scope.sites is not None:
        cond.append(r.c.site.in_(scope.sites))
    return r, and_(*cond)


def _learner_years(scope: Scope):
    """Per (site, learner) the sessions attended in the scope's months, for the learners who
    attended any: each learner-year row's months inside the scope, summed over its years."""
    r = t.roll_learner_year
    first, last = scope.start.year, scope.end.year

    def months(lo: int, hi: int):
        return sum((r.c[name] for name in t.MONTH_COLUMNS[lo:hi]), r.c[t.MONTH_COLUMNS[lo - 1]])

    if first == last:
        n = months(scope.start.month, scope.end.month)
    else:  # the first year from its month, the last up to its month, any between whole
        n = case((r.c.year == f"{first:04d}", months(scope.start.month, 12)),
                 (r.c.year == f"{last:04d}", months(1, scope.end.month)), else_=months(1, 12))
    cond = [r.c.year >= f"{first:04d}", r.c.year <= f"{last:04d}", n > 0]
    if scope.sites is not None:
        cond.append(r.c.site.in_(scope.sites))
    q = select(r.c.site, r.c.learner_id.label("lid"), n.label("n"), r.c.groups,
               r.c.born).where(*cond)
    if first == last:  # one row per (site, learner) already
        return q
    sub = q.subquery()  # (a learner's rows carry one profile: max picks it)
    return (select(sub.c.site, sub.c.lid, func.sum(sub.c.n).label("n"),
                   func.max(sub.c.groups).label("groups"), func.max(sub.c.born).label("born"))
            .group_by(sub.c.site, sub.c.lid))


def _kind(scope: Scope, kind: str, dated: bool = True):
    r = t.record_current.alias(kind)
    cond = [r.c.kind == kind, r.c.deleted.is_(False)]
    if dated:
        cond += [r.c.day >= scope.lo, r.c.day <= scope.hi]
    if scope.sites is not None:
        cond.append(r.c.site.in_(scope.sites))
    return r, and_(*cond)


def _num(v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return 0.0


def _truthy(v) -> bool:
    return v in (1, True, "1", "true", "True")


def per_class(conn, scope: Scope) -> list[tuple]:
    """(site, class_id, person_times, 学时) of attended (session, learner) pairs (class_id None:
    the session's record has not arrived)."""
    r, cond = _class_months(scope)
    q = (select(r.c.site, func.nullif(r.c.class_id, ""), func.sum(r.c.person_times),
                func.coalesce(func.sum(r.c.person_times * r.c.hours), 0.0))
         .where(cond).group_by(r.c.site, r.c.class_id))
    return conn.execute(q).all()


def classes(conn, scope: Scope) -> dict[str, tuple[str, bool]]:
    c, cond = _kind(scope, "course_class", dated=False)
    q = select(c.c.record_id, jfield(c.c.data, "theme"), jfield(c.c.data, "online")).where(cond)
    return {rid: (theme or "其他", _truthy(online)) for rid, theme, online in conn.execute(q)}


def sessions_held(conn, scope: Scope) -> dict[str, int]:
    s, cond = _kind(scope, "class_session")
    r, rcond = _sessions(scope)
    attended = select(r.c.session_id).where(rcond)
    q = (select(s.c.site, func.count()).where(cond, or_(
        s.c.status == "held",
        and_(func.coalesce(s.c.status, "") != "cancelled", s.c.record_id.in_(attended))))
         .group_by(s.c.site))
    return dict(conn.execute(q).all())


def volunteers(conn, scope: Scope) -> dict[str, tuple[int, float]]:
    v = t.roll_service_month  # kept at ingest (county/rollup.py)
    lo, hi = scope.months
    cond = [v.c.month >= lo, v.c.month <= hi]
    if scope.sites is not None:
        cond.append(v.c.site.in_(scope.sites))
    q = (select(v.c.site, func.count(func.nullif(v.c.instructor_id, "").distinct()),
                func.coalesce(func.sum(v.c.records * v.c.hours), 0.0))
         .where(*cond).group_by(v.c.site))
    return {site: (n, float(h)) for site, n, h in conn.execute(q)}


def satisfaction(conn, scope: Scope) -> dict[str, dict[str, int]]:
    sc, cond = _kind(scope, "satisfaction_score", dated=False)
    day = func.substr(jfield(sc.c.data, "at"), 1, 10)
    score = jfield(sc.c.data, "score")
    q = (select(sc.c.site, score, func.count()).where(cond, day >= scope.lo, day <= scope.hi)
         .group_by(sc.c.site, score))
    out: dict[str, dict[str, int]] = defaultdict(lambda: {k: 0 for k, _lo, _hi in LEVELS})
    for site, value, n in conn.execute(q):
        v = _num(value)
        for key, lo, hi in LEVELS:
            if lo <= v <= hi:
                out[site][key] += n
    return out


def learners(conn, scope: Scope) -> tuple[dict[str, int], list[tuple]]:
    """参训人数 per site, and (target_groups, age band, learners, person_times) of the learners
    who attended — from the learner-year roll-up (its largest read). Two plain aggregates over
    the rows, each scanning them: cheaper here than materialising the rows once for both."""
    per, per2 = _learner_years(scope).subquery("per"), _learner_years(scope).subquery("per2")
    end = scope.end
    cut = {k: end.replace(year=end.year - k, day=min(end.day, 28)).isoformat()
           for k in (18, 60, 70)}
    born = per2.c.born
    band = case((born.is_(None), literal("unknown")), (born > cut[18], literal("<18")),
                (born > cut[60], literal("18-59")), (born > cut[70], literal("60-69")),
                else_=literal("70+"))
    none = literal(None, String())
    q = union_all(
        select(literal("site").label("what"), per.c.site.label("a"), none.label("b"),
               func.count().label("learners"), literal(0).label("n")).group_by(per.c.site),
        select(literal("profile"), per2.c.groups, band, func.count(), func.sum(per2.c.n))
        .group_by(per2.c.groups, band))
    persons, profiles = {}, []
    for what, a, b, count, n in conn.execute(q):
        if what == "site":
            persons[a] = count
        else:
            profiles.append((a, b, count, n))
    return persons, profiles


def trend(conn, scope: Scope) -> list[tuple[str, int, float]]:
    r, cond = _class_months(scope)
    q = (select(r.c.month, func.sum(r.c.person_times),
                func.coalesce(func.sum(r.c.person_times * r.c.hours), 0.0))
         .where(cond).group_by(r.c.month).order_by(r.c.month))
    return [(m, int(n), float(h)) for m, n, h in conn.execute(q)]


def sites(conn, codes: tuple[str, ...] | None = None) -> list[dict]:
    p = wt.site_profile
    q = (select(t.site.c.code, t.site.c.name, p.c.level, p.c.township, p.c.population)
         .select_from(t.site.outerjoin(p, p.c.code == t.site.c.code)).order_by(t.site.c.code))
    if codes is not None:
        q = q.where(t.site.c.code.in_(codes))
    return [dict(r._mapping) for r in conn.execute(q)]


def not_uploaded(conn, period: str) -> list[dict]:
    """Registered sites with no batch for this month."""
    sent = select(t.batch.c.site).where(t.batch.c.period == period)
    q = select(t.site.c.code, t.site.c.name).where(t.site.c.code.not_in(sent)).order_by(
        t.site.c.code)
    return [dict(r._mapping) for r in conn.execute(q)]
