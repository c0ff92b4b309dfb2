"""The one table model (ui/widgets/rows_model.py), checked with pytest-qt's qtmodeltester: dict
rows (reports), dataclass rows (sync status), and every table model of every page as built."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QColor

from ccschool.sync.status import MonthCounts
from ccschool.ui.shell.pages import PAGES
from ccschool.ui.widgets.rows_model import Column, RowsModel, keyed, pct


def _cells(model: RowsModel, role=Qt.ItemDataRole.DisplayRole) -> list[list]:
    return [[model.data(model.index(r, c), role) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_dict_rows_show_figures_as_people_write_them(qtmodeltester):
    model = RowsModel([keyed("name", "Class"), keyed("hours", "Hours"), keyed("rate", "Rate", pct),
                       ("Teacher", lambda r: r.get("teacher"))])
    model.set_rows([{"id": "c1", "name": "电商直播", "hours": 6.0, "rate": 0.5, "teacher": None},
                    {"id": "c2", "name": "Tea", "hours": 1.5, "rate": None, "teacher": "王"}])
    qtmodeltester.check(model)
    assert _cells(model) == [["电商直播", "6", "50.0%", ""], ["Tea", "1.5", "", "王"]]
    assert _cells(model, Qt.ItemDataRole.ToolTipRole) == _cells(model)
    assert [model.data(model.index(r, 0), Qt.ItemDataRole.UserRole) for r in range(2)] == ["c1", "c2"]
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Rate"
    assert model.row(1)["name"] == "Tea" and model.row(2) is None


def test_dataclass_rows_and_colours(qtmodeltester):
    model = RowsModel([Column("Month", lambda m: m.period), Column("Here", lambda m: m.here),
                       Column("Rejected", lambda m: m.rejected)])
    model.colours = lambda m: QColor("red") if m.rejected else None
    model.set_rows([MonthCounts("2026-03", 120, 119, 1, 0), MonthCounts("2026-02", 80, 80, 0, 0)])
    qtmodeltester.check(model)
    assert _cells(model) == [["2026-03", "120", "1"], ["2026-02", "80", "0"]]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) == QColor("red")
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is None
    model.set_rows([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_rows_added_and_changed_in_place_without_a_reset(qtmodeltester):
    """What the desk, the audit log and the paper sheet do to a shown list: insert at the top,
    append a page below, change one row; the view is never reset, so its selection stays."""
    model = RowsModel([keyed("name", "Name"), keyed("status", "Status")])
    model.tips = lambda r: f"{r['name']}: {r['status']}"
    model.set_rows([{"id": "a", "name": "张三", "status": "出勤"}])
    resets, inserted, changed = [], [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.dataChanged.connect(lambda tl, br, _r: changed.append((tl.row(), tl.column(), br.column())))
    model.insert_rows(0, [{"id": "b", "name": "李四", "status": "迟到"}])
    model.append_rows([{"id": "c", "name": "王五", "status": "请假"},
                       {"id": "d", "name": "赵六", "status": "出勤"}])
    model.append_rows([])
    qtmodeltester.check(model)
    assert [r["id"] for r in model.rows] == ["b", "a", "c", "d"]
    assert inserted == [(0, 0), (2, 3)] and not resets
    model.replace_row(1, {"id": "a", "name": "张三", "status": "缺勤"})
    assert changed == [(1, 0, 1)] and _cells(model)[1] == ["张三", "缺勤"]
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole) == "张三: 缺勤"
    qtmodeltester.check(model)


@pytest.mark.parametrize("spec", PAGES, ids=[p.key for p in PAGES])
def test_every_page_table_model_passes_the_model_tester(qtbot, qtmodeltester, qapp, ctx, spec):
    page = spec.load()(ctx)
    qtbot.add_widget(page)
    page.show()
    ctx.run_in_background.settle(qapp)  # SyncRunner: whatever the page loads has arrived
    ours = [m for m in page.findChildren(QAbstractItemModel)
            if type(m).__module__.startswith("ccschool.")]
    if spec.key in ("learners", "classes", "volunteers", "reports", "sync"):
        assert ours, "these pages show tables"
    for model in ours:
        qtmodeltester.check(model)
