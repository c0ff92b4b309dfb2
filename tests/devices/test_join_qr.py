"""Joining by QR code: the admin laptop offers the encrypted join file on the LAN while its
添加一台电脑 window is open; the QR names where to fetch it and its fingerprint (never the
one-time code). Real HTTP on 127.0.0.1 between real data folders, real `ccschool` processes,
QR codes rendered and decoded with the webcam's zxing-cpp decoder."""
from __future__ import annotations

import io
import json
import re
import signal
import socket
import subprocess
import sys
import threading

import pytest

from ccschool.sync.joinoffer import Offer, fetch, fingerprint, looks_like_offer, parse
from tests.devices.conftest import Laptop, opened

LOOPBACK = "127.0.0.1"


def segno_decoded(text: str) -> str:
    """The text as a webcam would read it off a QR drawn by another encoder (segno)."""
    import segno
    from PIL import Image

    from ccschool.ui.checkin.camera import decode_image

    buf = io.BytesIO()
    segno.make(text, error="m").save(buf, kind="png", scale=5)
    buf.seek(0)
    found = decode_image(Image.open(buf))
    assert len(found) == 1
    return found[0]


# -- the QR text --------------------------------------------------------------------------------

def test_the_qr_is_small_enough_for_a_webcam_and_carries_no_code():
    import segno

    from ccschool.printing.qr import qr_matrix

    longest = Offer("255.255.255.255", 65535, "Z" * 10, "Z" * 10)
    text = longest.qr_text()
    assert len(text) == 49 and re.fullmatch(r"[0-9A-Z:.]+", text)  # QR alphanumeric mode
    assert (len(qr_matrix(text, error="m")) - 17) // 4 == 3  # the dialog's encoder: version 3
    code = segno.make(text, error="m")
    assert code.mode == "alphanumeric" and code.version <= 3 and code.symbol_size(border=0)[0] == 29
    assert segno_decoded(text) == text
    assert parse(text) == longest and parse(longest.typed_text()) == longest


def test_typed_addresses_are_forgiving_and_anything_else_is_refused():
    from ccschool.errors import ValidationError

    offer = Offer("192.168.1.5", 8767, "K7M2P9QXWA", "3HTRD8NZEC")
    assert offer.typed_text() == "192.168.1.5:8767/K7M2P-9QXWA-3HTRD-8NZEC"
    # full-width characters from a Chinese input method, lower case, stray spaces
    assert parse("１９２.１６８.１.５：８７６７／k7m2p-9qxwa 3htrd-8nzec ") == offer
    assert parse("http://192.168.1.5:8767/K7M2P9QXWA3HTRD8NZEC") == offer
    for bad in ("", "192.168.1.5:8767", "192.168.1.5:8767/K7M2P-9QXWA",
                "CCS1:TEST01:T001000302:ABCDEFGH",  # a learning card held up by mistake
                "CCSJ1:999.1.1.1:8767:K7M2P9QXWA:3HTRD8NZEC",
                "CCSJ1:192.168.1.5:70000:K7M2P9QXWA:3HTRD8NZEC",
                "CCSJ1:192.168.1.5:8767:K7M2P9QXWA:3HTRD8NZEC\nX"):
        assert not looks_like_offer(bad)
    with pytest.raises(ValidationError, match="这不是加入二维码或地址"):
        parse("192.168.1.5")


# -- the offer over real HTTP -----------------------------------------------------------------

def test_the_offer_withdraws_after_too_many_wrong_tries(tmp_path):
    from ccschool.errors import ValidationError
    from ccschool.lan.joinserve import MAX_MISSES, JoinFileServer

    events = []
    data = b"CCSJOIN1\n" + bytes(range(256)) * 8
    with JoinFileServer(data, host=LOOPBACK, port=0,
                        on_event=lambda kind, client: events.append((kind, client))) as server:
        offer = server.offer
        assert fetch(offer.qr_text()) == data and events == [("fetched", LOOPBACK)]
        guessed = Offer(offer.host, offer.port, "A" * 10, offer.fingerprint)
        for _ in range(MAX_MISSES):
            with pytest.raises(ValidationError, match="已不再提供"):
                fetch(guessed.qr_text())
        with pytest.raises(ValidationError, match="已不再提供"):
            fetch(offer.qr_text())  # the right id, too late: nobody keeps guessing
        assert events[-1] == ("withdrawn", LOOPBACK)
        assert server.answer(f"/join/v1/{offer.file_id}", "8.8.8.8")[0] == 410


def test_only_clients_on_the_local_network_are_answered():
    from ccschool.lan.joinserve import JoinFileServer

    server = JoinFileServer(b"x", host=LOOPBACK, port=0)
    path = f"/join/v1/{server.file_id}"
    assert server.answer(path, "8.8.8.8") == (403, b"")
    assert server.answer(path, "192.168.1.23") == (200, b"x")
    assert server.answer("/join/v1/../../etc/passwd", "192.168.1.23")[0] == 404


