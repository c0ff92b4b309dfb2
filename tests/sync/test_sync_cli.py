"""`ccschool sync …` as a user or a cron job runs it."""
from __future__ import annotations

import json

from ccschool.county.server import free_port
from tests.sync.conftest import county_versions, site_versions
from tests.sync.factory import PERIOD, small_month
from tests.conftest import ADMIN_ENV


def test_close_push_status_from_the_command_line(site, county, run_cli):
    small_month(site)
    r = run_cli("sync", "status", "--json")
    before = json.loads(r.stdout)
    assert r.returncode == 0 and before["pending_records"] > 10 and before["batches"] == []
    r = run_cli("sync", "close-month", PERIOD, "--json")
    assert r.returncode == 0, r.stderr
    [batch] = json.loads(r.stdout)["batches"]
    assert batch["records"] == before["pending_records"] and len(batch["content_hash"]) == 64
    r = run_cli("sync", "close-month", PERIOD)
    assert r.returncode == 1 and "已月结" in r.stderr
    r = run_cli("sync", "push", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["remaining_batches"] == 0
    assert county_versions(county.engine) == site_versions(site)
    st = json.loads(run_cli("sync", "status", "--json").stdout)
    [b] = st["batches"]
    assert b["state"] == "done" and b["chunks_acked"] == b["chunks"] >= 1
    assert b["results"] == {"accepted": batch["records"]}
    month = [m for m in st["months"] if m["period"] == PERIOD][0]
    assert month["here"] == month["acknowledged"] == batch["records"]


def test_push_exits_non_zero_while_anything_is_left_unsent(site, run_cli):
    small_month(site)
    assert run_cli("sync", "close-month", PERIOD).returncode == 0
    r = run_cli("sync", "push", "--url", f"http://127.0.0.1:{free_port()}", "--timeout", "2")
    assert r.returncode == 1
    assert "无法连接县平台" in r.stdout and "未发送批次 1" in r.stdout


def test_setup_takes_the_county_key_file(db, run_cli, county, tmp_path):
    pem = tmp_path / "county.pem"
    pem.write_bytes(county.public_pem)
    r = run_cli("sync", "setup", "--url", county.url, "--token", county.token, "--county-key",
                pem, "--json", env=ADMIN_ENV)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["token_set"] and len(out["county_key_id"]) == 32
    bad = tmp_path / "bad.pem"
    bad.write_text("not a key")
    r = run_cli("sync", "setup", "--county-key", bad, env=ADMIN_ENV)
    assert r.returncode == 1 and "公钥" in r.stderr


def test_sync_and_county_code_never_import_qt(run_cli):
    import subprocess
    import sys

    from tests.conftest import ROOT
    code = ("import sys, ccschool.sync.uploader, ccschool.sync.worker, ccschool.sync.usb, "
            "ccschool.sync.status, ccschool.county.app, ccschool.county.cli, ccschool.cli.sync; "
            "assert not [m for m in sys.modules if m.startswith('PySide6')]")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_setup_from_the_county_connection_file(db, run_cli, county, tmp_path):
    from ccschool.sync import connection_file
    made = connection_file.make(county_url=county.url, site_code="TEST01", site_name="测试",
                                upload_token=county.token, county_public_key=county.public_pem,
                                issued_at="2026-12-03T10:00:00+00:00")
    f = tmp_path / "TEST01-县平台连接文件.json"
    f.write_bytes(made)
    r = run_cli("sync", "setup", "--connection-file", f, "--json", env=ADMIN_ENV)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["county_url"] == county.url and out["token_set"] and out["county_key_id"]
    other = tmp_path / "other.json"
    other.write_bytes(made.replace(b'"TEST01"', b'"OTHER9"'))
    r = run_cli("sync", "setup", "--connection-file", other, env=ADMIN_ENV)
    assert r.returncode == 1 and "OTHER9" in r.stderr and "Traceback" not in r.stderr


def test_no_backup_no_month_close(site, data_dir, run_cli):
    """The CLI and the Sync page share the month close (services.month_close): when the backup
    before it cannot be written, nothing is sealed and one line says so."""
    small_month(site)
    (data_dir / "backups").write_text("a file where the backups folder should be")
    r = run_cli("sync", "close-month", PERIOD)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip().count("\n") == 0 and "备份" in r.stderr, r.stderr
    assert json.loads(run_cli("sync", "status", "--json").stdout)["batches"] == []
