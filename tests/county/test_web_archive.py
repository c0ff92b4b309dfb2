"""The lifelong archive over real HTTP: one resident's hours from two sites joined by ID
number, consent respected, the PDF with its CJK font embedded, every look audited."""
from __future__ import annotations

import subprocess
import uuid

import pytest

from tests.county.conftest import envelope, put, rec
from tests.county.web_helpers import build_platform, login

ID = "11010119900307001X"


@pytest.fixture
def platform(county_engine):
    server = build_platform(county_engine)
    yield server
    server.stop()


def _learn(platform, site, *, consent=True, hours=2.0, sessions=2, seq0=80000):
    pid, lid, cid = (uuid.uuid4().hex for _ in range(3))
    person = {"name": "王秀英", "consent_upload": consent, "erased_at": None}
    if consent:
        person["id_number"] = ID
    records = [rec(seq0, "person", rid=pid, **person),
               rec(seq0 + 1, "learner", rid=lid, person_id=pid),
               rec(seq0 + 2, "course_class", rid=cid, course_name=f"{site}书法", theme="人文艺术")]
    for i in range(sessions):
        sid = uuid.uuid4().hex
        records.append(rec(seq0 + 3 + 2 * i, "class_session", rid=sid, class_id=cid,
                           date=f"2024-05-0{i + 1}", hours=hours))
        records.append(rec(seq0 + 4 + 2 * i, "attendance", session_id=sid, learner_id=lid,
                           session_date=f"2024-05-0{i + 1}", status="present"))

    class Target:
        url = platform.url
    r = put(Target, envelope(records, site=site), token=platform.built["tokens"][site])
    assert r.json()["summary"]["rejected"] == 0


def test_one_resident_across_sites_consented_only(platform, tmp_path):
    _learn(platform, "T001", hours=2.0, sessions=2)
    _learn(platform, "T002V01", hours=1.5, sessions=1)
    _learn(platform, "T001V01", consent=False, hours=9.0, sessions=3)
    client = login(platform.url)
    page = client.get("/archive", params={"id": ID.lower()})
    assert page.status_code == 200 and "王秀英" in page.text
    assert 'id="a-hours">5.5<' in page.text  # 2 × 2.0 + 1.5; the unconsented 27 h are not here
    assert "T001书法" in page.text and "T002V01书法" in page.text and "T001V01书法" not in page.text
    assert ID not in page.text.replace(f'value="{ID.lower()}"', "")  # shown masked: 1101**********001X
    pdf = client.get("/archive.pdf", params={"id": ID})
    assert pdf.content.startswith(b"%PDF")
    f = tmp_path / "a.pdf"
    f.write_bytes(pdf.content)
    fonts = subprocess.run(["pdffonts", str(f)], capture_output=True, text=True).stdout
    assert "CCS-Sans" in fonts or "WenQuanYi" in fonts, fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # embedded
    text = subprocess.run(["pdftotext", str(f), "-"], capture_output=True, text=True).stdout
    assert "王秀英" in text and "5.5" in text
    log = client.get("/audit").text
    assert "archive.view" in log and "archive.pdf" in log and "1101**********001X" in log
    assert ID not in log
    assert client.get("/archive", params={"id": "123"}).status_code == 400
    nobody = client.get("/archive", params={"id": "110101199003070029"})
    assert "没有这个身份证号" in nobody.text


def test_teacher_and_venue_pools_show_names_only_with_consent(platform):
    import io

    from openpyxl import load_workbook
    named, hidden = uuid.uuid4().hex, uuid.uuid4().hex
    records = [rec(70001, "person", rid=named, name="李老师", consent_upload=True),
               rec(70002, "person", rid=hidden, name="赵医生", consent_upload=False),
               rec(70003, "instructor", person_id=named, skills="书法"),
               rec(70004, "instructor", person_id=hidden, skills="急救"),
               rec(70005, "venue", name="文化礼堂", address="东山村", capacity=80)]
    records[2]["data"]["kind"], records[3]["data"]["kind"] = "teacher", "volunteer"

    class Target:
        url = platform.url
    assert put(Target, envelope(records, site="T001"),
               token=platform.built["tokens"]["T001"]).status_code == 200
    client = login(platform.url)
    page = client.get("/pools").text
    assert "李老师" in page and "赵医生" not in page and "未授权上传姓名" in page
    assert "急救" in page and "文化礼堂" in page
    wb = load_workbook(io.BytesIO(client.get("/pools/venues.xlsx").content))
    rows = list(wb.active.iter_rows(values_only=True))
    ours = [r for r in rows[2:] if r[2] == "东山村"]
    assert len(ours) == 1 and ours[0][1] == "文化礼堂" and ours[0][3] == 80
