"""Certificates, sign-in sheets and transcripts as printed paper."""
from __future__ import annotations

import datetime as dt

import pytest

from ccschool.services.cards import card_payload, certificate_payload, parse_payload
from ccschool.printing import (AttendedSession, Cancelled, CertificateData, ClassSummary,
                               SigninRow, SigninSheetData, TranscriptData, write_certificates,
                               write_signin_sheet, write_transcript)
from tests.printing.conftest import (RARE_NAMES, SECRET, SITE, assert_cjk_embedded, decode,
                                     page_sizes, pdf_flat_text, render)


def certificate(name: str, no: str) -> CertificateData:
    return CertificateData("测试镇社区学校", no, name, "智能手机使用入门", "老年智慧生活",
                           dt.date(2024, 3, 1), dt.date(2024, 6, 30), 12.0, dt.date(2024, 7, 1),
                           certificate_payload(SECRET, SITE, no))


def test_certificates_landscape_with_verifying_qr(tmp_path, out_dir):
    certs = [certificate("张三", "TEST01-C-000001"), certificate(RARE_NAMES[1], "TEST01-C-000002")]
    pdf = tmp_path / "certs.pdf"
    assert write_certificates(certs, pdf) == 2
    assert page_sizes(pdf) == [(297.0, 210.0)] * 2  # A4 landscape
    found = [decode(p) for p in render(pdf, out_dir)]
    assert found == [[c.payload] for c in certs]
    parsed = parse_payload(found[1][0])
    assert (parsed.kind, parsed.number) == ("certificate", "TEST01-C-000002")
    assert parsed.verify(SECRET)
    text = pdf_flat_text(pdf)
    for needle in ("结业证书", "证书编号：TEST01-C-000002", RARE_NAMES[1], "智能手机使用入门",
                   "老年智慧生活", "完成12学时", "2024年3月1日", "2024年7月1日", "盖章", "签字"):
        assert needle in text, needle
    assert_cjk_embedded(pdf)


def test_certificates_cancel_leaves_no_file(tmp_path):
    pdf = tmp_path / "certs.pdf"
    with pytest.raises(Cancelled):
        write_certificates([certificate("张三", "C1")] * 3, pdf, cancel=lambda: True)
    assert not pdf.exists()


def sheet(n: int) -> SigninSheetData:
    names = ["张三", "李四", *RARE_NAMES, "欧阳娜娜"]
    rows = [SigninRow(names[i % len(names)], f"T{i:06d}") for i in range(n)]
    return SigninSheetData("测试镇社区学校", "智能手机使用入门", "第3次课·手机支付",
                           dt.date(2024, 3, 15), "14:00–15:30", "青山村文化礼堂", "刘老师", rows)


def test_signin_sheet_lists_every_enrolled_learner(tmp_path):
    pdf = tmp_path / "signin.pdf"
    assert write_signin_sheet(sheet(30), pdf) == 2  # 22 rows a page, blank rows for walk-ins
    text = pdf_flat_text(pdf)
    for i in range(30):
        assert f"T{i:06d}" in text
    for needle in ("签到表", "智能手机使用入门", "第3次课·手机支付", "2024年3月15日", "14:00–15:30",
                   "青山村文化礼堂", "刘老师", "签名", "第2页/共2页", "应到30人", *RARE_NAMES):
        assert needle in text, needle
    assert_cjk_embedded(pdf)


def test_signin_sheet_for_an_empty_class_is_one_blank_page(tmp_path):
    pdf = tmp_path / "signin.pdf"
    assert write_signin_sheet(sheet(0), pdf) == 1
    assert "应到0人" in pdf_flat_text(pdf)


def test_transcript_lists_sessions_and_hours_and_verifies(tmp_path, out_dir):
    start = dt.date(2024, 3, 1)
    sessions = [AttendedSession(start + dt.timedelta(days=d), "智能手机使用入门", f"第{d + 1}讲",
                                "late" if d == 1 else "present", 1.5) for d in range(40)]
    data = TranscriptData("测试镇社区学校", RARE_NAMES[0], "T000007", "青山村", dt.date(2023, 9, 1),
                          dt.date(2024, 7, 1), 60.0, 60.0, 1.0,
                          card_payload(SECRET, SITE, "T000007"),
                          [ClassSummary("智能手机使用入门", "老年智慧生活", 40, 42, 60.0, "TEST01-C-000001")],
                          sessions)
    pdf = tmp_path / "transcript.pdf"
    pages = write_transcript(data, pdf)
    assert pages >= 2
    text = pdf_flat_text(pdf)
    for needle in ("个人学习档案", RARE_NAMES[0], "T000007", "累计学时", "60", "40/42",
                   "TEST01-C-000001", "2024年3月1日", "迟到", "第40讲"):
        assert needle in text, needle
    found = sum((decode(p) for p in render(pdf, out_dir)), [])
    assert found == [data.payload]
    assert_cjk_embedded(pdf)
