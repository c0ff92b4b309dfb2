"""Staff-side attendance for one session: mark by name, 请假, undo, paper sheet, close.

Everything here is a normal ORM change (the change hook writes outbox rows). Corrections to a
closed session and every undo go to the audit log with the values before and after.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlmodel import Session

from ccschool import audit, clock
from ccschool.errors import Conflict, NotFound, ValidationError
from ccschool.models.attendance import STATUSES
from ccschool.models import Attendance, Enrollment, Learner, Person, utcnow
from ccschool.services import sessions
from ccschool.services.attendance.checkin import arrival_status
# The desk's read-only views are plain SQL (shown before the record classes are built).
from ccschool.services.attendance.desk import RosterRow, counts, signins
from ccschool.services.attended import ATTENDED
from ccschool.services.enrollment import enroll_walk_in
from ccschool.services.learners import get_learner, person_of
from ccschool.services.sessions import get_session

MARKABLE = ("present", "late", "excused")
STATUS_TEXT = {"present": ("出勤", "present"), "late": ("迟到", "late"),
               "excused": ("请假", "excused"), "absent": ("缺勤", "absent")}


def roster(s: Session, *, session_id: str) -> list[RosterRow]:
    """Everyone enrolled in the session's class with their status: the paper sheet's tick list."""
    sess = get_session(s, session_id)
    live = {r.learner_id: r for r in signins(s, session_id=session_id)}
    q = (select(Learner.id, Person.name, Learner.card_no)
         .join(Enrollment, Enrollment.learner_id == Learner.id)
         .join(Person, Person.id == Learner.person_id)
         .where(Enrollment.class_id == sess.class_id, Enrollment.state == "enrolled",
                Enrollment.deleted_at.is_(None))
         .order_by(Person.pinyin_full, Person.name))
    rows = []
    for lid, name, card in s.execute(q):
        r = live.pop(lid, None)
        rows.append(RosterRow(lid, name, card, None, None, None, None) if r is None else
                    RosterRow(lid, name, card, r.status, r.attendance_id, r.at, r.method))
    rows.extend(RosterRow(**{**r.__dict__, "enrolled": False}) for r in live.values())
    return rows


def search_learners(s: Session, *, session_id: str, query: str, limit: int = 30) -> list[RosterRow]:
    """Find learners by name, pinyin initials (zs → 张三), full pinyin, card number or phone tail.

    The session's enrolled learners come first; others can be found too (walk-ins).
    """
    q = (query or "").strip()
    if not q:
        return roster(s, session_id=session_id)[:limit]
    like = q.replace("%", "").replace("_", "") + "%"
    found = s.execute(
        select(Learner.id, Person.name, Learner.card_no)
        .join(Person, Person.id == Learner.person_id)
        .where(Learner.deleted_at.is_(None), or_(
            Person.name.like(like), Person.pinyin_initials.like(like.lower()),
            Person.pinyin_full.like(like.lower()), Learner.card_no.like(like),
            Person.phone_tail == q))
        .limit(limit * 4)).all()
    by_id = {r.learner_id: r for r in roster(s, session_id=session_id)}
    rows = [by_id.get(lid) or RosterRow(lid, name, card, None, None, None, None, enrolled=False)
            for lid, name, card in found]
    rows.sort(key=lambda r: (not r.enrolled, r.name))
    return rows[:limit]


def _live_row(s: Session, session_id: str, learner_id: str) -> Attendance | None:
    return s.scalars(select(Attendance).where(
        Attendance.session_id == session_id, Attendance.learner_id == learner_id,
        Attendance.deleted_at.is_(None))).first()


def _enrolled(s: Session, class_id: str, learner_id: str) -> bool:
    return bool(s.scalar(select(func.count()).select_from(Enrollment).where(
        Enrollment.class_id == class_id, Enrollment.learner_id == learner_id,
        Enrollment.state == "enrolled", Enrollment.deleted_at.is_(None))))


def learner_name(s: Session, learner_id: str) -> str:
    return person_of(s, get_learner(s, learner_id).person_id).name


def mark(s: Session, *, session_id: str, learner_id: str, status: str = "present",
         reason: str | None = None, method: str = "manual", walk_in: bool = False,
         now: datetime | None = None) -> Attendance:
    """Mark one learner by hand: 出勤 / 迟到 / 请假 (with a reason). Replaces their live row.

    `walk_in` first enrolls a learner who is not in the class (capacity permitting), in the
    same transaction. After the session is closed this is a correction and goes to the audit log.
    """
    if status not in MARKABLE:
        raise ValidationError("考勤状态应为 出勤/迟到/请假", "Status is present, late or excused",
                              field="status")
    reason = (reason or "").strip() or None
    if status == "excused" and not reason:
        raise ValidationError("请假需要填写原因", "An excused absence needs a reason", field="reason")
    return _write(s, get_session(s, session_id), learner_id, status, reason, method, walk_in, now)


def _write(s: Session, sess, learner_id: str, status: str, reason: str | None, method: str,
           walk_in: bool, now: datetime | None) -> Attendance:
    """Replace the learner's live row for the session (audited once the session is closed)."""
    session_id = sess.id
    name = learner_name(s, learner_id)
    if sess.state == "cancelled":
        raise Conflict("课次已取消，不能记考勤", "The session was cancelled", field="session")
    if walk_in and not _enrolled(s, sess.class_id, learner_id):
        enroll_walk_in(s, class_id=sess.class_id, learner_id=learner_id)
    now = now or utcnow()
    row = _live_row(s, session_id, learner_id)
    before = None if row is None else {"status": row.status, "method": row.method,
                                       "reason": row.reason}
    if row is None:
        row = Attendance(session_id=session_id, learner_id=learner_id, session_date=sess.date,
                         status=status, method=method, at=now)
    row.status, row.method, row.reason, row.by_user = status, method, reason, s.info.get("actor")
    s.add(row)
    s.flush()
    closed = sess.closed_at is not None
    if closed or before is not None:
        audit.record(s, "attendance.correct" if closed else "attendance.mark",
                     "attendance", row.id, before=before,
                     after={"status": status, "learner": name, "reason": reason})
    return row


