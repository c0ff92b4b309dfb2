"""Exporting every learner is a long job: it shows progress, can be stopped, and never holds up
the database worker (check-in) or its write lock."""
from __future__ import annotations

import os
import threading
from pathlib import Path

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


# The export's child process starts at a lower priority (ccschool/isolated.py): on a machine
# busy with other programs its start-up alone took over 30 s beside `stress-ng --cpu 4`.
CHILD_WAIT = 300


@pytest.fixture
def blocked_export(monkeypatch):
    """The export (its real child process) waits after its first step until released: a long
    export, held in place. The child waits for the app's answer after every step, so holding
    the app's side of that answer holds the child."""
    reached, release = threading.Event(), threading.Event()
    real = learner_export.run_isolated

    def held(fn, *args, progress, **kw):
        def first_step_held(done, total):
            progress(done, total)
            if not reached.is_set():
                reached.set()
                assert release.wait(CHILD_WAIT)
        return real(fn, *args, progress=first_step_held, **kw)

    monkeypatch.setattr(learner_export, "run_isolated", held)
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
    assert reached.wait(CHILD_WAIT)
    qtbot.waitUntil(lambda: page.count.text() == "正在导出 30 / 30…", timeout=60000)

    # Meanwhile a desk action on the database worker writes and commits at once.
    done = []

    def write():
        with db.transaction(actor="王老师") as s:
            return svc.create_learner(s, name="新来的").card_no

    ctx.run_in_background(write, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=60000)
    assert not (tmp_path / "all.xlsx").exists()  # the export is still held

    release.set()
    qtbot.waitUntil(lambda: page.count.text() == "已导出 30 人", timeout=CHILD_WAIT * 1000)
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
    assert reached.wait(CHILD_WAIT)
    page.buttons["export"].click()  # 停止导出
    assert not page.buttons["export"].isEnabled()
    release.set()
    qtbot.waitUntil(lambda: page.count.text() == "导出已取消，没有生成文件",
                    timeout=CHILD_WAIT * 1000)
    assert page.buttons["export"].isEnabled() and page.buttons["export"].text() == "导出Excel…"
    assert list(out.iterdir()) == []
    assert _audits(db) == 0


def test_export_in_english_has_english_headings(db, tmp_path):
    """The child process writes the sheet in the language the app runs in."""
    from ccschool import i18n

    _add(db, 3)
    i18n.set_language("en")
    try:
        export_learners(db, tmp_path / "x.xlsx", actor="王老师")
    finally:
        i18n.set_language("zh_CN")
    wb = openpyxl.load_workbook(tmp_path / "x.xlsx")
    assert wb.active.title == "Learners" and wb.active["A1"].value == "Card no."


def test_an_export_process_that_dies_leaves_no_file_and_says_so(db, tmp_path, monkeypatch):
    """Killed (out of memory, a task manager): one message, nothing half-written, no audit."""
    import signal

    from ccschool.errors import CCSError

    _add(db, 25)
    out = tmp_path / "exports"
    out.mkdir()
    real = learner_export.run_isolated
    killed = []

    def killing(fn, *args, progress, **kw):
        def kill_after_first_step(done, total):
            progress(done, total)
            if not killed:  # the child is waiting for our answer, its workbook half written
                for proc in _children():
                    os.kill(proc, signal.SIGKILL)
                    killed.append(proc)
        return real(fn, *args, progress=kill_after_first_step, **kw)

    monkeypatch.setattr(learner_export, "run_isolated", killing)
    with pytest.raises(CCSError, match="导出没有完成"):
        export_learners(db, out / "all.xlsx", actor="王老师", step=10)
    assert killed and list(out.iterdir()) == []
    assert _audits(db) == 0


def _children() -> list[int]:
    """pids of this process's children (Linux /proc)."""
    me = os.getpid()
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == me:
            found.append(int(stat.parent.name))
    return found
