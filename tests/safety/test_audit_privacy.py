"""Audit log for admins; erasing a learner; the password-protected hand-over."""
from __future__ import annotations

import io
import json
import zipfile

import pytest
import pyzipper
from openpyxl import load_workbook
from sqlalchemy import select

from ccschool import audit
from ccschool.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ccschool.models import Attendance, Learner, LearningCard, OutboxEntry, Person
from ccschool.services import audit_log, privacy
from ccschool.services.audit_log import AuditFilter
from tests.conftest import ADMIN_ENV


def _learner(db) -> tuple[Learner, Person]:
    with db.read() as s:
        learner = s.scalars(select(Learner).join(Attendance, Attendance.learner_id == Learner.id)
                            .where(Learner.card_no.is_not(None)).limit(1)).first()
        return learner, s.get(Person, learner.person_id)


def _log_edit(db, person: Person) -> None:
    with db.transaction(actor="张老师") as s:
        p = s.get(Person, person.id)
        before = {"name": p.name, "phone": p.phone, "id_number": p.id_number}
        p.phone = "13900001111"
        audit.record(s, "learner.update", "person", p.id, before=before,
                     after={"phone": p.phone, "note": "=HYPERLINK(\"http://x\")"})


def test_audit_entries_are_for_admins_and_masked(filled):
    _, person = _learner(filled)
    _log_edit(filled, person)
    with filled.read() as s:
        with pytest.raises(PermissionDenied):
            audit_log.entries(s, role="staff")
        rows = audit_log.entries(s, role="admin", flt=AuditFilter(action="learner."))
        full = audit_log.entries(s, role="admin", flt=AuditFilter(action="learner."),
                                 unmasked=True)
    assert [r["actor"] for r in rows] == ["张老师"]
    assert rows[0]["after"]["phone"] == "139****1111"
    assert rows[0]["before"]["id_number"] == person.id_number[:4] + "*" * 10 + person.id_number[-4:]
    assert person.id_number not in json.dumps(rows, ensure_ascii=False)
    assert full[0]["before"]["id_number"] == person.id_number


def test_audit_filters(filled):
    _, person = _learner(filled)
    _log_edit(filled, person)
    with filled.read() as s:
        assert audit_log.entries(s, role="admin", flt=AuditFilter(actor="nobody")) == []
        by_person = audit_log.entries(s, role="admin", flt=AuditFilter(entity_id=person.id))
        assert [r["action"] for r in by_person] == ["learner.update"]
        from datetime import timedelta

        from ccschool import clock

        # China's date, as the audit log's filter reads it (it is tomorrow there from 16:00 UTC)
        future = AuditFilter(since=clock.today() + timedelta(days=1))
        assert audit_log.entries(s, role="admin", flt=future) == []
        today = AuditFilter(since=clock.today() - timedelta(days=1), until=clock.today())
        assert len(audit_log.entries(s, role="admin", flt=today)) >= 3


def test_audit_export_opens_in_a_spreadsheet_without_running_formulas(filled, tmp_path, run_cli):
    _, person = _learner(filled)
    _log_edit(filled, person)
    filled.close()
    out = tmp_path / "审计.xlsx"
    done = run_cli("audit", "export", out, "--json", env=ADMIN_ENV)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["entries"] >= 3
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("时间", "操作人", "操作")
    edit = next(r for r in rows if r[2] == "learner.update")
    assert edit[1] == "张老师" and "139****1111" in edit[6]
    assert all(not (isinstance(c, str) and c.startswith("=")) for r in rows for c in r)
    assert person.id_number not in repr(rows)


