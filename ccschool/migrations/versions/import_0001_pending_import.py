"""import: the ranges of rows a roster import has written in steps but not yet made visible

Revision ID: import_0001
Revises: devices_0002

A large roster import writes in steps a second program can get in between, under a pending
state every reader ignores (ccschool/sync/pending_import.py); its last short transaction
deletes its ranges here, which makes the whole import visible at once.
"""
import sqlalchemy as sa
from alembic import op


revision = "import_0001"
down_revision = "devices_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_pending",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.String(length=32), nullable=False),
        sa.Column("tbl", sa.String(), nullable=False),
        sa.Column("lo", sa.Integer(), nullable=False),
        sa.Column("hi", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_import_pending_import_id", "import_pending", ["import_id"])
    op.create_index("ix_import_pending_range", "import_pending", ["tbl", "lo", "hi"])


def downgrade() -> None:
    op.drop_index("ix_import_pending_range", table_name="import_pending")
    op.drop_index("ix_import_pending_import_id", table_name="import_pending")
    op.drop_table("import_pending")
