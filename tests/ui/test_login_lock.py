"""Staff login, roles (admins see settings), idle lock and unlock, who made each change."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from ccschool.models import AuditEntry
from ccschool.ui.shell.context import CurrentUser
from ccschool.ui.shell.login import LoginDialog


def test_login_checks_the_password_and_gives_the_role(qtbot, shell_db):
    dialog = LoginDialog(shell_db, site_name="Test Township School")
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    assert {form.name_box.itemText(i) for i in range(form.name_box.count())} == {"admin", "clerk"}
    form.name_box.setCurrentText("clerk")
    qtbot.keyClicks(form.password, "0000")
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    assert form.message.text() == "用户名或密码不对"
    assert dialog.user is None and dialog.isVisible()
    form.password.clear()
    qtbot.keyClicks(form.password, "5678")
    with qtbot.waitSignal(form.logged_in):
        qtbot.keyClick(form.password, Qt.Key.Key_Return)
    assert dialog.user == CurrentUser("clerk", "staff")
    assert not dialog.user.is_admin


def test_staff_do_not_see_settings_admins_do(make_window, ctx, qtbot):
    ctx.user = CurrentUser("clerk", "staff")
    window = make_window()
    assert window.nav_item("settings").isHidden()
    assert not window.show_page("settings")
    assert "settings" not in window.pages
    ctx.user = CurrentUser("admin", "admin")
    ctx.signals.user_changed.emit()
    assert not window.nav_item("settings").isHidden()
    assert window.show_page("settings")


def test_idle_window_locks_and_asks_for_the_password_again(make_window, ctx, qtbot):
    window = make_window(idle_minutes=0.5 / 60)  # half a second
    window.show_page("classes")
    qtbot.waitUntil(window.is_locked, timeout=5000)
    assert window.outer.currentWidget() is window.lock_screen
    assert "一段时间没有操作" in window.lock_screen.explain.text()
    assert not window.menuBar().isEnabled()
    assert not window.show_page("reports")  # nothing behind the lock is reachable
    form = window.lock_screen.form
    assert form.name_box.currentText() == "admin"
    qtbot.keyClicks(form.password, "9999")
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    assert window.is_locked() and form.message.text() == "用户名或密码不对"
    form.password.clear()
    qtbot.keyClicks(form.password, "1234")
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    assert not window.is_locked()
    assert window.current_key() == "classes"


def test_any_key_or_click_restarts_the_idle_countdown(make_window, qtbot):
    window = make_window(idle_minutes=1)
    timer = window.idle.timer
    qtbot.wait(300)
    assert timer.remainingTime() < 60_000 - 250
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Shift)
    assert timer.remainingTime() > 60_000 - 150
    qtbot.wait(300)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton)
    assert timer.remainingTime() > 60_000 - 150
    assert not window.is_locked()


def test_ctrl_l_locks_and_another_user_can_unlock(make_window, ctx, qtbot):
    window = make_window()
    window.activateWindow()
    qtbot.waitActive(window)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked()
    # Issue 17.16: locked by hand, so it must not claim nobody used the program for a while
    assert "一段时间没有操作" not in window.lock_screen.explain.text()
    assert "已锁定" in window.lock_screen.explain.text()
    form = window.lock_screen.form
    form.name_box.setCurrentText("clerk")
    form.password.setText("5678")
    with qtbot.waitSignal(ctx.signals.user_changed):
        form.button.click()
    assert ctx.user == CurrentUser("clerk", "staff")
    assert window.nav_item("settings").isHidden()
    assert "clerk" in window.status.user.text()


def test_changes_are_recorded_under_the_logged_in_user(ctx):
    from ccschool import settings

    ctx.user = CurrentUser("clerk", "staff")
    with ctx.transaction() as s:
        settings.set(s, "late_after_minutes", 15)
    with ctx.db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "setting.change")).one()
    assert entry.actor == "clerk"


def test_a_site_without_accounts_asks_for_the_first_admin(qtbot, data_dir):
    from ccschool.db import open_database
    from ccschool.services import site
    from ccschool.ui.shell.login import FirstAdminDialog, active_user_names

    db = open_database(data_dir / "noadmin")
    with db.transaction(actor="cli") as s:
        site.init_site(s, code="TEST02", name="No Admin School")
    dialog = FirstAdminDialog(db)
    qtbot.addWidget(dialog)
    dialog.name.setText("王老师")
    dialog.password.setText("24")
    dialog.again.setText("24")
    dialog.create_admin()
    assert dialog.message.text() == "管理员密码至少8位" and active_user_names(db) == []
    dialog.password.setText("dongshan-2468")
    dialog.again.setText("dongshan-2468")
    dialog.create_admin()
    assert dialog.user == CurrentUser("王老师", "admin")
    assert active_user_names(db) == ["王老师"]
    db.close()


def test_locking_takes_other_windows_off_the_screen(make_window, qtbot):
    from PySide6.QtWidgets import QDialog, QWidget

    window = make_window()
    dialog, chart = QDialog(window), QWidget()
    qtbot.addWidget(chart)
    dialog.show()
    chart.show()
    window.lock()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert not chart.isVisible()
    window.unlock(CurrentUser("admin", "admin"))
    assert chart.isVisible() and not dialog.isVisible()


def test_wrong_passwords_at_the_login_screen_bring_a_wait(qtbot, shell_db):
    """Issue 16.8: the third wrong password in a row makes the next try wait."""
    dialog = LoginDialog(shell_db, site_name="Test Township School")
    qtbot.addWidget(dialog)
    form = dialog.form
    form.name_box.setCurrentText("clerk")
    for _ in range(3):
        form.password.setText("0000")
        form.try_login()
    assert form.message.text() == "密码错误次数过多，请30秒后再试"
    form.password.setText("5678")  # the right one, too soon
    form.try_login()
    assert dialog.user is None and "秒后再试" in form.message.text()
    with shell_db.read() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "login")))
    assert actions == ["staff.login_failed"] * 3 + ["staff.login_refused"]
