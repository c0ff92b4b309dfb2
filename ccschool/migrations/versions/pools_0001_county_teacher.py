"""pools: the county's shared teacher list (县师资库) as the site last received it

Revision ID: pools_0001
Revises: prune_0001

A new local table only (never synced); its revision lives in the county_teachers setting.
"""
from alembic import op
import sqlalchemy as sa


revision = "pools_0001"
down_revision = "prune_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "county_teacher",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.Column("subjects", sa.String(), nullable=False),
        sa.Column("phone", sa.String(length=11), nullable=True),
        sa.Column("township", sa.String(length=40), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("county_teacher")
