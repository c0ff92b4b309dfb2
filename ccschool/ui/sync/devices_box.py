"""本站点的电脑 on the 同步 page: the site's devices, what waits to go where, and the admin's
buttons — add a laptop (a join file and its one-time code), retire one, write and read a USB
sync bundle. The same services as `ccschool devices …`."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout)

from ccschool import clock
from ccschool.errors import CCSError
from ccschool.ui.sync.labels import kind_label
from ccschool.ui.widgets.common import RowsModel, make_table
from ccschool.ui.widgets.text import fill
from ccschool.ui.ops import Change, Op

if TYPE_CHECKING:  # the page imports this box
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


class JoinCodeDialog(QDialog):
    """The one-time code, large, for the admin to read out or copy onto the other laptop."""

    def __init__(self, code: str, device: int, file: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("添加一台电脑"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(fill(self.tr("已为 %1 号终端写好加入文件：\n%2"), device, file),
                                wordWrap=True))
        layout.addWidget(QLabel(self.tr("在新电脑的“首次使用”中选“加入本站点的另一台电脑”，"
                                        "选这个文件，再输入下面的一次性验证码："), wordWrap=True))
        self.code = QLabel(code, objectName="joinCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.code.font()
        font.setPointSizeF(font.pointSizeF() * 2.5)
        font.setBold(True)
        font.setFamily("monospace")
        self.code.setFont(font)
        layout.addWidget(self.code)
        layout.addWidget(QLabel(self.tr("验证码只显示这一次；加入文件含站点密钥，请当面交接，用后删除。"),
                                wordWrap=True, objectName="hintText"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("已记下"))
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


class DevicesBox(QGroupBox):
    def __init__(self, page: SyncPage) -> None:
        super().__init__(QCoreApplication.translate("DevicesBox", "本站点的电脑"))
        self.page, self.ctx = page, page.ctx
        self.save_file = self._save_file  # replaceable in tests
        self.open_file = self._open_file
        self.show_code = lambda code, number, file: JoinCodeDialog(code, number, file, self).exec()
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

        path = self.save_file(self.tr("保存加入文件"), "ccschool.ccsjoin",
                              self.tr("加入文件 (*.ccsjoin)"))
        if not path:
            return
        def write() -> dict:
            with self.ctx.transaction() as s:
                return add_device(s, out=Path(path))

        Op(self.ctx, self).on_success(self._device_added).on_refusal(
            lambda exc: self.page.show_problem(self, exc)).run(write)

    def _device_added(self, out: dict) -> None:
        self.refresh()
        self.show_code(out["code"], out["device"], out["file"])

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
