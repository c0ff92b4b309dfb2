"""devices: several laptops per site

Revision ID: devices_0001
Revises: 0002_merge

A database made before devices existed becomes device 1 of its site: its numbers (cards,
certificates, sequences) and versions stay valid, because device 1 keeps the old number format
and every version the hybrid clock makes from now on is far above the old counters.
"""
from alembic import op
import sqlalchemy as sa


revision = "devices_0001"
down_revision = "0002_merge"
branch_labels = None
depends_on = None

# Unnamed unique constraints of the first release get these names when reflected.
_NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s_%(column_1_name)s"}
_RECORD_TABLES = ("site", "device", "person", "learner", "learning_card", "venue", "course_class",
                  "class_session", "enrollment", "attendance", "instructor", "service_record",
                  "session_volunteer", "certificate", "satisfaction_score")
_TWINS = (("enrollment", "ux_enrollment_live"), ("certificate", "ux_certificate_live"),
          ("satisfaction_score", "ux_satisfaction_live"))


def upgrade() -> None:
    op.create_table(
        "device",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("joined_at", sa.String(length=32), nullable=False),
        sa.Column("retired_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    op.create_table(
        "device_state",
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("known_version", sa.Integer(), nullable=False),
        sa.Column("peer_knowledge", sa.String(), nullable=False),
        sa.Column("last_heard_at", sa.String(length=32), nullable=True),
        sa.Column("last_sent_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("number"),
    )
    # A learner enrolled (or certified, or scored) on two laptops: one live row is kept and
    # the twin is merged as a soft-deleted row, so the key is unique among live rows only.
    for table, index in _TWINS:
        with op.batch_alter_table(table, naming_convention=_NAMING) as batch_op:
            batch_op.drop_constraint(f"uq_{table}_class_id_learner_id", type_="unique")
            batch_op.create_index(index, ["class_id", "learner_id"], unique=True,
                                  sqlite_where=sa.text("deleted_at IS NULL"))
    # A sync sends what changed since a version: one index per record table finds it.
    for table in _RECORD_TABLES:
        op.create_index(f"ix_{table}_version", table, ["version"])
    _first_device()


def _first_device() -> None:
    """An existing site's laptop is device 1 (a new database gets it from `init`)."""
    conn = op.get_bind()
    site = conn.execute(sa.text("SELECT created_at FROM site WHERE deleted_at IS NULL")).first()
    if site is None:
        return
    import uuid
    conn.execute(sa.text(
        "INSERT INTO device (id, created_at, updated_at, version, number, name, joined_at) "
        "VALUES (:id, :at, :at, 1, 1, '', :at)"), {"id": uuid.uuid4().hex, "at": site[0]})
    conn.execute(sa.text("INSERT INTO counter (name, value) VALUES ('device', 1)"))
    conn.execute(sa.text("INSERT INTO device_state (number, known_version, peer_knowledge) "
                         "VALUES (1, 0, '{}')"))


def downgrade() -> None:
    for table in _RECORD_TABLES:
        if table != "device":
            op.drop_index(f"ix_{table}_version", table_name=table)
    for table, index in _TWINS:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(index)
            batch_op.create_unique_constraint(f"uq_{table}_class_id_learner_id",
                                              ["class_id", "learner_id"])
    op.drop_table("device_state")
    op.drop_table("device")
