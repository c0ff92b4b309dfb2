"""Choosing a teacher from the county's list (县师资库) for a class at this site.

The county's entry stays read-only; the class needs a teacher of the site's own pool (so
service hours, statements and uploads work as for any teacher), so choosing one uses the pool's
person of that name (and phone, when the county published one), or adds them to the pool.
"""
from __future__ import annotations

import json

from sqlalchemy import select
from sqlmodel import Session

from ccschool.errors import NotFound
from ccschool.models import CountyTeacher, Instructor
from ccschool.services import volunteers


def listing(session: Session) -> list[dict]:
    """The county's teachers as this laptop holds them, by township and name."""
    rows = session.scalars(select(CountyTeacher).order_by(CountyTeacher.township,
                                                          CountyTeacher.name)).all()
    return [{"id": r.id, "name": r.name, "subjects": json.loads(r.subjects), "phone": r.phone,
             "township": r.township, "source": r.source} for r in rows]


def instructor_for(session: Session, county_teacher_id: str) -> Instructor:
    entry = session.get(CountyTeacher, county_teacher_id)
    if entry is None:
        raise NotFound("县师资库中没有这位教师（名单可能已更新），请重新选择",
                       "This teacher is not on the county's list (it may have changed); "
                       "choose again", field="teacher")
    same = [inst for inst, person in volunteers.list_instructors(session, kind="teacher")
            if person.name == entry.name and (entry.phone is None or person.phone == entry.phone)]
    if len(same) == 1:
        return same[0]
    return volunteers.add_instructor(
        session, name=entry.name, phone=entry.phone, kind="teacher",
        organisation=entry.township, skills="、".join(json.loads(entry.subjects)))
