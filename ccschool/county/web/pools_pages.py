"""The teacher and venue pools page, and their Excel exports."""
from __future__ import annotations

from fastapi import APIRouter, Request

from ccschool.county.web import audit, pools, xlsx
from ccschool.county.web.core import BadForm, Web, client_ip, tr


def router(web: Web) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/pools")
    def pools_page(request: Request):
        login = web.login(request)
        shown = pools.tables(web.engine, lambda zh, en: tr(request, zh, en))
        audit.record(web.engine, login.staff.name, "pools.view", ip=client_ip(request))
        return web.render(request, "pools.html", title=tr(request, "师资与场地", "Pools"),
                          tables=shown)

    @r.get("/pools/{which}.xlsx")
    def export(request: Request, which: str):
        login = web.login(request)
        shown = pools.tables(web.engine, lambda zh, en: tr(request, zh, en))
        if which not in shown:
            raise BadForm("没有这张表", "No such table")
        title, headers, rows = shown[which]
        audit.record(web.engine, login.staff.name, "export", which, ip=client_ip(request))
        return xlsx.response(f"{title}.xlsx", title, headers, rows)

    return r
