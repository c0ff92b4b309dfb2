"""The public certificate verification page (no login): what a phone shows after a scan."""
from __future__ import annotations

from fastapi import APIRouter, Request

from ccschool.county.web import verify
from ccschool.county.web.core import Web, tr


def router(web: Web) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/v/{site}/{cert_no}/{code}")
    @r.get("/V/{site}/{cert_no}/{code}")  # the QR is upper case (alphanumeric mode)
    def verify_page(request: Request, site: str, cert_no: str, code: str):
        result = verify.check(web.engine, site, cert_no, code)
        status = 404 if result["state"] == verify.UNKNOWN else 200
        return web.render(request, "verify.html", status=status, r=result,
                          title=tr(request, "证书查验", "Certificate check"))

    return r
