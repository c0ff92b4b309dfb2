"""The check code on a certificate's QR: the address of the county's verification page.

    <county address>/v/<SITE>/<CERTNO>/<CODE>

CODE is 16 base32 characters (80 bits) of HMAC-SHA256 over "ccschool-cert-v1:SITE:CERTNO",
keyed by the site's certificate key = HMAC-SHA256(site signing key, "ccschool certificate
check v1"), where the signing key is the one USB batch files use (HMAC of the upload token,
batchfile.signing_key). So the county can check a code for a certificate it has not received
yet, without ever holding the token; and the input differs from the learning card's
("SITE:CARDNO" under the site's card secret) in key and message: a card's check can never pass
as a certificate's, or the other way round (domain separation). 80 bits cannot be guessed
through a web page; the card's 40 bits only have to defeat a scanner at a desk.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re

from ccschool.sync import batchfile

CODE_RE = re.compile(r"[A-Z2-7]{16}")
NUMBER_RE = re.compile(r"[A-Za-z0-9-]{1,32}")


def certificate_key(sign_key: bytes) -> bytes:
    return hmac.new(sign_key, b"ccschool certificate check v1", hashlib.sha256).digest()


def check_code(sign_key: bytes, site_code: str, cert_no: str) -> str:
    msg = f"ccschool-cert-v1:{site_code}:{cert_no}".encode()
    mac = hmac.new(certificate_key(sign_key), msg, hashlib.sha256).digest()
    return base64.b32encode(mac[:10]).decode()  # 10 bytes = exactly 16 characters


def matches(sign_key: bytes, site_code: str, cert_no: str, code: str) -> bool:
    return hmac.compare_digest(check_code(sign_key, site_code, cert_no).encode(),
                               code.upper().encode())


def verify_url(county_url: str, upload_token: str, site_code: str, cert_no: str) -> str:
    """What the site prints as the certificate's QR (upper case: QR alphanumeric mode fits
    the path; the county matches it case-insensitively)."""
    code = check_code(batchfile.signing_key(upload_token), site_code, cert_no)
    return f"{county_url.rstrip('/')}/v/{site_code}/{cert_no}/{code}"
