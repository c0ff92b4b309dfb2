"""What every page shares: templates, the language, the login check, forms and CSRF."""
from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from urllib.parse import parse_qs, quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy.engine import Engine

from ccschool.county.web import sessions
from ccschool.county.web.sessions import LoginSession

SESSION_COOKIE = "ccs_session"
LOGIN_CSRF_COOKIE = "ccs_login_csrf"
LANG_COOKIE = "ccs_lang"
MAX_FORM = 256 * 1024


class LoginRequired(Exception):
    """Raised by a page when nobody is logged in: answered with a redirect to /login."""


class Forbidden(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


class BadForm(Exception):
    """A form that cannot be used (no CSRF token, a wrong one, too large)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


class Web:
    """The web app's shared objects, built once in mount() and handed to every router."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.env = Environment(loader=PackageLoader("ccschool.county.web", "templates"),
                               autoescape=select_autoescape(["html"]), trim_blocks=True,
                               lstrip_blocks=True)

    def login(self, request: Request) -> LoginSession:
        found = sessions.find(self.engine, request.cookies.get(SESSION_COOKIE))
        if found is None:
            raise LoginRequired()
        request.state.login = found
        return found

    def admin(self, request: Request) -> LoginSession:
        login = self.login(request)
        if not login.staff.is_admin:
            raise Forbidden("只有管理员可以这样做", "Only an admin can do this")
        return login

    def render(self, request: Request, template: str, status: int = 200, **ctx) -> HTMLResponse:
        lang = language(request)
        login = getattr(request.state, "login", None)
        html = self.env.get_template(template).render(
            t=lambda zh, en: en if lang == "en" else zh, lang=lang, login=login,
            csrf=login.csrf if login else "", path=request.url.path,
            query=str(request.url.query), **ctx)
        return HTMLResponse(html, status, headers=SECURITY_HEADERS)


SECURITY_HEADERS = {
    # Pages load nothing from elsewhere (no CDN): say so, and refuse framing.
    "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer", "Cache-Control": "no-store",
}


def language(request: Request) -> str:
    return "en" if request.cookies.get(LANG_COOKIE) == "en" else "zh"


def tr(request: Request, zh: str, en: str) -> str:
    return en if language(request) == "en" else zh


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def set_cookie(response, request: Request, name: str, value: str, *, max_age: int | None = None,
               http_only: bool = True) -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=http_only, samesite="strict",
                        secure=is_https(request), path="/")


async def read_form(request: Request) -> dict[str, str]:
    """A urlencoded form as {field: last value}; too large a body is refused."""
    body = b""
    async for part in request.stream():
        body += part
        if len(body) > MAX_FORM:
            raise BadForm("提交的内容太大", "The form is too large")
    try:
        pairs = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
                         max_num_fields=500)
    except (UnicodeDecodeError, ValueError):
        raise BadForm("表单无法读取", "The form cannot be read") from None
    return {k: v[-1] for k, v in pairs.items()}


async def checked_form(request: Request, login: LoginSession) -> dict[str, str]:
    """The form of a logged-in POST, after its CSRF token is checked against the session's."""
    form = await read_form(request)
    if not hmac.compare_digest(form.get("csrf", "").encode(), login.csrf.encode()):
        raise BadForm("页面已过期或来源不明（CSRF 校验失败），请刷新后重试",
                      "The page expired or came from elsewhere (CSRF check failed); "
                      "reload it and try again")
    return form


async def admin_post(web: Web, request: Request, act: Callable[[dict, LoginSession], object],
                     refused: type[Exception], page: Callable[[str, dict], HTMLResponse],
                     back: str):
    """The shape of an admin's form post: the admin's login, the CSRF check, `act(form,
    login)` (parse, write, audit); an exception of type `refused` (with .zh and .en) shows
    `page(message, form)` again with status 400, success redirects to `back` (post/redirect/get)."""
    login = web.admin(request)
    form = await checked_form(request, login)
    try:
        act(form, login)
    except refused as exc:
        response = page(tr(request, getattr(exc, "zh"), getattr(exc, "en")), form)
        response.status_code = 400
        return response
    return RedirectResponse(back, 303)


def new_login_csrf() -> str:
    return secrets.token_urlsafe(24)


def safe_next(target: str | None) -> str:
    """Only a path on this site: never //evil.example or https://evil.example."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


def to_login(request: Request) -> RedirectResponse:
    nxt = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(nxt)}", 303)


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "?"
