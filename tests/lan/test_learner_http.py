"""The learner's phone page over real HTTP: sign in, 已签到, expired/forged/replayed, limits."""
from __future__ import annotations

import json

from sqlalchemy import select

from ccschool.models import Attendance, AuditEntry
from ccschool.services import cards
from tests.lan.conftest import Phone, field, sign_in


def rows(db):
    with db.read() as s:
        return s.scalars(select(Attendance).where(Attendance.deleted_at.is_(None))).all()


def test_card_number_confirm_masked_name_signed_in_and_audited(lan, db, lan_scene):
    phone = Phone(lan.base_url)
    status, page, _ = phone.get(lan.current().url)
    assert status == 200 and "智能手机使用" in page and "ccs_phone" in phone.cookies
    ticket = field(page, "t")
    status, page, _ = phone.post("/s/find", {"t": ticket, "card": " t000001 "})
    assert "张*" in page and "张三" not in page  # only the masked name reaches the phone
    status, page, _ = phone.post("/s/confirm", {"t": ticket, "l": field(page, "l"),
                                                "m": field(page, "m")})
    assert status == 200 and "签到成功" in page
    assert lan.heard_event.wait(5) and lan.heard[0].learner_name == "张三"
    [row] = rows(db)
    assert row.method == "phone" and row.status == "present" and row.by_user == "王老师"
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "attendance.lan_signin")).one()
    after = json.loads(entry.after)
    assert after["method"] == "phone" and after["device"].startswith("phone ")
    assert phone.cookies["ccs_phone"] in after["device"] and "127.0.0.1" in after["device"]


def test_second_sign_in_is_answered_already_signed_in(lan, db):
    phone = Phone(lan.base_url)
    assert "签到成功" in sign_in(phone, lan.current().url, card="T000002")[1]
    status, page, _ = sign_in(Phone(lan.base_url), lan.current().url, card="T000002")
    assert status == 200 and "已签到" in page
    assert len(rows(db)) == 1


def test_name_and_phone_ending(lan, db):
    status, page, _ = sign_in(Phone(lan.base_url), lan.current().url, name="王秀英", tail="0003")
    assert "签到成功" in page and "王*英" in page
    phone = Phone(lan.base_url)
    ticket = field(phone.get(lan.current().url)[1], "t")
    page = phone.post("/s/find", {"t": ticket, "name": "王秀英", "tail": "9999"})[1]
    assert "没有找到姓名和手机尾号都相符的学员" in page


def test_expired_token_and_code_are_refused(lan, clock):
    old = lan.current()
    clock.now += 30  # the next period: the old token is still in its grace window
    assert Phone(lan.base_url).get(old.url)[0] == 200
    clock.now += 20  # past the grace window: a forwarded link is useless
    status, page, _ = Phone(lan.base_url).get(old.url)
    assert status == 410 and "请重新扫描屏幕上的二维码" in page
    page = Phone(lan.base_url).get(f"{lan.base_url}/c?code={old.code}")[1]
    assert "签到码不对或已过期" in page


def test_code_for_phones_that_cannot_scan(lan):
    phone = Phone(lan.base_url)
    status, _, headers = phone.get(f"{lan.base_url}/c?code={lan.current().code.lower()}")
    assert status == 303 and headers["Location"] == "/s/" + lan.current().url.rsplit("/", 1)[1]
    assert "签到成功" in sign_in(phone, lan.base_url + headers["Location"], card="T000003")[1]


def test_forged_token_and_forged_ticket_are_refused(lan, db):
    status, page, _ = Phone(lan.base_url).get(f"{lan.base_url}/s/AAAAAAAAAAAAAAAA")
    assert status == 410 and "请重新扫描" in page
    phone = Phone(lan.base_url)
    status, page, _ = phone.post("/s/find", {"t": "1.AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBB",
                                             "card": "T000001"})
    assert status == 410 and "请重新扫描" in page
    ticket = field(phone.get(lan.current().url)[1], "t")
    page = phone.post("/s/find", {"t": ticket, "card": "T000001"})[1]
    learner = field(page, "l")
    status, page, _ = phone.post("/s/confirm", {"t": ticket, "l": learner, "m": "X" * 16})
    assert status == 410 and rows(db) == []


