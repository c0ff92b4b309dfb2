"""First run: join as a new site, or open the demo site to try the app.

Joining writes the site, its first venue and the first admin account in one transaction
(services.site_setup, as `ccschool init`), so a mistake on the last page leaves the database
exactly as empty as before.
"""
from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QProgressBar, QPushButton, QRadioButton,
                               QVBoxLayout, QWizard, QWizardPage)

from ccschool.errors import CCSError, NotFound
from ccschool.i18n import L
from ccschool.ui.ops import Op, Progress
from ccschool.ui.shell.context import AppContext, CurrentUser
from ccschool.ui.widgets.text import fill

DEMO_LEARNERS = 300
DEMO_MONTHS = 3


def build_demo_site(db, progress=None) -> CurrentUser:
    """The demo site with a realistic township's data; returns its admin account."""
    from ccschool.services.demo import DEMO_ADMIN, build_demo, ensure_demo_site

    with db.transaction(actor="demo") as s:
        ensure_demo_site(s)
        build_demo(s, learners=DEMO_LEARNERS, months=DEMO_MONTHS, progress=progress)
    return CurrentUser(DEMO_ADMIN[0], "admin")


class ChoicePage(QWizardPage):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("欢迎使用社区学校学习管理"))
        self.setSubTitle(self.tr("这台电脑上还没有站点。请选择："))
        self.join = QRadioButton(self.tr("加入为新站点（县社区教育学院已给了站点代码）"))
        self.device = QRadioButton(self.tr("加入本站点的另一台电脑（管理员已给了加入文件和验证码）"))
        self.demo = QRadioButton(self.tr("先打开示范站点看看（自动生成示范数据）"))
        self.join.setChecked(True)
        group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for button in (self.join, self.device, self.demo):
            group.addButton(button)
            layout.addWidget(button)
        layout.addWidget(QLabel(self.tr("示范站点用于熟悉操作，数据都是虚构的。"),
                                objectName="hintText", wordWrap=True))
        layout.addStretch(1)

    def nextId(self) -> int:  # noqa: N802 (Qt's name)
        if self.device.isChecked():
            return FirstRunWizard.DEVICE
        return FirstRunWizard.DEMO if self.demo.isChecked() else FirstRunWizard.SITE


