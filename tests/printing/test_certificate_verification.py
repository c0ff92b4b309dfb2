"""Issue 19.6 at the site: a printed certificate's QR opens the county's verification page
when the site has a county, and keeps the site's own CCS1C payload when it has none."""
from __future__ import annotations

import re

import httpx
import pytest

from ccschool import clock
from ccschool.services import printing as svc
from ccschool.sync import batching, certcheck, setup, uploader
from tests.county.conftest import county, county_engine  # noqa: F401  (fixtures)
from tests.printing.conftest import decode, render

URL_RE = re.compile(r"(http://127\.0\.0\.1:\d+)/v/TEST01/(ST01-C\d{6})/([A-Z2-7]{16})")


def _printed_qrs(db, school, tmp_path, out_dir) -> list[str]:
    pdf = tmp_path / "certs.pdf"
    svc.print_certificates(db, actor="admin", class_id=school.class_id, out=pdf)
    return [text for png in render(pdf, out_dir) for text in decode(png)]


def test_without_a_county_the_qr_keeps_the_site_payload(db, school, tmp_path, out_dir):
    qrs = _printed_qrs(db, school, tmp_path, out_dir)
    assert len(qrs) == 4 and all(q.startswith("CCS1C:TEST01:ST01-C00000") for q in qrs)


@pytest.mark.parametrize("county_db", ["sqlite"], indirect=True)
def test_the_qr_verifies_on_the_county_once_uploaded(db, school, county, tmp_path, out_dir):  # noqa: F811
    with db.transaction(actor="admin") as s:
        setup.configure(s, url=county.url, token=county.token)
    qrs = _printed_qrs(db, school, tmp_path, out_dir)
    assert len(qrs) == 4
    found = [URL_RE.fullmatch(q) for q in qrs]
    assert all(found), qrs
    base, cert_no, code = found[0].groups()
    assert base == county.url.rstrip("/")
    assert code == certcheck.check_code(certcheck.batchfile.signing_key(county.token),
                                        "TEST01", cert_no)
    # Scanned before the month's upload: the county knows the code but not the certificate.
    assert "尚未把它上传" in httpx.get(qrs[0], timeout=30).text
    forged = qrs[0][:-1] + ("A" if qrs[0][-1] != "A" else "B")
    assert httpx.get(forged, timeout=30).status_code == 404

    with db.transaction(actor="admin") as s:
        batching.close_month(s, period=clock.month())
    transport = uploader.transport_for_site(db)
    try:
        result = uploader.push(db, transport)
    finally:
        transport.close()
    assert result.error is None and result.remaining_batches == 0
    for qr in qrs:
        page = httpx.get(qr, timeout=30)
        assert page.status_code == 200 and "证书有效" in page.text, qr
    shown = httpx.get(qrs[-1], timeout=30).text  # 张三's, who gave no consent to share it
    assert "智能手机使用入门" in shown and "ST01-C000004" in shown and "张三" not in shown
