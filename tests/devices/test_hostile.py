"""Bundles and join files that must be refused (or be harmless), with one clear line."""
from __future__ import annotations

import httpx

from tests.devices.conftest import ADMIN_PASSWORD, Laptop, enroll, opened, register, today_session


def _bundle(src, tmp_path, name="x") -> str:
    path = tmp_path / f"{name}.ccssync"
    src.cli("devices", "bundle", "--out", path)
    return str(path)


def test_foreign_tampered_retired_and_replayed_bundles(laptops, county, tmp_path):
    a, b, c = laptops
    k = today_session(a)
    learner = register(a, "王芳", "13800000001")
    enroll(a, k["class_id"], learner["id"])
    good = _bundle(a, tmp_path, "good")
    assert b.cli("devices", "apply", good)["applied"] > 0
    assert b.cli("devices", "apply", good)["applied"] == 0  # replayed: harmless

    other = Laptop(tmp_path / "other")
    other.cli("init", "--site-code", "OTHER9", "--site-name", "别的学校")
    message = b.refused("devices", "apply", _bundle(other, tmp_path, "foreign"))
    assert "其他站点（OTHER9）" in message and "\n" not in message

    with open(good, "rb") as f:
        data = bytearray(f.read())
    data[len(data) // 2] ^= 0x01
    tampered = tmp_path / "tampered.ccssync"
    tampered.write_bytes(bytes(data))
    before = b.digest()
    assert "损坏或被改动" in b.refused("devices", "apply", tampered)
    cut = tmp_path / "cut.ccssync"
    cut.write_bytes(bytes(data[: len(data) - 40]))
    assert "损坏或被改动" in b.refused("devices", "apply", cut)
    assert b.digest() == before  # nothing of either was written

    from_c = _bundle(c, tmp_path, "from-c")
    a.cli("devices", "retire", "3")
    message = a.refused("devices", "apply", from_c)
    assert "已停用的 3 号终端" in message
    assert "不能停用本机" in a.refused("devices", "retire", "1")

    # The county hears of the retirement from device 1 and then refuses device 3's uploads.
    period = k["day"].strftime("%Y-%m")
    a.push_and_pull(period)
    register(c, "刘洋", "13800000009")
    c.cli("sync", "close-month", period)
    r = c.run("sync", "push")
    assert r.returncode != 0 and "retired" in r.stdout + r.stderr
    auth = {"Authorization": f"Bearer {county.token}"}
    month = httpx.get(f"{county.url}/api/v1/sites/TEST01/months/{period}", headers=auth).json()
    assert "3" not in month["devices"]


def test_join_file_needs_its_code_and_an_empty_folder(laptops, tmp_path):
    a, _b, _c = laptops
    made = a.cli("devices", "add", "--out", tmp_path / "d.ccsjoin")
    assert made["device"] == 4 and len(made["code"]) == 14
    d = Laptop(tmp_path / "d")
    wrong = "2222-2222-2222" if made["code"] != "2222-2222-2222" else "3333-3333-3333"
    assert "验证码不对" in d.refused("join", made["file"], "--code", wrong)
    assert "12位" in d.refused("join", made["file"], "--code", "1234")
    assert "找不到文件" in d.refused("join", tmp_path / "nope.ccsjoin", "--code", made["code"])
    (tmp_path / "junk.ccsjoin").write_bytes(b"junk")
    assert "不是加入文件" in d.refused("join", tmp_path / "junk.ccsjoin", "--code", made["code"])
    assert "已有站点" in a.refused("join", made["file"], "--code", made["code"])
    joined = d.cli("join", made["file"], "--code", made["code"])
    assert joined == {"site": "TEST01", "name": "测试镇社区学校", "device": 4,
                      "county_check": "active"}  # the county was asked: not retired
    # Numbers are handed out by the lowest-numbered active device only: never twice.
    assert "请在 1 号终端上添加" in d.refused("devices", "add", "--out", tmp_path / "e.ccsjoin")
    with opened(d) as db, db.read() as s:
        from ccschool.services.staff import authenticate
        assert authenticate(s, name="admin", password=ADMIN_PASSWORD).role == "admin"


def test_a_retired_devices_join_file_is_refused_when_the_county_knows(laptops, tmp_path):
    """A lost laptop's join file found again: the admin retired that device and the county
    heard of it, so a laptop joining online is refused with a message and nothing is written.
    A join file of an active device checks out with the county."""
    from ccschool import clock

    a, _b, _c = laptops
    lost = a.cli("devices", "add", "--out", tmp_path / "lost.ccsjoin")
    fine = a.cli("devices", "add", "--out", tmp_path / "fine.ccsjoin")
    a.run("devices", "retire", str(lost["device"]))
    a.push_and_pull(clock.month())  # the retirement reaches the county with the month's records
    d = Laptop(tmp_path / "d")
    message = d.refused("join", lost["file"], "--code", lost["code"])
    assert "停用" in message and str(lost["device"]) in message
    # Nothing was written: the same data folder joins with a good file afterwards.
    joined = d.cli("join", fine["file"], "--code", fine["code"])
    assert joined["device"] == fine["device"] and joined["county_check"] == "active"
