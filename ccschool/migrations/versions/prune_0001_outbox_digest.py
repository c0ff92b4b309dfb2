"""prune: acknowledged outbox payloads can be dropped, keeping each record's content hash

Revision ID: prune_0001
Revises: devices_0001

Two nullable columns (ADD COLUMN only: no table rebuild of a big outbox): `digest`, the sha256
of a sealed record's wire data, which reconcile compares once the payload is gone, and
`upload_batch.pruned_at`, so later prune runs skip batches already done.
"""
from alembic import op
import sqlalchemy as sa


revision = "prune_0001"
down_revision = "devices_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("outbox_entry", sa.Column("digest", sa.String(), nullable=True))
    op.add_column("outbox_entry", sa.Column("erased_digest", sa.String(), nullable=True))
    op.add_column("upload_batch", sa.Column("pruned_at", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("upload_batch") as b:
        b.drop_column("pruned_at")
    with op.batch_alter_table("outbox_entry") as b:
        b.drop_column("erased_digest")
        b.drop_column("digest")
