"""本站点的电脑 on the 同步 page: the site's devices, what waits to go where, and the admin's
buttons — add a laptop (a join file and its one-time code), retire one, write and read a USB
sync bundle. The same services as `ccschool devices …`."""
from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout,
                               QWidget)

from ccschool import clock
from ccschool.errors import CCSError
from ccschool.ui.sync.labels import kind_label
from ccschool.ui.widgets.common import RowsModel, make_table
from ccschool.ui.widgets.text import fill
from ccschool.ui.ops import Change, Op

if TYPE_CHECKING:  # the page imports this box
    from ccschool.lan.joinserve import JoinFileServer
    from ccschool.ui.sync.page import SyncPage


def merged_in_words(merged: list[dict]) -> list[str]:
    """What merging decided, one plain sentence per decision (the bundle's "merged" list)."""
    lines = []
    for m in merged:
        if m.get("waitlisted"):
            lines.append(QCoreApplication.translate(
                "DevicesBox", "报名：两台电脑都卖出了班级的最后名额，较晚的一条报名转入候补。"))
        elif m.get("kind") == "attendance":
            lines.append(QCoreApplication.translate(
                "DevicesBox", "考勤：同一学员在同一课次被两台电脑签到，"
                "保留较早的一条，另一条标为已合并（不计人次）。"))
        else:
            lines.append(fill(QCoreApplication.translate(
                "DevicesBox", "%1：两台电脑各建了同一条记录，保留较早的一条，另一条已合并。"),
                kind_label(m.get("kind", ""))))
    return lines


QR_MODULE_PIXELS = 10  # a version-3 code is then 370 px: ~3 camera pixels a module at 40 cm


def join_qr_pixmap(text: str) -> QPixmap:
    """The offer's QR, a whole number of pixels per module (crisp edges for the webcam)."""
    from ccschool.printing.qr import QUIET_ZONE, qr_matrix
    from ccschool.ui.checkin.phone_panel import qr_pixmap

    side = len(qr_matrix(text, error="m")) + 2 * QUIET_ZONE
    return qr_pixmap(text, size=side * QR_MODULE_PIXELS)


