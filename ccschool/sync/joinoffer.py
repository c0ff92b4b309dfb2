"""A join file offered on the LAN: the short text the admin's QR code carries, and the fetch.

A whole join file (1.5–2.5 KB) makes a QR code too dense for a laptop webcam, so the QR carries
only where to fetch it and how to know it is the right one:

    CCSJ1:<IPv4>:<port>:<file id>:<fingerprint>       e.g. CCSJ1:192.168.1.5:8767:K7M2P9QXWA:…

The file id (10 characters, ~49 bits, random) is the only path the admin laptop answers; the
fingerprint (10 characters of the file's SHA-256) lets the new laptop refuse a substituted
file. The one-time code is NOT in it: the person types it, so a photo of the QR is useless —
what travels is the encrypted join file. Upper-case and ':' only, so the code stays in QR
alphanumeric mode (version 3 at level M for the longest address). The same offer typed by hand
reads `192.168.1.5:8767/K7M2P-9QXWA-…-…` (file id, then fingerprint, in groups of five).
"""
from __future__ import annotations

import errno
import hashlib
import ipaddress
import re
import secrets
import unicodedata
from dataclasses import dataclass

import httpx

from ccschool.errors import ValidationError
from ccschool.sync.joinfile import ALPHABET

PREFIX = "CCSJ1"
PART = 10  # characters of file id and of fingerprint
MAX_FILE = 1 << 20  # a join file is a few KB; anything bigger is not one
_SYM = f"[{ALPHABET}]"
_IPV4 = r"\d{1,3}(?:\.\d{1,3}){3}"
_QR_RE = re.compile(rf"{PREFIX}:({_IPV4}):(\d{{1,5}}):({_SYM}{{{PART}}}):({_SYM}{{{PART}}})")
_TYPED_RE = re.compile(rf"(?:HTTP://)?({_IPV4}):(\d{{1,5}})/+({_SYM}{{{PART}}})({_SYM}{{{PART}}})/?")


@dataclass(frozen=True)
class Offer:
    host: str
    port: int
    file_id: str
    fingerprint: str

    def qr_text(self) -> str:
        return f"{PREFIX}:{self.host}:{self.port}:{self.file_id}:{self.fingerprint}"

    def typed_text(self) -> str:
        token = self.file_id + self.fingerprint
        groups = "-".join(token[i:i + 5] for i in range(0, len(token), 5))
        return f"{self.host}:{self.port}/{groups}"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/join/v1/{self.file_id}"


def new_file_id() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(PART))


def fingerprint(data: bytes) -> str:
    """10 characters of the file's SHA-256 in the code alphabet (31^10 ≈ 2^49)."""
    n = int.from_bytes(hashlib.sha256(data).digest()[:8], "big")
    out = []
    for _ in range(PART):
        n, r = divmod(n, len(ALPHABET))
        out.append(ALPHABET[r])
    return "".join(out)


def looks_like_offer(text: str) -> bool:
    """What the webcam passes on: a join QR, not a learning card or any other code in view."""
    try:
        parse(text)
    except ValidationError:
        return False
    return True


def parse(text: str) -> Offer:
    """The offer in a scanned QR text or an address typed from under the QR."""
    # NFKC: full-width characters from a Chinese input method; spaces and dashes are grouping
    plain = unicodedata.normalize("NFKC", text or "").upper()
    plain = re.sub(r"[\s\u3000]", "", plain)
    qr = _QR_RE.fullmatch(plain)
    typed = None if qr else _TYPED_RE.fullmatch(plain.replace("-", ""))
    found = qr or typed
    if found is None:
        raise ValidationError(
            "这不是加入二维码或地址：请扫描主电脑“添加一台电脑”窗口里的二维码，或照它下方输入"
            "（如 192.168.1.5:8767/K7M2P-9QXWA-3HTRD-8NZEC）",
            "This is not a join QR code or address: scan the QR code in the main computer's "
            "Add a computer window, or type what is written under it "
            "(e.g. 192.168.1.5:8767/K7M2P-9QXWA-3HTRD-8NZEC)", field="from")
    host, port = found.group(1), int(found.group(2))
    if qr:
        file_id, fp = qr.group(3), qr.group(4)
    else:
        file_id, fp = found.group(3), found.group(4)
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        raise ValidationError("地址 {h} 不对", "{h} is not an address", h=host,
                              field="from") from None
    if not 0 < port < 65536:
        raise ValidationError("端口 {p} 不对", "{p} is not a port", p=port, field="from")
    return Offer(host, port, file_id, fp)


def fetch(text: str, *, timeout: float = 10.0) -> bytes:
    """The join file the offer names, checked against its fingerprint; a ValidationError in
    the user's words when the admin laptop cannot be reached, no longer offers it (its window
    was closed, a newer file replaced it, too many tries) or sends a different file."""
    offer = parse(text)
    where = f"{offer.host}:{offer.port}"
    try:
        with httpx.Client(timeout=timeout) as client, client.stream("GET", offer.url) as r:
            status = r.status_code
            data = _read_capped(r) if status == 200 else b""
    except httpx.HTTPError as exc:
        raise (_not_offered(where) if _refused(exc) else _unreachable(where)) from None
    if status in (404, 410):
        raise _not_offered(where)
    if status != 200:
        raise _unreachable(where)
    # more than a join file can be (data None) is refused as a substitute, unread
    if data is None or not secrets.compare_digest(fingerprint(data), offer.fingerprint):
        raise ValidationError(
            "从 {a} 取到的文件与二维码不符，已拒绝（可能被人替换）。请重新扫描主电脑屏幕上的二维码",
            "The file fetched from {a} does not match the QR code and was refused (it may have "
            "been substituted). Scan the QR code on the main computer's screen again",
            a=where, field="from")
    return data


def _read_capped(r: httpx.Response) -> bytes | None:
    got = bytearray()
    for chunk in r.iter_bytes():
        got += chunk
        if len(got) > MAX_FILE:
            return None
    return bytes(got)


def _refused(exc: BaseException) -> bool:
    """Something answers at that address but nothing listens on the port: the admin laptop
    is there and its window is closed (a timeout or no route means the address is wrong)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError) or (
                isinstance(seen, OSError) and seen.errno == errno.ECONNREFUSED):
            return True
        if "refused" in str(seen).lower() or "10061" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _unreachable(where: str) -> ValidationError:
    return ValidationError(
        "无法连接主电脑 {a}：请确认两台电脑连在同一网络（同一Wi-Fi或热点）、地址无误，"
        "且主电脑的防火墙允许 ccschool 使用专用网络",
        "Cannot reach the main computer at {a}: check that both computers are on the same "
        "network (the same Wi-Fi or hotspot), the address is right, and the main computer's "
        "firewall lets ccschool use private networks", a=where, field="from")


def _not_offered(where: str) -> ValidationError:
    return ValidationError(
        "主电脑 {a} 已不再提供这份加入文件（“添加一台电脑”窗口已关闭、已换了新的加入文件，"
        "或尝试次数过多）。请在主电脑上重新打开“添加一台电脑”",
        "The main computer at {a} no longer offers this join file (its Add a computer window "
        "was closed, a newer join file replaced it, or there were too many tries). Open Add a "
        "computer on the main computer again", a=where, field="from")
