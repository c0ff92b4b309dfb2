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


def test_the_settings_fields_change_the_link_only_when_they_differ(db):
    """services behind the Settings page: unchanged fields write nothing (no audit entry), a
    changed address is checked and stored as `sync setup` stores it, an emptied token is gone."""
    from sqlalchemy import func, select

    from ccschool.models import AuditEntry
    from ccschool.services import site as site_svc
    from ccschool.sync.setup import change_link

    def audited(s) -> int:
        return s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "sync.setup"))

    with db.transaction(actor="admin") as s:
        assert change_link(s, url="https://county.cn/ ", token=" tok ", county_public_key="")
    with db.transaction(actor="admin") as s:
        assert not change_link(s, url="https://county.cn", token="tok", county_public_key=" ")
        assert audited(s) == 1
        with pytest.raises(ValidationError):
            change_link(s, url="https://county.cn?x=1", token="tok", county_public_key="")
    with db.transaction(actor="admin") as s:
        assert change_link(s, url="https://county.cn", token="", county_public_key="")
        site = site_svc.get_site(s)
        assert (site.county_url, site.upload_token, audited(s)) == ("https://county.cn", None, 2)