class JoinCodeDialog(QDialog):
    """The one-time code, large, for the admin to read out or copy onto the other laptop; and,
    while this window is open, the join file offered on the LAN with its QR code for the new
    laptop's webcam (`server`, a started JoinFileServer this window stops when it closes)."""

    heard = Signal(str, str)  # (kind, client) from the server's thread, delivered here

    def __init__(self, code: str, device: int, file: str, parent=None, *,
                 server: JoinFileServer | None = None, why_no_qr: str = "",
                 save_copy: Callable[[str], str | None] | None = None) -> None:
        super().__init__(parent)
        self.server, self.file, self.save_copy = server, file, save_copy
        self.setWindowTitle(self.tr("添加一台电脑"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(fill(self.tr("已为 %1 号终端准备好加入文件。"), device),
                                wordWrap=True))
        row = QHBoxLayout()
        layout.addLayout(row)
        steps = QVBoxLayout()
        if server is not None:
            row.addLayout(self._qr_column(server.offer))
            how = self.tr("在新电脑的“首次使用”中选“加入本站点的另一台电脑”，点“用摄像头扫描…”"
                          "对准左边的二维码（或输入二维码下方的地址，或点“保存到U盘…”"
                          "用U盘拷加入文件），再输入下面的一次性验证码：")
        else:
            how = self.tr("点“保存到U盘…”，把加入文件拷到新电脑；在新电脑的“首次使用”中选"
                          "“加入本站点的另一台电脑”，选这个文件，再输入下面的一次性验证码：")
        steps.addWidget(QLabel(how, wordWrap=True))
        self.code = QLabel(code, objectName="joinCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.code.font()
        font.setPointSizeF(font.pointSizeF() * 2.5)
        font.setBold(True)
        font.setFamily("monospace")
        self.code.setFont(font)
        steps.addWidget(self.code)
        self.status = QLabel(self.tr("等待新电脑取加入文件…") if server is not None else why_no_qr,
                             wordWrap=True)
        steps.addWidget(self.status)
        steps.addStretch(1)
        row.addLayout(steps, 1)
        if server is not None:  # its own line: the QR column is narrower than the address
            layout.addWidget(self._address(server.offer))
        hint = self.tr("验证码只显示这一次；加入文件含站点密钥，请当面交接，用后删除。")
        if server is not None:
            hint += self.tr("关闭此窗口后，局域网上不再提供加入文件。")
        layout.addWidget(QLabel(hint, wordWrap=True, objectName="hintText"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("已记下"))
        buttons.accepted.connect(self.accept)
        self.save_button = buttons.addButton(self.tr("保存到U盘…"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self._save)
        self.save_button.setEnabled(save_copy is not None)
        layout.addWidget(buttons)
        self.heard.connect(self._heard)
        if server is not None:
            server.on_event = self.heard.emit
            # quitting deletes this window without done(): stop offering all the same
            app = QCoreApplication.instance()
            if app is not None:  # always, with a window on screen
                app.aboutToQuit.connect(server.stop)
        self.setMinimumWidth(620)

    def _qr_column(self, offer) -> QVBoxLayout:
        column = QVBoxLayout()
        self.qr = QLabel(objectName="joinQr")
        self.qr.setPixmap(join_qr_pixmap(offer.qr_text()))
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.qr)
        column.addStretch(1)
        return column

    def _address(self, offer) -> QWidget:
        # label above the address: side by side they ran past the dialog's edge in large text
        line = QWidget()
        row = QVBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(self.tr("不能扫描时，在新电脑上输入地址："))
        hint.setWordWrap(True)
        row.addWidget(hint)
        self.address = QLabel(offer.typed_text(), objectName="joinAddress")
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.address.font()
        font.setFamily("monospace")
        font.setBold(True)
        self.address.setFont(font)
        row.addWidget(self.address)
        return line

    def _heard(self, kind: str, client: str) -> None:
        if kind == "fetched":
            self.status.setText(fill(self.tr("新电脑（%1）已取走加入文件，请在新电脑上输入验证码。"),
                                     client))
        elif kind == "withdrawn":
            self.status.setText(self.tr("尝试次数过多，已停止在局域网上提供加入文件。"
                                        "如需要，请关闭此窗口后重新“添加一台电脑”。"))

    def _save(self) -> None:
        assert self.save_copy is not None  # the button is enabled only with one
        told = self.save_copy(self.file)
        if told:  # where it went, or why it could not
            self.status.setText(told)

    def done(self, result: int) -> None:
        if self.server is not None:  # the offer lasts exactly as long as the window
            self.server.on_event = None  # a request still being answered tells nobody
            self.server.stop()
        # The copy in the data folder goes with the window (a copy saved to a USB stick stays):
        # it holds the site's key, encrypted with a code nobody will see again.
        Path(self.file).unlink(missing_ok=True)
        super().done(result)


class DevicesBox(QGroupBox):
    def __init__(self, page: SyncPage) -> None:
        super().__init__(QCoreApplication.translate("DevicesBox", "本站点的电脑"))
        self.page, self.ctx = page, page.ctx
        self.save_file = self._save_file  # replaceable in tests
        self.open_file = self._open_file
        self.show_code = self._show_code
        self.offer_host: str | None = None  # None: this laptop's LAN address
        self.join_dialog: JoinCodeDialog | None = None
        self.model = RowsModel([
            (self.tr("编号"), lambda r: r["number"]),
            (self.tr("名称"), lambda r: (r["name"] or "-") + (self.tr("（本机）") if r["this"] else "")),
            (self.tr("状态"), lambda r: self.tr("已停用") if r["retired_at"] else self.tr("在用")),
            (self.tr("上次联系"), lambda r: self.tr("本机") if r["this"] else
             (clock.stamp(r["last_heard_at"]) if r["last_heard_at"] else self.tr("从未"))),
            (self.tr("等待发送"), self._waiting)], self)
        self.table = make_table(self.model, self, stretch=4)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 3
                                    + self.table.horizontalHeader().height() + 8)
        self.add_button = QPushButton(self.tr("添加一台电脑…"))
        self.retire_button = QPushButton(self.tr("停用…"))
        self.bundle_button = QPushButton(self.tr("写同步包到U盘…"))
        self.apply_button = QPushButton(self.tr("读取同步包…"))
        self.add_button.clicked.connect(self.add_device)
        self.retire_button.clicked.connect(self.retire_device)
        self.bundle_button.clicked.connect(self.write_bundle)
        self.apply_button.clicked.connect(self.read_bundle)
        # One line, not word-wrapped: the page is sized by its minimum size, which a wrapped
        # label under-reports (its lines were painted over the table). What merging decided,
        # which can be many lines, is told in a message box.
        self.result = QLabel()
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # a long USB path must not widen the window: clipped, and whole in the tooltip
        self.result.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        # Two by two, not stacked: four stacked buttons made the Sync page taller than a
        # 1366x768 laptop's screen in normal text (it then scrolled for no reason).
        grid = QGridLayout()
        for i, b in enumerate((self.add_button, self.retire_button, self.bundle_button,
                               self.apply_button)):
            grid.addWidget(b, i // 2, i % 2)
        grid.setRowStretch(2, 1)
        row.addLayout(grid)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.result)
        admin = self.ctx.user.is_admin
        for b in (self.add_button, self.retire_button):
            b.setEnabled(admin)
            if not admin:
                b.setToolTip(self.tr("需要管理员账号"))

    def _waiting(self, r: dict) -> str:
        if r["retired_at"]:
            return ""
        if r["this"]:
            return fill(self.tr("%1 条待上传县平台"), r["waiting_for_county"] or 0)
        lack = r.get("may_lack")
        return fill(self.tr("它可能缺 %1 条"), lack) if lack else self.tr("无")

    # -- showing ------------------------------------------------------------------------
    def refresh(self) -> None:
        from ccschool.services.devices import list_devices
        from ccschool.sync.devicesync import peers_may_lack

        with self.ctx.db.read() as s:
            rows = list_devices(s)
            lack = peers_may_lack(s) if len(rows) > 1 else {}
        for r in rows:
            r["id"] = r["number"]
            r["may_lack"] = lack.get(r["number"])
        self.model.set_rows(rows)

    def selected(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    # -- actions ------------------------------------------------------------------------
    def add_device(self) -> None:
        from ccschool.services.devices import add_device

        from ccschool.services.devices import private_join_file

        # Straight to the QR code: no question of where to save a file first. The file is
        # written in the data folder; 保存到U盘… in the window copies it when the LAN fails.
        path = private_join_file(self.ctx.folder)

        def write() -> dict:
            with self.ctx.transaction() as s:
                return add_device(s, out=path)

        Op(self.ctx, self).on_success(self._device_added).on_refusal(
            lambda exc: self.page.show_problem(self, exc)).run(write)

    def _device_added(self, out: dict) -> None:
        self.refresh()
        self.show_code(out["code"], out["device"], out["file"])

    def _show_code(self, code: str, number: int, file: str) -> None:
        """The code and, while the window is open, the file offered on the LAN with its QR."""
        from ccschool.lan.joinserve import JoinFileServer, lan_host

        server, why = None, ""
        try:
            server = JoinFileServer(Path(file).read_bytes(),
                                    host=self.offer_host or lan_host()).start()
        except CCSError as exc:
            why = str(exc)
        except OSError as exc:  # the file just written is gone (a pulled USB stick)
            why = fill(self.tr("无法读取加入文件：%1"), exc.strerror or str(exc))
        self.join_dialog = JoinCodeDialog(code, number, file, self, server=server,
                                          why_no_qr=why, save_copy=self._save_join_copy)
        self.join_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.join_dialog.destroyed.connect(self._join_dialog_gone)
        self.join_dialog.open()

    def _join_dialog_gone(self) -> None:
        self.join_dialog = None

    def _save_join_copy(self, file: str) -> str | None:
        """Copy the join file where the admin chooses (a USB stick); what to tell, or None
        when the admin chose nothing. Told in the window: a message box would hide the QR."""
        path = self.save_file(self.tr("保存加入文件"), "ccschool.ccsjoin",
                              self.tr("加入文件 (*.ccsjoin)"))
        if not path:
            return None
        try:
            shutil.copyfile(file, path)
        except OSError as exc:  # a full or pulled stick
            return fill(self.tr("无法保存加入文件：%1"), exc.strerror or str(exc))
        return fill(self.tr("加入文件已保存到：%1"), path)

    def retire_device(self) -> None:
        from ccschool.services.devices import retire

        row = self.selected()
        if row is None or row["this"] or row["retired_at"]:
            self.page.tell(self, self.tr("停用"), self.tr("请先在表中选一台在用的其他电脑。"))
            return
        name = fill(self.tr("%1 号终端 %2"), row["number"], row["name"] or "")
        if not self.page.ask(self, self.tr("停用"), fill(self.tr(
                "停用 %1？\n停用后县平台将拒收它的上传，它也不能再与本站点同步。"
                "丢失或报废的电脑才需要停用。"), name.strip())):
            return
        number = row["number"]

        def write() -> None:
            with self.ctx.transaction() as s:
                retire(s, number=number)

        def retired(_r) -> None:
            self.result.setText(fill(self.tr("%1 已停用。"), name.strip()))
            self.refresh()

        Op(self.ctx, self).on_success(retired).on_refusal(
            lambda exc: self.page.show_problem(self, exc)).run(write)

    def write_bundle(self) -> None:
        from ccschool.sync.devicesync import write_bundle

        path = self.save_file(self.tr("写同步包到U盘"), f"ccschool-{clock.today()}.ccssync",
                              self.tr("同步包 (*.ccssync)"))
        if not path:
            return
        db = self.ctx.db
        self._busy(True, self.tr("正在写同步包…"))
        Op(self.ctx, self, long=True).on_success(self._bundle_written).on_failure(self._failed).run(
            lambda: write_bundle(db, Path(path)))

    def read_bundle(self) -> None:
        from ccschool.sync.devicesync import apply_bundle

        path = self.open_file(self.tr("读取同步包"), self.tr("同步包 (*.ccssync);;所有文件 (*)"))
        if not path:
            return
        if not Path(path).is_file():
            self.result.setText(fill(self.tr("找不到文件 %1"), path))
            return
        db = self.ctx.db
        self._busy(True, self.tr("正在读取同步包…"))
        # the merged kinds come from the change tracking; the sync page's figures change too
        Op(self.ctx, self, long=True, changes=(Change.SYNC,)).on_success(
            self._bundle_applied).on_failure(self._failed).run(lambda: apply_bundle(db, Path(path)))

    def _bundle_written(self, out: dict) -> None:
        self._busy(False, fill(self.tr("已写入同步包 %1：%2 条记录（已加密）。"),
                               out["file"], out["records"]))
        self.refresh()

    def _bundle_applied(self, out: dict) -> None:
        words = merged_in_words(out["merged"])
        summary = fill(self.tr("已读入 %1 条记录（来自 %2 号终端），合并 %3 处。"), out["applied"],
                       out["from_device"], len(words))
        self._busy(False, summary)
        self.refresh()
        self.page.tell(self, self.tr("读取同步包"), summary + "\n\n" + (
            self.tr("合并时的决定：") + "\n" + "\n".join(words) if words
            else self.tr("没有需要合并的记录。")))

    def _failed(self, exc) -> None:
        self._busy(False, "")
        if isinstance(exc, CCSError):
            self.page.show_problem(self, exc)
        else:
            self.result.setText(fill(self.tr("未完成：%1"), str(exc)))

    def _busy(self, busy: bool, text: str) -> None:
        for b in (self.bundle_button, self.apply_button):
            b.setEnabled(not busy)
        self.result.setText(text)
        self.result.setToolTip(text)

    def _save_file(self, title: str, name: str, pattern: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, name, pattern)
        return path

    def _open_file(self, title: str, pattern: str) -> str:
        path, _ = QFileDialog.getOpenFileName(self, title, "", pattern)
        return path