def test_erase_removes_personal_fields_and_keeps_anonymous_attendance(filled):
    learner, person = _learner(filled)
    _log_edit(filled, person)
    with filled.read() as s:
        attended = len(s.scalars(select(Attendance).where(
            Attendance.learner_id == learner.id)).all())
    with filled.transaction(actor="admin") as s:
        result = privacy.erase_learner(s, card_no=learner.card_no.lower(), reason="本人申请")
    assert result["attendance_kept"] == attended > 0
    with filled.read() as s:
        p = s.get(Person, person.id)
        assert (p.name, p.phone, p.id_number, p.birth_date, p.phone_tail) == \
            ("已注销", None, None, None, None)
        assert p.erased_at is not None and p.village == person.village
        assert s.get(Learner, learner.id).card_state == "revoked"
        assert all(c.state == "revoked" for c in s.scalars(select(LearningCard).where(
            LearningCard.learner_id == learner.id)))
        assert len(s.scalars(select(Attendance).where(
            Attendance.learner_id == learner.id)).all()) == attended
        outbox = s.scalars(select(OutboxEntry).where(OutboxEntry.record_id == person.id)
                           .order_by(OutboxEntry.seq)).all()
        entries = audit_log.entries(s, role="admin", unmasked=True, limit=1000)
    # The erasure goes to the county as the person's newest version ...
    newest = json.loads(outbox[-1].payload)
    assert newest["name"] == "已注销" and newest["erased_at"] and newest["id_number"] is None
    # ... and no local copy of the old values is left behind.
    everything = json.dumps([o.payload for o in outbox] + entries, ensure_ascii=False)
    assert person.name not in everything and person.id_number not in everything
    assert person.phone not in everything and "13900001111" not in everything
    assert entries[0]["action"] == "learner.erase"


def test_erase_twice_or_unknown_card(filled):
    learner, _ = _learner(filled)
    with filled.transaction(actor="admin") as s:
        privacy.erase_learner(s, card_no=learner.card_no)
    with pytest.raises(Conflict), filled.transaction(actor="admin") as s:
        privacy.erase_learner(s, card_no=learner.card_no)
    with pytest.raises(NotFound), filled.transaction(actor="admin") as s:
        privacy.erase_learner(s, card_no="NOPE999")


def test_erase_command_line(filled, run_cli):
    learner, person = _learner(filled)
    filled.close()
    done = run_cli("erase", "--card", learner.card_no, "--json", env=ADMIN_ENV)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["card_no"] == learner.card_no
    done = run_cli("erase", "--card", learner.card_no, env=ADMIN_ENV)
    assert done.returncode == 1 and "已于" in done.stderr


def test_mask_person_for_staff():
    values = {"name": "王芳", "id_number": "330281195603020025", "phone": "13812345678"}
    assert privacy.mask_person(values, role="admin") == values
    masked = privacy.mask_person(values, role="staff")
    assert "195603" not in masked["id_number"] and masked["phone"].endswith("5678")
    assert "1234" not in masked["phone"]


def test_protected_export_needs_the_password(filled, tmp_path):
    learner, person = _learner(filled)
    out = tmp_path / "交接.zip"
    with filled.read() as s:
        n = privacy.export_protected(s, out, password="correct horse", role="admin")
    assert n == 40
    with zipfile.ZipFile(out) as plain:  # the ordinary zip reader cannot read it
        name = plain.namelist()[0]
        with pytest.raises(RuntimeError):
            plain.read(name)
    with pyzipper.AESZipFile(out) as zf:
        zf.setpassword(b"wrong password")
        with pytest.raises(RuntimeError):
            zf.read(name)
        zf.setpassword("correct horse".encode())
        wb = load_workbook(io.BytesIO(zf.read(name)))
    rows = list(wb.active.iter_rows(values_only=True))
    row = next(r for r in rows if r[0] == learner.card_no)
    assert row[1] == person.name and row[4] == person.id_number  # full ID, as text
    assert person.name.encode() not in out.read_bytes()


def test_protected_export_rules(filled, tmp_path):
    with filled.read() as s:
        with pytest.raises(PermissionDenied):
            privacy.export_protected(s, tmp_path / "x.zip", password="longenough", role="staff")
        with pytest.raises(ValidationError):
            privacy.export_protected(s, tmp_path / "x.zip", password="1234", role="admin")
    assert not (tmp_path / "x.zip").exists()


def test_huge_and_control_character_cells_still_export(filled, tmp_path):
    with filled.transaction(actor="admin") as s:
        audit.record(s, "learner.update", "person", "x", after={"notes": "长" * 100_000 + "\x07"})
    out = tmp_path / "a.xlsx"
    with filled.read() as s:
        audit_log.export_xlsx(s, out, role="admin")
    row = next(r for r in load_workbook(out, read_only=True).active.iter_rows(values_only=True)
               if r[2] == "learner.update")
    assert len(row[6]) == 32767 and "\x07" not in row[6]
