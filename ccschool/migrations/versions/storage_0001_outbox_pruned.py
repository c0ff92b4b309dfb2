"""storage: pruned outbox rows move to a compact table; a redundant attendance index goes

Revision ID: storage_0001
Revises: prune_0001

`outbox_pruned` holds what reconcile and corrections need of an acknowledged outbox row once
its payload is pruned (sync/prune.py), about a third of the row it replaces. Batches pruned by
prune_0001 (payloads emptied in place) are marked unpruned, so the next prune run moves their
rows over too (their kept hex digests are carried across).

`ix_attendance_date` (session_date) goes: every query on session_date also asks for live rows
(deleted_at IS NULL), which the partial covering index ix_attendance_report serves.
"""
from alembic import op
import sqlalchemy as sa


revision = "storage_0001"
down_revision = "pools_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_pruned",
        sa.Column("chunk_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("record_id", sa.LargeBinary(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(), nullable=False),
        sa.Column("digest", sa.LargeBinary(), nullable=False),
        sa.Column("erased_digest", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("chunk_id", "seq"),
        sqlite_with_rowid=False,
    )
    op.execute("UPDATE upload_batch SET pruned_at = NULL WHERE pruned_at IS NOT NULL")
    op.drop_index("ix_attendance_date", table_name="attendance")


def downgrade() -> None:
    op.create_index("ix_attendance_date", "attendance", ["session_date"])
    # Pruned rows go back as prune_0001 kept them: no payload, the hashes in hex.
    op.execute(
        "INSERT INTO outbox_entry (seq, kind, record_id, version, op, period, payload, "
        "created_at, batch_id, result, digest, erased_digest) "
        "SELECT p.seq, p.kind, CASE typeof(p.record_id) WHEN 'blob' THEN lower(hex(p.record_id)) "
        "ELSE p.record_id END, p.version, 'upsert', b.period, '', b.created_at, b.id, p.result, "
        "lower(hex(p.digest)), nullif(lower(hex(p.erased_digest)), '') FROM outbox_pruned p "
        "JOIN upload_chunk c ON c.id = p.chunk_id JOIN upload_batch b ON b.id = c.batch_id")
    op.drop_table("outbox_pruned")
