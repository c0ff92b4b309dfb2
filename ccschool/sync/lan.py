"""Syncing two laptops of a site over the local network: one serves, the other connects.

    GET  /sync/v1/knowledge   → {"site", "device", "knowledge"}
    POST /sync/v1/pull        body {"knowledge": {...}} → a sync bundle of what the caller lacks
    POST /sync/v1/push        body: a sync bundle → {"applied", "merged"}

Every request carries `Authorization: CCSLAN <device>:<unix time>:<nonce>:<mac>` where mac is
HMAC-SHA256 over method, path, time, nonce and the body's sha256, keyed by a key derived from
the site's card-signing secret (only the site's devices hold it). A request older than five
minutes or with a nonce already seen is refused, so a recorded request cannot be replayed. The
bundles are the USB ones (encrypted and authenticated the same way), so nothing on the wire is
readable to a stranger on the network.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ccschool.errors import CCSError, ValidationError
from ccschool.services.site import get_site, this_device
from ccschool.sync import devicesync

SKEW = 300
MAX_BODY = 1 << 30


def lan_key(secret: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"ccschool lan sync v1").derive(bytes.fromhex(secret))


def sign(key: bytes, device: int, method: str, path: str, body: bytes) -> str:
    ts, nonce = str(int(time.time())), secrets.token_hex(12)
    return f"CCSLAN {device}:{ts}:{nonce}:{_mac(key, method, path, ts, nonce, body)}"


def _mac(key: bytes, method: str, path: str, ts: str, nonce: str, body: bytes) -> str:
    msg = "\n".join([method, path, ts, nonce, hashlib.sha256(body).hexdigest()]).encode()
    return hmac.new(key, msg, hashlib.sha256).hexdigest()


class Verifier:
    def __init__(self, key: bytes) -> None:
        self.key, self.lock = key, threading.Lock()
        self.seen: dict[str, float] = {}  # nonce -> when, for 2 * SKEW

    def check(self, header: str | None, method: str, path: str, body: bytes) -> int | None:
        """The caller's device number, or None if the request is not genuine and fresh."""
        scheme, _, rest = (header or "").partition(" ")
        parts = rest.split(":")
        if scheme != "CCSLAN" or len(parts) != 4 or not parts[0].isdigit() \
                or not parts[1].isdigit():
            return None
        device, ts, nonce, mac = parts
        if abs(time.time() - int(ts)) > SKEW:
            return None
        if not hmac.compare_digest(mac, _mac(self.key, method, path, ts, nonce, body)):
            return None
        with self.lock:
            now = time.time()
            self.seen = {n: t for n, t in self.seen.items() if now - t < 2 * SKEW}
            if nonce in self.seen:
                return None
            self.seen[nonce] = now
        return int(device)


