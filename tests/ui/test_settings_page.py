"""设置: saving changed settings in one transaction, refusing bad input, staff accounts."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from ccschool import settings
from ccschool.models import AuditEntry, Site, StaffUser
from ccschool.ui.settings.page import SettingsPage, parse_villages


@pytest.fixture
def page(qtbot, ctx):
    widget = SettingsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def read(ctx, key):
    with ctx.db.read() as s:
        return settings.get(s, key)


def test_shows_the_current_values(page):
    assert page.language.currentData() == "zh_CN"
    assert page.idle.value() == 10
    assert page.numbers["hour_minutes"].value() == 60
    assert page.numbers["certificate_threshold"].value() == 80  # shown as percent


def test_saving_writes_changed_settings_under_the_admins_name(page, ctx):
    page.language.setCurrentIndex(page.language.findData("en"))
    page.idle.setValue(3)
    page.numbers["hour_minutes"].setValue(45)
    page.numbers["certificate_threshold"].setValue(75)
    page.villages.setPlainText("东山村=1520\n西溪村：830")
    page.county_url.setText("https://county.example/api")
    page.save_button.click()
    assert page.message.text() == "已保存（6 项改动）。"
    assert (read(ctx, "language"), read(ctx, "idle_lock_minutes"), read(ctx, "hour_minutes"),
            read(ctx, "certificate_threshold")) == ("en", 3, 45, 0.75)
    assert read(ctx, "village_population") == {"东山村": 1520, "西溪村": 830}
    with ctx.db.read() as s:
        assert s.scalars(select(Site.county_url)).one() == "https://county.example/api"
        actors = set(s.scalars(select(AuditEntry.actor).where(
            AuditEntry.action.in_(("setting.change", "sync.setup")))))
    assert actors == {"admin"}


def test_a_bad_village_line_saves_nothing(page, ctx):
    page.idle.setValue(3)
    page.villages.setPlainText("东山村=1520\n西溪村 很多")
    page.save_button.click()
    assert "第2行" in page.message.text()
    assert read(ctx, "idle_lock_minutes") == 10


def test_parse_villages_accepts_common_separators():
    assert parse_villages("东山村＝1,520\n\n西溪村: 80\n南岙村 12") == {
        "东山村": 1520, "西溪村": 80, "南岙村": 12}


def test_admin_adds_a_staff_account(page, ctx):
    page.new_name.setText("李阿姨")
    page.new_password.setText("8888")
    page.new_role.setCurrentIndex(page.new_role.findData("staff"))
    page.add_user()
    assert page.message.text() == "账号已添加。"
    with ctx.db.read() as s:
        assert s.scalars(select(StaffUser.role).where(StaffUser.name == "李阿姨")).one() == "staff"
    assert any("李阿姨" in page.staff_list.item(i).text() for i in range(page.staff_list.count()))


def test_staff_cannot_change_settings(qtbot, ctx):
    from ccschool.ui.shell.context import CurrentUser

    ctx.user = CurrentUser("clerk", "staff")
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert not page.save_button.isEnabled()
    assert page.message.text() == "只有管理员可以修改设置。"


def test_a_county_address_that_is_not_one_saves_nothing(page, ctx):
    """Issue 17.4: `abc` was accepted as the county address."""
    page.county_url.setText("abc")
    page.idle.setValue(3)
    page.save_button.click()
    assert "县平台地址不对" in page.message.text()
    with ctx.db.read() as s:
        assert s.scalars(select(Site.county_url)).one() is None
    assert read(ctx, "idle_lock_minutes") == 10


def test_the_county_connection_file_fills_address_token_and_key(page, ctx, tmp_path):
    """Issue 17.4: one file from the county sets up uploading, key included (USB export)."""
    from ccschool.sync import batchfile, connection_file

    _private, public = batchfile.generate_county_keys()
    with ctx.db.read() as s:
        code = s.scalars(select(Site.code)).one()
    path = tmp_path / "county.json"
    path.write_bytes(connection_file.make(
        county_url="https://county.example", site_code=code, site_name="东山镇",
        upload_token="t" * 32, county_public_key=public, issued_at="2026-12-01T08:00:00+08:00"))
    assert page.import_connection_file(str(path))
    assert page.county_url.text() == "https://county.example" and page.token.text() == "t" * 32
    page.save_button.click()
    with ctx.db.read() as s:
        site = s.scalars(select(Site)).one()
    assert (site.county_url, site.upload_token) == ("https://county.example", "t" * 32)
    assert site.county_public_key.strip() == public.decode().strip()
    path.write_text("{}")
    assert not page.import_connection_file(str(path))
    assert "县平台连接文件无法使用" in page.county_message.text()


def test_test_connection_asks_the_county_over_http(page):
    """测试连接: GET /api/v1/health on a real local server; a closed port says so plainly."""
    import http.server
    import threading

    from ccschool.county.server import free_port

    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200 if self.path == "/api/v1/health" else 404)
            self.end_headers()

        def log_message(self, *_args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.county_url.setText(f"http://127.0.0.1:{server.server_port}")
        page.test_button.click()
        assert page.county_message.text() == "连接成功：县平台正常"
    finally:
        server.shutdown()
        server.server_close()
    page.county_url.setText(f"http://127.0.0.1:{free_port()}")
    page.test_button.click()
    assert page.county_message.text().startswith("连接不上")
    page.county_url.setText("abc")
    page.test_button.click()
    assert "县平台地址不对" in page.county_message.text() and page.test_button.isEnabled()


def test_saving_runs_on_the_real_worker_and_reaches_the_idle_lock(qtbot, ctx, make_window):
    """The app's threaded runner: the save is written off the GUI thread, the message comes
    back on it, and the idle lock hears of the settings change."""
    from ccschool.ui.ops.background import BackgroundRunner

    runner = BackgroundRunner(foreground=True)
    ctx.run_in_background = runner
    window = make_window(ctx)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.idle.setValue(3)
    page.save_button.click()
    qtbot.waitUntil(lambda: page.message.text() == "已保存（1 项改动）。", timeout=10_000)
    assert read(ctx, "idle_lock_minutes") == 3
    assert window.idle.timer.interval() == 3 * 60_000
    runner.wait()
