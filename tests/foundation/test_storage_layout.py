"""Storage (issue 22): new files give freed pages back, and every attendance query of the desk,
the status bar, the timetable and the monthly report still reads an index after the date-only
index went (storage_0001)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import text

from ccschool.reports import queries
from ccschool.services import first_paint
from ccschool.services.attendance import desk


def _plan(db, sql, params) -> str:
    with db.engine.connect() as conn:
        sql = sql.text if hasattr(sql, "text") else sql
        return "\n".join(r[-1] for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql), params))


def test_a_new_database_shrinks_in_steps(db):
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA auto_vacuum")).scalar() == 2  # INCREMENTAL


def test_attendance_queries_read_an_index_not_the_table(db):
    month = {"start": "2026-03-01", "end": "2026-03-31"}
    plans = {
        "desk count": (desk._HERE_SQL, {"sid": "x"}),
        "desk list": (desk._SIGNINS_SQL, {"sid": "x"}),
        "report": (queries.PER_SESSION, month),
        "report rows": ("WITH " + queries.COUNTED + " SELECT count(*) FROM counted", month),
        "status bar today": (first_paint._SIGNED_IN_SQL, {"day": date(2026, 3, 2).isoformat()}),
    }
    for name, (sql, params) in plans.items():
        plan = _plan(db, sql, params)
        whole_table = [line for line in plan.splitlines()
                       if line.startswith(("SCAN a", "SCAN attendance")) and "INDEX" not in line]
        assert not whole_table, f"{name}: {plan}"
        assert "ix_attendance_report" in plan or "ux_attendance_live" in plan, f"{name}: {plan}"
