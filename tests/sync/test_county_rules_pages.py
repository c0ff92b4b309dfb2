"""County rules in the desktop app: 同步 pulls them from a real county on 127.0.0.1; 设置 shows
them read-only, marked 由县平台设定 with the effective date, and saves the rest as before."""
from __future__ import annotations

import pytest

from ccschool import settings
from ccschool.county.web import rules as county_rules
from ccschool.ui.ops.background import SyncRunner
from ccschool.ui.settings.page import SettingsPage
from ccschool.ui.shell.context import AppContext, CurrentUser
from ccschool.ui.sync.page import SyncPage


@pytest.fixture
def ctx(site, data_dir):
    return AppContext(db=site, run_in_background=SyncRunner(), user=CurrentUser("admin", "admin"),
                      data_dir=data_dir)


def test_sync_now_pulls_the_rules_and_settings_shows_them_read_only(qtbot, ctx, county,
                                                                    tmp_path):
    rules = {**county_rules.DEFAULTS, "hour_minutes": 45, "certificate_threshold": 0.7,
             "holidays": ["2024-10-01"]}
    county_rules.add(county.engine, "2024-05-01", rules, "王老师")
    county_rules.add(county.engine, "2099-01-01", {**rules, "hour_minutes": 40}, "王老师")
    sync = SyncPage(ctx)
    qtbot.addWidget(sync)
    sync.sync_button.click()  # nothing to upload; the rules still come back
    assert sync.sync_button.isEnabled() and "最近错误" not in sync.error_label.text()

    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    hours = page.numbers["hour_minutes"]
    assert hours.value() == 45 and hours.isReadOnly()  # 2099's 40 is not in force yet
    assert page.numbers["certificate_threshold"].value() == 70
    assert page.county_notes["hour_minutes"].text() == "由县平台设定（生效日期 2024-05-01）"
    assert "2024-10-01" in page.county_rules_text.text()
    assert "老年智慧生活" in page.county_rules_text.text()
    page.idle.setValue(3)  # the site's own settings are still the site's
    page.save_button.click()
    assert page.message.text() == "已保存（1 项改动）。"
    with ctx.db.read() as s:
        assert settings.get(s, "hour_minutes") == 45 and settings.get(s, "idle_lock_minutes") == 3
    page.grab().save(str(tmp_path / "settings_county_rules.png"))


def test_without_county_rules_the_numbers_stay_editable(qtbot, ctx):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert not page.numbers["hour_minutes"].isReadOnly()
    assert page.county_notes["hour_minutes"].text() == "" and page.county_rules_text.text() == ""
    page.numbers["hour_minutes"].setValue(45)
    page.save_button.click()
    with ctx.db.read() as s:
        assert settings.get(s, "hour_minutes") == 45


def test_the_class_dialog_offers_the_countys_themes_and_rate(qtbot, ctx, county):
    from ccschool.sync.county_rules import pull
    from ccschool.sync.uploader import transport_for_site
    from ccschool.ui.classes.dialog import AddClassDialog

    county_rules.add(county.engine, "2024-05-01",
                     {**county_rules.DEFAULTS, "themes": ["数字素养", "其他"],
                      "certificate_threshold": 0.7}, "王老师")
    transport = transport_for_site(ctx.db)
    try:
        pull(ctx.db, transport)
    finally:
        transport.close()
    dialog = AddClassDialog(ctx)
    qtbot.addWidget(dialog)
    assert [dialog.theme.itemData(i) for i in range(dialog.theme.count())] == ["数字素养", "其他"]
    assert dialog.rate.value() == 70  # the county's certificate attendance as the default
