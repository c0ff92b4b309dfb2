"""Webcam scanning: QtMultimedia preview, zxing-cpp decoding on a thread of its own (never the
GUI's).

Frames arrive on the GUI thread; one at a time is converted to a grey PIL image and handed to
a worker (a 640×480 decode takes ~6 ms, more on an old laptop); frames that arrive while it
works are dropped, so the preview never stutters.
"""
from __future__ import annotations

import time
from collections.abc import Callable

import zxingcpp
from PIL import Image
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

from ccschool.services.attendance.checkin import looks_complete
from ccschool.ui.ops import Op
from ccschool.ui.ops.background import BackgroundRunner

REPEAT_SECONDS = 3.0  # the same card held in front of the camera is read once, not per frame


def camera_status() -> tuple[bool, str]:
    """(available, why not) — shown on the disabled webcam button."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return False, QCoreApplication.translate(
            "Camera", "摄像头功能不可用：缺少系统多媒体组件，请用扫码枪或按姓名签到")
    if not QMediaDevices.videoInputs():
        return False, QCoreApplication.translate(
            "Camera", "未检测到摄像头：请接好USB摄像头后重新打开签到页，或用扫码枪")
    return True, ""


def qimage_to_pil(image: QImage) -> Image.Image:
    """A grey copy the worker thread owns (the frame's memory is reused by Qt)."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(grey.constBits())[:grey.bytesPerLine() * grey.height()]
    return Image.frombuffer("L", (grey.width(), grey.height()), data, "raw", "L",
                            grey.bytesPerLine(), 1)


_QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


def decode_image(image: Image.Image) -> list[str]:
    """Text of every QR code in the picture (learning cards are QR codes)."""
    return [b.text for b in zxingcpp.read_barcodes(image, formats=_QR_ONLY)]


def _decode_or_skip(image: Image.Image) -> list[str]:
    try:
        return decode_image(image)
    except Exception:  # a broken frame is just skipped
        return []


class FrameDecoder(QObject):
    """Decodes at most one frame at a time off the GUI thread; emits each new payload once."""

    payload_read = Signal(str)

    def __init__(self, parent=None, runner=None,
                 accept: Callable[[str], bool] = looks_complete) -> None:
        super().__init__(parent)
        self.accept = accept  # which texts are passed on: learning cards, or a join QR
        # A worker of its own (an Op's worker=): a frame never waits behind the desk's writes
        # or an export, and decoding never delays a scan.
        self.runner = runner or BackgroundRunner()
        self.busy = False
        self._last = ("", 0.0)

    def submit(self, image: QImage) -> bool:
        if self.busy or image.isNull():
            return False
        self.busy = True
        picture = qimage_to_pil(image)
        Op(None, self, worker=self.runner).on_success(self._finished).run(
            lambda: _decode_or_skip(picture))
        return True

    def _finished(self, texts: list) -> None:
        self.busy = False
        for text in texts:
            if not self.accept(text):
                continue
            last, when = self._last
            if text == last and time.monotonic() - when < REPEAT_SECONDS:
                continue
            self._last = (text, time.monotonic())
            self.payload_read.emit(text)


class CameraDialog(QDialog):
    """Live preview; every card read is passed on through `payload_read` (the desk signs it in;
    the first-run wizard's join path passes accept= for the admin's join QR instead)."""

    payload_read = Signal(str)

    def __init__(self, parent=None, *, hint: str = "",
                 accept: Callable[[str], bool] = looks_complete) -> None:
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices
        from PySide6.QtMultimediaWidgets import QVideoWidget

        super().__init__(parent)
        self.setWindowTitle(self.tr("摄像头扫码"))
        self.preview = QVideoWidget(self)
        self.preview.setMinimumSize(640, 480)
        self.hint = QLabel(hint or self.tr("把学习卡的二维码对准摄像头"), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.hint)
        self.decoder = FrameDecoder(self, accept=accept)
        self.decoder.payload_read.connect(self.payload_read)
        self.camera = QCamera(QMediaDevices.defaultVideoInput(), self)
        self.capture = QMediaCaptureSession(self)
        self.capture.setCamera(self.camera)
        self.capture.setVideoOutput(self.preview)
        self.preview.videoSink().videoFrameChanged.connect(self._on_frame)
        self.camera.errorOccurred.connect(lambda _e, text: self.hint.setText(text))
        self.camera.start()

    def _on_frame(self, frame) -> None:
        if not self.decoder.busy:
            self.decoder.submit(frame.toImage())

    def done(self, result: int) -> None:
        self.camera.stop()
        super().done(result)
