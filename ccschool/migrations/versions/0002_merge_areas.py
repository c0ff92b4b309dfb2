"""Join the schema changes made side by side for classes, learners and reports.

Revision ID: 0002_merge
Revises: classes_0001, learners_0002, reports_0001
"""
revision = "0002_merge"
down_revision = ("classes_0001", "learners_0002", "reports_0001")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # a merge point only: each parent already made its own change


def downgrade() -> None:
    pass
