"""Realistic demo data: a township with venues, learners, classes, sessions, attendance, volunteers.

Written with Core bulk inserts (plus their outbox rows) so `--learners 100000 --months 12`
takes minutes: the benchmarks build their large database with it.

Each record is written as made when a real site would have made it: a learner (person, card)
on the day of registration, spread over the past months; venues, teachers, classes and their
enrollments before the term began; a survey answer when given. Their outbox rows carry that
moment and its month, so past months close, upload and prune as a real site's do, instead of
every registration waiting in the current month (issue 22: 347,799 unsealed December rows).
"""
from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import func, insert, select, text
from sqlmodel import Session

from ccschool import clock
from ccschool.clock import CHINA
from ccschool.sync import hlc
from ccschool.sync import changes
from ccschool.services.demo_names import (CLASS_TEMPLATES, GIVEN_FEMALE, GIVEN_MALE, RARE_NAMES, REGIONS,
                                 SURNAMES, VILLAGES, VOLUNTEER_ACTIVITIES)
from ccschool.idcard import make_id
from ccschool.models import (Attendance, ClassSession, CourseClass, Enrollment, Instructor,
                             Learner, LearningCard, Person, SatisfactionScore, ServiceRecord, Venue,
                             new_id)
from ccschool.models.instructor import ORG_TYPES
from ccschool.pinyin import name_keys
from ccschool.services import site as site_svc

_BATCH = 20_000


def _base(now: datetime) -> dict:
    return {"id": new_id(), "created_at": now, "updated_at": now, "version": 1, "deleted_at": None}


def _made_at(row: dict) -> datetime:
    """When the demo says a record was made: its created_at (the outbox row's moment)."""
    return row["created_at"]


class _Writer:
    """Bulk-inserts rows of one table together with their outbox rows."""

    def __init__(self, session: Session, commit_steps: bool) -> None:
        self.session, self.commit_steps = session, commit_steps

    def write(self, model, rows: list[dict],
              made: Callable[[dict], datetime] | None = _made_at) -> None:
        """made(row): when the change happened, so its outbox row's month (undated records;
        a dated one, attendance or a session, belongs to its date's month whatever made says).
        None: now, this month."""
        from ccschool.models import OutboxEntry

        kind = model.__sync_kind__
        for i in range(0, len(rows), _BATCH):
            part = rows[i:i + _BATCH]
            version = hlc.next_version(self.session.connection().connection.driver_connection)
            for row in part:
                row["version"] = version
            self.session.execute(insert(model), part)
            outbox = (changes.outbox_rows_for(kind, part) if made is None else
                      [changes.outbox_row(kind, r, created_at=made(r), month=clock.month(made(r)))
                       for r in part])
            self.session.execute(insert(OutboxEntry), outbox)
            if self.commit_steps:
                # A million-row demo in one transaction grows the WAL to gigabytes before the
                # first checkpoint; demo data need not be all-or-nothing, so commit as we go.
                self.session.commit()


