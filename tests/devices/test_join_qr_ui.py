"""The 添加一台电脑 window's QR code read by the new laptop's first-run wizard: the pixels the
window shows go through the webcam's decoder, the wizard fetches the join file over real HTTP
on 127.0.0.1 and joins with the code typed; closing the window ends the offer."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from ccschool.ui.ops.background import SyncRunner
from ccschool.ui.shell.context import AppContext, CurrentUser
from ccschool.services.devices import join
from tests.devices.conftest import ADMIN_PASSWORD, Laptop, open_device_wizard, opened


@pytest.fixture
def box(qtbot, tmp_path):
    """The admin's 本站点的电脑 box on device 1 of site TEST01, offering on loopback."""
    from ccschool.services import site, staff
    from ccschool.ui.sync.page import SyncPage

    a = Laptop(tmp_path / "a")
    with opened(a) as db, db.transaction(actor="admin") as s:
        site.init_site(s, code="TEST01", name="测试镇社区学校")
        staff.create_user(s, name="admin", password=ADMIN_PASSWORD, role="admin")
    db = a.db()
    page = SyncPage(AppContext(db=db, run_in_background=SyncRunner(),
                               user=CurrentUser("admin", "admin"), data_dir=a.path))
    qtbot.addWidget(page)
    page.show()
    page.devices.offer_host = "127.0.0.1"  # this machine has no LAN: loopback stands in
    yield page.devices
    if page.devices.join_dialog is not None:
        page.devices.join_dialog.reject()
    db.close()


def add_laptop(box) -> dict:
    """Click 添加一台电脑…: the window opens with the QR code, no question asked before."""
    shown = {}
    box.save_file = lambda *_a: pytest.fail("asked where to save before showing the QR")
    real = box.show_code
    box.show_code = lambda code, number, file: (shown.update(code=code, device=number),
                                               real(code, number, file))
    box.add_button.click()
    return shown


def read_by_webcam(qtbot, dialog) -> str:
    """What the webcam's decoder passes on from the window as painted (accept: join QRs)."""
    from ccschool.sync.joinoffer import looks_like_offer
    from ccschool.ui.checkin.camera import FrameDecoder

    decoder = FrameDecoder(accept=looks_like_offer)
    with qtbot.waitSignal(decoder.payload_read, timeout=10000) as got:
        assert decoder.submit(dialog.grab().toImage())
    return got.args[0]


def test_the_wizard_joins_from_the_qr_the_admin_window_shows(qtbot, box, tmp_path):
    from ccschool.services.devices import list_devices
    from ccschool.services.login import login
    from ccschool.sync.joinoffer import parse
    from ccschool.ui.checkin.camera import decode_image, qimage_to_pil

    shown = add_laptop(box)
    dialog = box.join_dialog
    qtbot.waitExposed(dialog)
    text = read_by_webcam(qtbot, dialog)
    offer = dialog.server.offer
    assert text == offer.qr_text() and parse(text).host == "127.0.0.1"
    # as a webcam sees it at arm's length: a third of the size, smoothed (~3 pixels a module)
    frame = dialog.grab().toImage()
    small = frame.scaled(frame.width() // 3, frame.height() // 3,
                         Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)
    assert decode_image(qimage_to_pil(small)) == [text]
    assert shown["code"].replace("-", "") not in text  # the code is typed, never scanned
    assert dialog.address.text() == offer.typed_text()
    # 10 px a module, quiet zone included: a version 3 code (29 modules), 370 px on screen
    assert dialog.qr.pixmap().width() == (29 + 2 * 4) * 10

    wizard, db = open_device_wizard(qtbot, tmp_path / "b")
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    wizard.device.use_scanned(text)  # where the camera window delivers what it read
    assert "核对无误" in wizard.device.fetch_state.text()
    assert wizard.device.source.text() == offer.typed_text()
    qtbot.waitUntil(lambda: "已取走加入文件" in dialog.status.text())  # the admin sees it went
    assert not finish.isEnabled()  # the code is still missing
    wizard.device.code.setText(shown["code"])
    assert finish.isEnabled()
    finish.click()
    assert wizard.joined["device"] == 2 and not wizard.isVisible()
    with db.read() as s:
        assert [d["this"] for d in list_devices(s)] == [False, True]
    assert login(db, name="admin", password=ADMIN_PASSWORD).name == "admin"
    db.close()


def test_a_closed_window_and_a_wrong_code_are_told_in_the_wizard(qtbot, box, tmp_path):
    from ccschool.services.site import has_site

    shown = add_laptop(box)
    dialog = box.join_dialog
    qtbot.waitExposed(dialog)
    typed = dialog.address.text()
    wizard, db = open_device_wizard(qtbot, tmp_path / "b")
    page, finish = wizard.device, wizard.button(QWizard.WizardButton.FinishButton)
    page.source.setText(typed)  # the address typed by hand instead of scanned
    page.fetch_button.click()
    wrong = "AAAA-AAAA-AAAA" if shown["code"] != "AAAA-AAAA-AAAA" else "BBBB-BBBB-BBBB"
    page.code.setText(wrong)
    finish.click()
    assert wizard.currentId() == wizard.DEVICE and "验证码不对" in page.message.text()

    dialog.accept()  # 已记下: the window closes, the offer ends
    assert box.join_dialog is None or not box.join_dialog.isVisible()
    page.source.setText(typed)
    page.fetch_button.click()
    assert page.fetched is None and not finish.isEnabled()
    assert "已不再提供这份加入文件" in page.message.text()
    page.source.setText("192.168.1.5")
    page.fetch_button.click()
    assert "这不是加入二维码或地址" in page.message.text()
    with db.read() as s:
        assert not has_site(s)
    db.close()


def test_without_a_lan_the_window_says_so_and_keeps_the_usb_way(qtbot, box, tmp_path):
    box.offer_host = "203.0.113.1"  # an address this laptop does not have: cannot listen
    shown = add_laptop(box)
    dialog = box.join_dialog
    assert dialog.server is None and "无法在 203.0.113.1 上提供加入文件" in dialog.status.text()
    assert dialog.findChild(type(dialog.status), "joinQr") is None
    assert len(dialog.code.text()) == 14
    # the USB way: 保存到U盘… copies the file where the admin chooses; the copy joins
    stick = tmp_path / "U盘" / "ccschool.ccsjoin"
    box.save_file = lambda *_a: str(stick)
    dialog.save_button.click()  # the stick's folder is not there: told in the window
    assert dialog.status.text().startswith("无法保存加入文件：") and not stick.exists()
    stick.parent.mkdir()
    dialog.save_button.click()
    assert dialog.status.text() == f"加入文件已保存到：{stick}"
    private = dialog.file
    dialog.accept()  # the data folder's copy goes with the window, the stick's stays
    assert not Path(private).exists() and stick.is_file()
    b = Laptop(tmp_path / "b")
    with opened(b) as db, db.transaction(actor="setup") as s:
        assert join(s, data=stick.read_bytes(), code=shown["code"])["device"] == 2
