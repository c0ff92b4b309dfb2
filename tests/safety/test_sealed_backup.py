"""Backups that leave the data folder are encrypted with a password (issue 16, item 7)."""
from __future__ import annotations

import hashlib
import io
import os
import sqlite3
from pathlib import Path

import pytest

from ccschool.errors import ValidationError
from ccschool.safety import backup, sealed
from ccschool.safety.restore import PasswordNeeded, restore_backup
from tests.conftest import ADMIN_ENV
from tests.safety.conftest import counts

PASSWORD = "乡镇-2468-备份"
HEAD = 38  # MAGIC, scrypt parameters, salt, nonce prefix, chunk size


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _secrets(path: Path) -> list[bytes]:
    """Things that must not be readable on a lost USB stick: names, phones, the site secret."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM person LIMIT 5")]
        phones = [r[0] for r in conn.execute(
            "SELECT phone FROM person WHERE phone IS NOT NULL AND phone != '' LIMIT 5")]
    finally:
        conn.close()
    assert names and phones
    return [v.encode() for v in names + phones] + [b"TEST01", b"SQLite format 3"]


def test_usb_backup_is_encrypted_and_restores_with_its_password(filled, data_dir, tmp_path,
                                                                 run_cli, monkeypatch):
    usb = tmp_path / "U盘"
    usb.mkdir()
    filled.close()
    monkeypatch.setenv("CCSCHOOL_BACKUP_PASSWORD", PASSWORD)
    done = run_cli("backup", "--out", usb, env=ADMIN_ENV)
    assert done.returncode == 0, done.stderr
    (made,) = usb.iterdir()  # the clear copy it was made from never touched the stick
    data = made.read_bytes()
    for secret in _secrets(data_dir / "ccschool.db"):
        assert secret not in data
    assert not list((data_dir / "backups").glob(".sealing-*"))

    before = counts(data_dir / "ccschool.db")
    conn = sqlite3.connect(data_dir / "ccschool.db")
    conn.execute("DELETE FROM attendance")
    conn.commit()
    conn.close()
    done = run_cli("restore", made, env=ADMIN_ENV)
    assert done.returncode == 0, done.stderr
    assert counts(data_dir / "ccschool.db")["attendance"] == before["attendance"]


def test_wrong_password_changes_nothing(filled, data_dir, tmp_path, run_cli, monkeypatch):
    made = Path(backup.make_backup(data_dir, out=tmp_path / "usb.ccsbak", password=PASSWORD).path)
    filled.close()
    current = data_dir / "ccschool.db"
    digest, listing = _digest(current), sorted(p.name for p in data_dir.rglob("*"))
    with pytest.raises(sealed.WrongPassword):
        restore_backup(data_dir, made, password="not the password")
    with pytest.raises(PasswordNeeded):
        restore_backup(data_dir, made)
    assert _digest(current) == digest
    assert sorted(p.name for p in data_dir.rglob("*")) == listing
    before = counts(current)
    monkeypatch.setenv("CCSCHOOL_BACKUP_PASSWORD", "not the password")
    done = run_cli("restore", made, env=ADMIN_ENV)
    assert done.returncode == 1 and "备份密码不对" in done.stderr and "没有做任何改动" in done.stderr
    assert "Traceback" not in done.stderr
    after = counts(current)  # the command line audits the admin's sign-in, nothing else
    assert {k: v for k, v in after.items() if k != "audit_entry"} == \
        {k: v for k, v in before.items() if k != "audit_entry"}
    assert not list(data_dir.glob(".restore-*"))


def test_no_password_no_terminal_is_a_clear_error_and_writes_nothing(filled, data_dir,
                                                                      tmp_path, run_cli):
    filled.close()
    done = run_cli("backup", "--out", tmp_path / "usb.ccsbak", input="", env=ADMIN_ENV)
    assert done.returncode == 1 and "CCSCHOOL_BACKUP_PASSWORD" in done.stderr
    assert not (tmp_path / "usb.ccsbak").exists()


def test_short_password_is_refused(filled, data_dir, tmp_path):
    with pytest.raises(ValidationError, match="至少 8 个字符"):
        backup.make_backup(data_dir, out=tmp_path, password="1234")
    assert list(tmp_path.glob("*.ccsbak")) == []


def test_a_changed_byte_is_detected(filled, data_dir, tmp_path):
    made = Path(backup.make_backup(data_dir, out=tmp_path / "usb.ccsbak", password=PASSWORD).path)
    filled.close()
    data = bytearray(made.read_bytes())
    data[len(data) // 2] ^= 0x01
    made.write_bytes(bytes(data))
    with pytest.raises(ValidationError, match="备份密码不对|已损坏或被改动过"):
        restore_backup(data_dir, made, password=PASSWORD)


def _sealed_bytes(plain: bytes, password: str = PASSWORD) -> bytes:
    src = Path(os.environ["PYTEST_TMP"]) / "plain.bin"
    src.write_bytes(plain)
    out = io.BytesIO()
    sealed.seal(src, out, password)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _tmp_env(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTEST_TMP", str(tmp_path))


def _unsealed(data: bytes, tmp_path: Path, password: str = PASSWORD) -> bytes:
    path = tmp_path / "in.ccsbak"
    path.write_bytes(data)
    out = io.BytesIO()
    sealed.unseal(path, out, password)
    return out.getvalue()


@pytest.mark.parametrize("size", [0, 1, sealed.CHUNK, 2 * sealed.CHUNK + 5])
def test_round_trip_in_chunks(tmp_path, size):
    plain = os.urandom(size)
    data = _sealed_bytes(plain)
    chunks = max(1, -(-size // sealed.CHUNK))  # streamed: never more than a chunk in memory
    assert len(data) == HEAD + size + 16 * chunks
    assert _unsealed(data, tmp_path) == plain


def test_cut_off_or_reordered_chunks_are_detected(tmp_path):
    plain = os.urandom(2 * sealed.CHUNK + 5)
    data = _sealed_bytes(plain)
    head, block = HEAD, sealed.CHUNK + 16
    chunks = [data[head:head + block], data[head + block:head + 2 * block],
              data[head + 2 * block:]]
    cut = data[:head] + chunks[0] + chunks[1]  # the last chunk dropped: a stick pulled out
    swapped = data[:head] + chunks[1] + chunks[0] + chunks[2]
    for bad in (cut, swapped):
        with pytest.raises(ValidationError):
            _unsealed(bad, tmp_path)


def test_a_crafted_header_cannot_make_us_allocate_gigabytes(tmp_path):
    data = bytearray(_sealed_bytes(b"x" * 100))
    data[8] = 30  # log2 n = 30: 2**30 × 128 × r bytes of scrypt memory
    with pytest.raises(ValidationError, match="已损坏或被改动过"):
        _unsealed(bytes(data), tmp_path)
