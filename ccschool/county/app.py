"""The reference county receiver's HTTP API (FastAPI); PROTOCOL.md is the contract."""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Path, Query, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from ccschool.county import admin, pull, stats
from ccschool.county.ingest import MAX_BODY, MAX_RECORDS, Ingestor, Refused
from ccschool.sync import jsontext
from ccschool.sync.wire import BATCH_ID_RE, PERIOD_RE, SITE_RE, SUPPORTED_SCHEMAS

API = "/api/v1"


def _err(status: int, code: str, reason: str) -> dict[str, Any]:
    return {"description": reason, "content": {"application/json": {
        "example": {"error": code, "reason": reason}}}}


CHUNK_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _err(400, "bad_envelope", "malformed body: not gzip, not JSON, or fields missing"),
    401: _err(401, "unauthorized", "missing or unknown bearer token"),
    403: _err(403, "foreign_batch", "the batch or the body belongs to another site"),
    413: _err(413, "too_large", f"body over {MAX_BODY} bytes or over {MAX_RECORDS} records"),
    422: _err(422, "schema_version", "unknown schema_version"),
}
CHUNK_BODY = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": {"type": "object", "description":
               "gzip-compressed JSON (Content-Encoding: gzip): {schema_version, site, batch_id, "
               "chunk, chunks, period, records: [{seq, kind, id, version, op, data}]}"}}}}}


def create_app(engine: Engine) -> FastAPI:
    # No /docs: Swagger UI loads from a CDN, which a closed county network cannot reach; the
    # OpenAPI document is served to logged-in staff by the web app.
    app = FastAPI(title="ccschool county receiver", version="1", docs_url=None, redoc_url=None,
                  openapi_url=None,
                  description="Receives monthly batches from township community schools. "
                              "See ccschool/sync/PROTOCOL.md.")
    app.add_middleware(GZipMiddleware, minimum_size=512)
    ingestor = Ingestor(engine)

    @app.exception_handler(Refused)
    async def refused(_request: Request, exc: Refused):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse({"error": exc.code, "reason": exc.reason}, exc.status, headers=headers)

    # The token look-up runs without a transaction of its own (a single read needs none): on
    # PostgreSQL that spares each chunk a BEGIN and a ROLLBACK, two waits on the server. The
    # engine for it is made once: made per request it cost each chunk ~0.3 ms.
    tokens = engine.execution_options(isolation_level="AUTOCOMMIT")
    _upload_routes(app, tokens, ingestor)
    _query_routes(app, engine, tokens)
    from ccschool.county.web.mount import mount
    mount(app, engine)  # the county staff's pages: every one behind login
    return app