def serve(db, host: str, port: int, *, ready=None) -> None:
    """Serve this laptop's records to the site's other devices until interrupted."""
    with db.read() as s:
        site = get_site(s)
        code, me, key = site.code, this_device(s), lan_key(site.secret)
    verifier, lock = Verifier(key), threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args):  # no per-request lines on the console
            pass

        def _reply(self, status: int, body: bytes, ctype="application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, obj) -> None:
            self._reply(status, json.dumps(obj, ensure_ascii=False).encode())

        def _body(self) -> bytes | None:
            size = self.headers.get("Content-Length", "0")
            if not size.isdigit() or int(size) > MAX_BODY:
                return None
            return self.rfile.read(int(size))

        def _handle(self, method: str) -> None:
            body = self._body() if method == "POST" else b""
            if body is None:
                return self._json(413, {"error": "too_large"})
            if verifier.check(self.headers.get("Authorization"), method, self.path, body) is None:
                return self._json(401, {"error": "unauthorized"})
            try:
                with lock:
                    self._route(method, body)
            except CCSError as exc:
                self._json(400, {"error": exc.code, "reason": exc.zh, "reason_en": exc.en})
            except (ValueError, KeyError, TypeError, AttributeError):
                self._json(400, {"error": "bad_request", "reason": "请求格式不对",
                                 "reason_en": "Malformed request"})

        def _route(self, method: str, body: bytes) -> None:
            if method == "GET" and self.path == "/sync/v1/knowledge":
                with db.read() as s:
                    k = devicesync.own_knowledge(s)
                return self._json(200, {"site": code, "device": me,
                                        "knowledge": {str(d): v for d, v in k.items()}})
            if method == "POST" and self.path == "/sync/v1/pull":
                cutoffs = _cutoffs(json.loads(body or b"{}").get("knowledge"))
                return self._reply(200, _bundle_bytes(db, cutoffs), "application/octet-stream")
            if method == "POST" and self.path == "/sync/v1/push":
                return self._json(200, _apply_bytes(db, body))
            self._json(404, {"error": "not_found"})

        def do_GET(self):
            self._handle("GET")

        def do_POST(self):
            self._handle("POST")

    server = ThreadingHTTPServer((host, port), Handler)
    if ready:
        ready(server.server_address)
    try:
        server.serve_forever()
    finally:
        server.server_close()


def _cutoffs(knowledge) -> dict[int, int]:
    if not isinstance(knowledge, dict):
        raise ValidationError("请求格式不对", "Malformed request", field="knowledge")
    out = {}
    for k, v in knowledge.items():
        if not (isinstance(k, str) and k.isdigit() and isinstance(v, int)):
            raise ValidationError("请求格式不对", "Malformed request", field="knowledge")
        out[int(k)] = v
    return out


def _bundle_bytes(db, cutoffs: dict[int, int]) -> bytes:
    with tempfile.TemporaryDirectory(prefix="ccschool-lan-") as tmp:
        path = Path(tmp) / "out.ccssync"
        devicesync.write_bundle(db, path, cutoffs=cutoffs)
        return path.read_bytes()


def _apply_bytes(db, data: bytes) -> dict:
    with tempfile.TemporaryDirectory(prefix="ccschool-lan-") as tmp:
        path = Path(tmp) / "in.ccssync"
        path.write_bytes(data)
        return devicesync.apply_bundle(db, path)


def sync_with(db, address: str, *, timeout: float = 120.0) -> dict:
    """Two-way sync with a serving device: fetch what we lack, then send what it lacks."""
    base = address if "://" in address else f"http://{address}"
    base = base.rstrip("/")
    with db.read() as s:
        site = get_site(s)
        me, key, mine = this_device(s), lan_key(site.secret), devicesync.own_knowledge(s)
    with httpx.Client(timeout=timeout) as client:
        def call(method: str, path: str, body: bytes = b"") -> httpx.Response:
            headers = {"Authorization": sign(key, me, method, path, body)}
            try:
                r = client.request(method, base + path, content=body or None, headers=headers)
            except httpx.HTTPError:
                raise ValidationError("无法连接 {a}：请确认对方已开启“局域网同步”且在同一网络",
                                      "Cannot reach {a}: check that the other laptop is serving "
                                      "and on the same network", a=address) from None
            if r.status_code == 401:
                raise ValidationError("{a} 拒绝了连接：它不是本站点的终端", "{a} refused: it is "
                                      "not a device of this site", a=address)
            if r.status_code != 200:
                reason = _reason(r)
                raise ValidationError("{a} 同步失败：{r}", "{a}: sync failed: {r}", a=address,
                                      r=reason)
            return r

        theirs = call("GET", "/sync/v1/knowledge").json()
        if theirs.get("site") != site.code:
            raise ValidationError("{a} 是其他站点（{s}）的终端", "{a} is a device of another site "
                                  "({s})", a=address, s=str(theirs.get("site"))[:32])
        body = json.dumps({"knowledge": {str(d): v for d, v in mine.items()}}).encode()
        got = _apply_bytes(db, call("POST", "/sync/v1/pull", body).content)
        cutoffs = _cutoffs(theirs.get("knowledge") or {})
        sent = call("POST", "/sync/v1/push", _bundle_bytes(db, cutoffs)).json()
    return {"peer": theirs.get("device"), "received": got["applied"], "sent": sent["applied"],
            "merged": got["merged"] + sent["merged"],
            "county": got["county"], "county_sent": sent.get("county")}


def _reason(r: httpx.Response) -> str:
    try:
        return str(r.json().get("reason") or r.status_code)
    except ValueError:
        return str(r.status_code)
