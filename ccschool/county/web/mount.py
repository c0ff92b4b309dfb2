"""Putting the county platform's pages onto the receiver's FastAPI app."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.engine import Engine

from ccschool.county.web import tables
from ccschool.county.web.core import BadForm, Forbidden, LoginRequired, Web, to_login, tr


def mount(app: FastAPI, engine: Engine) -> Web:
    tables.create(engine)
    web = Web(engine)
    from ccschool.county.web import (admin_pages, archive_pages, dashboard_pages, login_pages,
                                     national_pages, pools_pages, rules_pages, sites_pages,
                                     teachers_pages, verify_pages)
    for module in (login_pages, dashboard_pages, national_pages, sites_pages, verify_pages,
                   rules_pages, archive_pages, pools_pages, teachers_pages):
        app.include_router(module.router(web))
    app.include_router(rules_pages.api_router(web))
    app.include_router(teachers_pages.api_router(web))
    app.include_router(admin_pages.router(web, app))

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired):
        return to_login(request)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden):
        return _error(web, request, 403, tr(request, exc.zh, exc.en))

    @app.exception_handler(BadForm)
    async def bad_form(request: Request, exc: BadForm):
        return _error(web, request, 400, tr(request, exc.zh, exc.en))

    return web


def _error(web: Web, request: Request, status: int, message: str) -> HTMLResponse:
    return web.render(request, "error.html", status=status, message=message,
                      title=tr(request, "无法完成", "Not possible"))
