"""Exporting every learner is a long job: it shows progress, can be stopped, and never holds up
the database worker (check-in) or its write lock."""
from __future__ import annotations

import threading

import openpyxl
import pytest
from sqlalchemy import func, select

from ccschool.models import AuditEntry, Learner
from ccschool.services import learner_export
from ccschool.services import learners as svc
from ccschool.services.learner_export import ExportCancelled, export_learners


def _add(db, n: int) -> None:
    with db.transaction(actor="admin") as s:
        for i in range(n):
            svc.create_learner(s, name=f"学员{i:04d}")


def _audits(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "learner.export"))


def test_export_reports_progress_and_is_audited_once(db, tmp_path):
    _add(db, 25)
    seen = []
    n = export_learners(db, tmp_path / "x.xlsx", actor="王老师", progress=lambda d, t: seen.append((d, t)),
                        step=10)
    assert n == 25 and seen == [(10, 25), (20, 25), (25, 25)]
    rows = list(openpyxl.load_workbook(tmp_path / "x.xlsx").active.iter_rows(values_only=True))
    assert len(rows) == 26 and rows[0][0] == "卡号"
    assert _audits(db) == 1


def test_cancelled_export_leaves_no_file_and_no_audit_entry(db, tmp_path):
    _add(db, 25)
    out = tmp_path / "exports"
    out.mkdir()
    (out / "old.xlsx").write_bytes(b"yesterday's export")
    calls = []
    with pytest.raises(ExportCancelled):
        export_learners(db, out / "old.xlsx", actor="王老师",
                        progress=lambda d, t: calls.append(d), cancel=lambda: bool(calls), step=10)
    assert (out / "old.xlsx").read_bytes() == b"yesterday's export"  # untouched
    assert sorted(p.name for p in out.iterdir()) == ["old.xlsx"]  # no temporary left
    assert _audits(db) == 0


@pytest.fixture
def blocked_export(monkeypatch):
    """The export pauses in its second step until released: a long export, held in place."""
    reached, release = threading.Event(), threading.Event()
    real = learner_export.export_cells
    calls = []

    def export_cells(conn, ids, cells):
        calls.append(1)
        if len(calls) == 2:
            reached.set()
            assert release.wait(30)
        return real(conn, ids, cells)

    monkeypatch.setattr(learner_export, "EXPORT_STEP", 10)
    monkeypatch.setattr(learner_export, "export_cells", export_cells)
    return reached, release


def _page(qtbot, db):
    from ccschool.ui.ops.background import BackgroundRunner
    from ccschool.ui.shell.context import AppContext, CurrentUser
    from ccschool.ui.learners.page import LearnersPage

    ctx = AppContext(db=db, run_in_background=BackgroundRunner(), run_long=BackgroundRunner(),
                     user=CurrentUser("王老师", "staff"))
    page = LearnersPage(ctx)
    qtbot.addWidget(page)
    ctx.run_in_background.wait()
    return ctx, page


def test_check_in_work_goes_on_while_a_long_export_runs(qtbot, db, tmp_path, blocked_export):
    reached, release = blocked_export
    _add(db, 30)
    ctx, page = _page(qtbot, db)
    page.export_to(str(tmp_path / "all.xlsx"))
    assert page.buttons["export"].text() == "停止导出"
    assert reached.wait(30)
    qtbot.waitUntil(lambda: page.count.text() == "正在导出 10 / 30…", timeout=10000)

    # Meanwhile a desk action on the database worker writes and commits at once.
    done = []

    def write():
        with db.transaction(actor="王老师") as s:
            return svc.create_learner(s, name="新来的").card_no

    ctx.run_in_background(write, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert not (tmp_path / "all.xlsx").exists()  # the export is still held

    release.set()
    qtbot.waitUntil(lambda: page.count.text() == "已导出 30 人", timeout=30000)
    assert page.buttons["export"].text() == "导出Excel…"
    rows = list(openpyxl.load_workbook(tmp_path / "all.xlsx").active.iter_rows(values_only=True))
    assert len(rows) == 31  # the 30 listed when it started
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Learner)) == 31


def test_stop_export_from_the_page(qtbot, db, tmp_path, blocked_export):
    reached, release = blocked_export
    _add(db, 30)
    ctx, page = _page(qtbot, db)
    out = tmp_path / "exports"
    out.mkdir()
    page.export_to(str(out / "all.xlsx"))
    assert reached.wait(30)
    page.buttons["export"].click()  # 停止导出
    assert not page.buttons["export"].isEnabled()
    release.set()
    qtbot.waitUntil(lambda: page.count.text() == "导出已取消，没有生成文件", timeout=30000)
    assert page.buttons["export"].isEnabled() and page.buttons["export"].text() == "导出Excel…"
    assert list(out.iterdir()) == []
    assert _audits(db) == 0
