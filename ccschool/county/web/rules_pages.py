"""County rules: the page where admins set them, and the API sites pull them from."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from ccschool.county import admin
from ccschool.county.web import audit, rules
from ccschool.county.web.core import Web, admin_post, client_ip, tr
from ccschool.county.web.sessions import LoginSession


def router(web: Web) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/rules")
    def rules_page(request: Request):
        web.login(request)
        return _page(web, request, None, None)

    @r.post("/rules")
    async def set_rules(request: Request):
        def act(form: dict, login: LoginSession) -> None:
            effective, values = rules.parse(form)
            rules.add(web.engine, effective, values, login.staff.name)
            audit.record(web.engine, login.staff.name, "rules.set", effective,
                         ip=client_ip(request))
        return await admin_post(web, request, act, rules.RuleError,
                                lambda error, form: _page(web, request, error, form), "/rules")

    return r


def _page(web: Web, request: Request, error: str | None, form: dict | None, status: int = 200):
    current = rules.in_force(web.engine, date.today())
    shown = form or {k: ", ".join(map(str, v)) if isinstance(v, list) else v
                     for k, v in current.items()}
    return web.render(request, "rules.html", status=status,
                      title=tr(request, "县级规则", "County rules"), error=error, form=shown,
                      versions=list(reversed(rules.versions(web.engine))))


def api_router(web: Web) -> APIRouter:
    r = APIRouter()

    @r.get("/api/v1/rules", summary="The county's rules, every version with its effective date",
           description="Sites pull this on sync (bearer upload token). A month is judged by "
                       "the version in force on its first day.")
    def get_rules(request: Request):
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or admin.site_for_token(web.engine, token.strip()) is None:
            return JSONResponse({"error": "unauthorized", "reason": "missing or unknown token"},
                                401, headers={"WWW-Authenticate": "Bearer"})
        return {"defaults": rules.DEFAULTS, "versions": rules.versions(web.engine),
                "in_force": rules.in_force(web.engine, date.today())}

    return r
