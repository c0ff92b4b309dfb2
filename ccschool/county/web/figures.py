"""The dashboard's figures for a date range and a set of sites, as SQL aggregates.

Definitions are the receiver's own (county/stats.py): a person-time is an attendance row,
newest version, not deleted, present or late, dated in the range; 学时 are the attended
sessions' hours; persons are distinct learners per site (a resident learning at two sites
counts at each). A session was held when closed as held or anyone attended it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, literal, literal_column, or_, select

from ccschool.county import schema as t
from ccschool.county.web import tables as wt
from ccschool.county.web.jsonfield import jfield
from ccschool.services.attended import ATTENDED

AGE_BANDS = ("<18", "18-59", "60-69", "70+", "unknown")
LEVELS = (("satisfied", 4, 5), ("basic", 3, 3), ("dissatisfied", 1, 2))


@dataclass(frozen=True)
class Scope:
    start: date          # first day
    end: date            # last day (inclusive)
    sites: tuple[str, ...] | None = None  # None: every site

    @property
    def lo(self) -> str:
        return self.start.isoformat()

    @property
    def hi(self) -> str:
        return self.end.isoformat()


def _attendance(scope: Scope):
    a = t.record_current.alias("a")
    cond = [a.c.kind == "attendance", a.c.deleted.is_(False), a.c.status.in_(ATTENDED),
            a.c.day >= scope.lo, a.c.day <= scope.hi]
    if scope.sites is not None:
        cond.append(a.c.site.in_(scope.sites))
    return a, and_(*cond)


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


def _per_session(scope: Scope):
    """Attended rows counted per (site, session) first: the JSON of a session is then read
    once per session, not once per attendance row (10 M rows → ~100 k sessions)."""
    a, cond = _attendance(scope)
    # literal positions: with bound ones PostgreSQL cannot tell the GROUP BY is the same
    month = func.substr(a.c.day, literal_column("1"), literal_column("7"))
    return (select(a.c.site, a.c.ref_id, month.label("month"), func.count().label("n"))
            .where(cond).group_by(a.c.site, a.c.ref_id, month).subquery("per"))


def per_class(conn, scope: Scope) -> list[tuple]:
    """(site, class_id, person_times, 学时) of attended rows."""
    per = _per_session(scope)
    s = t.record_current.alias("s")
    cls = jfield(s.c.data, "class_id")
    q = (select(per.c.site, cls, func.sum(per.c.n),
                func.coalesce(func.sum(per.c.n * s.c.hours), 0.0))
         .select_from(per.outerjoin(s, and_(s.c.record_id == per.c.ref_id,
                                            s.c.kind == "class_session")))
         .group_by(per.c.site, cls))
    return conn.execute(q).all()


def classes(conn, scope: Scope) -> dict[str, tuple[str, bool]]:
    c, cond = _kind(scope, "course_class", dated=False)
    q = select(c.c.record_id, jfield(c.c.data, "theme"), jfield(c.c.data, "online")).where(cond)
    return {rid: (theme or "其他", _truthy(online)) for rid, theme, online in conn.execute(q)}


def sessions_held(conn, scope: Scope) -> dict[str, int]:
    s, cond = _kind(scope, "class_session")
    a, acond = _attendance(scope)
    attended = select(a.c.ref_id).where(acond)
    q = (select(s.c.site, func.count()).where(cond, or_(
        s.c.status == "held",
        and_(func.coalesce(s.c.status, "") != "cancelled", s.c.record_id.in_(attended))))
         .group_by(s.c.site))
    return dict(conn.execute(q).all())


def persons(conn, scope: Scope) -> dict[str, int]:
    a, cond = _attendance(scope)
    # DISTINCT first, then count: a hash aggregate, where count(DISTINCT) sorts every row
    pairs = select(a.c.site, a.c.subject_id).where(cond).distinct().subquery("pairs")
    return dict(conn.execute(select(pairs.c.site, func.count())
                             .group_by(pairs.c.site)).all())


def volunteers(conn, scope: Scope) -> dict[str, tuple[int, float]]:
    v, cond = _kind(scope, "service_record")
    q = (select(v.c.site, func.count(jfield(v.c.data, "instructor_id").distinct()),
                func.coalesce(func.sum(v.c.hours), 0.0)).where(cond).group_by(v.c.site))
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


def learner_profiles(conn, scope: Scope) -> list[tuple]:
    """(target_groups, age band, learners, person_times) of the learners who attended."""
    a, cond = _attendance(scope)
    per = (select(a.c.subject_id.label("lid"), func.count().label("n")).where(cond)
           .group_by(a.c.subject_id).subquery("per"))
    lr, p = t.record_current.alias("lr"), t.record_current.alias("p")
    # Each JSON field is parsed once per learner in a materialised CTE; inlined, the CASE
    # below would parse the person's JSON once per branch.
    fields = (select(per.c.n, jfield(lr.c.data, "target_groups").label("groups"),
                     jfield(p.c.data, "birth_date").label("born"))
              .select_from(per.outerjoin(lr, and_(lr.c.record_id == per.c.lid,
                                                  lr.c.kind == "learner"))
                           .outerjoin(p, and_(p.c.record_id == jfield(lr.c.data, "person_id"),
                                              p.c.kind == "person")))
              .cte("profile").prefix_with("MATERIALIZED"))
    end = scope.end
    cut = {k: end.replace(year=end.year - k, day=min(end.day, 28)).isoformat()
           for k in (18, 60, 70)}
    born = fields.c.born
    band = case((born.is_(None), literal("unknown")), (born > cut[18], literal("<18")),
                (born > cut[60], literal("18-59")), (born > cut[70], literal("60-69")),
                else_=literal("70+"))
    q = (select(fields.c.groups, band.label("band"), func.count(), func.sum(fields.c.n))
         .group_by(fields.c.groups, band))
    return conn.execute(q).all()


def trend(conn, scope: Scope) -> list[tuple[str, int, float]]:
    per = _per_session(scope)
    s = t.record_current.alias("s")
    q = (select(per.c.month, func.sum(per.c.n), func.coalesce(func.sum(per.c.n * s.c.hours), 0.0))
         .select_from(per.outerjoin(s, and_(s.c.record_id == per.c.ref_id,
                                            s.c.kind == "class_session")))
         .group_by(per.c.month).order_by(per.c.month))
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
