"""Offering one join file on the LAN while the admin's 添加一台电脑 window shows its QR code.

    GET /join/v1/<file id>  → the encrypted join file (application/octet-stream)

Bound to the laptop's own LAN address (never 0.0.0.0), answering only that one file id, only
to clients on a private network, and only for as long as it runs: the window stops it when it
closes. A wrong path counts as a miss; after MAX_MISSES misses or MAX_FETCHES fetches the offer
is withdrawn (410 for everything), so nobody on the Wi-Fi can keep guessing. Even fetched, the
file is useless without the one-time code on the admin's screen (ccschool/sync/joinfile.py).
The devices sync server (ccschool/sync/lan.py) does not fit: a laptop that is not yet a device
cannot sign its requests with the site's key.
"""
from __future__ import annotations

import errno
import logging
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ccschool.errors import ValidationError
from ccschool.lan.netaddr import is_local_client, primary_ipv4
from ccschool.sync.joinoffer import Offer, fingerprint, new_file_id

log = logging.getLogger(__name__)
DEFAULT_PORT = 8767  # next to phone sign-in (8765) and devices sync; any free port if taken
MAX_FETCHES = 10  # the new laptop fetches once per try of the code
MAX_MISSES = 20


def lan_host() -> str:
    """The address the other laptop reaches this one at; a message when there is none."""
    host = primary_ipv4()
    if host is None:
        raise ValidationError(
            "这台电脑没有连上局域网，无法显示加入二维码：请连上Wi-Fi或热点，或用U盘拷加入文件",
            "This computer is not on a local network, so no join QR code can be shown: connect "
            "to the Wi-Fi or a hotspot, or copy the join file by USB stick", field="host")
    return host


class JoinFileServer:
    """Serves `data` under a fresh file id until stop(); on_event(kind, client) is called from
    the server's thread with kind "fetched" or "withdrawn"."""

    def __init__(self, data: bytes, *, host: str, port: int = DEFAULT_PORT,
                 on_event: Callable[[str, str], None] | None = None) -> None:
        self.data, self.host, self.port = data, host, port
        self.file_id, self.fingerprint = new_file_id(), fingerprint(data)
        self.on_event = on_event
        self.fetches = self.misses = 0
        self.withdrawn = False
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def offer(self) -> Offer:
        return Offer(self.host, self.port, self.file_id, self.fingerprint)

    def start(self) -> JoinFileServer:
        try:
            self._httpd = _bind(self.host, self.port, self)
        except OSError as exc:
            raise ValidationError("无法在 {h} 上提供加入文件：{e}", "Cannot offer the join file "
                                  "on {h}: {e}", h=self.host, e=exc.strerror or exc,
                                  field="host") from None
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.1,),
                                        daemon=True, name="join-offer")
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening: from now on the new laptop is told the offer is gone. Idempotent."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def answer(self, path: str, client: str) -> tuple[int, bytes]:
        """(status, body) for one request; counts fetches and misses."""
        with self._lock:
            if self.withdrawn:
                return 410, b""
            if not is_local_client(client):
                return 403, b""
            if path == f"/join/v1/{self.file_id}":
                self.fetches += 1
                kind, status, body = "fetched", 200, self.data
            else:
                self.misses += 1
                kind, status, body = "missed", 404, b""
            if self.fetches >= MAX_FETCHES or self.misses >= MAX_MISSES:
                self.withdrawn = True
        self._tell(kind, client)
        if self.withdrawn:
            self._tell("withdrawn", client)
        return status, body

    def _tell(self, kind: str, client: str) -> None:
        if self.on_event is not None and kind != "missed":
            self.on_event(kind, client)

    def __enter__(self) -> JoinFileServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _bind(host: str, port: int, offer: JoinFileServer) -> ThreadingHTTPServer:
    try:
        return _Server((host, port), offer)
    except OSError as exc:
        if port == 0 or exc.errno not in (errno.EADDRINUSE, errno.EACCES, 10048, 10013):
            raise
        return _Server((host, 0), offer)  # the QR carries the port: any free one will do


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address, offer: JoinFileServer) -> None:
        self.offer = offer
        super().__init__(address, _Handler)

    def handle_error(self, request, client_address) -> None:
        log.info("join file connection ended early")


class _Handler(BaseHTTPRequestHandler):
    server_version = "ccschool"
    sys_version = ""
    timeout = 20

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        server: _Server = self.server  # type: ignore[assignment]
        status, body = server.offer.answer(self.path, self.client_address[0])
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args) -> None:
        pass  # the path is the file id: no access log
