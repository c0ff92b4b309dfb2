"""USB batch files: exported by the site's CLI, imported by the county, tamper-proof."""
from __future__ import annotations

import pytest

from ccschool.county import admin
from ccschool.county.ingest import Ingestor
from ccschool.models import UploadBatch
from ccschool.sync import batchfile, batching
from ccschool.sync.uploader import push, transport_for_site
from tests.sync.conftest import county_versions, site_versions
from tests.sync.factory import PERIOD, small_month


def _close(db):
    with db.transaction(actor="admin") as s:
        [batch] = batching.close_month(s, period=PERIOD)
    return batch


def test_usb_round_trip_then_http_changes_nothing(site, county, run_cli, tmp_path):
    small_month(site)
    batch = _close(site)
    out = tmp_path / "stick" / f"{PERIOD}.ccsbatch"
    r = run_cli("sync", "export", "--month", PERIOD, "--out", out, "--json")
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    for secret in ("张一".encode(), b"1380000", "七里村".encode()):
        assert secret not in data  # a lost stick leaks nothing
    with site.read() as s:
        assert s.get(UploadBatch, batch.id).state == "exported"
    answer = admin.import_file(county.engine, Ingestor(county.engine), data)
    assert answer["summary"]["accepted"] == batch.record_count
    assert county_versions(county.engine) == site_versions(site)
    again = admin.import_file(county.engine, Ingestor(county.engine), data)
    assert again["summary"]["duplicate"] == batch.record_count
    transport = transport_for_site(site)
    result = push(site, transport)  # the network came back: the same batch, nothing doubled
    transport.close()
    assert result.remaining_batches == 0 and result.duplicate == batch.record_count
    assert county_versions(county.engine) == site_versions(site)


def test_tampered_file_is_refused(site, county, tmp_path):
    small_month(site)
    _close(site)
    out = tmp_path / "m.ccsbatch"
    from ccschool.sync.usb import export_month
    export_month(site, period=PERIOD, out=out)
    data = bytearray(out.read_bytes())
    data[len(data) // 3] ^= 0x20
    with pytest.raises(batchfile.BatchFileError):
        admin.import_file(county.engine, Ingestor(county.engine), bytes(data))
    assert county_versions(county.engine) == []


def test_export_of_an_unclosed_month_says_to_close_it_first(site, run_cli, tmp_path):
    small_month(site)
    r = run_cli("sync", "export", "--month", PERIOD, "--out", tmp_path / "x.ccsbatch")
    assert r.returncode == 1 and "月结" in r.stderr
    assert not (tmp_path / "x.ccsbatch").exists()
