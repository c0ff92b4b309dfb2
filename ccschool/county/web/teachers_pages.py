"""The shared teacher list page (发布县师资库) and the API sites pull it from."""
from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse

from ccschool.county import admin
from ccschool.county.web import audit, teachers
from ccschool.county.web.core import BadForm, Web, admin_post, checked_form, client_ip, tr
from ccschool.county.web.sessions import LoginSession

_ID = re.compile(r"[0-9a-f]{32}")


def router(web: Web) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/teachers")
    def teachers_page(request: Request):
        web.login(request)
        return _page(web, request)

    @r.post("/teachers/publish")
    async def publish(request: Request):
        def act(form: dict, login: LoginSession) -> None:
            done = teachers.publish_from_pool(web.engine, form.get("record", ""), form,
                                              login.staff.name)
            audit.record(web.engine, login.staff.name, "teachers.publish", done["id"],
                         ip=client_ip(request), source="pool")
        return await admin_post(web, request, act, teachers.TeacherFormError,
                                lambda error, _form: _page(web, request, error), "/teachers")

    @r.post("/teachers/add")
    async def add(request: Request):
        def act(form: dict, login: LoginSession) -> None:
            teacher = teachers.parse(form)
            teachers.add(web.engine, teacher, login.staff.name)
            audit.record(web.engine, login.staff.name, "teachers.publish", teacher["id"],
                         ip=client_ip(request), source="manual")
        return await admin_post(web, request, act, teachers.TeacherFormError,
                                lambda error, form: _page(web, request, error, form), "/teachers")

    @r.post("/teachers/{teacher_id}/withdraw")
    async def withdraw(request: Request, teacher_id: str):
        login = web.admin(request)
        await checked_form(request, login)
        if not _ID.fullmatch(teacher_id) or not teachers.withdraw(web.engine, teacher_id):
            raise BadForm("名单中没有这位教师", "No such teacher on the list")
        audit.record(web.engine, login.staff.name, "teachers.withdraw", teacher_id,
                     ip=client_ip(request))
        return RedirectResponse("/teachers", 303)

    return r


def _page(web: Web, request: Request, error: str | None = None, form: dict | None = None,
          status: int = 200):
    login = request.state.login
    # The list shows phones: who looked is recorded, as for every page with personal data.
    audit.record(web.engine, login.staff.name, "teachers.view", ip=client_ip(request))
    return web.render(request, "teachers.html", status=status,
                      title=tr(request, "县师资库", "County teacher list"), error=error,
                      form=form or {}, published=teachers.published(web.engine),
                      candidates=teachers.candidates(web.engine))


def api_router(web: Web) -> APIRouter:
    r = APIRouter()

    @r.get("/api/v1/teachers", summary="The county's shared teacher list (县师资库)",
           description="Sites pull this on sync (bearer upload token): the published teachers "
                       "and the list's revision, which grows with every change.")
    def get_teachers(request: Request):
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or admin.site_for_token(web.engine, token.strip()) is None:
            return JSONResponse({"error": "unauthorized", "reason": "missing or unknown token"},
                                401, headers={"WWW-Authenticate": "Bearer"})
        return teachers.document(web.engine)

    return r
