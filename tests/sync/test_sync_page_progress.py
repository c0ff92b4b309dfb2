"""立即同步 shows progress and can be stopped; the 同步 page's lists export to Excel.

Against the real county receiver on 127.0.0.1 (tests/sync/conftest.py): a stop leaves the
county holding exactly the site's first chunks, and the next sync completes the rest.
"""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from ccschool.exports.table import read_back
from ccschool.models import OutboxEntry, UploadChunk
from ccschool.sync import batching
from ccschool.ui.ops.background import BackgroundRunner, SyncRunner
from ccschool.ui.shell.context import AppContext, CurrentUser
from tests.sync.conftest import county_versions, site_versions
from tests.sync.factory import PERIOD, bulk_attendance, small_month


def _page(qtbot, site, data_dir, runner=None, *, bad_record: bool = False):
    from ccschool.ui.sync.page import SyncPage

    ids = small_month(site)
    att = bulk_attendance(site, 40, ids)
    if bad_record:  # one record the county will refuse
        with site.transaction(actor="test") as s:
            entry = s.scalars(select(OutboxEntry).where(OutboxEntry.record_id == att[3])).one()
            entry.payload = json.dumps({**json.loads(entry.payload), "status": "maybe"})
            s.add(entry)
    with site.transaction(actor="admin") as s:  # small chunks: a dozen of them to watch
        batching.close_month(s, period=PERIOD, max_records=5)
    ctx = AppContext(db=site, run_in_background=runner or SyncRunner(),
                     user=CurrentUser("admin", "admin"), data_dir=data_dir)
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    return page


def _acked_prefix(db) -> tuple[list[int], set[tuple[str, int]]]:
    """The acknowledged chunk numbers and the (record, version) pairs those chunks carry."""
    with db.read() as s:
        chunks = s.scalars(select(UploadChunk).where(UploadChunk.acked_at.is_not(None))
                           .order_by(UploadChunk.n)).all()
        sent = set()
        for c in chunks:
            sent |= {tuple(r) for r in s.execute(select(OutboxEntry.record_id, OutboxEntry.version)
                                                 .where(OutboxEntry.seq.between(c.first_seq, c.last_seq)))}
    return [c.n for c in chunks], sent


def test_progress_advances_stop_keeps_a_prefix_and_the_next_sync_completes(qtbot, site, county,
                                                                         data_dir, tmp_path):
    page = _page(qtbot, site, data_dir)
    seen = []

    def watch(p):  # the user presses 停止 when the bar shows three chunks sent
        seen.append(p)
        if p["chunks_done"] == 3:
            page.stop_button.click()

    page.upload_progress.connect(watch)
    page.sync_button.click()
    total = seen[0]["chunks_total"]
    assert total >= 8 and seen[0]["chunks_done"] == 0 and seen[0]["records_total"] >= 40
    done = [p["chunks_done"] for p in seen]
    assert done == sorted(done) and done[-1] < total  # advanced, then stopped part-way
    assert seen[-1]["period"] == PERIOD and seen[-1]["batch_chunks"] == total
    acked, sent = _acked_prefix(site)
    assert acked == list(range(done[-1]))  # the first chunks, none skipped
    assert set(county_versions(county.engine)) == sent and len(sent) == seen[-1]["records_done"]
    assert "已停止" in page.progress_label.text() and "下次同步从第一个未确认的块继续" in \
        page.progress_label.text()
    assert page.progress.value() == done[-1] and page.progress.maximum() == total
    assert page.sync_button.isEnabled() and not page.stop_button.isEnabled()
    page.grab().save(str(tmp_path / "sync_stopped.png"))

    page.upload_progress.disconnect(watch)
    page.sync_button.click()
    assert county_versions(county.engine) == site_versions(site)  # exactly the site's records
    assert page.progress.value() == page.progress.maximum()
    assert page.progress_label.text().startswith("上传完成")


def test_progress_reaches_the_screen_from_the_worker_thread(qtbot, site, county, data_dir):
    runner = BackgroundRunner()
    page = _page(qtbot, site, data_dir, runner)
    page.sync_button.click()
    assert page.stop_button.isEnabled() and not page.sync_button.isEnabled()
    qtbot.waitUntil(lambda: page.sync_button.isEnabled(), timeout=30000)
    runner.wait()
    assert county_versions(county.engine) == site_versions(site)
    assert page.progress.value() == page.progress.maximum() > 1
    assert page.progress_label.text().startswith("上传完成") and not page.stop_button.isEnabled()


def test_needs_fixing_batches_and_months_export(qtbot, site, county, data_dir, tmp_path):
    page = _page(qtbot, site, data_dir, bad_record=True)
    page.sync_button.click()
    assert page.fixing_model.rowCount() == 1
    for export, table in ((page.fixing_export, page.fixing_table),
                          (page.batches_export, page.batches_table),
                          (page.months_export, page.months_table)):
        out = tmp_path / f"{export.title()}.xlsx"
        export.notify = lambda ok, text: None
        export.export(str(out))
        title, heads, rows = read_back(out)
        model = table.model()
        assert heads == [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        assert [["" if v is None else str(v) for v in r] for r in rows] == [
            [model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    assert title == "各月核对"
    assert read_back(tmp_path / "待修正（县平台拒收）.xlsx")[2][0][0] == "考勤"


@pytest.fixture(autouse=True)
def _no_boxes(monkeypatch):
    from ccschool.ui.widgets import common as classes_common
    monkeypatch.setattr(classes_common, "show_problem", lambda parent, exc: None)