def test_an_address_that_does_not_answer_is_called_unreachable():
    from ccschool.errors import ValidationError

    with socket.socket() as silent:  # accepts connections (the kernel's backlog), never answers
        silent.bind((LOOPBACK, 0))
        silent.listen(1)
        offer = Offer(LOOPBACK, silent.getsockname()[1], "K7M2P9QXWA", "3HTRD8NZEC")
        with pytest.raises(ValidationError, match="无法连接主电脑") as got:
            fetch(offer.typed_text(), timeout=0.5)
    assert "防火墙" in str(got.value) and got.value.en.startswith("Cannot reach the main computer")


# -- the command line: an admin process offering, `ccschool join --from` processes -------------

class Offering:
    """`ccschool devices add --offer` running on the admin laptop until Ctrl+C."""

    def __init__(self, laptop: Laptop, out) -> None:
        import os

        from tests.devices.conftest import ADMIN_ENV, ROOT

        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ccschool", "devices", "add", "--out", str(out), "--offer",
             "--host", LOOPBACK, "--port", "0", "--json", "--data-dir", str(laptop.path)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), **ADMIN_ENV})
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(self.proc.stdout.readline()))
        reader.start()
        reader.join(timeout=120)
        assert line and line[0], self.proc.stderr.read() if self.proc.poll() is not None else ""
        self.printed = json.loads(line[0])

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # the admin closes the offer
        rc = self.proc.wait(timeout=60)
        self.proc.stdout.close()
        self.proc.stderr.close()
        return rc


@pytest.fixture
def offering(first, tmp_path):
    o = Offering(first, tmp_path / "2号.ccsjoin")
    yield o
    o.stop()


def test_cli_joins_from_the_qr_of_a_running_offer(offering, tmp_path):
    printed = offering.printed
    assert printed["device"] == 2 and re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}",
                                                   printed["code"])
    assert printed["code"].replace("-", "") not in printed["offer"]  # a photo of the QR is useless
    scanned = segno_decoded(printed["offer"])
    new = Laptop(tmp_path / "b")
    wrong = "AAAA-AAAA-AAAA" if printed["code"] != "AAAA-AAAA-AAAA" else "BBBB-BBBB-BBBB"
    assert "验证码不对" in new.refused("join", "--from", scanned, "--code", wrong)
    from ccschool.services.site import has_site

    with opened(new) as db, db.read() as s:
        assert not has_site(s)  # a wrong code writes nothing
    joined = new.cli("join", "--from", scanned, "--code", printed["code"])
    assert joined == {"site": "TEST01", "name": "测试镇社区学校", "device": 2,
                      "county_check": "unreachable"}
    from ccschool.services.devices import list_devices

    with opened(new) as db, db.read() as s:
        assert [(d["number"], d["this"]) for d in list_devices(s)] == [(1, False), (2, True)]
    # the typed form of the same offer fetches the very file the admin wrote
    assert fetch(printed["address"]) == (tmp_path / "2号.ccsjoin").read_bytes()
    assert offering.stop() == 0  # Ctrl+C is how the offer ends: not a failure


def test_cli_refuses_a_substituted_file_an_unknown_id_and_a_closed_offer(offering, tmp_path):
    from ccschool.sync.joinfile import ALPHABET

    printed = offering.printed
    offer, new = parse(printed["offer"]), Laptop(tmp_path / "b")
    other_fp = "".join(ALPHABET[(ALPHABET.index(c) + 1) % len(ALPHABET)]
                       for c in offer.fingerprint)
    swapped = Offer(offer.host, offer.port, offer.file_id, other_fp).qr_text()
    told = new.refused("join", "--from", swapped, "--code", printed["code"])
    assert "与二维码不符" in told and "已拒绝" in told
    assert offering.stop() == 0
    told = new.refused("join", "--from", printed["offer"], "--code", printed["code"])
    assert "已不再提供这份加入文件" in told and "窗口已关闭" in told
    from ccschool.services.site import has_site

    with opened(new) as db, db.read() as s:
        assert not has_site(s)  # nothing half-written by any refusal


def test_join_takes_a_file_or_an_offer_not_both_nor_neither(tmp_path, capsys):
    from ccschool.cli import main

    base = ["join", "--code", "AB3D-7KMN-Q9XZ", "--data-dir", str(tmp_path / "b")]
    assert main(base) == 1
    assert main([*base, str(tmp_path / "x.ccsjoin"), "--from", "1.2.3.4:5/AAAAAAAAAAAAAAAAAAAA"]
                ) == 1
    told = capsys.readouterr().err
    assert told.count("请给出加入文件，或用 --from") == 2 and "Traceback" not in told


def test_fingerprint_is_of_the_whole_file():
    assert fingerprint(b"a") != fingerprint(b"b") and len(fingerprint(b"")) == 10


def test_more_than_a_join_file_can_be_is_refused_unread():
    from ccschool.errors import ValidationError
    from ccschool.lan.joinserve import JoinFileServer
    from ccschool.sync.joinoffer import MAX_FILE

    with JoinFileServer(b"x" * (MAX_FILE + 1), host=LOOPBACK, port=0) as server:
        with pytest.raises(ValidationError, match="与二维码不符"):
            fetch(server.offer.qr_text())
