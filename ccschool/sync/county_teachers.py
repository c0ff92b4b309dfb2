"""The county's shared teacher list (县师资库) at the site: pulled with the rules, checked whole.

The county publishes teachers from its pool or entered by hand (PROTOCOL.md, County teacher
list). The site keeps the list in the `county_teacher` table and its revision in the
`county_teachers` setting, and replaces both in one transaction only when the whole answer is
valid and newer than what it holds; a bad field keeps the list the site had and names the
teacher and the field. The same field rules check the county's own form
(ccschool/county/web/teachers.py), so a list the county accepts is a list every site accepts.
"""
from __future__ import annotations

import json
import re

from sqlalchemy import delete

from ccschool import settings
from ccschool.errors import ValidationError
from ccschool.i18n import L
from ccschool.services import county_pick
from ccschool.sync.county_rules import _STAMP, _THEME
from ccschool.sync.transport import Transport, TransportError

ACTOR = "county"
_ID = re.compile(r"[0-9a-f]{32}")
_NAME = re.compile(r"[^\x00-\x1f\x7f<>,，;；\s](?:[^\x00-\x1f\x7f<>,，;；]{0,28}"
                   r"[^\x00-\x1f\x7f<>,，;；\s])?")
_TOWNSHIP = re.compile(r"[^\x00-\x1f\x7f<>,，;；\s](?:[^\x00-\x1f\x7f<>,，;；]{0,38}"
                       r"[^\x00-\x1f\x7f<>,，;；\s])?")
_PHONE = re.compile(r"1[0-9]{10}")  # as ccschool.idcard.check_mobile
SOURCES = ("pool", "manual")
MAX_TEACHERS, MAX_SUBJECTS = 2000, 10
_REVISION_MAX = 2**31 - 1


class FieldProblem(ValueError):
    """One field of one teacher is wrong: (field, why in Chinese, why in English)."""

    def __init__(self, field: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.field, self.zh, self.en = field, zh, en


class TeacherListError(ValidationError):
    """The county's list breaks the protocol; the message names the teacher and field."""


def check_teacher(raw) -> dict:
    """One teacher as the site stores it, every field by full match; FieldProblem if not."""
    if not isinstance(raw, dict):
        raise FieldProblem("teacher", "格式不对", "malformed")
    if not (isinstance(raw.get("id"), str) and _ID.fullmatch(raw["id"])):
        raise FieldProblem("id", "应为32位编号", "must be a 32-character id")
    name = raw.get("name")
    if not (isinstance(name, str) and _NAME.fullmatch(name)):
        raise FieldProblem("name", "姓名应为1到30个字，不含逗号、分号或尖括号",
                           "the name is 1 to 30 characters without commas, semicolons or <>")
    subjects = raw.get("subjects")
    if not (isinstance(subjects, list) and 1 <= len(subjects) <= MAX_SUBJECTS
            and all(isinstance(x, str) and _THEME.fullmatch(x) and x == x.strip()
                    for x in subjects)):
        raise FieldProblem("subjects", f"应为1到{MAX_SUBJECTS}个科目/主题，每个一行、至多40字",
                           f"1 to {MAX_SUBJECTS} subjects or themes, each one line of at most "
                           "40 characters")
    phone = raw.get("phone")
    if phone is not None and not (isinstance(phone, str) and _PHONE.fullmatch(phone)):
        raise FieldProblem("phone", "手机号应为以1开头的11位数字",
                           "a mobile number has 11 digits starting with 1")
    township = raw.get("township")
    if not (isinstance(township, str) and _TOWNSHIP.fullmatch(township)):
        raise FieldProblem("township", "乡镇（街道）应为1到40个字", "the township is 1 to 40 "
                           "characters")
    if raw.get("source") not in SOURCES:
        raise FieldProblem("source", "来源应为 pool 或 manual", "source is pool or manual")
    return {"id": raw["id"], "name": name, "subjects": list(subjects), "phone": phone,
            "township": township, "source": raw["source"]}


def _bad(where: str, field: str, zh: str, en: str) -> TeacherListError:
    return TeacherListError("县平台下发的师资名单无效（{w}，{f}）：{z}，本机名单未改动",
                            "The county's teacher list is invalid ({w}, {f}): {e}; the site's "
                            "list is unchanged", w=where, f=field, z=zh, e=en, field=field)


def validate(document) -> dict:
    """A /api/v1/teachers answer (or a carried copy) as {revision, updated_at, teachers}."""
    answer = L("答复", "answer")
    if not isinstance(document, dict):
        raise _bad(answer, "teachers", "不是师资名单", "not a teacher list")
    revision = document.get("revision")
    if isinstance(revision, bool) or not isinstance(revision, int) \
            or not 0 <= revision <= _REVISION_MAX:
        raise _bad(answer, "revision", "应为非负整数", "must be a whole number from 0")
    stamp = document.get("updated_at")
    if not (isinstance(stamp, str) and _STAMP.fullmatch(stamp)):
        raise _bad(answer, "updated_at", "应为时间", "must be a time stamp")
    teachers = document.get("teachers")
    if not isinstance(teachers, list) or len(teachers) > MAX_TEACHERS:
        raise _bad(answer, "teachers", f"应为至多{MAX_TEACHERS}位教师的列表",
                   f"must be a list of at most {MAX_TEACHERS} teachers")
    out, seen = [], set()
    for n, raw in enumerate(teachers, start=1):
        try:
            t = check_teacher(raw)
        except FieldProblem as p:
            raise _bad(L("第{n}位", "teacher {n}", n=n), p.field, p.zh, p.en) from None
        if t["id"] in seen:
            raise _bad(L("第{n}位", "teacher {n}", n=n), "id", "编号重复", "duplicate id")
        seen.add(t["id"])
        out.append(t)
    return {"revision": revision, "updated_at": stamp, "teachers": out}


def newness(meta: dict) -> tuple:
    """Which of two lists is newer: the county's revision, then when it was changed."""
    return meta.get("revision", -1), meta.get("updated_at", "")


def held(s) -> dict:
    """{revision, updated_at, teachers} as this device holds it (revision -1: none yet)."""
    meta = settings.get(s, "county_teachers")
    return {"revision": meta.get("revision", -1), "updated_at": meta.get("updated_at", ""),
            "teachers": county_pick.listing(s)}


def adopt(s, document) -> bool:
    """Store a checked list if it is newer than the one held (inside the caller's
    transaction); an older or equal one changes nothing. TeacherListError if it is bad."""
    from ccschool.models import CountyTeacher

    new = validate(document)
    if newness(new) <= newness(settings.get(s, "county_teachers")):
        return False
    s.execute(delete(CountyTeacher))
    s.add_all(CountyTeacher(id=t["id"], name=t["name"], township=t["township"],
                            subjects=json.dumps(t["subjects"], ensure_ascii=False),
                            phone=t["phone"], source=t["source"]) for t in new["teachers"])
    # The setting holds no names or phones: setting changes are audited with their values.
    settings.set(s, "county_teachers", {"revision": new["revision"],
                                        "updated_at": new["updated_at"],
                                        "count": len(new["teachers"])})
    return True


def pull(db, transport: Transport) -> dict:
    """Fetch, check and store the county's teacher list in one transaction."""
    document = transport.teachers()
    if document is None:
        raise TransportError(L("此县平台不下发师资名单", "This county platform serves no "
                               "teacher list"), retry=False)
    with db.transaction(actor=ACTOR) as s:
        changed = adopt(s, document)
        return {"changed": changed, **settings.get(s, "county_teachers")}
