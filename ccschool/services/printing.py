"""Printing: which learners get cards, who qualifies for a certificate, what a sign-in sheet and
a transcript show. The functions taking a session gather data (and issue certificates); the
`print_*` functions at the end are the whole user action, used by the GUI and the CLI alike.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import func, insert, or_, select, update
from sqlmodel import Session

from ccschool import audit, clock, settings
from ccschool.services.cards import card_payload, certificate_payload
from ccschool.errors import Conflict, NotFound, ValidationError
from ccschool.i18n import L
from ccschool.models import (Attendance, Certificate, ClassSession, CourseClass, Enrollment,
                             Instructor, Learner, LearningCard, OutboxEntry, Person, Venue,
                             utcnow)
from ccschool.printing import (AttendedSession, CardData, CertificateData, ClassSummary,
                               ServiceLine, ServiceStatementData, SigninRow, SigninSheetData,
                               TranscriptData, write_cards, write_certificates,
                               write_service_statement, write_signin_sheet, write_transcript)
from ccschool.printing.job import CancelFn, ProgressFn
from ccschool.services.learners import person_of
from ccschool.services.sessions import class_of
from ccschool.services.site import (certificate_number, get_site, next_number,
                                    peek_next_number, this_device)
from ccschool.sync import certcheck, changes, hlc
from ccschool.services.attended import ATTENDED



# -- learning cards ------------------------------------------------------------------------
@dataclass(frozen=True)
class CardSelection:
    """Which learners get cards: explicit ids or card numbers, a class, everyone, or (when
    nothing is given) everyone whose card has not been printed since it was issued."""

    learner_ids: Sequence[str] = ()
    card_nos: Sequence[str] = ()
    class_id: str | None = None
    everyone: bool = False


def _live_learners():
    return (select(Learner, Person).join(Person, Person.id == Learner.person_id)
            .where(Learner.deleted_at.is_(None), Person.deleted_at.is_(None),
                   Person.erased_at.is_(None)))


def select_card_learners(session: Session, *, selection: CardSelection) -> list[tuple]:
    """(Learner, Person) rows to print, in card-number order; learners without an active card
    are left out unless named, when they are an error."""
    if selection.card_nos:
        return [_learner_by_card(session, no) for no in selection.card_nos]
    query = _live_learners().where(Learner.card_no.is_not(None), Learner.card_state == "active")
    if selection.learner_ids:
        query = query.where(Learner.id.in_(list(selection.learner_ids)))
    elif selection.class_id:
        _get_class(session, selection.class_id)
        query = query.join(Enrollment, Enrollment.learner_id == Learner.id).where(
            Enrollment.class_id == selection.class_id, Enrollment.state == "enrolled",
            Enrollment.deleted_at.is_(None))
    elif not selection.everyone:
        issued = (select(func.max(LearningCard.issued_at))
                  .where(LearningCard.learner_id == Learner.id,
                         LearningCard.card_no == Learner.card_no).scalar_subquery())
        query = query.where(or_(Learner.last_card_print_at.is_(None),
                                issued > Learner.last_card_print_at))
    return list(session.execute(query.order_by(Learner.card_no)).all())


def _learner_by_card(session: Session, card_no: str) -> tuple:
    card_no = (card_no or "").strip().upper()
    row = session.execute(_live_learners().where(Learner.card_no == card_no)).first()
    if row is not None and row.Learner.card_state == "active":
        return tuple(row)
    old = session.scalars(select(LearningCard).where(LearningCard.card_no == card_no)).first()
    if old is not None and old.state != "active":
        raise Conflict("卡号 {no} 已挂失或作废，请打印补办后的新卡",
                       "Card {no} was reported lost or revoked; print the new card instead",
                       no=card_no, field="card_no")
    raise NotFound("找不到卡号 {no}", "No learner has card {no}", no=card_no, field="card_no")


def card_data(session: Session, *, rows: Sequence[tuple]) -> list[CardData]:
    site = get_site(session)
    return [CardData(site.name, person.name, learner.card_no,
                     card_payload(site.secret, site.code, learner.card_no))
            for learner, person in rows]


def mark_cards_printed(session: Session, *, learner_ids: Sequence[str]) -> int:
    """Remember the print, so "new since last print" leaves these learners out next time.

    One UPDATE and the outbox rows change tracking would write (a new version, a snapshot of
    each learner), in plain SQL like the check-in desk: through the ORM the 300 objects of one
    print run held the write lock ~5x longer, and scans at the desk waited (bench_desk)."""
    now, table = utcnow(), Learner.__table__
    rows = [dict(r._mapping) for r in session.execute(
        select(table).where(table.c.id.in_(list(learner_ids))))]
    if not rows:
        return 0
    # A new version from the hybrid clock, as change tracking would draw (ccschool/sync/hlc.py).
    version = hlc.next_version(session.connection().connection.driver_connection)
    session.execute(update(table).where(table.c.id.in_([r["id"] for r in rows]))
                    .values(last_card_print_at=now, updated_at=now, version=version))
    for r in rows:
        r.update(last_card_print_at=now, updated_at=now, version=version)
    session.execute(insert(OutboxEntry.__table__), [
        changes.outbox_row(Learner.__sync_kind__, r)
        for r in rows])
    return len(rows)


# -- certificates --------------------------------------------------------------------------
@dataclass(frozen=True)
class Eligibility:
    learner_id: str
    name: str
    card_no: str | None
    attended: int
    held: int
    hours: float
    qualifies: bool
    reason: str = ""  # why not, e.g. 出勤 6/10 < 80%


def _get_class(session: Session, class_id: str) -> CourseClass:
    klass = session.get(CourseClass, class_id)
    if klass is None or klass.deleted_at is not None:
        raise NotFound("找不到班级 {id}", "No class {id}", id=class_id, field="class_id")
    return klass


def _held_sessions(session: Session, class_id: str) -> list[ClassSession]:
    return list(session.scalars(select(ClassSession).where(
        ClassSession.class_id == class_id, ClassSession.state == "held",
        ClassSession.deleted_at.is_(None)).order_by(ClassSession.date, ClassSession.start_time)))


def certificate_eligibility(session: Session, *, class_id: str) -> list[Eligibility]:
    """Every enrolled learner: sessions attended (present or late) over sessions held, against
    the class's min_attendance_rate."""
    klass = _get_class(session, class_id)
    held = _held_sessions(session, class_id)
    hours_of = {s.id: s.hours for s in held}
    attended: dict[str, list[str]] = {}
    for learner_id, session_id in session.execute(select(Attendance.learner_id,
                                                         Attendance.session_id).where(
            Attendance.session_id.in_(list(hours_of)), Attendance.status.in_(ATTENDED),
            Attendance.deleted_at.is_(None))):
        attended.setdefault(learner_id, []).append(session_id)
    enrolled = session.execute(_live_learners().join(
        Enrollment, Enrollment.learner_id == Learner.id).where(
        Enrollment.class_id == class_id, Enrollment.state == "enrolled",
        Enrollment.deleted_at.is_(None)).order_by(Person.pinyin_full)).all()
    return [_judge(klass, learner, person, attended.get(learner.id, []), len(held), hours_of)
            for learner, person in enrolled]


