"""Edits to a closed month go out as corrections in a new batch; sealed batches never change."""
from __future__ import annotations

from sqlalchemy import select

from ccschool.county import stats
from ccschool.models import Attendance, Person, UploadBatch
from ccschool.sync import batching
from ccschool.sync.status import status
from ccschool.sync.uploader import push, transport_for_site
from tests.sync.conftest import county_versions, site_versions
from tests.sync.factory import PERIOD, small_month


def _push(db):
    transport = transport_for_site(db)
    try:
        return push(db, transport)
    finally:
        transport.close()


def test_edit_after_close_becomes_a_correction_batch(site, county):
    ids = small_month(site)
    with site.transaction(actor="admin") as s:
        [main] = batching.close_month(s, period=PERIOD)
    _push(site)
    with site.read() as s:
        sealed = (s.get(UploadBatch, main.id).content_hash, s.get(UploadBatch, main.id).record_count)
    with site.transaction(actor="staff") as s:  # a late correction: excused, not present
        att = s.get(Attendance, ids["attendance"][1])
        att.status, att.reason = "excused", "补假条"
        s.add(att)
        person = s.get(Person, ids["people"][2])
        person.village = "八里村"
        s.add(person)
    result = _push(site)
    assert result.accepted == 2 and result.remaining_batches == 0
    with site.read() as s:
        batches = list(s.scalars(select(UploadBatch).order_by(UploadBatch.created_at)))
        st = status(s)
    assert [b.is_correction for b in batches] == [False, True]
    assert batches[1].period == PERIOD and batches[1].record_count == 2
    assert (batches[0].content_hash, batches[0].record_count) == sealed
    assert st.pending_records == 0 and st.unsent_batches == 0
    assert county_versions(county.engine) == site_versions(site)
    month = stats.month(county.engine, "TEST01", PERIOD)
    assert month["person_times"] == len(ids["attendance"]) - 1  # the county counts the fix
    assert month["learner_hours"] == 2.0 * (len(ids["attendance"]) - 1)
