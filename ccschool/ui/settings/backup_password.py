"""The password of an encrypted backup (one that leaves the data folder: a USB stick).

`BackupPasswords` asks the person at the laptop: a new password typed twice before a USB
backup, the password of an encrypted backup before a restore. The backup panel takes one in
its constructor, so tests can answer for the person without a modal dialog.
"""
from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from ccschool.errors import ValidationError
from ccschool.safety.sealed import check_new_password


class BackupPasswordDialog(QDialog):
    """One field (restore) or two (a new backup: typed twice, at least 8 characters)."""

    def __init__(self, parent: QWidget | None = None, *, new: bool, name: str = "") -> None:
        super().__init__(parent)
        self.new = new
        self.setWindowTitle(self.tr("备份密码"))
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        if new:
            intro = self.tr("备份到U盘会加密。请设置这份备份的密码（至少 8 个字符），"
                            "恢复时要用。密码丢了，这份备份就打不开了。")
            form.addRow(self.tr("密码："), self.first)
            form.addRow(self.tr("再输入一次："), self.second)
        else:
            intro = self.tr("{0} 是加密备份，请输入备份时设置的密码。").format(name)
            form.addRow(self.tr("密码："), self.first)
        label = QLabel(intro)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if self.new:
            try:
                check_new_password(self.first.text())
            except ValidationError as exc:
                self.problem.setText(str(exc))
                return
            if self.second.text() != self.first.text():
                self.problem.setText(self.tr("两次输入的密码不一样。"))
                return
        elif not self.first.text():
            return
        self.accept()

    def password(self) -> str:
        return self.first.text()


class BackupPasswords:
    """Asks with BackupPasswordDialog; None when the person cancels."""

    def new(self, parent: QWidget) -> str | None:
        dialog = BackupPasswordDialog(parent, new=True)
        return dialog.password() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def existing(self, parent: QWidget, name: str) -> str | None:
        dialog = BackupPasswordDialog(parent, new=False, name=name)
        return dialog.password() if dialog.exec() == QDialog.DialogCode.Accepted else None
