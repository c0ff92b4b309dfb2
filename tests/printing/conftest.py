"""Fixtures for printing tests: render PDFs as a printer would and read them back."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from ccschool.models import utcnow

SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
SITE = "TEST01"
RARE_NAMES = ["李䶮", "吉𠮷"]  # Extension A and B: not in WenQuanYi Micro Hei


def render(pdf: Path, out_dir: Path, dpi: int = 150) -> list[Path]:
    """Pages as PNG at `dpi` (pdftoppm), in page order."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out_dir / "page")],
                   check=True)
    return sorted(out_dir.glob("page-*.png"), key=lambda p: int(re.findall(r"\d+", p.stem)[-1]))


def decode(png: Path) -> list[str]:
    """Every QR code zxing-cpp finds on the page."""
    with Image.open(png) as img:
        found = zxingcpp.read_barcodes(img.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)
    return [b.text for b in found]


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def pdf_flat_text(pdf: Path) -> str:
    """The text with all white space removed, so wrapped lines and spacing do not matter."""
    return re.sub(r"\s+", "", pdf_text(pdf))


def pdf_fonts(pdf: Path) -> list[dict]:
    """pdffonts rows as dicts: name, type, emb, sub, uni."""
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                         text=True).stdout.splitlines()[2:]
    rows = []
    for line in out:
        parts = line.split()
        # name type [type2] encoding emb sub uni num gen
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Page sizes in millimetres, to 0.1 mm."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True,
                          capture_output=True, text=True).stdout
    return [(round(float(w) / 72 * 25.4, 1), round(float(h) / 72 * 25.4, 1)) for w, h in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


def assert_cjk_embedded(pdf: Path) -> None:
    """Every font is an embedded subset, and the CJK font is among them."""
    fonts = pdf_fonts(pdf)
    assert fonts, "no fonts in the PDF"
    for f in fonts:
        assert (f["emb"], f["sub"], f["uni"]) == ("yes", "yes", "yes"), f
    assert any("WenQuanYi" in f["name"] and "+" in f["name"] for f in fonts), fonts


@pytest.fixture
def out_dir(tmp_path) -> Path:
    d = tmp_path / "png"
    d.mkdir()
    return d


# -- a school with one class, for the service, CLI and GUI tests -----------------------------
@dataclass
class School:
    class_id: str
    session_ids: list[str]  # the ten held sessions, in date order
    planned_session_id: str
    learners: dict[str, str]  # name -> learner id
    cards: dict[str, str]  # name -> card number
    secret: str


# How many of the ten held sessions each learner attended (present or late); threshold 80%.
ATTENDANCE = {"张三": 10, "李䶮": 9, "吉𠮷": 8, "王五": 6, "赵六": 0, "欧阳娜娜": 8}


def add_learner(s, site, name: str, n: int):
    from ccschool.models import Learner, LearningCard, Person
    from ccschool.pinyin import name_keys

    initials, full = name_keys(name)
    person = Person(name=name, pinyin_initials=initials, pinyin_full=full, village="青山村")
    card_no = f"{site.card_prefix}{n:06d}"
    learner = Learner(person_id=person.id, card_no=card_no, registered_on=dt.date(2024, 2, 1))
    s.add(person)
    s.flush()  # the models declare no relationships, so insert order is ours to keep
    s.add(learner)
    s.flush()
    s.add(LearningCard(card_no=card_no, learner_id=learner.id, issued_at=utcnow()))
    s.flush()
    return learner


def build_school(db) -> School:
    from ccschool.models import (Attendance, ClassSession, CourseClass, Enrollment, Instructor,
                                 Person, Venue)
    from ccschool.services.site import get_site

    with db.transaction(actor="admin") as s:
        site = get_site(s)
        venue = Venue(name="青山村文化礼堂")
        teacher = Person(name="刘老师")
        instructor = Instructor(person_id=teacher.id, kind="teacher")
        klass = CourseClass(course_name="智能手机使用入门", theme="老年智慧生活", venue_id=venue.id,
                            instructor_id=instructor.id, min_attendance_rate=0.8)
        for row in (venue, teacher, instructor, klass):
            s.add(row)
            s.flush()  # the models declare no relationships, so insert order is ours to keep
        day = dt.date(2024, 3, 1)
        sessions = [ClassSession(class_id=klass.id, date=day + dt.timedelta(days=7 * i),
                                 start_time=dt.time(14), end_time=dt.time(15, 30), hours=1.5,
                                 topic=f"第{i + 1}讲", state="held") for i in range(10)]
        planned = ClassSession(class_id=klass.id, date=day + dt.timedelta(days=70),
                               start_time=dt.time(14), end_time=dt.time(15, 30), hours=1.5,
                               topic="手机支付", state="planned")
        s.add_all([*sessions, planned])
        s.flush()
        learners, cards = {}, {}
        for n, (name, count) in enumerate(ATTENDANCE.items(), start=1):
            learner = add_learner(s, site, name, n)
            learners[name], cards[name] = learner.id, learner.card_no
            s.add(Enrollment(class_id=klass.id, learner_id=learner.id, enrolled_at=utcnow()))
            s.flush()
            for i, meeting in enumerate(sessions[:count]):
                s.add(Attendance(session_id=meeting.id, learner_id=learner.id,
                                 session_date=meeting.date, status="late" if i == 0 else "present",
                                 at=utcnow()))
            # An excused absence never counts towards the certificate.
            if count < 10:
                s.add(Attendance(session_id=sessions[count].id, learner_id=learner.id,
                                 session_date=sessions[count].date, status="excused", at=utcnow()))
        return School(klass.id, [m.id for m in sessions], planned.id, learners, cards, site.secret)


@pytest.fixture
def school(db) -> School:
    return build_school(db)
