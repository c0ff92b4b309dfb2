"""How chunks reach a county: one small interface, the reference receiver's protocol by default.

A county with its own platform (provinces publish their own APIs, often OAuth2 client
credentials over HTTPS) gets a new Transport subclass; the outbox, batching and retry logic do
not change. A transport raises TransportError and says whether trying again can help.
"""
from __future__ import annotations

from dataclasses import dataclass

import httpx

from ccschool.i18n import L
from ccschool.sync import wire

STATUSES = wire.RESULTS


class TransportError(Exception):
    """Sending failed. `retry` tells the worker whether backing off and retrying can help."""

    def __init__(self, message: str, *, retry: bool, status: int | None = None) -> None:
        super().__init__(message)
        self.message, self.retry, self.status = message, retry, status


@dataclass
class ChunkAnswer:
    """The county's per-record answers, in the order the records were sent."""

    results: list[dict]  # {"seq", "status": accepted|duplicate|rejected, "reason"?}, in order


class Transport:
    """What the uploader needs from a county platform."""

    def health(self) -> bool:
        raise NotImplementedError

    def send_chunk(self, envelope: dict) -> ChunkAnswer:
        raise NotImplementedError

    def prepare(self, envelope: dict):
        """Encode ahead of sending (the uploader does it while the previous chunk is on the
        wire); whatever it returns is handed to send_prepared."""
        return envelope

    def send_prepared(self, prepared) -> ChunkAnswer:
        return self.send_chunk(prepared)

    def month(self, site: str, period: str) -> dict | None:
        """The county's own figures for a month, if the platform can tell."""
        return None

    def rules(self) -> dict | None:
        """The county's rules document (PROTOCOL.md, County rules), if the platform has one."""
        return None

    def teachers(self) -> dict | None:
        """The county's published teacher list (PROTOCOL.md, County teacher list), if any."""
        return None

    def records_after(self, site: str, cursor: int, limit: int) -> dict:
        """The site's records the county stored after `cursor` (PROTOCOL.md, pull)."""
        raise TransportError(L("该县平台不支持取回本站点的记录", "This county platform cannot "
                               "send the site's records back"), retry=False)

    def month_digest(self, site: str, period: str, device: int) -> dict | None:
        return None

    def device_retired_at(self, site: str, number: int) -> str | None:
        """When the county learnt the site's device `number` was retired (None: it was not,
        or the platform cannot tell)."""
        return None

    def close(self) -> None:
        pass


class ReferenceTransport(Transport):
    """The reference receiver's protocol (PROTOCOL.md): PUT gzip JSON chunks with a bearer token."""

    def __init__(self, url: str, token: str, *, timeout: float = 30.0) -> None:
        self.base = url.rstrip("/")
        self.client = httpx.Client(timeout=httpx.Timeout(timeout, connect=10.0),
                                   headers={"Authorization": f"Bearer {token}",
                                            "User-Agent": "ccschool-sync/1"})

    def health(self) -> bool:
        try:
            return self.client.get(f"{self.base}/api/v1/health").status_code == 200
        except httpx.HTTPError:
            return False

    def send_chunk(self, envelope: dict) -> ChunkAnswer:
        return self.send_prepared(self.prepare(envelope))

    def prepare(self, envelope: dict) -> tuple[dict, bytes]:
        return envelope, wire.encode_chunk(envelope)

    def send_prepared(self, prepared: tuple[dict, bytes]) -> ChunkAnswer:
        envelope, body = prepared
        url = f"{self.base}/api/v1/batches/{envelope['batch_id']}/chunks/{envelope['chunk']}"
        headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
        response = self._call("PUT", url, content=body, headers=headers)
        return ChunkAnswer(_results(response, envelope))

    def month(self, site: str, period: str) -> dict | None:
        r = self._call("GET", f"{self.base}/api/v1/sites/{site}/months/{period}")
        return _json(r)

    def records_after(self, site: str, cursor: int, limit: int) -> dict:
        r = self._call("GET", f"{self.base}/api/v1/sites/{site}/records",
                       params={"after": cursor, "limit": limit})
        return _json(r)

    def month_digest(self, site: str, period: str, device: int) -> dict | None:
        r = self._call("GET", f"{self.base}/api/v1/sites/{site}/months/{period}/digest",
                       params={"device": device})
        return (_json(r) or {}).get("kinds")

    def device_retired_at(self, site: str, number: int) -> str | None:
        r = self._call("GET", f"{self.base}/api/v1/sites/{site}/devices/{number}")
        return (_json(r) or {}).get("retired_at")

    def rules(self) -> dict | None:
        return _json(self._call("GET", f"{self.base}/api/v1/rules"))

    def teachers(self) -> dict | None:
        return _json(self._call("GET", f"{self.base}/api/v1/teachers"))

    def _call(self, method: str, url: str, **kw) -> httpx.Response:
        try:
            response = self.client.request(method, url, **kw)
        except httpx.TimeoutException:
            raise TransportError(L("县平台响应超时，将自动重试",
                                   "The county platform timed out; will retry"), retry=True) from None
        except httpx.HTTPError:
            raise TransportError(L("无法连接县平台：网络不可用，将自动重试",
                                   "Cannot reach the county platform: network unavailable; "
                                   "will retry"), retry=True) from None
        if response.status_code >= 400:
            raise _refusal(response)
        return response

    def close(self) -> None:
        self.client.close()


def _json(response: httpx.Response):
    try:
        return response.json()
    except ValueError:
        raise TransportError(L("县平台返回了无法识别的内容，将自动重试",
                               "The county platform answered with something unreadable; will retry"),
                             retry=True, status=response.status_code) from None


def _results(response: httpx.Response, envelope: dict) -> list[dict]:
    """The answers with each record's seq filled in (the county answers by position)."""
    results = (_json(response) or {}).get("results")
    records = envelope["records"]
    if not (isinstance(results, list) and len(results) == len(records) and all(
            isinstance(r, dict) and r.get("status") in STATUSES
            and r.get("seq", rec["seq"]) == rec["seq"] for r, rec in zip(results, records))):
        raise TransportError(L("县平台的回执与所发记录不符，将重新发送",
                               "The county's receipt does not match the records sent; will resend"),
                             retry=True, status=response.status_code)
    return [{**r, "seq": rec["seq"]} for r, rec in zip(results, records)]


def _refusal(response: httpx.Response) -> TransportError:
    status = response.status_code
    try:
        reason = response.json().get("reason") or response.text[:200]
    except ValueError:
        reason = response.text[:200]
    if status >= 500 or status == 429:
        return TransportError(L("县平台暂时出错（HTTP {s}），将自动重试",
                                "The county platform had an error (HTTP {s}); will retry", s=status),
                              retry=True, status=status)
    if status == 401:
        return TransportError(L("县平台拒绝了上传令牌，请向县社区教育学院核对上传令牌",
                                "The county refused the upload token; check it with the county college"),
                              retry=False, status=status)
    return TransportError(L("县平台拒收（HTTP {s}）：{r}", "The county refused (HTTP {s}): {r}",
                            s=status, r=reason), retry=False, status=status)
