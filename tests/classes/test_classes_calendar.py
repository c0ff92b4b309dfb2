"""The 课表（月历） tab of the Classes page, offscreen: marked days, the day's list, a month
turned, a cancelled day greyed, a double-click that opens the class."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont

from ccschool.services import sessions
from ccschool.ui.ops import Change, OpChanges


@pytest.fixture
def ctx(db, qapp):
    from ccschool.ui.ops.background import SyncRunner
    from ccschool.ui.shell.context import AppContext

    return AppContext(db=db, run_in_background=SyncRunner())


@pytest.fixture
def month_reads(monkeypatch):
    """Each month the calendar reads, in order (the real service still runs)."""
    seen, real = [], sessions.month_overview

    def spy(s, **kw):
        seen.append((kw["year"], kw["month"]))
        return real(s, **kw)

    monkeypatch.setattr(sessions, "month_overview", spy)
    return seen


def _page(qtbot, ctx):
    from ccschool.ui.classes.page import ClassesPage

    page = ClassesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def _november(page):
    page.left_tabs.setCurrentWidget(page.timetable)
    page.timetable.calendar.setCurrentPage(2026, 11)
    return page.timetable


def _day(timetable, d: int, month: int = 11):
    timetable.calendar.setSelectedDate(QDate(2026, month, d))
    return [(r["start"], r["class_name"], r["state"]) for r in timetable.day_model.rows]


def test_days_with_sessions_are_bold_and_cancelled_only_days_grey(qtbot, ctx, timetable):
    from ccschool.ui.classes.calendar import GREY, LIVE_COLOUR

    cal = _november(_page(qtbot, ctx)).calendar
    assert cal.firstDayOfWeek() == Qt.DayOfWeek.Monday
    marked = {d for d in range(1, 31)
              if cal.dateTextFormat(QDate(2026, 11, d)).fontWeight() == QFont.Weight.Bold}
    assert marked == {3, 5, 10, 17, 19, 24, 26}  # 12th: cancelled only; 20th: deleted
    assert cal.dateTextFormat(QDate(2026, 11, 3)).foreground().color() == LIVE_COLOUR
    grey = cal.dateTextFormat(QDate(2026, 11, 12))
    assert grey.foreground().color() == GREY and grey.fontWeight() != QFont.Weight.Bold
    assert "取消" in grey.toolTip()
    assert cal.dateTextFormat(QDate(2026, 11, 20)).foreground().color() not in (GREY, LIVE_COLOUR)


def test_the_chosen_days_sessions_across_classes(qtbot, qtmodeltester, ctx, timetable):
    t = _november(_page(qtbot, ctx))
    assert _day(t, 3) == [("09:00", "八段锦", "planned"), ("14:00", "书法", "held")]
    qtmodeltester.check(t.day_model)
    shown = [[t.day_model.index(r, c).data() for c in range(5)] for r in range(2)]
    assert shown[0] == ["09:00–10:00", "八段锦", "西溪村农家书屋", "计划", "0"]
    assert shown[1] == ["14:00–15:30", "书法", "东山村文化礼堂", "已上课", "2"]  # 请假 not counted
    assert "2 个课次" in t.day_title.text()
    assert _day(t, 4) == [] and "没有课次" in t.day_title.text()


def test_a_cancelled_session_is_listed_grey(qtbot, ctx, timetable):
    from ccschool.ui.classes.calendar import GREY

    t = _november(_page(qtbot, ctx))
    assert _day(t, 12) == [("09:00", "八段锦", "cancelled")]
    index = t.day_model.index(0, 3)
    assert index.data() == "已取消"
    assert index.data(Qt.ItemDataRole.ForegroundRole) == GREY


def test_turning_the_month_reads_only_that_month(qtbot, ctx, timetable, month_reads):
    page = _page(qtbot, ctx)
    assert month_reads == []  # the list tab is showing: nothing read for the calendar yet
    t = _november(page)
    month_reads.clear()
    t.calendar.showNextMonth()
    assert month_reads == [(2026, 12)]
    assert set(t.rows_by_day) == {"2026-12-01"}
    assert t.calendar.dateTextFormat(QDate(2026, 11, 3)).fontWeight() != QFont.Weight.Bold
    assert t.calendar.dateTextFormat(QDate(2026, 12, 1)).fontWeight() == QFont.Weight.Bold
    # the page turned past the selection: the month's first day with a session is shown
    assert t.calendar.selectedDate() == QDate(2026, 12, 1)
    assert [r["class_name"] for r in t.day_model.rows] == ["书法"]


def test_the_page_filters_apply_to_the_calendar(qtbot, ctx, timetable, month_reads):
    page = _page(qtbot, ctx)
    t = _november(page)
    page.theme.setCurrentIndex(page.theme.findData("康养健身"))
    assert _day(t, 3) == [("09:00", "八段锦", "planned")]
    assert t.calendar.dateTextFormat(QDate(2026, 11, 10)).fontWeight() != QFont.Weight.Bold
    page.theme.setCurrentIndex(0)
    page.venue.setCurrentIndex(page.venue.findText("东山村文化礼堂"))
    assert _day(t, 3) == [("14:00", "书法", "held")]
    page.left_tabs.setCurrentIndex(0)
    month_reads.clear()
    # hidden tab: no read until it is opened again
    ctx.signals.records_changed.emit(OpChanges.of(Change.SESSION))
    assert month_reads == []
    page.left_tabs.setCurrentWidget(t)
    assert month_reads == [(2026, 11)]


def test_double_click_opens_the_class_at_that_session(qtbot, ctx, timetable):
    page = _page(qtbot, ctx)
    page.search.setText("八段")  # the class list hides 书法 …
    t = _november(page)
    _day(t, 3)
    view = t.day_table
    rect = view.visualRect(t.day_model.index(1, 1))
    # Qt 6's QTest sends no press before its double-click event: click first, as a hand does
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    # … so the search is cleared and 书法 opens on the right, its session selected
    assert page.search.text() == ""
    assert page.class_id == timetable["书法"] and page.title.text() == "书法"
    assert page.tabs.currentIndex() == 0
    rows = page.session_table.selectionModel().selectedRows()
    assert [page.session_model.row(r.row())["id"] for r in rows] == [timetable["held"]]
    assert page.left_tabs.currentWidget() is t  # the calendar stays in view
