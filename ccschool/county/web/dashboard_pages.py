"""The dashboard (统计总览) and its Excel exports."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request

from ccschool.county.web import audit, dashboard, svg, tables_view, xlsx
from ccschool.county.web.core import BadForm, Web, client_ip, tr
from ccschool.county.web.figures import Scope, sites


def router(web: Web) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    def figures(request: Request, p: str | None, site: str | None, township: str | None):
        p = p or dashboard.last_closed_month(date.today())
        try:
            start, end = dashboard.parse_period(p)
        except dashboard.PeriodError:
            raise BadForm("统计期应写作 2024-05、2024-Q2 或 2024",
                          "Write the period as 2024-05, 2024-Q2 or 2024") from None
        with web.engine.connect() as conn:
            every = sites(conn)
        codes = dashboard.scope_sites(every, site, township)
        data = dashboard.build(web.engine, Scope(start, end, codes))
        t = lambda zh, en: tr(request, zh, en)  # noqa: E731
        return p, every, data, tables_view.build(data, t)

    @r.get("/")
    def home(request: Request, p: str | None = None, site: str | None = None,
             township: str | None = None):
        web.login(request)
        p, every, data, shown = figures(request, p, site, township)
        chart = svg.bars([(m[2:], n) for m, n, _h in data["trend"]],
                         title=tr(request, "培训人次（按月）", "Person-times by month"))
        return web.render(request, "dashboard.html", title=tr(request, "统计总览", "Dashboard"),
                          p=p, site=site or "", township=township or "", every=every,
                          d=data, tables=shown, chart=chart,
                          townships=[s for s in every if s["level"] == "township"])

    @r.get("/export/{table}.xlsx")
    def export(request: Request, table: str, p: str | None = None, site: str | None = None,
               township: str | None = None):
        login = web.login(request)
        p, _every, _data, shown = figures(request, p, site, township)
        if table not in shown:
            raise BadForm("没有这张表", "No such table")
        title, headers, rows = shown[table]
        audit.record(web.engine, login.staff.name, "export", table, ip=client_ip(request),
                     period=p, site=site, township=township)
        return xlsx.response(f"{title}-{p}.xlsx", f"{title} {p}", headers, rows)

    return r