class DevicePage(QWizardPage):
    """Join the site as its next device, from the join file an admin made on another laptop
    (同步 › 添加一台电脑…): copied by USB stick, or fetched over the LAN from the QR code that
    laptop shows (scanned with the webcam, or its address typed). Records arrive by syncing
    afterwards."""

    def __init__(self, wizard: "FirstRunWizard") -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.choose_file = self._choose_file  # replaceable in tests
        self.open_camera = self._open_camera
        self.fetched: bytes | None = None  # the join file fetched over the LAN
        self.setTitle(self.tr("加入本站点的另一台电脑"))
        self.setSubTitle(self.tr("用管理员做的加入文件和一次性验证码。"))
        how = QLabel(self.tr("在已有的电脑上打开“同步”页，点“添加一台电脑…”；在这里扫描那边屏幕上的"
                             "二维码（或输入其下方的地址，或用U盘拷来加入文件），再输入一次性验证码。"),
                     objectName="hintText", wordWrap=True)
        self.source = QLineEdit(placeholderText=self.tr("二维码下方的地址"))
        self.source.setToolTip(self.tr("如 192.168.1.5:8767/K7M2P-9QXWA-3HTRD-8NZEC"))
        self.source.returnPressed.connect(self.fetch)
        self.source.textEdited.connect(self._source_edited)
        self.scan_button = QPushButton(self.tr("用摄像头扫描…"))
        self.scan_button.clicked.connect(self.scan)
        self.fetch_button = QPushButton(self.tr("取文件"))
        self.fetch_button.clicked.connect(self.fetch)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_button)
        scan_row.addStretch(1)
        lan_row = QHBoxLayout()  # a line of its own: the address is long
        lan_row.addWidget(self.source, 1)
        lan_row.addWidget(self.fetch_button)
        self.fetch_state = QLabel(wordWrap=True)
        self.file = QLineEdit(placeholderText=self.tr("加入文件（.ccsjoin）"))
        self.file.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        self.code = QLineEdit(placeholderText=self.tr("例如 AB3D-7KMN-Q9XZ"))
        self.message = QLabel(objectName="errorText", wordWrap=True)
        form = QFormLayout(self)
        form.addRow(how)
        form.addRow(self.tr("从主电脑取"), scan_row)
        form.addRow(self.tr("或输入地址"), lan_row)
        form.addRow("", self.fetch_state)
        form.addRow(self.tr("或用加入文件"), file_row)
        form.addRow(self.tr("一次性验证码 *"), self.code)
        form.addRow(QLabel(self.tr("加入后，用在本站点已有的账号登录，然后在“同步”页同步以取得站点数据。"),
                           objectName="hintText", wordWrap=True))
        form.addRow(self.message)
        self.registerField("joincode*", self.code)
        self.setFinalPage(True)

    def initializePage(self) -> None:  # noqa: N802
        # looked for when the page opens, not when the wizard is built: finding cameras is slow
        from ccschool.ui.checkin.camera import camera_status

        available, _why = camera_status()
        self.scan_button.setEnabled(available)
        self.scan_button.setToolTip("" if available else self.tr(
            "未检测到摄像头：请输入二维码下方的地址，或用U盘拷加入文件"))

    def browse(self) -> None:
        path = self.choose_file()
        if path:
            self.file.setText(path)

    def _choose_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择加入文件"), "",
                                              self.tr("加入文件 (*.ccsjoin);;所有文件 (*)"))
        return path

    # -- over the LAN ----------------------------------------------------------------------
    def scan(self) -> None:
        self.camera = self.open_camera()
        self.camera.payload_read.connect(self.use_scanned)

    def _open_camera(self):
        from ccschool.sync.joinoffer import looks_like_offer
        from ccschool.ui.checkin.camera import CameraDialog

        dialog = CameraDialog(self, hint=self.tr("把主电脑屏幕上的二维码对准摄像头"),
                              accept=looks_like_offer)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def use_scanned(self, text: str) -> None:
        """A join QR the webcam read: show where it points, close the camera, fetch."""
        from ccschool.sync.joinoffer import parse

        camera = getattr(self, "camera", None)
        if camera is not None and shiboken6.isValid(camera):
            camera.close()
        self.camera = None
        try:
            self.source.setText(parse(text).typed_text())
        except CCSError as exc:
            self.message.setText(str(exc))
            return
        self.source.setCursorPosition(0)  # the address's start, not the end of the token
        self.fetch()

    def fetch(self) -> None:
        from ccschool.sync.joinoffer import fetch

        if not self.fetch_button.isEnabled():
            return  # Enter pressed while a fetch is under way
        text = self.source.text()
        self.fetched = None
        self.message.clear()
        self.fetch_state.setText(self.tr("正在从主电脑取加入文件…"))
        self.fetch_button.setEnabled(False)
        # on_failure, not on_refusal: whatever went wrong, the button comes back
        Op(self.wiz.ctx, self, long=True).on_success(self._fetched).on_failure(
            self._not_fetched).run(lambda: fetch(text))

    def _fetched(self, data: bytes) -> None:
        self.fetched = data
        self.fetch_button.setEnabled(True)
        self.fetch_state.setText(self.tr("已取到加入文件，与二维码核对无误。请输入一次性验证码。"))
        self.completeChanged.emit()
        self.code.setFocus()

    def _not_fetched(self, exc: BaseException) -> None:
        self.fetch_button.setEnabled(True)
        self.fetch_state.clear()
        self.message.setText(str(exc) if isinstance(exc, CCSError) else L(
            "未能取到加入文件：{e}", "Could not fetch the join file: {e}", e=exc))
        self.completeChanged.emit()

    def _source_edited(self) -> None:
        if self.fetched is not None:  # another address: the file fetched before no longer counts
            self.fetched = None
            self.fetch_state.clear()
            self.completeChanged.emit()

    # -- joining ---------------------------------------------------------------------------
    def isComplete(self) -> bool:  # noqa: N802
        has_file = self.fetched is not None or bool(self.file.text().strip())
        return has_file and super().isComplete()

    def nextId(self) -> int:  # noqa: N802
        return -1

    def validatePage(self) -> bool:  # noqa: N802
        try:
            if self.fetched is not None and not self.file.text().strip():
                self.wiz.join_device_data(self.fetched, self.code.text())
            else:
                self.wiz.join_device(self.file.text().strip(), self.code.text())
        except CCSError as exc:
            self.message.setText(str(exc))
            return False
        return True


