"""A real county receiver on 127.0.0.1 and a site database set up to talk to it."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from ccschool.county import admin
from ccschool.county import schema as t
from ccschool.county.server import ServerThread
from ccschool.county.store import open_store
from ccschool.models import OutboxEntry
from ccschool.sync import batchfile
from ccschool.sync.prune import record_id_of
from ccschool.sync.setup import configure


@pytest.fixture(scope="session")
def county_keys():
    return batchfile.generate_county_keys()  # 3072-bit RSA takes a second: once per run


@pytest.fixture
def county(county_db, county_keys):
    """The county on SQLite, then on PostgreSQL (county_db): every end-to-end test runs on both."""
    engine = open_store(county_db)
    token = admin.add_site(engine, "TEST01", "测试镇社区学校")
    _kid, public = admin.keygen(engine, county_keys)
    with ServerThread(engine) as server:
        server.engine, server.token, server.public_pem = engine, token, public
        yield server
    engine.dispose()


@pytest.fixture
def site(db, county):
    """The test site's database, pointed at the county with a valid token and key."""
    with db.transaction(actor="admin") as s:
        configure(s, url=county.url, token=county.token,
                  county_public_key=county.public_pem.decode())
    return db


def county_versions(engine) -> list[tuple[str, int]]:
    with engine.connect() as conn:
        return sorted(conn.execute(select(t.record_version.c.record_id,
                                          t.record_version.c.version)).all())


def site_versions(db, *, exclude_rejected: bool = True) -> list[tuple[str, int]]:
    """Every (id, version) the site has sealed into batches: what the county must hold."""
    q = select(OutboxEntry.record_id, OutboxEntry.version).where(OutboxEntry.batch_id.is_not(None))
    if exclude_rejected:
        q = q.where((OutboxEntry.result.is_(None)) | (OutboxEntry.result != "rejected"))
    with db.read() as s:
        pruned = s.connection().exec_driver_sql(  # acknowledged rows pruning moved out
            "SELECT record_id, version FROM outbox_pruned").all()
        return sorted([tuple(r) for r in s.execute(q).all()]
                      + [(record_id_of(rid), v) for rid, v in pruned])
