"""The join file (加入文件): what a new laptop needs to become the next device of the site.

    MAGIC | header length (4 bytes) | header JSON | AES-256-GCM(JSON payload)

The key comes from a one-time code shown on the admin's screen (12 characters from an
alphabet without look-alikes, ~59 bits) through scrypt (n=2^15, r=8, p=1) with a random salt:
the file on a USB stick alone gives away neither the card-signing secret nor the upload token.
The header (site code, device number, salt, nonce) is the associated data.
"""
from __future__ import annotations

import base64
import json
import os
import re
import secrets
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ccschool.errors import ValidationError

MAGIC = b"CCSJOIN1\n"
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_RE = re.compile(r"[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}")


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _normal(code: str) -> str:
    return re.sub(r"[\s-]", "", (code or "").upper())


def _key(code: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(_normal(code).encode())


def write(path, code: str, header: dict, payload: dict) -> None:
    salt, nonce = os.urandom(16), os.urandom(12)
    header = {**header, "salt": base64.b64encode(salt).decode(),
              "nonce": base64.b64encode(nonce).decode()}
    head = json.dumps(header, sort_keys=True).encode()
    sealed = AESGCM(_key(code, salt)).encrypt(nonce, json.dumps(payload).encode(), head)
    tmp = f"{path}.part"
    with open(tmp, "wb") as f:
        f.write(MAGIC + struct.pack(">I", len(head)) + head + sealed)
    os.replace(tmp, path)


def read(data: bytes, code: str) -> tuple[dict, dict]:
    """(header, payload); ValidationError naming what is wrong (file or code)."""
    if not CODE_RE.fullmatch(_normal(code)):
        raise ValidationError("一次性验证码应为12位字母数字（如 AB3D-7KMN-Q9XZ）",
                              "The one-time code is 12 letters and digits (e.g. AB3D-7KMN-Q9XZ)",
                              field="code")
    not_join = ValidationError("这不是加入文件，或文件已损坏", "This is not a join file, or it is "
                               "damaged", field="file")
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4:
        raise not_join
    size = struct.unpack(">I", data[len(MAGIC):len(MAGIC) + 4])[0]
    head = data[len(MAGIC) + 4:len(MAGIC) + 4 + size]
    try:
        header = json.loads(head)
        salt, nonce = base64.b64decode(header["salt"]), base64.b64decode(header["nonce"])
    except (ValueError, KeyError, TypeError):
        raise not_join from None
    try:
        plain = AESGCM(_key(code, salt)).decrypt(nonce, data[len(MAGIC) + 4 + size:], head)
    except (InvalidTag, ValueError):
        raise ValidationError("验证码不对，或加入文件已被改动", "Wrong code, or the join file was "
                              "altered", field="code") from None
    return header, json.loads(plain)
