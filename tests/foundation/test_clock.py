"""One clock for everything a person reads: China time, whatever zone the laptop is set to.

The laptop here is set to Los Angeles (16 hours behind China in winter): backups, the audit
log, Excel exports and printed dates must still read China time, as attendance does.
"""
from __future__ import annotations

import re
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ccschool import clock

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def laptop_in_los_angeles(monkeypatch):
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _near_china_now(moment: datetime) -> bool:
    china = datetime.now(clock.CHINA)
    if moment.tzinfo is None:
        china = china.replace(tzinfo=None)
    return abs(china - moment) < timedelta(minutes=5)


def test_one_definition_of_china_time():
    """The UTC+8 offset is written once (ccschool/clock.py); everything else imports it."""
    found = []
    for path in (ROOT / "ccschool").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"hours\s*=\s*8\b|timedelta\(0?8\)|[\"']\+08:?00[\"']|Asia/Shanghai", text):
            found.append(path.relative_to(ROOT).as_posix())
    assert found == ["ccschool/clock.py"]


def test_clock_reads_china_time(laptop_in_los_angeles):
    assert clock.now().utcoffset() == timedelta(hours=8)
    noon_utc = datetime(2026, 12, 31, 20, 30, tzinfo=timezone.utc)
    assert clock.stamp(noon_utc) == "2027-01-01 04:30"  # already the new year in China
    assert clock.stamp(noon_utc.replace(tzinfo=None)) == "2027-01-01 04:30"  # stored UTC
    assert clock.stamp("2026-12-31T20:30:00+00:00", seconds=True) == "2027-01-01 04:30:00"
    assert clock.file_stamp(noon_utc) == "20270101-043000"
    assert clock.month(noon_utc) == "2027-01" and clock.stamp(None) == ""


def test_backups_are_named_and_listed_in_china_time(db, data_dir, laptop_in_los_angeles):
    from ccschool.safety import backup

    result = backup.make_backup(data_dir)
    stamp = re.search(r"ccschool-(\d{8}-\d{6})-", Path(result.path).name).group(1)
    assert _near_china_now(datetime.strptime(stamp, "%Y%m%d-%H%M%S"))
    assert result.at.endswith("+08:00") and _near_china_now(datetime.fromisoformat(result.at))
    listed = backup.list_backups(data_dir)[0]
    assert listed["at"].endswith("+08:00")
    assert backup.read_status(data_dir)["at"].endswith("+08:00")
    assert backup.backup_if_due(data_dir) is None  # today's backup exists, by China's date


def test_audit_log_and_its_export_read_china_time(db, tmp_path, laptop_in_los_angeles):
    from ccschool.services import audit_log, learners

    with db.transaction(actor="admin") as s:
        learners.create_learner(s, name="王芳", phone="13900001111")
    with db.read() as s:
        entry = audit_log.entries(s, role="admin", limit=1)[0]
        audit_log.export_xlsx(s, tmp_path / "log.xlsx", role="admin")
    assert entry["at"].endswith("+08:00") and _near_china_now(datetime.fromisoformat(entry["at"]))
    assert _near_china_now(datetime.strptime(entry["when"], "%Y-%m-%d %H:%M"))
    row = list(load_workbook(tmp_path / "log.xlsx").active.iter_rows(values_only=True))[1]
    assert _near_china_now(datetime.strptime(row[0], "%Y-%m-%d %H:%M:%S"))
    with db.read() as s:  # "today" in the filter is China's today
        today = audit_log.AuditFilter(since=clock.today(), until=clock.today())
        assert audit_log.entries(s, role="admin", flt=today)


def test_excel_cells_and_printed_dates_are_china_time(laptop_in_los_angeles):
    from ccschool.exports.table import cell_value

    late_evening_utc = datetime(2026, 11, 30, 18, 0, tzinfo=timezone.utc)
    assert cell_value(late_evening_utc) == datetime(2026, 12, 1, 2, 0)
    assert clock.local_date(late_evening_utc).isoformat() == "2026-12-01"
