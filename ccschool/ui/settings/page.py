"""设置: interface, study hours and certificates, county platform, villages, staff accounts.

Only admins see this page. Saving writes every changed setting in one transaction, each change
recorded in the audit log under the admin's name (AppContext.transaction passes it).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QMessageBox, QPlainTextEdit, QPushButton, QScrollArea, QSpinBox,
                               QVBoxLayout, QWidget)

from ccschool import settings
from ccschool.errors import CCSError, ValidationError
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.text import QT_TRANSLATE_NOOP, fill
from ccschool.ui.ops import Op

LANGUAGES = (("zh_CN", "中文"), ("en", "English"))  # each in its own language, never translated

# key, label (translated in context "SettingsPage"), minimum, maximum, step, shown as percent
NUMBERS = (
    ("hour_minutes", QT_TRANSLATE_NOOP("SettingsPage", "一学时的分钟数"), 15, 120, 5, False),
    ("credit_hours", QT_TRANSLATE_NOOP("SettingsPage", "每学分所需学时"), 0.5, 100, 0.5, False),
    ("late_after_minutes", QT_TRANSLATE_NOOP("SettingsPage", "开课后多少分钟算迟到"), 0, 120, 1, False),
    ("certificate_threshold", QT_TRANSLATE_NOOP("SettingsPage", "结业证书默认出勤率（%）"), 0, 100, 5, True),
    ("participation_target", QT_TRANSLATE_NOOP("SettingsPage", "参与率目标（%）"), 0, 100, 5, True),
)


def _number_box(whole: bool, low: float, high: float, step: float) -> QSpinBox | QDoubleSpinBox:
    """A spin box for one of NUMBERS: whole numbers, or one decimal place."""
    spin: QSpinBox | QDoubleSpinBox
    if whole:
        spin = QSpinBox()
        spin.setRange(int(low), int(high))
        spin.setSingleStep(int(step))
    else:
        spin = QDoubleSpinBox(decimals=1)
        spin.setRange(low, high)
        spin.setSingleStep(step)
    spin.setMinimumWidth(120)
    return spin


def parse_villages(text: str) -> dict[str, int]:
    """Lines of 村名=人口 (also ：/:/空格) into {village: population}; names the bad line."""
    result = {}
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip().replace("＝", "=").replace("：", "=").replace(":", "=")
        if not line:
            continue
        name, _, number = line.rpartition("=") if "=" in line else line.rpartition(" ")
        try:
            population = int(number.strip().replace(",", ""))
        except ValueError:
            population = -1
        if not name.strip() or population < 0:
            # {n}, not {row}: CCSError keeps `row` for itself and does not format it
            raise ValidationError("常住人口第{n}行应写成“村名=人数”：{line}",
                                  "Population line {n} should read “village=number”: {line}",
                                  n=n, row=n, line=line, field="village_population")
        result[name.strip()] = population
    return result


def format_villages(data: dict) -> str:
    return "\n".join(f"{k}={v}" for k, v in data.items())


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.numbers: dict[str, QSpinBox | QDoubleSpinBox] = {}
        self.county_notes: dict[str, QLabel] = {}
        self.county_keys: set[str] = set()  # decided by the county now: shown, not saved
        title = QLabel(self.tr("设置"), objectName="pageTitle")
        self.message = QLabel(wordWrap=True)
        self.save_button = QPushButton(self.tr("保存设置"))
        self.save_button.clicked.connect(self.save)
        body = QWidget()
        inner = QVBoxLayout(body)
        for group in (self._interface_group(), self._hours_group(), self._county_group(),
                      self._village_group(), self._staff_group(), self._backup_group()):
            if group is not None:
                inner.addWidget(group)
        inner.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(body)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        ctx.signals.user_changed.connect(self._apply_role)
        self.refresh()

    # -- building -----------------------------------------------------------------------
    def _interface_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("界面"))
        self.language = QComboBox()
        self.language.setProperty("ccschool_untranslated", True)
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.large_text = QCheckBox(self.tr("大字模式（字更大，适合老年人使用）"))
        self.idle = QSpinBox(minimum=0, maximum=240, suffix=self.tr(" 分钟"))
        self.idle.setSpecialValueText(self.tr("不锁定"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("界面语言"), self.language)
        form.addRow("", self.large_text)
        form.addRow(self.tr("空闲多久后锁定"), self.idle)
        form.addRow(QLabel(self.tr("语言和大字模式在重新启动程序后生效。"), objectName="hintText"))
        return box

    def _hours_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("学时与证书"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for key, label, low, high, step, percent in NUMBERS:
            spin = _number_box(settings.OPTIONS[key].type is int or percent, low, high, step)
            self.numbers[key] = spin
            note = self.county_notes[key] = QLabel(objectName="hintText")
            row = QHBoxLayout()
            row.addWidget(spin)
            row.addWidget(note, 1)
            form.addRow(QCoreApplication.translate("SettingsPage", label), row)
        self.county_rules_text = QLabel(wordWrap=True, objectName="hintText")
        form.addRow(self.county_rules_text)
        return box

    def _show_county_rules(self, ruled: dict, in_force: dict | None) -> None:
        """Values the county decides are read-only here, marked 由县平台设定 with their date."""
        self.county_keys = set(ruled)
        for key, spin in self.numbers.items():
            spin.setReadOnly(key in ruled)
            spin.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons if key in ruled
                                  else QSpinBox.ButtonSymbols.UpDownArrows)
            self.county_notes[key].setText(
                fill(self.tr("由县平台设定（生效日期 %1）"), ruled[key]) if key in ruled else "")
        if in_force is None:
            self.county_rules_text.setText("")
            return
        r = in_force["rules"]
        self.county_rules_text.setText(fill(
            self.tr("县平台规则（生效日期 %1）：课程主题 %2；节假日 %3；参与率目标 %4。"),
            in_force["effective_from"], "、".join(r["themes"]),
            "、".join(r["holidays"]) or self.tr("无"),
            " / ".join(f"{t:.0%}" for t in r["participation_targets"])))

    def _county_group(self) -> QGroupBox:
        """Address, upload token and county public key: the same service as `sync setup`,
        filled by hand or at once from the county connection file."""
        box = QGroupBox(self.tr("县平台"))
        self.county_url = QLineEdit(placeholderText="https://")
        self.token = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.county_key = QPlainTextEdit(placeholderText="-----BEGIN PUBLIC KEY-----")
        self.county_key.setTabChangesFocus(True)
        self.county_key.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.requires_id = QCheckBox(self.tr("县平台要求上传完整身份证号"))
        self.test_button = QPushButton(self.tr("测试连接"))
        self.test_button.clicked.connect(self.test_connection)
        self.import_button = QPushButton(self.tr("导入县平台连接文件…"))
        self.import_button.clicked.connect(lambda: self.import_connection_file())
        self.county_message = QLabel(wordWrap=True)
        url_row = QHBoxLayout()
        url_row.addWidget(self.county_url, 1)
        url_row.addWidget(self.test_button)
        form = QFormLayout(box)
        form.addRow("", self.import_button)
        form.addRow(self.tr("县平台地址"), url_row)
        form.addRow(self.tr("上传令牌"), self.token)
        form.addRow(self.tr("县平台公钥"), self.county_key)
        form.addRow("", self.requires_id)
        form.addRow("", self.county_message)
        return box

    def test_connection(self) -> None:
        """GET the county's health address off the GUI thread (a slow link takes seconds)."""
        from ccschool.sync.setup import test_connection

        url = self.county_url.text()
        self.test_button.setEnabled(False)
        self.county_message.setText(self.tr("正在连接县平台…"))

        def shown(text: str) -> None:
            self.test_button.setEnabled(True)
            self.county_message.setText(text)
        Op(self.ctx, self, long=True).on_success(shown).on_failure(lambda exc: shown(str(exc))).run(
            lambda: test_connection(url)[1])

    def import_connection_file(self, path: str | None = None) -> bool:
        """Fill address, token and key from the file the county gave; 保存设置 stores them."""
        from ccschool.sync.connection_file import read_connection_file

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("导入县平台连接文件"), "",
                                                  self.tr("县平台连接文件 (*.json *.ccsconn);;所有文件 (*)"))
            if not path:
                return False
        try:
            conn = read_connection_file(path)
        except CCSError as exc:
            self.county_message.setText(str(exc))
            return False
        self.county_url.setText(conn["url"])
        self.token.setText(conn["token"])
        self.county_key.setPlainText(conn["county_public_key"] or "")
        self.county_message.setText(fill(self.tr("已读入站点 %1 的连接文件，请点“保存设置”。"),
                                         conn["site_code"]))
        return True

    def _village_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("各村（社区）常住人口"))
        self.villages = QPlainTextEdit()
        self.villages.setPlaceholderText(self.tr("每行一个，例如：东山村=1520"))
        self.villages.setTabChangesFocus(True)
        self.villages.setMaximumHeight(140)
        layout = QVBoxLayout(box)
        layout.addWidget(QLabel(self.tr("用于计算参与率。"), objectName="hintText"))
        layout.addWidget(self.villages)
        return box

    def _staff_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("工作人员账号"))
        self.staff_list = QListWidget()
        self.staff_list.setMaximumHeight(130)
        self.new_name = QLineEdit(placeholderText=self.tr("用户名"))
        self.new_password = QLineEdit(echoMode=QLineEdit.EchoMode.Password,
                                      placeholderText=self.tr("密码或PIN"))
        self.new_role = QComboBox()
        self.new_role.addItem(self.tr("工作人员"), "staff")
        self.new_role.addItem(self.tr("管理员"), "admin")
        add = QPushButton(self.tr("添加账号"))
        add.clicked.connect(self.add_user)
        row = QHBoxLayout()
        for w in (self.new_name, self.new_password, self.new_role, add):
            row.addWidget(w)
        self.audit_button = QPushButton(self.tr("查看操作日志…"))
        self.audit_button.clicked.connect(self.open_audit_log)
        audit_row = QHBoxLayout()
        audit_row.addWidget(QLabel(self.tr("每项修改都记录了操作人和修改前后的内容。"),
                                   objectName="hintText"), 1)
        audit_row.addWidget(self.audit_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.staff_list)
        layout.addLayout(row)
        layout.addLayout(audit_row)
        return box

    def open_audit_log(self):
        from ccschool.ui.settings.audit_dialog import AuditLogDialog

        self.audit_dialog = AuditLogDialog(self.ctx, self)
        self.audit_dialog.open()
        return self.audit_dialog

    def _backup_group(self) -> QGroupBox | None:
        try:
            from ccschool.ui.settings.backup_panel import BackupPanel
        except ModuleNotFoundError as exc:  # the backup feature is not installed
            if not (exc.name or "").startswith("ccschool"):
                raise
            return None
        box = QGroupBox(self.tr("备份与恢复"))
        self.backup_panel = BackupPanel(self.ctx)
        self.backup_panel.setMinimumHeight(260)
        layout = QVBoxLayout(box)
        layout.addWidget(self.backup_panel)
        return box

    # -- data ---------------------------------------------------------------------------
    def refresh(self) -> None:
        from ccschool.services import site as site_svc
        from ccschool.services import staff
        from ccschool.sync import county_rules

        with self.ctx.db.read() as s:
            values = {key: settings.get(s, key) for key in settings.OPTIONS}
            ruled = {key: county[1] for key in settings.COUNTY_KEYS
                     if (county := settings.county_set(s, key)) is not None}
            in_force = county_rules.summary(s)["in_force"]
            site = site_svc.get_site(s)
            users = staff.list_users(s)
        self.language.setCurrentIndex(max(self.language.findData(values["language"]), 0))
        self.large_text.setChecked(values["large_text"])
        self.idle.setValue(values["idle_lock_minutes"])
        for key, *_rest, percent in NUMBERS:
            self.numbers[key].setValue(round(values[key] * 100) if percent else values[key])
        self._show_county_rules(ruled, in_force)
        self.requires_id.setChecked(values["county_requires_id"])
        self.villages.setPlainText(format_villages(values["village_population"]))
        self.county_url.setText(site.county_url or "")
        self.token.setText(site.upload_token or "")
        self.county_key.setPlainText(site.county_public_key or "")
        self._show_users(users)
        self._apply_role()

    def _show_users(self, users) -> None:
        self.staff_list.clear()
        for name, role in users:
            label = self.tr("管理员") if role == "admin" else self.tr("工作人员")
            self.staff_list.addItem(fill(self.tr("%1（%2）"), name, label))

    def _apply_role(self) -> None:
        admin = self.ctx.user.is_admin
        for w in self.findChildren(QGroupBox):
            w.setEnabled(admin)
        self.save_button.setEnabled(admin)
        if not admin:
            self.message.setText(self.tr("只有管理员可以修改设置。"))

    def form_values(self) -> dict:
        values = {"language": self.language.currentData(),
                  "large_text": self.large_text.isChecked(),
                  "idle_lock_minutes": self.idle.value(),
                  "county_requires_id": self.requires_id.isChecked(),
                  "village_population": parse_villages(self.villages.toPlainText())}
        for key, *_rest, percent in NUMBERS:
            if key in self.county_keys:
                continue  # the county decides it; settings.set would refuse a change too
            value = self.numbers[key].value()
            values[key] = value / 100 if percent else value
            if settings.OPTIONS[key].type is float:
                values[key] = float(values[key])
        return values

    def save(self) -> None:
        """Every changed setting in one transaction on the database worker."""
        try:
            values = self.form_values()
        except CCSError as exc:  # a village line that is not "村名=人数"
            self.message.setText(str(exc))
            return
        county = (self.county_url.text().strip(), self.token.text().strip(),
                  self.county_key.toPlainText().strip())
        # (a changed setting reaches the other pages, and the idle lock, as Change.SETTINGS)
        Op(self.ctx, self).on_success(lambda changed: self.message.setText(
            fill(self.tr("已保存（%1 项改动）。"), changed))).on_refusal(
            lambda exc: self.message.setText(str(exc))).run(lambda: self._save(values, county))

    def _save(self, values: dict, county: tuple[str, str, str]) -> int:
        from ccschool.sync.setup import change_link  # (the key check loads cryptography)

        url, token, key = county
        with self.ctx.transaction() as s:
            changed = settings.update(s, values)
            # checked and audited as `ccschool sync setup` does
            changed += change_link(s, url=url, token=token, county_public_key=key)
        return changed

    def add_user(self) -> None:
        from ccschool.services import staff

        values = dict(name=self.new_name.text(), password=self.new_password.text(),
                      role=self.new_role.currentData())

        def write() -> None:
            with self.ctx.transaction() as s:
                staff.create_user(s, **values)

        Op(self.ctx, self).on_success(lambda _r: self._user_added()).on_refusal(
            lambda exc: QMessageBox.warning(self, self.tr("不能添加账号"), str(exc))).run(write)

    def _user_added(self) -> None:
        self.new_name.clear()
        self.new_password.clear()
        self.message.setText(self.tr("账号已添加。"))
        self.refresh()
