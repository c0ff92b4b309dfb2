"""Learning-card and certificate QR payloads (DESIGN.md contract).

Card:        CCS1:<SITECODE>:<CARDNO>:<CHECK>
Certificate: CCS1C:<SITECODE>:<CERTNO>:<CHECK>
CHECK is 8 base32 characters of HMAC-SHA256(site secret, "SITECODE:NUMBER"). Everything is
upper case and in QR alphanumeric mode so the code stays small for cheap scanners.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass

from ccschool.errors import ValidationError

CARD_PREFIX = "CCS1"
CERT_PREFIX = "CCS1C"
_PART = re.compile(r"^[A-Z0-9-]{1,32}$")
_CHECK = re.compile(r"^[A-Z2-7]{8}$")
# A certificate printed for a site with a county address carries the county's verification
# page (sync/certcheck.verify_url) instead of a CCS1C payload; a coordinator scanning one at
# the desk must hear "that is a certificate", not "unrecognised code".
_CERT_URL = re.compile(r"HTTPS?://[^/]+(?:/[^/]+)*/V/([A-Z0-9-]{1,32})/([A-Z0-9-]{1,32})/([A-Z2-7]{16})")


def check_code(secret: str | bytes, site_code: str, number: str) -> str:
    key = secret.encode() if isinstance(secret, str) else secret
    mac = hmac.new(key, f"{site_code}:{number}".encode(), hashlib.sha256).digest()
    return base64.b32encode(mac[:5]).decode()  # 5 bytes = exactly 8 base32 characters


def card_payload(secret: str | bytes, site_code: str, card_no: str) -> str:
    return f"{CARD_PREFIX}:{site_code}:{card_no}:{check_code(secret, site_code, card_no)}"


def certificate_payload(secret: str | bytes, site_code: str, cert_no: str) -> str:
    return f"{CERT_PREFIX}:{site_code}:{cert_no}:{check_code(secret, site_code, cert_no)}"


def normalise_scan(text: str) -> str:
    """Undo what a scanner typing through a Chinese input method does to the payload.

    NFKC turns full-width letters, digits and the full-width colon into ASCII; the IME may
    also insert spaces, a Tab or a trailing newline, and may switch case.
    """
    text = text or ""
    for _ in range(3):  # removing a space can bring a combining mark next to a letter: repeat
        before = text
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).replace("：", ":")).upper()
        if text == before:
            break
    return text


@dataclass(frozen=True)
class ParsedCode:
    kind: str  # "card" or "certificate"
    site_code: str
    number: str
    check: str

    def verify(self, secret: str | bytes) -> bool:
        return hmac.compare_digest(self.check, check_code(secret, self.site_code, self.number))


def parse_payload(text: str) -> ParsedCode:
    """Parse a scanned payload; raise ValidationError naming what is wrong with it."""
    norm = normalise_scan(text)
    url = _CERT_URL.fullmatch(norm)
    if url:  # its check is the county's, not the card secret's: callers refuse it by kind
        return ParsedCode("certificate", url.group(1), url.group(2), url.group(3))
    parts = norm.split(":")
    if len(parts) != 4 or parts[0] not in (CARD_PREFIX, CERT_PREFIX):
        raise ValidationError("无法识别的二维码（不是学习卡）", "Unrecognised code (not a learning card)",
                              field="payload")
    prefix, site, number, check = parts
    if not (_PART.match(site) and _PART.match(number) and _CHECK.match(check)):
        raise ValidationError("二维码内容损坏，请重新扫描或手工签到",
                              "The code is damaged; scan again or sign in by name", field="payload")
    kind = "card" if prefix == CARD_PREFIX else "certificate"
    return ParsedCode(kind, site, number, check)
