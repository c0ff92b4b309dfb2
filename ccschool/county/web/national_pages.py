"""The 社区教育机构统计表 page and its Excel export, for any range of months."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request

from ccschool.county.web import audit, dashboard, national, xlsx
from ccschool.county.web.core import BadForm, Web, client_ip, tr
from ccschool.county.web.figures import Scope


def _range(start: str | None, end: str | None) -> tuple[str, str, date, date]:
    last = dashboard.last_closed_month(date.today())
    start, end = start or f"{last[:4]}-01", end or last
    try:
        lo, hi = dashboard.parse_period(start)[0], dashboard.parse_period(end)[1]
    except dashboard.PeriodError:
        raise BadForm("起止月份应写作 2022-09", "Write the months as 2022-09") from None
    if lo > hi:
        raise BadForm("开始月份晚于结束月份", "The first month is after the last")
    return start, end, lo, hi


def router(web: Web) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    def table(request: Request, start, end):
        start, end, lo, hi = _range(start, end)
        typed = national.entered(dict(request.query_params))
        figures = national.computed(web.engine, Scope(lo, hi))
        return start, end, typed, national.row(figures, typed)

    @r.get("/national")
    def page(request: Request, start: str | None = None, end: str | None = None):
        web.login(request)
        start, end, typed, values = table(request, start, end)
        return web.render(request, "national.html",
                          title=tr(request, "社区教育机构统计表", "Community education table"),
                          start=start, end=end, typed=typed, values=values,
                          columns=national.COLUMNS)

    @r.get("/national.xlsx")
    def export(request: Request, start: str | None = None, end: str | None = None):
        login = web.login(request)
        start, end, _typed, values = table(request, start, end)
        en = tr(request, "", "en") == "en"
        headers = [c.en if en else c.zh for c in national.COLUMNS]
        title = tr(request, "社区教育机构统计表", "Community education institutions")
        audit.record(web.engine, login.staff.name, "export", "national", ip=client_ip(request),
                     start=start, end=end)
        return xlsx.response(f"{title}-{start}..{end}.xlsx", f"{title} {start}..{end}",
                             headers, [values])

    return r
