"""班级 page: classes filtered by theme/term/venue; a class's sessions and learners."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSplitter, QStackedWidget, QTabWidget, QVBoxLayout,
                               QWidget)

from ccschool import clock
from ccschool.i18n import L
from ccschool.services import classes, enrollment, sessions, venues
from ccschool.services.weekly import day_label
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.common import RowsModel, ask, make_table, problem_box, selected_row
from ccschool.ui.widgets.table_export import TableExport
from ccschool.ui.ops import Change, Op, OpChanges

_WATCHED = (Change.CLASS, Change.SESSION, Change.ENROLLMENT, Change.VENUE, Change.SERVICE,
            Change.ATTENDANCE, Change.LEARNER)
_GREY = QColor("#888888")
BUTTON_ROW_MAX = 640  # pixels: a detail pane's buttons wider than this wrap into rows of three


def _term(r: dict) -> str:
    return f"{r['term_start'] or '?'} – {r['term_end'] or '?'}" if r["term_start"] else ""


def _term_short(r: dict) -> str:
    """Months only ("2026-09–11"), so the list keeps its width; the detail shows the days."""
    if not r["term_start"]:
        return ""
    start, end = r["term_start"][:7], (r["term_end"] or "?")[:7]
    return f"{start}–{end[5:]}" if end[:4] == start[:4] else f"{start}–{end}"


def _seats(r: dict) -> str:
    return f"{r['enrolled']}/{r['capacity']}" if r["capacity"] else str(r["enrolled"])


def _seats_and_waiting(r: dict) -> str:
    return _seats(r) + (f" +{r['waitlisted']}" if r["waitlisted"] else "")


class ClassesPage(QWidget):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ask = ask  # replaceable in tests (no modal box offscreen)
        self.today = clock.today()
        self.all_rows: list[dict] = []
        self.class_id: str | None = None
        self._pending_session: str | None = None  # chosen in the timetable, shown when loaded
        layout = QVBoxLayout(self)
        layout.addLayout(self._filter_bar())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._left_tabs())
        split.addWidget(self._detail())
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 4)
        split.setSizes([700, 580])
        layout.addWidget(split)
        ctx.signals.records_changed.connect(self._on_records_changed)
        self.refresh()

    # -- building -----------------------------------------------------------------------
    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.theme = QComboBox()
        self.theme.addItem(self.tr("全部主题"), None)
        with self.ctx.db.read() as s:
            allowed = classes.themes(s)  # the county's list once it sets one
        for t in allowed:
            self.theme.addItem(classes.theme_label(t), t)
        self.term, self.venue = QComboBox(), QComboBox()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索课程名称"))
        self.search.setClearButtonEnabled(True)
        for label, w in ((self.tr("主题"), self.theme), (self.tr("学期"), self.term),
                         (self.tr("场地"), self.venue)):
            bar.addWidget(QLabel(label))
            bar.addWidget(w)
            # sized for 6 characters, not the longest theme or venue: in large text the three
            # combos took the whole line and squeezed the search box to nothing (the open
            # list still shows every name whole)
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(6)
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance(
            self.search.placeholderText()) + 12)
        bar.addWidget(self.search, 1)
        self.venues_button = QPushButton(self.tr("场地资源库…"))
        self.add_button = QPushButton(self.tr("新建班级…"))
        self.venues_button.clicked.connect(self.open_venues)
        self.add_button.clicked.connect(self.open_add_class)
        bar.addWidget(self.venues_button)
        bar.addWidget(self.add_button)
        self.theme.currentIndexChanged.connect(self.refresh)
        self.venue.currentIndexChanged.connect(self.refresh)
        self.term.currentIndexChanged.connect(self._apply_term)
        self.search.textChanged.connect(self._apply_term)
        return bar

    def _left_tabs(self) -> QTabWidget:
        """班级列表 and 课表 (the month calendar) share the left side; the detail stays right."""
        from ccschool.ui.classes.calendar import MonthTimetable

        self.left_tabs = QTabWidget()
        self.left_tabs.addTab(self._class_list(), self.tr("班级列表"))
        self.timetable = MonthTimetable(self.ctx, self)
        self.timetable.session_chosen.connect(self.show_session)
        self.left_tabs.addTab(self.timetable, self.tr("课表（月历）"))
        self.left_tabs.currentChanged.connect(
            lambda i: self.timetable.set_active(self.left_tabs.widget(i) is self.timetable))
        return self.left_tabs

    def _class_list(self) -> QWidget:
        self.class_model = RowsModel([
            (self.tr("课程"), lambda r: r["name"]),
            (self.tr("主题"), lambda r: classes.theme_label(r["theme"])),
            (self.tr("教师"), lambda r: r["teacher"] or ""), (self.tr("场地"), lambda r: r["venue"] or ""),
            (self.tr("学期"), _term_short), (self.tr("人数（+候补）"), _seats_and_waiting)], self)
        # the course name at its full width; the last column takes what is left
        self.class_table = make_table(self.class_model, self, stretch=5)
        header = self.class_table.horizontalHeader()  # English theme names are long: cap them
        for column in (1, 3):  # theme, venue
            header.setSectionResizeMode(column, header.ResizeMode.Interactive)
            header.resizeSection(column, 130)
        self.class_table.selectionModel().selectionChanged.connect(self._on_class_selected)
        self.class_export = TableExport(self.class_table, self.tr("班级列表"),
                                        self.ctx)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.class_table)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.class_export.button)
        layout.addLayout(row)
        return box

    def _detail_title(self, what: str) -> str:
        """"书法 课次": the class's name in front, so the exported file says which class."""
        row = next((r for r in self.all_rows if r["id"] == self.class_id), None)
        return f"{row['name']} {what}" if row else what

    def _detail(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.title = QLabel(self.tr("请在左侧选择一个班级"))
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.title.setWordWrap(True)  # a long class name beside 导出Excel… wraps
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._sessions_tab(), self.tr("课次"))
        self.tabs.addTab(self._learners_tab(), self.tr("学员"))
        # each tab's 导出Excel… sits at the right of the class's title, where the row of actions
        # below the table has no room left in English (as the tab bar's corner widget it was
        # cut to the tab bar's height: its lower edge and text hidden)
        exports = QStackedWidget()
        exports.addWidget(self.session_export.button)
        exports.addWidget(self.roster_export.button)
        self.tabs.currentChanged.connect(exports.setCurrentIndex)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(exports, 0, Qt.AlignmentFlag.AlignBottom)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addLayout(title_row)
        for w in (self.info, self.tabs, self.status):
            layout.addWidget(w)
        return box

    @staticmethod
    def _button(text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button

    def _buttons(self, buttons: tuple[QPushButton, ...]) -> QGridLayout:
        """The buttons in one row, or in rows of three when one row would be wider than
        BUTTON_ROW_MAX (large text): the five session buttons in one row made the window wider
        than a 1366-pixel laptop screen."""
        wide = sum(b.sizeHint().width() for b in buttons) > BUTTON_ROW_MAX
        per_row = 3 if wide else len(buttons)
        grid = QGridLayout()
        for i, button in enumerate(buttons):
            grid.addWidget(button, i // per_row, i % per_row)
        grid.setColumnStretch(per_row, 1)
        return grid

    def _sessions_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.session_model = RowsModel([
            (self.tr("日期"), lambda r: r["date"]),
            (self.tr("星期"), lambda r: day_label(date.fromisoformat(r["date"]).weekday())),
            (self.tr("时间"), lambda r: f"{r['start']}–{r['end']}"), (self.tr("学时"), lambda r: r["hours"]),
            (self.tr("状态"), lambda r: sessions.state_label(r["state"])),
            (self.tr("签到"), lambda r: r["signed_in"] if r["attendance"] else ""),
            (self.tr("志愿者"), lambda r: L("、", ", ").join(r["helpers"])),
            (self.tr("内容"), lambda r: r["topic"] or "")], self)
        self.session_model.colours = lambda r: _GREY if r["state"] == "cancelled" else None
        self.session_table = make_table(self.session_model, self, stretch=7)
        self.session_export = TableExport(self.session_table, lambda: self._detail_title(
            self.tr("课次")), self.ctx)
        layout.addWidget(self.session_table)
        self.add_session_button = self._button(self.tr("添加课次…"), self.open_add_session)
        self.edit_session_button = self._button(self.tr("修改…"), self.open_edit_session)
        self.held_button = self._button(self.tr("标记已上课"), self.mark_held)
        self.cancel_session_button = self._button(self.tr("取消课次"), self.cancel_session)
        self.assign_button = self._button(self.tr("安排志愿者…"), self.open_assign)
        layout.addLayout(self._buttons((
            self.add_session_button, self.edit_session_button, self.held_button,
            self.cancel_session_button, self.assign_button)))
        return tab

    def _learners_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.roster_model = RowsModel([
            (self.tr("姓名"), lambda r: r["name"]), (self.tr("卡号"), lambda r: r["card_no"] or ""),
            (self.tr("状态"), lambda r: self.tr("已报名") if r["state"] == "enrolled" else self.tr("候补")),
            (self.tr("方式"), lambda r: self.tr("现场") if r["walk_in"] else "")], self)
        self.roster_model.colours = lambda r: _GREY if r["state"] == "waitlisted" else None
        self.roster_table = make_table(self.roster_model, self)
        self.roster_export = TableExport(self.roster_table, lambda: self._detail_title(
            self.tr("学员")), self.ctx)
        layout.addWidget(self.roster_table)
        self.enroll_button = self._button(self.tr("报名…"), self.open_enroll)
        self.withdraw_button = self._button(self.tr("退出班级"), self.withdraw)
        layout.addLayout(self._buttons((self.enroll_button, self.withdraw_button)))
        return tab

    # -- loading ------------------------------------------------------------------------
    def _on_records_changed(self, changes: OpChanges) -> None:
        if changes.touches(*_WATCHED):
            self.refresh()

    def refresh(self) -> None:
        theme, venue_id = self.theme.currentData(), self.venue.currentData()
        self.timetable.set_filters(theme, venue_id)

        def load():
            with self.ctx.db.read() as s:
                return ([venues.venue_dict(v) for v in venues.list_venues(s)],
                        classes.list_classes(s, theme=theme, venue_id=venue_id))

        Op(self.ctx, self).on_success(self._loaded).run(load)

    def _loaded(self, result) -> None:
        venue_rows, self.all_rows = result
        self._fill_combo(self.venue, self.tr("全部场地"), [(v["name"], v["id"]) for v in venue_rows])
        terms = sorted({(r["term_start"], r["term_end"]) for r in self.all_rows if r["term_start"]},
                       reverse=True)
        self._fill_combo(self.term, self.tr("全部学期"),
                         [(self.tr("进行中"), "now")] + [(f"{a} – {b}", f"{a}|{b}") for a, b in terms])
        self._apply_term()

    def _fill_combo(self, combo: QComboBox, all_text: str, items) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, None)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
        combo.blockSignals(False)

    def _term_matches(self, r: dict) -> bool:
        term, today = self.term.currentData(), self.today.isoformat()
        if not term:
            return True
        if term == "now":
            return (r["term_start"] or today) <= today <= (r["term_end"] or today)
        return f"{r['term_start']}|{r['term_end']}" == term

    def _apply_term(self) -> None:
        text = self.search.text().strip()
        rows = [r for r in self.all_rows if self._term_matches(r) and text in r["name"]]
        keep = self.class_id  # the reset below must not lose the open class
        self.class_model.set_rows(rows)
        ids = [r["id"] for r in rows]
        if keep in ids:
            self.class_id = keep
            self.class_table.selectRow(ids.index(keep))
            self.load_detail()
        else:
            self.class_id = None
            self.load_detail()

    def _on_class_selected(self, *_args) -> None:
        row = selected_row(self.class_table)
        new_id = row["id"] if row else None
        if new_id != self.class_id:
            self.class_id = new_id
            self.status.clear()
            self.load_detail()

    def select_class(self, class_id: str) -> None:
        ids = [r["id"] for r in self.class_model.rows]
        if class_id in ids:
            self.class_table.selectRow(ids.index(class_id))

    def show_session(self, class_id: str, session_id: str) -> None:
        """Open a class (and select one session) chosen in the timetable."""
        if class_id not in (r["id"] for r in self.class_model.rows):
            # hidden only by the term or search box (theme and venue are the timetable's own)
            self.search.clear()
            self.term.setCurrentIndex(0)
        self._pending_session = session_id
        if self.class_id == class_id:
            self._select_pending_session()
        else:
            self.select_class(class_id)

    def _select_pending_session(self) -> None:
        ids = [r["id"] for r in self.session_model.rows]
        if self._pending_session in ids:
            self.tabs.setCurrentIndex(0)
            row = ids.index(self._pending_session)
            self.session_table.selectRow(row)
            self.session_table.scrollTo(self.session_model.index(row, 0),
                                       self.session_table.ScrollHint.PositionAtCenter)
            self._pending_session = None

    def load_detail(self) -> None:
        class_id = self.class_id
        if class_id is None:
            self._show_detail(None)
            return

        def load():
            with self.ctx.db.read() as s:
                return (class_id, sessions.class_sessions_overview(s, class_id=class_id),
                        enrollment.roster(s, class_id=class_id))

        Op(self.ctx, self).on_success(self._show_detail).run(load)

    def _show_detail(self, result) -> None:
        enabled = result is not None and result[0] == self.class_id
        for b in (self.add_session_button, self.edit_session_button, self.held_button,
                  self.cancel_session_button, self.assign_button, self.enroll_button,
                  self.withdraw_button):
            b.setEnabled(enabled)
        if not enabled:
            self.title.setText(self.tr("请在左侧选择一个班级"))
            self.info.clear()
            self.session_model.set_rows([])
            self.roster_model.set_rows([])
            return
        _cid, session_rows, roster_rows = result
        row = next(r for r in self.all_rows if r["id"] == self.class_id)
        self.title.setText(row["name"])
        self.info.setText(self._info_text(row, session_rows))
        self.session_model.set_rows(session_rows)
        self.roster_model.set_rows(roster_rows)
        self._select_pending_session()

    def _info_text(self, r: dict, session_rows: list[dict]) -> str:
        held = sum(s["state"] == "held" for s in session_rows)
        live = sum(s["state"] != "cancelled" for s in session_rows)
        parts = [classes.theme_label(r["theme"]), self.tr("教师：") + (r["teacher"] or "—"),
                 self.tr("场地：") + (r["venue"] or (self.tr("线上") if r["online"] else "—")),
                 self.tr("学期：") + (_term(r) or "—"),
                 self.tr("人数：") + _seats(r)
                 + (self.tr("（候补 %1 人）").replace("%1", str(r["waitlisted"])) if r["waitlisted"] else ""),
                 self.tr("每次 %1 学时").replace("%1", f"{r['hours_per_session']:g}"),
                 self.tr("结业出勤率 %1%").replace("%1", f"{r['min_attendance_rate'] * 100:.0f}"),
                 self.tr("课次 %1/%2 已上").replace("%1", str(held)).replace("%2", str(live))]
        if r["target_groups"]:
            groups = (classes.group_label(g) for g in r["target_groups"].split(","))
            parts.append(self.tr("对象：") + L("、", ", ").join(groups))
        return " · ".join(parts)

    # -- actions ------------------------------------------------------------------------
    def _act(self, write, message: str) -> None:
        """A write from this page; the message once it is saved (the page refreshes from the
        change set like every other page)."""
        Op(self.ctx, self).on_success(lambda _r: self.status.setText(message)).on_refusal(
            problem_box(self)).run(write)

    def open_add_class(self) -> None:
        from ccschool.ui.classes.dialog import AddClassDialog

        dialog = AddClassDialog(self.ctx, self)
        if dialog.exec() and dialog.created_id:
            self.class_id = dialog.created_id
            self.refresh()

    def open_venues(self) -> None:
        from ccschool.ui.classes.small_dialogs import VenuesDialog

        VenuesDialog(self.ctx, self).exec()

    def _hours(self) -> float:
        return next((r["hours_per_session"] for r in self.all_rows if r["id"] == self.class_id), 1.0)

    def open_add_session(self) -> None:
        from ccschool.ui.classes.small_dialogs import SessionDialog

        if self.class_id is not None:  # the button is enabled only with a class open
            SessionDialog(self.ctx, self.class_id, parent=self, hours=self._hours()).exec()

    def open_edit_session(self) -> None:
        from ccschool.ui.classes.small_dialogs import SessionDialog

        row = selected_row(self.session_table)
        if row and self.class_id is not None:
            SessionDialog(self.ctx, self.class_id, row, parent=self).exec()

    def open_assign(self) -> None:
        from ccschool.ui.classes.small_dialogs import AssignDialog

        row = selected_row(self.session_table)
        if row:
            AssignDialog(self.ctx, row["id"], self).exec()

    def open_enroll(self) -> None:
        from ccschool.ui.classes.small_dialogs import EnrollDialog

        if self.class_id is not None:
            EnrollDialog(self.ctx, self.class_id, self).exec()

    def mark_held(self) -> None:
        row = selected_row(self.session_table)
        if row is None:
            return

        def write():
            with self.ctx.transaction() as s:
                sessions.mark_held(s, session_id=row["id"])

        self._act(write, self.tr("已标记 %1 的课次为已上课").replace("%1", row["date"]))

    def cancel_session(self) -> None:
        """Cancel the selected session; with sign-ins it asks first and keeps them."""
        row = selected_row(self.session_table)
        if row is None or row["state"] == "cancelled":
            return
        if row["attendance"]:
            text = self.tr("该课次已有 %1 条签到记录。取消后这些记录仍然保留。\n确定取消 %2 的课次吗？")
        else:
            text = self.tr("确定取消 %2 的课次吗？其他课次不受影响。")
        text = text.replace("%1", str(row["attendance"])).replace("%2", row["date"])
        if not self.ask(self, self.tr("取消课次"), text):
            return

        def write():
            with self.ctx.transaction() as s:
                sessions.cancel_session(s, session_id=row["id"], confirm=True)

        self._act(write, self.tr("已取消 %1 的课次").replace("%1", row["date"]))

    def withdraw(self) -> None:
        row, class_id = selected_row(self.roster_table), self.class_id
        if row is None or class_id is None or not self.ask(
                self, self.tr("退出班级"), self.tr("确定让 %1 退出本班吗？").replace("%1", row["name"])):
            return

        def write():
            with self.ctx.transaction() as s:
                promoted = enrollment.withdraw(s, class_id=class_id, learner_id=row["learner_id"])
                return enrollment.roster(s, class_id=class_id) if promoted else None, promoted

        Op(self.ctx, self).on_success(lambda result: self._withdrawn(row, result)).on_refusal(
            problem_box(self)).run(write)

    def _withdrawn(self, row: dict, result) -> None:
        message = self.tr("%1 已退出").replace("%1", row["name"])
        roster_rows, promoted = result
        if promoted is not None:
            name = next(r["name"] for r in roster_rows if r["learner_id"] == promoted.learner_id)
            message += self.tr("；候补学员 %1 已转为正式报名").replace("%1", name)
        self.status.setText(message)
