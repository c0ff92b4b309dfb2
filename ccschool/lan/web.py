"""The few HTTP pieces the phone pages need, on the standard library's threading server.

The desktop bundle leaves FastAPI/Starlette/uvicorn out (installer/ccschool.spec); a dozen
routes answering plain forms do not need them. Requests and responses are small value objects
so the page logic (learner.py, desk.py) never touches a socket.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from ccschool.lan import html
from ccschool.lan.netaddr import is_local_client

log = logging.getLogger(__name__)
MAX_BODY = 8192  # a sign-in form is a few hundred bytes


@dataclass
class Request:
    method: str
    path: str
    query: dict
    form: dict
    cookies: dict
    client: str
    headers: dict = field(default_factory=dict)

    def arg(self, name: str) -> str:
        return (self.form.get(name) or self.query.get(name) or "").strip()


@dataclass
class Response:
    status: int = 200
    body: str = ""
    headers: list = field(default_factory=list)

    @classmethod
    def redirect(cls, location: str) -> "Response":
        return cls(303, "", [("Location", location)])

    def cookie(self, name: str, value: str, *, max_age: int, same_site: str = "Lax") -> "Response":
        self.headers.append(("Set-Cookie", f"{name}={value}; Max-Age={max_age}; Path=/; "
                                           f"HttpOnly; SameSite={same_site}"))
        return self


def _single(values: dict) -> dict:
    return {k: v[0] for k, v in values.items() if v}


def _cookies(header: str | None) -> dict:
    jar = SimpleCookie()
    try:
        jar.load(header or "")
    except CookieError:
        return {}
    return {k: m.value for k, m in jar.items()}


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512  # a room of phones scanning at once must not be refused at connect
    block_on_close = False

    def __init__(self, address, app) -> None:
        self.app = app  # has .handle(Request) -> Response
        super().__init__(address, Handler)

    def handle_error(self, request, client_address) -> None:
        # A phone that drops the connection mid-answer is normal on Wi-Fi: no traceback.
        log.info("phone connection ended early")


class Handler(BaseHTTPRequestHandler):
    server: Server  # socketserver hands each handler the Server that made it
    server_version = "ccschool"
    sys_version = ""
    timeout = 20  # a phone that opens a connection and goes quiet does not hold a thread

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def _serve(self, method: str) -> None:
        client = self.client_address[0]
        if not is_local_client(client):
            return self._send(Response(403, html.page("403", "")))
        parts = urlsplit(self.path)
        form = {}
        if method == "POST":
            given = self.headers.get("Content-Length") or "0"
            length = int(given) if given.isdigit() else MAX_BODY + 1
            if length > MAX_BODY:
                return self._send(Response(413, html.page("413", "")))
            form = _single(parse_qs(self.rfile.read(length).decode("utf-8", "replace")))
        request = Request(method, parts.path, _single(parse_qs(parts.query)), form,
                          _cookies(self.headers.get("Cookie")), client,
                          {k.lower(): v for k, v in self.headers.items()})
        try:
            response = self.server.app.handle(request)
        except Exception as exc:  # never a traceback to a phone; no personal data in the log
            log.error("phone sign-in page failed: %s", type(exc).__name__)
            response = Response(500, html.page("500", html.notice(
                "error", "出错了 / Something went wrong", "请到签到台找工作人员")))
        self._send(response)

    def _send(self, response: Response) -> None:
        body = response.body.encode("utf-8")
        self.send_response(response.status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")  # the token never leaves in a Referer
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Content-Security-Policy",
                         "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args) -> None:
        pass  # URLs carry tokens and form posts carry names: the access log stays off

