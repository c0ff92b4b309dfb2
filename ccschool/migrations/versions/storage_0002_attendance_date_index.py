"""storage: the month's attendance is found by a narrow date index, not a covering one

Revision ID: storage_0002
Revises: import_0001

`ix_attendance_report` (session_date, status, session_id, learner_id) let the monthly report
read a month from the index alone, at 95 bytes per attendance row: 92 MB of the 100,000-learner
demo's 842 MB, the largest single item after the table itself (issue 22: a site's file at most
0.7 GB). A partial index on session_date alone (live rows) is 19 bytes per row; the report
then reads the month's rows from the table, which check-ins write session by session, so they
sit together on few pages (0.05 -> 0.07 s per pass over a busy month, bench/bench_reports.py).
"""
import sqlalchemy as sa
from alembic import op


revision = "storage_0002"
down_revision = "import_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_attendance_report", table_name="attendance")
    op.create_index("ix_attendance_date", "attendance", ["session_date"],
                    sqlite_where=sa.text("deleted_at IS NULL"))


def downgrade() -> None:
    op.drop_index("ix_attendance_date", table_name="attendance")
    op.create_index("ix_attendance_report", "attendance",
                    ["session_date", "status", "session_id", "learner_id", "deleted_at"],
                    sqlite_where=sa.text("deleted_at IS NULL"))
