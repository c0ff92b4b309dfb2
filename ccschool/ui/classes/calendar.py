"""课表 (month timetable) on the Classes page: a calendar whose days with sessions stand out,
and the chosen day's sessions across all classes."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QLabel, QSplitter, QVBoxLayout, QWidget

from ccschool.services import sessions
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.common import RowsModel, make_table
from ccschool.ui.ops import Op

LIVE_COLOUR = QColor("#1565c0")  # a day with a planned or held session
LIVE_BACKGROUND = QColor("#e3f0fb")
GREY = QColor("#999999")  # nothing but cancelled sessions that day


def _qdate(iso: str) -> QDate:
    d = date.fromisoformat(iso)
    return QDate(d.year, d.month, d.day)


class MonthTimetable(QWidget):
    """Loads one month at a time (the page shown), only while it is the visible tab."""

    session_chosen = Signal(str, str)  # class id, session id (double-click in the day list)

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.theme: str | None = None
        self.venue_id: str | None = None
        self.active = False
        self.stale = True
        self.rows_by_day: dict[str, list[dict]] = {}
        self._wanted: tuple | None = None  # the month and filters last asked for
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._calendar())
        split.addWidget(self._day_list())
        split.setSizes([380, 320])  # a busy day lists over a hundred sessions
        layout.addWidget(split)

    def _calendar(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(QLocale())  # the app's language (QLocale.setDefault)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(
            QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.currentPageChanged.connect(lambda *_: self.reload())
        self.calendar.selectionChanged.connect(self._show_day)
        self.legend = QLabel(self.tr("蓝色加粗：当天有课 · 灰色：当天课次均已取消"))
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #666666;")
        layout.addWidget(self.calendar)
        layout.addWidget(self.legend)
        return box

    def _day_list(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.day_title = QLabel()
        self.day_title.setStyleSheet("font-weight: bold;")
        self.day_model = RowsModel([
            (self.tr("时间"), lambda r: f"{r['start']}–{r['end']}"),
            (self.tr("班级"), lambda r: r["class_name"]),
            (self.tr("场地"), self._venue_text),
            (self.tr("状态"), lambda r: sessions.state_label(r["state"])),
            (self.tr("签到"), lambda r: r["signed_in"])], self)
        self.day_model.colours = lambda r: GREY if r["state"] == "cancelled" else None
        self.day_table = make_table(self.day_model, self, stretch=1)
        self.day_table.setToolTip(self.tr("双击课次打开该班级"))
        self.day_table.doubleClicked.connect(self._on_double_click)
        layout.addWidget(self.day_title)
        layout.addWidget(self.day_table)
        return box

    def _venue_text(self, r: dict) -> str:
        return r["venue"] or (self.tr("线上") if r["online"] else "—")

    # -- loading ------------------------------------------------------------------------
    def set_filters(self, theme: str | None, venue_id: str | None) -> None:
        self.theme, self.venue_id = theme, venue_id
        self.mark_stale()

    def mark_stale(self) -> None:
        """Data or filters changed: reload now if shown, else when the tab is next opened."""
        self.stale = True
        if self.active:
            self.reload()

    def set_active(self, active: bool) -> None:
        self.active = active
        if active and self.stale:
            self.reload()

    def reload(self) -> None:
        """Re-read only the month on show, with the page's theme and venue filters."""
        wanted = (self.calendar.yearShown(), self.calendar.monthShown(), self.theme,
                  self.venue_id)
        self._wanted, self.stale = wanted, False
        year, month, theme, venue_id = wanted

        def load():
            with self.ctx.db.read() as s:
                return wanted, sessions.month_overview(s, year=year, month=month,
                                                       venue_id=venue_id, theme=theme)

        Op(self.ctx, self).on_success(self._loaded).run(load)

    def _loaded(self, result) -> None:
        wanted, rows = result
        if wanted != self._wanted:  # the user moved on while this month was read
            return
        by_day: dict[str, list[dict]] = defaultdict(list)
        for r in rows:
            by_day[r["date"]].append(r)
        self.rows_by_day = dict(by_day)
        self._mark_days()
        selected = self.calendar.selectedDate()
        if (selected.year(), selected.month()) != wanted[:2]:
            # the arrows turned the page: show the month's first day with a session
            first = min(self.rows_by_day, default=None)
            target = _qdate(first) if first else QDate(wanted[0], wanted[1], 1)
            self.calendar.setSelectedDate(target)  # emits selectionChanged → _show_day
        self._show_day()

    def _mark_days(self) -> None:
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears every mark
        for day, rows in self.rows_by_day.items():
            live = [r for r in rows if r["state"] != "cancelled"]
            fmt = QTextCharFormat()
            if live:
                fmt.setFontWeight(QFont.Weight.Bold)
                fmt.setForeground(LIVE_COLOUR)
                fmt.setBackground(LIVE_BACKGROUND)
                fmt.setToolTip(self.tr("%1 个课次").replace("%1", str(len(live))))
            else:
                fmt.setForeground(GREY)
                fmt.setToolTip(self.tr("课次均已取消"))
            self.calendar.setDateTextFormat(_qdate(day), fmt)

    def _show_day(self) -> None:
        selected = self.calendar.selectedDate()
        rows = self.rows_by_day.get(selected.toString("yyyy-MM-dd"), [])
        self.day_model.set_rows(rows)
        day_text = self.calendar.locale().toString(selected, QLocale.FormatType.LongFormat)
        count = (self.tr("%1 个课次").replace("%1", str(len(rows))) if rows
                 else self.tr("没有课次"))
        self.day_title.setText(f"{day_text} · {count}")

    def _on_double_click(self, index) -> None:
        row = self.day_model.row(index.row())
        if row:
            self.session_chosen.emit(row["class_id"], row["id"])
