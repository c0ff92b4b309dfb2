"""The projector's QR holds exactly the sign-in address (decoded as a phone camera would)."""
from __future__ import annotations

import zxingcpp
from PIL import Image


def test_the_projector_qr_decodes_to_the_url(qapp, tmp_path):
    from ccschool.ui.checkin.phone_panel import qr_pixmap

    url = "http://192.168.137.1:8800/s/Ab3dEf9hK2"
    pixmap = qr_pixmap(url)
    assert pixmap.width() == pixmap.height() >= 300
    pixmap.save(str(tmp_path / "qr.png"))
    found = zxingcpp.read_barcodes(Image.open(tmp_path / "qr.png"))
    assert [r.text for r in found] == [url]