def test_replayed_form_signs_nobody_else_in(lan, db, lan_scene):
    phone = Phone(lan.base_url)
    ticket = field(phone.get(lan.current().url)[1], "t")
    page = phone.post("/s/find", {"t": ticket, "card": "T000001"})[1]
    form = {"t": ticket, "l": field(page, "l"), "m": field(page, "m")}
    first = phone.post("/s/confirm", form)[1]
    assert "签到成功" in first
    # The same confirmation again (a double tap): the same answer, nothing written twice.
    status, page, _ = phone.post("/s/confirm", form)
    assert status == 200 and page == first
    # The same ticket cannot be reused for another learner either (its MAC binds the learner).
    other = phone.post("/s/find", {"t": ticket, "card": "T000002"})
    assert other[0] == 410
    assert [r.learner_id for r in rows(db)] == [lan_scene.learners["张三"]]


def test_card_of_another_site_and_revoked_card_are_refused(lan, db, lan_scene):
    phone = Phone(lan.base_url)
    ticket = field(phone.get(lan.current().url)[1], "t")
    foreign = cards.card_payload("other-secret", "330281101", "D000001")
    page = phone.post("/s/find", {"t": ticket, "card": foreign})[1]
    assert "其他站点（330281101）的学习卡" in page
    page = phone.post("/s/find", {"t": ticket, "card": "X999999"})[1]
    assert "卡号 X999999 未在本站登记" in page
    assert rows(db) == []


def test_not_enrolled_learner_is_told_and_not_signed_in(lan, db):
    status, page, _ = sign_in(Phone(lan.base_url), lan.current().url, card="T000006")  # 赵六
    assert "未能签到" in page and "赵*" in page and "赵六" not in page
    assert rows(db) == []


def test_rate_limit_per_card(lan):
    phone_pages = []
    for _ in range(8):  # a new phone each time: the card's own limit applies
        phone = Phone(lan.base_url)
        ticket = field(phone.get(lan.current().url)[1], "t")
        phone_pages.append(phone.post("/s/find", {"t": ticket, "card": "T000004"}))
    assert [s for s, _, _ in phone_pages].count(200) == 6
    assert phone_pages[-1][0] == 429 and "操作太频繁" in phone_pages[-1][1]


def test_rate_limit_per_phone(lan):
    phone = Phone(lan.base_url)
    ticket = field(phone.get(lan.current().url)[1], "t")
    answers = [phone.post("/s/find", {"t": ticket, "card": f"T{90 + i:06d}"})[0]
               for i in range(22)]
    assert answers[:20] == [200] * 20 and answers[20:] == [429, 429]


def test_unknown_page_and_oversized_post(lan):
    phone = Phone(lan.base_url)
    assert phone.get(f"{lan.base_url}/etc/passwd")[0] == 404
    status, _, _ = phone.post("/s/find", {"t": "x" * 9000})
    assert status == 413


def test_a_phone_dropping_its_cookie_is_still_limited_by_its_address(lan):
    from ccschool.lan.server import ADDRESS_LIMIT

    phone = Phone(lan.base_url)
    ticket = field(phone.get(lan.current().url)[1], "t")
    answers = []
    for i in range(ADDRESS_LIMIT[0] + 1):
        phone.cookies["ccs_phone"] = f"{i:016d}"  # a new phone each time, as far as cookies go
        answers.append(phone.post("/s/find", {"t": ticket, "card": f"T{100 + i:06d}"})[0])
    assert answers[:-1] == [200] * ADDRESS_LIMIT[0] and answers[-1] == 429


def test_not_me_goes_back_to_the_form(lan, db):
    phone = Phone(lan.base_url)
    ticket = field(phone.get(lan.current().url)[1], "t")
    assert "张*" in phone.post("/s/find", {"t": ticket, "card": "T000001"})[1]
    status, page, _ = phone.post("/s/form", {"t": ticket})
    assert status == 200 and "id=card" in page and field(page, "t") == ticket
    assert rows(db) == []


def test_a_double_tap_at_once_writes_one_row(lan, db):
    import threading

    phone = Phone(lan.base_url)
    ticket = field(phone.get(lan.current().url)[1], "t")
    page = phone.post("/s/find", {"t": ticket, "card": "T000005"})[1]
    form = {"t": ticket, "l": field(page, "l"), "m": field(page, "m")}
    answers, start = [], threading.Barrier(4)

    def tap():
        start.wait(timeout=30)
        answers.append(phone.post("/s/confirm", form))
    taps = [threading.Thread(target=tap) for _ in range(4)]
    for t in taps:
        t.start()
    for t in taps:
        t.join(60)
    assert [status for status, _, _ in answers] == [200] * 4
    assert all("签到成功" in page for _, page, _ in answers) and len(rows(db)) == 1
