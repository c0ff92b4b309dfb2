"""The county connection file (县平台连接文件): what the county hands a site so it connects in
one step — the county's address, the site's upload token and the county public key.

Format (JSON, UTF-8; see PROTOCOL.md "County connection file"):
    {"format": "ccschool-county-connection/1", "county_url": "https://…", "site_code": "…",
     "site_name": "…", "upload_token": "…", "county_public_key": "-----BEGIN PUBLIC KEY-----…"
     or null, "county_key_id": "<32 hex>" or null, "issued_at": "<ISO-8601>"}
`read_connection_file` checks it and returns the values `ccschool.sync.setup.configure` takes.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ccschool.errors import ValidationError
from ccschool.sync import batchfile
from ccschool.sync.wire import SITE_RE

FORMAT = "ccschool-county-connection/1"
MAX_SIZE = 64 * 1024
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,200}")
_URL = re.compile(r"https?://[^\s/?#]+(/[^\s?#]*)?")


def make(*, county_url: str, site_code: str, site_name: str, upload_token: str,
         county_public_key: bytes | None, issued_at: str) -> bytes:
    pem = county_public_key.decode() if county_public_key else None
    return json.dumps({"format": FORMAT, "county_url": county_url.rstrip("/"),
                       "site_code": site_code, "site_name": site_name,
                       "upload_token": upload_token, "county_public_key": pem,
                       "county_key_id": batchfile.key_id(county_public_key) if county_public_key else None,
                       "issued_at": issued_at}, ensure_ascii=False, indent=1).encode()


def _bad(zh: str, en: str, **kw) -> ValidationError:
    return ValidationError("县平台连接文件无法使用：" + zh, "The county connection file cannot "
                           "be used: " + en, field="connection_file", **kw)


def read_connection_file(path: str | Path) -> dict:
    """{"url", "token", "county_public_key", "site_code", "site_name"} from the file, checked."""
    try:
        data = Path(path).read_bytes()[:MAX_SIZE + 1]
    except OSError as exc:
        raise _bad("无法读取（{e}）", "unreadable ({e})", e=exc.strerror or exc) from None
    if len(data) > MAX_SIZE:
        raise _bad("文件过大", "the file is too large")
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _bad("不是 JSON 文件", "it is not a JSON file") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _bad("格式不对（应为 {f}）", "wrong format (expected {f})", f=FORMAT)
    url, token, code = doc.get("county_url"), doc.get("upload_token"), doc.get("site_code")
    if not isinstance(url, str) or not _URL.fullmatch(url):
        raise _bad("县平台地址不对", "the county address is malformed")
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        raise _bad("上传令牌不对", "the upload token is malformed")
    if not isinstance(code, str) or not SITE_RE.fullmatch(code):
        raise _bad("站点代码不对", "the site code is malformed")
    pem = doc.get("county_public_key")
    if pem is not None:
        try:
            kid = batchfile.key_id(pem)
        except (ValueError, TypeError):
            raise _bad("县平台公钥无法识别", "the county public key is not a PEM key") from None
        if doc.get("county_key_id") not in (None, kid):
            raise _bad("公钥与其编号不符", "the public key does not match its key id")
    given = doc.get("site_name")
    name = given if isinstance(given, str) else ""
    return {"url": url.rstrip("/"), "token": token, "county_public_key": pem,
            "site_code": code, "site_name": name[:200]}


def apply_connection_file(s, path: str | Path) -> dict:
    """Set the county address, token and key from the file, in the caller's transaction; a
    file made for another site is refused (its token would upload under that site's name)."""
    from ccschool.services.site import get_site
    from ccschool.sync.setup import configure

    conn = read_connection_file(path)
    site = get_site(s)
    if site.code != conn["site_code"]:
        raise _bad("这是站点 {other} 的文件，本机是站点 {mine}",
                   "it was made for site {other}; this is site {mine}",
                   other=conn["site_code"], mine=site.code)
    return configure(s, url=conn["url"], token=conn["token"],
                     county_public_key=conn["county_public_key"])
