"""`ccschool-county` from the command line: sites, keys and USB batch file import."""
from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

from ccschool.sync import batchfile
from tests.county.conftest import envelope, rec

ROOT = Path(__file__).resolve().parents[2]


def county_cli(*args):
    return subprocess.run([sys.executable, "-m", "ccschool.county.cli", *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


def _setup(tmp_path, db):
    token = county_cli("add-site", "SITE7", "--name", "七里乡社区学校", "--db", db).stdout.strip()
    pub = tmp_path / "county.pem"
    keygen = county_cli("keygen", "--db", db, "--out", pub)
    assert keygen.returncode == 0 and "BEGIN PUBLIC KEY" in keygen.stdout
    return db, token, pub.read_bytes()


def test_add_site_prints_a_token_once_and_refuses_a_second_registration(tmp_path, county_db):
    db, token, _ = _setup(tmp_path, county_db)
    assert len(token) >= 40
    again = county_cli("add-site", "SITE7", "--name", "x", "--db", db)
    assert again.returncode == 1 and "already registered" in again.stderr


def test_usb_file_imports_once_and_a_tampered_file_is_refused(tmp_path, county_db):
    db, token, pub = _setup(tmp_path, county_db)
    env = envelope([rec(i) for i in range(1, 21)], site="SITE7")
    data = batchfile.write(env, sign_key=batchfile.signing_key(token), county_public_pem=pub)
    f = tmp_path / "2024-05.ccsbatch"
    f.write_bytes(data)
    first = county_cli("import", f, "--db", db)
    assert first.returncode == 0, first.stderr
    assert "20 accepted, 0 duplicate, 0 rejected" in first.stdout
    second = county_cli("import", f, "--db", db)
    assert "0 accepted, 20 duplicate" in second.stdout
    for pos in (len(batchfile.MAGIC) + 30, len(data) // 2, len(data) - 5):
        bad = bytearray(data)
        bad[pos] ^= 0x01
        f.write_bytes(bytes(bad))
        r = county_cli("import", f, "--db", db)
        assert r.returncode == 1 and "altered" in r.stderr, (pos, r.stderr)


def test_file_signed_with_another_token_is_refused(tmp_path, county_db):
    db, _token, pub = _setup(tmp_path, county_db)
    env = envelope([rec(1)], site="SITE7")
    forged = batchfile.write(env, sign_key=batchfile.signing_key("guessed"), county_public_pem=pub)
    f = tmp_path / "forged.ccsbatch"
    f.write_bytes(forged)
    r = county_cli("import", f, "--db", db)
    assert r.returncode == 1 and "signature" in r.stderr


def test_file_for_another_county_key_is_refused(tmp_path, county_db):
    db, token, _pub = _setup(tmp_path, county_db)
    _priv, foreign = batchfile.generate_county_keys()
    env = envelope([rec(1)], site="SITE7", batch_id=uuid.uuid4().hex)
    f = tmp_path / "x.ccsbatch"
    f.write_bytes(batchfile.write(env, sign_key=batchfile.signing_key(token),
                                  county_public_pem=foreign))
    r = county_cli("import", f, "--db", db)
    assert r.returncode == 1 and "county key" in r.stderr


def test_a_lost_file_leaks_no_names(tmp_path, county_db):
    _db, token, pub = _setup(tmp_path, county_db)
    env = envelope([rec(1, "person", name="张三丰", village="七里村")], site="SITE7")
    data = batchfile.write(env, sign_key=batchfile.signing_key(token), county_public_pem=pub)
    for secret in ("张三丰", "七里村"):
        assert secret.encode() not in data


def test_serve_answers_health_on_the_given_port(tmp_path, county_db):
    import os
    import time

    import httpx

    from ccschool.county.server import free_port
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "ccschool.county.cli", "serve", "--db",
                             county_db, "--port", str(port)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/v1/health")
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.1)
        assert r.json()["status"] == "ok"
        front = httpx.get(f"http://127.0.0.1:{port}/")  # county staff log in first
        assert front.status_code == 303 and front.headers["location"].startswith("/login")
    finally:
        proc.terminate()
        proc.wait(10)
    if "://" not in county_db:
        assert Path(county_db).exists()


def test_add_staff_and_demo_from_the_command_line(tmp_path):
    import os
    db = tmp_path / "c.db"
    env = {**os.environ, "CCSCHOOL_COUNTY_PASSWORD": "short"}
    r = subprocess.run([sys.executable, "-m", "ccschool.county.cli", "add-staff", "ann",
                        "--role", "admin", "--db", db], cwd=ROOT, capture_output=True,
                       text=True, timeout=60, env=env)
    assert r.returncode == 1 and "12" in r.stderr and "Traceback" not in r.stderr
    env["CCSCHOOL_COUNTY_PASSWORD"] = "a-long-admin-password"
    r = subprocess.run([sys.executable, "-m", "ccschool.county.cli", "add-staff", "ann",
                        "--role", "admin", "--db", db], cwd=ROOT, capture_output=True,
                       text=True, timeout=60, env=env)
    assert r.returncode == 0 and "ann (admin)" in r.stdout
    no_tty = subprocess.run([sys.executable, "-m", "ccschool.county.cli", "add-staff", "bob",
                             "--db", db], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            stdin=subprocess.DEVNULL,
                            env={k: v for k, v in env.items() if k != "CCSCHOOL_COUNTY_PASSWORD"})
    assert no_tty.returncode == 1 and "CCSCHOOL_COUNTY_PASSWORD" in no_tty.stderr
    demo = county_cli("demo", "--db", tmp_path / "demo.db")
    assert demo.returncode == 0 and "password" in demo.stdout
    again = county_cli("demo", "--db", tmp_path / "demo.db")
    assert again.returncode == 1 and "empty" in again.stderr and "Traceback" not in again.stderr
    bad_port = county_cli("serve", "--port", "99999", "--db", db)
    assert bad_port.returncode == 2 and "65535" in bad_port.stderr
