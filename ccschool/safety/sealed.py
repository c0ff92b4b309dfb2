"""Password-encrypted backup files: what leaves the data folder (a USB stick) is unreadable
without the password, and any change to the file is detected.

The scheme (also in the README):
  key    = scrypt(password as UTF-8, salt, n=2**15, r=8, p=1) → 32 bytes
  cipher = AES-256-GCM over the file in 1 MiB chunks (a 1.4 GB database never sits in memory)
  nonce  = 7-byte random prefix ‖ chunk number (4 bytes, big-endian) ‖ 1 if last chunk else 0
  every chunk is authenticated together with the whole header (its associated data), so
  chunks cannot be reordered, dropped, cut off at the end or moved between files.

File layout: MAGIC (8) ‖ log2 n, r, p (1 byte each) ‖ salt (16) ‖ nonce prefix (7) ‖
chunk size (4, big-endian) ‖ chunks, each its ciphertext followed by the 16-byte GCM tag.
"""
from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import BinaryIO, Callable

from ccschool.errors import ValidationError

MAGIC = b"CCSBAK\x00\x01"
CHUNK = 1 << 20
TAG = 16
MIN_PASSWORD = 8
_HEAD = struct.Struct(">8sBBB16s7sI")
_LOG2_N, _R, _P = 15, 8, 1  # ~32 MiB and ~0.1 s: cheap once, costly for a guessing attacker

Progress = Callable[[int, int], None]


class WrongPassword(ValidationError):
    code = "wrong_password"


def is_sealed(path: str | Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def check_new_password(password: str | None) -> str:
    """The password for a new encrypted backup, or a ValidationError saying what is wrong."""
    if not password or len(password) < MIN_PASSWORD:
        raise ValidationError("备份密码至少 {n} 个字符。", "The backup password needs at least "
                              "{n} characters.", n=MIN_PASSWORD, field="password")
    return password


def _key(password: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    if not (10 <= log2_n <= 20 and 1 <= r <= 16 and 1 <= p <= 4):  # a crafted header
        raise _damaged()  # must not make us allocate gigabytes
    return Scrypt(salt=salt, length=32, n=1 << log2_n, r=r, p=p).derive(password.encode())


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def _damaged() -> ValidationError:
    return ValidationError("加密备份文件已损坏或被改动过，无法解密。没有做任何改动。",
                           "The encrypted backup is damaged or was altered and cannot be "
                           "decrypted. Nothing was changed.", field="file")


def seal(src: Path, dest: BinaryIO, password: str, *, progress: Progress | None = None) -> None:
    """Write src, encrypted with password, to the open file dest."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, prefix = os.urandom(16), os.urandom(7)
    header = _HEAD.pack(MAGIC, _LOG2_N, _R, _P, salt, prefix, CHUNK)
    aead = AESGCM(_key(password, salt, _LOG2_N, _R, _P))
    dest.write(header)
    total = src.stat().st_size
    with open(src, "rb") as f:
        chunk, index, done = f.read(CHUNK), 0, 0
        while True:
            following = f.read(CHUNK)
            last = not following
            dest.write(aead.encrypt(_nonce(prefix, index, last), chunk, header))
            done += len(chunk)
            if progress:
                progress(done, total)
            if last:
                return
            chunk, index = following, index + 1


def unseal(src: Path, dest: BinaryIO, password: str) -> None:
    """Decrypt src into the open file dest; WrongPassword if the first chunk does not open."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    with open(src, "rb") as f:
        header = f.read(_HEAD.size)
        if len(header) < _HEAD.size:
            raise _damaged()
        magic, log2_n, r, p, salt, prefix, size = _HEAD.unpack(header)
        if magic != MAGIC or not (4096 <= size <= 1 << 24):
            raise _damaged()
        aead = AESGCM(_key(password, salt, log2_n, r, p))
        block, index = f.read(size + TAG), 0
        while True:
            following = f.read(size + TAG)
            last = not following
            try:
                dest.write(aead.decrypt(_nonce(prefix, index, last), block, header))
            except InvalidTag:
                raise (_wrong_password() if index == 0 else _damaged()) from None
            if last:
                return
            block, index = following, index + 1


def _wrong_password() -> WrongPassword:
    return WrongPassword("备份密码不对（或文件已损坏），没有做任何改动。",
                         "Wrong backup password (or a damaged file); nothing was changed.",
                         field="password")
