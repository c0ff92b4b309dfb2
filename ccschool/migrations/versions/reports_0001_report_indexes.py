"""indexes for the monthly report

Revision ID: reports_0001
Revises: 0001_initial
"""
from alembic import op
import sqlalchemy as sa


revision = "reports_0001"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A covering index over a month's live attendance rows: the report reads only this index.
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index("ix_attendance_report",
                              ["session_date", "status", "session_id", "learner_id", "deleted_at"],
                              unique=False, sqlite_where=sa.text("deleted_at IS NULL"))
    with op.batch_alter_table("learner", schema=None) as batch_op:
        batch_op.create_index("ix_learner_deleted", ["deleted_at"], unique=False,
                              sqlite_where=sa.text("deleted_at IS NOT NULL"))


def downgrade() -> None:
    with op.batch_alter_table("learner", schema=None) as batch_op:
        batch_op.drop_index("ix_learner_deleted")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index("ix_attendance_report")