def _judge(klass, learner, person, sessions: list[str], held: int, hours_of) -> Eligibility:
    count = len(sessions)
    rate = klass.min_attendance_rate
    ok = held > 0 and count >= rate * held - 1e-9
    if held == 0:
        reason = L("本班尚无已上课次", "No session of this class has been held")
    elif not ok:
        reason = L("出勤 {a}/{h} < {p}%", "Attended {a}/{h} < {p}%", a=count, h=held,
                   p=f"{rate * 100:g}")
    else:
        reason = ""
    return Eligibility(learner.id, person.name, learner.card_no, count, held,
                       sum(hours_of[s] for s in sessions), ok, reason)


def issue_certificates(session: Session, *, class_id: str, today: dt.date | None = None,
                       early_reason: str | None = None) -> list[tuple[Certificate, bool]]:
    """A certificate for every qualifying learner: (certificate, newly issued). A learner who
    already has one for this class keeps its number: re-printing is not re-issuing.

    New certificates only once the class has ended; before that only as 提前结业 with a reason
    (a learner moving away), which the audit log keeps."""
    site = get_site(session)
    existing = _existing_certificates(session, class_id)
    early = _early_reason(session, class_id, today, early_reason)
    out = []
    for e in certificate_eligibility(session, class_id=class_id):
        if not e.qualifies:
            continue
        if e.learner_id in existing:
            out.append((existing[e.learner_id], False))
            continue
        cert = _new_certificate(session, site, next_number(session, CERT_COUNTER), e,
                                class_id, today)
        session.add(cert)
        audit.record(session, "certificate.issue", "certificate", cert.id,
                     after={"cert_no": cert.cert_no, "learner": e.name, "class_id": class_id,
                            "hours": e.hours, "attended": f"{e.attended}/{e.held}",
                            **({"early": early} if early else {})})
        out.append((cert, True))
    return out


