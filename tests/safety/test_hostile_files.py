"""Hostile files and rows: rosters, the upload chunker, edited batch files (property-based)."""
from __future__ import annotations

import functools
import io
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ccschool.errors import ValidationError
from ccschool.roster.model import RosterRow
from ccschool.roster.reader import read_roster
from ccschool.roster.validate import check_row
from ccschool.sync import batchfile, wire
from ccschool.sync.batching import plan_chunks, wire_record
from tests.safety.conftest import counts

FIELDS = ["name", "gender", "birth_date", "phone", "village", "venue", "target_groups", "notes",
          "consent_upload", "card_no", "id_number"]
cell = st.one_of(st.none(), st.text(max_size=40), st.integers(), st.floats(allow_nan=True),
                 st.dates(), st.datetimes(), st.booleans(),
                 st.text(alphabet="0123456789Xx -", min_size=15, max_size=20))


@given(st.dictionaries(st.sampled_from(FIELDS), cell))
@settings(max_examples=300)
def test_any_roster_row_is_checked_never_crashes(raw):
    row = RosterRow(row=17, raw=tuple(raw.values()))
    check_row(row, raw)
    for problem in row.problems:
        assert problem.message.startswith("第17行")
    if row.ok:
        assert row.values.get("name")


records = st.lists(st.builds(
    lambda seq, text: wire_record(seq, "attendance", f"{seq:032x}", 1, "upsert", {"t": text}),
    st.integers(0, 10**6), st.text(max_size=300)), max_size=60, unique_by=lambda r: r["seq"])


@given(records, st.integers(1, 25), st.integers(200, 5000))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_chunks_cover_every_record_once_in_order_within_limits(recs, max_records, max_bytes):
    import gzip

    chunks = plan_chunks(recs, max_records, max_bytes)
    assert [r for c in chunks for r in c] == recs
    for c in chunks:
        assert 1 <= len(c) <= max_records
        assert len(c) == 1 or len(gzip.compress(wire.dumps(c), 6)) <= max_bytes


@given(st.binary(max_size=2000))
def test_junk_upload_bodies_are_refused(body):
    try:
        wire.gunzip_limited(body, 10_000)
    except wire.WireError:
        pass


@pytest.fixture(scope="module")
def batch():
    private, public = batchfile.generate_county_keys()
    key = batchfile.signing_key("token")
    env = {"schema_version": 1, "site": "TEST01", "batch_id": "a" * 32, "chunk": 0, "chunks": 1,
           "period": "2026-10",
           "records": [wire_record(i, "attendance", f"{i:032x}", 1, "upsert", {"n": i})
                       for i in range(1, 30)]}
    data = batchfile.write(env, sign_key=key, county_public_pem=public)
    return data, (lambda site: key), (lambda kid: private)


@given(st.data())
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_an_edited_batch_file_is_refused(batch, data):
    good, sign_key_for, private_pem_for = batch
    pos = data.draw(st.integers(0, len(good) - 1))
    how = data.draw(st.sampled_from(["flip", "truncate", "insert"]))
    if how == "flip":
        bad = good[:pos] + bytes([good[pos] ^ data.draw(st.integers(1, 255))]) + good[pos + 1:]
    elif how == "truncate":
        bad = good[:pos]
    else:
        bad = good[:pos] + b"\x00" + good[pos:]
    with pytest.raises(batchfile.BatchFileError):
        batchfile.read(bad, sign_key_for=sign_key_for, private_pem_for=private_pem_for)


def test_a_county_key_that_is_not_rsa_is_refused_in_words(batch):
    """A key row that is not the RSA key county/admin.py makes: a BatchFileError, not an
    AttributeError from the key object."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    good, sign_key_for, _ = batch
    other = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    with pytest.raises(batchfile.BatchFileError) as refused:
        batchfile.read(good, sign_key_for=sign_key_for, private_pem_for=lambda kid: other)
    assert refused.value.code == "bad_key"


# -- whole files through the import command: refused, nothing written ----------------------------

def _roster_bytes() -> bytes:
    wb = Workbook()
    wb.active.append(["姓名", "性别", "身份证号", "电话"])
    for i in range(50):
        wb.active.append([f"张{i}", "男", None, "13800000000"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@functools.lru_cache(maxsize=1)
def _bomb() -> bytes:
    """40 MB of zeros in 40 KB: a ratio no real workbook has (rosters refuse > 10 MB at 200:1)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (40 * 1024 * 1024))
    return buf.getvalue()


@pytest.mark.parametrize("kind", ["truncated", "random", "gbk_text", "bomb", "empty"])
def test_hostile_roster_files_are_refused_quickly(tmp_path, kind):
    path = tmp_path / "花名册.xlsx"
    good = _roster_bytes()
    path.write_bytes({"truncated": lambda: good[: len(good) // 2],
                      "random": lambda: bytes(range(256)) * 40,
                      "gbk_text": lambda: "姓名,性别\n张三,男\n".encode("gbk"),
                      "bomb": _bomb, "empty": lambda: b""}[kind]())
    started = time.perf_counter()
    with pytest.raises(ValidationError) as err:
        read_roster(path)
    assert "花名册.xlsx" in str(err.value)
    assert time.perf_counter() - started < 5  # the bomb is refused before inflating


def test_import_command_refuses_a_bomb_and_writes_nothing(filled, data_dir, run_cli, tmp_path):
    filled.close()
    before = counts(data_dir / "ccschool.db")
    bomb = tmp_path / "名单.xlsx"
    bomb.write_bytes(_bomb())
    done = run_cli("learners", "import", bomb)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert counts(data_dir / "ccschool.db") == before
