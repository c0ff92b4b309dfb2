"""Staff login and the lock screen: name + PIN/password, checked by the staff service."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from ccschool.errors import CCSError
from ccschool.services import first_paint
from ccschool.ui.shell.context import CurrentUser


def active_user_names(db) -> list[str]:
    with db.engine.connect() as conn:  # plain SQL: no ORM set-up needed to draw a login form
        return first_paint.active_staff_names(conn)


def check_login(db, name: str, password: str) -> CurrentUser:
    """The login service decides (growing waits after wrong passwords, every try audited);
    raises PermissionDenied with a message for the user."""
    from ccschool.services import login

    user = login.login(db, name=name, password=password)
    return CurrentUser(user.name, user.role, must_change=user.must_change)


class LoginForm(QWidget):
    """User name, password, a message line and a button; emits who logged in."""

    logged_in = Signal(object)  # CurrentUser

    def __init__(self, db, *, name: str = "", parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.name_box = QComboBox(editable=True)
        self.name_box.addItems(active_user_names(db))
        self.name_box.setMinimumContentsLength(14)
        if name:
            self.name_box.setCurrentText(name)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码或PIN"))
        self.password.returnPressed.connect(self.try_login)
        self.message = QLabel(objectName="errorText", wordWrap=True)
        self.button = QPushButton(self.tr("登录"), default=True, autoDefault=True)
        self.button.clicked.connect(self.try_login)
        form = QFormLayout(self)
        form.addRow(self.tr("用户名"), self.name_box)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.message)
        form.addRow(self.button)
        self.setTabOrder(self.name_box, self.password)
        self.setTabOrder(self.password, self.button)

    def focus_first(self) -> None:
        (self.password if self.name_box.currentText() else self.name_box).setFocus()

    def try_login(self) -> None:
        try:
            user = check_login(self.db, self.name_box.currentText(), self.password.text())
        except CCSError as exc:
            self.message.setText(str(exc))
            self.password.selectAll()
            self.password.setFocus()
            return
        self.message.clear()
        self.password.clear()
        self.logged_in.emit(user)


class LoginDialog(QDialog):
    """Shown at start: who is at the keyboard decides what they may see and change."""

    def __init__(self, db, *, site_name: str = "", hint: str = "", parent=None) -> None:
        super().__init__(parent)
        self.user: CurrentUser | None = None
        self.setWindowTitle(self.tr("登录 — 社区学校学习管理"))
        title = QLabel(site_name or self.tr("社区学校学习管理"), objectName="pageTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.form = LoginForm(db, parent=self)
        self.form.logged_in.connect(self._accept_user)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.form)
        if hint:
            layout.addWidget(QLabel(hint, objectName="hintText", wordWrap=True))
        self.setMinimumWidth(420)
        self.form.focus_first()

    def _accept_user(self, user: CurrentUser) -> None:
        self.user = user
        self.accept()


class FirstAdminDialog(QDialog):
    """A site set up from the command line without an account: make the first admin."""

    def __init__(self, db, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.user: CurrentUser | None = None
        self.setWindowTitle(self.tr("创建管理员账号"))
        self.name = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.again = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.message = QLabel(objectName="errorText", wordWrap=True)
        button = QPushButton(self.tr("创建并登录"), default=True)
        button.clicked.connect(self.create_admin)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("这个站点还没有任何账号。请创建第一个管理员账号。"),
                           wordWrap=True))
        form.addRow(self.tr("用户名"), self.name)
        form.addRow(self.tr("密码（至少8位，不能全是数字）"), self.password)
        form.addRow(self.tr("再输一次"), self.again)
        form.addRow(self.message)
        form.addRow(button)
        self.setMinimumWidth(420)

    def create_admin(self) -> None:
        from ccschool.services import staff

        if self.password.text() != self.again.text():
            self.message.setText(self.tr("两次输入的密码不一样"))
            return
        name = self.name.text().strip()
        try:
            with self.db.transaction(actor=name or "setup") as s:
                staff.create_user(s, name=name, password=self.password.text(), role="admin")
        except CCSError as exc:
            self.message.setText(str(exc))
            return
        self.user = CurrentUser(name, "admin")
        self.accept()


class LockScreen(QWidget):
    """Covers the main window's content while locked; the same or another user unlocks it."""

    unlocked = Signal(object)  # CurrentUser

    def __init__(self, db, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.title = QLabel(self.tr("已锁定"), objectName="pageTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain = explain = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.form = LoginForm(db, parent=self)
        self.form.button.setText(self.tr("解锁"))
        self.form.logged_in.connect(self.unlocked)
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(explain)
        inner.addWidget(self.form)
        # A fixed width in text units (so large text widens it) and stretches instead of an
        # alignment flag: aligned widgets lose height-for-width and clip the wrapped text.
        box.setFixedWidth(self.fontMetrics().averageCharWidth() * 56)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def prepare(self, user_name: str, idle: bool = False) -> None:
        self.explain.setText(
            self.tr("一段时间没有操作，程序已锁定以保护学员信息。请再次输入密码。") if idle
            else self.tr("程序已锁定，学员信息已隐藏。请输入密码解锁。"))
        self.form.name_box.clear()
        self.form.name_box.addItems(active_user_names(self.db))
        self.form.name_box.setCurrentText(user_name)
        self.form.password.clear()
        self.form.message.clear()
        self.form.focus_first()
