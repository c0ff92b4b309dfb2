"""The audit log (admins) and the API description (any logged-in staff)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from ccschool.county.web import audit
from ccschool.county.web.core import Web, tr


def router(web: Web, app) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/audit")
    def audit_log(request: Request):
        web.admin(request)
        return web.render(request, "audit.html", title=tr(request, "审计日志", "Audit log"),
                          rows=audit.recent(web.engine))

    @r.get("/openapi.json")
    def openapi(request: Request):
        web.login(request)
        return JSONResponse(app.openapi())

    return r