def sign_in(s: Session, *, session_id: str, learner_id: str, walk_in: bool = False,
            now: datetime | None = None) -> Attendance:
    """Sign a learner in by name at the desk: 出勤 or 迟到 by the same rule as a scanned card.

    Someone already signed in keeps their first sign-in (as a second scan would); someone
    marked 请假 who came after all is signed in.
    """
    sess = get_session(s, session_id)
    now = now or utcnow()
    row = _live_row(s, session_id, learner_id)
    if row is not None and row.status in ATTENDED:
        raise Conflict("{name} 已签到过（{t}），无需重复签到", "{name} already signed in at {t}",
                       name=learner_name(s, learner_id),
                       t=clock.local(row.at).strftime("%H:%M"), field="learner")
    status = arrival_status(s, day=sess.date, start=sess.start_time, now=now)
    return mark(s, session_id=session_id, learner_id=learner_id, status=status,
                method="manual", walk_in=walk_in, now=now)


def undo(s: Session, *, attendance_id: str, reason: str | None = None) -> Attendance:
    """Undo a mistaken sign-in: soft delete (the county learns of it) and keep it in the audit log."""
    row = s.get(Attendance, attendance_id)
    if row is None or row.deleted_at is not None:
        raise NotFound("这条签到记录不存在或已撤销", "That sign-in does not exist or was already undone")
    name = learner_name(s, row.learner_id)
    row.deleted_at = utcnow()
    s.add(row)
    audit.record(s, "attendance.undo", "attendance", row.id,
                 before={"status": row.status, "method": row.method, "at": row.at,
                         "learner": name},
                 after={"reason": (reason or "").strip() or None})
    s.flush()
    return row


def apply_sheet(s: Session, *, session_id: str, present_ids: list[str],
                now: datetime | None = None) -> int:
    """Paper sign-in sheet typed in: mark every ticked learner present who is not yet; count them."""
    done = {r.learner_id for r in signins(s, session_id=session_id)
            if r.status in ATTENDED}
    return enter_paper_sheet(s, session_id=session_id, now=now, entries={
        lid: "present" for lid in dict.fromkeys(present_ids) if lid not in done})


PAPER_EXCUSED = "纸质签到表登记"  # the reason a 请假 typed from a paper sheet carries


def enter_paper_sheet(s: Session, *, session_id: str, entries: dict[str, str],
                      today: date | None = None, now: datetime | None = None) -> int:
    """A paper sign-in sheet brought in later: {learner id: 出勤/迟到/请假/缺勤 status} for any
    session held up to today. A row that already says the same is left alone; anything else is
    written (once the session is closed or its month sealed, as a correction). Returns how many
    rows changed. Rows are checked first, so one bad status leaves nothing half-entered."""
    sess = get_session(s, session_id)
    today = today or clock.today()
    if sess.date > today:
        raise ValidationError("{day} 的课次还没有上，不能录入签到表",
                              "The session on {day} has not been held yet", day=sess.date,
                              field="session")
    for n, status in enumerate(entries.values(), start=1):
        if status not in STATUSES:
            raise ValidationError("第{n}行：考勤状态应为 出勤/迟到/请假/缺勤",
                                  "Row {n}: status is present, late, excused or absent",
                                  n=n, row=n, field="status")
    current = {r.learner_id: r.status for r in roster(s, session_id=session_id)}
    changed = 0
    for learner_id, status in entries.items():
        if current.get(learner_id) == status:
            continue
        reason = PAPER_EXCUSED if status == "excused" else None
        _write(s, sess, learner_id, status, reason, "paper", False, now)
        changed += 1
    return changed


def close_session(s: Session, *, session_id: str, now: datetime | None = None) -> dict:
    """End sign-in: everyone enrolled without a live row becomes 缺勤; the session is held."""
    sess = get_session(s, session_id)
    if sess.state == "cancelled" or sess.closed_at is not None:
        raise Conflict("课次已结束或已取消，不能再次关闭", "The session is already closed or cancelled",
                       field="session")
    now = now or utcnow()
    absent = [r.learner_id for r in roster(s, session_id=session_id)
              if r.enrolled and r.status is None]
    for learner_id in absent:
        s.add(Attendance(session_id=session_id, learner_id=learner_id, session_date=sess.date,
                         status="absent", method="close", at=now, by_user=s.info.get("actor")))
    sessions.mark_held(s, session_id=session_id)  # held: also credits the helpers' hours
    sess.closed_at = now
    s.add(sess)
    here, enrolled = counts(s, session_id=session_id)
    audit.record(s, "session.close", "class_session", sess.id,
                 after={"absent": len(absent), "present": here, "enrolled": enrolled})
    s.flush()
    return {"session": sess.id, "absent": len(absent), "present": here, "enrolled": enrolled}

