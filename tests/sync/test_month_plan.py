"""Month close says beforehand exactly what it seals (issue 17.5): every earlier unclosed month
too, with a warning for the unfinished current month and for a month without records."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, update

from ccschool.errors import Conflict
from ccschool.models import OutboxEntry
from ccschool.sync import batching
from tests.sync.factory import small_month

TODAY = date(2026, 11, 20)


@pytest.fixture
def months(db):
    """Records written in September and November 2026; nothing in October."""
    small_month(db)
    with db.transaction(actor="test") as s:
        s.execute(update(OutboxEntry).values(period="2026-09"))
        first = s.scalar(select(func.min(OutboxEntry.seq)))
        s.execute(update(OutboxEntry).where(OutboxEntry.seq <= first + 2).values(period="2026-11"))
        counts = dict(s.execute(select(OutboxEntry.period, func.count())
                                .group_by(OutboxEntry.period)).all())
    return db, counts


def test_the_plan_names_every_month_sealed_and_warns(months):
    db, counts = months
    with db.read() as s:
        plan = batching.plan_close(s, period="2026-11", today=TODAY)
        october = batching.plan_close(s, period="2026-10", today=TODAY)
    assert plan.months == [("2026-09", counts["2026-09"]), ("2026-10", 0),
                           ("2026-11", counts["2026-11"])]
    assert plan.current and not plan.empty and plan.records == sum(counts.values())
    assert october.months == [("2026-09", counts["2026-09"]), ("2026-10", 0)]
    assert october.empty and not october.current


def test_after_a_close_the_plan_starts_at_the_next_month(months):
    db, counts = months
    with db.transaction(actor="test") as s:
        batches = batching.close_month(s, period="2026-10", today=TODAY)
    assert [b.period for b in batches] == ["2026-09", "2026-10"]
    with db.read() as s:
        plan = batching.plan_close(s, period="2026-11", today=TODAY)
        assert plan.months == [("2026-11", counts["2026-11"])] and plan.corrections == []
        with pytest.raises(Conflict, match="已月结"):
            batching.plan_close(s, period="2026-10", today=TODAY)