def preview_certificates(session: Session, *, class_id: str, today: dt.date | None = None,
                         early_reason: str | None = None) -> list[tuple[Certificate, bool]]:
    """What `issue_certificates` would give now, with nothing written: a learner who has a
    certificate keeps it, a new one shows the number it would get. The same rules refuse the
    same cases (a class with sessions to come, without a reason for 提前结业)."""
    site = get_site(session)
    existing = _existing_certificates(session, class_id)
    _early_reason(session, class_id, today, early_reason)
    number = peek_next_number(session, CERT_COUNTER)
    out = []
    for e in certificate_eligibility(session, class_id=class_id):
        if not e.qualifies:
            continue
        if e.learner_id in existing:
            out.append((existing[e.learner_id], False))
            continue
        out.append((_new_certificate(session, site, number, e, class_id, today), True))
        number += 1
    return out


CERT_COUNTER = "certificate_no"


def _existing_certificates(session: Session, class_id: str) -> dict[str, Certificate]:
    return {c.learner_id: c for c in session.scalars(select(Certificate).where(
        Certificate.class_id == class_id, Certificate.deleted_at.is_(None)))}


def _new_certificate(session: Session, site, number: int, e: Eligibility, class_id: str,
                     today: dt.date | None) -> Certificate:
    """A certificate object, not added to the session: the caller decides whether it is kept."""
    cert_no = certificate_number(site.card_prefix, this_device(session), number)
    return Certificate(cert_no=cert_no, learner_id=e.learner_id, class_id=class_id,
                       hours=e.hours, issued_at=_issued_at(today))


def sessions_still_to_come(session: Session, *, class_id: str, today: dt.date) -> int:
    """Planned sessions of the class from today on: while there are any, the class has not ended."""
    return session.scalar(select(func.count()).select_from(ClassSession).where(
        ClassSession.class_id == class_id, ClassSession.deleted_at.is_(None),
        ClassSession.state == "planned", ClassSession.date >= today)) or 0


def _early_reason(session: Session, class_id: str, today: dt.date | None,
                  reason: str | None) -> str | None:
    """None when the class has ended; the reason for 提前结业 otherwise, or refuse without one."""
    today = today or clock.today()
    left = sessions_still_to_come(session, class_id=class_id, today=today)
    if not left:
        return None
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            "本班还有 {n} 次课未上，尚未结业：等最后一次课后再发结业证书，或选择“提前结业”并写明原因",
            "This class still has {n} sessions to come: issue certificates after the last one, "
            "or choose early completion (提前结业) and give the reason", n=left, field="early_reason")
    return reason


def _issued_at(today: dt.date | None) -> dt.datetime:
    if today is None:
        return utcnow()
    return dt.datetime.combine(today, dt.time(12), tzinfo=dt.timezone.utc)


def certificate_qr(site, cert_no: str) -> str:
    """What a certificate's QR holds: with a county address (and the upload token the check
    code is keyed by) the county's public verification page, which anyone's phone can open;
    without a county the site's own CCS1C payload (the desk tells it from a card)."""
    if site.county_url and site.upload_token:
        return certcheck.verify_url(site.county_url, site.upload_token, site.code, cert_no)
    return certificate_payload(site.secret, site.code, cert_no)


def certificate_data(session: Session, *, certs: Sequence[Certificate],
                     preview: bool = False) -> list[CertificateData]:
    site = get_site(session)
    out = []
    for cert in certs:
        klass, person = _class_and_person(session, cert)
        start, end = _class_dates(session, klass)
        out.append(CertificateData(site.name, cert.cert_no, person.name, klass.course_name,
                                   klass.theme, start, end, cert.hours,
                                   clock.local_date(cert.issued_at),
                                   certificate_qr(site, cert.cert_no), preview=preview))
    return out


