"""A real receiver on 127.0.0.1 for each test, with one registered site."""
from __future__ import annotations

import uuid

import httpx
import pytest

from ccschool.county import admin
from ccschool.county.server import ServerThread
from ccschool.county.store import open_store
from ccschool.sync import wire


@pytest.fixture
def county_engine(county_db):
    engine = open_store(county_db)
    yield engine
    engine.dispose()


@pytest.fixture
def county(county_engine):
    token = admin.add_site(county_engine, "TEST01", "测试乡镇社区学校")
    other = admin.add_site(county_engine, "OTHER9", "别的学校")
    with ServerThread(county_engine) as server:
        server.token, server.other_token, server.engine = token, other, county_engine
        yield server


def rec(seq, kind="venue", *, rid=None, version=1, op="upsert", **data):
    return {"seq": seq, "kind": kind, "id": rid or uuid.uuid4().hex, "version": version,
            "op": op, "data": data or {"name": f"教室{seq}"}}


def envelope(records, *, batch_id=None, chunk=0, chunks=1, period="2024-05", site="TEST01"):
    return {"schema_version": 1, "site": site, "batch_id": batch_id or uuid.uuid4().hex,
            "chunk": chunk, "chunks": chunks, "period": period, "records": records}


def put(server, env, *, token=None, body=None, path_batch=None, path_n=None):
    url = (f"{server.url}/api/v1/batches/{path_batch or env['batch_id']}"
           f"/chunks/{env['chunk'] if path_n is None else path_n}")
    headers = {"Authorization": f"Bearer {token or server.token}", "Content-Encoding": "gzip",
               "Content-Type": "application/json"}
    return httpx.put(url, content=wire.encode_chunk(env) if body is None else body,
                     headers=headers, timeout=30)


@pytest.fixture(autouse=True)
def _close_logged_in_clients():
    from tests.county.web_helpers import OPEN_CLIENTS

    yield
    while OPEN_CLIENTS:
        OPEN_CLIENTS.pop().close()
