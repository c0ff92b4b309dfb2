"""The site's laptops on the desktop: the 同步 page's 本站点的电脑 box (add, retire, USB bundles,
what merging decided) and the first-run wizard's 加入本站点的另一台电脑, with real data folders
and real join files and bundles made by the services."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from ccschool.ui.ops.background import SyncRunner
from ccschool.ui.shell.context import AppContext, CurrentUser
from tests.devices.conftest import (ADMIN_PASSWORD, Laptop, enroll, open_device_wizard, opened,
                                    register, scan, today_session)


@pytest.fixture
def page(qtbot, first, tmp_path):
    from ccschool.ui.sync.page import SyncPage

    db = first.db()
    ctx = AppContext(db=db, run_in_background=SyncRunner(), user=CurrentUser("admin", "admin"),
                     data_dir=first.path)
    w = SyncPage(ctx)
    qtbot.addWidget(w)
    w.resize(1100, 760)
    w.show()
    w.asked = []
    w.ask = lambda _parent, _title, text: w.asked.append(text) or True
    w.tell = lambda *a: None
    yield w
    db.close()


def _column(model, column: int) -> list[str]:
    return [str(model.data(model.index(r, column))) for r in range(model.rowCount())]


def _add_laptop(page) -> dict:
    """Click 添加一台电脑…: no question where to save; returns what the window would show."""
    box, shown = page.devices, {}
    box.save_file = lambda *_a: pytest.fail("asked where to save before showing the code")
    box.show_code = lambda code, number, file: shown.update(code=code, device=number, file=file)
    box.add_button.click()
    return shown


def test_add_a_laptop_join_it_and_read_its_bundle_with_what_merging_decided(page, first,
                                                                           tmp_path):
    from ccschool.services.devices import join
    from ccschool.sync.devicesync import apply_bundle, write_bundle

    box = page.devices
    assert _column(box.model, 1) == ["-（本机）"] and _column(box.model, 2) == ["在用"]
    shown = _add_laptop(page)
    assert shown["device"] == 2 and Path(shown["file"]).is_file()
    assert _column(box.model, 0) == ["1", "2"]
    assert _column(box.model, 3)[1] == "从未"

    b = Laptop(tmp_path / "b")  # the second laptop joins with the file and the code shown
    with opened(b) as db, db.transaction(actor="setup") as s:
        join(s, data=Path(shown["file"]).read_bytes(), code=shown["code"])

    session = today_session(first)
    learner = register(first, "王芳", "13800000001")
    enroll(first, session["class_id"], learner["id"])
    box.refresh()
    assert "它可能缺" in _column(box.model, 4)[1]  # device 2 has not got them yet
    out = tmp_path / "to-b.ccssync"
    box.save_file = lambda *_a: str(out)
    box.bundle_button.click()
    assert out.is_file() and "已写入同步包" in box.result.text()
    with opened(b) as db:
        apply_bundle(db, out)

    # the same learner signed into the same session at both desks
    assert scan(first, session, learner["card_no"], 1) in ("ok", "late")
    assert scan(b, session, learner["card_no"], 5) in ("ok", "late")
    back = tmp_path / "from-b.ccssync"
    with opened(b) as db:
        write_bundle(db, back)
    told = []
    page.tell = lambda _p, _title, text: told.append(text)
    box.open_file = lambda *_a: str(back)
    box.apply_button.click()
    assert "来自 2 号终端" in box.result.text() and "合并 1 处" in box.result.text()
    assert "同一学员在同一课次被两台电脑签到，保留较早的一条" in told[-1]
    assert _column(box.model, 3)[1] not in ("从未", "")  # heard from device 2 now
    # it told us what it holds: all but the sign-in made here after our bundle reached it
    assert _column(box.model, 4)[1] == "它可能缺 1 条"
    page.grab().save(str(tmp_path / "sync_devices.png"))

    box.apply_button.click()  # the same bundle again: harmless
    assert "合并 0 处" in box.result.text() and "没有需要合并的记录" in told[-1]


def test_retire_names_the_laptop_and_refuses_nothing_selected(page, first, tmp_path):
    box = page.devices
    _add_laptop(page)
    told = []
    page.tell = lambda _p, _t, text: told.append(text)
    box.retire_button.click()
    assert told and page.asked == []  # nothing selected: nothing retired
    box.table.selectRow(1)
    box.retire_button.click()
    assert "2 号终端" in page.asked[0]
    assert _column(box.model, 2) == ["在用", "已停用"]
    assert "已停用" in box.result.text()


def test_a_staff_account_cannot_add_or_retire(qtbot, first):
    from ccschool.ui.sync.page import SyncPage

    with opened(first) as db:
        w = SyncPage(AppContext(db=db, run_in_background=SyncRunner(),
                                user=CurrentUser("desk", "staff"), data_dir=first.path))
        qtbot.addWidget(w)
        assert not w.devices.add_button.isEnabled() and not w.devices.retire_button.isEnabled()
        assert w.devices.bundle_button.isEnabled()


# -- the first-run wizard's third path ---------------------------------------------------------

@pytest.fixture
def join_file(first, tmp_path) -> dict:
    from ccschool.services.devices import add_device

    with opened(first) as db, db.transaction(actor="admin") as s:
        return add_device(s, out=tmp_path / "new.ccsjoin", name="村教学点")


@pytest.fixture
def wizard(qtbot, tmp_path):
    w, db = open_device_wizard(qtbot, tmp_path / "new")
    yield w
    db.close()


def test_wizard_joins_the_site_as_the_next_device(wizard, join_file, tmp_path):
    from ccschool.services.devices import list_devices
    from ccschool.services.login import login

    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # file and code are required
    wizard.device.choose_file = lambda: join_file["file"]
    wizard.device.browse()
    wizard.device.code.setText(join_file["code"])
    wizard.grab().save(str(tmp_path / "wizard_device.png"))
    finish.click()
    assert not wizard.isVisible() and wizard.user is None  # the user logs in next
    assert wizard.joined["device"] == 2
    with wizard.db.read() as s:
        assert [d["this"] for d in list_devices(s)] == [False, True]
    assert login(wizard.db, name="admin", password=ADMIN_PASSWORD).name == "admin"


def test_wizard_says_so_for_a_wrong_code_and_stays(wizard, join_file):
    from ccschool.services.site import has_site

    wizard.device.file.setText(join_file["file"])
    wrong = "AAAA-AAAA-AAAA" if join_file["code"] != "AAAA-AAAA-AAAA" else "BBBB-BBBB-BBBB"
    wizard.device.code.setText(wrong)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.currentId() == wizard.DEVICE
    assert "验证码不对" in wizard.device.message.text()
    wizard.device.file.setText(join_file["file"] + ".missing")
    wizard.device.code.setText(join_file["code"])
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert "找不到加入文件" in wizard.device.message.text()
    with wizard.db.read() as s:
        assert not has_site(s)  # nothing half-written
