"""The backup panel a coordinator sees in the settings page."""
from __future__ import annotations


import pytest

from ccschool.ui.settings.backup_panel import BackupPanel
from ccschool.ui.ops.background import SyncRunner
from ccschool.ui.shell.context import AppContext, CurrentUser
from ccschool.ui.ops import OpChanges
from tests.safety.conftest import counts


class Answers:
    """What the person types into the password dialogs (None: Cancel)."""

    def __init__(self, new="U盘密码-2468", existing="U盘密码-2468"):
        self.new_answer, self.existing_answer, self.asked = new, existing, []

    def new(self, parent):
        self.asked.append("new")
        return self.new_answer

    def existing(self, parent, name):
        self.asked.append(name)
        return self.existing_answer


@pytest.fixture
def panel(qtbot, filled, data_dir):
    ctx = AppContext(db=filled, run_in_background=SyncRunner(), data_dir=data_dir,
                     user=CurrentUser("管理员", "admin"))
    widget = BackupPanel(ctx, passwords=Answers())
    qtbot.addWidget(widget)
    widget.resize(560, 420)
    return widget


def test_panel_says_never_backed_up_then_shows_the_backup(panel, data_dir):
    assert "还没有备份过" in panel.status.text()
    panel.backup_button.click()
    assert "已校验" in panel.status.text() and "已校验" in panel.message.text()
    assert panel.backups.count() == 1 and "手动" in panel.backups.item(0).text()
    assert not panel.bar.isVisible()


def test_backup_to_usb_folder(panel, tmp_path):
    usb = tmp_path / "U盘"
    usb.mkdir()
    panel.backup_to(usb)
    (made,) = usb.glob("ccschool-*-usb.ccsbak")
    assert made.read_bytes()[:6] == b"CCSBAK"  # encrypted: a lost stick reveals nothing
    assert str(usb) in panel.message.text() and panel.passwords.asked == ["new"]


def test_usb_backup_cancelled_at_the_password_writes_nothing(panel, tmp_path):
    usb = tmp_path / "U盘"
    usb.mkdir()
    panel.passwords.new_answer = None
    panel.backup_to(usb)
    assert list(usb.iterdir()) == [] and "已取消" in panel.message.text()


def test_restore_of_an_encrypted_backup_asks_for_its_password(panel, filled, tmp_path):
    usb = tmp_path / "U盘"
    usb.mkdir()
    panel.backup_to(usb)
    (made,) = usb.glob("*.ccsbak")
    before = counts(filled.path)
    with filled.transaction(actor="admin") as s:
        s.connection().exec_driver_sql("DELETE FROM attendance")
    panel.passwords.existing_answer = "不是这个密码"
    panel.restore_from(made, confirmed=True)
    assert "备份密码不对" in panel.message.text() and "没有做任何改动" in panel.message.text()
    assert counts(filled.path)["attendance"] == 0
    panel.passwords.existing_answer = "U盘密码-2468"
    panel.restore_from(made, confirmed=True)
    assert "已恢复" in panel.message.text()
    assert counts(filled.path)["attendance"] == before["attendance"]
    assert panel.passwords.asked == ["new", made.name, made.name]


def test_password_dialog_wants_eight_characters_typed_twice(qtbot):
    from ccschool.ui.settings.backup_password import BackupPasswordDialog

    dialog = BackupPasswordDialog(new=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.first, "1234")
    dialog._accept()
    assert "至少 8 个字符" in dialog.problem.text() and dialog.isVisible()
    dialog.first.setText("长城长城-2468")
    dialog.second.setText("长城长城-2469")
    dialog._accept()
    assert "不一样" in dialog.problem.text() and dialog.isVisible()
    dialog.second.setText("长城长城-2468")
    with qtbot.waitSignal(dialog.accepted):
        dialog._accept()
    assert dialog.password() == "长城长城-2468"




def test_restore_from_the_list_brings_data_back(panel, filled, data_dir, qtbot):
    panel.backup_to(None)
    path = panel.backups.item(0).data(256)
    with filled.transaction(actor="admin") as s:
        s.connection().exec_driver_sql("DELETE FROM attendance")
    changed = []
    panel.ctx.signals.records_changed.connect(changed.append)
    panel.restore_from(path, confirmed=True)
    assert "已恢复" in panel.message.text()
    assert changed == [OpChanges.everything()]
    assert counts(filled.path)["attendance"] > 0
    with filled.read() as s:  # the app's own Database keeps working after the swap
        from sqlalchemy import text
        assert s.execute(text("SELECT count(*) FROM attendance")).scalar() > 0
    assert any("恢复前" in panel.backups.item(i).text() for i in range(panel.backups.count()))


def test_restore_of_a_wrong_file_shows_why_and_changes_nothing(panel, filled, tmp_path):
    junk = tmp_path / "名单.xlsx"
    junk.write_bytes(b"PK\x03\x04" + bytes(3000))
    before = counts(filled.path)
    panel.restore_from(junk, confirmed=True)
    assert "不是 ccschool 的备份文件" in panel.message.text()
    assert counts(filled.path) == before
    assert panel.backup_button.isEnabled()


def test_staff_cannot_restore(qtbot, filled, data_dir):
    ctx = AppContext(db=filled, run_in_background=SyncRunner(), data_dir=data_dir,
                     user=CurrentUser("志愿者", "staff"))
    widget = BackupPanel(ctx)
    qtbot.addWidget(widget)
    assert not widget.restore_button.isEnabled() and widget.backup_button.isEnabled()


def test_screenshot(panel, tmp_path):
    panel.backup_to(None)
    panel.show()
    image = panel.grab()
    assert not image.isNull() and image.save(str(tmp_path / "panel.png"))


def test_restore_waits_until_no_long_job_reads_the_old_file(panel, filled, qtbot):
    """An export on the long-job thread is still reading: a restore now is refused, not run
    under it; once the export is done the restore goes ahead."""
    import threading

    from ccschool.ui.ops import Op
    from ccschool.ui.ops.background import BackgroundRunner

    panel.backup_to(None)
    path = panel.backups.item(0).data(256)
    release = threading.Event()
    panel.ctx.run_long = BackgroundRunner()
    Op(panel.ctx, long=True).run(lambda: release.wait(30))
    before = counts(filled.path)
    panel.restore_from(path, confirmed=True)
    assert "请等它完成后再恢复" in panel.message.text()
    assert counts(filled.path) == before and panel.backups.count() == 1  # nothing happened
    release.set()
    qtbot.waitUntil(lambda: not panel.ctx.long_job_running(), timeout=10000)
    panel.restore_from(path, confirmed=True)
    assert "已恢复" in panel.message.text()