def _site_of(tokens: Engine, request: Request) -> str:
    """The site whose bearer token came with the request; 401 otherwise. `tokens`: the
    engine in autocommit (create_app)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Refused(401, "unauthorized", "missing bearer token")
    site = admin.site_for_token(tokens, token.strip())
    if site is None:
        raise Refused(401, "unauthorized", "unknown upload token")
    return site


def _upload_routes(app: FastAPI, tokens: Engine, ingestor: Ingestor) -> None:
    @app.get(f"{API}/health", summary="Is the receiver up, and what does it accept")
    def health():
        return {"status": "ok", "schema_versions": list(SUPPORTED_SCHEMAS),
                "max_body_bytes": MAX_BODY, "max_records": MAX_RECORDS}

    @app.put(f"{API}/batches/{{batch_id}}/chunks/{{n}}", responses=CHUNK_ERRORS,
             openapi_extra=CHUNK_BODY, summary="Send one chunk of a batch (idempotent)",
             description="Answers per record: accepted, duplicate, or rejected with a reason. "
                         "An identical chunk sent again gets the same answer; nothing is "
                         "stored when the whole chunk is refused.")
    async def put_chunk(request: Request, batch_id: str = Path(pattern=BATCH_ID_RE.pattern),
                        n: int = Path(ge=0)):
        site = await run_in_threadpool(_site_of, tokens, request)
        body = await _read_limited(request)
        answer = await run_in_threadpool(ingestor.chunk, site=site, batch_id=batch_id, n=n,
                                         body=body)
        # Plain JSON already: returned as bytes, it skips FastAPI's generic encoder, which
        # walked the thousand per-record answers of a chunk at ~20 ms (the bytes are what
        # JSONResponse would send).
        return Response(jsontext.response_bytes(answer), media_type="application/json")


def _query_routes(app: FastAPI, engine: Engine, tokens: Engine) -> None:
    @app.get(f"{API}/batches/{{batch_id}}", summary="A batch's state and the chunks received")
    def get_batch(request: Request, batch_id: str = Path(pattern=BATCH_ID_RE.pattern)):
        site = _site_of(tokens, request)
        state = stats.batch_state(engine, batch_id)
        if state is None:
            return JSONResponse({"error": "not_found", "reason": "no such batch"}, 404)
        if state["site"] != site:
            raise Refused(403, "foreign_batch", "this batch belongs to another site")
        return state

    @app.get(f"{API}/sites/{{code}}/months/{{period}}",
             summary="A month as the county counts it: records per kind, person-times, hours")
    def get_month(request: Request, code: str = Path(pattern=SITE_RE.pattern),
                  period: str = Path(pattern=PERIOD_RE.pattern)):
        _same_site(_site_of(tokens, request), code)
        out = stats.month(engine, code, period)
        out["gaps"], out["max_seq"] = stats.gaps(engine, code)  # device 1 (older sites)
        out["devices"] = stats.device_gaps(engine, code)
        return out

    @app.get(f"{API}/sites/{{code}}/gaps", summary="Missing ranges of the site's sequence numbers")
    def get_gaps(request: Request, code: str = Path(pattern=SITE_RE.pattern)):
        _same_site(_site_of(tokens, request), code)
        ranges, top = stats.gaps(engine, code)
        return {"site": code, "max_seq": top, "gaps": ranges,
                "devices": stats.device_gaps(engine, code)}

    @app.get(f"{API}/sites/{{code}}/records",
             summary="The site's stored records since a cursor, for its devices (paged)")
    def get_records(request: Request, code: str, after: int = Query(0, ge=0, le=2**62),
                    limit: int = Query(pull.PAGE, ge=1, le=pull.MAX_PAGE)):
        _same_site(_site_of(tokens, request), code)
        return pull.records_after(engine, code, after, limit)

    @app.get(f"{API}/sites/{{code}}/months/{{period}}/digest",
             summary="Content hash per kind of what one device sent for a month")
    def get_digest(request: Request, code: str, period: str = Path(pattern=PERIOD_RE.pattern),
                   device: int = Query(1, ge=1, le=255)):
        _same_site(_site_of(tokens, request), code)
        return {"site": code, "period": period, "device": device,
                "kinds": pull.month_digest(engine, code, period, device)}

    @app.get(f"{API}/sites/{{code}}/versions",
             summary="Hash per kind of the (id, newest version) pairs held for the site")
    def get_versions(request: Request, code: str):
        _same_site(_site_of(tokens, request), code)
        return {"site": code, "kinds": pull.current_versions(engine, code)}

    @app.get(f"{API}/sites/{{code}}/devices/{{number}}",
             summary="Whether one of the site's devices was retired (checked when a laptop joins)")
    def get_device(request: Request, code: str = Path(pattern=SITE_RE.pattern),
                   number: int = Path(ge=1, le=255)):
        _same_site(_site_of(tokens, request), code)
        return {"site": code, "number": number,
                "retired_at": pull.device_retired_at(engine, code, number)}

def _same_site(site: str, code: str) -> None:
    if site != code:
        raise Refused(403, "wrong_site", f"this token belongs to site {site}, not {code}")


async def _read_limited(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise Refused(413, "too_large", f"body of {declared} bytes; at most {MAX_BODY}")
    parts, size = [], 0
    async for part in request.stream():
        size += len(part)
        if size > MAX_BODY:
            raise Refused(413, "too_large", f"body over {MAX_BODY} bytes")
        parts.append(part)
    if size == 0:
        raise Refused(400, "empty", "empty body")
    return b"".join(parts)
