"""Looking a resident up in the lifelong archive, on screen and as a PDF; every look is
audited (who, when, which ID number — masked in the log)."""
from __future__ import annotations

from datetime import date
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ccschool.county.web import archive, archive_pdf, audit
from ccschool.county.web.core import BadForm, Web, client_ip, tr


def router(web: Web) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    def lookup(request: Request, id_number: str, what: str):
        login = web.login(request)
        number = archive.normalise_id(id_number)
        if number is None:
            raise BadForm("身份证号应为18位（末位可为X）", "An ID number has 18 characters "
                          "(the last may be X)")
        found = archive.find(web.engine, number)
        audit.record(web.engine, login.staff.name, what, archive.mask_id(number),
                     ip=client_ip(request), found=found is not None)
        return found

    @r.get("/archive")
    def archive_page(request: Request, id: str | None = None):  # noqa: A002
        web.login(request)
        found = lookup(request, id, "archive.view") if id else None
        return web.render(request, "archive.html", title=tr(request, "终身学习档案",
                                                            "Lifelong archive"),
                          id=id or "", searched=bool(id), a=found)

    @r.get("/archive.pdf")
    def archive_file(request: Request, id: str = ""):  # noqa: A002
        found = lookup(request, id, "archive.pdf")
        if found is None:
            raise BadForm("档案里没有这个身份证号（或本人未授权上传）",
                          "No archive for this ID number (or no consent to upload)")
        body = archive_pdf.render(found, lambda zh, en: tr(request, zh, en), date.today())
        name = quote(tr(request, "终身学习档案", "archive") + ".pdf")
        return Response(body, media_type="application/pdf", headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{name}",
            "Cache-Control": "no-store"})

    return r
