"""A demo county: townships with their village points, months of uploads, one admin login.

The records go through the receiver's own ingest (the same path as an HTTP chunk), so the demo
shows what real uploads would show. Tests and the benchmark use the same generator.
"""
from __future__ import annotations

import random
import secrets
import uuid
from datetime import date, timedelta

from sqlalchemy import insert
from sqlalchemy.engine import Engine

from ccschool.county import admin
from ccschool.county.ingest import Ingestor
from ccschool.county.web import tables as wt
from ccschool.county.web.accounts import add_staff
from ccschool.sync import wire

THEMES = ("科学素质与互联网学习", "职业技能", "老年智慧生活", "家庭教育指导", "乡村振兴",
          "非遗传承", "道德与法治", "人文艺术", "康养健身", "社区治理与应急管理")
GROUPS = ("老年人", "青少年", "新市民", "新型职业农民", "残疾人", "家长")
TOWNS = ("东山镇", "西河镇", "南湖街道", "北岭乡", "青石镇", "白沙乡")
STATUSES = ("present",) * 8 + ("late", "excused", "absent")
# (kind, record id, data) of one record as a site sends it, and the month it is sent in
DemoRecord = tuple[str, str, dict]


def _id() -> str:
    return uuid.uuid4().hex


def site_records(rng: random.Random, months: list[str],
                 learners: int) -> list[tuple[str, DemoRecord]]:
    """(period, record) pairs for one site: people, classes, sessions, attendance, service."""
    out: list[tuple[str, DemoRecord]] = []
    first = months[0]
    people = []
    for i in range(learners):
        pid, lid = _id(), _id()
        born = date(rng.randint(1940, 2012), rng.randint(1, 12), rng.randint(1, 28))
        consent = rng.random() < 0.8
        person = {"name": f"学员{i}", "consent_upload": consent, "erased_at": None}
        if consent:
            person["birth_date"] = born.isoformat()
        out.append((first, ("person", pid, person)))
        groups = ",".join(rng.sample(GROUPS, rng.randint(0, 2)))
        out.append((first, ("learner", lid, {"person_id": pid, "target_groups": groups})))
        people.append(lid)
    classes = []
    for k in range(3):
        cid = _id()
        out.append((first, ("course_class", cid, {"course_name": f"课程{k}",
                                                  "theme": rng.choice(THEMES),
                                                  "online": k == 2})))
        classes.append(cid)
    teachers = [_id() for _ in range(2)]
    for n, tid in enumerate(teachers):
        pid = _id()
        out.append((first, ("person", pid, {"name": f"教师{n}", "consent_upload": n == 0,
                                            "erased_at": None})))
        out.append((first, ("instructor", tid, {"person_id": pid, "kind": ("teacher",
                                                "volunteer")[n % 2], "skills": rng.choice(THEMES)})))
    out.append((first, ("venue", _id(), {"name": "文化礼堂", "capacity": rng.randint(30, 120)})))
    for period in months:
        y, m = map(int, period.split("-"))
        for week in range(4):
            day = date(y, m, 1 + week * 7)
            for cid in classes:
                sid = _id()
                hours = rng.choice((1.0, 1.5, 2.0))
                state = "cancelled" if rng.random() < 0.05 else "held"
                out.append((period, ("class_session", sid, {"class_id": cid,
                                                            "date": day.isoformat(),
                                                            "hours": hours, "state": state})))
                if state == "cancelled":
                    continue
                for lid in rng.sample(people, rng.randint(3, max(3, len(people) // 3))):
                    out.append((period, ("attendance", _id(), {
                        "session_id": sid, "learner_id": lid, "session_date": day.isoformat(),
                        "status": rng.choice(STATUSES)})))
                out.append((period, ("service_record", _id(), {
                    "instructor_id": rng.choice(teachers), "date": day.isoformat(),
                    "hours": hours, "activity": "授课"})))
            at = (day + timedelta(days=1)).isoformat() + "T08:00:00+00:00"
            out.append((period, ("satisfaction_score", _id(), {
                "class_id": rng.choice(classes), "learner_id": rng.choice(people),
                "score": rng.randint(1, 5), "at": at})))
    return out


def upload(ingestor: Ingestor, site: str, records: list[tuple[str, DemoRecord]], *,
           chunk_size: int = 2000) -> None:
    """Send a site's records month by month as batches, through the receiver's ingest."""
    by_month: dict[str, list[DemoRecord]] = {}
    for period, rec in records:
        by_month.setdefault(period, []).append(rec)
    seq = 0
    for period, recs in sorted(by_month.items()):
        batch_id = _id()
        chunks = [recs[i:i + chunk_size] for i in range(0, len(recs), chunk_size)]
        for n, part in enumerate(chunks):
            wire_recs = []
            for kind, rid, data in part:
                seq += 1
                wire_recs.append({"seq": seq, "kind": kind, "id": rid, "version": 1,
                                  "op": "upsert", "data": data})
            env = {"schema_version": 1, "site": site, "batch_id": batch_id, "chunk": n,
                   "chunks": len(chunks), "period": period, "records": wire_recs}
            ingestor.chunk(site=site, batch_id=batch_id, n=n, body=wire.encode_chunk(env))


def register(engine: Engine, code: str, name: str, level: str, township: str | None,
             population: int | None) -> str:
    token = admin.add_site(engine, code, name)
    with engine.begin() as conn:
        conn.execute(insert(wt.site_profile).values(code=code, level=level, township=township,
                                                    population=population))
    return token


def build(engine: Engine, *, townships: int = 3, villages: int = 2, months: int = 3,
          learners: int = 30, seed: int = 1, end: date | None = None) -> dict:
    """Register the sites and upload their months; returns {site: records} and the tokens."""
    wt.create(engine)
    rng = random.Random(seed)
    end = end or date.today().replace(day=1) - timedelta(days=1)
    periods: list[str] = []
    y, m = end.year, end.month
    for _ in range(months):
        periods.insert(0, f"{y:04d}-{m:02d}")
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    ingestor, out, tokens = Ingestor(engine), {}, {}
    for ti in range(townships):
        town = f"T{ti + 1:03d}"
        name = TOWNS[ti % len(TOWNS)] + ("" if ti < len(TOWNS) else str(ti))
        codes: list[tuple[str, str, str, str | None]] = [(town, f"{name}社区学校", "township", None)]
        codes += [(f"{town}V{vi + 1:02d}", f"{name}第{vi + 1}村学习点", "village", town)
                  for vi in range(villages)]
        for code, sname, level, parent in codes:
            tokens[code] = register(engine, code, sname, level, parent,
                                    rng.randint(2, 6) * learners)
            recs = site_records(rng, periods, learners)
            upload(ingestor, code, recs)
            out[code] = recs
    return {"records": out, "tokens": tokens, "periods": periods}


def create_demo(engine: Engine) -> tuple[str, str]:
    """The demo county with an admin login; returns (name, password), shown once."""
    build(engine)
    password = secrets.token_urlsafe(12)
    add_staff(engine, "admin", password, "admin")
    return "admin", password