class SitePage(QWizardPage):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("站点信息"))
        self.setSubTitle(self.tr("站点代码和名称以县里下发的为准。"))
        self.code = QLineEdit(placeholderText=self.tr("例如 330281101"))
        self.name = QLineEdit(placeholderText=self.tr("例如 东山镇社区学校"))
        self.level = QComboBox()
        self.level.addItem(self.tr("乡镇社区学校"), "township")
        self.level.addItem(self.tr("村（社区）教学站点"), "village")
        self.venue = QLineEdit(placeholderText=self.tr("例如 镇社区学校多功能教室"))
        self.address = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("站点代码 *"), self.code)
        form.addRow(self.tr("站点名称 *"), self.name)
        form.addRow(self.tr("站点级别"), self.level)
        form.addRow(self.tr("主要上课场地 *"), self.venue)
        form.addRow(self.tr("场地地址"), self.address)
        self.registerField("code*", self.code)
        self.registerField("name*", self.name)
        self.registerField("venue*", self.venue)


class CountyPage(QWizardPage):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("县平台"))
        self.setSubTitle(self.tr("县里还没有平台或暂时不知道，可以留空，以后在“设置”里填写。"))
        self.url = QLineEdit(placeholderText="https://")
        self.token = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(self.tr("县平台地址"), self.url)
        form.addRow(self.tr("上传令牌"), self.token)


class AdminPage(QWizardPage):
    """The first admin account; finishing this page writes everything in one transaction."""

    def __init__(self, wizard: "FirstRunWizard") -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("第一个管理员账号"))
        self.setSubTitle(self.tr("管理员可以修改设置、查看完整身份证号、添加工作人员账号。"))
        self.admin = QLineEdit(placeholderText=self.tr("例如 王老师"))
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.again = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.message = QLabel(objectName="errorText", wordWrap=True)
        form = QFormLayout(self)
        form.addRow(self.tr("用户名 *"), self.admin)
        form.addRow(self.tr("密码（至少8位，不能全是数字）*"), self.password)
        form.addRow(self.tr("再输一次 *"), self.again)
        form.addRow(self.message)
        self.registerField("admin*", self.admin)
        self.registerField("password*", self.password)
        self.setFinalPage(True)

    def nextId(self) -> int:  # noqa: N802
        return -1

    def validatePage(self) -> bool:  # noqa: N802
        if self.password.text() != self.again.text():
            self.message.setText(self.tr("两次输入的密码不一样"))
            return False
        try:
            self.wiz.join()
        except CCSError as exc:
            self.message.setText(str(exc))
            return False
        return True


