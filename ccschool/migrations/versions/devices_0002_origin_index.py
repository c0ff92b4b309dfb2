"""devices: an index on each synced table by the device that made a version

Revision ID: devices_0002
Revises: storage_0001

`(version & 255, version)`: the device bits of a version, then the version. Finding the newest
version a device made, or the versions of one device above what a peer holds, is then an index
range instead of a scan of the whole table (an incremental sync of a big site read every
record to find one day's changes). Written as plain SQL: the expression must be spelt exactly
as `ccschool/sync/devicesync.py` queries it for SQLite to use the index.
"""
from alembic import op


revision = "devices_0002"
down_revision = "storage_0001"
branch_labels = None
depends_on = None

TABLES = ("site", "device", "venue", "person", "instructor", "learner", "learning_card",
          "course_class", "class_session", "enrollment", "attendance", "service_record",
          "certificate", "satisfaction_score")


def upgrade() -> None:
    for table in TABLES:
        op.execute(f"CREATE INDEX IF NOT EXISTS ix_{table}_origin "
                   f"ON {table} ((version & 255), version)")


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_origin")
