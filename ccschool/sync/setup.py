"""The county's address, this site's upload token and the county public key, as given at setup."""
from __future__ import annotations

import re

from sqlmodel import Session

from ccschool import audit
from ccschool.errors import ValidationError
from ccschool.services.site import get_site
from ccschool.sync import batchfile

# http(s), a host (name, IPv4 or [IPv6]) with an optional port, an optional path: nothing else
URL_RE = re.compile(r"https?://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)"
                    r"(:\d{1,5})?(/[^\s?#]*)?")
WHERE_TO_SET = ("请在“设置”页的“县平台”中填写，或导入县平台连接文件",
                "fill it in under Settings → County platform, or import the county connection file")


def check_url(url: str) -> str:
    """The county address without a trailing slash; refuses anything but http(s)://host[:port]."""
    url = (url or "").strip()
    if not URL_RE.fullmatch(url):
        raise ValidationError("县平台地址不对：{u}（应形如 https://xx.edu.cn 或 http://192.168.1.10:8700）",
                              "The county address is not valid: {u} (it looks like "
                              "https://xx.edu.cn or http://192.168.1.10:8700)",
                              u=url, field="county_url")
    return url.rstrip("/")


def test_connection(url: str, *, timeout: float = 8.0) -> tuple[bool, str]:
    """Ask the county platform's health address (network: call it off the GUI thread)."""
    import httpx

    from ccschool.i18n import L

    base = check_url(url)
    try:
        answer = httpx.get(f"{base}/api/v1/health", timeout=timeout)
    except httpx.HTTPError:
        return False, L("连接不上 {u}：请检查地址和网络", "Cannot reach {u}: check the address and "
                        "the network", u=base)
    if answer.status_code != 200:
        return False, L("{u} 有回应，但不是县平台（状态 {c}）：请核对地址",
                        "{u} answered, but it is not a county platform (status {c}): check the "
                        "address", u=base, c=answer.status_code)
    return True, L("连接成功：县平台正常", "Connected: the county platform is up")


def configure(s: Session, *, url: str | None = None, token: str | None = None,
              county_public_key: str | None = None) -> dict:
    site = get_site(s)
    if url is not None:
        site.county_url = check_url(url) if url.strip() else None
    if token is not None:
        site.upload_token = token.strip() or None  # emptied: no token
    if county_public_key is not None:
        try:
            batchfile.key_id(county_public_key)
        except ValueError:
            raise ValidationError("县平台公钥无法识别（应为 PEM 格式）",
                                  "The county public key is not a PEM public key",
                                  field="county_public_key") from None
        site.county_public_key = county_public_key
    s.add(site)
    audit.record(s, "sync.setup", "site", site.id,
                 after={"county_url": site.county_url, "token_set": bool(site.upload_token),
                        "county_key": site.county_public_key and
                        batchfile.key_id(site.county_public_key)})
    return {"county_url": site.county_url, "token_set": bool(site.upload_token),
            "county_key_id": site.county_public_key and batchfile.key_id(site.county_public_key)}


def change_link(s: Session, *, url: str, token: str, county_public_key: str) -> bool:
    """The county fields of the Settings page as typed: when any differs from what is stored,
    `configure` checks and stores them all, as `ccschool sync setup` does (audited, without
    the token). True when something changed."""
    site = get_site(s)
    url, token, key = url.strip(), token.strip(), county_public_key.strip()
    stored = (site.county_url or "", site.upload_token or "", (site.county_public_key or "").strip())
    if stored == (url, token, key):
        return False
    configure(s, url=url, token=token, county_public_key=key or None)
    return True