def _class_and_person(session: Session, cert: Certificate) -> tuple[CourseClass, Person]:
    """A certificate's class and learner are foreign keys and are only ever soft-deleted, so
    both rows are there (a certificate of a since-deleted class still prints)."""
    klass, learner = session.get(CourseClass, cert.class_id), session.get(Learner, cert.learner_id)
    assert klass is not None and learner is not None, "certificate's foreign keys"
    return klass, person_of(session, learner.person_id)


def _class_dates(session: Session, klass: CourseClass) -> tuple[dt.date | None, dt.date | None]:
    held = _held_sessions(session, klass.id)
    first = held[0].date if held else None
    last = held[-1].date if held else None
    return klass.term_start or first, klass.term_end or last


# -- sign-in sheets and transcripts ---------------------------------------------------------
def signin_sheet_data(session: Session, *, session_id: str) -> SigninSheetData:
    meeting = session.get(ClassSession, session_id)
    if meeting is None or meeting.deleted_at is not None:
        raise NotFound("找不到课次 {id}", "No session {id}", id=session_id, field="session_id")
    klass = class_of(session, meeting)
    rows = session.execute(_live_learners().join(
        Enrollment, Enrollment.learner_id == Learner.id).where(
        Enrollment.class_id == klass.id, Enrollment.state == "enrolled",
        Enrollment.deleted_at.is_(None)).order_by(Person.pinyin_full, Person.name)).all()
    # The same order as the check-in page's paper-sheet tick list (services.attendance.marking.roster).
    return SigninSheetData(get_site(session).name, klass.course_name,
                           _session_label(session, meeting), meeting.date,
                           f"{meeting.start_time:%H:%M}–{meeting.end_time:%H:%M}",
                           _venue_name(session, klass), _teacher_name(session, klass),
                           [SigninRow(p.name, lr.card_no or "") for lr, p in rows])


def _session_label(session: Session, meeting: ClassSession) -> str:
    number = session.scalar(select(func.count()).select_from(ClassSession).where(
        ClassSession.class_id == meeting.class_id, ClassSession.deleted_at.is_(None),
        ClassSession.state != "cancelled",
        (ClassSession.date < meeting.date) | ((ClassSession.date == meeting.date)
                                              & (ClassSession.start_time < meeting.start_time))))
    label = L("第{n}次课", "Session {n}", n=(number or 0) + 1)
    return f"{label} · {meeting.topic}" if meeting.topic else label


def _venue_name(session: Session, klass: CourseClass) -> str:
    venue = session.get(Venue, klass.venue_id) if klass.venue_id else None
    return venue.name if venue else ""


def _teacher_name(session: Session, klass: CourseClass) -> str:
    if not klass.instructor_id:
        return ""
    person = session.scalars(select(Person).join(Instructor, Instructor.person_id == Person.id)
                             .where(Instructor.id == klass.instructor_id)).first()
    return person.name if person else ""


def transcript_data(session: Session, *, card_no: str,
                    today: dt.date | None = None) -> TranscriptData:
    learner, person = _learner_by_any_card(session, card_no)
    site = get_site(session)
    rows = session.execute(
        select(Attendance.status, ClassSession, CourseClass)
        .join(ClassSession, ClassSession.id == Attendance.session_id)
        .join(CourseClass, CourseClass.id == ClassSession.class_id)
        .where(Attendance.learner_id == learner.id, Attendance.status.in_(ATTENDED),
               Attendance.deleted_at.is_(None))
        .order_by(ClassSession.date, ClassSession.start_time)).all()
    sessions = [AttendedSession(m.date, k.course_name, m.topic or "", status, m.hours)
                for status, m, k in rows]
    total = sum(s.hours for s in sessions)
    per_credit = float(settings.get(session, "credit_hours")) or 1.0
    return TranscriptData(site.name, person.name, learner.card_no, person.village or "",
                          learner.registered_on, today or clock.today(), total,
                          round(total / per_credit, 2), per_credit,
                          card_payload(site.secret, site.code, learner.card_no),
                          _class_summaries(session, learner.id, rows), sessions)


