"""Storage (issue 22): new files give freed pages back, and every attendance query of the desk,
the status bar, the timetable and the monthly report reads an index, never the whole table,
since the covering report index made way for the narrow date index (storage_0002)."""
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


def _month_overview_sql(db) -> str:
    """The timetable's month query as SQLite runs it (services.sessions.month_overview)."""
    from sqlalchemy import event

    from ccschool.services import sessions

    seen: list[str] = []

    def note(conn, cursor, statement, params, context, executemany):
        if "attendance" in statement:  # its parameters are the month's dates
            seen.append(statement.replace("?", "'2026-03-01'"))
    event.listen(db.engine, "before_cursor_execute", note)
    try:
        with db.read() as s:
            sessions.month_overview(s, year=2026, month=3)
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert len(seen) == 1, seen
    return seen[0]


def test_the_report_index_made_way_for_a_narrow_date_index(db):
    with db.engine.connect() as conn:
        names = {r[0] for r in conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'attendance'"))}
    assert "ix_attendance_date" in names and "ix_attendance_report" not in names


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
        "timetable": (_month_overview_sql(db), {}),
    }
    for name, (sql, params) in plans.items():
        plan = _plan(db, sql, params)
        whole_table = [line for line in plan.splitlines()
                       if line.startswith(("SCAN a", "SCAN attendance")) and "INDEX" not in line]
        assert not whole_table, f"{name}: {plan}"
        assert "ix_attendance_date" in plan or "ux_attendance_live" in plan, f"{name}: {plan}"
