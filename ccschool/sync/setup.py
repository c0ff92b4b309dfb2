"""The county's address, this site's upload token and the county public key, as given at setup."""
from __future__ import annotations

from sqlmodel import Session

from ccschool import audit
from ccschool.errors import ValidationError
from ccschool.services.site import get_site
from ccschool.sync import batchfile


def configure(s: Session, *, url: str | None = None, token: str | None = None,
              county_public_key: str | None = None) -> dict:
    site = get_site(s)
    if url is not None:
        if not url.startswith(("http://", "https://")):
            raise ValidationError("县平台地址应以 http:// 或 https:// 开头：{u}",
                                  "The county address starts with http:// or https://: {u}",
                                  u=url, field="county_url")
        site.county_url = url.rstrip("/")
    if token is not None:
        site.upload_token = token.strip()
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