class DemoPage(QWizardPage):
    def __init__(self, wizard: "FirstRunWizard") -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.done = False
        self.setTitle(self.tr("正在准备示范站点"))
        self.setSubTitle(self.tr("正在生成示范学员、班级和考勤，请稍候……"))
        self.bar = QProgressBar()
        self.message = QLabel(wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setFinalPage(True)

    def initializePage(self) -> None:  # noqa: N802
        if self.done:
            return
        self.bar.setRange(0, 0)  # busy until the first class is written
        self.wiz.setOption(QWizard.WizardOption.DisabledBackButtonOnLastPage, True)
        db = self.wiz.db
        op = Op(self.wiz.ctx, self).with_progress(self.on_progress)
        op.on_success(self.on_done).on_failure(self.on_error).run(
            lambda: build_demo_site(db, progress=op.progress))

    def on_progress(self, p: Progress) -> None:
        self.bar.setRange(0, p.total)
        self.bar.setValue(p.done)

    def on_done(self, user: CurrentUser) -> None:
        self.done = True
        self.wiz.user = user
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        from ccschool.services.demo import DEMO_ADMIN

        self.message.setText(fill(self.tr("示范站点已准备好。用户名：%1，密码：%2"), *DEMO_ADMIN))
        self.setTitle(self.tr("示范站点已准备好"))
        self.setSubTitle(self.tr("完成。点击“开始使用”进入程序。"))
        self.completeChanged.emit()

    def on_error(self, exc: BaseException) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.message.setText(str(exc) if isinstance(exc, CCSError) else
                             L("生成示范数据失败：{e}", "Could not make the demo data: {e}", e=exc))

    def isComplete(self) -> bool:  # noqa: N802
        return self.done

    def nextId(self) -> int:  # noqa: N802
        return -1


class FirstRunWizard(QWizard):
    CHOICE, SITE, COUNTY, ADMIN, DEMO, DEVICE = range(6)

    def __init__(self, db, run_in_background, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        # no page is open yet: the wizard's work runs through an Op of its own context
        self.ctx = AppContext(db=db, run_in_background=run_in_background)
        self.user: CurrentUser | None = None
        self.joined: dict | None = None  # set when this laptop joined a site as a device
        self.setWindowTitle(self.tr("首次使用"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("开始使用"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.choice = ChoicePage()
        self.site, self.county = SitePage(), CountyPage()
        self.admin, self.demo = AdminPage(self), DemoPage(self)
        self.device = DevicePage(self)
        for page_id, page in ((self.CHOICE, self.choice), (self.SITE, self.site),
                              (self.COUNTY, self.county), (self.ADMIN, self.admin),
                              (self.DEMO, self.demo), (self.DEVICE, self.device)):
            self.setPage(page_id, page)
        # The join path's page holds a status line and a message of up to three lines, and
        # QWizard sizes itself by word-wrapped labels' one-line hints: room by the font's height
        # (large text needs ~640 px, still inside a 1366x768 laptop's work area).
        line = self.fontMetrics().lineSpacing()
        self.setMinimumSize(max(680, line * 36), max(560, line * 27))

    def join(self) -> None:
        """Write the new site, its venue and the admin account; raises CCSError if refused."""
        from ccschool.services.site_setup import set_up_site

        admin_name = self.admin.admin.text().strip()
        with self.db.transaction(actor=admin_name or "setup") as s:
            set_up_site(
                s, code=self.site.code.text(), name=self.site.name.text(),
                level=self.site.level.currentData(), venue_name=self.site.venue.text(),
                venue_address=self.site.address.text(), county_url=self.county.url.text(),
                upload_token=self.county.token.text(), admin_name=admin_name,
                admin_password=self.admin.password.text())
        self.user = CurrentUser(admin_name, "admin")

    def join_device(self, file: str, code: str) -> dict:
        """Make this empty data folder the device the join file names (as `ccschool join`);
        raises CCSError for a wrong code, a changed file or a retired device. No user is
        logged in yet: the caller asks for one of the site's accounts next."""
        path = Path(file)
        if not path.is_file():
            raise NotFound("找不到加入文件 {p}", "No such join file: {p}", p=file, field="file")
        return self.join_device_data(path.read_bytes(), code)

    def join_device_data(self, data: bytes, code: str) -> dict:
        """As join_device, with the join file's bytes (fetched from the admin's laptop)."""
        from ccschool.services.devices import join

        with self.db.transaction(actor="setup") as s:
            out = join(s, data=data, code=code)
        self.user = None
        self.joined = out
        return out

    def reject(self) -> None:
        if self.currentId() == self.DEMO and not self.demo.done:
            return  # the demo data is being written; closing now would leave it half-made
        super().reject()