def _learner_by_any_card(session: Session, card_no: str) -> tuple:
    """A learner by the active card or by an old one: the archive belongs to the person."""
    card_no = (card_no or "").strip().upper()
    card = session.scalars(select(LearningCard).where(LearningCard.card_no == card_no)).first()
    query = _live_learners()
    query = (query.where(Learner.id == card.learner_id) if card
             else query.where(Learner.card_no == card_no))
    row = session.execute(query).first()
    if row is None:
        raise NotFound("找不到卡号 {no}", "No learner has card {no}", no=card_no, field="card_no")
    if not row.Learner.card_no:
        raise ValidationError("学员 {name} 没有有效的学习卡", "{name} has no active learning card",
                              name=row.Person.name, field="card_no")
    return tuple(row)


def _class_summaries(session: Session, learner_id: str, rows) -> list[ClassSummary]:
    by_class: dict[str, list] = {}
    for _, meeting, klass in rows:
        by_class.setdefault(klass.id, [klass, 0, 0.0])
        by_class[klass.id][1] += 1
        by_class[klass.id][2] += meeting.hours
    enrolled = session.scalars(select(CourseClass).join(
        Enrollment, Enrollment.class_id == CourseClass.id).where(
        Enrollment.learner_id == learner_id, Enrollment.deleted_at.is_(None),
        Enrollment.state == "enrolled"))
    for klass in enrolled:
        by_class.setdefault(klass.id, [klass, 0, 0.0])
    certs = dict(session.execute(select(Certificate.class_id, Certificate.cert_no).where(
        Certificate.learner_id == learner_id, Certificate.deleted_at.is_(None))).all())
    return [ClassSummary(k.course_name, k.theme, n, len(_held_sessions(session, k.id)), h,
                         certs.get(k.id)) for k, n, h in by_class.values()]


def service_statement_data(session: Session, *, volunteer: str, year: int,
                           today: dt.date | None = None) -> ServiceStatementData:
    """A teacher's or volunteer's service in a year; `volunteer` is an id or a unique name."""
    from ccschool.services import service_hours, volunteers

    inst = volunteers.get_instructor(session, volunteer)
    person = person_of(session, inst.person_id)
    lines = [ServiceLine(r.date, r.activity, r.hours)
             for r in service_hours.year_records(session, instructor_id=inst.id, year=year)]
    return ServiceStatementData(get_site(session).name, person.name,
                                volunteers.kind_label(inst.kind), inst.organisation or "",
                                int(year), today or clock.today(), lines)


# -- whole user actions (GUI and CLI) ------------------------------------------------------
def render_cards(db, *, selection: CardSelection, out: str | Path, per_page: int = 10,
                 progress: ProgressFn | None = None, cancel: CancelFn | None = None) -> dict:
    """Write the cards' PDF and change nothing: a preview is not a print. Rendering runs outside
    any write transaction so check-in at the same time is never blocked."""
    with db.read() as s:
        rows = select_card_learners(s, selection=selection)
        cards = card_data(s, rows=rows)
    if not cards:
        raise ValidationError("没有需要打印学习卡的学员", "No learners to print cards for",
                              field="selection")
    pages = write_cards(cards, out, per_page=per_page, progress=progress, cancel=cancel)
    return {"cards": len(cards), "pages": pages, "out": str(out),
            "card_nos": [c.card_no for c in cards], "learner_ids": [lr.id for lr, _ in rows]}


def record_cards_printed(db, *, actor: str, learner_ids: Sequence[str]) -> int:
    """The cards came out of the printer: "new since last print" leaves these learners out."""
    with db.transaction(actor=actor) as s:
        marked = mark_cards_printed(s, learner_ids=learner_ids)
        audit.record(s, "cards.print", "learner", None, after={"count": marked})
    return marked


def print_cards(db, *, actor: str, selection: CardSelection, out: str | Path,
                per_page: int = 10, progress: ProgressFn | None = None,
                cancel: CancelFn | None = None) -> dict:
    """Write the cards for printing elsewhere (the command line), then record the print; a
    cancelled run writes no file, marks nothing."""
    result = render_cards(db, selection=selection, out=out, per_page=per_page,
                          progress=progress, cancel=cancel)
    record_cards_printed(db, actor=actor, learner_ids=result.pop("learner_ids"))
    return result


