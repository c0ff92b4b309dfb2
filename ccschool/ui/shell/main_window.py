"""The main window: navigation on the left, pages created on first show, status bar, lock.

Pages come from ccschool/ui/shell/pages.py and are imported only when first shown, so start-up never
pays for printing, Excel or chart libraries. A page whose module is not installed shows a
friendly placeholder instead of breaking the window.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRect, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QMainWindow, QMessageBox, QStackedWidget,
                               QVBoxLayout, QWidget)

from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.icons import icon
from ccschool.ui.shell.pages import PAGES, PageSpec
from ccschool.ui.shell.status_bar import StatusBar
from ccschool.ui.widgets.text import fill

if TYPE_CHECKING:  # imported when the window first locks
    from ccschool.ui.shell.login import LockScreen

log = logging.getLogger(__name__)

ADMIN_ONLY = frozenset({"settings"})
# What a window manager adds around the window (Windows 10 and openbox at 96 dpi, a little
# generous): the geometry Qt sets is the inside, the screen's work area holds the outside.
TITLE_BAR = 32
FRAME_BORDER = 4


class Placeholder(QWidget):
    """Stands in for a page that is not installed (or failed to load)."""

    def __init__(self, title: str, text: str, parent=None) -> None:
        super().__init__(parent)
        heading = QLabel(title, objectName="pageTitle")
        body = QLabel(text, wordWrap=True, objectName="hintText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)


def page_title(spec: PageSpec) -> str:
    return QCoreApplication.translate("Pages", spec.title)


class MainWindow(QMainWindow):
    page_shown = Signal(str)  # key

    def __init__(self, ctx: AppContext, store: QSettings, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.store = ctx, store
        self.pages: dict[str, QWidget] = {}
        self._stale: set[str] = set()
        self.setWindowTitle(self.tr("社区学校学习管理"))
        self.setWindowIcon(icon("app"))
        self.nav = self._build_navigation()
        self.stack = QStackedWidget()
        self.lock_screen: LockScreen | None = None  # made on first lock
        self._covered: list[QWidget] = []  # other windows hidden while locked
        self.outer = QStackedWidget()
        self.outer.addWidget(self._content())
        self.setCentralWidget(self.outer)
        self.status = StatusBar(ctx)
        self.setStatusBar(self.status)
        self._build_actions()
        ctx.signals.records_changed.connect(self._on_records_changed)
        ctx.signals.connection_state_changed.connect(self.set_connection_state)
        ctx.signals.user_changed.connect(self._apply_role)
        self._apply_role()
        self.status.refresh()
        self.restore_state()

    # -- building -----------------------------------------------------------------------
    def _build_navigation(self) -> QListWidget:
        nav = QListWidget()
        nav.setObjectName("navigation")
        nav.setIconSize(QSize(24, 24))
        for n, spec in enumerate(PAGES, start=1):
            item = QListWidgetItem(icon(spec.icon or spec.key), page_title(spec))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            if n <= 9:
                item.setToolTip(f"Ctrl+{n}")
            nav.addItem(item)
        nav.setFixedWidth(max(nav.sizeHintForColumn(0) + 36, 150))
        nav.currentItemChanged.connect(self._on_nav_changed)
        return nav

    def _content(self) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        return box

    def _build_actions(self) -> None:
        menu = self.menuBar().addMenu(self.tr("程序(&F)"))
        self.lock_action = QAction(icon("lock"), self.tr("锁定(&L)"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: self.lock())  # not idle: no `checked` arg
        quit_action = QAction(self.tr("退出(&Q)"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        menu.addAction(self.lock_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        self.page_shortcuts = []
        for n, spec in enumerate(PAGES[:9], start=1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{n}"), self)
            shortcut.activated.connect(lambda key=spec.key: self.show_page(key))
            self.page_shortcuts.append(shortcut)

    # -- pages --------------------------------------------------------------------------
    def nav_item(self, key: str) -> QListWidgetItem | None:
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                return item
        return None

    def allowed(self, key: str) -> bool:
        return key not in ADMIN_ONLY or self.ctx.user.is_admin

    def show_page(self, key: str) -> bool:
        """Switch to page `key` (created on first show); False if this user may not see it."""
        item = self.nav_item(key)
        if item is None or not self.allowed(key) or self.is_locked():
            return False
        if self.nav.currentItem() is not item:
            self.nav.setCurrentItem(item)  # comes back through _on_nav_changed
        else:
            self._show(key)
        return True

    def current_key(self) -> str | None:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _on_nav_changed(self, item, _previous) -> None:
        if item is not None:
            self._show(item.data(Qt.ItemDataRole.UserRole))

    def _show(self, key: str) -> None:
        page = self.pages.get(key) or self._create(key)
        self.stack.setCurrentWidget(page)
        if key in self._stale:
            self._stale.discard(key)
            self._refresh(key, page)
        self.page_shown.emit(key)

    def _create(self, key: str) -> QWidget:
        spec = next(s for s in PAGES if s.key == key)
        page = build_page(spec, self.ctx)
        self.pages[key] = page
        self.stack.addWidget(page)
        return page

    def _refresh(self, key: str, page: QWidget) -> None:
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def close_down(self) -> None:
        """The window has closed and no long job is left: pages that keep files (the print
        page's previews) remove them now."""
        for page in self.pages.values():
            close_down = getattr(page, "close_down", None)
            if callable(close_down):
                close_down()

    def _on_records_changed(self, _changes) -> None:
        # The visible page listens for itself; hidden ones catch up when next shown.
        current = self.current_key()
        self._stale.update(k for k in self.pages if k != current)
        self.status.refresh()

    def _apply_role(self) -> None:
        for spec in PAGES:
            item = self.nav_item(spec.key)
            if item is not None:  # every page has its item (made from PAGES)
                item.setHidden(not self.allowed(spec.key))
        current = self.current_key()
        if current and not self.allowed(current):
            self.show_page(PAGES[0].key)
        self.status.refresh_user()

    def set_connection_state(self, text: str) -> None:
        """The sync engine reports 在线/离线/上传中… here (or via ctx.signals)."""
        self.status.set_connection_state(text)

    # -- lock ---------------------------------------------------------------------------
    def is_locked(self) -> bool:
        return self.lock_screen is not None and self.outer.currentWidget() is self.lock_screen

    def lock_idle(self) -> None:
        """The idle timer's lock: the screen says why it locked."""
        self.lock(idle=True)

    def lock(self, idle: bool = False) -> None:
        if self.is_locked():
            return
        if self.lock_screen is None:
            from ccschool.ui.shell.login import LockScreen

            self.lock_screen = LockScreen(self.ctx.db)
            self.lock_screen.unlocked.connect(self.unlock)
            self.outer.addWidget(self.lock_screen)
        screen = self.lock_screen
        screen.prepare(self.ctx.user.name, idle=idle)
        self._cover_other_windows()
        self.outer.setCurrentWidget(screen)
        self.menuBar().setEnabled(False)
        screen.form.focus_first()
        log.info("locked (user %s)", self.ctx.user.name)

    def _cover_other_windows(self) -> None:
        """Nothing with learners' data may stay on screen over the lock."""
        for w in QApplication.topLevelWidgets():
            if w is self or not w.isVisible():
                continue
            if isinstance(w, QDialog):
                w.reject()  # cancelled: a dialog's action is saved whole or not at all
            else:
                w.hide()
                self._covered.append(w)

    def unlock(self, user) -> None:
        changed = (user.name, user.role) != (self.ctx.user.name, self.ctx.user.role)
        self.ctx.user = user
        self.outer.setCurrentIndex(0)
        self.menuBar().setEnabled(True)
        for w in self._covered:
            w.show()
        self._covered.clear()
        log.info("unlocked by %s", user.name)
        if changed:
            self.ctx.signals.user_changed.emit()

    # -- remembered state ---------------------------------------------------------------
    def restore_state(self) -> None:
        geometry = [self.store.value(f"window/{k}", None) for k in ("x", "y", "width", "height")]
        rect = QRect(*(int(v) for v in geometry)) if None not in geometry else None
        # The work area less the title bar and borders the window manager adds around us.
        screen = self.screen().availableGeometry().adjusted(
            FRAME_BORDER, TITLE_BAR, -FRAME_BORDER, -FRAME_BORDER)
        if rect is None or not screen.intersects(rect):
            # First start, or the window was left on a monitor that is gone: a comfortable
            # size that fits the work area with its frame, at the top of the work area
            # (window managers centre on the whole screen, taskbar included).
            self.resize(min(1180, screen.width()), min(760, screen.height()))
            area = self.screen().availableGeometry()
            self.move(area.left() + (area.width() - self.width()) // 2, area.top())
        else:
            # A size remembered on a bigger screen (or in English large text before it
            # fitted) comes back inside this one, so nothing ends up off-screen.
            self.setGeometry(clamp_to(rect, screen))
        if str(self.store.value("window/maximized", "false")).lower() == "true":
            self.setWindowState(Qt.WindowState.WindowMaximized)
        last = str(self.store.value("window/page", PAGES[0].key))
        if not self.show_page(last):
            self.show_page(PAGES[0].key)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not getattr(self, "_placed", False):
            self._placed = True
            # The frame's size is known only once the window manager has framed the window.
            QTimer.singleShot(0, self.keep_inside)
            QTimer.singleShot(400, self.keep_inside)

    def keep_inside(self) -> None:
        """Frame and all inside the work area: title bar below the screen's top, status bar
        above the taskbar. Nothing to do when it already is, or when maximised."""
        if self.isMaximized() or self.isFullScreen():
            return
        area, frame, inner = (self.screen().availableGeometry(), self.frameGeometry(),
                              self.geometry())
        if area.contains(frame):
            return
        extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
        size = inner.size().boundedTo(area.size() - extra).expandedTo(self.minimumSize())
        self.resize(size)
        self.move(clamp_to(QRect(frame.topLeft(), size + extra), area).topLeft())  # the frame

    def save_state(self) -> None:
        # Plain values only (no pickled Qt state), so the ini file stays readable and portable.
        geo = self.normalGeometry() if self.isMaximized() else self.geometry()
        for k, v in (("x", geo.x()), ("y", geo.y()), ("width", geo.width()),
                     ("height", geo.height())):
            self.store.setValue(f"window/{k}", v)
        self.store.setValue("window/maximized", self.isMaximized())
        if self.current_key():
            self.store.setValue("window/page", self.current_key())
        self.store.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.ctx.long_job_running() and not self.confirm_quit():
            event.ignore()
            return
        self.save_state()
        if not self.ctx.long_job_running():  # else run() does it once the job is done
            self.close_down()
        super().closeEvent(event)

    def confirm_quit(self) -> bool:
        """A long job still running: the program only really ends when it is done, and until
        then the data folder stays in use (opening the program again would say so)."""
        return QMessageBox.question(
            self, self.tr("退出"),
            self.tr("导出、打印、备份或同步还在后台进行。现在退出，程序会等它完成后才真正关闭。"
                    "要退出吗？"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes


def clamp_to(rect: QRect, available: QRect) -> QRect:
    """rect made no larger than `available` and moved (not shrunk further) to lie inside it."""
    out = QRect(rect.topLeft(), rect.size().boundedTo(available.size()))
    if out.right() > available.right():
        out.moveRight(available.right())
    if out.bottom() > available.bottom():
        out.moveBottom(available.bottom())
    if out.left() < available.left():
        out.moveLeft(available.left())
    if out.top() < available.top():
        out.moveTop(available.top())
    return out


def build_page(spec: PageSpec, ctx: AppContext) -> QWidget:
    """The page's widget, or a placeholder saying why it is not there."""
    module = spec.target.split(":")[0]
    title = page_title(spec)
    try:
        return spec.load()(ctx)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            log.exception("page %s needs a missing module", spec.key)
            return Placeholder(title, _broken_text())
        return Placeholder(title, QCoreApplication.translate(
            "MainWindow", "此功能尚未安装。请在软件更新后再使用。"))
    except Exception:  # one broken page must not take the whole window with it
        log.exception("page %s failed to open", spec.key)
        return Placeholder(title, _broken_text())


def _broken_text() -> str:
    return fill(QCoreApplication.translate(
        "MainWindow", "此功能暂时无法打开，其他功能不受影响。详细情况已记入日志（数据文件夹下的 %1）。"),
        "logs/ccschool.log")