class DemoBuilder:
    def __init__(self, session: Session, *, learners: int, months: int, seed: int, today: date,
                 commit_steps: bool = False, made_today: bool = False):
        self.s, self.n, self.months, self.today = session, learners, months, today
        self.rng = random.Random(seed)
        self.now = datetime.now(timezone.utc)
        self.made_today = made_today
        # Venues, teachers, classes and enrollments were set up when the term began.
        self.setup = self._moment(self._term_start())
        self.w = _Writer(session, commit_steps)
        self.site = site_svc.get_site(session)
        self._keys: dict[str, tuple[str, str]] = {}
        self._ids: set[str] = set()

    def _moment(self, day: date) -> datetime:
        """9 in the morning of that day, China time, as UTC (never later than now); now for a
        demo made today."""
        if self.made_today:
            return self.now
        return min(datetime.combine(day, time(9, 0), CHINA).astimezone(timezone.utc), self.now)

    # -- people -------------------------------------------------------------------------
    def _name(self, female: bool) -> str:
        given = GIVEN_FEMALE if female else GIVEN_MALE
        length = 1 if self.rng.random() < 0.3 else 2
        return self.rng.choice(SURNAMES) + "".join(self.rng.choice(given) for _ in range(length))

    def _birth(self) -> date:
        r = self.rng.random()  # community schools' learners skew old
        age = (self.rng.randint(60, 85) if r < 0.5 else self.rng.randint(8, 17) if r < 0.65
               else self.rng.randint(18, 59))
        return self.today - timedelta(days=age * 365 + self.rng.randint(0, 364))

    def _person(self, name: str | None = None) -> dict:
        female = self.rng.random() < 0.58
        name = name or self._name(female)
        born = self._birth()
        id_number = self._unique_id(born, female)
        phone = f"1{self.rng.choice('3456789')}{self.rng.randint(0, 999_999_999):09d}"
        if name not in self._keys:
            self._keys[name] = name_keys(name)
        initials, full = self._keys[name]
        return {**_base(self.now), "name": name, "gender": "女" if female else "男",
                "birth_date": born, "phone": phone, "phone_tail": phone[-4:],
                "id_number": id_number,
                "village": self.rng.choice(VILLAGES), "notes": None, "pinyin_initials": initials,
                "pinyin_full": full, "consent_upload": self.rng.random() < 0.8, "erased_at": None}

    def _unique_id(self, born: date, female: bool) -> str:
        while True:  # 100,000 random numbers collide a few dozen times; the index is unique
            seq = self.rng.randint(0, 499) * 2 + (0 if female else 1)
            id_number = make_id(self.rng.choice(REGIONS), born, seq)
            if id_number not in self._ids:
                self._ids.add(id_number)
                return id_number

    def _groups(self, person: dict) -> str:
        age = (self.today - person["birth_date"]).days // 365
        groups = ["老年人"] if age >= 60 else ["青少年"] if age < 18 else []
        if 18 <= age < 60:
            groups.append(self.rng.choice(("新市民/进城务工人员", "新型职业农民", "家长", "在岗职工",
                                           "留守妇女儿童")))
        if self.rng.random() < 0.03:
            groups.append("残疾人")
        return ",".join(groups)

    def venues(self) -> list[dict]:
        rows = [{**_base(self.setup), "name": name, "address": addr, "capacity": cap, "kind": kind}
                for name, addr, cap, kind in (
                    ("镇社区学校多功能教室", "镇政府东侧文化中心二楼", 60, "school_room"),
                    ("东山村文化礼堂", "东山村村委会旁", 120, "culture_hall"),
                    ("西溪村农家书屋", "西溪村党群服务中心", 30, "farm_library"))]
        self.w.write(Venue, rows)
        return rows

    def instructors(self, count: int = 20) -> list[dict]:
        people = [{**self._person(), "created_at": self.setup, "updated_at": self.setup}
                  for _ in range(count)]
        rows = [{**_base(self.setup), "person_id": p["id"],
                 "kind": "teacher" if i < 6 else "both" if i < 9 else "volunteer",
                 "org_type": self.rng.choice(ORG_TYPES), "organisation": None,
                 "skills": self.rng.choice(VOLUNTEER_ACTIVITIES)} for i, p in enumerate(people)]
        self.w.write(Person, people)
        self.w.write(Instructor, rows)
        return rows

    def learners(self, venues: list[dict]) -> list[dict]:
        people, learners, cards = [], [], []
        first = site_svc.next_number(self.s, "card_no")
        device = site_svc.this_device(self.s)
        for i in range(self.n):
            name = RARE_NAMES[i] if i < len(RARE_NAMES) else None
            person = self._person(name)
            card_no = site_svc.card_number(self.site.card_prefix, device, first + i)
            registered = self.today - timedelta(days=self.rng.randint(0, 30 * self.months + 60))
            made = self._moment(registered)  # person, learner and card: the day of registration
            person["created_at"] = person["updated_at"] = made
            learner = {**_base(made), "person_id": person["id"], "card_no": card_no,
                       "card_state": "active", "venue_id": self.rng.choice(venues)["id"],
                       "target_groups": self._groups(person), "registered_on": registered,
                       "last_card_print_at": None}
            people.append(person)
            learners.append(learner)
            cards.append({**_base(made), "card_no": card_no, "learner_id": learner["id"],
                          "state": "active", "issued_at": made, "revoked_at": None,
                          "revoke_reason": None})
        site_svc.set_number(self.s, "card_no", first + self.n - 1)
        self.w.write(Person, people)
        self.w.write(Learner, learners)
        self.w.write(LearningCard, cards)
        return learners

    # -- schedule -----------------------------------------------------------------------
    def _term_start(self) -> date:
        first = self.today.replace(day=1)
        for _ in range(self.months - 1):
            first = (first - timedelta(days=1)).replace(day=1)
        return first

    def classes(self, venues: list[dict], instructors: list[dict]) -> list[dict]:
        teachers = [i for i in instructors if i["kind"] in ("teacher", "both")]
        start = self._term_start()
        end = (self.today.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        rows = []
        for i in range(max(12, self.n // 150)):  # ≈1M attendance rows at 100,000 learners
            name, theme, group = CLASS_TEMPLATES[i % len(CLASS_TEMPLATES)]
            if i >= len(CLASS_TEMPLATES):
                name = f"{name}（{i // len(CLASS_TEMPLATES) + 1}期）"
            rows.append({**_base(self.setup), "course_name": name, "theme": theme,
                         "instructor_id": self.rng.choice(teachers)["id"],
                         "venue_id": self.rng.choice(venues)["id"], "term_start": start,
                         "term_end": end, "capacity": 40, "target_groups": group,
                         "hours_per_session": self.rng.choice((1.0, 1.5, 2.0)),
                         "min_attendance_rate": 0.8, "online": i % 7 == 6})
        self.w.write(CourseClass, rows)
        return rows

    def _session_dates(self, klass: dict) -> list[date]:
        weekday = self.rng.randrange(5)
        day = klass["term_start"] + timedelta(days=(weekday - klass["term_start"].weekday()) % 7)
        dates = []
        while day <= klass["term_end"]:
            dates.append(day)
            day += timedelta(days=7)
        return dates

    def sessions(self, klass: dict, first: bool) -> list[dict]:
        start = self.rng.choice((time(9, 0), time(14, 0), time(19, 0)))
        minutes = int(klass["hours_per_session"] * 60)
        dates = self._session_dates(klass)
        if first:  # one session running now, so the check-in desk opens on something real
            now_local = datetime.now(CHINA)
            dates = [d for d in dates if d != self.today] + [self.today]
            # Started 20 minutes ago (on the 5-minute grid), so it is still running for an
            # hour or more whatever the class's length; clamped so it ends before midnight.
            begun = now_local - timedelta(minutes=20 + now_local.minute % 5)
            if begun.date() != now_local.date():
                begun = now_local.replace(hour=0, minute=0)
            start = min(time(begun.hour, begun.minute), time(21, 0))
            minutes = max(minutes, 120)
        rows = []
        for day in sorted(dates):
            end = (datetime.combine(day, start) + timedelta(minutes=minutes)).time()
            state = ("held" if day < self.today else "planned")
            if state == "held" and self.rng.random() < 0.03:
                state = "cancelled"
            rows.append({**_base(self.now), "class_id": klass["id"], "date": day,
                         "start_time": start, "end_time": end,
                         "hours": klass["hours_per_session"], "topic": None, "state": state,
                         "closed_at": self.now if state == "held" else None})
        return rows

    def enrollments(self, klass: dict, learners: list[dict]) -> list[dict]:
        chosen = self.rng.sample(learners, min(len(learners), self.rng.randint(24, 38)))
        # enrolled when the term began, or on registering if that came later
        return [{**_base(made), "class_id": klass["id"], "learner_id": one["id"],
                 "state": "enrolled", "walk_in": False, "enrolled_at": made,
                 "withdrawn_at": None}
                for one in chosen for made in (max(self.setup, one["created_at"]),)]

    def attendance(self, session: dict, enrolled: list[dict], keen: dict[str, float]) -> list[dict]:
        rows: list[dict] = []
        start = datetime.combine(session["date"], session["start_time"], CHINA)
        live = session["state"] == "held" or session["date"] == self.today
        if not live:
            return rows
        for e in enrolled:
            lid = e["learner_id"]
            r = self.rng.random()
            if session["date"] == self.today and r > 0.6:
                continue  # today's session is half-way through sign-in
            status = ("present" if r < keen[lid] else "late" if r < keen[lid] + 0.05
                      else "excused" if r < keen[lid] + 0.08 else "absent")
            at = start + timedelta(minutes=self.rng.randint(-15, 5) if status == "present"
                                   else self.rng.randint(11, 40))
            if at > self.now:  # today's session began minutes ago: nobody signed in the future
                # (not drawn from rng: every later draw, so the whole demo, stays the same)
                at = self.now - timedelta(seconds=5 + 7 * len(rows))
            rows.append({**_base(self.now), "session_id": session["id"], "learner_id": lid,
                         "session_date": session["date"], "status": status,
                         "method": "close" if status == "absent" else
                         self.rng.choice(("scan", "scan", "scan", "manual")),
                         "at": at.astimezone(timezone.utc), "by_user": "demo", "reason": None})
        return rows

    def service(self, session: dict, volunteers: list[dict]) -> list[dict]:
        if session["state"] != "held" or self.rng.random() > 0.3:
            return []
        return [{**_base(self.now), "instructor_id": self.rng.choice(volunteers)["id"],
                 "date": session["date"], "hours": session["hours"],
                 "activity": self.rng.choice(VOLUNTEER_ACTIVITIES), "session_id": session["id"]}]

    def satisfaction(self, klass: dict, enrolled: list[dict]) -> list[dict]:
        rows = [{**_base(self.now), "class_id": klass["id"], "learner_id": e["learner_id"],
                 "score": self.rng.choice((5, 5, 5, 4, 4, 3, 2)), "comment": None,
                 # taken over the term, so every demo month has some survey answers
                 "at": self.now - timedelta(days=self.rng.randint(0, 30 * self.months - 1))}
                for e in enrolled if self.rng.random() < 0.6]
        for row in rows:  # recorded when given
            row["created_at"] = row["updated_at"] = self.now if self.made_today else row["at"]
        return rows


class _Buffer:
    """Collects rows per table and writes them in large batches."""

    def __init__(self, writer: _Writer) -> None:
        self.writer = writer
        self.rows: dict[type, list[dict]] = {}

    def add(self, model, rows: list[dict]) -> None:
        bucket = self.rows.setdefault(model, [])
        bucket.extend(rows)
        if len(bucket) >= _BATCH:
            self.writer.write(model, bucket)
            self.rows[model] = []

    def flush(self) -> None:
        # Parents before children, so foreign keys hold at every insert.
        for model in (Enrollment, Attendance, ServiceRecord, SatisfactionScore):
            if self.rows.get(model):
                self.writer.write(model, self.rows.pop(model))


def _refuse_second_demo(session: Session) -> None:
    """Demo data goes into a site with no learners: a second run would collide with the first
    (same generated ID numbers) and mix two demos."""
    from ccschool.errors import Conflict

    if session.scalar(select(func.count()).select_from(Learner)):
        raise Conflict("数据库里已有学员，示范数据只能生成在新的数据文件夹里（--data-dir 指定一个空文件夹）",
                       "The database already has learners; demo data goes into a new data "
                       "folder (point --data-dir at an empty folder)")


def build_demo(session: Session, *, learners: int = 300, months: int = 3, seed: int = 2026,
               today: date | None = None, progress=None, commit_steps: bool = False,
               made_today: bool = False) -> dict:
    """Fill the site's database with a realistic township; returns the counts written.

    With commit_steps the work is committed in batches of 20,000 rows (large demo databases).
    made_today: every undated record (learners, classes, enrollments) is made now and waits in
    this month's batch, as at a site that has just typed in or imported its whole roster;
    otherwise each is made when a site would have made it over the past months (module doc).
    """
    _refuse_second_demo(session)
    b = DemoBuilder(session, learners=learners, months=months, seed=seed,
                    today=today or datetime.now(CHINA).date(), commit_steps=commit_steps,
                    made_today=made_today)
    venues = b.venues()
    instructors = b.instructors()
    people = b.learners(venues)
    classes = b.classes(venues, instructors)
    buf = _Buffer(b.w)
    counts = {"venues": len(venues), "instructors": len(instructors), "learners": len(people),
              "classes": len(classes), "sessions": 0, "enrollments": 0, "attendance": 0}
    for i, klass in enumerate(classes):
        enrolled = b.enrollments(klass, people)
        keen = {e["learner_id"]: b.rng.uniform(0.55, 0.97) for e in enrolled}
        sessions = b.sessions(klass, first=(i == 0))
        b.w.write(ClassSession, sessions)  # before their attendance rows (foreign keys)
        buf.add(Enrollment, enrolled)
        for sess in sessions:
            rows = b.attendance(sess, enrolled, keen)
            buf.add(Attendance, rows)
            buf.add(ServiceRecord, b.service(sess, instructors))
            counts["attendance"] += len(rows)
        buf.add(SatisfactionScore, b.satisfaction(klass, enrolled))
        counts["sessions"] += len(sessions)
        counts["enrollments"] += len(enrolled)
        if progress:
            progress(i + 1, len(classes))
    buf.flush()
    _village_populations(session, b)
    return counts


def _village_populations(session: Session, b: DemoBuilder) -> None:
    """Resident populations per village, so the participation rate (参与率) has a denominator.

    Chosen so some villages are above the 50% target and some below, as in a real township.
    """
    from ccschool import settings

    per_village: dict[str, int] = {}
    rows = session.execute(text("SELECT p.village, count(*) FROM learner l JOIN person p "
                                "ON p.id = l.person_id GROUP BY p.village")).all()
    for village, learners in rows:
        per_village[village] = int(learners * b.rng.uniform(0.9, 1.9))
    settings.set(session, "village_population", per_village)


DEMO_SITE = {"code": "DEMO3302", "name": "示范镇社区学校", "level": "township"}
DEMO_ADMIN = ("管理员", "1234")  # shown on the login screen of a demo site


def ensure_demo_site(session: Session) -> None:
    """A new database gets the demo site and an admin account a newcomer can log in with."""
    from ccschool.services import staff

    if not site_svc.has_site(session):
        site_svc.init_site(session, **DEMO_SITE)
    if staff.count_users(session) == 0:
        staff.create_user(session, name=DEMO_ADMIN[0], password=DEMO_ADMIN[1], role="admin",
                          allow_weak=True)  # published PIN; asked to change at each login