def render_certificates(db, *, class_id: str, out: str | Path,
                        progress: ProgressFn | None = None, cancel: CancelFn | None = None,
                        today: dt.date | None = None, early_reason: str | None = None) -> dict:
    """Write a preview of the certificates and change nothing: new ones carry the numbers they
    would get, and every page is marked 预览 so it cannot pass as the real certificate. The
    numbers are issued only by `print_certificates`, when the user prints."""
    with db.read() as s:
        judged = certificate_eligibility(s, class_id=class_id)
        planned = preview_certificates(s, class_id=class_id, today=today,
                                       early_reason=early_reason)
        _refuse_if_nobody(planned, judged)
        data = certificate_data(s, certs=[c for c, _ in planned], preview=True)
    pages = write_certificates(data, out, progress=progress, cancel=cancel)
    return {**_certificate_result(data, planned, judged, pages, out), "preview": True}


def print_certificates(db, *, actor: str, class_id: str, out: str | Path,
                       progress: ProgressFn | None = None, cancel: CancelFn | None = None,
                       today: dt.date | None = None, early_reason: str | None = None) -> dict:
    """Issue (or re-use) the numbers and write the PDF in one transaction: if writing fails or
    is cancelled, no number is used up and no certificate recorded."""
    with db.transaction(actor=actor) as s:
        judged = certificate_eligibility(s, class_id=class_id)
        issued = issue_certificates(s, class_id=class_id, today=today, early_reason=early_reason)
        _refuse_if_nobody(issued, judged)
        data = certificate_data(s, certs=[c for c, _ in issued])
        pages = write_certificates(data, out, progress=progress, cancel=cancel)
        return {**_certificate_result(data, issued, judged, pages, out), "preview": False}


def _refuse_if_nobody(certs: Sequence, judged: Sequence[Eligibility]) -> None:
    if not certs:
        raise ValidationError("没有学员达到结业要求：{why}", "Nobody qualifies: {why}",
                              why="；".join([f"{e.name} {e.reason}"
                                            for e in judged if not e.qualifies][:5])
                              or L("本班没有学员", "no learners enrolled"), field="class_id")


def _certificate_result(data, certs, judged, pages: int, out) -> dict:
    return {"pages": pages, "out": str(out),
            "issued": [{"name": d.name, "cert_no": d.cert_no, "hours": d.hours, "new": new}
                       for d, (_, new) in zip(data, certs)],
            "refused": [{"name": e.name, "card_no": e.card_no, "reason": e.reason,
                         "attended": e.attended, "held": e.held}
                        for e in judged if not e.qualifies]}


def print_signin_sheet(db, *, session_id: str, out: str | Path,
                       progress: ProgressFn | None = None, cancel: CancelFn | None = None) -> dict:
    with db.read() as s:
        data = signin_sheet_data(s, session_id=session_id)
    pages = write_signin_sheet(data, out, progress=progress, cancel=cancel)
    return {"pages": pages, "out": str(out), "learners": len(data.rows)}


def print_transcript(db, *, card_no: str, out: str | Path, progress: ProgressFn | None = None,
                     cancel: CancelFn | None = None) -> dict:
    with db.read() as s:
        data = transcript_data(s, card_no=card_no)
    pages = write_transcript(data, out, progress=progress, cancel=cancel)
    return {"pages": pages, "out": str(out), "name": data.name, "card_no": data.card_no,
            "total_hours": data.total_hours, "credits": data.credits,
            "sessions": len(data.sessions), "classes": [asdict(c) for c in data.classes]}


def print_service_statement(db, *, volunteer: str, year: int, out: str | Path,
                            progress: ProgressFn | None = None,
                            cancel: CancelFn | None = None) -> dict:
    with db.read() as s:
        data = service_statement_data(s, volunteer=volunteer, year=year)
    pages = write_service_statement(data, out, progress=progress, cancel=cancel)
    return {"pages": pages, "out": str(out), "name": data.name, "year": data.year,
            "records": len(data.lines), "total_hours": data.total_hours}
