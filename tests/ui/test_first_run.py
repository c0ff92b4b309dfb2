"""First-run wizard: join as a new site (all or nothing) or open the demo site."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from ccschool.models import AuditEntry, Learner, Site, StaffUser, Venue
from ccschool.ui.ops.background import BackgroundRunner, SyncRunner
from ccschool.ui.shell.first_run import FirstRunWizard


@pytest.fixture
def empty_db(data_dir):
    from ccschool.db import open_database

    database = open_database(data_dir)
    yield database
    database.close()


def count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def open_wizard(qtbot, db, runner=None) -> FirstRunWizard:
    wizard = FirstRunWizard(db, runner or SyncRunner())
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def fill_new_site(wizard, *, code="330281101", password="dongshan-2468", again="dongshan-2468",
                  url="http://127.0.0.1:9/"):
    wizard.choice.join.setChecked(True)
    wizard.next()
    assert wizard.currentId() == wizard.SITE
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # required fields
    wizard.site.code.setText(code)
    wizard.site.name.setText("东山镇社区学校")
    wizard.site.venue.setText("镇社区学校多功能教室")
    wizard.site.address.setText("镇政府东侧")
    wizard.next()
    wizard.county.url.setText(url)
    wizard.county.token.setText("tok-123")
    wizard.next()
    assert wizard.currentId() == wizard.ADMIN
    wizard.admin.admin.setText("王老师")
    wizard.admin.password.setText(password)
    wizard.admin.again.setText(again)


def test_join_as_new_site_writes_site_venue_and_admin_together(qtbot, empty_db):
    wizard = open_wizard(qtbot, empty_db)
    fill_new_site(wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.user.name == "王老师" and wizard.user.is_admin
    with empty_db.read() as s:
        site = s.scalars(select(Site)).one()
        # the address as `ccschool sync setup` stores it: checked, without the trailing slash
        assert (site.code, site.name, site.county_url, site.upload_token) == (
            "330281101", "东山镇社区学校", "http://127.0.0.1:9", "tok-123")
        assert s.scalars(select(Venue.name)).all() == ["镇社区学校多功能教室"]
        assert s.scalars(select(StaffUser.role).where(StaffUser.name == "王老师")).one() == "admin"
        actors = set(s.scalars(select(AuditEntry.actor)))
    assert actors == {"王老师"}  # who set the site up is recorded


def test_a_refused_site_code_leaves_the_database_empty(qtbot, empty_db):
    wizard = open_wizard(qtbot, empty_db)
    fill_new_site(wizard, code="东山 1")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.currentId() == wizard.ADMIN  # stays, with the reason shown
    assert "站点代码" in wizard.admin.message.text()
    assert wizard.user is None
    assert (count(empty_db, Site), count(empty_db, Venue), count(empty_db, StaffUser)) == (0, 0, 0)


def test_a_malformed_county_address_is_refused_and_nothing_written(qtbot, empty_db):
    """The wizard checks the county address as `ccschool sync setup` and Settings do."""
    wizard = open_wizard(qtbot, empty_db)
    fill_new_site(wizard, url="http://county.example/ x")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.user is None and "县平台地址不对" in wizard.admin.message.text()
    assert (count(empty_db, Site), count(empty_db, Venue), count(empty_db, StaffUser)) == (0, 0, 0)


def test_passwords_must_match(qtbot, empty_db):
    wizard = open_wizard(qtbot, empty_db)
    fill_new_site(wizard, again="2469")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.admin.message.text() == "两次输入的密码不一样"
    assert count(empty_db, Site) == 0


def test_demo_site_is_built_off_the_gui_thread_with_progress(qtbot, empty_db):
    runner = BackgroundRunner()
    wizard = open_wizard(qtbot, empty_db, runner)
    wizard.choice.demo.setChecked(True)
    wizard.next()
    assert wizard.currentId() == wizard.DEMO
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # not before the data is there
    qtbot.waitUntil(lambda: wizard.demo.done, timeout=60_000)
    assert finish.isEnabled()
    assert wizard.demo.bar.value() == wizard.demo.bar.maximum() > 0
    assert "1234" in wizard.demo.message.text()
    # Issue 17.16: the page says it is finished, no longer "please wait"
    assert "请稍候" not in wizard.demo.subTitle() and "完成" in wizard.demo.subTitle()
    assert "准备好" in wizard.demo.title()
    assert wizard.user.name == "管理员" and wizard.user.is_admin
    assert count(empty_db, Learner) > 100
    finish.click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    runner.wait()
