"""Login, logout and the language switch."""
from __future__ import annotations

import hmac

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from ccschool.county.web import accounts, audit, sessions
from ccschool.county.web.core import (LANG_COOKIE, LOGIN_CSRF_COOKIE, SESSION_COOKIE, BadForm,
                                      Web, checked_form, client_ip, new_login_csrf, read_form,
                                      safe_next, set_cookie, tr)


def router(web: Web) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/login")
    def login_page(request: Request, next: str = "/"):
        return _form(web, request, next)

    @r.post("/login")
    async def login(request: Request):
        form = await read_form(request)
        expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        if not expected or not hmac.compare_digest(form.get("csrf", "").encode(),
                                                   expected.encode()):
            raise BadForm("登录页面已过期（CSRF 校验失败），请重新打开登录页",
                          "The login page expired (CSRF check failed); open it again")
        nxt = safe_next(form.get("next"))
        try:
            staff = accounts.authenticate(web.engine, form.get("name", ""),
                                          form.get("password", ""), client_ip(request))
        except accounts.AccountError as exc:
            return _form(web, request, nxt, error=str(exc), name=form.get("name", ""),
                         status=401)
        response = RedirectResponse(nxt, 303)
        set_cookie(response, request, SESSION_COOKIE, sessions.start(web.engine, staff.name))
        response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
        return response

    @r.post("/logout")
    async def logout(request: Request):
        login = web.login(request)
        await checked_form(request, login)
        sessions.end(web.engine, login)
        audit.record(web.engine, login.staff.name, "logout", ip=client_ip(request))
        response = RedirectResponse("/login", 303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @r.get("/lang/{lang}")
    def switch_language(request: Request, lang: str, next: str = "/"):
        response = RedirectResponse(safe_next(next), 303)
        set_cookie(response, request, LANG_COOKIE, "en" if lang == "en" else "zh",
                   max_age=365 * 86400)
        return response

    return r


def _form(web: Web, request: Request, nxt: str, *, error: str | None = None, name: str = "",
          status: int = 200):
    token = new_login_csrf()
    response = web.render(request, "login.html", status=status, login_csrf=token,
                          next=safe_next(nxt), error=error, name=name,
                          title=tr(request, "登录", "Log in"))
    set_cookie(response, request, LOGIN_CSRF_COOKIE, token, max_age=3600)
    return response
