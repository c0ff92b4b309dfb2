"""Sites (站点): register a site, keep its level, township and population, issue and revoke
its upload token; a new token comes as the county connection file the site imports."""
from __future__ import annotations

import re
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import insert, select, update

from ccschool.county import admin
from ccschool.county.store import now_iso
from ccschool.county.web import audit, verify
from ccschool.county.web import tables as wt
from ccschool.county.web.core import BadForm, Web, checked_form, client_ip, tr
from ccschool.county.web.figures import sites as all_sites
from ccschool.sync import connection_file
from ccschool.sync.batchfile import signing_key
from ccschool.sync.wire import SITE_RE

LEVELS = ("township", "village")
_POPULATION = re.compile(r"[0-9]{1,9}")


def router(web: Web) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/sites")
    def sites_page(request: Request, done: str | None = None):
        web.login(request)
        with web.engine.connect() as conn:
            rows = all_sites(conn)
            issued = dict(conn.execute(select(wt.site_token.c.site, wt.site_token.c.issued_at)
                                       .where(wt.site_token.c.revoked_at.is_(None))).all())
        return web.render(request, "sites.html", title=tr(request, "站点", "Sites"),
                          sites=rows, issued=issued, done=done,
                          townships=[s for s in rows if s["level"] == "township"])

    @r.post("/sites")
    async def register(request: Request):
        login = web.admin(request)
        form = await checked_form(request, login)
        code, name = form.get("code", "").strip(), form.get("name", "").strip()
        level, township = form.get("level", ""), form.get("township", "").strip() or None
        population = form.get("population", "").strip()
        _check_site(code, name, level, township, population)
        try:
            admin.add_site(web.engine, code, name)  # the token made here is never shown
        except admin.AdminError:
            raise BadForm(f"站点 {code} 已经登记过", f"Site {code} is already registered") from None
        with web.engine.begin() as conn:
            conn.execute(insert(wt.site_profile).values(
                code=code, level=level, township=township if level == "village" else None,
                population=int(population) if population else None))
            audit.record(conn, login.staff.name, "site.add", code, ip=client_ip(request),
                         name=name, level=level)
        return RedirectResponse(f"/sites?done={quote(code)}", 303)

    @r.post("/sites/{code}/token")
    async def issue(request: Request, code: str):
        login = web.admin(request)
        await checked_form(request, login)
        site = _site(web, code)
        with web.engine.begin() as conn:
            verify.retire_key(conn, code)  # certificates printed under it still verify
        token = admin.new_token(web.engine, code)
        _log_token(web, code, token, login.staff.name, client_ip(request))
        key = admin.public_key(web.engine)
        body = connection_file.make(
            county_url=str(request.base_url), site_code=code, site_name=site["name"],
            upload_token=token, county_public_key=key[1] if key else None, issued_at=now_iso())
        return Response(body, media_type="application/json", headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''"
                                   f"{quote(code + '-县平台连接文件.json')}",
            "Cache-Control": "no-store"})

    @r.post("/sites/{code}/revoke")
    async def revoke(request: Request, code: str):
        login = web.admin(request)
        await checked_form(request, login)
        _site(web, code)
        with web.engine.begin() as conn:
            verify.retire_key(conn, code)
        admin.revoke_token(web.engine, code)
        with web.engine.begin() as conn:
            conn.execute(update(wt.site_token).where(wt.site_token.c.site == code,
                                                     wt.site_token.c.revoked_at.is_(None))
                         .values(revoked_at=now_iso()))
            audit.record(conn, login.staff.name, "token.revoke", code, ip=client_ip(request))
        return RedirectResponse(f"/sites?done={quote(code)}", 303)

    return r


def _site(web: Web, code: str) -> dict:
    with web.engine.connect() as conn:
        found = all_sites(conn, (code,))
    if not found:
        raise BadForm("没有这个站点", "No such site")
    return found[0]


def _check_site(code, name, level, township, population) -> None:
    if not SITE_RE.fullmatch(code):
        raise BadForm("站点代码应为1-32个字母、数字或 -", "A site code is 1-32 letters, digits or -")
    if not 1 <= len(name) <= 200:
        raise BadForm("请填写站点名称（至多200字）", "Enter the site's name (at most 200 characters)")
    if level not in LEVELS:
        raise BadForm("层级应为乡镇学校或村学习点", "The level is township school or village point")
    if level == "village" and not township:
        raise BadForm("村(社区)学习点要选所属乡镇", "A village point needs its township")
    if population and not _POPULATION.fullmatch(population):
        raise BadForm("常住人口应为整数", "The population is a whole number")


def _log_token(web: Web, code: str, token: str, by: str, ip: str) -> None:
    with web.engine.begin() as conn:
        conn.execute(update(wt.site_token).where(wt.site_token.c.site == code,
                                                 wt.site_token.c.revoked_at.is_(None))
                     .values(revoked_at=now_iso()))
        conn.execute(insert(wt.site_token).values(
            site=code, token_hash=admin.token_hash(token), issued_at=now_iso(), issued_by=by,
            sign_key=signing_key(token).hex()))  # what admin.new_token stored for it
        audit.record(conn, by, "token.issue", code, ip=ip)
