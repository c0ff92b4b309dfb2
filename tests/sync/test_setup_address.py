"""The county address is checked by full match (issue 17.4), by the one service GUI and CLI use."""
from __future__ import annotations

import pytest

from ccschool.errors import ValidationError
from ccschool.sync.setup import check_url


@pytest.mark.parametrize("url", ["abc", "http://", "https://", "ftp://county.cn", "http:/x.cn",
                                 "http://county .cn", "http://x.cn?a=1", " http://-x.cn",
                                 "javascript:alert(1)//http://x.cn"])
def test_not_an_address(url):
    with pytest.raises(ValidationError, match="县平台地址不对"):
        check_url(url)


@pytest.mark.parametrize("url, kept", [
    ("https://xx.edu.cn/", "https://xx.edu.cn"), ("http://192.168.1.10:8700", None),
    ("http://county-host/ccschool", None), ("http://[::1]:8700", None)])
def test_an_address(url, kept):
    assert check_url(url) == (kept or url)
