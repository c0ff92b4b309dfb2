"""Month close and upload over real HTTP to the reference receiver."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from ccschool.errors import Conflict, ValidationError
from ccschool.models import Attendance, ClassSession, OutboxEntry, UploadBatch
from ccschool.sync import batching, wire
from ccschool.sync.status import status
from ccschool.sync.uploader import push, transport_for_site
from tests.sync.conftest import county_versions, site_versions
from tests.sync.factory import DAY, PERIOD, bulk_attendance, small_month


def _push(db, url=None):
    transport = transport_for_site(db, url)
    try:
        return push(db, transport)
    finally:
        transport.close()


def test_close_month_freezes_the_batch(site):
    small_month(site)
    with site.transaction(actor="admin") as s:
        [batch] = batching.close_month(s, period=PERIOD)
    with site.read() as s:
        batch = s.get(UploadBatch, batch.id)
        env = batching.whole_batch(s, batch)
        pending = s.scalar(select(OutboxEntry.seq).where(OutboxEntry.batch_id.is_(None)))
    assert batch.record_count == len(env["records"]) > 10 and pending is None
    assert batch.content_hash == wire.content_hash(env["records"])
    with site.transaction(actor="admin") as s, pytest.raises(Conflict):
        batching.close_month(s, period=PERIOD)
    with site.transaction(actor="admin") as s, pytest.raises(ValidationError):
        batching.close_month(s, period="2999-01")


def test_push_delivers_every_record_once(site, county):
    small_month(site)
    with site.transaction(actor="admin") as s:
        batching.close_month(s, period=PERIOD, max_records=5)
    result = _push(site)
    assert result.error is None and result.remaining_batches == 0
    assert result.chunks_sent >= 3 and result.rejected == 0
    assert county_versions(county.engine) == site_versions(site)
    again = _push(site)
    assert again.chunks_sent == 0 and county_versions(county.engine) == site_versions(site)
    with site.read() as s:
        st = status(s)
    assert st.unsent_batches == 0 and st.last_success
    month = [m for m in st.months if m.period == PERIOD][0]
    assert month.here == month.acknowledged


def test_one_bad_record_is_rejected_the_rest_accepted_and_it_waits_to_be_fixed(site, county):
    ids = small_month(site)
    att_ids = bulk_attendance(site, 2000, ids)
    bad = att_ids[1234]
    with site.transaction(actor="test") as s:  # a buggy import wrote a status nobody knows
        entry = s.scalars(select(OutboxEntry).where(OutboxEntry.record_id == bad)).one()
        payload = json.loads(entry.payload)
        payload["status"] = "maybe"
        entry.payload = json.dumps(payload)
        s.add(entry)
    with site.transaction(actor="admin") as s:
        batching.close_month(s, period=PERIOD)
    result = _push(site)
    assert result.rejected == 1 and result.remaining_batches == 0
    assert county_versions(county.engine) == site_versions(site)
    with site.read() as s:
        [fix] = status(s).needs_fixing
    assert fix.record_id == bad and "status" in fix.reason
    with site.transaction(actor="staff") as s:  # the user fixes it: a new version goes out
        s.execute(update(Attendance).where(Attendance.id == bad).values(status="late"))
        att = s.get(Attendance, bad)
        att.reason = "补录更正"
        s.add(att)
    result = _push(site)
    assert result.accepted == 1 and result.rejected == 0
    with site.read() as s:
        st = status(s)
        assert st.needs_fixing == []
        assert any(b.is_correction for b in st.batches)
    with site.read() as s:
        fixed = s.get(Attendance, bad).version
    assert (bad, fixed) in county_versions(county.engine)


def test_a_batch_the_county_refuses_does_not_hold_back_the_next(site, county):
    ids = small_month(site)
    last_month = (DAY - timedelta(days=1)).replace(day=1)
    with site.transaction(actor="admin") as s:  # a session back-dated into last month
        sess = s.get(ClassSession, ids["session"])
        s.add(ClassSession(class_id=sess.class_id, date=last_month, start_time=sess.start_time,
                           end_time=sess.end_time, hours=1.0))
    with site.transaction(actor="admin") as s:
        first, second = batching.close_month(s, period=PERIOD)
        first.schema_version = 99  # what a county that has not upgraded yet refuses (422)
        s.add(first)
    result = _push(site)
    assert result.remaining_batches == 1 and "422" in result.error
    with site.read() as s:
        assert s.get(UploadBatch, second.id).state == "done"
        assert "422" in s.get(UploadBatch, first.id).last_error
