"""Staff login (issue 16.8) and admin credentials on the command line (issue 16.9)."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from ccschool.errors import PermissionDenied, ValidationError
from ccschool.models import AuditEntry, utcnow
from ccschool.services import login, staff
from tests.conftest import ADMIN_ENV


def _actions(db, key="admin") -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(AuditEntry.action).where(
            AuditEntry.entity == "login", AuditEntry.entity_id == key).order_by(AuditEntry.id)))


def test_wrong_passwords_bring_growing_waits_and_are_audited(db):
    start = utcnow()
    for _ in range(2):
        with pytest.raises(PermissionDenied, match="用户名或密码不对"):
            login.login(db, name="admin", password="0000", now=start)
    with pytest.raises(PermissionDenied, match="请30秒后再试"):  # the third in a row
        login.login(db, name="admin", password="0000", now=start)
    with pytest.raises(PermissionDenied, match="秒后再试"):  # even the right one must wait
        login.login(db, name="admin", password="1234", now=start + timedelta(seconds=10))
    with pytest.raises(PermissionDenied, match="请60秒后再试"):  # the wait doubles
        login.login(db, name="admin", password="9999", now=start + timedelta(seconds=31))
    result = login.login(db, name="admin", password="1234", now=start + timedelta(minutes=5))
    assert (result.name, result.role) == ("admin", "admin")
    assert _actions(db) == ["staff.login_failed"] * 3 + ["staff.login_refused",
                                                         "staff.login_failed", "staff.login"]
    with pytest.raises(PermissionDenied, match="用户名或密码不对"):  # success reset the count
        login.login(db, name="admin", password="0000")


def test_the_wait_is_capped_and_unknown_names_are_braked_too(db):
    assert [login.wait_seconds(n) for n in range(1, 9)] == [0, 0, 30, 60, 120, 240, 480, 900]
    assert login.wait_seconds(40) == login.MAX_WAIT
    now = utcnow()
    for _ in range(3):
        with pytest.raises(PermissionDenied):
            login.login(db, name="nobody", password="x", now=now)
    with pytest.raises(PermissionDenied, match="秒后再试"):
        login.login(db, name="nobody", password="x", now=now)


def test_admins_need_8_characters_not_only_digits(db):
    with db.transaction(actor="admin") as s:
        for password in ("1234", "abc123", "12345678"):
            with pytest.raises(ValidationError):
                staff.create_user(s, name="王老师", password=password, role="admin")
        staff.create_user(s, name="王老师", password="dongshan8", role="admin")
        staff.create_user(s, name="李阿姨", password="5678")  # staff keep a 4-digit PIN
        with pytest.raises(ValidationError):
            staff.change_password(s, name="王老师", new_password="87654321")


def test_an_old_short_admin_pin_still_logs_in_and_is_asked_to_change(db):
    assert login.login(db, name="admin", password="1234").must_change
    with db.transaction(actor="admin") as s:
        staff.change_password(s, name="admin", new_password="longer-pass")
    assert not login.login(db, name="admin", password="longer-pass").must_change


def test_the_demo_admin_still_logs_in(data_dir):
    from ccschool.db import open_database
    from ccschool.services.demo import DEMO_ADMIN, ensure_demo_site

    database = open_database(data_dir)
    with database.transaction(actor="demo") as s:
        ensure_demo_site(s)
    assert login.login(database, name=DEMO_ADMIN[0], password=DEMO_ADMIN[1]).must_change
    database.close()


def test_command_line_changes_need_an_admin_and_are_audited_under_that_name(db, run_cli):
    done = run_cli("staff-add", "--name", "李阿姨", "--password", "5678", "--role", "admin")
    assert done.returncode == 1 and "CCSCHOOL_STAFF" in done.stderr  # no terminal to ask on
    with db.transaction(actor="admin") as s:
        staff.create_user(s, name="李阿姨", password="5678")
    clerk = {"CCSCHOOL_STAFF": "李阿姨", "CCSCHOOL_PASSWORD": "5678"}
    done = run_cli("staff-add", "--name", "张三", "--password", "zs-2468-pw", "--role", "admin",
                   env=clerk)
    assert done.returncode == 1 and "需要管理员账号" in done.stderr
    done = run_cli("staff-add", "--name", "张三", "--password", "5555", env={
        **ADMIN_ENV, "CCSCHOOL_PASSWORD": "0000"})
    assert done.returncode == 1 and "用户名或密码不对" in done.stderr
    done = run_cli("staff-add", "--name", "张三", "--password", "zs-2468-pw", "--role", "admin",
                   env=ADMIN_ENV)
    assert done.returncode == 0, done.stderr
    assert "ccschool staff-password" in done.stderr  # admin's short PIN: asked to change it
    with db.read() as s:
        who = s.scalar(select(AuditEntry.actor).where(AuditEntry.action == "staff.create")
                       .order_by(AuditEntry.id.desc()))
    assert who == "admin"
    assert _actions(db) == ["staff.login_failed", "staff.login"]
    for args in (["learners", "export", "x.xlsx", "--include-id"], ["audit", "list"],
                 ["erase", "--card", "X1"], ["sync", "setup", "--url", "http://x"]):
        done = run_cli(*args, env=clerk)
        assert done.returncode == 1 and "需要管理员账号" in done.stderr, args


def test_staff_password_command(db, run_cli):
    done = run_cli("staff-password", "--new-password", "12345678", env=ADMIN_ENV)
    assert done.returncode == 1 and "不能全是数字" in done.stderr
    done = run_cli("staff-password", "--new-password", "east-hill-9", env=ADMIN_ENV, )
    assert done.returncode == 0, done.stderr
    assert not login.login(db, name="admin", password="east-hill-9").must_change


def test_read_only_and_desk_commands_need_no_admin(db, run_cli):
    assert json.loads(run_cli("info", "--json").stdout)["site"]["code"] == "TEST01"
    assert run_cli("report", "monthly", "--month", "2026-11").returncode == 0
    assert run_cli("learners", "list").returncode == 0
