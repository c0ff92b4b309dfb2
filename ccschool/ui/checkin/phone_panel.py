"""手机签到: the window for the projector with the rotating QR, the short address, the code and
the desk PIN. The web server listens only while this window is open and stops when it closes.

The server's threads never touch a widget: they emit signals, which Qt delivers on the GUI
thread (the desk's banner and list update the moment a phone signs in).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout,
                               QWidget)

from ccschool.errors import CCSError
from ccschool.ui.shell.context import AppContext

if TYPE_CHECKING:  # the server module is imported when the window opens
    from ccschool.lan.server import LanServer

QR_PIXELS = 460  # readable from the back of a hall when projected


def qr_pixmap(url: str, size: int = QR_PIXELS) -> QPixmap:
    """The URL's QR from the same encoder as the printed cards, one pixel per module, then
    scaled without smoothing (crisp modules, no blur)."""
    from ccschool.printing.qr import QUIET_ZONE, qr_matrix

    matrix = qr_matrix(url, error="m")
    side = len(matrix) + 2 * QUIET_ZONE
    image = QImage(side, side, QImage.Format.Format_Mono)
    image.fill(1)  # colour 1 of the mono table: white
    image.setColorTable([0xFF000000, 0xFFFFFFFF])
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.setPixel(x + QUIET_ZONE, y + QUIET_ZONE, 0)
    return QPixmap.fromImage(image).scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.FastTransformation)


class PhonePanel(QWidget):
    """A separate window (drag it to the projector); the desk keeps the scanner's focus."""

    signed_in = Signal(object)  # CheckinResult from a phone or a second desk (None: 请假)
    turned = Signal(object)  # TurnInfo: a new token, code and expiry
    closed = Signal()

    def __init__(self, ctx: AppContext, session_id: str, parent=None, *, host: str | None = None,
                 port: int | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx, self.session_id = ctx, session_id
        self.server: LanServer | None = None
        self.phone_count = 0
        self.setWindowTitle(self.tr("手机签到"))
        self._build()
        self.turned.connect(self._show_turn)
        self.signed_in.connect(self._count)
        # Quitting deletes this window without a close event: stop listening all the same.
        app = QCoreApplication.instance()  # there is one: this is a widget
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        self._start(host, port)

    # -- layout ---------------------------------------------------------------------------
    def _big(self, points: int, bold: bool = False) -> QLabel:
        label = QLabel(self)
        font = label.font()
        font.setPointSize(points)
        font.setBold(bold)
        label.setFont(font)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _caption(self, text: str) -> QLabel:
        label = self._big(15)
        label.setText(text)
        return label

    def _build(self) -> None:
        self.title = self._big(22, bold=True)
        self.qr = QLabel(self)
        self.qr.setFixedSize(QR_PIXELS, QR_PIXELS)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url = self._big(18, bold=True)
        self.code = self._big(40, bold=True)
        self.pin = self._big(16)
        self.pin.setWordWrap(True)
        self.count = self._big(18, bold=True)
        self.help = QLabel(self._help_text(), self)
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: #333;")
        self.help.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.stop_button = QPushButton(self.tr("关闭手机签到"), self)
        self.stop_button.setMinimumHeight(40)
        self.stop_button.clicked.connect(self.close)
        right = QVBoxLayout()
        for widget in (self._caption(self.tr("扫码签到，或在手机浏览器打开：")), self.url,
                       self._caption(self.tr("再输入签到码：")), self.code, self.count, self.pin):
            right.addWidget(widget)
        self.full_button = QPushButton(self.tr("全屏（投影）"), self)
        self.full_button.setMinimumHeight(40)
        self.full_button.clicked.connect(self.toggle_full_screen)
        right.addStretch(1)
        right.addWidget(self.full_button)
        right.addWidget(self.stop_button)
        row = QHBoxLayout()
        row.addWidget(self.qr)
        row.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(self.help)

    def _help_text(self) -> str:
        return self.tr(
            "<b>手机连不上？</b> 手机和这台电脑要连同一个 Wi-Fi（或这台电脑开的热点）。"
            "手机提示“此网络无法连接互联网”时，选“保持连接”；若手机仍用流量打开网页，"
            "请暂时关闭移动数据。没有 Wi-Fi 时：Windows 设置 → 网络和 Internet → 移动热点，"
            "打开后让手机连上它。第一次开启时 Windows 防火墙若询问，请勾选“专用网络”并点“允许”。"
            "<br><b>第二签到台：</b>工作人员用手机或另一台电脑打开上面的地址加 /desk，输入签到台密码。")

    def toggle_full_screen(self) -> None:
        """Fill the screen the window is on (drag it to the projector first)."""
        if self.isFullScreen():
            self.showNormal()
            self.full_button.setText(self.tr("全屏（投影）"))
        else:
            self.showFullScreen()
            self.full_button.setText(self.tr("退出全屏"))

    # -- server ---------------------------------------------------------------------------
    def _start(self, host: str | None, port: int | None) -> None:
        from ccschool.lan.netaddr import primary_ipv4
        from ccschool.lan.server import DEFAULT_PORT, LanServer, session_label

        host = host or primary_ipv4()
        if host is None:
            self._no_network(self.tr("这台电脑没有连上任何网络：请打开移动热点或连上场地的 Wi-Fi，"
                                     "再点“手机签到”。"))
            return
        try:
            self.title.setText(self.tr("手机签到 · {session}").format(
                session=session_label(self.ctx.db, self.session_id)))
            self.server = server = self._open(LanServer, host, port or DEFAULT_PORT)
        except CCSError as exc:
            self._no_network(str(exc))
            return
        self.pin.setText(self.tr("第二签到台：{url}/desk\n签到台密码：{pin}").format(
            url=server.base_url, pin=server.pin))
        self.count.setText(self.tr("经手机和第二签到台签到 {n} 人").format(n=0))

    def _open(self, server_class, host: str, port: int) -> LanServer:
        def make(p):
            return server_class(self.ctx.db, self.session_id, host=host, port=p,
                                actor=self.ctx.user.name, on_signed_in=self.signed_in.emit,
                                on_turn=self.turned.emit).start()
        try:
            return make(port)
        except CCSError:
            return make(0)  # the usual port is taken (another program): any free one will do

    def _no_network(self, why: str) -> None:
        self.url.setText(why)
        self.url.setWordWrap(True)
        self.code.setText("")

    def _show_turn(self, turn) -> None:
        if self.server is None:
            return
        self.qr.setPixmap(qr_pixmap(turn.url))
        self.url.setText(self.server.base_url + "/")
        self.code.setText(turn.code)

    def _count(self, result) -> None:
        if result is not None and result.signed_in:
            self.phone_count += 1
            self.count.setText(self.tr("经手机和第二签到台签到 {n} 人").format(n=self.phone_count))

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def closeEvent(self, event) -> None:
        self.stop()
        super().closeEvent(event)
        self.closed.emit()
