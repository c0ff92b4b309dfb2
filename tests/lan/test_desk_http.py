"""The staff second desk over real HTTP: PIN, scanner field, search, 请假, missing, CSRF."""
from __future__ import annotations

import json
import re

from sqlalchemy import select

from ccschool.lan.limits import PinGuard
from ccschool.models import Attendance, AuditEntry
from ccschool.services import cards
from tests.lan.conftest import Phone, field


def desk(lan) -> tuple[Phone, str]:
    staff = Phone(lan.base_url)
    status, _, headers = staff.post("/desk/login", {"pin": lan.pin})
    assert status == 303 and "ccs_desk" in staff.cookies
    status, page, _ = staff.get(lan.base_url + "/desk")
    assert status == 200
    return staff, page


def live(db):
    with db.read() as s:
        return {r.learner_id: r for r in s.scalars(
            select(Attendance).where(Attendance.deleted_at.is_(None)))}


def test_wrong_pin_is_refused_and_throttled(lan):
    staff = Phone(lan.base_url)
    assert "签到台密码" in staff.get(lan.base_url + "/desk")[1]
    wrong = "000000" if lan.pin != "000000" else "111111"
    answers = [staff.post("/desk/login", {"pin": wrong})[0]
               for _ in range(PinGuard.MAX_PER_ADDRESS)]
    assert answers == [403] * PinGuard.MAX_PER_ADDRESS
    status, page, _ = staff.post("/desk/login", {"pin": lan.pin})  # locked out, even the right one
    assert status == 429 and "密码错误次数太多" in page
    assert "ccs_desk" not in staff.cookies


def test_scan_search_excuse_and_missing(lan, db, lan_scene):
    staff, page = desk(lan)
    assert "已到 0 / 5" in page and "未到 5 人" in page
    csrf = field(page, "csrf")
    staff.post("/desk/scan", {"csrf": csrf, "payload": lan_scene.payloads["张三"] + "\r\n"})
    page = staff.get(lan.base_url + "/desk")[1]
    assert "已到 1 / 5" in page and "张三 签到成功" in page and "未到 4 人" in page
    status, _, headers = staff.post("/desk/scan", {"csrf": csrf, "payload": "ls"})
    assert headers["Location"] == "/desk?q=ls"  # typed text that is no card code is a search
    page = staff.get(lan.base_url + "/desk?q=ls")[1]
    found = re.search(r"<div id=found>(.*?)<h2", page, re.S)[1]
    assert "李四" in found
    staff.post("/desk/signin", {"csrf": csrf, "l": lan_scene.learners["李四"], "q": "ls"})
    staff.post("/desk/excuse", {"csrf": csrf, "l": lan_scene.learners["刘洋"], "reason": "感冒"})
    staff.post("/desk/excuse", {"csrf": csrf, "l": lan_scene.learners["曾国华"], "reason": " "})
    page = staff.get(lan.base_url + "/desk")[1]
    assert "请假需要填写原因" in page and "已到 2 / 5" in page and "未到 2 人" in page
    rows = live(db)
    assert rows[lan_scene.learners["李四"]].method == "desk"
    assert rows[lan_scene.learners["刘洋"]].status == "excused"
    assert rows[lan_scene.learners["刘洋"]].reason == "感冒"
    with db.read() as s:
        devices = [json.loads(e.after)["device"] for e in s.scalars(select(AuditEntry).where(
            AuditEntry.action.in_(("attendance.lan_signin", "attendance.lan_excuse"))))]
    assert devices == ["desk 127.0.0.1"] * 3


def test_card_of_another_site_and_walk_in(lan, db, lan_scene):
    staff, page = desk(lan)
    csrf = field(page, "csrf")
    foreign = cards.card_payload("other-secret", "330281101", "D000001")
    staff.post("/desk/scan", {"csrf": csrf, "payload": foreign})
    page = staff.get(lan.base_url + "/desk")[1]
    assert "这是其他站点（330281101）的学习卡" in page and live(db) == {}
    staff.post("/desk/scan", {"csrf": csrf, "payload": lan_scene.payloads["赵六"]})
    assert "未报名本班" in staff.get(lan.base_url + "/desk")[1]
    page = staff.get(lan.base_url + "/desk?q=%E8%B5%B5%E5%85%AD")[1]  # 赵六
    assert "插班签到" in page
    staff.post("/desk/signin", {"csrf": csrf, "l": lan_scene.learners["赵六"], "walk": "1"})
    assert "已到 1 / 6" in staff.get(lan.base_url + "/desk")[1]


def test_forms_without_the_desk_token_or_from_elsewhere_are_refused(lan, db, lan_scene):
    staff, page = desk(lan)
    payload = lan_scene.payloads["张三"]
    assert staff.post("/desk/scan", {"payload": payload})[0] == 403
    assert staff.post("/desk/scan", {"csrf": "forged", "payload": payload})[0] == 403
    status, _, _ = staff.post("/desk/scan", {"csrf": field(page, "csrf"), "payload": payload},
                              headers={"Origin": "http://evil.example"})
    assert status == 403
    stranger = Phone(lan.base_url)  # no login: the desk answers with its PIN page only
    status, _, headers = stranger.post("/desk/scan", {"payload": payload})
    assert status == 303 and headers["Location"] == "/desk"
    assert live(db) == {}
